"""El estado de una pieza: su único escritor y la regla que la cierra o la pausa
según lo que pasó con sus envíos.

Todo cambio de `Pieza.estado` pasa por aquí: lo valida `estados.PIEZA` y lo
escribe un UPDATE condicionado al estado leído (cero filas = otro proceso la
movió: `ConflictoDeEstado`, nunca una sobrescritura silenciosa). Una pieza que
pasa a PAUSADA deja, en la misma transacción, el aviso para el responsable de
la campaña y quien la programó en la bandeja de salida: un aviso por pausa.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import Envio, EstadoEnvio, Pieza
from sanpedro_gel import buzon
from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from sanpedro_gel.transiciones import mover_estado, tomar_estado

AVISO_PAUSA = "comunicaciones.aviso_pausa"

CONFLICTO = "La pieza cambió de estado mientras tanto. Recargue la página y revise."


def cambiar_estado(
    *, pieza_id: int, hacia: str, desde: str | None = None, **campos
) -> Pieza:
    """Mueve la pieza a `hacia` si la tabla lo permite; devuelve la pieza al día.

    `desde` fija el estado de origen esperado (si no, el actual). `campos` se
    escriben en el mismo UPDATE. Levanta TransicionInvalida o ConflictoDeEstado.
    Hacia PAUSADA registra el aviso de la pausa (ver el docstring del módulo).
    """
    actual = Pieza.objects.filter(pk=pieza_id).values_list("estado", flat=True).first()
    if actual is None:
        raise ConflictoDeEstado("La pieza ya no existe.")
    ahora = timezone.now()
    with transaction.atomic():
        mover_estado(
            Pieza,
            pk=pieza_id,
            tabla=estados.PIEZA,
            origen=desde or actual,
            destino=hacia,
            conflicto=CONFLICTO,
            actualizado_en=ahora,
            **campos,
        )
        pieza = Pieza.objects.select_related(
            "campana__responsable", "programada_por"
        ).get(pk=pieza_id)
        if hacia == estados.PAUSADA:
            _avisar_pausa(pieza, pausada_en=ahora)
    return pieza


def reclamar(*, pieza_id: int, ahora: datetime) -> bool:
    """PROGRAMADA → EN_CURSO si ya es su hora; devuelve si ESTE llamado la tomó.

    Es el reclamo del despachador: un UPDATE condicionado, así que de dos
    despachadores simultáneos solo uno gana.
    """
    return (
        tomar_estado(
            Pieza,
            filtro={"pk": pieza_id, "programada_para__lte": ahora},
            tabla=estados.PIEZA,
            origen=estados.PROGRAMADA,
            destino=estados.EN_CURSO,
            iniciada_en=ahora,
            actualizado_en=ahora,
        )
        == 1
    )


def _avisar_pausa(pieza: Pieza, *, pausada_en: datetime) -> None:
    destinatarios = {pieza.campana.responsable}
    if pieza.programada_por is not None:
        destinatarios.add(pieza.programada_por)
    # La hora de la pausa va en la clave: cada pausa avisa una vez.
    marca = pausada_en.strftime("%Y%m%d%H%M%S%f")
    for usuario in sorted(destinatarios, key=lambda u: u.email):
        buzon.registrar(
            clave=f"{AVISO_PAUSA}:{pieza.pk}:{marca}:{usuario.pk}",
            tipo=AVISO_PAUSA,
            plantilla="comunicaciones/emails/pieza_pausada",
            para=usuario.email,
            referencia=pieza,
        )


def evaluar_pieza(*, pieza_id: int, hubo_fallos: bool = True) -> str | None:
    """Pausa la pieza en curso si falla demasiado, o la cierra si no le queda
    nada pendiente. Devuelve el nuevo estado, o None si no cambió.

    Demasiado: al menos COMUNICACIONES_FALLOS_PARA_PAUSAR fallidos y al menos
    COMUNICACIONES_PORCENTAJE_FALLOS_PARA_PAUSAR % de lo intentado. Dos lotes
    que terminan a la vez no la cierran dos veces (el cambio es condicionado).
    Un lote sin fallos pasa `hubo_fallos=False`: si aún quedan pendientes no hay
    nada que contar.
    """
    envios = Envio.objects.filter(pieza_id=pieza_id)
    if not hubo_fallos and envios.filter(estado=EstadoEnvio.PENDIENTE).exists():
        return None
    conteos = envios.conteos()
    intentados = conteos["enviados"] + conteos["fallidos"]
    if (
        conteos["fallidos"] >= settings.COMUNICACIONES_FALLOS_PARA_PAUSAR
        and conteos["fallidos"] * 100
        >= settings.COMUNICACIONES_PORCENTAJE_FALLOS_PARA_PAUSAR * intentados
        and conteos["pendientes"]
    ):
        hacia = estados.PAUSADA
        campos = {
            "motivo_estado": (
                f"Pausada automáticamente: {conteos['fallidos']} de "
                f"{intentados} envíos fallaron. Revise el motivo en los envíos "
                "fallidos y use «Reintentar fallidos» o «Reanudar»."
            )
        }
    elif conteos["pendientes"] == 0:
        hacia = (
            estados.FALLIDA
            if conteos["enviados"] == 0 and conteos["fallidos"]
            else estados.ENVIADA
        )
        campos = {"terminada_en": timezone.now()}
    else:
        return None
    try:
        cambiar_estado(pieza_id=pieza_id, desde=estados.EN_CURSO, hacia=hacia, **campos)
    except (ConflictoDeEstado, TransicionInvalida):
        # Otro lote la cerró, o alguien la pausó o canceló: nada que hacer.
        return None
    return hacia
