from django.core.management.base import BaseCommand

from capacitacion.services.despacho import ejecutar_despacho


class Command(BaseCommand):
    help = (
        "Deja en la bandeja de salida las invitaciones, recordatorios, avisos y "
        "seguimientos de capacitación cuya hora llegó (lo mismo que Celery beat "
        "cada minuto)."
    )

    def handle(self, *args, **options):
        resumen = ejecutar_despacho()
        self.stdout.write(
            f"Avisos tomados: {len(resumen.avisos)} · Seguimientos: "
            f"{len(resumen.seguimientos)}"
        )
