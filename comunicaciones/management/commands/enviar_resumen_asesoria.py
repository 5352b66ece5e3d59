"""Gemelo del trabajo de las 7:00 `comunicaciones-resumen-asesoria` de Celery beat."""

from datetime import date

from django.core.management.base import BaseCommand

from comunicaciones.services.resumen_asesoria import enviar_resumenes_asesoria


class Command(BaseCommand):
    help = (
        "Envía a quienes responden la asesoría ciudadana el resumen del día: "
        "preguntas vencidas y por vencer en 3 días hábiles o menos (una vez por día)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fecha",
            type=date.fromisoformat,
            help="Fecha del resumen AAAA-MM-DD (por defecto, hoy).",
        )

    def handle(self, *args, **options):
        total = enviar_resumenes_asesoria(hoy=options["fecha"])
        self.stdout.write(f"Resúmenes de asesoría enviados: {total}")
