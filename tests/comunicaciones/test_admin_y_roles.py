import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from comunicaciones.models import Baja, Funcionario, Suscriptor
from tests.factories import (
    CampanaFactory,
    FirmaAlcaldeFactory,
    PiezaFactory,
    SegmentoFactory,
    SuscriptorFactory,
)

pytestmark = pytest.mark.django_db

MODELOS = [
    "campana",
    "pieza",
    "envio",
    "tareadifusion",
    "suscriptor",
    "segmento",
    "baja",
    "textoconsentimiento",
]


def test_el_lider_gel_gestiona_todo_el_plan(client, lider_gel):
    campana = CampanaFactory()
    pieza = PiezaFactory(campana=campana)
    FirmaAlcaldeFactory()
    SuscriptorFactory()
    SegmentoFactory()
    client.force_login(lider_gel)
    for modelo in [*MODELOS, "firmaalcalde", "funcionario"]:
        url = reverse(f"admin:comunicaciones_{modelo}_changelist")
        assert client.get(url).status_code == 200, modelo
    for url in (
        reverse("admin:comunicaciones_pieza_add"),
        reverse("admin:comunicaciones_pieza_change", args=[pieza.pk]),
        reverse("admin:comunicaciones_campana_change", args=[campana.pk]),
        reverse("admin:comunicaciones_campana_tablero", args=[campana.pk]),
        reverse("admin:comunicaciones_pieza_calendario"),
        reverse("admin:comunicaciones_firmaalcalde_add"),
    ):
        assert client.get(url).status_code == 200, url


def test_comunicaciones_y_administrador_web_programan_pero_no_firman(
    client, encargado_comunicaciones, administrador_web
):
    for usuario in (encargado_comunicaciones, administrador_web):
        assert usuario.has_perm("comunicaciones.programar_pieza")
        assert usuario.has_perm("comunicaciones.add_pieza")
        assert usuario.has_perm("comunicaciones.ver_plan")
        assert not usuario.has_perm("comunicaciones.add_firmaalcalde")
    assert encargado_comunicaciones.has_perm("comunicaciones.change_tareadifusion")
    assert not administrador_web.has_perm("comunicaciones.change_campana")


def test_un_funcionario_sin_rol_no_entra_al_plan(client, funcionario_sin_permisos):
    client.force_login(funcionario_sin_permisos)
    for modelo in MODELOS:
        url = reverse(f"admin:comunicaciones_{modelo}_changelist")
        assert client.get(url).status_code == 403, modelo


def test_el_lider_cambia_el_estado_de_la_campana_con_los_botones(client, lider_gel):
    campana = CampanaFactory()
    client.force_login(lider_gel)
    client.post(
        reverse("admin:comunicaciones_campana_estado", args=[campana.pk, "activar"])
    )
    campana.refresh_from_db()
    assert campana.estado == "ACTIVA"


def test_registrar_una_baja_desde_el_admin(client, lider_gel):
    SuscriptorFactory(correo="ventanilla@correo.test")
    client.force_login(lider_gel)
    respuesta = client.post(
        reverse("admin:comunicaciones_baja_registrar"),
        {"correo": "Ventanilla@correo.test"},
    )
    assert respuesta.status_code == 302
    assert Baja.objects.get().origen == "ADMINISTRACION"
    assert Suscriptor.objects.get().estado == "DADO_DE_BAJA"


def test_importar_el_directorio_desde_el_admin_usa_la_misma_carga(
    client, administrador_herramienta, django_capture_on_commit_callbacks
):
    contenido = (
        "nombres,apellidos,correo,cargo,dependencia,vinculacion,rol\n"
        "Gloria Inés,Montoya,g.montoya@alcaldia.test,Tesorera,Secretaría de Hacienda,"
        "carrera administrativa,\n"
        "Sin,Correo,,Cargo,Hacienda,contratista,\n"
    ).encode("utf-8-sig")
    client.force_login(administrador_herramienta)
    url = reverse("admin:comunicaciones_funcionario_importar")

    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(
            url,
            {
                "archivo": SimpleUploadedFile("directorio.csv", contenido),
                "enviar_bienvenida": "on",
            },
        ).content.decode()

    assert "Creados: 1" in html
    assert "El correo es obligatorio." in html and "<td>3</td>" in html
    assert Funcionario.objects.get(correo="g.montoya@alcaldia.test").cargo == "Tesorera"
    assert [m.to for m in mail.outbox] == [["g.montoya@alcaldia.test"]]

    # Cargar el mismo archivo otra vez no crea ni reenvía nada.
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(
            url, {"archivo": SimpleUploadedFile("directorio.csv", contenido)}
        ).content.decode()
    assert "Sin cambios: 1" in html
    assert len(mail.outbox) == 1


def test_el_despacho_corre_cada_minuto_en_beat_y_tiene_comando_gemelo(capsys):
    from datetime import timedelta

    programa = settings.CELERY_BEAT_SCHEDULE
    assert programa["comunicaciones-despachar-piezas"]["schedule"] == timedelta(
        minutes=1
    )
    assert (
        programa["comunicaciones-despachar-piezas"]["task"]
        == "comunicaciones.tasks.despachar_piezas"
    )
    assert "comunicaciones-recordar-tareas" in programa
    call_command("despachar_piezas")
    assert "Piezas tomadas: 0" in capsys.readouterr().out


def test_las_tareas_masivas_van_a_su_cola_y_las_demas_a_transaccional():
    from comunicaciones import tasks
    from sanpedro_gel import tasks as tareas_del_nucleo

    assert tasks.enviar_lote.queue == "masivo"
    # Los correos transaccionales del plan los envía la bandeja de salida.
    assert tareas_del_nucleo.enviar_mensaje.queue == "transaccional"
