from django.core.management.base import BaseCommand, CommandError

from comunicaciones.services.directorio import (
    FilaInvalida,
    importar_funcionarios,
    leer_directorio,
)


class Command(BaseCommand):
    help = (
        "Crea o actualiza las cuentas de los servidores públicos desde un CSV con las "
        "columnas nombres, apellidos, correo, cargo, dependencia, vinculacion, rol. "
        "Las cuentas nuevas reciben por correo un enlace para definir su contraseña."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archivo",
            help="Ruta del CSV (UTF-8, o el «CSV delimitado por comas» de Excel).",
        )

    def handle(self, *args, archivo, **options):
        try:
            with open(archivo, "rb") as contenido:
                resultado = importar_funcionarios(leer_directorio(contenido.read()))
        except (FileNotFoundError, IsADirectoryError):
            raise CommandError(f"No existe el archivo {archivo}.") from None
        except FilaInvalida as error:
            raise CommandError(str(error)) from None

        self.stdout.write(resultado.resumen())
        for correo in resultado.creados:
            self.stdout.write(f"  creado: {correo}")
        for correo in resultado.actualizados:
            self.stdout.write(f"  actualizado: {correo}")
        for rechazo in resultado.rechazos():
            self.stderr.write(f"  {rechazo}")
