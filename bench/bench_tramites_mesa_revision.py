"""Mesa de revisión: tiempo de la bandeja del revisor con 200.000 solicitudes.

Crea una base PostgreSQL aparte (bench_<nombre de DATABASE_URL>), la llena
con 200.000 solicitudes de los tres trámites en todos los estados (un INSERT …
SELECT generate_series, unos segundos), y mide la página completa de la
bandeja en el admin (vista, consultas y plantilla, con el cliente de pruebas de
Django) con filtros y búsquedas como las usa un revisor. Imprime p50, p95 y
máximo por escenario, y el número de consultas. Meta: p95 ≤ 300 ms.

    DATABASE_URL=postgres://… python bench/bench_tramites_mesa_revision.py [--conservar]

--conservar reutiliza la base si ya existe (no vuelve a generar los datos).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanpedro_gel.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

TOTAL = 200_000
REPETICIONES = 40
CALENTAMIENTO = 3
META_MS = 300


@transaction.atomic
def generar(total: int) -> dict:
    """Trámites, revisores, ciudadanos y `total` solicitudes. Devuelve los revisores.

    En una transacción: si algo falla, la base queda vacía y --conservar vuelve
    a generar."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tests.factories import TramiteFactory
    from tramites.models import TipoTramite

    Usuario = get_user_model()
    tramites = {
        TipoTramite.INSCRIPCION_ICA: TramiteFactory(),
        TipoTramite.NOVEDAD_ICA: TramiteFactory(novedad=True),
        TipoTramite.AMPLIACION_HORARIO: TramiteFactory(horario=True),
    }
    revisores = {}
    for rol, correo in [
        ("Revisor Hacienda", "hacienda@bench.test"),
        ("Revisor Hacienda", "hacienda2@bench.test"),
        ("Revisor Gobierno", "gobierno@bench.test"),
        ("Líder GEL", "lider@bench.test"),
    ]:
        usuario = Usuario.objects.create_user(
            correo, "clave-bench", is_staff=True, first_name=correo.split("@")[0]
        )
        usuario.groups.add(Group.objects.get(name=rol))
        revisores[correo] = usuario
    Usuario.objects.bulk_create(
        [Usuario(email=f"ciudadano{n}@bench.test") for n in range(2000)]
    )
    primer_ciudadano = Usuario.objects.filter(email="ciudadano0@bench.test").get().pk
    ica, nov, hor = (tramites[t].pk for t in TipoTramite)
    h1 = revisores["hacienda@bench.test"].pk
    h2 = revisores["hacienda2@bench.test"].pk
    g1 = revisores["gobierno@bench.test"].pk
    nombres = (
        "María,José,Luis,Ana,Carlos,Diana,Jorge,Paula,Andrés,Luz,Juan,Gloria,"
        "Sandra,Óscar,Natalia,Hernán,Claudia,Mauricio,Yuliana,Esteban"
    )
    apellidos = (
        "Gómez,Restrepo,Jaramillo,Zapata,Ochoa,Mejía,Posada,Cano,Villa,Henao,"
        "Arango,Álvarez,Toro,Correa,Gil,Sierra,Vélez,Duque,Quintero,Úsuga,"
        "Rendón,Agudelo,Muñoz,Bedoya,Londoño,Pérez,Castaño,Marín,Cardona,Ríos"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH base AS (
              SELECT g,
                CASE WHEN g %% 10 < 6 THEN %(ica)s WHEN g %% 10 < 9 THEN %(nov)s
                     ELSE %(hor)s END AS tramite_id,
                CASE WHEN g %% 10 < 6 THEN 'ICA' WHEN g %% 10 < 9 THEN 'NOV'
                     ELSE 'HOR' END AS serie,
                CASE
                  WHEN g %% 100 < 3 THEN 'BORRADOR'
                  WHEN g %% 100 < 13 THEN 'RADICADO'
                  WHEN g %% 100 < 21 THEN 'EN_REVISION'
                  WHEN g %% 100 < 24 THEN 'REQUIERE_SUBSANACION'
                  WHEN g %% 100 < 84 THEN 'APROBADO'
                  WHEN g %% 100 < 96 THEN 'RECHAZADO'
                  ELSE 'DESISTIDO' END AS estado,
                now() - ((g %% 730) || ' days')::interval
                  - ((g %% 600) || ' minutes')::interval AS radicado_en
              FROM generate_series(1, %(total)s) AS g
            )
            INSERT INTO tramites_solicitud (
              tramite_id, solicitante_id, estado, datos, paso_actual, documento,
              nombre_solicitante, radicado, radicado_en, vence_el,
              codigo_verificacion, constancia, como_se_entero, origen,
              asignado_a_id, dias_habiles_suspendido, creado_en, actualizado_en
            )
            SELECT
              tramite_id,
              %(ciudadano)s + (g %% 2000),
              estado,
              '{}'::jsonb,
              '',
              (10000000 + (g * 7919) %% 89999999)::text,
              (string_to_array(%(nombres)s, ','))[1 + g %% 20] || ' ' ||
              (string_to_array(%(apellidos)s, ','))[1 + (g / 20) %% 30] || ' ' ||
              (string_to_array(%(apellidos)s, ','))[1 + (g / 600) %% 30],
              CASE WHEN estado = 'BORRADOR' THEN NULL
                   ELSE serie || '-' || extract(year FROM radicado_en)::int || '-'
                        || lpad(g::text, 6, '0') END,
              CASE WHEN estado = 'BORRADOR' THEN NULL ELSE radicado_en END,
              CASE WHEN estado = 'BORRADOR' THEN NULL
                   ELSE (radicado_en + interval '21 days')::date END,
              CASE WHEN estado = 'BORRADOR' THEN NULL
                   ELSE 'B' || lpad(g::text, 7, '0') END,
              '',
              (string_to_array('EMISORA,PRENSA,AFICHE,BANNER,REDES_SOCIALES,,', ','))
                [1 + g %% 7],
              '',
              CASE
                WHEN estado IN ('EN_REVISION', 'REQUIERE_SUBSANACION', 'APROBADO',
                                'RECHAZADO')
                  THEN CASE WHEN serie = 'HOR' THEN %(g1)s
                            WHEN g %% 2 = 0 THEN %(h1)s ELSE %(h2)s END
                WHEN estado = 'RADICADO' AND g %% 3 = 0
                  THEN CASE WHEN serie = 'HOR' THEN %(g1)s ELSE %(h1)s END
                ELSE NULL END,
              0,
              radicado_en,
              radicado_en
            FROM base
            """,
            {
                "ica": ica,
                "nov": nov,
                "hor": hor,
                "total": total,
                "ciudadano": primer_ciudadano,
                "nombres": nombres,
                "apellidos": apellidos,
                "h1": h1,
                "h2": h2,
                "g1": g1,
            },
        )
    return revisores


ESCENARIOS = [
    ("hacienda@bench.test", "Bandeja por defecto (pendientes)", {}),
    ("hacienda@bench.test", "Todas (también decididas)", {"estado": "todas"}),
    ("hacienda@bench.test", "Estado: en revisión", {"estado": "EN_REVISION"}),
    ("hacienda@bench.test", "Vencen en 3 días hábiles o menos", {"vence": "3"}),
    ("hacienda@bench.test", "Vencidas", {"vence": "vencidas"}),
    ("hacienda@bench.test", "Asignadas a mí", {"asignada": "mias"}),
    (
        "hacienda@bench.test",
        "Novedades vencidas sin asignar",
        {"tramite": "NOVEDAD_ICA", "vence": "vencidas", "asignada": "nadie"},
    ),
    ("hacienda@bench.test", "Buscar radicado", {"q": "ICA-2026-0012"}),
    ("hacienda@bench.test", "Buscar documento", {"q": "1234"}),
    ("hacienda@bench.test", "Buscar nombre", {"q": "restrepo"}),
    (
        "hacienda@bench.test",
        "Buscar nombre en todas",
        {"q": "restrepo", "estado": "todas"},
    ),
    (
        "hacienda@bench.test",
        "Buscar documento en todas",
        {"q": "4312", "estado": "todas"},
    ),
    (
        "hacienda@bench.test",
        "Buscar nombre + radicadas",
        {"q": "luz gil", "estado": "RADICADO"},
    ),
    ("hacienda@bench.test", "Página 100 de todas", {"p": "100", "estado": "todas"}),
    ("gobierno@bench.test", "Gobierno sin filtros", {}),
    ("lider@bench.test", "Líder GEL, pendientes", {}),
    ("lider@bench.test", "Líder GEL, todas", {"estado": "todas"}),
]


def percentil(valores: list[float], p: float) -> float:
    ordenados = sorted(valores)
    indice = min(len(ordenados) - 1, max(0, round(p / 100 * len(ordenados)) - 1))
    return ordenados[indice]


def medir(revisores) -> list[dict]:
    from django.urls import reverse

    url = reverse("admin:tramites_solicitud_changelist")
    clientes = {}
    resultados = []
    for correo, nombre, parametros in ESCENARIOS:
        cliente = clientes.get(correo)
        if cliente is None:
            cliente = clientes[correo] = Client()
            cliente.force_login(revisores[correo])
        for _ in range(CALENTAMIENTO):
            assert cliente.get(url, parametros).status_code == 200
        contadas = []

        def contar(ejecutar, sql, *resto, contadas=contadas):
            contadas.append(sql)
            return ejecutar(sql, *resto)

        with connection.execute_wrapper(contar):
            respuesta = cliente.get(url, parametros)
        tiempos = []
        for _ in range(REPETICIONES):
            inicio = time.perf_counter()
            respuesta = cliente.get(url, parametros)
            tiempos.append((time.perf_counter() - inicio) * 1000)
            assert respuesta.status_code == 200
        resultados.append(
            {
                "escenario": nombre,
                "consultas": len(contadas),
                "p50": statistics.median(tiempos),
                "p95": percentil(tiempos, 95),
                "max": max(tiempos),
            }
        )
        ultimo = resultados[-1]
        print(
            f"  {nombre:<40} p50 {ultimo['p50']:6.1f} ms  "
            f"p95 {ultimo['p95']:6.1f} ms  máx {ultimo['max']:6.1f} ms  "
            f"{ultimo['consultas']} consultas",
            flush=True,
        )
    return resultados


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__)
    argumentos.add_argument("--conservar", action="store_true")
    argumentos.add_argument("--total", type=int, default=TOTAL)
    opciones = argumentos.parse_args()
    if connection.vendor != "postgresql":
        print("Necesita PostgreSQL: defina DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    # La configuración se carga como en desarrollo (archivos estáticos sin
    # manifiesto); DEBUG se apaga para no acumular las consultas en memoria.
    settings.DEBUG = False
    setup_test_environment()
    # Nombre propio: no choca con la base de pruebas de pytest (test_<nombre>).
    datos = connection.settings_dict
    datos.setdefault("TEST", {})["NAME"] = f"bench_{datos['NAME']}"
    nombre = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=opciones.conservar
    )
    from django.contrib.auth import get_user_model

    from tramites.models import Solicitud

    try:
        if opciones.conservar and Solicitud.objects.exists():
            print(f"Base {nombre}: se reutilizan {Solicitud.objects.count()} filas.")
            revisores = {
                u.email: u
                for u in get_user_model().objects.filter(email__endswith="@bench.test")
                if u.is_staff
            }
        else:
            inicio = time.perf_counter()
            revisores = generar(opciones.total)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(
                f"Base {nombre}: {Solicitud.objects.count()} solicitudes generadas en "
                f"{time.perf_counter() - inicio:.1f} s."
            )
        print(f"Bandeja del revisor ({REPETICIONES} peticiones por escenario):")
        resultados = medir(revisores)
    finally:
        if not opciones.conservar:
            connection.creation.destroy_test_db(nombre, verbosity=0)
    peor = max(r["p95"] for r in resultados)
    veredicto = "CUMPLE" if peor <= META_MS else "NO CUMPLE"
    print(f"Peor p95: {peor:.1f} ms (meta ≤ {META_MS} ms): {veredicto}")
    return 0 if peor <= META_MS else 1


if __name__ == "__main__":
    sys.exit(main())
