import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sanpedro_gel.roles import ROLES, sincronizar_roles

pytestmark = pytest.mark.django_db


def test_los_seis_roles_existen_tras_migrar():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_sincronizar_dos_veces_no_cambia_nada():
    primero = sincronizar_roles()
    permisos = {g.name: set(g.permissions.all()) for g in Group.objects.all()}
    assert sincronizar_roles() == primero
    assert {g.name: set(g.permissions.all()) for g in Group.objects.all()} == permisos


def test_sincronizar_devuelve_los_permisos_quitados_a_mano():
    grupo = Group.objects.get(name="Administrador de la herramienta")
    grupo.permissions.clear()
    sincronizar_roles()
    assert grupo.permissions.filter(codename="change_usuario").exists()


def test_administrador_de_la_herramienta_gestiona_usuarios(
    client, administrador_herramienta
):
    client.force_login(administrador_herramienta)
    assert (
        client.get(reverse("admin:sanpedro_gel_usuario_changelist")).status_code == 200
    )


def test_un_funcionario_sin_rol_no_gestiona_usuarios(client, funcionario_sin_permisos):
    client.force_login(funcionario_sin_permisos)
    assert (
        client.get(reverse("admin:sanpedro_gel_usuario_changelist")).status_code == 403
    )


def test_comando_sincronizar_roles(capsys):
    from django.core.management import call_command

    call_command("sincronizar_roles")
    assert "Líder GEL" in capsys.readouterr().out
