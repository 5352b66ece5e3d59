from sanpedro_gel.roles import LIDER_GEL, REVISOR_GOBIERNO, REVISOR_HACIENDA

PERMISOS = {
    REVISOR_HACIENDA: {"tramites.view_solicitud", "tramites.revisar_ica"},
    REVISOR_GOBIERNO: {"tramites.view_solicitud", "tramites.revisar_horario"},
    LIDER_GEL: {"tramites.view_solicitud", "tramites.ver_todas"},
}
