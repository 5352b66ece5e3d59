"""La bandeja de salida del correo transaccional: registrar y enviar.

Todo correo a una persona (acuses, avisos de actuación, resúmenes,
confirmaciones, bienvenidas, invitaciones, recordatorios, certificados,
respuestas) sale por aquí. El correo masivo de las campañas no: tiene sus
propios `Envio` por destinatario y sus lotes (`comunicaciones`).

1. **Registrar.** Un servicio de dominio, dentro de su propia transacción,
   llama a `registrar(...)`: una fila `Mensaje` con la plantilla, el
   destinatario, la fila de dominio de la que sale el contexto, los adjuntos
   por generar o adjuntar y una clave de idempotencia (única: registrar dos
   veces la misma clave deja un mensaje). Tras el commit se encola
   `sanpedro_gel.tasks.enviar_mensaje` en la cola `transaccional`; sin broker
   corre en línea.
2. **Enviar.** `enviar_mensaje` reclama la fila con un UPDATE condicionado
   (PENDIENTE → ENVIANDO; si dos remitentes compiten, uno solo gana), arma el
   correo (contexto del preparador registrado para su `tipo`, PDF y demás
   adjuntos) y lo envía sin transacción abierta ni bloqueo de dominio, y marca
   ENVIADO. Un fallo vuelve a PENDIENTE con espera creciente hasta
   `BUZON_MAX_INTENTOS`, y entonces FALLIDO con el motivo; un rechazo
   permanente del servidor (5xx) es FALLIDO de una vez.
3. **Barrer.** Cada minuto `enviar_pendientes` envía lo que la tarea no envió
   (broker caído, SMTP caído, reintentos vencidos) y devuelve a PENDIENTE lo
   que un remitente muerto dejó reclamado.

Garantía: cada clave sale una vez. La ventana conocida: si el servidor SMTP
acepta el mensaje y el proceso muere antes de marcarlo ENVIADO, el barrido lo
vuelve a enviar pasado `BUZON_RECLAMO_VENCE_SEGUNDOS`: se prefiere un
duplicado a un acuse que nunca llega.

Cada app registra sus tipos (`@tipo_de_mensaje`) y sus generadores de adjuntos
(`@generador_de_adjunto`) en un módulo que importa desde `AppConfig.ready()`.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sanpedro_gel import estados
from sanpedro_gel.almacenamiento import almacenamiento_privado
from sanpedro_gel.correo import Adjunto, construir_correo
from sanpedro_gel.models import Mensaje
from sanpedro_gel.tareas import encolar
from sanpedro_gel.transiciones import mover_estado, tomar_estado

logger = logging.getLogger(__name__)

TAREA_ENVIAR = "sanpedro_gel.tasks.enviar_mensaje"


class MensajeObsoleto(Exception):
    """El mensaje ya no tiene sentido (la fila de dominio desapareció, la jornada
    se canceló…): se anula sin enviar, con este texto como motivo."""


@dataclass
class Preparado:
    """Lo que un preparador devuelve cuando necesita más que el contexto."""

    contexto: dict
    adjuntos: list[Adjunto] = field(default_factory=list)
    cabeceras: dict[str, str] = field(default_factory=dict)


Preparador = Callable[[Mensaje], "dict | Preparado"]


@dataclass(frozen=True)
class TipoDeMensaje:
    nombre: str
    descripcion: str
    preparar: Preparador


_TIPOS: dict[str, TipoDeMensaje] = {}
_GENERADORES: dict[str, Callable[..., Adjunto]] = {}


def tipo_de_mensaje(nombre: str, descripcion: str):
    """Registra el preparador de los mensajes de `nombre`: recibe el `Mensaje`
    (con su `referencia` y sus `datos`) y devuelve el contexto de la plantilla,
    o lanza `MensajeObsoleto`."""

    def registrar_preparador(funcion: Preparador) -> Preparador:
        _TIPOS[nombre] = TipoDeMensaje(nombre, descripcion, funcion)
        return funcion

    return registrar_preparador


def generador_de_adjunto(nombre: str):
    """Registra una función que produce un adjunto `(nombre, bytes, tipo)` a
    partir de los parámetros guardados en el mensaje (p. ej. el PDF de una
    constancia). Debe ser idempotente: el mensaje puede reintentarse."""

    def registrar_generador(funcion):
        _GENERADORES[nombre] = funcion
        return funcion

    return registrar_generador


def tipos() -> dict[str, str]:
    """Nombre → descripción de los tipos registrados (para el admin)."""
    return {nombre: tipo.descripcion for nombre, tipo in sorted(_TIPOS.items())}


# --- Registrar --------------------------------------------------------------------


def registrar(
    *,
    clave: str,
    tipo: str,
    plantilla: str,
    para: str,
    referencia=None,
    datos: dict | None = None,
    adjuntos: Iterable[dict] = (),
) -> Mensaje:
    """Deja en la bandeja el correo `plantilla` para `para`, en la transacción
    de quien llama, y encola su envío para después del commit.

    `referencia` es la fila de dominio que el preparador de `tipo` lee al
    enviar; `datos`, lo poco que no está en ella (JSON). `adjuntos`:
    `{"generar": <generador registrado>, **parámetros}` o
    `{"archivo": <nombre en el almacenamiento privado>, "nombre": …, "tipo": …}`.

    Idempotente por `clave`: si ya existe devuelve ese mensaje y no encola nada.
    """
    if tipo not in _TIPOS:
        raise ValueError(f"No hay un preparador registrado para «{tipo}».")
    mensaje, creado = Mensaje.objects.get_or_create(
        clave=clave,
        defaults=_campos(tipo, plantilla, para, referencia, datos, adjuntos),
    )
    if creado:
        transaction.on_commit(lambda: encolar(TAREA_ENVIAR, mensaje.pk))
    return mensaje


def registrar_varios(mensajes: Iterable[dict]) -> int:
    """`registrar` para muchos de una vez (las invitaciones de una jornada):
    cada elemento lleva los mismos argumentos. Las claves que ya existían se
    saltan. Devuelve cuántos quedaron pendientes de esas claves."""
    filas = []
    for m in mensajes:
        if m["tipo"] not in _TIPOS:
            raise ValueError(f"No hay un preparador registrado para «{m['tipo']}».")
        filas.append(
            Mensaje(
                clave=m["clave"],
                **_campos(
                    m["tipo"],
                    m["plantilla"],
                    m["para"],
                    m.get("referencia"),
                    m.get("datos"),
                    m.get("adjuntos", ()),
                ),
            )
        )
    if not filas:
        return 0
    Mensaje.objects.bulk_create(filas, ignore_conflicts=True, batch_size=500)
    ids = list(
        Mensaje.objects.filter(
            clave__in=[f.clave for f in filas], estado=estados.PENDIENTE, intentos=0
        ).values_list("pk", flat=True)
    )

    def encolar_todos():
        for pk in ids:
            if not encolar(TAREA_ENVIAR, pk):
                break  # broker caído: el barrido envía el resto

    transaction.on_commit(encolar_todos)
    return len(ids)


def _campos(tipo, plantilla, para, referencia, datos, adjuntos) -> dict:
    # La hora de la bandeja es la del remitente, que compara con timezone.now():
    # se fija aquí y no con el `default` del modelo (las pruebas que fijan «hoy»
    # registran y envían con el mismo reloj).
    ahora = timezone.now()
    campos = {
        "tipo": tipo,
        "plantilla": plantilla,
        "para": para,
        "datos": datos or {},
        "adjuntos": list(adjuntos),
        "creado_en": ahora,
        "proximo_intento_en": ahora,
    }
    if referencia is not None:
        campos["referencia_tipo"] = ContentType.objects.get_for_model(referencia)
        campos["referencia_id"] = referencia.pk
    return campos


def mensajes_de(objeto):
    """Los mensajes registrados con `objeto` como referencia."""
    return Mensaje.objects.filter(
        referencia_tipo=ContentType.objects.get_for_model(objeto),
        referencia_id=objeto.pk,
    )


def anular(*, clave: str, motivo: str) -> bool:
    """Anula el mensaje si aún no salió ni se está enviando. Devuelve si lo anuló."""
    return bool(
        tomar_estado(
            Mensaje,
            filtro={"clave": clave},
            tabla=estados.MENSAJE,
            origen=estados.PENDIENTE,
            destino=estados.ANULADO,
            error=motivo[:500],
        )
    )


def reintentar(*, mensaje_id: int) -> None:
    """Devuelve un mensaje FALLIDO a la bandeja, con sus intentos en cero, y
    encola su envío (acción del admin)."""
    mover_estado(
        Mensaje,
        pk=mensaje_id,
        tabla=estados.MENSAJE,
        origen=estados.FALLIDO,
        destino=estados.PENDIENTE,
        intentos=0,
        proximo_intento_en=timezone.now(),
    )
    transaction.on_commit(lambda: encolar(TAREA_ENVIAR, mensaje_id))


# --- Enviar -----------------------------------------------------------------------


def espera_tras(intentos: int) -> timedelta:
    """1, 2, 4, 8… minutos, con tope de una hora: la única política de
    reintentos del correo transaccional."""
    return timedelta(minutes=min(2 ** max(intentos - 1, 0), 60))


def enviar_mensaje(*, mensaje_id: int, ahora: datetime | None = None) -> bool:
    """Envía el mensaje si está pendiente y le toca. Devuelve si lo envió.

    Reclamo condicionado (un solo remitente gana), armado y envío sin
    transacción ni bloqueo, marca al final. Llamarla dos veces no envía dos
    veces; los fallos se registran en la fila (nunca se propagan).
    """
    ahora = ahora or timezone.now()
    tomado = tomar_estado(
        Mensaje,
        filtro={"pk": mensaje_id, "proximo_intento_en__lte": ahora},
        tabla=estados.MENSAJE,
        origen=estados.PENDIENTE,
        destino=estados.ENVIANDO,
        reclamado_en=ahora,
        intentos=F("intentos") + 1,
    )
    if tomado != 1:
        return False
    mensaje = Mensaje.objects.select_related("referencia_tipo").get(pk=mensaje_id)
    try:
        correo = armar(mensaje)
        correo.send()
    except MensajeObsoleto as motivo:
        _terminar(mensaje, estados.ANULADO, error=str(motivo)[:500])
        return False
    except Exception as error:
        _registrar_fallo(mensaje, error)
        return False
    _terminar(mensaje, estados.ENVIADO, enviado_en=timezone.now(), error="")
    return True


def armar(mensaje: Mensaje):
    """El correo del mensaje, listo para `send()` (también para la vista previa)."""
    tipo = _TIPOS.get(mensaje.tipo)
    if tipo is None:
        raise MensajeObsoleto(f"El tipo «{mensaje.tipo}» ya no existe.")
    if mensaje.referencia_tipo_id and mensaje.referencia is None:
        raise MensajeObsoleto("La fila de la que salía el mensaje ya no existe.")
    preparado = tipo.preparar(mensaje)
    if not isinstance(preparado, Preparado):
        preparado = Preparado(contexto=preparado)
    adjuntos = [_adjunto(spec) for spec in mensaje.adjuntos] + preparado.adjuntos
    return construir_correo(
        mensaje.plantilla,
        preparado.contexto,
        [mensaje.para],
        adjuntos=adjuntos,
        cabeceras=preparado.cabeceras,
    )


def _adjunto(spec: dict) -> Adjunto:
    if "generar" in spec:
        parametros = {k: v for k, v in spec.items() if k != "generar"}
        return _GENERADORES[spec["generar"]](**parametros)
    with almacenamiento_privado.open(spec["archivo"], "rb") as archivo:
        contenido = archivo.read()
    return (spec["nombre"], contenido, spec.get("tipo", "application/pdf"))


def _permanente(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(codigo >= 500 for codigo, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def _registrar_fallo(mensaje: Mensaje, error: Exception) -> None:
    agotado = mensaje.intentos >= settings.BUZON_MAX_INTENTOS
    final = agotado or _permanente(error)
    logger.warning(
        "Mensaje %s (%s) para %s: intento %s falló%s: %s",
        mensaje.pk,
        mensaje.tipo,
        mensaje.para,
        mensaje.intentos,
        "; no se reintenta" if final else "",
        error,
        exc_info=not isinstance(error, (smtplib.SMTPException, OSError)),
    )
    texto = f"{type(error).__name__}: {error}"[:500]
    if final:
        _terminar(mensaje, estados.FALLIDO, error=texto)
    else:
        _terminar(
            mensaje,
            estados.PENDIENTE,
            error=texto,
            proximo_intento_en=timezone.now() + espera_tras(mensaje.intentos),
        )


def _terminar(mensaje: Mensaje, destino: str, **campos) -> None:
    # Condicionado a ENVIANDO: si el barrido devolvió la fila por un reclamo
    # vencido y otro remitente la tomó, este no pisa su resultado.
    tomar_estado(
        Mensaje,
        filtro={"pk": mensaje.pk, "reclamado_en": mensaje.reclamado_en},
        tabla=estados.MENSAJE,
        origen=estados.ENVIANDO,
        destino=destino,
        **campos,
    )


# --- Barrer -----------------------------------------------------------------------


def reclamo_vence() -> timedelta:
    return timedelta(seconds=settings.BUZON_RECLAMO_VENCE_SEGUNDOS)


def enviar_pendientes(
    *,
    ahora: datetime | None = None,
    antiguedad: timedelta = timedelta(seconds=60),
    limite: int = 200,
) -> int:
    """El barrido de cada minuto. Devuelve cuántos envió.

    Primero devuelve a PENDIENTE los reclamos vencidos (remitente muerto); luego
    envía los pendientes cuya hora llegó. Los recién registrados (menos de
    `antiguedad`, sin intentos) se dejan a su tarea. Inofensivo si corre dos
    veces o en paralelo: cada envío se reclama.
    """
    ahora = ahora or timezone.now()
    devueltos = tomar_estado(
        Mensaje,
        filtro={"reclamado_en__lt": ahora - reclamo_vence()},
        tabla=estados.MENSAJE,
        origen=estados.ENVIANDO,
        destino=estados.PENDIENTE,
        error="El remitente se detuvo sin terminar; se reintenta.",
    )
    if devueltos:
        logger.warning(
            "%s mensajes reclamados sin terminar vuelven a la bandeja", devueltos
        )
    ids = list(
        Mensaje.objects.filter(estado=estados.PENDIENTE, proximo_intento_en__lte=ahora)
        .filter(Q(intentos__gt=0) | Q(creado_en__lte=ahora - antiguedad))
        .order_by("proximo_intento_en", "pk")
        .values_list("pk", flat=True)[:limite]
    )
    return sum(enviar_mensaje(mensaje_id=pk, ahora=ahora) for pk in ids)
