import pytest
from celery import Celery

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


def test_un_trabajador_real_atiende_las_tres_colas(trabajador_celery, redis_de_pruebas):
    broker, resultados = redis_de_pruebas
    trabajador_celery()
    cliente = Celery(broker=broker, backend=resultados)
    try:
        for cola in ("default", "transaccional", "masivo"):
            resultado = cliente.send_task(
                "sanpedro_gel.tasks.eco", args=[f"hola {cola}"], queue=cola
            )
            assert resultado.get(timeout=60) == f"hola {cola}"
    finally:
        cliente.close()
