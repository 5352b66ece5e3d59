"""Gemelo del barrido `tramites-avisos-pendientes` de Celery beat."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from tramites.services.avisos import completar_avisos_pendientes


class Command(BaseCommand):
    help = "Envía los avisos al ciudadano que no salieron (broker o SMTP caídos)."

    def handle(self, *args, **options):
        total = completar_avisos_pendientes(antiguedad=timedelta(0))
        self.stdout.write(f"Avisos revisados: {total}")
