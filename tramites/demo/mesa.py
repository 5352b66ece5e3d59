"""Demostración de la mesa de revisión: solicitudes en cada momento del flujo,
llevadas hasta allí con los servicios reales.

- Quesera Santa Rita S.A.S.: inscripción aprobada (matrícula y certificado) y
  calificada por el ciudadano.
- Panadería La Espiga: inscripción radicada, sin asignar.
- Ferretería El Tornillo S.A.S. (de la ciudadana de demostración): Hacienda
  le pidió completar el RUT y corregir el correo; ella puede responder desde
  «Mis trámites».
- Bar La Fonda: ampliación de horario aprobada con resolución RES-AAAA-NNNN.
- Discoteca Mil Colores: ampliación de horario de temporada en revisión.
- Taberna El Arriero: ampliación permanente negada con resolución motivada.

Idempotente: si ya hay solicitudes con el origen «demo-mesa», no hace nada.
Va después de las fichas, el registro y las solicitudes de la ciudadana.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from stdnum.co import nit

from sanpedro_gel.demo import asegurar_usuario
from tramites.demo.documentos import documento_demo
from tramites.excepciones import SolicitudIncompleta
from tramites.models import (
    Contribuyente,
    Establecimiento,
    Estado,
    Solicitud,
    TipoTramite,
    Tramite,
)
from tramites.pasos import definicion_de
from tramites.selectores import aviso_vigente
from tramites.services import revision
from tramites.services.adjuntos import adjuntar
from tramites.services.borradores import crear_borrador
from tramites.services.calificaciones import calificar
from tramites.services.radicacion import radicar_solicitud

ORIGEN = "demo-mesa"

REVISORES = {
    "hacienda@portal-demo.test": ("Juan Camilo", "Ochoa Mejía", "Revisor Hacienda"),
    "gobierno@portal-demo.test": ("Sandra Milena", "Posada Cano", "Revisor Gobierno"),
}


def _revisor(correo: str):
    nombres, apellidos, rol = REVISORES[correo]
    usuario = asegurar_usuario(
        correo, is_staff=True, first_name=nombres, last_name=apellidos
    )
    usuario.groups.add(Group.objects.get(name=rol))
    return usuario


def _persona_juridica(numero: str, nombre: str, correo: str, **extra) -> dict:
    return {
        "naturaleza": "PERSONA_JURIDICA",
        "tipo_documento": "NIT",
        "numero_documento": numero,
        "digito_verificacion": nit.calc_check_digit(numero),
        "nombre": nombre,
        "regimen": "ORDINARIO",
        "direccion_notificacion": extra.get("direccion", "Carrera 50 # 52-14"),
        "municipio_notificacion": "San Pedro de los Milagros",
        "departamento_notificacion": "Antioquia",
        "telefono": "",
        "celular": extra.get("celular", "3104567890"),
        "correo": correo,
        "autoriza_notificacion_electronica": True,
    }


def _inscripcion(contribuyente: dict, local: dict, principal: str, **extra) -> dict:
    hoy = timezone.localdate()
    juridica = contribuyente["naturaleza"] != "PERSONA_NATURAL"
    return {
        "contribuyente": contribuyente,
        "registro_mercantil": {
            "tiene_matricula": True,
            "matricula_mercantil": extra.get("matricula_mercantil", "21-701234-16"),
            "fecha_matricula_mercantil": (hoy - timedelta(days=60)).isoformat(),
            "camara_comercio": "Cámara de Comercio de Medellín para Antioquia",
        },
        "actividades": {"principal": principal, "secundarias": extra.get("otras", [])},
        "establecimientos": [
            {
                "zona": "URBANA",
                "telefono": "",
                "actividad": principal,
                "inicio_actividades": (hoy - timedelta(days=30)).isoformat(),
                "area_m2": "60.00",
                "empleados": 3,
                "avisos_tableros": True,
                "aforo": None,
                "horario_ordinario": "Lunes a sábado, 7:00 a. m. a 7:00 p. m.",
                **local,
            }
        ],
        "representacion": {
            "representante_nombres": extra.get("representante", "") if juridica else "",
            "representante_tipo_documento": "CC" if juridica else "",
            "representante_numero_documento": extra.get("cedula_rep", "")
            if juridica
            else "",
            "representante_correo": contribuyente["correo"] if juridica else "",
            "actua_apoderado": False,
            "apoderado_nombres": "",
            "apoderado_tipo_documento": "",
            "apoderado_numero_documento": "",
            "apoderado_correo": "",
        },
    }


def _solicitante_horario(correo, nombres, apellidos, *, documento, calidad, telefono):
    """El usuario de demostración que pide una ampliación, y cómo se identifica
    en la solicitud."""
    usuario = asegurar_usuario(correo, first_name=nombres, last_name=apellidos)
    return usuario, {
        "tipo_documento": "CC",
        "numero_documento": documento,
        "nombre": f"{nombres} {apellidos}",
        "calidad": calidad,
        "telefono": telefono,
        "correo": correo,
    }


def _horario(local: Establecimiento, solicitante: dict, pedido: dict) -> dict:
    return {
        "solicitante": solicitante,
        "establecimiento": {
            "establecimiento_id": local.pk,
            "actual": {
                "matricula": local.contribuyente.matricula,
                "nombre_comercial": local.nombre_comercial,
                "direccion": local.direccion,
                "actividad": local.actividad_id,
                "aforo": local.aforo,
                "horario_ordinario": local.horario_ordinario,
            },
        },
        "solicitud": {
            "actividades": ["MUSICA_EN_VIVO", "BAILE"],
            "plan_contingencia": "",
            **pedido,
        },
    }


def _pedir_ampliacion(matricula: str, persona: dict, pedido: dict, como_se_entero):
    """Quien atiende el establecimiento de `matricula` radica una ampliación."""
    local = Establecimiento.objects.select_related("contribuyente").get(
        contribuyente__matricula=matricula
    )
    usuario, solicitante = _solicitante_horario(**persona)
    # Quien la pide tramita por el registro (lo reclamó con el código).
    Contribuyente.objects.filter(
        pk=local.contribuyente_id, titular_cuenta__isnull=True
    ).update(titular_cuenta=usuario)
    datos = _horario(local, solicitante, pedido)
    return _radicar(usuario, TipoTramite.AMPLIACION_HORARIO, datos, como_se_entero)


def _radicar(solicitante, tipo: str, datos: dict, como_se_entero: str) -> Solicitud:
    tramite = Tramite.objects.get(tipo=tipo)
    solicitud = crear_borrador(tramite=tramite, solicitante=solicitante, origen=ORIGEN)
    solicitud.datos = datos
    solicitud.save(update_fields=["datos"])
    for requisito in definicion_de(tipo).documentos_faltantes(solicitud):
        adjuntar(
            solicitud=solicitud,
            requisito=requisito,
            archivo=documento_demo(requisito.nombre),
        )
    try:
        radicar_solicitud(
            solicitud_id=solicitud.pk,
            actor=solicitante,
            aviso=aviso_vigente(tramite),
            como_se_entero=como_se_entero,
            origen=ORIGEN,
        )
    except SolicitudIncompleta as error:
        raise RuntimeError(
            f"Los datos de demostración de {tipo} no pasan el formulario: "
            f"{error.errores}"
        ) from error
    return Solicitud.objects.get(pk=solicitud.pk)


def cargar():
    if Solicitud.objects.filter(origen=ORIGEN).exists():
        return
    hacienda = _revisor("hacienda@portal-demo.test")
    gobierno = _revisor("gobierno@portal-demo.test")
    ciudadana = asegurar_usuario("ciudadana@portal-demo.test")
    hoy = timezone.localdate()

    # Inscripción aprobada y calificada.
    quesera = asegurar_usuario(
        "quesera.santarita@portal-demo.test",
        first_name="Rosa Elena",
        last_name="Arango Vélez",
    )
    solicitud = _radicar(
        quesera,
        TipoTramite.INSCRIPCION_ICA,
        _inscripcion(
            _persona_juridica(
                "901458732",
                "Quesera Santa Rita S.A.S.",
                "quesera.santarita@portal-demo.test",
            ),
            {
                "nombre_comercial": "Quesera Santa Rita",
                "direccion": "Vereda Santa Bárbara, kilómetro 2",
                "zona": "RURAL",
                "barrio_vereda": "Santa Bárbara",
            },
            "1040",
            otras=["4722"],
            representante="Rosa Elena Arango Vélez",
            cedula_rep="43654321",
        ),
        "EMISORA",
    )
    revision.iniciar_revision(solicitud_id=solicitud.pk, actor=hacienda)
    revision.aprobar(
        solicitud_id=solicitud.pk,
        actor=hacienda,
        observaciones="Documentos completos y coherentes con el RUT.",
    )
    calificar(
        solicitud_id=solicitud.pk,
        actor=quesera,
        puntaje=5,
        comentario="Lo hice desde la finca, sin bajar al pueblo. Muy claro.",
    )

    # Inscripción radicada, sin asignar (persona natural).
    panadero = asegurar_usuario(
        "panaderia.laespiga@portal-demo.test",
        first_name="Hernán",
        last_name="Zapata Gil",
    )
    _radicar(
        panadero,
        TipoTramite.INSCRIPCION_ICA,
        _inscripcion(
            {
                **_persona_juridica(
                    "0", "", "panaderia.laespiga@portal-demo.test", celular="3136677889"
                ),
                "naturaleza": "PERSONA_NATURAL",
                "tipo_documento": "CC",
                "numero_documento": "15438122",
                "digito_verificacion": "",
                "nombre": "Hernán Zapata Gil",
                "regimen": "SIMPLE",
                "direccion_notificacion": "Calle 49 # 51-30",
            },
            {
                "nombre_comercial": "Panadería La Espiga",
                "direccion": "Calle 49 # 51-30",
                "barrio_vereda": "El Calvario",
            },
            "1081",
            matricula_mercantil="21-702345-01",
        ),
        "AFICHE",
    )

    # La ciudadana: Hacienda le pide completar su inscripción.
    ferreteria = _radicar(
        ciudadana,
        TipoTramite.INSCRIPCION_ICA,
        _inscripcion(
            _persona_juridica(
                "901377654",
                "Ferretería El Tornillo S.A.S.",
                "ciudadana@portal-demo.test",
                direccion="Carrera 51 # 49-12",
            ),
            {
                "nombre_comercial": "Ferretería El Tornillo",
                "direccion": "Carrera 51 # 49-12",
                "barrio_vereda": "Centro",
            },
            "4752",
            representante="María Elena Gómez Uribe",
            cedula_rep="43867215",
        ),
        "REDES_SOCIALES",
    )
    revision.iniciar_revision(solicitud_id=ferreteria.pk, actor=hacienda)
    rut = ferreteria.tramite.requisitos.filter(nombre__icontains="RUT").first()
    revision.solicitar_subsanacion(
        solicitud_id=ferreteria.pk,
        actor=hacienda,
        requisitos={rut.pk: "El RUT adjunto es de 2021; adjunte el actualizado."}
        if rut
        else {},
        pasos={
            "contribuyente": (
                "Datos del contribuyente",
                "El correo de notificación es personal; indique el de la empresa.",
            )
        },
        observacion="Si tiene dudas, llame a la Secretaría de Hacienda.",
    )

    # Ampliaciones de horario: una aprobada con resolución y otra en revisión.
    evento = hoy + timedelta(days=30)
    ampliacion = _pedir_ampliacion(
        "ICA-000098",
        {
            "correo": "barlafonda@portal-demo.test",
            "nombres": "Carlos Mario",
            "apellidos": "Jaramillo Pérez",
            "documento": "71222333",
            "calidad": "REPRESENTANTE_LEGAL",
            "telefono": "3001234567",
        },
        {
            "tipo": "OCASIONAL",
            "fecha_inicio": evento.isoformat(),
            "fecha_fin": evento.isoformat(),
            "hora_cierre": "03:00",
            "motivo": "Aniversario del bar con orquesta en vivo",
            "aforo": 80,
            "personal_seguridad": 4,
            "medidas_seguridad": "Cuatro guardas, control de aforo en la puerta "
            "y salida de emergencia señalizada.",
        },
        "BANNER",
    )
    revision.iniciar_revision(solicitud_id=ampliacion.pk, actor=gobierno)
    revision.aprobar(
        solicitud_id=ampliacion.pk,
        actor=gobierno,
        observaciones="Concepto favorable de la estación de Policía.",
    )

    temporada = _pedir_ampliacion(
        "ICA-000130",
        {
            "correo": "milcolores@portal-demo.test",
            "nombres": "Diana Patricia",
            "apellidos": "Londoño Vélez",
            "documento": "1036601234",
            "calidad": "REPRESENTANTE_LEGAL",
            "telefono": "3209876543",
        },
        {
            "tipo": "TEMPORADA",
            "fecha_inicio": (hoy + timedelta(days=20)).isoformat(),
            "fecha_fin": (hoy + timedelta(days=50)).isoformat(),
            "hora_cierre": "04:00",
            "motivo": "Temporada de fin de año y fiestas del municipio",
            "aforo": 220,
            "personal_seguridad": 10,
            "medidas_seguridad": "Diez guardas, requisa en la entrada, "
            "brigada de primeros auxilios y plan de evacuación.",
        },
        "REDES_SOCIALES",
    )
    revision.iniciar_revision(solicitud_id=temporada.pk, actor=gobierno)

    # Ampliación negada con resolución motivada.
    negada = _pedir_ampliacion(
        "ICA-000075",
        {
            "correo": "taberna.elarriero@portal-demo.test",
            "nombres": "Jhon Fredy",
            "apellidos": "Álvarez Mesa",
            "documento": "98765432",
            "calidad": "PROPIETARIO",
            "telefono": "3156789012",
        },
        {
            "tipo": "PERMANENTE",
            "fecha_inicio": (hoy + timedelta(days=15)).isoformat(),
            "fecha_fin": None,
            "hora_cierre": "03:00",
            "motivo": "Atender a los clientes que salen tarde del trabajo",
            "aforo": 45,
            "personal_seguridad": 1,
            "medidas_seguridad": "Un vigilante en la puerta.",
        },
        "AFICHE",
    )
    revision.iniciar_revision(solicitud_id=negada.pk, actor=gobierno)
    revision.rechazar(
        solicitud_id=negada.pk,
        actor=gobierno,
        motivacion=(
            "En los últimos seis meses la Inspección de Policía recibió tres quejas "
            "de vecinos del barrio El Calvario por ruido después de la 1:00 a. m. "
            "en este establecimiento, y la medición de la autoridad ambiental "
            "superó los niveles permitidos para zona residencial. Un horario "
            "permanente hasta las 3:00 a. m. no es compatible con la convivencia "
            "del sector (Ley 1801 de 2016, artículos 33 y 87). El establecimiento "
            "puede pedir ampliaciones ocasionales cuando corrija el aislamiento "
            "acústico."
        ),
    )
    Solicitud.objects.filter(origen=ORIGEN, estado=Estado.BORRADOR).delete()
