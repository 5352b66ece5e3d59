from django.apps import AppConfig


class ComunicacionesConfig(AppConfig):
    name = "comunicaciones"
    verbose_name = "Plan de comunicaciones"

    def ready(self):
        # Los preparadores de sus correos se registran en la bandeja de salida.
        from comunicaciones import correos, verificacion  # noqa: F401
