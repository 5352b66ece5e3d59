from django.apps import AppConfig


class ComunicacionesConfig(AppConfig):
    name = "comunicaciones"
    verbose_name = "Plan de comunicaciones"

    def ready(self):
        # Los preparadores de sus correos se registran en la bandeja de salida.
        # Su plazo de conservación, a la política de datos; las páginas
        # públicas guardadas se invalidan cuando cambia lo que muestran
        # (sanpedro_gel.paginas).
        from comunicaciones import (  # noqa: F401
            conservacion,
            correos,
            paginas,
            verificacion,
        )

        paginas.conectar()
