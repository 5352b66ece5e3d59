"""deploy/respaldo.sh y deploy/restaurar.sh contra PostgreSQL de verdad: lo que
se radicó y los bytes de sus documentos vuelven iguales en una base nueva y
unas carpetas nuevas."""

import hashlib
import shutil
import subprocess
import uuid
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import psycopg2
import pytest
from django.db import connection

from tests.conftest import _exigido
from tests.factories import (
    AvisoPrivacidadFactory,
    RequisitoFactory,
    SolicitudFactory,
    TramiteFactory,
)
from tests.tramites.ayudas import PDF, archivo
from tests.tramites.conftest import DefinicionDePrueba
from tramites import services
from tramites.models import Adjunto, Estado, Solicitud
from tramites.pasos import base
from tramites.services.adjuntos import adjuntar

RAIZ = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _herramientas_de_postgres():
    faltan = [p for p in ("pg_dump", "pg_restore", "psql") if not shutil.which(p)]
    if faltan:
        motivo = f"faltan los clientes de PostgreSQL: {', '.join(faltan)}"
        if _exigido("REQUIRE_SERVICES"):
            pytest.fail(motivo)
        pytest.skip(motivo)


def _url(**cambios) -> str:
    datos = {**connection.settings_dict, **cambios}
    credenciales = quote(datos["USER"] or "", safe="")
    if datos["PASSWORD"]:
        credenciales += ":" + quote(datos["PASSWORD"], safe="")
    return (
        f"postgres://{credenciales}@{datos['HOST'] or '127.0.0.1'}:"
        f"{datos['PORT'] or 5432}/{datos['NAME']}"
    )


def _en_mantenimiento(sentencia: str) -> None:
    # CREATE y DROP DATABASE no corren dentro de una transacción.
    enlace = psycopg2.connect(_url(NAME="postgres"))
    enlace.autocommit = True
    try:
        with enlace.cursor() as cursor:
            cursor.execute(sentencia)
    finally:
        enlace.close()


@pytest.fixture
def base_vacia():
    nombre = f"restaurada_{uuid.uuid4().hex[:12]}"
    _en_mantenimiento(f'CREATE DATABASE "{nombre}"')
    yield nombre
    _en_mantenimiento(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')


def _correr(script, *argumentos, exito=True, **entorno):
    resultado = subprocess.run(
        ["bash", str(RAIZ / "deploy" / script), *argumentos],
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            # Sin .env: solo cuenta lo que la prueba pasa.
            "PORTAL_ENV": "/nonexistent",
            **entorno,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    if exito:
        assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    return resultado


def _sha256(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _radicada_con_adjunto(ciudadano, monkeypatch):
    tramite = TramiteFactory()
    monkeypatch.setitem(base._REGISTRO, tramite.tipo, DefinicionDePrueba(tramite.tipo))
    rut = RequisitoFactory(tramite=tramite, nombre="RUT")
    borrador = SolicitudFactory(tramite=tramite, solicitante=ciudadano)
    adjunto = adjuntar(
        solicitud=borrador, requisito=rut, archivo=archivo("rut.pdf", PDF)
    )
    # Sin correos ni constancia en segundo plano: un trabajador que escribiera
    # mientras corre el respaldo haría la comparación dependiente del reloj.
    with mock.patch("sanpedro_gel.buzon.encolar"):
        services.radicar_solicitud(
            solicitud_id=borrador.pk, actor=ciudadano, aviso=AvisoPrivacidadFactory()
        )
    return Solicitud.objects.get(pk=borrador.pk), adjunto


def test_respaldo_y_restauracion_devuelven_las_solicitudes_y_los_mismos_bytes(
    ciudadano, settings, tmp_path, monkeypatch, base_vacia
):
    solicitud, adjunto = _radicada_con_adjunto(ciudadano, monkeypatch)
    assert solicitud.estado == Estado.RADICADO and solicitud.radicado
    SolicitudFactory(radicada=True, solicitante=ciudadano)
    banner = Path(settings.MEDIA_ROOT) / "banners" / "feria-lactea.png"
    banner.parent.mkdir(parents=True)
    banner.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)

    original = Path(settings.PRIVATE_MEDIA_ROOT) / adjunto.archivo.name
    esperadas = sorted(Solicitud.objects.values_list("radicado", "estado"))
    respaldos = tmp_path / "respaldos"
    entorno = {
        "DATABASE_URL": _url(),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "RESPALDO_DIR": str(respaldos),
        "RESPALDO_CONSERVAR": "2",
    }
    for _ in range(3):
        _correr("respaldo.sh", **entorno)

    # Rotación: quedan los dos más recientes, y ningún parcial.
    hechos = sorted(p.name for p in respaldos.iterdir() if not p.name.startswith("."))
    assert len(hechos) == 2
    assert not list(respaldos.glob(".*.parcial"))

    nuevo_privado = tmp_path / "restaurado" / "privado"
    nuevo_media = tmp_path / "restaurado" / "media"
    _correr(
        "restaurar.sh",
        str(respaldos / hechos[-1]),
        DATABASE_URL=_url(NAME=base_vacia),
        PRIVATE_MEDIA_ROOT=str(nuevo_privado),
        MEDIA_ROOT=str(nuevo_media),
    )

    with psycopg2.connect(_url(NAME=base_vacia)) as enlace, enlace.cursor() as cursor:
        cursor.execute(
            f"SELECT radicado, estado FROM {Solicitud._meta.db_table} ORDER BY radicado"
        )
        assert sorted(cursor.fetchall()) == esperadas
        cursor.execute(f"SELECT archivo, sha256 FROM {Adjunto._meta.db_table}")
        restaurados = cursor.fetchall()
    enlace.close()
    assert restaurados == [(adjunto.archivo.name, adjunto.sha256)]
    copia = nuevo_privado / adjunto.archivo.name
    assert _sha256(copia) == _sha256(original) == adjunto.sha256
    # nginx, que corre con otro usuario, entrega este archivo por X-Accel.
    assert copia.stat().st_mode & 0o004
    assert _sha256(nuevo_media / "banners" / "feria-lactea.png") == _sha256(banner)


def test_restaurar_no_escribe_sobre_una_base_con_datos(ciudadano, settings, tmp_path):
    SolicitudFactory(radicada=True, solicitante=ciudadano)
    respaldos = tmp_path / "respaldos"
    _correr(
        "respaldo.sh",
        DATABASE_URL=_url(),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        RESPALDO_DIR=str(respaldos),
    )
    (hecho,) = [p for p in respaldos.iterdir() if not p.name.startswith(".")]
    resultado = _correr(
        "restaurar.sh",
        str(hecho),
        exito=False,
        # La base misma de la prueba: tiene todas las tablas del portal.
        DATABASE_URL=_url(),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "otro-privado"),
        MEDIA_ROOT=str(tmp_path / "otro-media"),
    )
    assert resultado.returncode != 0
    assert "no está vacía" in resultado.stderr
    assert Solicitud.objects.count() == 1
