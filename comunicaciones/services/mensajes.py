"""Los correos de las piezas: una plantilla por lote, un mensaje por destinatario.

El trío de plantillas `comunicaciones/emails/pieza_*` se renderiza UNA vez por
lote con marcas en el lugar de lo personal (cuerpo combinado, enlace de baja);
cada destinatario recibe una copia con sus marcas reemplazadas. Así un lote de
cien no renderiza cien veces las plantillas.

Para SMTP hay además un camino en bytes: el mensaje MIME completo se arma una
vez con marcas ASCII y por destinatario solo se reemplazan bytes. Armar un
correo con `email.mime` (cabeceras codificadas, plegado) cuesta milisegundos;
reemplazar, microsegundos. Se usa solo cuando es seguro (partes de texto en
8bit, sin campos en el asunto, sin adjunto por persona, dirección ASCII); si
no, el mensaje se arma entero como siempre.
"""

import base64
import mimetypes
import re
import time
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import PurePosixPath

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from comunicaciones.models import Canal, Envio, Funcionario, Pieza
from comunicaciones.services.audiencias import token_baja
from comunicaciones.services.encuestas import enlace_personal, token_encuesta
from sanpedro_gel.correo import construir_correo
from sanpedro_gel.enlaces import absoluta, url_del_portal
from sanpedro_gel.pdf import render_pdf
from sanpedro_gel.texto import markdown_seguro, texto_plano

# Campos de combinación de correos y cartas: {{ nombre }}, {{ cargo }},
# {{ dependencia }}. En el HTML de la pieza quedan literales hasta combinarse.
CAMPO = re.compile(r"\{\{\s*(nombre|cargo|dependencia)\s*\}\}")
CAMPOS_DE_COMBINACION = ("nombre", "cargo", "dependencia")

_CUERPO = "\x1ecuerpo\x1e"
_BAJA = "\x1ebaja\x1e"
_NOMBRE = "\x1enombre\x1e"
_ENCUESTA = "\x1eencuesta\x1e"

# Marcas del camino en bytes: ASCII que sobrevive intacto a la codificación MIME.
_B_CORREO = "destinatario.zq7@marca.invalid"
_B_ENVIO = "ZQ7ENVIOZQ7"
_B_BAJA = "ZQ7BAJAZQ7"
_B_ENCUESTA = "ZQ7ENCUESTAZQ7"
_B_TEXTO = {campo: f"ZQ7T{campo.upper()}ZQ7" for campo in CAMPOS_DE_COMBINACION}
_B_HTML = {campo: f"ZQ7H{campo.upper()}ZQ7" for campo in CAMPOS_DE_COMBINACION}
_CORREO_ASCII = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+$")


@dataclass(frozen=True)
class Persona:
    """A quién va un correo de una pieza y sus campos de combinación."""

    correo: str
    nombre: str
    cargo: str = ""
    dependencia: str = ""
    funcionario: Funcionario | None = None

    @property
    def campos(self) -> dict[str, str]:
        return {
            "nombre": self.nombre,
            "cargo": self.cargo,
            "dependencia": self.dependencia,
        }

    @classmethod
    def de_envio(cls, envio: Envio) -> "Persona":
        funcionario = envio.funcionario
        if funcionario is not None:
            return cls.de_funcionario(funcionario, correo=envio.correo)
        return cls(correo=envio.correo, nombre=envio.nombre)

    @classmethod
    def de_funcionario(cls, funcionario: Funcionario, correo: str = "") -> "Persona":
        return cls(
            correo=correo or funcionario.correo,
            nombre=funcionario.nombre_completo,
            cargo=funcionario.cargo,
            dependencia=funcionario.dependencia.nombre,
            funcionario=funcionario,
        )

    @classmethod
    def de_usuario(cls, usuario) -> "Persona":
        """Para la prueba: el funcionario del usuario, o su nombre de cuenta."""
        funcionario = (
            Funcionario.objects.select_related("dependencia")
            .filter(usuario=usuario)
            .first()
        )
        if funcionario is not None:
            return cls.de_funcionario(funcionario, correo=usuario.email)
        nombre = usuario.get_full_name() or usuario.email
        return cls(
            correo=usuario.email,
            nombre=nombre,
            cargo="Cargo de ejemplo",
            dependencia="Dependencia de ejemplo",
        )


def combinar_html(html: str, campos: dict[str, str]) -> SafeString:
    """Reemplaza los campos de combinación en HTML, escapando cada valor."""
    return mark_safe(CAMPO.sub(lambda m: escape(campos.get(m.group(1), "")), html))


def combinar_texto(texto: str, campos: dict[str, str]) -> str:
    """Reemplaza los campos de combinación en texto plano (asunto, versión texto)."""
    return CAMPO.sub(lambda m: campos.get(m.group(1), ""), texto)


def _dominio_remitente() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def enlace_encuesta(pieza: Pieza, persona: "Persona") -> str:
    """El enlace personal de la encuesta de la pieza para `persona`. En una
    prueba a alguien que no está en el directorio, la encuesta en el admin."""
    if persona.funcionario is None:
        return url_del_portal("admin:comunicaciones_encuesta_change", pieza.encuesta_id)
    return enlace_personal(pieza.encuesta_id, persona.funcionario.pk)


def enlace_baja(correo: str, pieza: Pieza | None) -> str:
    return url_del_portal(
        "comunicaciones:baja", token_baja(correo, pieza.pk if pieza else None)
    )


class PlantillaMasiva:
    """Las partes comunes de los correos de `pieza`, listas para personalizar."""

    # Lotes seguidos de la misma pieza en un trabajador reutilizan la plantilla:
    # armarla (plantillas, Markdown, MIME) costaba tanto como 15 mensajes. La
    # clave incluye `actualizado_en` (una pieza en curso no se edita) y el minuto,
    # para que la cabecera Date no envejezca en un envío largo.
    _recientes: dict = {}

    @classmethod
    def para(cls, pieza: Pieza) -> "PlantillaMasiva":
        clave = (pieza.pk, pieza.actualizado_en, int(time.time() // 60))
        plantilla = cls._recientes.get(clave)
        if plantilla is None:
            if len(cls._recientes) >= 8:
                cls._recientes.clear()
            plantilla = cls._recientes[clave] = cls(pieza)
        return plantilla

    def __init__(self, pieza: Pieza, *, prueba: bool = False):
        self.pieza = pieza
        self.prueba = prueba
        self.cuerpo_html = str(markdown_seguro(pieza.cuerpo))
        self.cuerpo_texto = texto_plano(pieza.cuerpo)
        imagen = (
            absoluta(pieza.imagen.url)
            if pieza.imagen and pieza.canal == Canal.CORREO
            else ""
        )
        modelo = construir_correo(
            "comunicaciones/emails/pieza",
            {
                "pieza": pieza,
                "asunto": pieza.titulo,
                "cuerpo_html": _CUERPO,
                "cuerpo_texto": _CUERPO,
                "enlace": pieza.enlace_con_origen(absoluto=True),
                "imagen": imagen,
                "enlace_baja": _BAJA,
                "enlace_encuesta": _ENCUESTA if pieza.encuesta_id else "",
                "nombre": _NOMBRE,
                "es_carta": pieza.canal == Canal.CARTA_ALCALDE,
                "prueba": prueba,
            },
            ["modelo@localhost"],
        )
        self.texto = modelo.body
        self.html = modelo.alternatives[0][0]
        self.adjuntos = []
        if pieza.adjunto:
            with pieza.adjunto.open("rb") as archivo:
                contenido = archivo.read()
            nombre = f"{pieza.slug}{_extension(pieza.adjunto.name)}"
            tipo = mimetypes.guess_type(nombre)[0] or "application/octet-stream"
            self.adjuntos.append((nombre, contenido, tipo))
        self._firma = None
        self._bytes = None
        if (
            pieza.canal != Canal.CARTA_ALCALDE
            and not prueba
            and not CAMPO.search(pieza.titulo)
        ):
            self._bytes = self._plantilla_en_bytes()

    def _plantilla_en_bytes(self) -> bytes | None:
        """El mensaje completo con marcas ASCII, o None si no es seguro usarlo."""
        baja = url_del_portal("comunicaciones:baja", _B_BAJA)
        encuesta = url_del_portal("comunicaciones:encuesta_personal", _B_ENCUESTA)
        html = (
            self.html.replace(_CUERPO, combinar_html(self.cuerpo_html, _B_HTML))
            .replace(_BAJA, baja)
            .replace(_ENCUESTA, encuesta)
            .replace(_NOMBRE, _B_HTML["nombre"])
        )
        texto = (
            self.texto.replace(_CUERPO, combinar_texto(self.cuerpo_texto, _B_TEXTO))
            .replace(_BAJA, baja)
            .replace(_ENCUESTA, encuesta)
            .replace(_NOMBRE, _B_TEXTO["nombre"])
        )
        modelo = self._armar(
            asunto=self.pieza.titulo,
            texto=texto,
            html=html,
            correo=_B_CORREO,
            baja=baja,
            envio_id=_B_ENVIO,
        )
        datos = modelo.message().as_bytes(linesep="\r\n")
        partes_de_texto = datos.count(b"Content-Type: text/")
        if (
            datos.count(b"Content-Transfer-Encoding: 8bit") < partes_de_texto
            or b"To: " + _B_CORREO.encode() + b"\r\n" not in datos
            or _B_ENVIO.encode() not in datos
            or datos.count(_B_BAJA.encode()) < 3
            or (self.pieza.encuesta_id and datos.count(_B_ENCUESTA.encode()) < 2)
        ):
            # Alguna parte quedó en quoted-printable o base64 (líneas muy largas,
            # texto solo ASCII en 7bit): las marcas no se pueden reemplazar.
            return None
        return datos

    def bytes_para(self, persona: "Persona", *, envio_id: int) -> bytes | None:
        """Los bytes del correo para `persona` por el camino rápido, o None."""
        if self._bytes is None or not _CORREO_ASCII.match(persona.correo):
            return None
        if self.pieza.encuesta_id and persona.funcionario is None:
            return None
        token = token_baja(persona.correo, self.pieza.pk)
        datos = (
            self._bytes.replace(_B_CORREO.encode(), persona.correo.encode())
            .replace(_B_ENVIO.encode(), str(envio_id).encode())
            .replace(_B_BAJA.encode(), token.encode())
        )
        if self.pieza.encuesta_id:
            datos = datos.replace(
                _B_ENCUESTA.encode(),
                token_encuesta(self.pieza.encuesta_id, persona.funcionario.pk).encode(),
            )
        for campo, valor in persona.campos.items():
            datos = datos.replace(_B_TEXTO[campo].encode(), valor.encode()).replace(
                _B_HTML[campo].encode(), escape(valor).encode()
            )
        return datos

    def _armar(self, *, asunto, texto, html, correo, baja, envio_id, connection=None):
        cabeceras = {
            # RFC 2369 y RFC 8058: los programas de correo muestran «Cancelar
            # suscripción» y la hacen con un POST, sin abrir el navegador.
            "List-Unsubscribe": f"<{baja}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        if envio_id is not None:
            # Un identificador estable por envío: si un servidor llegara a recibir
            # el mismo mensaje dos veces, los programas de correo lo reconocen.
            cabeceras["Message-ID"] = f"<envio-{envio_id}@{_dominio_remitente()}>"
        mensaje = EmailMultiAlternatives(
            subject=" ".join(asunto.split()),
            body=texto,
            to=[correo],
            headers=cabeceras,
            connection=connection,
        )
        mensaje.attach_alternative(html, "text/html")
        for nombre, contenido, tipo in self.adjuntos:
            mensaje.attach(nombre, contenido, tipo)
        return mensaje

    def mensaje_para(
        self, persona: Persona, *, envio_id: int | None = None, connection=None
    ) -> EmailMultiAlternatives:
        """El correo de la pieza para `persona`, con sus campos y su enlace de baja."""
        campos = persona.campos
        baja = enlace_baja(persona.correo, self.pieza)
        encuesta = (
            enlace_encuesta(self.pieza, persona) if self.pieza.encuesta_id else ""
        )
        html = (
            self.html.replace(_CUERPO, combinar_html(self.cuerpo_html, campos))
            .replace(_BAJA, escape(baja))
            .replace(_ENCUESTA, escape(encuesta))
            .replace(_NOMBRE, escape(persona.nombre))
        )
        texto = (
            self.texto.replace(_CUERPO, combinar_texto(self.cuerpo_texto, campos))
            .replace(_BAJA, baja)
            .replace(_ENCUESTA, encuesta)
            .replace(_NOMBRE, persona.nombre)
        )
        asunto = combinar_texto(self.pieza.titulo, campos)
        if self.prueba:
            asunto = f"[PRUEBA] {asunto}"
        mensaje = self._armar(
            asunto=asunto,
            texto=texto,
            html=html,
            correo=persona.correo,
            baja=baja,
            envio_id=envio_id,
            connection=connection,
        )
        if self.pieza.canal == Canal.CARTA_ALCALDE:
            mensaje.attach(
                "carta-del-alcalde.pdf",
                renderizar_carta(self.pieza, persona, firma=self._firma_data_uri()),
                "application/pdf",
            )
        return mensaje

    def _firma_data_uri(self) -> str:
        if self._firma is None:
            self._firma = firma_data_uri(self.pieza)
        return self._firma


def _extension(nombre: str) -> str:
    return PurePosixPath(nombre).suffix.lower()


def firma_data_uri(pieza: Pieza) -> str:
    """La imagen de la firma como `data:` URI (vive en el almacenamiento privado)."""
    firma = pieza.firma
    if firma is None or not firma.imagen:
        return ""
    with firma.imagen.open("rb") as archivo:
        contenido = archivo.read()
    tipo = "image/png" if contenido.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{tipo};base64,{base64.b64encode(contenido).decode()}"


def renderizar_carta(pieza: Pieza, persona: Persona, *, firma: str | None = None):
    """PDF de la carta del alcalde para `persona`, con sus campos combinados.

    Es determinista: la misma pieza y la misma persona dan la misma carta, así
    que la intranet la regenera en vez de guardar una copia por funcionario.
    """
    cuerpo = combinar_html(str(markdown_seguro(pieza.cuerpo)), persona.campos)
    return render_pdf(
        "comunicaciones/pdf/carta.html",
        {
            "pieza": pieza,
            "persona": persona,
            "cuerpo": cuerpo,
            "firma": pieza.firma,
            "firma_imagen": firma if firma is not None else firma_data_uri(pieza),
            "fecha": pieza.programada_para or pieza.creado_en,
        },
    )
