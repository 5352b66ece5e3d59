"""El detalle de una solicitud en el admin y sus botones, de punta a punta por
HTTP: cada botón llama a su servicio, los errores se vuelven mensajes, y dos
funcionarios a la vez no se pisan."""

from datetime import date
from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sanpedro_gel.excepciones import ConflictoDeEstado
from tests.concurrencia import a_la_vez
from tests.conftest import _funcionario_con_rol
from tests.factories import (
    ContribuyenteFactory,
    EstablecimientoFactory,
    RequisitoFactory,
)
from tests.tramites.ayudas import PDF
from tests.tramites.mesa import datos_horario, datos_novedad, en_revision, radicada
from tramites.models import (
    Adjunto,
    DescargaArchivo,
    Estado,
    Solicitud,
    TipoTramite,
)
from tramites.services import revision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


def url(nombre, solicitud):
    return reverse(f"admin:tramites_solicitud_{nombre}", args=[solicitud.pk])


def visto(solicitud):
    return {
        "estado_visto": solicitud.estado,
        "asignado_visto": solicitud.asignado_a_id or "",
    }


def test_el_detalle_muestra_datos_adjuntos_historial_y_botones(
    client, ciudadano, revisor_hacienda
):
    solicitud = radicada(ciudadano, como_se_entero="EMISORA")
    Adjunto.objects.create(
        solicitud=solicitud,
        archivo=SimpleUploadedFile("rut.pdf", PDF),
        nombre_original="RUT 2026.pdf",
        tipo_contenido="application/pdf",
        tamano=18,
        sha256="0" * 64,
    )
    client.force_login(revisor_hacienda)
    pagina = client.get(url("change", solicitud)).content.decode()
    assert solicitud.radicado in pagina
    assert "Lácteos El Ordeño S.A.S." in pagina  # datos radicados (resumen)
    assert "Datos del contribuyente" in pagina
    assert "RUT 2026.pdf" in pagina
    assert "Solicitud radicada" in pagina  # historial
    assert "Emisora" in pagina
    assert ">Asignarme<" in pagina and ">Iniciar revisión<" in pagina
    assert ">Aprobar<" not in pagina  # aún no está en revisión


def test_descargar_un_adjunto_queda_registrado(client, ciudadano, revisor_hacienda):
    solicitud = radicada(ciudadano)
    adjunto = Adjunto.objects.create(
        solicitud=solicitud,
        archivo=SimpleUploadedFile("rut.pdf", PDF),
        nombre_original="RUT 2026.pdf",
        tipo_contenido="application/pdf",
        tamano=18,
        sha256="0" * 64,
    )
    client.force_login(revisor_hacienda)
    detalle = client.get(url("change", solicitud)).content.decode()
    enlace = reverse("tramites:adjunto", args=[adjunto.pk])
    assert f'href="{enlace}"' in detalle
    respuesta = client.get(enlace)
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content) == PDF
    assert 'filename="RUT 2026.pdf"' in respuesta["Content-Disposition"]
    descarga = DescargaArchivo.objects.get()
    assert (descarga.usuario, descarga.adjunto, descarga.archivo) == (
        revisor_hacienda,
        adjunto,
        "adjunto",
    )


def test_con_x_accel_nginx_entrega_el_archivo(
    client, ciudadano, revisor_hacienda, settings
):
    settings.PRIVATE_MEDIA_X_ACCEL_PREFIX = "/privado-interno/"
    solicitud = radicada(ciudadano)
    adjunto = Adjunto.objects.create(
        solicitud=solicitud,
        archivo=SimpleUploadedFile("rut.pdf", PDF),
        nombre_original="rut.pdf",
        tipo_contenido="application/pdf",
        tamano=8,
        sha256="0" * 64,
    )
    client.force_login(revisor_hacienda)
    respuesta = client.get(reverse("tramites:adjunto", args=[adjunto.pk]))
    assert respuesta["X-Accel-Redirect"] == f"/privado-interno/{adjunto.archivo.name}"


def test_de_punta_a_punta_con_los_botones(client, ciudadano, revisor_hacienda):
    solicitud = radicada(ciudadano)
    client.force_login(revisor_hacienda)

    respuesta = client.post(url("iniciar_revision", solicitud), visto(solicitud))
    assert respuesta.status_code == 302
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.EN_REVISION

    rut = RequisitoFactory(tramite=solicitud.tramite, nombre="RUT actualizado")
    formulario = client.get(url("subsanacion", solicitud)).content.decode()
    assert "RUT actualizado" in formulario and "Datos del contribuyente" in formulario
    # Sin decir qué falta: error y nada cambia.
    respuesta = client.post(url("subsanacion", solicitud), visto(solicitud))
    assert "Indique qué falta" in respuesta.content.decode()
    respuesta = client.post(
        url("subsanacion", solicitud),
        {**visto(solicitud), f"requisito_{rut.pk}": "El RUT está vencido."},
    )
    assert respuesta.status_code == 302
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.REQUIERE_SUBSANACION


def test_rechazar_sin_motivacion_muestra_el_error_y_conserva_lo_escrito(
    client, ciudadano, revisor_hacienda
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    client.force_login(revisor_hacienda)
    respuesta = client.post(
        url("rechazar", solicitud), {**visto(solicitud), "motivacion": "Corto"}
    )
    pagina = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "La motivación debe explicar las razones" in pagina
    assert ">\nCorto</textarea>" in pagina
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.EN_REVISION


def test_aprobar_una_ampliacion_con_lo_concedido(client, ciudadano, revisor_gobierno):
    bar = EstablecimientoFactory()
    solicitud = en_revision(
        ciudadano,
        revisor_gobierno,
        datos_horario(bar),
        tipo=TipoTramite.AMPLIACION_HORARIO,
    )
    client.force_login(revisor_gobierno)
    formulario = client.get(url("aprobar", solicitud)).content.decode()
    assert 'value="04:00"' in formulario and "Resolución 627 de 2006" in formulario
    respuesta = client.post(
        url("aprobar", solicitud),
        {
            **visto(solicitud),
            "hora_cierre": "03:00",
            "fecha_inicio": "2026-12-24",
            "fecha_fin": "2026-12-24",
            "condiciones": "Aforo máximo de 60 personas.\n- Cierre de puertas a las 3:00 a. m.",
            "observaciones": "",
        },
    )
    assert respuesta.status_code == 302
    documento = Solicitud.objects.get(pk=solicitud.pk).documentos.get()
    assert documento.contenido["hora_cierre"] == "03:00"
    assert documento.contenido["condiciones"] == [
        "Aforo máximo de 60 personas.",
        "Cierre de puertas a las 3:00 a. m.",
    ]
    assert documento.vigente_hasta == date(2026, 12, 24)


def test_un_error_de_regla_se_muestra_sin_cambiar_nada(
    client, ciudadano, revisor_hacienda
):
    contribuyente = ContribuyenteFactory()
    solicitud = en_revision(
        ciudadano,
        revisor_hacienda,
        datos_novedad(
            contribuyente,
            {"NOMBRE_COMERCIAL": {"establecimiento_id": 999, "nombre_comercial": "X"}},
        ),
        tipo=TipoTramite.NOVEDAD_ICA,
    )
    client.force_login(revisor_hacienda)
    respuesta = client.post(
        url("aprobar", solicitud), {**visto(solicitud), "observaciones": ""}
    )
    assert respuesta.status_code == 200
    assert "no pertenece a este contribuyente" in respuesta.content.decode()
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.EN_REVISION


def test_dos_funcionarios_a_la_vez_uno_gana_y_el_otro_recibe_el_conflicto(
    client, ciudadano, revisor_hacienda
):
    otra = _funcionario_con_rol("Revisor Hacienda", "hacienda2@alcaldia.test")
    solicitud = radicada(ciudadano)
    # Las dos abrieron la solicitud cuando estaba radicada y sin asignar.
    lo_que_vieron = visto(solicitud)

    client.force_login(revisor_hacienda)
    client.post(url("iniciar_revision", solicitud), lo_que_vieron)

    client.force_login(otra)
    respuesta = client.post(
        url("iniciar_revision", solicitud), lo_que_vieron, follow=True
    )
    pagina = respuesta.content.decode()
    assert (
        "Otra persona cambió esta solicitud mientras usted la tenía abierta" in pagina
    )
    solicitud.refresh_from_db()
    assert solicitud.asignado_a == revisor_hacienda
    assert solicitud.historial.filter(estado_destino="EN_REVISION").count() == 1

    respuesta = client.post(url("asignarme", solicitud), lo_que_vieron, follow=True)
    assert "quedó asignada a" in respuesta.content.decode()
    assert Solicitud.objects.get(pk=solicitud.pk).asignado_a == revisor_hacienda


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_funcionarios_en_paralelo_en_postgresql(ciudadano, revisor_hacienda):
    """Dos hilos inician la revisión a la vez: el candado de fila los ordena, uno
    gana y el otro recibe ConflictoDeEstado; nada queda a medias."""
    otra = _funcionario_con_rol("Revisor Hacienda", "hacienda2@alcaldia.test")
    for _ in range(5):
        solicitud = radicada(ciudadano)
        actores = (revisor_hacienda, otra)
        resultados = a_la_vez(
            *(
                partial(
                    revision.iniciar_revision,
                    solicitud_id=solicitud.pk,
                    actor=actor,
                    estado_visto="RADICADO",
                )
                for actor in actores
            ),
            capturar=(ConflictoDeEstado,),
        )
        perdieron = [isinstance(r, ConflictoDeEstado) for r in resultados]
        assert sorted(perdieron) == [False, True]
        ganador = actores[perdieron.index(False)].pk
        solicitud.refresh_from_db()
        assert solicitud.estado == Estado.EN_REVISION
        assert solicitud.asignado_a_id == ganador
        assert solicitud.historial.filter(estado_destino="EN_REVISION").count() == 1


def test_prorrogar_desde_el_admin(client, ciudadano, revisor_hacienda, fijar_hoy):
    from tests.tramites.mesa import momento

    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    client.force_login(revisor_hacienda)
    pagina = client.get(url("prorrogar", solicitud)).content.decode()
    assert "hasta el 27/08/2026" in pagina
    respuesta = client.post(
        url("prorrogar", solicitud),
        {**visto(solicitud), "nueva_fecha": "2026-09-30", "razones": "Visita técnica."},
    )
    assert "no pasar del doble del término" in respuesta.content.decode()
    respuesta = client.post(
        url("prorrogar", solicitud),
        {**visto(solicitud), "nueva_fecha": "2026-08-27", "razones": "Visita técnica."},
    )
    assert respuesta.status_code == 302
    assert Solicitud.objects.get(pk=solicitud.pk).vence_el == date(2026, 8, 27)


def test_el_registro_muestra_el_historial_de_versiones(
    client, ciudadano, revisor_hacienda
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    contribuyente = solicitud.documentos.get().contribuyente
    novedad = en_revision(
        ciudadano,
        revisor_hacienda,
        datos_novedad(
            contribuyente, {"RAZON_SOCIAL": {"nombre": "Lácteos El Ordeño S.A.S. BIC"}}
        ),
        tipo=TipoTramite.NOVEDAD_ICA,
    )
    revision.aprobar(solicitud_id=novedad.pk, actor=revisor_hacienda)
    client.force_login(revisor_hacienda)
    pagina = client.get(
        reverse("admin:tramites_contribuyente_change", args=[contribuyente.pk])
    ).content.decode()
    assert "Historial de versiones del registro" in pagina
    assert f"Cambio de nombre o razón social, radicado {novedad.radicado}" in pagina
    assert (
        "Nombre o razón social: «Lácteos El Ordeño S.A.S.» → «Lácteos El Ordeño S.A.S. BIC»"
        in pagina.replace("&laquo;", "«").replace("&raquo;", "»")
    )
    assert f"Inscripción, radicado {solicitud.radicado}" in pagina
    assert revisor_hacienda.get_full_name() in pagina
