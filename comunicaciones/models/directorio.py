from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Vinculacion(models.TextChoices):
    ALCALDE = "ALCALDE", "Alcalde"
    EQUIPO_GOBIERNO = "EQUIPO_GOBIERNO", "Equipo de gobierno"
    CARRERA_ADMINISTRATIVA = "CARRERA_ADMINISTRATIVA", "Carrera administrativa"
    CONTRATISTA = "CONTRATISTA", "Contratista"


class Dependencia(models.Model):
    """Secretaría u oficina de la Alcaldía."""

    nombre = models.CharField(max_length=150)
    activa = models.BooleanField(default=True)

    class Meta:
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(Lower("nombre"), name="dependencia_nombre_unico"),
        ]

    def __str__(self):
        return self.nombre


class FuncionarioQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(activo=True)


class Funcionario(models.Model):
    """Servidor público de la Alcaldía: el público interno del plan."""

    nombres = models.CharField(max_length=120)
    apellidos = models.CharField(max_length=120)
    correo = models.EmailField("correo electrónico", unique=True)
    cargo = models.CharField(max_length=150, blank=True)
    dependencia = models.ForeignKey(
        Dependencia, on_delete=models.PROTECT, related_name="funcionarios"
    )
    vinculacion = models.CharField("vinculación", max_length=30, choices=Vinculacion)
    activo = models.BooleanField(default=True)
    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funcionario",
    )

    objects = FuncionarioQuerySet.as_manager()

    class Meta:
        ordering = ["apellidos", "nombres"]

    def __str__(self):
        return self.nombre_completo

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombres} {self.apellidos}".strip()
