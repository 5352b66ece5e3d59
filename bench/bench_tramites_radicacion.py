"""Radicaciones por segundo con 50 clientes concurrentes en PostgreSQL.

Cada cliente (un hilo con su propia conexión) radica sus borradores con el
servicio real `radicar_solicitud`: validación completa de la inscripción,
consecutivo con UPDATE … RETURNING, vencimiento en días hábiles y código de
verificación. Los efectos (PDF y correo) no se cuentan: en producción salen
del trabajador de Celery después del commit; aquí el encolado es nulo.
Al final comprueba que los radicados son 1..N sin duplicados ni huecos.

    DATABASE_URL=postgres://… python bench/bench_tramites_radicacion.py [--clientes 50]
"""

import argparse
import statistics
import threading
import time

from _entorno import base_de_pruebas, iniciar_django, percentil


def preparar(total: int):
    from django.contrib.auth import get_user_model

    from tramites import demo
    from tramites.models import Adjunto, Solicitud, Tramite
    from tramites.pasos import definicion_de

    demo.cargar_catalogo()
    tramite = Tramite.objects.get(tipo="INSCRIPCION_ICA")
    usuario = get_user_model().objects.create_user("carga@portal.test")
    datos = {
        "contribuyente": {
            "naturaleza": "PERSONA_NATURAL",
            "tipo_documento": "CC",
            "numero_documento": "43555111",
            "digito_verificacion": "",
            "nombre": "Cliente de carga",
            "regimen": "SIMPLE",
            "direccion_notificacion": "Calle 50 # 50-50",
            "municipio_notificacion": "San Pedro de los Milagros",
            "departamento_notificacion": "Antioquia",
            "telefono": "",
            "celular": "3104567890",
            "correo": "carga@portal.test",
            "autoriza_notificacion_electronica": True,
        },
        "registro_mercantil": {
            "tiene_matricula": False,
            "matricula_mercantil": "",
            "fecha_matricula_mercantil": None,
            "camara_comercio": "",
        },
        "actividades": {"principal": "4722", "secundarias": []},
        "establecimientos": [
            {
                "nombre_comercial": "Tienda de carga",
                "direccion": "Calle 50 # 50-50",
                "zona": "URBANA",
                "barrio_vereda": "Centro",
                "telefono": "",
                "actividad": "4722",
                "inicio_actividades": "2025-01-15",
                "area_m2": "30.00",
                "empleados": 1,
                "avisos_tableros": False,
                "aforo": None,
                "horario_ordinario": "",
            }
        ],
        "representacion": {
            "representante_nombres": "",
            "representante_tipo_documento": "",
            "representante_numero_documento": "",
            "representante_correo": "",
            "actua_apoderado": False,
            "apoderado_nombres": "",
            "apoderado_tipo_documento": "",
            "apoderado_numero_documento": "",
            "apoderado_correo": "",
        },
    }
    borradores = Solicitud.objects.bulk_create(
        Solicitud(tramite=tramite, solicitante=usuario, datos=datos)
        for _ in range(total)
    )
    requisitos = [
        r
        for r in definicion_de(tramite.tipo).requisitos_aplicables(borradores[0])
        if r.obligatorio and r.se_adjunta
    ]
    Adjunto.objects.bulk_create(
        Adjunto(
            solicitud=solicitud,
            requisito=requisito,
            archivo="adjuntos/carga.pdf",
            nombre_original="carga.pdf",
            tipo_contenido="application/pdf",
            tamano=1024,
            sha256="0" * 64,
        )
        for solicitud in borradores
        for requisito in requisitos
    )
    return usuario, [s.pk for s in borradores]


def medir(clientes: int, por_cliente: int) -> dict:
    from django.db import connection

    from sanpedro_gel import buzon
    from tramites.models import Solicitud
    from tramites.selectores import aviso_vigente
    from tramites.services import radicacion

    usuario, pks = preparar(clientes * por_cliente)
    aviso = aviso_vigente(Solicitud.objects.get(pk=pks[0]).tramite)
    # Se mide la radicación: el acuse queda en la bandeja, sin enviarse.
    buzon.encolar = lambda *a, **k: None
    lotes = [pks[i::clientes] for i in range(clientes)]
    barrera = threading.Barrier(clientes + 1)
    latencias, errores = [], []
    candado = threading.Lock()

    def cliente(lote):
        try:
            barrera.wait()
            for pk in lote:
                inicio = time.perf_counter()
                radicacion.radicar_solicitud(
                    solicitud_id=pk, actor=usuario, aviso=aviso
                )
                with candado:
                    latencias.append((time.perf_counter() - inicio) * 1000)
        except Exception as error:  # se informa al final
            errores.append(repr(error))
        finally:
            connection.close()

    hilos = [threading.Thread(target=cliente, args=(lote,)) for lote in lotes]
    for hilo in hilos:
        hilo.start()
    barrera.wait()
    inicio = time.perf_counter()
    for hilo in hilos:
        hilo.join()
    duracion = time.perf_counter() - inicio

    radicados = list(
        Solicitud.objects.filter(pk__in=pks).values_list("radicado", flat=True)
    )
    numeros = sorted(int(r.rsplit("-", 1)[1]) for r in radicados if r)
    return {
        "total": len(pks),
        "radicadas": len(numeros),
        "duplicados": len(numeros) - len(set(numeros)),
        "huecos": len(set(range(1, len(pks) + 1)) - set(numeros)),
        "errores": errores,
        "segundos": duracion,
        "por_segundo": len(numeros) / duracion,
        "p50_ms": statistics.median(latencias) if latencias else 0,
        "p95_ms": percentil(latencias, 95) if latencias else 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clientes", type=int, default=50)
    parser.add_argument("--por-cliente", type=int, default=10)
    argumentos = parser.parse_args()
    iniciar_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("Radicación concurrente: omitida, necesita DATABASE_URL=postgres://…")
        return 0
    with base_de_pruebas():
        r = medir(argumentos.clientes, argumentos.por_cliente)
    correcto = not r["errores"] and r["duplicados"] == 0 and r["huecos"] == 0
    print(
        f"Radicación con {argumentos.clientes} clientes concurrentes en PostgreSQL: "
        f"{r['radicadas']}/{r['total']} radicadas en {r['segundos']:.1f} s → "
        f"{r['por_segundo']:.0f} radicaciones/s; latencia p50 {r['p50_ms']:.0f} ms "
        f"· p95 {r['p95_ms']:.0f} ms; duplicados {r['duplicados']}, huecos "
        f"{r['huecos']}, errores {len(r['errores'])}"
        + ("" if correcto else f" → FALLA {r['errores'][:3]}")
    )
    return 0 if correcto else 1


if __name__ == "__main__":
    raise SystemExit(main())
