"""Concurrencia en las pruebas: funciones a la vez en hilos, y esperar a que
otro proceso (un trabajador de Celery real) haga lo suyo."""

import threading
import time

from django.db import connection


def a_la_vez(*funciones, capturar: tuple[type[BaseException], ...] = ()) -> list:
    """Arranca cada función en su hilo en el mismo instante (una barrera) y
    devuelve sus resultados en el orden dado.

    Una excepción de las clases en `capturar` se devuelve como resultado, para
    que la prueba vea quién perdió la carrera; cualquier otra se vuelve a
    levantar aquí, después de esperar a todos los hilos. Cada hilo cierra su
    conexión a la base al terminar.
    """
    barrera = threading.Barrier(len(funciones))
    resultados: list = [None] * len(funciones)

    def correr(posicion, funcion):
        try:
            barrera.wait()
            resultados[posicion] = funcion()
        except BaseException as error:  # se decide abajo, en el hilo de la prueba
            resultados[posicion] = error
        finally:
            connection.close()

    hilos = [
        threading.Thread(target=correr, args=(posicion, funcion))
        for posicion, funcion in enumerate(funciones)
    ]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    for resultado in resultados:
        if isinstance(resultado, BaseException) and not isinstance(resultado, capturar):
            raise resultado
    return resultados


def esperar(condicion, tiempo: float, *, cada: float = 0.2, accion=None) -> bool:
    """Repite `accion` (si la hay) y consulta `condicion` cada `cada` segundos
    hasta que se cumpla o pasen `tiempo` segundos; dice si se cumplió."""
    limite = time.monotonic() + tiempo
    while time.monotonic() < limite:
        if accion:
            accion()
        if condicion():
            return True
        time.sleep(cada)
    return False
