"""La adopción de la demostración: lo que la ventanilla recibió los últimos
meses y las metas del Líder GEL. Las cifras son de ejemplo; con las
solicitudes en línea de la demo, muestran el comienzo de la fase de
Transacción (casi todo llega aún por la ventanilla)."""

from datetime import timedelta

from sanpedro_gel.reloj import hoy
from tramites.models import MetaAdopcion, RadicacionesVentanilla, TipoTramite, Tramite

METAS = {
    TipoTramite.INSCRIPCION_ICA: 50,
    TipoTramite.NOVEDAD_ICA: 40,
    TipoTramite.AMPLIACION_HORARIO: 60,
}
# Por trámite, lo recibido en la ventanilla hace 3, 2 y 1 meses y en el actual.
VENTANILLA = {
    TipoTramite.INSCRIPCION_ICA: [14, 12, 11, 4],
    TipoTramite.NOVEDAD_ICA: [22, 19, 20, 7],
    TipoTramite.AMPLIACION_HORARIO: [6, 9, 15, 3],
}


def cargar():
    meses = [hoy().replace(day=1)]
    for _ in range(3):
        meses.insert(0, (meses[0] - timedelta(days=1)).replace(day=1))
    for tramite in Tramite.objects.filter(tipo__in=METAS):
        MetaAdopcion.objects.get_or_create(
            tramite=tramite, defaults={"porcentaje": METAS[tramite.tipo]}
        )
        for mes, cantidad in zip(meses, VENTANILLA[tramite.tipo], strict=True):
            RadicacionesVentanilla.objects.get_or_create(
                tramite=tramite,
                mes=mes,
                defaults={
                    "cantidad": cantidad,
                    "observaciones": "Conteo del libro de radicación (demo).",
                },
            )
