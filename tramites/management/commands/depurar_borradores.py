"""Gemelo del trabajo diario `tramites-depurar-borradores` de Celery beat."""

from django.core.management.base import BaseCommand

from tramites.services.retencion import depurar_borradores


class Command(BaseCommand):
    help = (
        "Avisa a los dueños de los borradores olvidados y borra, con sus "
        "adjuntos, los que cumplieron BORRADORES_DIAS_SIN_CAMBIOS días sin "
        "cambios y fueron avisados (Ley 1581 de 2012)."
    )

    def handle(self, *args, **options):
        resultado = depurar_borradores()
        self.stdout.write(
            f"Borradores avisados: {resultado['avisados']}; "
            f"descartados: {resultado['descartados']}"
        )
