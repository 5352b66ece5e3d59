"""La bandeja de la mesa de revisión: columnas, plazos resaltados, filtros,
búsqueda, presupuesto de consultas y exportación registrada."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import SolicitudFactory, TramiteFactory, UsuarioFactory
from tramites.models import (
    DiaNoHabil,
    Estado,
    ExportacionBandeja,
    Solicitud,
    TipoTramite,
)
from tramites.services import bandeja

pytestmark = pytest.mark.django_db

BANDEJA = reverse("admin:tramites_solicitud_changelist")
HOY = date(2026, 7, 14)  # martes


@pytest.fixture(autouse=True)
def hoy(monkeypatch):
    from tests.tramites.mesa import momento

    ahora = momento(2026, 7, 14, hora=9)
    monkeypatch.setattr("django.utils.timezone.now", lambda: ahora)
    return ahora


def crear(n, tipo=TipoTramite.INSCRIPCION_ICA, **campos):
    """`n` solicitudes radicadas de una vez (fábrica, sin servicios)."""
    tramite = TramiteFactory(tipo=tipo)
    serie = tramite.serie
    ciudadano = UsuarioFactory()
    inicio = Solicitud.objects.count()
    filas = [
        Solicitud(
            tramite=tramite,
            solicitante=ciudadano,
            estado=campos.get("estado", Estado.RADICADO),
            radicado=f"{serie}-2026-{inicio + i + 1:06d}",
            radicado_en=timezone.now() - timedelta(days=3),
            vence_el=campos.get("vence_el", date(2026, 8, 4)),
            codigo_verificacion=f"C{inicio + i:07d}",
            documento=campos.get("documento", f"43{inicio + i:06d}"),
            nombre_solicitante=campos.get("nombre", f"Persona {inicio + i}"),
            asignado_a=campos.get("asignado_a"),
        )
        for i in range(n)
    ]
    return Solicitud.objects.bulk_create(filas)


def html(client, **parametros):
    respuesta = client.get(BANDEJA, parametros)
    assert respuesta.status_code == 200
    return respuesta.content.decode()


def test_columnas_y_plazos_resaltados(client, revisor_hacienda):
    (vencida,) = crear(1, vence_el=date(2026, 7, 10), nombre="Vencida Uno")
    (proxima,) = crear(1, vence_el=date(2026, 7, 17), nombre="Próxima Dos")
    (lejana,) = crear(
        1, vence_el=date(2026, 8, 4), nombre="Lejana Tres", asignado_a=revisor_hacienda
    )
    (suspendida,) = crear(1, estado=Estado.REQUIERE_SUBSANACION, nombre="Espera Cuatro")
    Solicitud.objects.filter(pk=suspendida.pk).update(dias_habiles_restantes=6)
    client.force_login(revisor_hacienda)
    pagina = html(client)
    for encabezado in [
        "Radicado",
        "Trámite",
        "Solicitante",
        "Estado",
        "Vence el",
        "Días hábiles restantes",
        "Asignada a",
    ]:
        assert encabezado.lower() in pagina.lower()
    # El 13 de julio es festivo: del 10 al 14 solo el 14 es hábil.
    assert '<span class="plazo-vencido">Vencida hace 1</span>' in pagina
    assert '<span class="plazo-proximo">3</span>' in pagina  # 15, 16, 17
    assert '<span class="plazo-suspendido">Suspendido (quedan 6)</span>' in pagina
    assert '<span class="sin-asignar">Sin asignar</span>' in pagina
    assert revisor_hacienda.get_full_name() in pagina
    # Las más urgentes primero.
    assert (
        pagina.index("Vencida Uno")
        < pagina.index("Próxima Dos")
        < pagina.index("Lejana Tres")
    )
    assert (
        vencida.radicado in pagina
        and lejana.radicado in pagina
        and proxima.radicado in pagina
    )


def test_cada_revisor_ve_solo_sus_tramites(client, revisor_gobierno):
    crear(2, nombre="Inscripción de Hacienda")
    crear(1, tipo=TipoTramite.AMPLIACION_HORARIO, nombre="Bar de Gobierno")
    SolicitudFactory(
        tramite=TramiteFactory(horario=True), nombre_solicitante="Borrador Oculto"
    )
    client.force_login(revisor_gobierno)
    pagina = html(client)
    assert "Bar de Gobierno" in pagina
    assert "Inscripción de Hacienda" not in pagina and "Borrador Oculto" not in pagina


def test_filtros(client, revisor_hacienda):
    crear(1, vence_el=date(2026, 7, 10), nombre="Vencida")
    crear(1, vence_el=date(2026, 7, 14), nombre="Hoy")
    crear(1, vence_el=date(2026, 7, 17), nombre="En tres")
    crear(1, vence_el=date(2026, 7, 24), nombre="En ocho")
    crear(1, estado=Estado.EN_REVISION, nombre="Mía", asignado_a=revisor_hacienda)
    crear(1, estado=Estado.REQUIERE_SUBSANACION, nombre="Suspendida")
    crear(1, tipo=TipoTramite.NOVEDAD_ICA, nombre="Una novedad")
    client.force_login(revisor_hacienda)

    def nombres(**filtro):
        pagina = html(client, **filtro)
        todos = [
            "Vencida",
            "Hoy",
            "En tres",
            "En ocho",
            "Mía",
            "Suspendida",
            "Una novedad",
        ]
        return {n for n in todos if f"{n}<br>" in pagina}

    assert nombres(vence="vencidas") == {"Vencida"}
    assert nombres(vence="hoy") == {"Hoy"}
    assert nombres(vence="3") == {"Hoy", "En tres"}
    assert nombres(vence="suspendidas") == {"Suspendida"}
    assert nombres(estado="EN_REVISION") == {"Mía"}
    assert nombres(asignada="mias") == {"Mía"}
    assert "Mía" not in nombres(asignada="nadie")
    assert nombres(tramite="NOVEDAD_ICA") == {"Una novedad"}


def test_busqueda_por_radicado_documento_y_nombre(client, revisor_hacienda):
    (gomez,) = crear(1, documento="43123456", nombre="María Gómez Uribe")
    crear(1, documento="71222333", nombre="Carlos Jaramillo")
    (novedad,) = crear(
        1,
        tipo=TipoTramite.NOVEDAD_ICA,
        documento="900123456-8",
        nombre="Lácteos El Ordeño S.A.S.",
    )
    client.force_login(revisor_hacienda)

    def encontrados(termino):
        pagina = html(client, q=termino)
        return {
            n
            for n in [
                "María Gómez Uribe",
                "Carlos Jaramillo",
                "Lácteos El Ordeño S.A.S.",
            ]
            if n in pagina
        }

    assert encontrados(gomez.radicado.lower()) == {"María Gómez Uribe"}
    assert encontrados("NOV-2026") == {"Lácteos El Ordeño S.A.S."}
    assert encontrados("43.123.456") == {"María Gómez Uribe"}
    assert encontrados("900123456") == {"Lácteos El Ordeño S.A.S."}
    assert encontrados("jaramillo") == {"Carlos Jaramillo"}
    assert encontrados("el ordeño") == {"Lácteos El Ordeño S.A.S."}
    assert novedad.radicado.startswith("NOV-")


def test_la_busqueda_elige_un_solo_campo_segun_el_termino():
    assert str(bandeja.filtro_de_busqueda("ica-2026-0001")) == str(
        bandeja.filtro_de_busqueda("ICA-2026-0001")
    )
    assert "radicado__startswith" in str(bandeja.filtro_de_busqueda("HOR-2026"))
    assert "documento__startswith', '43123456'" in str(
        bandeja.filtro_de_busqueda("43.123.456")
    )
    assert "documento__startswith', 'PA12345'" in str(
        bandeja.filtro_de_busqueda("pa12345")
    )
    assert "nombre_solicitante__icontains" in str(bandeja.filtro_de_busqueda("Gómez"))
    assert bandeja.filtro_de_busqueda("   ") is None


def consultas_de_la_bandeja(client, **parametros):
    with CaptureQueriesContext(connection) as capturadas:
        html(client, **parametros)
    return len(capturadas)


def test_las_consultas_no_crecen_con_las_filas(client, revisor_hacienda, lider_gel):
    DiaNoHabil.objects.create(fecha=date(2026, 7, 31), motivo="Decreto")
    crear(5, asignado_a=revisor_hacienda)
    crear(5, tipo=TipoTramite.NOVEDAD_ICA)
    for usuario in (revisor_hacienda, lider_gel):
        client.force_login(usuario)
        con_diez = consultas_de_la_bandeja(client)
        con_diez_filtrada = consultas_de_la_bandeja(client, vence="3", q="Persona")
        assert con_diez <= 14, con_diez
        crear(495, asignado_a=revisor_hacienda, estado=Estado.EN_REVISION)
        crear(495, tipo=TipoTramite.NOVEDAD_ICA)
        assert consultas_de_la_bandeja(client) == con_diez
        assert (
            consultas_de_la_bandeja(client, vence="3", q="Persona") == con_diez_filtrada
        )
        Solicitud.objects.filter(
            estado__in=[Estado.RADICADO, Estado.EN_REVISION]
        ).exclude(pk__in=Solicitud.objects.order_by("pk").values("pk")[:10]).delete()


def test_exportar_csv_y_xlsx_de_la_lista_filtrada_queda_registrado(
    client, revisor_hacienda
):
    crear(3, vence_el=date(2026, 7, 10), nombre='=HYPERLINK("http://x")')
    crear(2, vence_el=date(2026, 8, 4), nombre="A tiempo")
    client.force_login(revisor_hacienda)

    respuesta = client.get(
        reverse("admin:tramites_solicitud_exportar", args=["csv"]),
        {"vence": "vencidas"},
    )
    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"].startswith(
        'attachment; filename="solicitudes-'
    )
    filas = list(
        csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig")), delimiter=";")
    )
    assert filas[0] == bandeja.COLUMNAS
    assert len(filas) == 4
    assert filas[1][2] == '\'=HYPERLINK("http://x")'  # sin fórmulas
    assert filas[1][7] == "Vencida hace 1"

    respuesta = client.get(
        reverse("admin:tramites_solicitud_exportar", args=["xlsx"]), {"q": "a tiempo"}
    )
    hoja = load_workbook(io.BytesIO(respuesta.content)).active
    valores = list(hoja.values)
    assert valores[0] == tuple(bandeja.COLUMNAS)
    assert [v[2] for v in valores[1:]] == ["A tiempo", "A tiempo"]

    registro = list(ExportacionBandeja.objects.order_by("exportada_en", "pk"))
    assert [(e.formato, e.filas, e.filtros, e.usuario) for e in registro] == [
        ("CSV", 3, "vence=vencidas", revisor_hacienda),
        ("XLSX", 2, "q=a+tiempo", revisor_hacienda),
    ]


def test_por_defecto_muestra_lo_pendiente_y_todas_a_un_clic(client, revisor_hacienda):
    crear(1, nombre="Pendiente Uno")
    crear(1, estado=Estado.REQUIERE_SUBSANACION, nombre="Esperando Dos")
    crear(1, estado=Estado.APROBADO, vence_el=date(2025, 1, 10), nombre="Decidida Tres")
    client.force_login(revisor_hacienda)
    pagina = html(client)
    assert "Pendiente Uno" in pagina and "Esperando Dos" in pagina
    assert "Decidida Tres" not in pagina
    assert "Pendientes (sin decidir)" in pagina
    assert "Decidida Tres" in html(client, estado="todas")
    assert "Decidida Tres" in html(client, estado="APROBADO")
    assert "Pendiente Uno" not in html(client, estado="APROBADO")
