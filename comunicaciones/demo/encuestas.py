"""La encuesta de comunicaciones de la demostración: el diagnóstico del plan.

Dos encuestas escritas para este portal. La interna (anónima, ya cerrada)
preguntó a los servidores por qué medios se enteran de los temas de Gobierno
en Línea; la externa (abierta en /encuestas/) pregunta a la ciudadanía. Sus
respuestas de ejemplo dan lo que encontró el diagnóstico del plan (seed): el
personal se entera primero por correo directo y después por la página web de
Gobierno en Línea; la ciudadanía prefiere los medios impresos y la emisora.

Las respuestas se reparten de forma fija (sin azar): cargar la demostración
dos veces da los mismos resultados y no duplica nada.
"""

from datetime import datetime, time, timedelta

from comunicaciones.models import (
    Audiencia,
    Encuesta,
    Funcionario,
    Opcion,
    Pregunta,
    RangoEdad,
    TipoPregunta,
    ZonaEncuesta,
)
from comunicaciones.services import encuestas
from sanpedro_gel.reloj import BOGOTA, hoy

AVISO_EXTERNA = """\
La Alcaldía de San Pedro de los Milagros, responsable del tratamiento, usa sus \
respuestas, su zona y su rango de edad solo para saber por qué medios informar \
a la comunidad sobre los trámites en línea, y los publica únicamente como \
cifras agregadas. No le pedimos su nombre ni su documento. Responder es \
voluntario y puede dejar en blanco las preguntas opcionales. Puede conocer, \
actualizar o rectificar sus datos y presentar consultas o reclamos escribiendo \
a la Alcaldía, como explica la política de tratamiento de datos."""

# (texto, ranking_de, tipo, [(opción, cuántos la eligen)])
INTERNA = [
    (
        "¿Por qué medios se entera usted de los temas de Gobierno en Línea?",
        Audiencia.INTERNA,
        TipoPregunta.MULTIPLE,
        [
            ("Correo directo", 15),
            ("Página web de Gobierno en Línea", 11),
            ("Intranet (mensajes y videos)", 7),
            ("Carteleras internas", 6),
            ("Reuniones de la dependencia", 5),
            ("Carta del alcalde", 3),
            ("Redes sociales", 2),
        ],
    ),
    (
        "Para contarle a la ciudadanía un trámite nuevo, ¿qué medios llegan mejor?",
        Audiencia.EXTERNA,
        TipoPregunta.MULTIPLE,
        [
            ("Medios impresos (periódico local, volantes, afiches)", 14),
            ("Emisora", 13),
            ("Página web de la Alcaldía", 9),
            ("Televisión local", 6),
            ("Redes sociales", 6),
            ("Perifoneo", 2),
        ],
    ),
    (
        "¿Qué tanto conoce los trámites que la Alcaldía atiende en línea?",
        "",
        TipoPregunta.ESCALA,
        [("2", 6), ("3", 7), ("4", 4), ("5", 1)],
    ),
]

EXTERNA = [
    (
        "¿Por qué medios se entera de las novedades de la Alcaldía?",
        Audiencia.EXTERNA,
        TipoPregunta.MULTIPLE,
        [
            ("Medios impresos (periódico local, volantes, afiches)", 26),
            ("Emisora", 23),
            ("Página web de la Alcaldía", 12),
            ("Redes sociales", 11),
            ("Televisión local", 8),
            ("Un funcionario o vecino", 7),
        ],
    ),
    (
        "¿Ha hecho algún trámite de la Alcaldía por internet?",
        "",
        TipoPregunta.UNICA,
        [("Sí", 9), ("No, pero me gustaría", 21), ("No, prefiero ir en persona", 10)],
    ),
]
RESPUESTAS_EXTERNAS = 40
ZONAS = [ZonaEncuesta.URBANA] * 5 + [ZonaEncuesta.VEREDA] * 3 + [ZonaEncuesta.RURAL]
EDADES = [
    RangoEdad.DE_18_A_28,
    RangoEdad.DE_29_A_44,
    RangoEdad.DE_29_A_44,
    RangoEdad.DE_45_A_59,
    RangoEdad.DE_60_O_MAS,
]


def cargar():
    interna = _encuesta(
        "diagnostico-de-canales-servidores",
        titulo="Encuesta de comunicaciones: servidores públicos",
        audiencia=Audiencia.INTERNA,
        introduccion=(
            "Con esta encuesta diseñamos el plan de comunicaciones de los trámites "
            "en línea: queremos saber por qué medios se entera usted de los temas "
            "de Gobierno en Línea y cuáles cree que llegan mejor a la ciudadanía. "
            "Toma tres minutos y es anónima."
        ),
        abre=-40,
        cierra=-30,
        preguntas=INTERNA,
    )
    externa = _encuesta(
        "como-se-entera",
        titulo="¿Cómo se entera de las novedades de la Alcaldía?",
        audiencia=Audiencia.EXTERNA,
        introduccion=(
            "Queremos anunciar los trámites en línea donde usted de verdad se "
            "entera. Son dos preguntas y no le pedimos su nombre."
        ),
        abre=-20,
        cierra=40,
        preguntas=EXTERNA,
        pregunta_zona=True,
        pregunta_edad=True,
        aviso_datos=AVISO_EXTERNA,
    )
    if not interna.respuestas.exists():
        personas = list(Funcionario.objects.activos().order_by("pk")[:18])
        for i, funcionario in enumerate(personas):
            encuestas.responder(
                encuesta_id=interna.pk,
                valores=_valores(interna, INTERNA, i, len(personas)),
                funcionario_id=funcionario.pk,
                ahora=interna.abre_en + timedelta(days=1 + i % 7, hours=i % 5),
            )
    if not externa.respuestas.exists():
        for i in range(RESPUESTAS_EXTERNAS):
            encuestas.responder(
                encuesta_id=externa.pk,
                valores=_valores(externa, EXTERNA, i, RESPUESTAS_EXTERNAS),
                zona=ZONAS[i % len(ZONAS)],
                rango_edad=EDADES[i % len(EDADES)],
                origen="afiche-cafe-internet" if i % 4 == 0 else "",
                ahora=externa.abre_en + timedelta(days=i % 15, hours=1),
            )


def _encuesta(slug, *, abre, cierra, preguntas, **datos) -> Encuesta:
    encuesta, creada = Encuesta.objects.get_or_create(
        slug=slug,
        defaults={
            **datos,
            "anonima": True,
            "abre_en": datetime.combine(
                hoy() + timedelta(days=abre), time(7, 0), tzinfo=BOGOTA
            ),
            "cierra_en": datetime.combine(
                hoy() + timedelta(days=cierra), time(18, 0), tzinfo=BOGOTA
            ),
        },
    )
    if creada:
        for orden, (texto, ranking, tipo, opciones) in enumerate(preguntas, start=1):
            pregunta = Pregunta.objects.create(
                encuesta=encuesta,
                orden=orden,
                texto=texto,
                tipo=tipo,
                ranking_de=ranking,
            )
            if tipo != TipoPregunta.ESCALA:
                Opcion.objects.bulk_create(
                    Opcion(pregunta=pregunta, orden=i, texto=t)
                    for i, (t, _) in enumerate(opciones, start=1)
                )
    return encuesta


def _valores(encuesta: Encuesta, preguntas, i: int, total: int) -> dict:
    """Lo que responde la persona `i` de `total`. En la de selección múltiple,
    cada opción la marcan `cuántos` personas seguidas (en círculo), empezando
    donde terminó la anterior: cada opción suma lo que dice la tabla y, como
    las dos primeras cubren a todos, nadie queda sin marcar. En las demás, la
    persona cae en el tramo de su opción."""
    valores = {}
    for pregunta, (_, _, tipo, opciones) in zip(
        encuesta.preguntas.prefetch_related("opciones"), preguntas, strict=True
    ):
        if tipo == TipoPregunta.MULTIPLE:
            elegidas, inicio = [], 0
            for opcion, (_, n) in zip(pregunta.opciones.all(), opciones, strict=True):
                if (i - inicio) % total < n:
                    elegidas.append(opcion.pk)
                inicio = (inicio + n) % total
            valores[pregunta.pk] = elegidas
            continue
        posicion = _tramo(opciones, i)
        if tipo == TipoPregunta.ESCALA:
            valores[pregunta.pk] = int(opciones[posicion][0])
        else:
            valores[pregunta.pk] = list(pregunta.opciones.all())[posicion].pk
    return valores


def _tramo(opciones, i: int) -> int:
    """La opción en cuyo tramo cae la persona `i` (tramos seguidos de `n`)."""
    limite = 0
    for posicion, (_, n) in enumerate(opciones):
        limite += n
        if i < limite:
            return posicion
    return len(opciones) - 1
