from django.apps import AppConfig


class TramitesConfig(AppConfig):
    name = "tramites"
    verbose_name = "Trámites en línea"

    def ready(self):
        # Cada módulo registra la Definicion de su trámite al importarse.
        from tramites.pasos import horario, inscripcion, novedad  # noqa: F401

        # Los documentos expedidos se suman al selector de /verificar/<código>/.
        from tramites.services import verificacion  # noqa: F401
