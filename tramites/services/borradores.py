"""Borradores: crear una solicitud, guardar cada paso y descartarla.

Un borrador guarda cada paso al pasar al siguiente, así el ciudadano puede
dejarlo a medias (en un café internet, en el celular) y retomarlo después.
"""

from django.db import transaction

from sanpedro_gel.excepciones import ConflictoDeEstado
from tramites.models import Contribuyente, Establecimiento, Estado, Solicitud, Tramite
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
        bloqueada.a_medias.pop(clave, None)
        siguiente = definicion.siguiente(clave)
        claves = definicion.claves()
        # Volver a un paso anterior para corregirlo no hace retroceder el avance.
        if claves.index(siguiente) > claves.index(bloqueada.paso_actual or clave):
            bloqueada.paso_actual = siguiente
        bloqueada.save(
            update_fields=["datos", "a_medias", "paso_actual", "actualizado_en"]
        )
    return bloqueada


# Lo que no son datos del paso: el token, los botones.
_CONTROLES = frozenset({"csrfmiddlewaretoken", "accion", "agregar"})
_MAX_CAMPOS = 400
_MAX_LARGO = 5000


def lo_escrito(post) -> dict[str, list[str]]:
    """Los valores enviados de un paso, tal cual, listos para guardar en JSON.

    Con tope de campos y de largo: es texto de un formulario, no un depósito.
    """
    # PostgreSQL no admite el carácter NUL en un jsonb («unsupported Unicode
    # escape sequence»): se quita, como lo rechaza un campo de texto de Django.
    return {
        nombre.replace("\x00", ""): [
            valor.replace("\x00", "")[:_MAX_LARGO] for valor in valores
        ]
        for nombre, valores in list(post.lists())[:_MAX_CAMPOS]
        if nombre not in _CONTROLES
    }


def guardar_a_medias(*, solicitud: Solicitud, clave: str, escrito: dict) -> Solicitud:
    """Guarda lo escrito en el paso `clave` sin validarlo, y lo deja sin terminar.

    Es «Guardar y continuar más tarde» de un paso con errores o incompleto: nada
    de lo escrito se pierde (p. ej. dos establecimientos a medio llenar), y el
    paso cuenta como pendiente hasta que se guarde con «Guardar y continuar».
    Lo validado antes en ese paso se conserva, pero no basta para radicar.
    Lanza `ConflictoDeEstado` si la solicitud ya no es un borrador.
    """
    with transaction.atomic():
        bloqueada = Solicitud.objects.select_for_update().get(pk=solicitud.pk)
        if bloqueada.estado != Estado.BORRADOR:
            raise ConflictoDeEstado(
                f"Esta solicitud ya fue radicada con el número {bloqueada.radicado}."
            )
        bloqueada.a_medias[clave] = escrito
        bloqueada.save(update_fields=["a_medias", "actualizado_en"])
    return bloqueada


def identificar(
    *, solicitud: Solicitud, contribuyente_id: int, establecimiento_id: int | None
) -> bool:
    """Deja guardado el paso que identifica el registro (novedad, ampliación),
    como si el ciudadano lo hubiera escrito: pasa por el mismo formulario, que
    comprueba que la cuenta tramita por ese registro. Devuelve si se pudo."""
    definicion = definicion_de(solicitud.tramite.tipo)
    contribuyente = Contribuyente.objects.filter(pk=contribuyente_id).first()
    if contribuyente is None:
        return False
    establecimiento = (
        Establecimiento.objects.filter(
            pk=establecimiento_id, contribuyente=contribuyente
        ).first()
        if establecimiento_id
        else None
    )
    prellenado = definicion.prellenado(contribuyente, establecimiento)
    if prellenado is None:
        return False
    clave, post = prellenado
    formulario = definicion.formulario(clave, solicitud, data=post)
    if not formulario.is_valid():
        return False
    guardar_paso(solicitud=solicitud, clave=clave, formulario=formulario)
    return True


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
