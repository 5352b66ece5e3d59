from sanpedro_gel.roles import (
    ADMINISTRADOR_WEB,
    LIDER_GEL,
    REVISOR_GOBIERNO,
    REVISOR_HACIENDA,
)


def _catalogo() -> set[str]:
    """Editar las fichas SUIT, sus normas y requisitos, el catálogo CIIU, los días
    no hábiles locales y los avisos de privacidad (los avisos no se borran: son
    la prueba de lo que cada ciudadano aceptó)."""
    permisos = {
        f"tramites.{accion}_{modelo}"
        for modelo in ("tramite", "norma", "requisito", "actividadciiu", "dianohabil")
        for accion in ("view", "add", "change", "delete")
    }
    return permisos | {
        "tramites.view_avisoprivacidad",
        "tramites.add_avisoprivacidad",
        "tramites.change_avisoprivacidad",
    }


# Consultar el registro de Industria y Comercio (y su historial de versiones):
# Hacienda lo lleva, Gobierno mira los establecimientos que piden ampliación de
# horario y el Líder GEL lo ve todo en lectura. Nadie lo edita a mano: cambia
# solo al aprobar inscripciones y novedades.
VER_REGISTRO = {
    "tramites.view_contribuyente",
    "tramites.view_establecimiento",
    "tramites.view_actividadcontribuyente",
}

# Hacienda y Gobierno anotan lo que recibe la ventanilla de sus trámites (el
# admin limita cada uno a los que decide); el Líder GEL lo ve y fija las metas.
VENTANILLA = {
    "tramites.view_radicacionesventanilla",
    "tramites.add_radicacionesventanilla",
    "tramites.change_radicacionesventanilla",
}

PERMISOS = {
    REVISOR_HACIENDA: {
        "tramites.view_solicitud",
        "tramites.revisar_ica",
        *VER_REGISTRO,
        *VENTANILLA,
    },
    REVISOR_GOBIERNO: {
        "tramites.view_solicitud",
        "tramites.revisar_horario",
        *VER_REGISTRO,
        *VENTANILLA,
    },
    LIDER_GEL: {
        "tramites.view_solicitud",
        "tramites.ver_todas",
        "tramites.view_calificacion",
        "tramites.view_exportacionbandeja",
        "tramites.view_radicacionesventanilla",
        "tramites.view_metaadopcion",
        "tramites.add_metaadopcion",
        "tramites.change_metaadopcion",
        # La disposición final de los expedientes (tabla de retención).
        "tramites.view_disposicionexpediente",
        "tramites.change_disposicionexpediente",
        "tramites.aprobar_disposicion",
        *VER_REGISTRO,
        *_catalogo(),
    },
    ADMINISTRADOR_WEB: _catalogo(),
}
