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
    REVISOR_GOBIERNO,
    REVISOR_HACIENDA,
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

# Asesoría: cada oficina responde las preguntas de sus trámites (Hacienda el
# ICA, Gobierno el horario); las generales, el Líder GEL y Comunicaciones, que
# además registra las que llegan por redes sociales y publica las frecuentes.
_PREGUNTAS = {
    "comunicaciones.view_preguntaciudadana",
    "comunicaciones.change_preguntaciudadana",
}
_FRECUENTES = {
    "comunicaciones.view_preguntafrecuente",
    "comunicaciones.add_preguntafrecuente",
    "comunicaciones.change_preguntafrecuente",
}
_ATENCION = {
    "comunicaciones.view_horarioasesoria",
    "comunicaciones.add_horarioasesoria",
    "comunicaciones.change_horarioasesoria",
    "comunicaciones.delete_horarioasesoria",
    "comunicaciones.view_terminopeticion",
    "comunicaciones.change_terminopeticion",
}

PERMISOS = {
    REVISOR_HACIENDA: _PREGUNTAS | _FRECUENTES | {"comunicaciones.responder_hacienda"},
    REVISOR_GOBIERNO: _PREGUNTAS | _FRECUENTES | {"comunicaciones.responder_gobierno"},
    LIDER_GEL: _DIRECTORIO
    | _VER_PLAN
    | _PIEZAS
    | _CAMPANAS
    | _ENCUESTAS
    | _PREGUNTAS
    | _FRECUENTES
    | _ATENCION
    | {
        "comunicaciones.responder_general",
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
    | _PREGUNTAS
    | _FRECUENTES
    | {
        "comunicaciones.view_firmaalcalde",
        "comunicaciones.responder_general",
        "comunicaciones.registrar_de_redes",
        "comunicaciones.add_preguntaciudadana",
    },
    ADMINISTRADOR_WEB: _VER_PLAN | _PIEZAS,
    ADMINISTRADOR_HERRAMIENTA: _DIRECTORIO,
}
