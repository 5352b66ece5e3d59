"""Gemelo del trabajo de las 7:00 `tramites-resumen-revisores` de Celery beat."""

from datetime import date

from django.core.management.base import BaseCommand

from tramites.services.avisos import enviar_resumenes_revisores


class Command(BaseCommand):
    help = (
        "Envía a cada revisor el resumen del día: solicitudes vencidas, por vencer "
        "en 3 días hábiles o menos y sin asignar (una vez por día)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fecha",
            type=date.fromisoformat,
            help="Fecha del resumen AAAA-MM-DD (por defecto, hoy).",
        )

    def handle(self, *args, **options):
        total = enviar_resumenes_revisores(hoy=options["fecha"])
        self.stdout.write(f"Resúmenes enviados: {total}")
