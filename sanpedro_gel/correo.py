"""Correo con plantillas y el backend de archivos del portal embebido.

Cada correo es un trío de plantillas: `<nombre>_asunto.txt`, `<nombre>_cuerpo.txt`
y `<nombre>_cuerpo.html`, que reciben el contexto dado más `entidad` y
`portal_url`.
"""

import logging
import re
import sys
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

Adjunto = tuple[str, bytes, str]


def construir_correo(
    plantilla: str,
    contexto: dict,
    para: Iterable[str],
    *,
    adjuntos: Iterable[Adjunto] = (),
    cabeceras: dict[str, str] | None = None,
    responder_a: Iterable[str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """Arma (sin enviar) el correo de la plantilla `plantilla` para `para`."""
    contexto = {
        "entidad": settings.ENTIDAD,
        "portal_url": settings.PORTAL_URL,
        **contexto,
    }
    asunto = " ".join(render_to_string(f"{plantilla}_asunto.txt", contexto).split())
    mensaje = EmailMultiAlternatives(
        subject=asunto,
        body=render_to_string(f"{plantilla}_cuerpo.txt", contexto),
        to=list(para),
        headers=cabeceras or {},
        reply_to=list(responder_a) if responder_a else None,
        connection=connection,
    )
    mensaje.attach_alternative(
        render_to_string(f"{plantilla}_cuerpo.html", contexto), "text/html"
    )
    for nombre, contenido, tipo in adjuntos:
        mensaje.attach(nombre, contenido, tipo)
    return mensaje


def enviar_correo(
    plantilla: str, contexto: dict, para: Iterable[str], **opciones
) -> None:
    """Arma y envía el correo. Las excepciones de SMTP llegan a quien llama."""
    construir_correo(plantilla, contexto, para, **opciones).send()


class CorreoEnArchivos(BaseEmailBackend):
    """Guarda cada correo como `.eml` en EMAIL_FILE_PATH y lo anuncia en consola.

    Es el backend del portal embebido: nada sale a Internet, y los enlaces
    (confirmación de cuenta, recuperación de clave) quedan a la vista en la
    terminal de `make run`.
    """

    _contador = 0
    _candado = threading.Lock()

    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.carpeta = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages):
        self.carpeta.mkdir(parents=True, exist_ok=True)
        enviados = 0
        for mensaje in email_messages:
            with self._candado:
                CorreoEnArchivos._contador += 1
                numero = CorreoEnArchivos._contador
            marca = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            ruta = self.carpeta / f"{marca}-{numero}.eml"
            ruta.write_bytes(mensaje.message().as_bytes())
            enlaces = re.findall(r"https?://\S+", mensaje.body)
            print(
                f"[correo] Para {', '.join(mensaje.to)}: «{mensaje.subject}» → {ruta}",
                *(f"         {enlace}" for enlace in enlaces),
                sep="\n",
                file=sys.stdout,
                flush=True,
            )
            enviados += 1
        return enviados
