"""Lo que deja una aprobación en el registro de Industria y Comercio: inscripción,
novedades con cada versión anterior consultable, y cese que cierra el registro."""

import pytest

from sanpedro_gel.excepciones import TransicionInvalida
from tests.factories import (
    ActividadContribuyenteFactory,
    ContribuyenteFactory,
    EstablecimientoFactory,
)
from tests.tramites.mesa import (
    datos_horario,
    datos_inscripcion,
    datos_novedad,
    en_revision,
)
from tramites.models import (
    ActividadContribuyente,
    Contribuyente,
    Establecimiento,
    Estado,
    Solicitud,
    TipoTramite,
)
from tramites.services import registro, revision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


def aprobar(solicitud, revisor, **extra):
    return revision.aprobar(solicitud_id=solicitud.pk, actor=revisor, **extra)


def test_la_inscripcion_crea_contribuyente_actividades_y_establecimientos(
    ciudadano, revisor_hacienda
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    documento = aprobar(solicitud, revisor_hacienda, observaciones="Todo en orden.")

    contribuyente = Contribuyente.objects.get(numero_documento="900123456")
    assert contribuyente.matricula == "ICA-000001"
    assert contribuyente.nombre == "Lácteos El Ordeño S.A.S."
    assert contribuyente.naturaleza == "PERSONA_JURIDICA"
    assert contribuyente.digito_verificacion == "8"
    assert contribuyente.matricula_mercantil == "21-654321-16"
    assert contribuyente.representante_numero_documento == "43555111"
    actividades = {
        (a.actividad_id, a.principal) for a in contribuyente.actividades.all()
    }
    assert actividades == {("1040", True), ("4722", False)}
    local = contribuyente.establecimientos.get()
    assert (local.nombre_comercial, local.barrio_vereda, str(local.area_m2)) == (
        "Quesera El Ordeño",
        "Centro",
        "120.00",
    )
    assert documento.tipo == "CERTIFICADO_INSCRIPCION"
    assert documento.contribuyente == contribuyente
    assert documento.contenido["matricula"] == "ICA-000001"
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.APROBADO

    version = contribuyente.history.get()
    assert version.history_user == revisor_hacienda
    assert (
        version.history_change_reason == f"Inscripción, radicado {solicitud.radicado}"
    )


def test_las_matriculas_son_unicas_y_saltan_las_importadas(ciudadano, revisor_hacienda):
    ContribuyenteFactory(matricula="ICA-000001", numero_documento="800111222")
    primera = en_revision(ciudadano, revisor_hacienda)
    segunda = en_revision(
        ciudadano,
        revisor_hacienda,
        datos_inscripcion(numero_documento="900999888", nombre="Quesos La Vereda"),
    )
    aprobar(primera, revisor_hacienda)
    aprobar(segunda, revisor_hacienda)
    assert set(
        Contribuyente.objects.filter(
            numero_documento__in=["900123456", "900999888"]
        ).values_list("matricula", flat=True)
    ) == {"ICA-000002", "ICA-000003"}


def test_no_se_inscribe_dos_veces_el_mismo_documento(ciudadano, revisor_hacienda):
    ContribuyenteFactory(numero_documento="900123456", matricula="ICA-000077")
    solicitud = en_revision(ciudadano, revisor_hacienda)
    with pytest.raises(TransicionInvalida, match="ICA-000077"):
        aprobar(solicitud, revisor_hacienda)
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.EN_REVISION
    assert Contribuyente.objects.count() == 1


def novedad(ciudadano, revisor, contribuyente, tipos_y_nuevos):
    return en_revision(
        ciudadano,
        revisor,
        datos_novedad(contribuyente, tipos_y_nuevos),
        tipo=TipoTramite.NOVEDAD_ICA,
    )


def test_la_novedad_se_aplica_y_guarda_cada_version_anterior(
    ciudadano, revisor_hacienda, ciiu
):
    contribuyente = ContribuyenteFactory(nombre="Quesera El Ordeño")
    ActividadContribuyenteFactory(contribuyente=contribuyente, actividad=ciiu["1040"])
    local = EstablecimientoFactory(
        contribuyente=contribuyente, nombre_comercial="Quesera El Ordeño"
    )
    solicitud = novedad(
        ciudadano,
        revisor_hacienda,
        contribuyente,
        {
            "DIRECCION_NOTIFICACION": {
                "direccion_notificacion": "Calle 49 # 48-20",
                "municipio_notificacion": "San Pedro de los Milagros",
                "departamento_notificacion": "Antioquia",
            },
            "NOMBRE_COMERCIAL": {
                "establecimiento_id": local.pk,
                "nombre_comercial": "Lácteos El Ordeño",
            },
            "ACTIVIDAD_ECONOMICA": {"principal": "4722", "secundarias": ["1040"]},
            "REGIMEN": {"regimen": "SIMPLE"},
        },
    )
    documento = aprobar(solicitud, revisor_hacienda)

    contribuyente.refresh_from_db()
    local.refresh_from_db()
    assert contribuyente.direccion_notificacion == "Calle 49 # 48-20"
    assert contribuyente.regimen == "SIMPLE"
    assert local.nombre_comercial == "Lácteos El Ordeño"
    assert {(a.actividad_id, a.principal) for a in contribuyente.actividades.all()} == {
        ("4722", True),
        ("1040", False),
    }

    # Cada tipo de novedad es su propia versión, con su radicado y su autor.
    anteriores = contribuyente.history.order_by("history_date", "history_id")
    assert anteriores.first().direccion_notificacion == "Carrera 50 # 52-14"
    motivos = [v.history_change_reason for v in anteriores if v.history_user]
    assert motivos == [
        f"Cambio de dirección de notificación, radicado {solicitud.radicado}",
        f"Cambio de régimen (ordinario o SIMPLE), radicado {solicitud.radicado}",
    ]
    assert local.history.first().history_user == revisor_hacienda

    cambios = {c["titulo"]: c["filas"] for c in documento.contenido["cambios"]}
    assert cambios["Cambio de dirección de notificación"] == [
        ["Dirección de notificación", "Carrera 50 # 52-14", "Calle 49 # 48-20"]
    ]
    assert cambios["Cambio de régimen (ordinario o SIMPLE)"] == [
        ["Régimen", "Ordinario", "Régimen Simple de Tributación (SIMPLE)"]
    ]

    historial = registro.historial_del_registro(contribuyente)
    por_radicado = [v for v in historial if solicitud.radicado in v["motivo"]]
    assert {v["objeto"] for v in por_radicado} == {
        "Contribuyente",
        "Establecimiento",
        "Actividad",
    }
    direccion = next(v for v in por_radicado if "dirección" in v["motivo"])
    assert direccion["usuario"] == revisor_hacienda.get_full_name()
    assert direccion["cambios"] == [
        ("Dirección de notificación", "Carrera 50 # 52-14", "Calle 49 # 48-20")
    ]


def test_apertura_y_cierre_de_establecimientos(ciudadano, revisor_hacienda):
    contribuyente = ContribuyenteFactory()
    viejo = EstablecimientoFactory(contribuyente=contribuyente)
    solicitud = novedad(
        ciudadano,
        revisor_hacienda,
        contribuyente,
        {
            "APERTURA_ESTABLECIMIENTO": {
                "nombre_comercial": "Granero La Esperanza",
                "direccion": "Vereda Ovejas, km 3",
                "zona": "RURAL",
                "barrio_vereda": "Ovejas",
                "telefono": "",
                "actividad": "4711",
                "inicio_actividades": "2026-06-01",
                "area_m2": "40.00",
                "empleados": 2,
                "avisos_tableros": False,
                "aforo": None,
                "horario_ordinario": "",
            },
            "CIERRE_ESTABLECIMIENTO": {
                "establecimiento_id": viejo.pk,
                "fecha_cierre": "2026-06-30",
            },
        },
    )
    aprobar(solicitud, revisor_hacienda)
    viejo.refresh_from_db()
    assert not viejo.activo and str(viejo.cerrado_el) == "2026-06-30"
    assert contribuyente.establecimientos.get(activo=True).barrio_vereda == "Ovejas"


def test_el_cese_cierra_el_registro_que_ya_no_puede_pedir_ampliacion(
    ciudadano, revisor_hacienda, revisor_gobierno
):
    contribuyente = ContribuyenteFactory()
    bar = EstablecimientoFactory(contribuyente=contribuyente)
    # La ampliación se radicó antes del cese.
    ampliacion = en_revision(
        ciudadano,
        revisor_gobierno,
        datos_horario(bar),
        tipo=TipoTramite.AMPLIACION_HORARIO,
    )
    cese = novedad(
        ciudadano,
        revisor_hacienda,
        contribuyente,
        {"CESE_ACTIVIDADES": {"fecha_cese": "2026-06-30", "motivo": "Venta del bar"}},
    )
    documento = aprobar(cese, revisor_hacienda)
    contribuyente.refresh_from_db()
    bar.refresh_from_db()
    assert contribuyente.estado == "CANCELADO"
    assert str(contribuyente.cancelado_el) == "2026-06-30"
    assert not bar.activo
    assert documento.contenido["cancelado"] is True
    assert not Establecimiento.objects.activos().filter(pk=bar.pk).exists()

    with pytest.raises(TransicionInvalida, match="ya no está activo"):
        aprobar(ampliacion, revisor_gobierno)
    assert Solicitud.objects.get(pk=ampliacion.pk).estado == Estado.EN_REVISION

    # Y un registro cancelado no admite más novedades.
    otra = novedad(
        ciudadano, revisor_hacienda, contribuyente, {"REGIMEN": {"regimen": "SIMPLE"}}
    )
    with pytest.raises(TransicionInvalida, match="cancelado"):
        aprobar(otra, revisor_hacienda)


def test_una_novedad_fallida_no_deja_nada_a_medias(ciudadano, revisor_hacienda):
    contribuyente = ContribuyenteFactory()
    solicitud = novedad(
        ciudadano,
        revisor_hacienda,
        contribuyente,
        {
            "REGIMEN": {"regimen": "SIMPLE"},
            "NOMBRE_COMERCIAL": {"establecimiento_id": 999999, "nombre_comercial": "X"},
        },
    )
    with pytest.raises(TransicionInvalida):
        aprobar(solicitud, revisor_hacienda)
    contribuyente.refresh_from_db()
    assert contribuyente.regimen == "ORDINARIO"
    assert contribuyente.history.count() == 1
    assert not ActividadContribuyente.history.exists()
