"""Las actividades 1–9 del plan en la demostración: quién responde por cada
una, sus fechas, cuáles ya se cumplieron (con su evidencia) y qué campañas las
sirven. Idempotente: lo que el Líder GEL ya cambió no se toca."""

from datetime import timedelta

from django.contrib.auth import get_user_model

from comunicaciones import estados
from comunicaciones.models import ActividadPlan, Campana, Nivel
from comunicaciones.services.actividades import cambiar_estado_actividad
from comunicaciones.services.tablero import actividades
from sanpedro_gel.reloj import hoy

# número → (correo del responsable, días de inicio y de vencimiento desde hoy,
#           estado, evidencia)
PLAN = {
    1: (
        "hacienda@portal-demo.test",
        -90,
        -20,
        estados.CUMPLIDA,
        "Acuerdo municipal que suprime el certificado de paz y salvo para "
        "inscribirse en Industria y Comercio (ejemplo de la demostración).",
    ),
    2: (
        "lider.gel@portal-demo.test",
        -60,
        -10,
        estados.CUMPLIDA,
        "Procedimiento de inscripción y novedades revisado: de 9 a 5 pasos.",
    ),
    3: (
        "lider.gel@portal-demo.test",
        -30,
        5,
        estados.CUMPLIDA,
        "Resolución que "
        "designa a los responsables de cada trámite en Hacienda y Gobierno.",
    ),
    4: ("lider.gel@portal-demo.test", -30, 30, estados.EN_CURSO, ""),
    5: ("soporte@portal-demo.test", -7, 10, estados.EN_CURSO, ""),
    6: (
        "soporte@portal-demo.test",
        -20,
        -5,
        estados.CUMPLIDA,
        "Cuentas creadas para los 20 servidores del directorio, con su rol.",
    ),
    7: ("soporte@portal-demo.test", 0, 20, estados.PENDIENTE, ""),
    8: ("prensa@portal-demo.test", -14, 10, estados.EN_CURSO, ""),
    9: ("prensa@portal-demo.test", -7, 60, estados.EN_CURSO, ""),
}


def cargar():
    usuarios = {
        u.email: u
        for u in get_user_model().objects.filter(
            email__in={datos[0] for datos in PLAN.values()}
        )
    }
    for actividad in actividades():
        if actividad.pk is None:
            actividad.save()
        if actividad.responsable_id or actividad.estado != estados.PENDIENTE:
            continue
        correo, inicio, vence, estado, evidencia = PLAN[actividad.numero]
        actividad.responsable = usuarios.get(correo)
        actividad.fecha_inicio = hoy() + timedelta(days=inicio)
        actividad.fecha_vence = hoy() + timedelta(days=vence)
        actividad.evidencia = evidencia
        actividad.save()
        if estado != estados.PENDIENTE:
            cambiar_estado_actividad(
                actividad_id=actividad.pk,
                hacia=estado,
                fecha=actividad.fecha_vence if estado == estados.CUMPLIDA else None,
            )
    numeros = {
        Nivel.INTERNO: [1, 2, 3, 4, 5, 6, 8],
        Nivel.EXTERNO: [9],
    }
    for campana in Campana.objects.filter(actividades__isnull=True):
        campana.actividades.set(
            ActividadPlan.objects.filter(numero__in=numeros[campana.nivel])
        )
