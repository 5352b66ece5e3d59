from django.apps import AppConfig


class TramitesConfig(AppConfig):
    name = "tramites"
    verbose_name = "Trámites en línea"

    def ready(self):
        # Cada módulo registra la Definicion de su trámite al importarse.
        from tramites.formularios import horario, inscripcion, novedad  # noqa: F401
