"""La excepción base del portal y las que comparten todas las apps.

Un servicio lanza una de estas con un texto escrito para la persona; vistas y
admin la muestran tal cual (`sanpedro_gel.admin_ayudas.ejecutar_servicio`). Cada
app deriva las suyas de `ErrorDelPortal`.
"""


class ErrorDelPortal(Exception):
    """Base: el mensaje está escrito para mostrarse tal cual."""


class TransicionInvalida(ErrorDelPortal):
    """El paso pedido no está en la tabla de estados o no cumple sus reglas."""


class ConflictoDeEstado(ErrorDelPortal):
    """Otra persona o proceso cambió la fila entre la lectura y la escritura."""


class EnlaceInvalido(ErrorDelPortal):
    """Un enlace firmado (confirmación, baja, encuesta) no es válido o venció."""
