from celery import shared_task

from comunicaciones.models import Funcionario
from comunicaciones.services import directorio


@shared_task(
    queue="transaccional", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def enviar_bienvenida_funcionario(funcionario_id: int) -> None:
    funcionario = (
        Funcionario.objects.select_related("usuario").filter(pk=funcionario_id).first()
    )
    if funcionario is None or funcionario.usuario is None:
        return
    directorio.enviar_bienvenida(funcionario)
