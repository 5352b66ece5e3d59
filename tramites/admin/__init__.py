"""Admin de trámites: catálogo (fichas SUIT), registro ICA y mesa de revisión."""

from tramites.admin import catalogo, registro, revision  # noqa: F401
