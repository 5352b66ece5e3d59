from django.apps import AppConfig


class TramitesConfig(AppConfig):
    name = "tramites"
    verbose_name = "Trámites en línea"

    def ready(self):
        # Cada módulo registra la Definicion de su trámite al importarse.
        # La constancia y los documentos expedidos se suman a /verificar/<código>/;
        # los correos de los trámites, a la bandeja de salida.
        # Sus plazos de conservación, a la política de datos; las páginas
        # públicas guardadas se invalidan cuando cambia lo que muestran
        # (sanpedro_gel.paginas).
        from tramites import conservacion, correos, paginas, verificacion  # noqa: F401
        from tramites.pasos import horario, inscripcion, novedad  # noqa: F401

        paginas.conectar()
