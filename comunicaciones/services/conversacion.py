"""Conversación en vivo: el horario en línea, el turno de los funcionarios, los
mensajes y el paso de una conversación a pregunta con radicado.

Se conversa solo en un horario en línea (hora de Bogotá) y con alguien de turno:
un funcionario que responde preguntas y dio señales en los últimos
`MINUTOS_DE_TURNO` minutos (el botón «Estoy de turno» y el sondeo de su página en
el admin). Si no, lo que el ciudadano escribe se radica como pregunta, con su
término de ley: nada de lo escrito queda sin respuesta.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from comunicaciones.excepciones import MensajeInvalido
from comunicaciones.models import (
    LARGO_MENSAJE,
    CanalPregunta,
    Conversacion,
    EstadoConversacion,
    HorarioAsesoria,
    MensajeConversacion,
    Modalidad,
    PreguntaCiudadana,
    TurnoAsesoria,
)
from comunicaciones.services import asesoria
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.formato import fecha_hora, fecha_larga, hora
from sanpedro_gel.reloj import en_bogota

MINUTOS_DE_TURNO = 5
# Por cuenta, en la ventana: de sobra para conversar, poco para inundar la cola.
MENSAJES_POR_CUENTA = 20
VENTANA_MENSAJES = 5 * 60


@dataclass
class Escrito:
    """Lo que pasó con un mensaje del ciudadano: entró a una conversación o se
    radicó como pregunta."""

    conversacion: Conversacion | None = None
    mensaje: MensajeConversacion | None = None
    pregunta: PreguntaCiudadana | None = None


def _limpio(texto: str) -> str:
    texto = (texto or "").strip()
    if not texto:
        raise MensajeInvalido("Escriba su mensaje.")
    if len(texto) > LARGO_MENSAJE:
        raise MensajeInvalido(
            f"El mensaje admite hasta {LARGO_MENSAJE} caracteres (tiene {len(texto)})."
        )
    return texto


# --- Horario y turno ---------------------------------------------------------------


def en_horario(ahora: datetime | None = None) -> bool:
    """Si `ahora` cae en un horario en línea activo, en hora de Bogotá."""
    local = en_bogota(ahora or timezone.now())
    return HorarioAsesoria.objects.filter(
        modalidad=Modalidad.EN_LINEA,
        activo=True,
        dia=local.weekday(),
        desde__lte=local.time(),
        hasta__gt=local.time(),
    ).exists()


def _de_turno(ahora: datetime | None = None) -> QuerySet:
    desde = (ahora or timezone.now()) - timedelta(minutes=MINUTOS_DE_TURNO)
    return TurnoAsesoria.objects.filter(
        visto_en__gte=desde,
        funcionario__is_active=True,
        funcionario__is_staff=True,
    )


def hay_de_turno(ahora: datetime | None = None) -> bool:
    return _de_turno(ahora).exists()


def esta_de_turno(funcionario, ahora: datetime | None = None) -> bool:
    return _de_turno(ahora).filter(funcionario=funcionario).exists()


def atiende_ahora(ahora: datetime | None = None) -> bool:
    """Si un mensaje de ahora abre o sigue una conversación (y no una pregunta)."""
    ahora = ahora or timezone.now()
    return en_horario(ahora) and hay_de_turno(ahora)


def _exigir_quien_responde(funcionario) -> None:
    if not asesoria.areas_que_responde(funcionario):
        raise ConflictoDeEstado(
            "Solo los funcionarios que responden preguntas atienden la "
            "conversación en vivo."
        )


def marcar_turno(*, funcionario, ahora: datetime | None = None) -> TurnoAsesoria:
    """«Estoy de turno»: vale `MINUTOS_DE_TURNO` minutos desde la última señal.
    Llamarlo otra vez solo renueva la hora."""
    _exigir_quien_responde(funcionario)
    turno, _ = TurnoAsesoria.objects.update_or_create(
        funcionario=funcionario, defaults={"visto_en": ahora or timezone.now()}
    )
    return turno


def renovar_turno(*, funcionario, ahora: datetime | None = None) -> bool:
    """La señal del sondeo: renueva el turno de quien sigue de turno (no de quien
    lo dejó o lo dejó vencer). True si lo renovó."""
    ahora = ahora or timezone.now()
    desde = ahora - timedelta(minutes=MINUTOS_DE_TURNO)
    return bool(
        TurnoAsesoria.objects.filter(
            funcionario=funcionario, visto_en__gte=desde
        ).update(visto_en=ahora)
    )


def dejar_turno(*, funcionario) -> None:
    TurnoAsesoria.objects.filter(funcionario=funcionario).update(visto_en=None)


# --- Mensajes ----------------------------------------------------------------------


def _asunto(texto: str) -> str:
    linea = texto.splitlines()[0]
    return linea if len(linea) <= 80 else linea[:79] + "…"


def escribir(
    *,
    ciudadano,
    texto: str,
    ahora: datetime | None = None,
) -> Escrito:
    """Un mensaje del ciudadano. Con horario y alguien de turno va a su
    conversación abierta (o abre una); si no, se radica como pregunta con su
    acuse por la bandeja. Cada llamada es un mensaje nuevo."""
    ahora = ahora or timezone.now()
    texto = _limpio(texto)
    if not atiende_ahora(ahora):
        pregunta = asesoria.preguntar(
            ciudadano=ciudadano,
            asunto=_asunto(texto),
            texto=texto,
            canal=CanalPregunta.CONVERSACION,
            ahora=ahora,
        )
        return Escrito(pregunta=pregunta)
    with transaction.atomic():
        conversacion = _abierta_de(ciudadano, ahora)
        mensaje = MensajeConversacion.objects.create(
            conversacion=conversacion, autor=ciudadano, texto=texto, creado_en=ahora
        )
    return Escrito(conversacion=conversacion, mensaje=mensaje)


def _abierta_de(ciudadano, ahora: datetime) -> Conversacion:
    abiertas = Conversacion.objects.select_for_update().filter(
        ciudadano=ciudadano, estado=EstadoConversacion.ABIERTA
    )
    conversacion = abiertas.first()
    if conversacion is not None:
        return conversacion
    try:
        with transaction.atomic():
            return Conversacion.objects.create(ciudadano=ciudadano, creada_en=ahora)
    except IntegrityError:
        # El primer mensaje llegó dos veces a la vez (dos pestañas): la otra
        # petición ya abrió la conversación; la restricción única lo garantiza.
        return abiertas.get()


def _bloqueada(conversacion_id: int) -> Conversacion:
    return Conversacion.objects.select_for_update().get(pk=conversacion_id)


def responder(
    *, conversacion_id: int, funcionario, texto: str, ahora: datetime | None = None
) -> MensajeConversacion:
    """La respuesta de un funcionario que responde preguntas; el primero que
    contesta queda como quien la atiende."""
    ahora = ahora or timezone.now()
    _exigir_quien_responde(funcionario)
    texto = _limpio(texto)
    with transaction.atomic():
        conversacion = _bloqueada(conversacion_id)
        if not conversacion.abierta:
            raise ConflictoDeEstado("La conversación ya está cerrada.")
        if conversacion.atendida_por_id is None:
            conversacion.atendida_por = funcionario
            conversacion.save(update_fields=["atendida_por"])
        return MensajeConversacion.objects.create(
            conversacion=conversacion,
            autor=funcionario,
            de_la_alcaldia=True,
            texto=texto,
            creado_en=ahora,
        )


def cerrar(*, conversacion_id: int, actor, ahora: datetime | None = None) -> None:
    """Cierra la conversación; cerrar una cerrada no hace nada."""
    _exigir_quien_responde(actor)
    Conversacion.objects.filter(
        pk=conversacion_id, estado=EstadoConversacion.ABIERTA
    ).update(estado=EstadoConversacion.CERRADA, cerrada_en=ahora or timezone.now())


def _transcripcion(conversacion: Conversacion) -> str:
    lineas = []
    for mensaje in conversacion.mensajes.all():
        quien = "Alcaldía" if mensaje.de_la_alcaldia else "Ciudadano"
        lineas.append(f"{quien} ({fecha_hora(mensaje.creado_en)}): {mensaje.texto}")
    return "\n".join(lineas)


def convertir_en_pregunta(
    *, conversacion_id: int, funcionario, ahora: datetime | None = None
) -> PreguntaCiudadana:
    """Radica la conversación como pregunta (canal «Conversación en vivo») con
    su texto, la enlaza, la cierra y le cuenta al ciudadano el radicado. Una
    segunda llamada devuelve la misma pregunta."""
    ahora = ahora or timezone.now()
    _exigir_quien_responde(funcionario)
    with transaction.atomic():
        conversacion = _bloqueada(conversacion_id)
        if conversacion.pregunta_id:
            return conversacion.pregunta
        primero = conversacion.mensajes.filter(de_la_alcaldia=False).first()
        pregunta = asesoria.preguntar(
            ciudadano=conversacion.ciudadano,
            asunto=_asunto(primero.texto if primero else "Conversación en vivo"),
            texto=_transcripcion(conversacion),
            canal=CanalPregunta.CONVERSACION,
            ahora=ahora,
        )
        MensajeConversacion.objects.create(
            conversacion=conversacion,
            autor=funcionario,
            de_la_alcaldia=True,
            texto=f"Su consulta necesita una respuesta formal: la radicamos como "
            f"pregunta con el radicado {pregunta.radicado}. Le responderemos a más "
            f"tardar el {fecha_larga(pregunta.vence_el)} y le avisaremos por correo.",
            creado_en=ahora,
        )
        conversacion.pregunta = pregunta
        conversacion.estado = EstadoConversacion.CERRADA
        conversacion.cerrada_en = ahora
        conversacion.save(update_fields=["pregunta", "estado", "cerrada_en"])
    return pregunta


# --- Lecturas ----------------------------------------------------------------------


def mensajes_despues(*, conversacion: Conversacion, despues: int = 0) -> list:
    return list(
        conversacion.mensajes.filter(pk__gt=despues).select_related("autor")[:200]
    )


def esperando_respuesta() -> QuerySet:
    """Las conversaciones abiertas cuyo último mensaje es del ciudadano."""
    ultimo = MensajeConversacion.objects.filter(conversacion=OuterRef("pk")).order_by(
        "-pk"
    )
    return (
        Conversacion.objects.filter(estado=EstadoConversacion.ABIERTA)
        .annotate(
            ultimo_de_la_alcaldia=Subquery(ultimo.values("de_la_alcaldia")[:1]),
            ultimo_texto=Subquery(ultimo.values("texto")[:1]),
        )
        .filter(ultimo_de_la_alcaldia=False)
        .select_related("ciudadano")
        .order_by("creada_en")
    )


def como_dict(mensaje: MensajeConversacion) -> dict:
    """Un mensaje para el sondeo: texto sin marcar; la página lo pone como texto."""
    return {
        "id": mensaje.pk,
        "texto": mensaje.texto,
        "de_la_alcaldia": mensaje.de_la_alcaldia,
        "hora": hora(mensaje.creado_en),
    }
