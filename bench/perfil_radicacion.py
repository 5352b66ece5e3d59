"""Perfil de CPU de una radicación completa en las vistas, sin red.

Hace con el cliente de pruebas de Django el mismo recorrido que cada ciudadano
simulado de `carga_radicacion.py` (ingresar, iniciar, cinco pasos, dos
documentos, revisión, radicar, confirmación), con las tareas en línea
desactivadas (el PDF y el correo son del trabajador de Celery), y da el tiempo
de CPU de cada petición y las funciones que más pesan según cProfile.
Base SQLite en memoria salvo que DATABASE_URL diga otra cosa (entonces crea y
borra `<nombre>_perfil`); con REDIS_URL, caché y sesiones en Redis como en
producción.

    python bench/perfil_radicacion.py [--veces 5] [--lineas 40] [--sin-perfil]
"""

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _entorno import base_de_pruebas, iniciar_django
from carga_radicacion import (
    CLAVE,
    archivos_de_prueba,
    pasos_inscripcion,
    requisitos_obligatorios,
)


class Recorrido:
    """Una radicación con el cliente de pruebas; CPU de cada petición en ms."""

    def __init__(self, correo, iniciar):
        self.correo = correo
        self.iniciar = iniciar
        self.archivos = archivos_de_prueba()
        self.cpu = {}
        self.consultas = {}

    def _pedir(self, cliente, paso, metodo, ruta, datos=None, espera=200):
        from django.core.files.uploadedfile import SimpleUploadedFile

        archivos = {
            campo: SimpleUploadedFile(nombre, contenido, content_type=tipo)
            for campo, (nombre, tipo, contenido) in (datos or {})
            .pop("_archivos", {})
            .items()
        }
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        inicio = time.process_time()
        with CaptureQueriesContext(connection) as consultas:
            if metodo == "GET":
                respuesta = cliente.get(ruta, secure=True)
            else:
                respuesta = cliente.post(ruta, {**datos, **archivos}, secure=True)
        self.cpu.setdefault((paso, metodo), []).append(
            (time.process_time() - inicio) * 1000
        )
        self.consultas[(paso, metodo)] = len(consultas)
        assert respuesta.status_code == espera, (paso, metodo, respuesta.status_code)
        if espera == 302:
            return respuesta.url
        return respuesta.content.decode()

    def una(self, numero):
        from django.test import Client

        cliente = Client()
        self._pedir(cliente, "ingresar", "GET", "/cuentas/ingresar/")
        self._pedir(
            cliente,
            "ingresar",
            "POST",
            "/cuentas/ingresar/",
            {"login": self.correo, "password": CLAVE},
            302,
        )
        self._pedir(cliente, "iniciar", "GET", self.iniciar)
        ruta = self._pedir(cliente, "iniciar", "POST", self.iniciar, {}, 302)
        for clave, campos in pasos_inscripcion(numero, self.correo):
            self._pedir(cliente, clave, "GET", ruta)
            ruta = self._pedir(
                cliente, clave, "POST", ruta, {**campos, "accion": "continuar"}, 302
            )
        html = self._pedir(cliente, "documentos", "GET", ruta)
        campos = requisitos_obligatorios(html)
        ruta = self._pedir(
            cliente,
            "documentos",
            "POST",
            ruta,
            {
                "accion": "continuar",
                "_archivos": dict(zip(campos, self.archivos, strict=True)),
            },
            302,
        )
        html = self._pedir(cliente, "revision", "GET", ruta)
        aviso = re.search(r'name="aviso" value="(\d+)"', html).group(1)
        ruta = self._pedir(
            cliente,
            "radicar",
            "POST",
            ruta,
            {"aviso": aviso, "acepta_aviso": "on", "como_se_entero": "EMISORA"},
            302,
        )
        html = self._pedir(cliente, "confirmacion", "GET", ruta)
        assert re.search(r"ICA-\d{4}-\d{6}", html)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--veces", type=int, default=5)
    parser.add_argument("--lineas", type=int, default=40)
    parser.add_argument("--sin-perfil", action="store_true")
    argumentos = parser.parse_args()
    iniciar_django()
    from django.conf import settings

    base = settings.DATABASES["default"]
    if base["ENGINE"].endswith("postgresql"):
        base.setdefault("TEST", {})["NAME"] = f"{base['NAME']}_perfil"
    # Como en producción: las tareas van al broker, no corren en la petición.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.DEBUG = False
    from sanpedro_gel import buzon

    buzon.encolar = lambda *a, **k: None
    with base_de_pruebas():
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        from tramites import demo
        from tramites.models import Tramite

        demo.cargar_catalogo()
        correo = "perfil@correo.test"
        usuario = get_user_model().objects.create_user(correo, password=CLAVE)
        EmailAddress.objects.create(
            user=usuario, email=correo, verified=True, primary=True
        )
        tramite = Tramite.objects.get(tipo="INSCRIPCION_ICA")
        recorrido = Recorrido(correo, f"/tramites/{tramite.slug}/iniciar/")
        recorrido.una(1)  # calentamiento: importaciones, plantillas, cachés
        recorrido.cpu = {}
        # Tiempo de CPU del proceso, no de reloj: la espera a PostgreSQL no cuenta.
        perfil = cProfile.Profile(time.process_time)
        inicio = time.process_time()
        for numero in range(2, argumentos.veces + 2):
            if argumentos.sin_perfil:
                recorrido.una(numero)
            else:
                perfil.runcall(recorrido.una, numero)
        total = (time.process_time() - inicio) * 1000 / argumentos.veces

    print(f"CPU por radicación completa: {total:.0f} ms ({argumentos.veces} veces)")
    print("\n| paso | petición | CPU mediana | consultas |")
    print("| --- | --- | ---: | ---: |")
    for (paso, metodo), valores in recorrido.cpu.items():
        print(
            f"| {paso} | {metodo} | {statistics.median(valores):.1f} ms | "
            f"{recorrido.consultas[(paso, metodo)]} |"
        )
    if not argumentos.sin_perfil:
        print()
        estadisticas = pstats.Stats(perfil)
        estadisticas.sort_stats("cumulative").print_stats(argumentos.lineas)
        # Solo el código del portal (vistas, pasos, servicios, plantillas propias).
        estadisticas.print_stats(r"/(tramites|sanpedro_gel)/", argumentos.lineas)
        estadisticas.sort_stats("tottime").print_stats(argumentos.lineas)


if __name__ == "__main__":
    sys.exit(main())
