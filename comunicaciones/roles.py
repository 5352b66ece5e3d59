from sanpedro_gel.roles import ADMINISTRADOR_HERRAMIENTA, COMUNICACIONES, LIDER_GEL

_DIRECTORIO = {
    "comunicaciones.view_dependencia",
    "comunicaciones.add_dependencia",
    "comunicaciones.change_dependencia",
    "comunicaciones.view_funcionario",
    "comunicaciones.add_funcionario",
    "comunicaciones.change_funcionario",
}

PERMISOS = {
    LIDER_GEL: _DIRECTORIO,
    ADMINISTRADOR_HERRAMIENTA: _DIRECTORIO,
    COMUNICACIONES: {
        "comunicaciones.view_dependencia",
        "comunicaciones.view_funcionario",
    },
}
