"""Subsanación (Ley 1755, art. 17): el término se suspende mientras se espera al
ciudadano y se reanuda con los días hábiles que quedaban; sin respuesta, el
trabajo diario declara el desistimiento."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tests.factories import RequisitoFactory
from tests.tramites.ayudas import PDF
from tests.tramites.mesa import en_revision, momento
from tramites import plazos
from tramites.models import DiaNoHabil, Estado, Solicitud
from tramites.services import revision, subsanacion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


def test_meses_de_calendario_sin_base_de_datos():
    assert plazos.sumar_meses(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert plazos.sumar_meses(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert plazos.sumar_meses(date(2026, 7, 21), 2) == date(2026, 9, 21)


def test_suspender_y_reanudar_sin_base_de_datos():
    # Vence el 4 de agosto de 2026; se suspende el martes 21 de julio.
    assert plazos.suspender(date(2026, 7, 21), date(2026, 8, 4)) == 10
    # Responde el jueves 6 de agosto: el 7 (Boyacá) y el 17 (Asunción) no cuentan.
    assert plazos.reanudar(date(2026, 8, 6), 10, date(2026, 8, 4)) == date(2026, 8, 24)
    # Ya vencido al suspender: sigue vencido en su fecha.
    assert plazos.reanudar(date(2026, 9, 1), -2, date(2026, 8, 4)) == date(2026, 8, 4)


def pedir(solicitud, revisor, **extra):
    requisito = RequisitoFactory(tramite=solicitud.tramite, nombre="RUT actualizado")
    return revision.solicitar_subsanacion(
        solicitud_id=solicitud.pk,
        actor=revisor,
        requisitos={requisito.pk: "Adjunte el RUT de este año."},
        **extra,
    )


def responder(solicitud, ciudadano, pedida, formularios=None):
    documentos = {
        i.pk: SimpleUploadedFile("rut.pdf", PDF, "application/pdf")
        for i in pedida.items.all()
        if i.es_documento
    }
    return subsanacion.responder_subsanacion(
        solicitud_id=solicitud.pk,
        actor=ciudadano,
        archivos=documentos,
        formularios=formularios or {},
        comentario="Adjunto el RUT.",
    )


def test_el_termino_se_suspende_y_se_reanuda_atravesando_festivos(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))  # viernes
    solicitud = en_revision(ciudadano, revisor_hacienda)
    assert solicitud.vence_el == date(2026, 8, 4)

    fijar_hoy(momento(2026, 7, 21))  # martes después del 20 de julio
    pedida = pedir(solicitud, revisor_hacienda)
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.REQUIERE_SUBSANACION
    assert solicitud.termino_suspendido_el == date(2026, 7, 21)
    assert solicitud.dias_habiles_restantes == 10
    assert pedida.plazo_hasta == date(2026, 8, 21)

    # Un decreto municipal suspende términos el 19 de agosto.
    DiaNoHabil.objects.create(fecha=date(2026, 8, 19), motivo="Decreto de prueba")
    fijar_hoy(momento(2026, 8, 6))  # jueves
    actuacion = responder(solicitud, ciudadano, pedida)
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.EN_REVISION
    assert actuacion.aviso == "subsanacion_recibida"
    # 10 días hábiles desde el 7 de agosto, sin el 7 y el 17 (festivos) ni el 19.
    assert solicitud.vence_el == date(2026, 8, 25)
    assert solicitud.termino_suspendido_el is None
    assert solicitud.dias_habiles_restantes is None
    # Del 22 de julio al 6 de agosto hay 12 días hábiles suspendidos.
    assert solicitud.dias_habiles_suspendido == 12
    assert pedida.solicitud.subsanaciones.get().respondida_en


def test_la_respuesta_reemplaza_solo_el_documento_pedido(ciudadano, revisor_hacienda):
    from tramites.models import Adjunto

    solicitud = en_revision(ciudadano, revisor_hacienda)
    pedida = pedir(solicitud, revisor_hacienda)
    requisito = pedida.items.get().requisito
    otro = RequisitoFactory(tramite=solicitud.tramite, nombre="Cédula")
    for req in (requisito, otro):
        Adjunto.objects.create(
            solicitud=solicitud,
            requisito=req,
            archivo=SimpleUploadedFile("viejo.pdf", PDF),
            nombre_original="viejo.pdf",
            tipo_contenido="application/pdf",
            tamano=len(PDF),
            sha256="0" * 64,
        )
    responder(solicitud, ciudadano, pedida)
    vigentes = {
        a.requisito_id: a.nombre_original
        for a in solicitud.adjuntos.filter(vigente=True)
    }
    assert vigentes == {requisito.pk: "rut.pdf", otro.pk: "viejo.pdf"}
    assert solicitud.adjuntos.filter(vigente=False, requisito=requisito).count() == 1


def test_la_respuesta_cambia_solo_el_paso_pedido(ciudadano, revisor_hacienda):
    from tests.tramites.mesa import FormularioPaso

    solicitud = en_revision(ciudadano, revisor_hacienda)
    pedida = revision.solicitar_subsanacion(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        pasos={"contribuyente": ("Datos del contribuyente", "Corrija el nombre.")},
    )
    item = pedida.items.get()
    formulario = FormularioPaso(
        "contribuyente",
        solicitud,
        {**solicitud.datos["contribuyente"], "nombre": "Lácteos El Ordeño S.A.S. BIC"},
    )
    assert formulario.is_valid()
    responder(solicitud, ciudadano, pedida, formularios={item.pk: formulario})
    solicitud.refresh_from_db()
    assert solicitud.datos["contribuyente"]["nombre"] == "Lácteos El Ordeño S.A.S. BIC"
    assert solicitud.nombre_solicitante == "Lácteos El Ordeño S.A.S. BIC"
    assert solicitud.datos["actividades"]["principal"] == "1040"


def test_responder_sin_todo_lo_pedido_no_cambia_nada(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    pedir(solicitud, revisor_hacienda)
    with pytest.raises(TransicionInvalida, match="Falta responder: RUT"):
        subsanacion.responder_subsanacion(
            solicitud_id=solicitud.pk, actor=ciudadano, archivos={}
        )
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.REQUIERE_SUBSANACION


def test_responder_dos_veces_es_un_conflicto(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    pedida = pedir(solicitud, revisor_hacienda)
    responder(solicitud, ciudadano, pedida)
    with pytest.raises(ConflictoDeEstado):
        responder(solicitud, ciudadano, pedida)


def test_otro_ciudadano_no_responde_por_el_dueno(
    ciudadano, otro_ciudadano, revisor_hacienda
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    pedida = pedir(solicitud, revisor_hacienda)
    with pytest.raises(Solicitud.DoesNotExist):
        responder(solicitud, otro_ciudadano, pedida)


# --- Ampliación y desistimiento -------------------------------------------------------


def test_la_ampliacion_de_un_mes_se_concede_una_sola_vez(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    fijar_hoy(momento(2026, 7, 21))
    pedida = pedir(solicitud, revisor_hacienda)
    fijar_hoy(momento(2026, 8, 20))
    ampliada = subsanacion.pedir_ampliacion(solicitud_id=solicitud.pk, actor=ciudadano)
    assert ampliada.plazo_hasta == date(2026, 9, 21)
    assert solicitud.historial.last().aviso == "ampliacion_subsanacion"
    with pytest.raises(TransicionInvalida, match="una sola vez"):
        subsanacion.pedir_ampliacion(solicitud_id=solicitud.pk, actor=ciudadano)
    pedida.refresh_from_db()
    assert pedida.plazo_hasta == date(2026, 9, 21)


def test_la_ampliacion_no_se_pide_con_el_plazo_vencido(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    fijar_hoy(momento(2026, 7, 21))
    pedir(solicitud, revisor_hacienda)
    fijar_hoy(momento(2026, 8, 22))
    with pytest.raises(TransicionInvalida, match="venció"):
        subsanacion.pedir_ampliacion(solicitud_id=solicitud.pk, actor=ciudadano)


def test_el_trabajo_diario_declara_el_desistimiento_tras_el_plazo(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    otra = en_revision(ciudadano, revisor_hacienda)
    fijar_hoy(momento(2026, 7, 21))
    pedir(solicitud, revisor_hacienda)
    pedir(otra, revisor_hacienda)
    subsanacion.pedir_ampliacion(solicitud_id=otra.pk, actor=ciudadano)

    # El último día del plazo todavía puede responder.
    fijar_hoy(momento(2026, 8, 21, hora=6))
    assert subsanacion.declarar_desistimientos_vencidos() == 0

    fijar_hoy(momento(2026, 8, 22, hora=6))
    assert subsanacion.declarar_desistimientos_vencidos() == 1
    assert subsanacion.declarar_desistimientos_vencidos() == 0
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.DESISTIDO
    actuacion = solicitud.historial.last()
    assert actuacion.actor is None and actuacion.aviso == "desistida"
    assert actuacion.documento.tipo == "RESOLUCION_DESISTIMIENTO"
    assert actuacion.documento.numero.startswith("RES-2026-")
    # La que pidió un mes más sigue esperando.
    assert Solicitud.objects.get(pk=otra.pk).estado == Estado.REQUIERE_SUBSANACION


def test_el_plazo_para_subsanar_es_configurable(ciudadano, revisor_hacienda, fijar_hoy):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    solicitud.tramite.meses_para_subsanar = 2
    solicitud.tramite.save()
    fijar_hoy(momento(2026, 7, 21))
    assert pedir(solicitud, revisor_hacienda).plazo_hasta == date(2026, 9, 21)


def test_comando_gemelo_del_desistimiento(
    ciudadano, revisor_hacienda, fijar_hoy, capsys
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    fijar_hoy(momento(2026, 7, 21))
    pedir(solicitud, revisor_hacienda)
    call_command("declarar_desistimientos", "--fecha", "2026-08-22")
    assert "Desistimientos declarados: 1" in capsys.readouterr().out
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.DESISTIDO


def test_el_desistimiento_esta_en_el_programa_de_beat(settings):
    entrada = settings.CELERY_BEAT_SCHEDULE["tramites-desistimientos"]
    assert entrada["task"] == "tramites.tasks.declarar_desistimientos"
