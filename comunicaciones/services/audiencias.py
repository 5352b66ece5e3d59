"""Quién recibe cada pieza: el directorio, los suscriptores y las bajas.

Los suscriptores entran con doble confirmación (se registra la versión del texto
aceptado y la hora) y salen con un enlace firmado. Una dirección dada de baja
queda en `Baja` y ningún correo masivo vuelve a salir hacia ella; solo una nueva
suscripción confirmada por la misma persona la levanta.

Este módulo es el único escritor de `Suscriptor.estado` (`estados.SUSCRIPTOR`).
El correo de confirmación sale por la bandeja de salida, uno por solicitud de
alta: su clave lleva la hora del consentimiento.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import (
    Baja,
    EstadoSuscriptor,
    Funcionario,
    OrigenBaja,
    Pieza,
    Suscriptor,
    TextoConsentimiento,
    clave_de_texto,
)
from sanpedro_gel import buzon
from sanpedro_gel.excepciones import EnlaceInvalido
from sanpedro_gel.transiciones import mover_estado

logger = logging.getLogger(__name__)

CONFIRMACION = "comunicaciones.confirmacion_suscripcion"
_SAL_BAJA = "comunicaciones.baja"
_SAL_CONFIRMACION = "comunicaciones.confirmar-suscripcion"
# El enlace de confirmación vence: una dirección ajena no queda suscrita por un
# correo viejo que alguien encuentre después.
VIGENCIA_CONFIRMACION = timedelta(days=7)
ESPERA_ENTRE_CONFIRMACIONES = timedelta(minutes=10)


# --- Audiencias de una pieza -----------------------------------------------------


def funcionarios_de(pieza: Pieza) -> QuerySet[Funcionario]:
    """Funcionarios activos a quienes va una pieza interna.

    Dependencias, vinculaciones y roles se combinan con «y»; un filtro vacío no
    restringe. Sin filtros: todo el personal activo.
    """
    consulta = Funcionario.objects.activos().select_related("dependencia")
    dependencias = list(pieza.dependencias.values_list("pk", flat=True))
    if dependencias:
        consulta = consulta.filter(dependencia__in=dependencias)
    if pieza.vinculaciones:
        consulta = consulta.filter(vinculacion__in=pieza.vinculaciones)
    roles = list(pieza.roles.values_list("pk", flat=True))
    if roles:
        consulta = consulta.filter(usuario__groups__in=roles).distinct()
    return consulta


def suscriptores_de(pieza: Pieza) -> QuerySet[Suscriptor]:
    """Suscriptores activos del segmento de la pieza (o todos, sin segmento)."""
    consulta = Suscriptor.objects.activos()
    segmento = pieza.segmento
    if segmento is None:
        return consulta
    if segmento.tipos:
        consulta = consulta.filter(tipo__in=segmento.tipos)
    claves = segmento.claves_de_zona()
    if claves:
        consulta = consulta.filter(vereda_barrio_clave__in=claves)
    return consulta


def incluye_al_funcionario(pieza: Pieza, funcionario: Funcionario) -> bool:
    """¿La audiencia interna de `pieza` incluye a `funcionario`? (sin consultas
    si se precargaron `dependencias` y `roles`)."""
    dependencias = {d.pk for d in pieza.dependencias.all()}
    if dependencias and funcionario.dependencia_id not in dependencias:
        return False
    if pieza.vinculaciones and funcionario.vinculacion not in pieza.vinculaciones:
        return False
    roles = {r.pk for r in pieza.roles.all()}
    if roles:
        if funcionario.usuario is None:
            return False
        if not roles & {g.pk for g in funcionario.usuario.groups.all()}:
            return False
    return True


def correos_dados_de_baja(correos: Iterable[str]) -> set[str]:
    """De `correos`, los que están en la lista de bajas."""
    correos = [c.lower() for c in correos]
    if not correos:
        return set()
    return set(Baja.objects.filter(correo__in=correos).values_list("correo", flat=True))


# --- Alta con doble confirmación -------------------------------------------------


def suscribir(
    *,
    tipo: str,
    nombre: str,
    correo: str,
    vereda_barrio: str,
    consentimiento: TextoConsentimiento,
    ahora: datetime | None = None,
) -> Suscriptor:
    """Registra (o renueva) una suscripción sin confirmar y pide confirmarla.

    Precondición: el formulario ya validó los datos y la casilla de autorización.
    Efecto: deja en la bandeja de salida el correo con el enlace de
    confirmación. A una dirección ya activa no se le cambia nada ni se le
    escribe (la página dice lo mismo en todos los casos: no revela quién está
    suscrito), y quien repite el formulario antes de ESPERA_ENTRE_CONFIRMACIONES
    no recibe otro correo. Llamarlo dos veces deja una sola fila.
    """
    ahora = ahora or timezone.now()
    correo = correo.strip().lower()
    datos = {
        "tipo": tipo,
        "nombre": nombre.strip(),
        "vereda_barrio": vereda_barrio.strip(),
        "vereda_barrio_clave": clave_de_texto(vereda_barrio),
        "consentimiento": consentimiento,
        "consentimiento_en": ahora,
    }
    with transaction.atomic():
        suscriptor = (
            Suscriptor.objects.select_for_update().filter(correo__iexact=correo).first()
        )
        if suscriptor is None:
            try:
                with transaction.atomic():
                    suscriptor = Suscriptor.objects.create(correo=correo, **datos)
            except IntegrityError:
                # Otra petición con el mismo correo ganó la carrera.
                return Suscriptor.objects.get(correo__iexact=correo)
        elif suscriptor.estado == EstadoSuscriptor.ACTIVO or (
            suscriptor.estado == EstadoSuscriptor.PENDIENTE
            and suscriptor.consentimiento_en > ahora - ESPERA_ENTRE_CONFIRMACIONES
        ):
            # Quien repite el formulario (o lo usa para llenar un buzón ajeno)
            # no recibe otro correo antes de unos minutos.
            return suscriptor
        elif suscriptor.estado == EstadoSuscriptor.DADO_DE_BAJA:
            _mover(suscriptor, estados.PENDIENTE, **datos)
        else:
            Suscriptor.objects.filter(pk=suscriptor.pk).update(**datos)
        suscriptor.refresh_from_db()
        buzon.registrar(
            clave=clave_de_confirmacion(suscriptor),
            tipo=CONFIRMACION,
            plantilla="comunicaciones/emails/confirmar_suscripcion",
            para=suscriptor.correo,
            referencia=suscriptor,
        )
    return suscriptor


def depurar_suscriptores_sin_confirmar(*, ahora: datetime | None = None) -> int:
    """Trabajo diario: borra las suscripciones que siguen sin confirmar
    `SUSCRIPTORES_DIAS_PARA_CONFIRMAR` días después de la última vez que se
    pidieron (Ley 1581 de 2012: sin autorización confirmada no hay finalidad
    para guardar el correo). La lista de bajas no se toca.

    Un solo DELETE condicionado al estado: si la persona confirma a la vez, su
    fila ya no está PENDIENTE y no se borra. Repetirlo no borra nada más.
    Devuelve cuántas borró.
    """
    ahora = ahora or timezone.now()
    limite = ahora - timedelta(days=settings.SUSCRIPTORES_DIAS_PARA_CONFIRMAR)
    _, por_modelo = Suscriptor.objects.filter(
        estado=EstadoSuscriptor.PENDIENTE, consentimiento_en__lte=limite
    ).delete()
    borradas = por_modelo.get(Suscriptor._meta.label, 0)
    logger.info("Suscripciones sin confirmar borradas: %s", borradas)
    return borradas


def _mover(suscriptor: Suscriptor, destino: str, **campos) -> None:
    """El único escritor de `Suscriptor.estado`; quien llama bloqueó la fila."""
    mover_estado(
        Suscriptor,
        pk=suscriptor.pk,
        tabla=estados.SUSCRIPTOR,
        origen=suscriptor.estado,
        destino=destino,
        **campos,
    )


def clave_de_confirmacion(suscriptor: Suscriptor) -> str:
    # Una solicitud de alta es un consentimiento: renovar la suscripción pide
    # otra confirmación (y deja sin efecto la anterior).
    marca = f"{suscriptor.consentimiento_en.timestamp():.6f}"
    return f"{CONFIRMACION}:{suscriptor.pk}:{marca}"


def token_confirmacion(suscriptor: Suscriptor) -> str:
    # El sello incluye la hora de aceptación: renovar la suscripción invalida
    # los enlaces anteriores.
    return signing.TimestampSigner(salt=_SAL_CONFIRMACION).sign_object(
        {"s": suscriptor.pk, "t": suscriptor.consentimiento_en.timestamp()}
    )


def suscriptor_del_token(token: str) -> Suscriptor:
    """El suscriptor de un enlace de confirmación; EnlaceInvalido si no sirve."""
    try:
        datos = signing.TimestampSigner(salt=_SAL_CONFIRMACION).unsign_object(
            token, max_age=VIGENCIA_CONFIRMACION
        )
    except signing.SignatureExpired:
        raise EnlaceInvalido(
            "El enlace de confirmación venció. Suscríbase de nuevo para recibir otro."
        ) from None
    except signing.BadSignature:
        raise EnlaceInvalido("El enlace de confirmación no es válido.") from None
    suscriptor = Suscriptor.objects.filter(pk=datos.get("s")).first()
    if suscriptor is None or suscriptor.consentimiento_en.timestamp() != datos.get("t"):
        raise EnlaceInvalido(
            "Este enlace de confirmación ya no es válido: use el del último correo "
            "que recibió."
        )
    return suscriptor


def confirmar_suscripcion(*, token: str, ahora: datetime | None = None) -> Suscriptor:
    """Activa la suscripción del enlace. Idempotente: confirmar dos veces no
    cambia la hora de la primera confirmación.

    Es la única forma de salir de la lista de bajas: la persona volvió a
    suscribirse y confirmó desde su propio buzón.
    """
    ahora = ahora or timezone.now()
    suscriptor = suscriptor_del_token(token)
    with transaction.atomic():
        suscriptor = Suscriptor.objects.select_for_update().get(pk=suscriptor.pk)
        if suscriptor.estado == EstadoSuscriptor.ACTIVO:
            return suscriptor
        _mover(suscriptor, estados.ACTIVO, confirmado_en=ahora, dado_de_baja_en=None)
        Baja.objects.filter(correo__iexact=suscriptor.correo).delete()
        suscriptor.refresh_from_db()
    return suscriptor


# --- Baja con un clic --------------------------------------------------------------


def token_baja(correo: str, pieza_id: int | None = None) -> str:
    """Enlace firmado de baja: sin vencimiento (un correo viejo debe servir)."""
    return signing.dumps(
        {"c": correo.lower(), "p": pieza_id}, salt=_SAL_BAJA, compress=True
    )


def leer_token_baja(token: str) -> tuple[str, int | None]:
    try:
        datos = signing.loads(token, salt=_SAL_BAJA)
    except signing.BadSignature:
        raise EnlaceInvalido(
            "El enlace para dejar de recibir correos no es válido. Copie el enlace "
            "completo del correo o escríbanos."
        ) from None
    return datos["c"], datos.get("p")


def dar_de_baja(
    *,
    correo: str,
    origen: str = OrigenBaja.ENLACE,
    pieza_id: int | None = None,
    ahora: datetime | None = None,
) -> Baja:
    """Pone `correo` en la lista de bajas y desactiva su suscripción, si tiene.

    Idempotente: una segunda baja deja la primera (y su hora) como estaba. Los
    envíos aún pendientes hacia esa dirección se omiten al enviarse su lote.
    """
    ahora = ahora or timezone.now()
    correo = correo.strip().lower()
    pieza_id = pieza_id if Pieza.objects.filter(pk=pieza_id).exists() else None
    with transaction.atomic():
        baja, _ = Baja.objects.get_or_create(
            correo=correo,
            defaults={"dada_en": ahora, "origen": origen, "pieza_id": pieza_id},
        )
        suscriptor = (
            Suscriptor.objects.select_for_update()
            .filter(correo__iexact=correo)
            .exclude(estado=EstadoSuscriptor.DADO_DE_BAJA)
            .first()
        )
        if suscriptor is not None:
            _mover(suscriptor, estados.DADO_DE_BAJA, dado_de_baja_en=ahora)
    logger.info("Baja de correos masivos: %s (%s)", correo, origen)
    return baja


def filtro_no_dados_de_baja(campo: str = "correo") -> Q:
    """Q que excluye las direcciones de la lista de bajas."""
    return ~Q(**{f"{campo}__in": Baja.objects.values("correo")})
