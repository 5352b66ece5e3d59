from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sanpedro_gel.hojas import HojaIlegible
from tramites.services.importacion import (
    COLUMNAS_REGISTRO,
    importar_registro_ica,
    leer_csv,
)


class Command(BaseCommand):
    help = (
        "Carga el registro de Industria y Comercio que ya tiene el municipio "
        "(contribuyentes, actividades CIIU y establecimientos) desde un CSV. Es "
        "idempotente: volver a importar el mismo archivo no cambia nada. Las filas "
        "con errores se informan por número de línea y el resto se carga.\n"
        + COLUMNAS_REGISTRO
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path, help="Ruta del archivo CSV.")

    def handle(self, *args, archivo: Path, **options):
        if not archivo.is_file():
            raise CommandError(f"No existe el archivo {archivo}.")
        try:
            filas = leer_csv(archivo.read_bytes())
        except HojaIlegible as error:
            raise CommandError(f"{archivo}: {error}") from None
        resultado = importar_registro_ica(filas)
        for linea, mensaje in resultado.errores:
            self.stderr.write(f"Línea {linea}: {mensaje}")
        self.stdout.write(f"Registro ICA: {resultado.resumen()}")
