"""Lo que las páginas públicas guardadas necesitan saber de la capacitación:
qué modelos se ven en ellas y cuándo una jornada empieza o termina."""

from django.db.models import Min, Q

from capacitacion.models import Jornada, Material
from sanpedro_gel.paginas import conectar_invalidacion, registrar_proximo_cambio


def proximo_cambio(ahora):
    """Una jornada convocada pasa a «en curso» al empezar y sale de las
    próximas al terminar (también en las sesiones de la asesoría)."""
    cambios = Jornada.objects.publicadas().aggregate(
        empieza=Min("inicio", filter=Q(inicio__gt=ahora)),
        termina=Min("fin", filter=Q(fin__gt=ahora)),
    )
    return min((v for v in cambios.values() if v is not None), default=None)


def conectar():
    conectar_invalidacion(Jornada, Material)
    registrar_proximo_cambio("jornadas", proximo_cambio)
