"""Fábricas de datos de prueba. Nunca llaman servicios: una prueba que necesita
un estado real (radicada, aprobada…) llama al servicio correspondiente."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from comunicaciones.models import Dependencia, Funcionario, Vinculacion

CLAVE = "Clave-de-prueba-2026"


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@correo.test")
    first_name = "Ana"
    last_name = "Pérez"
    password = factory.django.Password(CLAVE)

    @factory.post_generation
    def correo_verificado(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class DependenciaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dependencia
        django_get_or_create = ["nombre"]

    nombre = "Secretaría de Hacienda"


class FuncionarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funcionario

    nombres = "Luisa"
    apellidos = factory.Sequence(lambda n: f"Restrepo {n}")
    correo = factory.Sequence(lambda n: f"funcionario{n}@alcaldia.test")
    cargo = "Profesional universitario"
    dependencia = factory.SubFactory(DependenciaFactory)
    vinculacion = Vinculacion.CARRERA_ADMINISTRATIVA
    usuario = factory.SubFactory(
        UsuarioFactory, email=factory.SelfAttribute("..correo")
    )
