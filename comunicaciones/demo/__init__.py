"""Datos de demostración de comunicaciones: el directorio de servidores públicos."""

from pathlib import Path

from comunicaciones.services.directorio import importar_funcionarios, leer_csv
from sanpedro_gel.demo import USUARIOS_DEMO, asegurar_usuario

CARPETA = Path(__file__).parent


def cargar():
    with open(CARPETA / "funcionarios.csv", encoding="utf-8", newline="") as archivo:
        importar_funcionarios(leer_csv(archivo), enviar_bienvenida=False)
    # Las cuentas de los roles reciben la clave de demostración para poder entrar.
    for _, correo in USUARIOS_DEMO:
        if correo.endswith("@portal-demo.test"):
            asegurar_usuario(correo)
