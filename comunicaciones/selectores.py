"""Lecturas de comunicaciones que usa el resto del portal."""

from django.core.cache import cache
from django.db import transaction

from comunicaciones.models import Funcionario

LLAVE_INTRANET = "intranet:{}"
# Respaldo de la invalidación (ver `olvidar_intranet`).
VIGENCIA_INTRANET = 300


def ve_la_intranet(usuario) -> bool:
    """Si la cuenta tiene una ficha activa en el directorio: el menú le muestra
    la intranet. Se guarda en la caché por cuenta, así el menú de cada página
    no consulta el directorio; la vista de la intranet sí lo consulta siempre."""
    llave = LLAVE_INTRANET.format(usuario.pk)
    activo = cache.get(llave)
    if activo is None:
        activo = Funcionario.objects.filter(usuario_id=usuario.pk, activo=True).exists()
        cache.set(llave, activo, VIGENCIA_INTRANET)
    return activo


def _olvidar(*usuarios):
    llaves = [LLAVE_INTRANET.format(pk) for pk in usuarios if pk]
    if llaves:
        cache.delete_many(llaves)


def _olvidar_al_confirmar(*usuarios):
    # También al confirmar la transacción: una visita que leyó la ficha vieja
    # mientras tanto no la deja guardada. Si aun así una lectura llega tarde,
    # dura VIGENCIA_INTRANET.
    _olvidar(*usuarios)
    transaction.on_commit(lambda: _olvidar(*usuarios))


def _antes_de_guardar(sender, instance, **kwargs):
    """La cuenta de antes y la de ahora vuelven a consultarse."""
    anterior = None
    if instance.pk:
        anterior = (
            Funcionario.objects.filter(pk=instance.pk)
            .values_list("usuario_id", flat=True)
            .first()
        )
    _olvidar_al_confirmar(instance.usuario_id, anterior)


def _al_borrar(sender, instance, **kwargs):
    _olvidar_al_confirmar(instance.usuario_id)


def conectar():
    """Guardar o borrar una ficha del directorio invalida `ve_la_intranet` de
    sus cuentas (no hay actualizaciones en bloque de Funcionario)."""
    from django.db.models.signals import post_delete, pre_save

    pre_save.connect(_antes_de_guardar, sender=Funcionario, dispatch_uid="intranet-s")
    post_delete.connect(_al_borrar, sender=Funcionario, dispatch_uid="intranet-d")
