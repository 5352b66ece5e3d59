"""Memorias y resultados de las jornadas: se publican después de la sesión."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from capacitacion.excepciones import MaterialIncompleto
from capacitacion.models import EstadoJornada, Material
from sanpedro_gel.excepciones import TransicionInvalida


def publicar_material(*, material_id: int, ahora: datetime | None = None) -> Material:
    """Publica el material en la página de la jornada (y en la intranet si no es
    público). Solo de jornadas realizadas y con archivo o enlace. Idempotente:
    publicar dos veces conserva la fecha de la primera."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        material = (
            Material.objects.select_for_update(of=("self",))
            .select_related("jornada")
            .get(pk=material_id)
        )
        if material.publicado_en is not None:
            return material
        if material.jornada.estado != EstadoJornada.REALIZADA:
            raise TransicionInvalida(
                f"«{material}»: los materiales se publican después de realizada la "
                "jornada."
            )
        if not (material.archivo or material.enlace):
            raise MaterialIncompleto(f"«{material}» no tiene archivo ni enlace.")
        material.publicado_en = ahora
        material.save(update_fields=["publicado_en"])
    return material


def retirar_material(*, material_id: int) -> None:
    """Deja de mostrar el material. Inofensivo si no estaba publicado."""
    Material.objects.filter(pk=material_id).update(publicado_en=None)
