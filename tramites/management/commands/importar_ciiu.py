from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sanpedro_gel.hojas import HojaIlegible
from tramites.services.importacion import importar_ciiu, leer_csv


class Command(BaseCommand):
    help = (
        "Importa el catálogo de actividades CIIU desde un CSV con columnas codigo, "
        "descripcion y, opcionales, seccion, permite_ampliacion_horario (sí/no) y "
        "activa (sí/no). Idempotente; las filas malas se informan por línea."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path, help="Ruta del archivo CSV.")

    def handle(self, *args, archivo: Path, **options):
        if not archivo.is_file():
            raise CommandError(f"No existe el archivo {archivo}.")
        try:
            filas = leer_csv(archivo.read_bytes())
        except HojaIlegible as error:
            raise CommandError(f"{archivo}: {error}") from None
        resultado = importar_ciiu(filas)
        for linea, mensaje in resultado.errores:
            self.stderr.write(f"Línea {linea}: {mensaje}")
        self.stdout.write(f"Actividades CIIU: {resultado.resumen()}")
