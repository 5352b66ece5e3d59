"""Los correos de las piezas: una plantilla por lote, un mensaje por destinatario.

El trío de plantillas `comunicaciones/emails/pieza_*` se renderiza UNA vez por
lote con marcas en el lugar de lo personal (cuerpo combinado, enlace de baja);
cada destinatario recibe una copia con sus marcas reemplazadas. Así un lote de
cien no renderiza cien veces las plantillas.
"""

import base64
import mimetypes
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.html import escape

from comunicaciones.formato import (
    combinar_html,
    combinar_texto,
    markdown_seguro,
    texto_plano,
)
from comunicaciones.models import Canal, Envio, Funcionario, Pieza
from comunicaciones.services.audiencias import token_baja
from sanpedro_gel.correo import construir_correo
from sanpedro_gel.pdf import render_pdf

_CUERPO = "\x1ecuerpo\x1e"
_BAJA = "\x1ebaja\x1e"
_NOMBRE = "\x1enombre\x1e"


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


def _dominio_remitente() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def enlace_baja(correo: str, pieza: Pieza | None) -> str:
    token = token_baja(correo, pieza.pk if pieza else None)
    return f"{settings.PORTAL_URL}{reverse('comunicaciones:baja', args=[token])}"


class PlantillaMasiva:
    """Las partes comunes de los correos de `pieza`, listas para personalizar."""

    def __init__(self, pieza: Pieza, *, prueba: bool = False):
        self.pieza = pieza
        self.prueba = prueba
        self.cuerpo_html = str(markdown_seguro(pieza.cuerpo))
        self.cuerpo_texto = texto_plano(pieza.cuerpo)
        imagen = (
            f"{settings.PORTAL_URL}{pieza.imagen.url}"
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

    def mensaje_para(
        self, persona: Persona, *, envio_id: int | None = None, connection=None
    ) -> EmailMultiAlternatives:
        """El correo de la pieza para `persona`, con sus campos y su enlace de baja."""
        campos = persona.campos
        baja = enlace_baja(persona.correo, self.pieza)
        html = (
            self.html.replace(_CUERPO, combinar_html(self.cuerpo_html, campos))
            .replace(_BAJA, escape(baja))
            .replace(_NOMBRE, escape(persona.nombre))
        )
        texto = (
            self.texto.replace(_CUERPO, combinar_texto(self.cuerpo_texto, campos))
            .replace(_BAJA, baja)
            .replace(_NOMBRE, persona.nombre)
        )
        asunto = combinar_texto(self.pieza.titulo, campos)
        if self.prueba:
            asunto = f"[PRUEBA] {asunto}"
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
            to=[persona.correo],
            headers=cabeceras,
            connection=connection,
        )
        mensaje.attach_alternative(html, "text/html")
        for nombre, contenido, tipo in self.adjuntos:
            mensaje.attach(nombre, contenido, tipo)
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
    from pathlib import PurePosixPath

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
