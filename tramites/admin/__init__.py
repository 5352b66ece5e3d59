"""Admin de trámites: catálogo (fichas SUIT), registro ICA, mesa de revisión y
adopción (ventanilla frente a en línea)."""

from tramites.admin import (  # noqa: F401
    adopcion,
    archivo,
    catalogo,
    registro,
    revision,
)
