"""Los documentos expedidos: su texto leído del PDF, su numeración, su código de
verificación y lo que dice la verificación sobre su vigencia."""

from datetime import date

import pytest

from sanpedro_gel.verificacion import ALFABETO_CODIGO
from tests.factories import ContribuyenteFactory, EstablecimientoFactory
from tests.pdfa import es_pdf_a_etiquetado
from tests.tramites.mesa import (
    datos_horario,
    datos_novedad,
    en_revision,
    momento,
    texto_pdf,
)
from tramites import verificacion
from tramites.models import DocumentoExpedido, TipoTramite
from tramites.services import documentos, revision, subsanacion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


def pdf(documento):
    """El texto del PDF expedido, que además debe ser PDF/A (cada clase de
    documento expedido pasa por aquí: certificado, constancia, resoluciones)."""
    contenido = documentos.leer_pdf(documento)
    assert es_pdf_a_etiquetado(contenido), documento.get_tipo_display()
    return texto_pdf(contenido)


def test_certificado_de_inscripcion(ciudadano, revisor_hacienda, fijar_hoy):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    texto = pdf(documento)
    assert "Certificado de inscripción en el Registro de Industria y Comercio" in texto
    assert "Lácteos El Ordeño S.A.S." in texto
    assert "NIT 900123456-8" in texto
    assert "ICA-000001" in texto
    assert "1040 Elaboración de productos lácteos Principal" in texto
    assert "Quesera El Ordeño" in texto
    assert "10 de julio de 2026" in texto
    assert solicitud.radicado in texto
    assert documento.codigo_verificacion in texto
    assert f"/verificar/{documento.codigo_verificacion}/" in texto.replace(" ", "")


def test_constancia_de_novedad_con_valor_anterior_y_nuevo(ciudadano, revisor_hacienda):
    contribuyente = ContribuyenteFactory(
        nombre="Quesera Santa Rita", correo="contabilidad@lacteos.test"
    )
    solicitud = en_revision(
        ciudadano,
        revisor_hacienda,
        datos_novedad(
            contribuyente,
            {
                "DATOS_CONTACTO": {
                    "telefono": "6048680000",
                    "celular": "",
                    "correo": "nuevo@rita.test",
                }
            },
        ),
        tipo=TipoTramite.NOVEDAD_ICA,
    )
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    texto = pdf(documento)
    assert "Constancia de novedad en el Registro de Industria y Comercio" in texto
    assert "Actualización de datos de contacto" in texto
    assert "contabilidad@lacteos.test nuevo@rita.test" in texto
    assert contribuyente.matricula in texto
    assert "Quesera Santa Rita" in texto


def test_resolucion_de_ampliacion_de_horario_numerada(
    ciudadano, revisor_gobierno, fijar_hoy
):
    fijar_hoy(momento(2026, 11, 30))
    bar = EstablecimientoFactory(nombre_comercial="Bar La Fonda")
    primera = en_revision(
        ciudadano,
        revisor_gobierno,
        datos_horario(bar),
        tipo=TipoTramite.AMPLIACION_HORARIO,
    )
    segunda = en_revision(
        ciudadano,
        revisor_gobierno,
        datos_horario(bar),
        tipo=TipoTramite.AMPLIACION_HORARIO,
    )
    documento = revision.aprobar(
        solicitud_id=primera.pk,
        actor=revisor_gobierno,
        concesion={
            "hora_cierre": "03:00",
            "fecha_inicio": date(2026, 12, 24),
            "fecha_fin": date(2026, 12, 25),
            "condiciones": [
                "Respetar el aforo de 80 personas.",
                "Cerrar puertas a las 3:00 a. m.",
            ],
        },
    )
    otra = revision.aprobar(solicitud_id=segunda.pk, actor=revisor_gobierno)
    assert (documento.numero, otra.numero) == ("RES-2026-0001", "RES-2026-0002")
    assert (documento.vigente_desde, documento.vigente_hasta) == (
        date(2026, 12, 24),
        date(2026, 12, 25),
    )
    texto = pdf(documento)
    assert "RESOLUCIÓN RES-2026-0001" in texto
    assert "Por la cual se concede un permiso de ampliación de horario" in texto
    assert "CONSIDERANDO" in texto and "RESUELVE" in texto
    assert "Carlos Mario Jaramillo" in texto
    assert "Bar La Fonda" in texto
    assert "hasta las 4:00 a. m." in texto  # lo pedido
    assert (
        "hasta las 3:00 a. m., del 24 de diciembre de 2026 al 25 de diciembre de 2026"
        in texto
    )
    assert "Respetar el aforo de 80 personas." in texto
    assert "Ley 1801 de 2016" in texto
    assert "reposición" in texto and "apelación" in texto
    assert "diez (10) días hábiles" in texto
    assert documento.codigo_verificacion in texto


def test_el_rechazo_es_un_acto_motivado(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    documento = revision.rechazar(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        motivacion="El RUT aportado corresponde a otra persona y no se subsanó.",
    )
    texto = pdf(documento)
    assert f"RESOLUCIÓN {documento.numero}" in texto
    assert f"Por la cual se niega la solicitud {solicitud.radicado}" in texto
    assert "El RUT aportado corresponde a otra persona" in texto
    assert "reposición" in texto and "apelación" in texto


def test_el_desistimiento_es_un_acto_motivado_con_solo_reposicion(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    fijar_hoy(momento(2026, 7, 21))
    revision.solicitar_subsanacion(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        pasos={"contribuyente": ("Datos del contribuyente", "Falta el correo.")},
    )
    documento = subsanacion.declarar_desistimiento(
        solicitud_id=solicitud.pk, hoy=date(2026, 8, 24)
    )
    texto = pdf(documento)
    assert "Por la cual se declara el desistimiento tácito" in texto
    assert "Falta el correo." in texto
    assert "21 de agosto de 2026" in texto
    assert "únicamente procede el recurso de reposición" in texto


def test_los_codigos_son_del_alfabeto_y_unicos_frente_a_las_solicitudes(
    ciudadano, revisor_hacienda, monkeypatch
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    # El primer código que «sale» ya es de una solicitud: se descarta.
    candidatos = iter(solicitud.codigo_verificacion + "ZZZZ2345")
    monkeypatch.setattr(
        "sanpedro_gel.verificacion.secrets.choice", lambda _: next(candidatos)
    )
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    assert documento.codigo_verificacion == "ZZZZ2345"
    assert set(documento.codigo_verificacion) <= set(ALFABETO_CODIGO)


def test_la_verificacion_dice_si_el_certificado_sigue_vigente(
    client, ciudadano, revisor_hacienda
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    resultado = verificacion.verificar_documento(documento.codigo_verificacion.lower())
    assert resultado.autentico and resultado.vigente
    assert ("Matrícula ICA", "ICA-000001") in resultado.datos

    contribuyente = documento.contribuyente
    cese = en_revision(
        ciudadano,
        revisor_hacienda,
        datos_novedad(
            contribuyente,
            {"CESE_ACTIVIDADES": {"fecha_cese": "2026-06-30", "motivo": "Cierre"}},
        ),
        tipo=TipoTramite.NOVEDAD_ICA,
    )
    revision.aprobar(solicitud_id=cese.pk, actor=revisor_hacienda)
    resultado = verificacion.verificar_documento(documento.codigo_verificacion)
    assert not resultado.vigente
    assert "cancelado el 30/06/2026" in resultado.explicacion
    pagina = client.get(f"/verificar/{documento.codigo_verificacion}/").content.decode()
    assert "No vigente." in pagina and "cancelado el 30/06/2026" in pagina
    assert verificacion.verificar_documento("NOEXISTE") is None


def test_la_verificacion_de_una_resolucion_mira_sus_fechas(ciudadano, revisor_gobierno):
    bar = EstablecimientoFactory()
    solicitud = en_revision(
        ciudadano,
        revisor_gobierno,
        datos_horario(bar),
        tipo=TipoTramite.AMPLIACION_HORARIO,
    )
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_gobierno)
    antes = verificacion.verificar_documento(
        documento.codigo_verificacion, date(2026, 12, 1)
    )
    durante = verificacion.verificar_documento(
        documento.codigo_verificacion, date(2026, 12, 25)
    )
    despues = verificacion.verificar_documento(
        documento.codigo_verificacion, date(2026, 12, 26)
    )
    assert (antes.vigente, durante.vigente, despues.vigente) == (False, True, False)
    assert "empieza el 24/12/2026" in antes.explicacion
    assert "venció el 25/12/2026" in despues.explicacion


def test_generar_el_pdf_dos_veces_no_lo_rehace(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    assert documentos.generar_pdf(documento_id=documento.pk) is True
    nombre = DocumentoExpedido.objects.get(pk=documento.pk).archivo.name
    assert documentos.generar_pdf(documento_id=documento.pk) is False
    assert DocumentoExpedido.objects.get(pk=documento.pk).archivo.name == nombre
