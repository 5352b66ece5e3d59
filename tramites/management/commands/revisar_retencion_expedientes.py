"""Gemelo del trabajo diario `tramites-retencion-expedientes` de Celery beat."""

from datetime import date

from django.core.management.base import BaseCommand

from tramites.services.retencion import revisar_retencion_expedientes


class Command(BaseCommand):
    help = (
        "Lista los expedientes que cumplieron la retención de su tabla de "
        "retención documental, para que un funcionario apruebe su disposición "
        "final en el admin. No borra nada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fecha",
            type=date.fromisoformat,
            help="Fecha de referencia AAAA-MM-DD (por defecto, hoy).",
        )

    def handle(self, *args, **options):
        total = revisar_retencion_expedientes(hoy=options["fecha"])
        self.stdout.write(f"Expedientes por disponer: {total}")
