from comunicaciones.views.publico import inicio

__all__ = ["inicio"]
