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


PERMISOS = {
    REVISOR_HACIENDA: {"tramites.view_solicitud", "tramites.revisar_ica"},
    REVISOR_GOBIERNO: {"tramites.view_solicitud", "tramites.revisar_horario"},
    LIDER_GEL: {"tramites.view_solicitud", "tramites.ver_todas"} | _catalogo(),
    ADMINISTRADOR_WEB: _catalogo(),
}
