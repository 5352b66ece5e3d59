"""El plazo de conservación de las suscripciones para la política de datos."""

from django.conf import settings

from sanpedro_gel.conservacion import Plazo, fuente_de_plazos
from sanpedro_gel.formato import plural


@fuente_de_plazos
def plazos_de_comunicaciones() -> list[Plazo]:
    dias = settings.SUSCRIPTORES_DIAS_PARA_CONFIRMAR
    return [
        Plazo(
            que="Suscripciones a las noticias por correo que no se confirman",
            cuanto=plural(dias, "día", "días"),
            despues="Se borran. Una suscripción confirmada se guarda hasta que "
            "usted se da de baja.",
        )
    ]
