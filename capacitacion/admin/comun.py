"""Lo que comparten las pantallas del admin de la capacitación."""

from django.contrib import messages

from capacitacion.excepciones import ErrorDeCapacitacion


def ejecutar(request, exito: str, funcion, **kwargs) -> bool:
    """Llama un servicio; su excepción de dominio se vuelve un mensaje de error.
    Devuelve si salió bien."""
    try:
        funcion(**kwargs)
    except ErrorDeCapacitacion as error:
        messages.error(request, str(error))
        return False
    if exito:
        messages.success(request, exito)
    return True
