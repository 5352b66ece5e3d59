"""Borradores: crear una solicitud, guardar cada paso y descartarla.

Un borrador guarda cada paso al pasar al siguiente, así el ciudadano puede
dejarlo a medias (en un café internet, en el celular) y retomarlo después.
"""

from django.db import transaction

from sanpedro_gel.excepciones import ConflictoDeEstado
from tramites.models import Estado, Solicitud, Tramite
from tramites.pasos import definicion_de
from tramites.services.adjuntos import borrar_archivos


def crear_borrador(*, tramite: Tramite, solicitante, origen: str = "") -> Solicitud:
    """Crea un borrador vacío de `tramite` para `solicitante`.

    `origen` es la etiqueta del enlace por el que llegó (se conserva en la fila
    por si la sesión vence antes de radicar). No es idempotente: cada llamada
    crea un borrador (el ciudadano puede tener varios del mismo trámite).
    """
    definicion = definicion_de(tramite.tipo)
    return Solicitud.objects.create(
        tramite=tramite,
        solicitante=solicitante,
        paso_actual=definicion.pasos[0].clave,
        origen=origen[:60],
    )


def guardar_paso(*, solicitud: Solicitud, clave: str, formulario) -> Solicitud:
    """Guarda el paso `clave` de un formulario ya válido y avanza `paso_actual`.

    Con la fila bloqueada (dos pestañas del mismo borrador no se pisan los
    pasos): vuelve a leer `datos`, escribe el paso y lo que la definición
    descarta al cambiarlo. Guardar dos veces lo mismo deja el mismo resultado.
    Lanza `ConflictoDeEstado` si la solicitud ya no es un borrador.
    """
    with transaction.atomic():
        bloqueada = (
            Solicitud.objects.select_for_update()
            .select_related("tramite")
            .get(pk=solicitud.pk)
        )
        if bloqueada.estado != Estado.BORRADOR:
            raise ConflictoDeEstado(
                f"Esta solicitud ya fue radicada con el número {bloqueada.radicado}."
            )
        definicion = definicion_de(bloqueada.tramite.tipo)
        definicion.guardar(bloqueada, clave, formulario)
        siguiente = definicion.siguiente(clave)
        claves = definicion.claves()
        # Volver a un paso anterior para corregirlo no hace retroceder el avance.
        if claves.index(siguiente) > claves.index(bloqueada.paso_actual or clave):
            bloqueada.paso_actual = siguiente
        bloqueada.save(update_fields=["datos", "paso_actual", "actualizado_en"])
    return bloqueada


def marcar_paso(*, solicitud: Solicitud, clave: str) -> None:
    """Avanza `paso_actual` hasta `clave` (p. ej. tras los documentos).

    Nunca lo hace retroceder; repetirlo no cambia nada.
    """
    definicion = definicion_de(solicitud.tramite.tipo)
    claves = definicion.claves()
    actual = solicitud.paso_actual if solicitud.paso_actual in claves else claves[0]
    if claves.index(clave) <= claves.index(actual):
        return
    Solicitud.objects.filter(pk=solicitud.pk, estado=Estado.BORRADOR).update(
        paso_actual=clave
    )
    solicitud.paso_actual = clave


def descartar_borrador(*, solicitud: Solicitud) -> bool:
    """Borra un borrador con sus adjuntos. Devuelve si borró algo.

    Repetirlo no hace nada. Una solicitud radicada nunca se borra.
    """
    with transaction.atomic():
        bloqueada = (
            Solicitud.objects.select_for_update()
            .filter(pk=solicitud.pk, estado=Estado.BORRADOR)
            .first()
        )
        if bloqueada is None:
            return False
        rutas = [a.archivo.name for a in bloqueada.adjuntos.all()]
        bloqueada.delete()
        transaction.on_commit(lambda: borrar_archivos(rutas))
    return True
