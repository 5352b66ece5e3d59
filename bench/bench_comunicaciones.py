"""Plan de comunicaciones: una pieza de 10.000 destinatarios por Celery y Redis.

Mide, en la misma corrida y contra el mismo sumidero SMTP local (aiosmtpd en su
propio proceso):

1. el portal: el despachador toma la pieza, crea los 10.000 envíos y publica
   los lotes en la cola `masivo`; un trabajador de Celery real (prefork) los
   envía por SMTP, marcando cada envío en PostgreSQL. Se cronometra desde el
   despacho hasta que el sumidero tiene los 10.000 y la pieza quedó enviada;
2. un bucle simple de smtplib en un solo proceso que arma los mismos mensajes
   con Django (la misma plantilla, el mismo enlace de baja por destinatario) y
   los envía por una conexión;
3. el mismo bucle con los mismos bytes que envía el portal (su plantilla en
   bytes), sin cola ni base de datos;
4. como referencia, el bucle con los mensajes ya armados: el techo del
   sumidero.

Razón = (1) / (3), la lectura más exigente de la meta; meta ≥ 0,8. Con
BENCH_RONDAS=N se alternan N veces (1) y (3) sobre la misma pieza (A B A B…) y
la razón es la mediana de las N parejas; (2) y (4) se miden una vez al final
(BENCH_REFERENCIAS=0 las omite).

Necesita DATABASE_URL en PostgreSQL (crea y borra una base `test_…` propia) y
CELERY_BROKER_URL en Redis (vacía sus colas `masivo` y `default`: no la corra
contra el broker de producción).

Variables: BENCH_DESTINATARIOS (10000), BENCH_CONCURRENCIA (4, los procesos del
trabajador de `masivo` que recomienda el README para producción).
"""

import multiprocessing
import os
import signal
import smtplib
import socket
import statistics
import subprocess
import sys
import time
from email.utils import parseaddr
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanpedro_gel.settings")

DESTINATARIOS = int(os.environ.get("BENCH_DESTINATARIOS", "10000"))
CONCURRENCIA = int(os.environ.get("BENCH_CONCURRENCIA", "4"))
RONDAS = int(os.environ.get("BENCH_RONDAS", "1"))
REFERENCIAS = os.environ.get("BENCH_REFERENCIAS", "1") != "0"


# --- Sumidero SMTP en su propio proceso -------------------------------------------


def _sumidero(puerto, total, listo, tubo):
    import logging
    from collections import Counter

    # aiosmtpd anota cada comando en INFO: en este proceso solo estorbaría.
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    from aiosmtpd.controller import Controller

    cuenta = Counter()

    class Manejador:
        async def handle_DATA(self, server, session, envelope):
            for destinatario in envelope.rcpt_tos:
                cuenta[destinatario.lower()] += 1
            with total.get_lock():
                total.value += len(envelope.rcpt_tos)
            return "250 OK"

    controlador = Controller(Manejador(), hostname="127.0.0.1", port=puerto)
    controlador.start()
    listo.set()
    while True:
        orden = tubo.recv()
        if orden == "estadisticas":
            duplicados = sum(1 for n in cuenta.values() if n > 1)
            tubo.send((sum(cuenta.values()), len(cuenta), duplicados))
        elif orden == "reiniciar":
            cuenta.clear()
            with total.get_lock():
                total.value = 0
            tubo.send("ok")
        elif orden == "fin":
            controlador.stop()
            return


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Utilidades -----------------------------------------------------------------


def _esperar(condicion, tiempo, cada=0.05):
    limite = time.monotonic() + tiempo
    while time.monotonic() < limite:
        if condicion():
            return True
        time.sleep(cada)
    return False


def _url_base(datos) -> str:
    clave = datos["PASSWORD"] or ""
    return (
        f"postgres://{datos['USER']}:{clave}@{datos['HOST'] or '127.0.0.1'}:"
        f"{datos['PORT'] or 5432}/{datos['NAME']}"
    )


def main() -> int:
    url_bd = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not url_bd.startswith("postgres") or not broker.startswith("redis"):
        print(
            "Omitido: defina DATABASE_URL=postgres://… y CELERY_BROKER_URL=redis://… "
            "(la medición usa un trabajador de Celery real)."
        )
        return 0
    os.environ["COMUNICACIONES_CORREOS_POR_SEGUNDO"] = "0"
    os.environ["REDIS_URL"] = ""

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from comunicaciones import estados
    from comunicaciones.models import (
        Envio,
        Pieza,
        Suscriptor,
        TextoConsentimiento,
    )
    from comunicaciones.services import despacho
    from comunicaciones.services.mensajes import Persona, PlantillaMasiva
    from sanpedro_gel.celery import app

    puerto = _puerto_libre()
    total = multiprocessing.Value("i", 0)
    listo = multiprocessing.Event()
    tubo_local, tubo_sumidero = multiprocessing.Pipe()
    sumidero = multiprocessing.Process(
        target=_sumidero, args=(puerto, total, listo, tubo_sumidero), daemon=True
    )
    sumidero.start()
    listo.wait(10)

    def estadisticas():
        tubo_local.send("estadisticas")
        return tubo_local.recv()

    def reiniciar_sumidero():
        tubo_local.send("reiniciar")
        tubo_local.recv()

    nombre_original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    trabajador = None
    try:
        # --- Datos: 10.000 suscriptores activos y una pieza de correo -------------
        from comunicaciones.models import Campana, Canal, Destinatarios

        texto = TextoConsentimiento.objects.first()
        ahora = timezone.now()
        Suscriptor.objects.bulk_create(
            (
                Suscriptor(
                    tipo="CIUDADANO",
                    nombre=f"Persona de prueba {n}",
                    correo=f"persona{n:05d}@correo.test",
                    vereda_barrio="Centro",
                    vereda_barrio_clave="centro",
                    estado="ACTIVO",
                    consentimiento=texto,
                    consentimiento_en=ahora,
                    confirmado_en=ahora,
                )
                for n in range(DESTINATARIOS)
            ),
            batch_size=2000,
        )
        from django.contrib.auth import get_user_model

        responsable = get_user_model().objects.create(email="bench@alcaldia.test")
        campana = Campana.objects.create(
            nivel="EXTERNO",
            nombre="Medición",
            objetivo="Medir el envío masivo.",
            fecha_inicio=ahora.date(),
            fecha_fin=ahora.date(),
            responsable=responsable,
        )
        pieza = Pieza.objects.create(
            campana=campana,
            canal=Canal.CORREO,
            destinatarios=Destinatarios.SUSCRIPTORES,
            titulo="Ya puede inscribir su negocio en línea",
            cuerpo=(
                "Hola, {{ nombre }}:\n\nDesde esta semana puede hacer en línea la "
                "**inscripción en el Registro de Industria y Comercio**, las "
                "**novedades del registro** y el **permiso de ampliación de "
                "horario**. Cree su cuenta con este correo y reciba el radicado al "
                "instante.\n\n- Sin filas\n- Gratis\n- Desde el celular"
            ),
            enlace="/tramites/",
            texto_enlace="Conocer los trámites",
            programada_para=ahora,
            estado=estados.PROGRAMADA,
        )

        # --- Trabajador de Celery real --------------------------------------------
        entorno = {
            **os.environ,
            "DATABASE_URL": _url_base(connection.settings_dict),
            "CELERY_BROKER_URL": broker,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(puerto),
            "EMAIL_USE_TLS": "false",
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sanpedro_gel",
                "purge",
                "-f",
                "-Q",
                "masivo,default",
            ],
            env=entorno,
            cwd=RAIZ,
            check=False,
            capture_output=True,
        )
        trabajador = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sanpedro_gel",
                "worker",
                "-Q",
                "masivo",
                "-c",
                str(CONCURRENCIA),
                "-P",
                "prefork",
                "-n",
                f"bench-{os.getpid()}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            env=entorno,
            cwd=RAIZ,
            start_new_session=True,
        )
        app.conf.task_always_eager = False
        listo_trabajador = _esperar(
            lambda: bool(app.control.ping(timeout=0.5)), 60, cada=0.5
        )
        if not listo_trabajador:
            print("El trabajador de Celery no respondió.")
            return 1

        # --- Rondas: 1. el portal y 3. el bucle con los mismos bytes, A B A B ---------
        remitente = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        personas = [
            Persona(correo=correo, nombre=nombre)
            for correo, nombre in Suscriptor.objects.order_by("pk").values_list(
                "correo", "nombre"
            )
        ]
        rondas = []
        for ronda in range(RONDAS):
            if ronda:
                # La misma pieza otra vez: sin envíos, programada, sumidero vacío.
                Envio.objects.filter(pieza=pieza).delete()
                Pieza.objects.filter(pk=pieza.pk).update(
                    estado=estados.PROGRAMADA, iniciada_en=None, terminada_en=None
                )
            reiniciar_sumidero()
            inicio = time.perf_counter()
            despacho.ejecutar_despacho()
            creados = time.perf_counter() - inicio
            completo = _esperar(lambda: total.value >= DESTINATARIOS, 900)
            _esperar(
                lambda: Pieza.objects.get(pk=pieza.pk).estado != estados.EN_CURSO, 120
            )
            portal = time.perf_counter() - inicio
            enviados_sumidero, distintos, duplicados = estadisticas()
            conteos = Envio.objects.filter(pieza=pieza).conteos()
            estado_final = Pieza.objects.get(pk=pieza.pk).estado
            if not completo or duplicados or distintos != DESTINATARIOS:
                print(
                    f"Error: el sumidero recibió {enviados_sumidero} mensajes a "
                    f"{distintos} destinatarios ({duplicados} duplicados)."
                )
                return 1

            reiniciar_sumidero()
            pieza.refresh_from_db()
            ids = list(
                Envio.objects.filter(pieza=pieza)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            inicio = time.perf_counter()
            plantilla = PlantillaMasiva(pieza)
            with smtplib.SMTP("127.0.0.1", puerto) as smtp:
                for persona, envio_id in zip(personas, ids, strict=True):
                    smtp.sendmail(
                        remitente,
                        [persona.correo],
                        plantilla.bytes_para(persona, envio_id=envio_id),
                    )
            bucle_bytes = time.perf_counter() - inicio
            assert total.value == DESTINATARIOS
            rondas.append((portal, creados, bucle_bytes))

        # --- 2. Bucle simple de smtplib con los mismos mensajes ----------------------
        bucle = techo = None
        if REFERENCIAS:
            reiniciar_sumidero()
            inicio = time.perf_counter()
            plantilla = PlantillaMasiva(pieza)
            with smtplib.SMTP("127.0.0.1", puerto) as smtp:
                for persona in personas:
                    mensaje = plantilla.mensaje_para(persona)
                    smtp.sendmail(
                        remitente,
                        [persona.correo],
                        mensaje.message().as_bytes(linesep="\r\n"),
                    )
            bucle = time.perf_counter() - inicio
            assert total.value == DESTINATARIOS

            # --- 4. Techo del sumidero: bytes ya armados ----------------------------
            reiniciar_sumidero()
            datos = [
                (p.correo, plantilla.mensaje_para(p).message().as_bytes(linesep="\r\n"))
                for p in personas
            ]
            inicio = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", puerto) as smtp:
                for correo, contenido in datos:
                    smtp.sendmail(remitente, [correo], contenido)
            techo = time.perf_counter() - inicio
    finally:
        if trabajador is not None and trabajador.poll() is None:
            os.killpg(trabajador.pid, signal.SIGTERM)
            try:
                trabajador.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(trabajador.pid, signal.SIGKILL)
        tubo_local.send("fin")
        sumidero.join(10)
        connection.creation.destroy_test_db(nombre_original, verbosity=0)

    print(
        f"Destinatarios: {DESTINATARIOS} · trabajador: prefork ×{CONCURRENCIA} · "
        f"núcleos: {os.cpu_count()} · rondas: {RONDAS}"
    )
    print(f"Pieza: {estado_final}; envíos {conteos}")
    print("")
    print("| camino | segundos | correos/s |")
    print("| --- | ---: | ---: |")
    razones = []
    for numero, (portal, creados, bucle_bytes) in enumerate(rondas, start=1):
        razones.append(bucle_bytes / portal)
        print(
            f"| ronda {numero}, portal: despacho + Celery/Redis + SMTP (crear "
            f"{DESTINATARIOS} envíos: {creados:.2f} s) | {portal:.2f} | "
            f"{DESTINATARIOS / portal:.0f} |"
        )
        print(
            f"| ronda {numero}, bucle de smtplib con los bytes del portal | "
            f"{bucle_bytes:.2f} | {DESTINATARIOS / bucle_bytes:.0f} |"
        )
    if bucle is not None:
        print(
            f"| bucle simple de smtplib: arma cada correo con Django y lo envía | "
            f"{bucle:.2f} | {DESTINATARIOS / bucle:.0f} |"
        )
        print(
            f"| referencia: bucle con los mensajes ya armados | {techo:.2f} | "
            f"{DESTINATARIOS / techo:.0f} |"
        )
    razon = statistics.median(razones)
    print("")
    print(
        "Razón portal / bucle con los mismos bytes, por ronda: "
        + ", ".join(f"{r:.2f}" for r in razones)
        + f"; mediana {razon:.2f} (meta ≥ 0,8)"
    )
    if bucle is not None:
        portal = statistics.median(r[0] for r in rondas)
        print(
            f"Razón portal (mediana) / bucle simple: {bucle / portal:.2f}; "
            f"portal / techo del sumidero: {techo / portal:.2f}"
        )
    return 0 if razon >= 0.8 else 2


if __name__ == "__main__":
    sys.exit(main())
