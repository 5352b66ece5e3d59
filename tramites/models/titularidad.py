"""De quién es cada registro de Industria y Comercio en el portal.

Un registro pertenece a una cuenta: la que radicó la inscripción aprobada, o la
que lo reclamó con el código que se envió al correo de notificación del
registro (los contribuyentes que trajo la importación), o la que un funcionario
asoció en el admin. El titular puede autorizar a otras cuentas como apoderadas.
Solo el titular y sus apoderados ven el registro y radican novedades o
ampliaciones de horario para él.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tramites.models.registro import Contribuyente


class Apoderado(models.Model):
    """Una cuenta que el titular autorizó para tramitar por su registro."""

    contribuyente = models.ForeignKey(
        Contribuyente, on_delete=models.CASCADE, related_name="apoderados"
    )
    cuenta = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="poderes",
        verbose_name="cuenta del apoderado",
    )
    autorizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="autorizado por",
    )
    creado_en = models.DateTimeField("autorizado el", auto_now_add=True)
    revocado_en = models.DateTimeField("revocado el", null=True, blank=True)

    class Meta:
        verbose_name = "apoderado"
        verbose_name_plural = "apoderados"
        constraints = [
            models.UniqueConstraint(
                fields=["contribuyente", "cuenta"],
                condition=Q(revocado_en__isnull=True),
                name="un_poder_vigente_por_cuenta",
            )
        ]

    def __str__(self):
        return f"{self.cuenta} por {self.contribuyente}"


class ReclamoRegistro(models.Model):
    """Una cuenta pide ser titular de un registro: se le envía un código.

    El código no se guarda: sale de una firma del reclamo con la clave del
    portal, así la base de datos no guarda nada que sirva para reclamar.
    """

    contribuyente = models.ForeignKey(
        Contribuyente, on_delete=models.CASCADE, related_name="reclamos"
    )
    cuenta = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reclamos"
    )
    enviado_a = models.EmailField("enviado a")
    creado_en = models.DateTimeField(auto_now_add=True)
    vence_en = models.DateTimeField("vence el")
    intentos = models.PositiveSmallIntegerField(default=0)
    usado_en = models.DateTimeField("usado el", null=True, blank=True)

    class Meta:
        verbose_name = "reclamo de un registro"
        verbose_name_plural = "reclamos de registros"

    def __str__(self):
        return f"{self.cuenta} reclama {self.contribuyente}"
