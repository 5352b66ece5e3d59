"""Gemelo del trabajo diario `tramites-desistimientos` de Celery beat."""

from datetime import date

from django.core.management.base import BaseCommand

from tramites.services.subsanacion import declarar_desistimientos_vencidos


class Command(BaseCommand):
    help = (
        "Declara el desistimiento tácito de las solicitudes cuyo plazo para "
        "subsanar venció sin respuesta (Ley 1755 de 2015, art. 17)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fecha",
            type=date.fromisoformat,
            help="Fecha de referencia AAAA-MM-DD (por defecto, hoy).",
        )

    def handle(self, *args, **options):
        total = declarar_desistimientos_vencidos(hoy=options["fecha"])
        self.stdout.write(f"Desistimientos declarados: {total}")
