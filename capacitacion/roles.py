"""Permisos de la capacitación por rol.

- Líder GEL: responsable del plan; diseña, convoca, registra la asistencia,
  cierra, publica materiales y ve todos los certificados.
- Comunicaciones: ve las jornadas para anunciarlas en carteleras y en la web.
- Administrador de la herramienta: ve las jornadas y quiénes asisten (dicta el
  taller técnico y entrega usuarios en la jornada).
"""

from sanpedro_gel.roles import ADMINISTRADOR_HERRAMIENTA, COMUNICACIONES, LIDER_GEL

_VER = {
    "capacitacion.view_jornada",
    "capacitacion.view_asistencia",
    "capacitacion.view_aviso",
    "capacitacion.view_material",
    "capacitacion.view_seguimiento",
    "capacitacion.view_inscripcion",
}

PERMISOS = {
    LIDER_GEL: _VER
    | {
        "capacitacion.add_jornada",
        "capacitacion.change_jornada",
        "capacitacion.change_asistencia",
        "capacitacion.change_inscripcion",
        "capacitacion.add_material",
        "capacitacion.change_material",
        "capacitacion.delete_material",
        "capacitacion.add_seguimiento",
        "capacitacion.change_seguimiento",
        "capacitacion.view_certificado",
    },
    COMUNICACIONES: {"capacitacion.view_jornada", "capacitacion.view_material"},
    ADMINISTRADOR_HERRAMIENTA: {
        "capacitacion.view_jornada",
        "capacitacion.view_asistencia",
    },
}
