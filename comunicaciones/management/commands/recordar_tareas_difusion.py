from django.core.management.base import BaseCommand

from comunicaciones.services.tareas import recordar_tareas


class Command(BaseCommand):
    help = (
        "Envía a los responsables los recordatorios de sus tareas de difusión "
        "(el día anterior y el mismo día), como hace Celery beat."
    )

    def handle(self, *args, **options):
        cuantos = recordar_tareas()
        self.stdout.write(f"Recordatorios encolados: {cuantos}")
