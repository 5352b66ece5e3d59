from django.core.management.base import BaseCommand

from comunicaciones.services.despacho import ejecutar_despacho


class Command(BaseCommand):
    help = (
        "Toma las piezas del plan cuya hora llegó, publica o envía lo que toque y "
        "vuelve a encolar los envíos huérfanos (lo mismo que Celery beat cada minuto)."
    )

    def handle(self, *args, **options):
        resumen = ejecutar_despacho()
        self.stdout.write(
            f"Piezas tomadas: {len(resumen.tomadas)} · Envíos re-encolados: "
            f"{resumen.reencoladas}"
        )
