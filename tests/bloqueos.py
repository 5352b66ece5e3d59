"""Ningún PDF ni correo mientras se tiene bloqueada una fila.

Un `select_for_update` bloquea hasta que termina la transacción más externa del
código; si dentro de ella se dibuja un PDF o se habla SMTP, cada segundo del
render o del servidor de correo es un segundo en que el ciudadano, el revisor
o el despachador esperan esa fila. La suite entera corre con este vigilante
(fixture automática en conftest): la prueba que recorra un camino así falla.
"""

import smtplib
import threading
import weakref
from contextlib import contextmanager

from django.core.mail.message import EmailMessage
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler

from sanpedro_gel import pdf


class BloqueoDuranteEfecto(AssertionError):
    pass


class Vigilante:
    def __init__(self):
        self.bloqueados = weakref.WeakSet()
        # Bloques de atomic() de la prueba misma (la transacción que envuelve
        # cada prueba con `db`), por hilo: no cuentan como bloques del código.
        self.base = threading.local()

    def bloques_del_codigo(self):
        base = getattr(self.base, "n", 0)
        return connection.atomic_blocks[base:]

    def al_consultar(self, compilador):
        if compilador.query.select_for_update and compilador.connection.in_atomic_block:
            bloques = self.bloques_del_codigo()
            if bloques:
                self.bloqueados.add(bloques[0])

    def comprobar(self, que: str):
        bloques = self.bloques_del_codigo()
        if bloques and bloques[0] in self.bloqueados:
            raise BloqueoDuranteEfecto(
                f"{que} dentro de una transacción que tiene filas bloqueadas con "
                "select_for_update: muévalo fuera del bloque."
            )


@contextmanager
def vigilar(monkeypatch):
    vigilante = Vigilante()
    vigilante.base.n = len(connection.atomic_blocks)

    ejecutar = SQLCompiler.execute_sql

    def execute_sql(self, *args, **kwargs):
        vigilante.al_consultar(self)
        return ejecutar(self, *args, **kwargs)

    motor = pdf._motor

    def motor_vigilado():
        vigilante.comprobar("render_pdf")
        return motor()

    motor_vigilado.cache_clear = motor.cache_clear
    enviar = EmailMessage.send

    def send(self, *args, **kwargs):
        vigilante.comprobar("El envío de un correo")
        return enviar(self, *args, **kwargs)

    sendmail = smtplib.SMTP.sendmail

    def sendmail_vigilado(self, *args, **kwargs):
        vigilante.comprobar("Una conversación SMTP")
        return sendmail(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "execute_sql", execute_sql)
    monkeypatch.setattr(pdf, "_motor", motor_vigilado)
    monkeypatch.setattr(EmailMessage, "send", send)
    monkeypatch.setattr(smtplib.SMTP, "sendmail", sendmail_vigilado)
    yield vigilante
