from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sanpedro_gel.demo import CLAVE_DEMO, USUARIOS_DEMO


class Command(BaseCommand):
    help = (
        "Carga los datos de demostración de cada app (idempotente) "
        "e imprime los usuarios."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--forzar",
            action="store_true",
            help="Permite cargar la demostración en un portal de producción.",
        )

    def handle(self, *args, **options):
        if not settings.EMBEBIDO and not options["forzar"]:
            raise CommandError(
                "En un portal de producción (PORTAL_URL con https) no se cargan "
                "datos de demostración (use --forzar)."
            )
        for config in apps.get_app_configs():
            try:
                modulo = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            modulo.cargar()

        self.stdout.write("")
        self.stdout.write(
            f"Usuarios de demostración (contraseña para todos: {CLAVE_DEMO})"
        )
        for rol, correo in USUARIOS_DEMO:
            self.stdout.write(f"  {rol:<34} {correo}")
        self.stdout.write("")
