"""Permisos del plan de comunicaciones por rol.

- Líder GEL: responsable del plan; todo, incluida la firma del alcalde y los
  textos de consentimiento.
- Comunicaciones (prensa): campañas, piezas, tareas de difusión y suscriptores.
- Administrador web: banners, noticias y demás piezas del portal; ve el plan.
- Administrador de la herramienta: el directorio y las cuentas.
"""

from sanpedro_gel.roles import (
    ADMINISTRADOR_HERRAMIENTA,
    ADMINISTRADOR_WEB,
    COMUNICACIONES,
    LIDER_GEL,
)

_DIRECTORIO = {
    "comunicaciones.view_dependencia",
    "comunicaciones.add_dependencia",
    "comunicaciones.change_dependencia",
    "comunicaciones.view_funcionario",
    "comunicaciones.add_funcionario",
    "comunicaciones.change_funcionario",
}

_VER_PLAN = {
    "comunicaciones.ver_plan",
    "comunicaciones.view_campana",
    "comunicaciones.view_pieza",
    "comunicaciones.view_envio",
    "comunicaciones.view_tareadifusion",
    "comunicaciones.view_suscriptor",
    "comunicaciones.view_segmento",
    "comunicaciones.view_baja",
    "comunicaciones.view_textoconsentimiento",
    "comunicaciones.view_actividadplan",
}

_PIEZAS = {
    "comunicaciones.add_pieza",
    "comunicaciones.change_pieza",
    "comunicaciones.programar_pieza",
}

_CAMPANAS = {
    "comunicaciones.add_campana",
    "comunicaciones.change_campana",
    "comunicaciones.change_tareadifusion",
    "comunicaciones.change_suscriptor",
    "comunicaciones.add_segmento",
    "comunicaciones.change_segmento",
}

_VER_ENCUESTAS = {
    "comunicaciones.view_encuesta",
    "comunicaciones.view_pregunta",
    "comunicaciones.ver_resultados",
}

_ENCUESTAS = _VER_ENCUESTAS | {
    "comunicaciones.add_encuesta",
    "comunicaciones.change_encuesta",
    "comunicaciones.add_pregunta",
    "comunicaciones.change_pregunta",
    "comunicaciones.delete_pregunta",
}

PERMISOS = {
    LIDER_GEL: _DIRECTORIO
    | _VER_PLAN
    | _PIEZAS
    | _CAMPANAS
    | _ENCUESTAS
    | {
        "comunicaciones.change_actividadplan",
        "comunicaciones.view_firmaalcalde",
        "comunicaciones.add_firmaalcalde",
        "comunicaciones.change_firmaalcalde",
        "comunicaciones.add_textoconsentimiento",
        "comunicaciones.change_textoconsentimiento",
    },
    COMUNICACIONES: {
        "comunicaciones.view_dependencia",
        "comunicaciones.view_funcionario",
    }
    | _VER_PLAN
    | _PIEZAS
    | _CAMPANAS
    | _VER_ENCUESTAS
    | {"comunicaciones.view_firmaalcalde"},
    ADMINISTRADOR_WEB: _VER_PLAN | _PIEZAS,
    ADMINISTRADOR_HERRAMIENTA: _DIRECTORIO,
}
