"""La constancia de radicación en /verificar/<código>/ (el buscador de
`sanpedro_gel.verificacion`)."""

from sanpedro_gel.formato import fecha_hora, fecha_larga
from sanpedro_gel.verificacion import (
    DocumentoVerificado,
    enmascarar,
    registrar_buscador,
)
from tramites.models import Solicitud


@registrar_buscador
def buscar_constancia(codigo: str) -> DocumentoVerificado | None:
    solicitud = (
        Solicitud.objects.radicadas()
        .select_related("tramite")
        .filter(codigo_verificacion=codigo)
        .first()
    )
    if solicitud is None:
        return None
    return DocumentoVerificado(
        tipo="Constancia de radicación",
        titulo=solicitud.radicado,
        codigo=solicitud.codigo_verificacion,
        filas=[
            ("Trámite", solicitud.tramite.nombre),
            ("Radicado", solicitud.radicado),
            ("Fecha y hora de radicación", fecha_hora(solicitud.radicado_en)),
            ("Solicitante", solicitud.nombre_solicitante),
            ("Documento del solicitante", enmascarar(solicitud.documento)),
            ("Estado actual", solicitud.get_estado_display()),
            ("Fecha máxima de respuesta", fecha_larga(solicitud.vence_el)),
        ],
        nota="La constancia prueba que la Alcaldía recibió la solicitud en esa fecha "
        "y hora; no es la decisión del trámite.",
    )
