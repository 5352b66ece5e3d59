"""Utilidades de las pruebas del plan de comunicaciones: un sumidero SMTP real."""

import socket
import threading
import time
from collections import Counter

import pytest


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sumidero:
    """Servidor SMTP (aiosmtpd) que cuenta lo recibido por destinatario.

    `rechazar` = {correo: (código, texto)} responde ese error al RCPT;
    `rechazar_data`, al punto final del DATA (el mensaje no se guarda).
    """

    def __init__(self):
        self.recibidos: list[tuple[str, float, bytes]] = []
        self.rechazar: dict[str, tuple[int, str]] = {}
        self.rechazar_data: dict[str, tuple[int, str]] = {}
        self._candado = threading.Lock()
        self.puerto = puerto_libre()
        self.controlador = None

    # Manejador de aiosmtpd
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rechazar:
            codigo, texto = self.rechazar[address.lower()]
            return f"{codigo} {texto}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for destinatario in envelope.rcpt_tos:
            if destinatario.lower() in self.rechazar_data:
                codigo, texto = self.rechazar_data[destinatario.lower()]
                return f"{codigo} {texto}"
        ahora = time.monotonic()
        with self._candado:
            for destinatario in envelope.rcpt_tos:
                self.recibidos.append((destinatario.lower(), ahora, envelope.content))
        return "250 Recibido"

    def iniciar(self):
        from aiosmtpd.controller import Controller

        self.controlador = Controller(self, hostname="127.0.0.1", port=self.puerto)
        self.controlador.start()
        return self

    def detener(self):
        if self.controlador:
            self.controlador.stop()

    def por_destinatario(self) -> Counter:
        with self._candado:
            return Counter(d for d, _, _ in self.recibidos)

    def total(self) -> int:
        with self._candado:
            return len(self.recibidos)


@pytest.fixture
def sumidero_smtp(settings):
    """Sumidero SMTP real en un hilo; el portal envía por SMTP hacia él."""
    sumidero = Sumidero().iniciar()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sumidero.puerto
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield sumidero
    sumidero.detener()


@pytest.fixture(autouse=True)
def _sin_tope_de_velocidad(settings):
    """Las pruebas van sin tope salvo las que lo fijan a propósito."""
    settings.COMUNICACIONES_CORREOS_POR_SEGUNDO = 0
    settings.REDIS_URL = ""
