"""Asesoría ciudadana: radicar una pregunta, responderla, trasladarla, el hilo
con el ciudadano y las preguntas frecuentes.

Una pregunta es una petición (Ley 1755 de 2015): toma su radicado del mismo
consecutivo sin huecos que las solicitudes (serie «PET») y su fecha límite del
mismo motor de términos (días hábiles, festivos y días no hábiles locales).
Cada correo al ciudadano sale por la bandeja del núcleo, dentro de la
transacción que lo origina.
"""

import unicodedata
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from comunicaciones.models import (
    ABIERTAS,
    Area,
    CanalPregunta,
    ClaseDePeticion,
    EstadoPregunta,
    MensajeAsesoria,
    PreguntaCiudadana,
    PreguntaFrecuente,
    TerminoPeticion,
)
from sanpedro_gel import buzon
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.registros import Registro
from sanpedro_gel.texto import markdown_seguro
from sanpedro_gel.verificacion import codigo_libre
from tramites.calendario import dias_habiles_entre, sumar_dias_habiles
from tramites.models import TipoTramite
from tramites.services.consecutivos import siguiente_numero

SERIE = "PET"
ACUSE = "comunicaciones.acuse_pregunta"
RESPUESTA = "comunicaciones.respuesta_pregunta"
TRASLADO = "comunicaciones.traslado_pregunta"

# Ley 1755 de 2015, art. 21: quien no es competente traslada dentro de 5 días.
DIAS_PARA_TRASLADAR = 5

AREA_DEL_TRAMITE = {
    TipoTramite.INSCRIPCION_ICA: Area.HACIENDA,
    TipoTramite.NOVEDAD_ICA: Area.HACIENDA,
    TipoTramite.AMPLIACION_HORARIO: Area.GOBIERNO,
}
PERMISO_DEL_AREA = {
    Area.HACIENDA: "comunicaciones.responder_hacienda",
    Area.GOBIERNO: "comunicaciones.responder_gobierno",
    Area.GENERAL: "comunicaciones.responder_general",
}


# Las sesiones de asesoría en colegios y veredas son jornadas de `capacitacion`,
# que está encima de esta app: se registra aquí desde su AppConfig.ready() con
# un `proveedor()` que devuelve las próximas sesiones de asesoría: dicts con
# «titulo», «inicio» (datetime), «lugar» y «url».
_PROVEEDORES_DE_SESIONES = Registro()
registrar_sesiones = _PROVEEDORES_DE_SESIONES.registrar


def sesiones_proximas() -> list[dict]:
    sesiones = [s for proveedor in _PROVEEDORES_DE_SESIONES for s in proveedor()]
    return sorted(sesiones, key=lambda s: s["inicio"])


def areas_que_responde(usuario) -> set[str]:
    if not (usuario.is_authenticated and usuario.is_staff and usuario.is_active):
        return set()
    return {
        area for area, permiso in PERMISO_DEL_AREA.items() if usuario.has_perm(permiso)
    }


def area_de(tramite) -> str:
    return AREA_DEL_TRAMITE.get(getattr(tramite, "tipo", None), Area.GENERAL)


def clase_por_defecto() -> str:
    termino = TerminoPeticion.objects.filter(por_defecto=True).first()
    return termino.clase if termino else ClaseDePeticion.GENERAL


def dias_de(clase: str) -> int:
    termino = TerminoPeticion.objects.filter(clase=clase).first()
    return termino.dias_habiles if termino else 15


def _clave(tipo: str, *partes) -> str:
    return ":".join([tipo, *map(str, partes)])


# --- Radicar ----------------------------------------------------------------------


def preguntar(
    *,
    ciudadano,
    asunto: str,
    texto: str,
    clase: str = "",
    tramite=None,
    solicitud=None,
    canal: str = CanalPregunta.PORTAL,
    ahora: datetime | None = None,
    red_social: str = "",
    perfil: str = "",
) -> PreguntaCiudadana:
    """Radica la pregunta: número sin huecos, término por días hábiles y acuse.

    `solicitud` (de Mis trámites) fija el trámite. Las de redes sociales no
    tienen cuenta (`ciudadano=None`) ni acuse por correo.
    """
    ahora = ahora or timezone.now()
    if solicitud is not None:
        tramite = solicitud.tramite
    clase = clase or clase_por_defecto()
    hoy = timezone.localdate(ahora)
    with transaction.atomic():
        numero = siguiente_numero(SERIE, hoy.year)
        pregunta = PreguntaCiudadana.objects.create(
            radicado=f"{SERIE}-{hoy.year}-{numero:06d}",
            ciudadano=ciudadano,
            canal=canal,
            clase=clase,
            area=area_de(tramite),
            tramite=tramite,
            solicitud=solicitud,
            asunto=asunto.strip()[:150],
            texto=texto.strip()[:4000],
            recibida_en=ahora,
            vence_el=sumar_dias_habiles(hoy, dias_de(clase)),
            red_social=red_social[:40],
            perfil=perfil[:120],
        )
        if ciudadano is not None and ciudadano.email:
            buzon.registrar(
                clave=_clave(ACUSE, pregunta.pk),
                tipo=ACUSE,
                plantilla="comunicaciones/emails/acuse_pregunta",
                para=ciudadano.email,
                referencia=pregunta,
            )
    return pregunta


# --- Responder, trasladar, asignar ------------------------------------------------


def _bloqueada(pregunta_id: int) -> PreguntaCiudadana:
    return PreguntaCiudadana.objects.select_for_update().get(pk=pregunta_id)


def _exigir_abierta(pregunta: PreguntaCiudadana) -> None:
    if pregunta.estado not in ABIERTAS:
        raise ConflictoDeEstado(
            f"La pregunta {pregunta.radicado} ya está "
            f"{pregunta.get_estado_display().lower()}."
        )


def responder(
    *, pregunta_id: int, actor, texto: str, ahora: datetime | None = None
) -> PreguntaCiudadana:
    """La respuesta de la Alcaldía: queda en el hilo y se avisa al ciudadano."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        pregunta = _bloqueada(pregunta_id)
        _exigir_abierta(pregunta)
        MensajeAsesoria.objects.create(
            pregunta=pregunta,
            autor=actor,
            de_la_alcaldia=True,
            texto=texto.strip(),
            creado_en=ahora,
        )
        pregunta.estado = EstadoPregunta.RESPONDIDA
        pregunta.respondida_en = ahora
        pregunta.dias_habiles_respuesta = dias_habiles_entre(
            timezone.localdate(pregunta.recibida_en), timezone.localdate(ahora)
        )
        if not pregunta.codigo_verificacion:
            pregunta.codigo_verificacion = codigo_libre(
                longitud=8, modelos=[PreguntaCiudadana]
            )
        if pregunta.asignada_a_id is None:
            pregunta.asignada_a = actor
        pregunta.save()
        if pregunta.ciudadano_id and pregunta.ciudadano.email:
            numero = pregunta.mensajes.filter(de_la_alcaldia=True).count()
            buzon.registrar(
                clave=_clave(RESPUESTA, pregunta.pk, numero),
                tipo=RESPUESTA,
                plantilla="comunicaciones/emails/respuesta_pregunta",
                para=pregunta.ciudadano.email,
                referencia=pregunta,
            )
    return pregunta


def anotar(*, pregunta_id: int, actor, texto: str) -> MensajeAsesoria:
    """Una nota interna entre funcionarios; el ciudadano no la ve."""
    return MensajeAsesoria.objects.create(
        pregunta_id=pregunta_id,
        autor=actor,
        de_la_alcaldia=True,
        interno=True,
        texto=texto.strip(),
    )


def asignar(*, pregunta_id: int, actor, a) -> PreguntaCiudadana:
    with transaction.atomic():
        pregunta = _bloqueada(pregunta_id)
        _exigir_abierta(pregunta)
        pregunta.asignada_a = a
        if pregunta.estado == EstadoPregunta.RECIBIDA:
            pregunta.estado = EstadoPregunta.EN_ESTUDIO
        pregunta.save(update_fields=["asignada_a", "estado"])
    return pregunta


def trasladar(
    *, pregunta_id: int, actor, area: str, motivo: str, ahora: datetime | None = None
) -> PreguntaCiudadana:
    """Pasa la pregunta a la oficina competente (Ley 1755, art. 21) y le avisa
    al ciudadano. El término sigue siendo el mismo: corre desde que se recibió."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        pregunta = _bloqueada(pregunta_id)
        _exigir_abierta(pregunta)
        if area == pregunta.area:
            raise ConflictoDeEstado("La pregunta ya está en esa oficina.")
        anterior = pregunta.get_area_display()
        pregunta.area = area
        pregunta.asignada_a = None
        pregunta.trasladada_en = ahora
        pregunta.save(update_fields=["area", "asignada_a", "trasladada_en"])
        MensajeAsesoria.objects.create(
            pregunta=pregunta,
            autor=actor,
            de_la_alcaldia=True,
            interno=True,
            texto=f"Trasladada de {anterior} a {pregunta.get_area_display()}: "
            f"{motivo.strip()}",
        )
        if pregunta.ciudadano_id and pregunta.ciudadano.email:
            buzon.registrar(
                clave=_clave(TRASLADO, pregunta.pk, ahora.isoformat()),
                tipo=TRASLADO,
                plantilla="comunicaciones/emails/traslado_pregunta",
                para=pregunta.ciudadano.email,
                referencia=pregunta,
                datos={"de": anterior, "motivo": motivo.strip()[:500]},
            )
    return pregunta


def fuera_de_plazo_para_trasladar(pregunta: PreguntaCiudadana, hoy=None) -> bool:
    hoy = hoy or timezone.localdate()
    recibida = timezone.localdate(pregunta.recibida_en)
    return dias_habiles_entre(recibida, hoy) > DIAS_PARA_TRASLADAR


# --- El ciudadano en su hilo -------------------------------------------------------


def replicar(*, pregunta_id: int, ciudadano, texto: str) -> PreguntaCiudadana:
    """Una sola réplica a la respuesta: reabre la pregunta (en estudio)."""
    with transaction.atomic():
        pregunta = _bloqueada(pregunta_id)
        if pregunta.ciudadano_id != ciudadano.pk:
            raise ConflictoDeEstado("Esta pregunta no es suya.")
        if pregunta.estado != EstadoPregunta.RESPONDIDA:
            raise ConflictoDeEstado("Solo puede responder a una pregunta respondida.")
        if pregunta.replicas >= 1:
            raise ConflictoDeEstado(
                "Ya respondió una vez. Si tiene otra duda, haga una pregunta nueva."
            )
        MensajeAsesoria.objects.create(
            pregunta=pregunta, autor=ciudadano, texto=texto.strip()
        )
        pregunta.replicas = F("replicas") + 1
        pregunta.estado = EstadoPregunta.EN_ESTUDIO
        pregunta.save(update_fields=["replicas", "estado"])
        pregunta.refresh_from_db()
    return pregunta


def marcar_resuelta(*, pregunta_id: int, ciudadano) -> PreguntaCiudadana:
    with transaction.atomic():
        pregunta = _bloqueada(pregunta_id)
        if pregunta.ciudadano_id != ciudadano.pk:
            raise ConflictoDeEstado("Esta pregunta no es suya.")
        if pregunta.estado != EstadoPregunta.RESPONDIDA:
            raise ConflictoDeEstado("La pregunta aún no tiene respuesta.")
        pregunta.estado = EstadoPregunta.CERRADA
        pregunta.save(update_fields=["estado"])
    return pregunta


def reportar(*, mensaje_id: int, ahora=None) -> None:
    MensajeAsesoria.objects.filter(pk=mensaje_id, reportado_en__isnull=True).update(
        reportado_en=ahora or timezone.now()
    )


def ocultar(*, mensaje_id: int, motivo: str, ahora=None) -> None:
    MensajeAsesoria.objects.filter(pk=mensaje_id).update(
        oculto_en=ahora or timezone.now(), motivo_oculto=motivo.strip()[:200]
    )


# --- Preguntas frecuentes -----------------------------------------------------------


def sin_tildes(texto: str) -> str:
    """Minúsculas y sin tildes: «Matrícula» y «matricula» se encuentran igual."""
    descompuesto = unicodedata.normalize("NFKD", texto or "")
    return "".join(c for c in descompuesto if not unicodedata.combining(c)).lower()


def guardar_frecuente(frecuente: PreguntaFrecuente) -> PreguntaFrecuente:
    """Guarda la pregunta frecuente con su HTML y su texto de búsqueda: se
    calculan al guardar, no en cada visita."""
    frecuente.respuesta_html = str(markdown_seguro(frecuente.respuesta))
    frecuente.texto_busqueda = sin_tildes(f"{frecuente.pregunta} {frecuente.respuesta}")
    frecuente.save()
    return frecuente


def publicar_como_frecuente(
    *, pregunta: PreguntaCiudadana, texto_pregunta: str, texto_respuesta: str
) -> PreguntaFrecuente:
    """Una pregunta frecuente a partir de una pregunta real, con el texto que el
    funcionario editó para quitarle los datos personales. La original sigue
    privada; se comprueba que ninguno de sus datos personales pasó al texto."""
    publicado = f"{texto_pregunta}\n{texto_respuesta}"
    datos = _datos_personales(pregunta)
    encontrados = [d for d in datos if d and sin_tildes(d) in sin_tildes(publicado)]
    if encontrados:
        raise ConflictoDeEstado(
            "El texto todavía tiene datos personales de quien preguntó ("
            + ", ".join(sorted(set(encontrados)))
            + "). Quítelos antes de publicar."
        )
    return guardar_frecuente(
        PreguntaFrecuente(
            tramite=pregunta.tramite,
            pregunta=texto_pregunta.strip()[:300],
            respuesta=texto_respuesta.strip(),
            origen=pregunta,
            publicada=True,
        )
    )


def _datos_personales(pregunta: PreguntaCiudadana) -> list[str]:
    datos = [pregunta.radicado, pregunta.perfil]
    cuenta = pregunta.ciudadano
    if cuenta is not None:
        datos += [cuenta.email, cuenta.get_full_name()]
        datos += [p for p in (cuenta.first_name, cuenta.last_name) if len(p) > 3]
    if pregunta.solicitud_id:
        datos.append(pregunta.solicitud.radicado or "")
    return [d.strip() for d in datos if d and len(d.strip()) > 3]


def votar(*, frecuente_id: int, le_sirvio: bool) -> None:
    campo = "le_sirvio" if le_sirvio else "no_le_sirvio"
    PreguntaFrecuente.objects.filter(pk=frecuente_id, publicada=True).update(
        **{campo: F(campo) + 1}
    )
