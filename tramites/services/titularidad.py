"""Quién tramita por un registro: su titular en el portal y sus apoderados.

- Una inscripción aprobada deja el registro a nombre de la cuenta que la radicó
  (`services.registro.inscribir`).
- Un registro que trajo la importación se reclama: se envía un código de un
  solo uso al correo de notificación que tiene el registro, y quien lo escribe
  queda como titular. Un funcionario también puede asociarlo en el admin.
- El titular autoriza apoderados (otras cuentas del portal) y los revoca.

Solo el titular y sus apoderados vigentes ven el registro (nombre, dirección,
aforo, horario) y radican novedades y ampliaciones de horario por él.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sanpedro_gel import buzon
from tramites import validadores
from tramites.excepciones import ReclamoRechazado
from tramites.models import Apoderado, Contribuyente, ReclamoRegistro
from tramites.services.registro import guardar_version

CODIGO_RECLAMO = "tramites.codigo_reclamo"
VIGENCIA_CODIGO = timedelta(minutes=30)
INTENTOS_POR_CODIGO = 5
DIGITOS = 6


def ocultar_correo(correo: str) -> str:
    """«m***@correo.test»: para decir a dónde se envió sin revelarlo."""
    usuario, _, dominio = correo.partition("@")
    return f"{usuario[:1]}***@{dominio}"


# --- Reclamar un registro importado ----------------------------------------------


def codigo_de(reclamo: ReclamoRegistro) -> str:
    """El código del reclamo: una firma de su id y su hora con la clave del
    portal. Se calcula al enviar y al comprobar; no se guarda en ninguna parte."""
    mensaje = f"reclamo:{reclamo.pk}:{reclamo.creado_en.isoformat()}".encode()
    firma = hmac.new(settings.SECRET_KEY.encode(), mensaje, hashlib.sha256)
    return f"{int.from_bytes(firma.digest()[:8], 'big') % 10**DIGITOS:0{DIGITOS}d}"


def buscar_registro(*, matricula: str, numero_documento: str) -> Contribuyente | None:
    return (
        Contribuyente.objects.activos()
        .filter(
            matricula=validadores.normalizar_matricula(matricula),
            numero_documento__in=validadores.documentos_buscados(numero_documento),
        )
        .first()
    )


def pedir_codigo(*, cuenta, contribuyente: Contribuyente) -> ReclamoRegistro:
    """Envía a `cuenta`, por el correo del registro, el código para reclamarlo.

    Lanza `ReclamoRechazado` si el registro ya tiene titular o no tiene a
    dónde enviar el código.
    """
    if contribuyente.titular_cuenta_id == cuenta.pk:
        raise ReclamoRechazado("Este registro ya está en sus establecimientos.")
    if contribuyente.titular_cuenta_id:
        raise ReclamoRechazado(
            "Este registro ya está asociado a otra cuenta del portal. Si usted es "
            "el titular y no reconoce esa cuenta, comuníquese con la Secretaría de "
            "Hacienda con su documento de identidad."
        )
    if not contribuyente.correo:
        raise ReclamoRechazado(
            "El registro no tiene un correo de notificación al cual enviarle el "
            "código. Acérquese a la Secretaría de Hacienda con su documento: allí "
            "lo asocian a su cuenta."
        )
    ahora = timezone.now()
    with transaction.atomic():
        # Un código nuevo anula los anteriores de la misma cuenta.
        ReclamoRegistro.objects.filter(
            contribuyente=contribuyente, cuenta=cuenta, usado_en__isnull=True
        ).update(vence_en=ahora)
        reclamo = ReclamoRegistro.objects.create(
            contribuyente=contribuyente,
            cuenta=cuenta,
            enviado_a=contribuyente.correo,
            vence_en=ahora + VIGENCIA_CODIGO,
        )
        buzon.registrar(
            clave=f"{CODIGO_RECLAMO}:{reclamo.pk}",
            tipo=CODIGO_RECLAMO,
            plantilla="tramites/emails/codigo_reclamo",
            para=contribuyente.correo,
            referencia=reclamo,
        )
    return reclamo


def confirmar_codigo(*, reclamo: ReclamoRegistro, codigo: str) -> Contribuyente:
    """Si `codigo` es el del reclamo, deja el registro a nombre de su cuenta.

    Lanza `ReclamoRechazado` (con cuántos intentos quedan) si no lo es, si venció
    o si se agotaron los intentos. Repetirlo tras el éxito no cambia nada.
    """
    escrito = "".join(c for c in codigo if c.isdigit())
    # Un solo bloqueo; el rechazo se lanza tras el commit, así el intento
    # fallido queda contado.
    with transaction.atomic():
        reclamo = ReclamoRegistro.objects.select_for_update().get(pk=reclamo.pk)
        contribuyente = Contribuyente.objects.select_for_update().get(
            pk=reclamo.contribuyente_id
        )
        fallo = _fallo_del_codigo(reclamo, contribuyente, escrito)
        if fallo is None and not reclamo.usado_en:
            reclamo.usado_en = timezone.now()
            reclamo.save(update_fields=["usado_en"])
            contribuyente.titular_cuenta_id = reclamo.cuenta_id
            guardar_version(
                contribuyente,
                actor=reclamo.cuenta,
                motivo="Reclamado en el portal con el código enviado al correo",
            )
    if fallo:
        raise ReclamoRechazado(fallo)
    return contribuyente


def _fallo_del_codigo(reclamo, contribuyente, escrito: str) -> str | None:
    """Por qué no sirve `escrito` para el reclamo (y lo cuenta), o None."""
    if reclamo.usado_en:
        if contribuyente.titular_cuenta_id == reclamo.cuenta_id:
            return None  # ya se usó con éxito: repetirlo no cambia nada
        return "El código ya se usó. Pida uno nuevo."
    if reclamo.vence_en <= timezone.now():
        return "El código venció. Pida uno nuevo."
    if reclamo.intentos >= INTENTOS_POR_CODIGO:
        return "Se agotaron los intentos con este código. Pida uno nuevo."
    if contribuyente.titular_cuenta_id not in (None, reclamo.cuenta_id):
        return "Este registro ya está asociado a otra cuenta del portal."
    if hmac.compare_digest(escrito, codigo_de(reclamo)):
        return None
    reclamo.intentos += 1
    reclamo.save(update_fields=["intentos"])
    quedan = INTENTOS_POR_CODIGO - reclamo.intentos
    if not quedan:
        return "El código no coincide. Se agotaron los intentos: pida uno nuevo."
    return (
        "El código no coincide con el que enviamos. "
        f"Le quedan {quedan} intento{'s' if quedan != 1 else ''}."
    )


def asociar(*, contribuyente: Contribuyente, correo: str, actor) -> Contribuyente:
    """Un funcionario deja el registro a nombre de la cuenta de `correo`."""
    cuenta = _cuenta_por_correo(correo)
    with transaction.atomic():
        contribuyente = Contribuyente.objects.select_for_update().get(
            pk=contribuyente.pk
        )
        contribuyente.titular_cuenta = cuenta
        guardar_version(
            contribuyente,
            actor=actor,
            motivo=f"Asociado en el admin a la cuenta {cuenta.email}",
        )
    return contribuyente


# --- Apoderados ---------------------------------------------------------------------


def _cuenta_por_correo(correo: str):
    cuenta = (
        get_user_model()
        .objects.filter(email__iexact=(correo or "").strip(), is_active=True)
        .first()
    )
    if cuenta is None:
        raise ReclamoRechazado(
            "No hay una cuenta del portal con ese correo. Pídale a esa persona que "
            "se registre primero con ese mismo correo."
        )
    return cuenta


def autorizar_apoderado(*, contribuyente: Contribuyente, titular, correo: str):
    """El titular autoriza a la cuenta de `correo`. Repetirlo no duplica nada."""
    if contribuyente.titular_cuenta_id != titular.pk:
        raise ReclamoRechazado("Solo el titular del registro autoriza apoderados.")
    cuenta = _cuenta_por_correo(correo)
    if cuenta.pk == titular.pk:
        raise ReclamoRechazado("Ese correo es el de su propia cuenta.")
    apoderado, _ = Apoderado.objects.get_or_create(
        contribuyente=contribuyente,
        cuenta=cuenta,
        revocado_en=None,
        defaults={"autorizado_por": titular},
    )
    return apoderado


def revocar_apoderado(*, apoderado: Apoderado, titular) -> None:
    if apoderado.contribuyente.titular_cuenta_id != titular.pk:
        raise ReclamoRechazado("Solo el titular del registro revoca apoderados.")
    Apoderado.objects.filter(pk=apoderado.pk, revocado_en__isnull=True).update(
        revocado_en=timezone.now()
    )
