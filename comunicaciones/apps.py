from django.apps import AppConfig


class ComunicacionesConfig(AppConfig):
    name = "comunicaciones"
    verbose_name = "Plan de comunicaciones"

    def ready(self):
        # Los preparadores de sus correos se registran en la bandeja de salida.
        # Su plazo de conservación, a la política de datos.
        from comunicaciones import conservacion, correos, verificacion  # noqa: F401
