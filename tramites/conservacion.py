"""Los plazos de conservación de los trámites para la política de datos: los
borradores (configuración) y los expedientes (tabla de retención del admin)."""

from django.conf import settings

from sanpedro_gel.conservacion import Plazo, fuente_de_plazos
from sanpedro_gel.formato import plural
from tramites.models import Tramite


@fuente_de_plazos
def plazos_de_tramites() -> list[Plazo]:
    dias = settings.BORRADORES_DIAS_SIN_CAMBIOS
    resultado = [
        Plazo(
            que="Solicitudes que usted empieza y nunca radica (borradores), con sus "
            "documentos adjuntos",
            cuanto=f"{plural(dias, 'día', 'días')} sin cambios",
            despues=f"Se borran. Le avisamos por correo "
            f"{plural(settings.BORRADORES_DIAS_AVISO, 'día', 'días')} antes; "
            "cualquier cambio que guarde vuelve a contar el plazo.",
        )
    ]
    for tramite in Tramite.objects.filter(activo=True):
        resultado.append(
            Plazo(
                que=f"Expedientes de «{tramite.nombre}» (la solicitud radicada, sus "
                "documentos y la decisión)",
                cuanto=(
                    f"{plural(tramite.anios_archivo_gestion, 'año', 'años')} en el "
                    "archivo de gestión y "
                    f"{plural(tramite.anios_archivo_central, 'año', 'años')} en el "
                    "archivo central, desde la decisión"
                ),
                despues=f"Disposición final según la tabla de retención documental: "
                f"{tramite.get_disposicion_final_display()}. Ninguna eliminación se "
                "hace sin la aprobación de la Alcaldía (Ley 594 de 2000).",
            )
        )
    return resultado
