"""Gemelo del trabajo diario `comunicaciones-depurar-suscriptores` de Celery beat."""

from django.core.management.base import BaseCommand

from comunicaciones.services.audiencias import depurar_suscriptores_sin_confirmar


class Command(BaseCommand):
    help = (
        "Borra las suscripciones a las noticias que no se confirmaron en "
        "SUSCRIPTORES_DIAS_PARA_CONFIRMAR días (Ley 1581 de 2012)."
    )

    def handle(self, *args, **options):
        borradas = depurar_suscriptores_sin_confirmar()
        self.stdout.write(f"Suscripciones sin confirmar borradas: {borradas}")
