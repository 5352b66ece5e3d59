import pytest
from celery import Celery

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


def test_un_trabajador_real_atiende_las_tres_colas(trabajador_celery, redis_de_pruebas):
    broker, resultados = redis_de_pruebas
    trabajador_celery()
    # Sin set_as_current: un cliente que quedara como la aplicación «actual»
    # haría que las tareas compartidas de las pruebas siguientes del mismo
    # proceso se resolvieran contra él, y un mock.patch de `.delay` ya no las
    # alcanzaría.
    cliente = Celery(broker=broker, backend=resultados, set_as_current=False)
    try:
        for cola in ("default", "transaccional", "masivo"):
            resultado = cliente.send_task(
                "sanpedro_gel.tasks.eco", args=[f"hola {cola}"], queue=cola
            )
            assert resultado.get(timeout=60) == f"hola {cola}"
    finally:
        cliente.close()


def test_bajo_un_trabajador_real_cada_trabajo_periodico_queda_anotado(
    trabajador_celery, redis_de_pruebas
):
    """Lo que beat publica lo ejecuta un trabajador: las señales anotan la
    ejecución igual que en el portal embebido, y /salud/ lo lee de la base."""
    from sanpedro_gel.models import EjecucionPeriodica
    from tests.concurrencia import esperar

    broker, _ = redis_de_pruebas
    trabajador_celery()
    cliente = Celery(broker=broker, set_as_current=False)  # ver arriba
    try:
        cliente.send_task("sanpedro_gel.tasks.barrer_buzon", queue="default")
        assert esperar(
            lambda: EjecucionPeriodica.objects.filter(
                nombre="bandeja-de-salida", ultima_ok_en__isnull=False
            ).exists(),
            60,
        )
    finally:
        cliente.close()
