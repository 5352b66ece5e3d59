"""Responder la encuesta de comunicaciones y armarla en el admin.

Quién responde:

- un servidor público, con el enlace personal firmado que le llegó en la pieza
  de correo de la encuesta interna (`token_encuesta`);
- cualquier persona, en la página pública de una encuesta externa.

Una respuesta por persona: la nominal se busca por el funcionario; la anónima
y la externa, por la huella del secreto que guarda el navegador (cookie). En
la anónima, además, `Participacion` impide que el mismo funcionario responda
otra vez desde otro navegador, sin unirlo con su respuesta (ver el docstring
de `comunicaciones/models/encuestas.py`). Hasta el cierre, responder otra vez
reemplaza lo respondido.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from comunicaciones.excepciones import ErrorDeComunicaciones
from comunicaciones.models import (
    Audiencia,
    Contestacion,
    Encuesta,
    Funcionario,
    Opcion,
    Participacion,
    Pregunta,
    Respuesta,
    TipoPregunta,
)
from sanpedro_gel.enlaces import url_del_portal
from sanpedro_gel.excepciones import EnlaceInvalido
from sanpedro_gel.formato import fecha_hora
from sanpedro_gel.reloj import hoy

_SAL = "comunicaciones.encuesta"


class EncuestaNoDisponible(ErrorDeComunicaciones):
    """La encuesta no está abierta (aún no abre o ya cerró)."""


class YaRespondio(ErrorDeComunicaciones):
    """La persona ya respondió y no puede cambiar su respuesta desde aquí."""


# --- El enlace personal ---------------------------------------------------------------


def token_encuesta(encuesta_id: int, funcionario_id: int) -> str:
    """Enlace firmado de un servidor público para una encuesta interna. No
    vence: la encuesta se cierra por su fecha."""
    return signing.dumps({"e": encuesta_id, "f": funcionario_id}, salt=_SAL)


def enlace_personal(encuesta_id: int, funcionario_id: int) -> str:
    return url_del_portal(
        "comunicaciones:encuesta_personal", token_encuesta(encuesta_id, funcionario_id)
    )


def leer_token(token: str) -> tuple[Encuesta, Funcionario]:
    """La encuesta interna y el funcionario activo del enlace, o EnlaceInvalido."""
    try:
        datos = signing.loads(token, salt=_SAL)
        encuesta = Encuesta.objects.get(pk=datos["e"], audiencia=Audiencia.INTERNA)
        funcionario = Funcionario.objects.select_related("dependencia").get(
            pk=datos["f"], activo=True
        )
    except (
        signing.BadSignature,
        KeyError,
        TypeError,
        Encuesta.DoesNotExist,
        Funcionario.DoesNotExist,
    ):
        raise EnlaceInvalido(
            "El enlace de la encuesta no es válido. Ábralo desde el correo que "
            "recibió (completo) o pida uno nuevo al Líder GEL."
        ) from None
    return encuesta, funcionario


# --- La respuesta ---------------------------------------------------------------------


def huella(secreto: str) -> str:
    """La huella del secreto del navegador. El secreto es aleatorio (32 bytes):
    la huella no se puede revertir ni adivinar probando personas."""
    return hashlib.sha256(secreto.encode()).hexdigest() if secreto else ""


def respuesta_previa(
    *, encuesta: Encuesta, funcionario: Funcionario | None = None, secreto: str = ""
) -> Respuesta | None:
    """La respuesta que esta persona ya envió, si el portal puede encontrarla:
    por su nombre (nominal) o por el secreto de su navegador."""
    respuestas = Respuesta.objects.filter(encuesta=encuesta)
    if funcionario is not None and not encuesta.anonima:
        return respuestas.filter(funcionario=funcionario).first()
    if secreto:
        return respuestas.filter(clave_navegador=huella(secreto)).first()
    return None


def ya_participo(*, encuesta: Encuesta, funcionario: Funcionario) -> bool:
    if encuesta.anonima:
        return Participacion.objects.filter(
            encuesta=encuesta, funcionario=funcionario
        ).exists()
    return Respuesta.objects.filter(encuesta=encuesta, funcionario=funcionario).exists()


def valores_de(respuesta: Respuesta | None) -> dict[int, object]:
    """{pregunta_id: valor} de una respuesta, con la forma que pide el
    formulario: id de opción, lista de ids, número o texto."""
    if respuesta is None:
        return {}
    valores: dict[int, object] = {}
    for c in respuesta.contestaciones.select_related("pregunta"):
        tipo = c.pregunta.tipo
        if tipo == TipoPregunta.MULTIPLE:
            valores.setdefault(c.pregunta_id, []).append(c.opcion_id)
        elif tipo == TipoPregunta.UNICA:
            valores[c.pregunta_id] = c.opcion_id
        elif tipo == TipoPregunta.ESCALA:
            valores[c.pregunta_id] = c.valor
        else:
            valores[c.pregunta_id] = c.texto
    return valores


@dataclass
class Enviada:
    respuesta: Respuesta
    # El secreto nuevo que el navegador debe guardar ("" si no cambió).
    secreto: str
    cambio: bool


def responder(
    *,
    encuesta_id: int,
    valores: dict[int, object],
    funcionario_id: int | None = None,
    secreto: str = "",
    zona: str = "",
    rango_edad: str = "",
    origen: str = "",
    ahora: datetime | None = None,
) -> Enviada:
    """Guarda la respuesta a la encuesta, o reemplaza la que la persona ya envió.

    `valores` viene del formulario ({pregunta_id: opción, [opciones], 1–5 o
    texto}). Interna: `funcionario_id` es el del enlace firmado. `secreto` es
    el que guardó el navegador en una respuesta anterior. Lanza
    EncuestaNoDisponible fuera de fechas y YaRespondio si el funcionario de una
    anónima ya respondió desde otro navegador. Llamarla dos veces con el mismo
    secreto deja una sola respuesta (la última).
    """
    ahora = ahora or timezone.now()
    encuesta = Encuesta.objects.get(pk=encuesta_id)
    if not encuesta.abierta(ahora):
        raise EncuestaNoDisponible(_texto_cerrada(encuesta, ahora))
    funcionario = None
    if encuesta.es_interna:
        funcionario = Funcionario.objects.get(pk=funcionario_id, activo=True)
    elif funcionario_id is not None:
        raise EncuestaNoDisponible("Esta encuesta es para la ciudadanía.")

    with transaction.atomic():
        previa = respuesta_previa(
            encuesta=encuesta, funcionario=funcionario, secreto=secreto
        )
        nuevo = ""
        if previa is None:
            nuevo = "" if (funcionario and not encuesta.anonima) else _secreto()
            previa = _nueva_respuesta(encuesta, funcionario, nuevo, ahora)
        else:
            previa.contestaciones.all().delete()
            previa.recibida_el = hoy(ahora)
        if not encuesta.es_interna:
            previa.zona, previa.rango_edad = zona, rango_edad
            previa.origen = previa.origen or origen
        previa.save()
        Contestacion.objects.bulk_create(_contestaciones(encuesta, previa, valores))
    return Enviada(respuesta=previa, secreto=nuevo, cambio=not nuevo and bool(secreto))


def _secreto() -> str:
    return secrets.token_urlsafe(32)


def _nueva_respuesta(encuesta, funcionario, secreto, ahora) -> Respuesta:
    respuesta = Respuesta(
        encuesta=encuesta,
        clave_navegador=huella(secreto),
        recibida_el=hoy(ahora),
    )
    if funcionario is not None:
        respuesta.dependencia_id = funcionario.dependencia_id
        respuesta.vinculacion = funcionario.vinculacion
        if encuesta.anonima:
            try:
                with transaction.atomic():
                    Participacion.objects.create(
                        encuesta=encuesta, funcionario=funcionario
                    )
            except IntegrityError:
                raise YaRespondio(
                    "Usted ya respondió esta encuesta. Como es anónima, el portal "
                    "no guarda qué respondió: solo puede cambiar su respuesta "
                    "desde el navegador en que la envió."
                ) from None
        else:
            respuesta.funcionario = funcionario
    return respuesta


def _contestaciones(encuesta, respuesta, valores) -> list[Contestacion]:
    """Las filas de cada pregunta respondida. Las opciones se comprueban contra
    las de su pregunta: un id ajeno se ignora."""
    preguntas = list(encuesta.preguntas.prefetch_related("opciones"))
    filas = []
    for pregunta in preguntas:
        valor = valores.get(pregunta.pk)
        if valor in (None, "", []):
            continue
        base = {"respuesta": respuesta, "pregunta": pregunta}
        if pregunta.tiene_opciones:
            validas = {o.pk for o in pregunta.opciones.all()}
            elegidas = valor if isinstance(valor, list | tuple) else [valor]
            if pregunta.tipo == TipoPregunta.UNICA:
                elegidas = elegidas[:1]
            for opcion_id in dict.fromkeys(int(v) for v in elegidas):
                if opcion_id in validas:
                    filas.append(Contestacion(**base, opcion_id=opcion_id))
        elif pregunta.tipo == TipoPregunta.ESCALA:
            if 1 <= int(valor) <= 5:
                filas.append(Contestacion(**base, valor=int(valor)))
        else:
            filas.append(Contestacion(**base, texto=str(valor).strip()[:500]))
    return filas


def _texto_cerrada(encuesta: Encuesta, ahora: datetime) -> str:
    if ahora < encuesta.abre_en:
        return f"La encuesta abre el {fecha_hora(encuesta.abre_en)}."
    return f"La encuesta cerró el {fecha_hora(encuesta.cierra_en)}. Gracias."


# --- El armado en el admin ------------------------------------------------------------


def tiene_respuestas(encuesta: Encuesta) -> bool:
    return encuesta.pk is not None and encuesta.respuestas.exists()


def fijar_opciones(*, pregunta: Pregunta, textos: list[str]) -> None:
    """Deja las opciones de `pregunta` con `textos`, en ese orden.

    Si ya están así no toca nada. Con respuestas recibidas no se cambian (las
    respuestas apuntan a sus opciones): el admin bloquea las preguntas.
    """
    actuales = list(pregunta.opciones.order_by("orden", "pk"))
    if [o.texto for o in actuales] == textos:
        return
    if Contestacion.objects.filter(pregunta=pregunta).exists():
        raise ErrorDeComunicaciones(
            "La pregunta ya tiene respuestas: sus opciones no se pueden cambiar."
        )
    with transaction.atomic():
        pregunta.opciones.all().delete()
        Opcion.objects.bulk_create(
            Opcion(pregunta=pregunta, orden=i, texto=texto)
            for i, texto in enumerate(textos, start=1)
        )


def nombre_de_cookie(encuesta: Encuesta, funcionario: Funcionario | None) -> str:
    """La cookie que guarda el secreto de la respuesta en el navegador.

    En una interna lleva una marca de la persona (derivada con la clave del
    portal) para que dos servidores que usan el mismo computador no abran la
    respuesta del otro. La marca y el secreto viven solo en el navegador.
    """
    if funcionario is None:
        return f"encuesta{encuesta.pk}"
    marca = salted_hmac(
        "comunicaciones.encuesta.cookie", f"{encuesta.pk}:{funcionario.pk}"
    ).hexdigest()[:16]
    return f"encuesta{encuesta.pk}_{marca}"


def resumen_de(respuesta: Respuesta) -> list[tuple[str, str]]:
    """[(pregunta, lo respondido)] en el orden de la encuesta, para mostrarle a
    la persona lo que envió."""
    respondido: dict[int, list[str]] = {}
    for c in respuesta.contestaciones.select_related("opcion"):
        if c.opcion_id:
            texto = c.opcion.texto
        elif c.valor:
            texto = f"{c.valor} de 5"
        else:
            texto = c.texto
        respondido.setdefault(c.pregunta_id, []).append(texto)
    return [
        (p.texto, "; ".join(respondido.get(p.pk, [])) or "Sin responder")
        for p in respuesta.encuesta.preguntas.all()
    ]
