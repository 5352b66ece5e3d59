"""«Mis establecimientos»: de quién es cada registro de Industria y Comercio.

El registro inscrito por el portal es de la cuenta que lo radicó; el que trajo
la importación se reclama con el código enviado al correo del registro; el
titular autoriza apoderados. Nadie más ve el establecimiento ni tramita por él.
"""

import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from tramites import selectores
from tramites.models import Contribuyente, ReclamoRegistro, Solicitud
from tramites.services import titularidad
from tramites.validadores import normalizar_matricula

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "escrita",
    ["ICA-000041", "ica-000041", "41", "000041", "ICA 41", " ica000041 ", "ICA-41"],
)
def test_la_matricula_con_o_sin_prefijo_y_ceros(escrita):
    assert normalizar_matricula(escrita) == "ICA-000041"


def test_una_matricula_de_otra_forma_se_compara_tal_cual():
    assert normalizar_matricula(" mat-2019/77 ") == "MAT-2019/77"


@pytest.fixture
def cliente(client, ciudadano):
    client.force_login(ciudadano)
    return client


def _iniciar(cliente, tramite, **datos):
    respuesta = cliente.post(reverse("tramites:iniciar", args=[tramite.slug]), datos)
    return Solicitud.objects.filter(tramite=tramite).latest("pk"), respuesta


def test_el_ciudadano_ve_sus_registros_y_empieza_la_novedad_ya_identificada(
    cliente, catalogo, bar
):
    bar.aforo = 120
    bar.horario_ordinario = "Lunes a domingo, 4:00 p. m. a 12:00 a. m."
    bar.save()
    html = cliente.get(reverse("tramites:mis_establecimientos")).content.decode()
    for texto in ("ICA-000098", "Inversiones La Fonda S.A.S.", "Bar La Fonda", "120"):
        assert texto in html
    assert "Reportar una novedad" in html and "Pedir ampliación de horario" in html

    solicitud, respuesta = _iniciar(
        cliente, catalogo["novedad"], registro=bar.contribuyente_id
    )
    solicitud.refresh_from_db()
    assert solicitud.datos["registro"]["matricula"] == "ICA-000098"
    assert solicitud.datos["registro"]["contribuyente_id"] == bar.contribuyente_id
    # Como el registro ya está identificado, sigue al paso de las novedades.
    assert respuesta.url == reverse("tramites:paso", args=[solicitud.pk, "novedades"])


def test_la_ampliacion_empieza_con_el_establecimiento_elegido(cliente, catalogo, bar):
    solicitud, _ = _iniciar(
        cliente,
        catalogo["horario"],
        registro=bar.contribuyente_id,
        establecimiento=bar.pk,
    )
    solicitud.refresh_from_db()
    assert solicitud.datos["establecimiento"]["establecimiento_id"] == bar.pk
    assert "solicitante" not in solicitud.datos  # ese paso lo llena ella


def test_la_matricula_sin_prefijo_ni_ceros_identifica_el_registro(
    cliente, catalogo, bar
):
    solicitud, _ = _iniciar(cliente, catalogo["novedad"])
    url = reverse("tramites:paso", args=[solicitud.pk, "registro"])
    respuesta = cliente.post(
        url,
        {"numero_documento": "900.373.913", "matricula": "98", "accion": "continuar"},
    )
    assert respuesta.status_code == 302
    solicitud.refresh_from_db()
    assert solicitud.datos["registro"]["matricula"] == "ICA-000098"


def test_un_registro_ajeno_no_se_ve_ni_se_tramita(
    client, otro_ciudadano, catalogo, bar
):
    client.force_login(otro_ciudadano)
    assert (
        "Bar La Fonda"
        not in client.get(reverse("tramites:mis_establecimientos")).content.decode()
    )

    # Novedad con los dos datos correctos: no es suyo.
    solicitud, _ = _iniciar(client, catalogo["novedad"])
    url = reverse("tramites:paso", args=[solicitud.pk, "registro"])
    html = client.post(
        url,
        {
            "numero_documento": "900373913",
            "matricula": "ICA-000098",
            "accion": "continuar",
        },
    ).content.decode()
    assert "no está asociado a su cuenta" in html
    solicitud.refresh_from_db()
    assert "registro" not in solicitud.datos

    # Ampliación: ni el nombre, ni la dirección, ni el aforo del local.
    solicitud, _ = _iniciar(
        client,
        catalogo["horario"],
        registro=bar.contribuyente_id,
        establecimiento=bar.pk,
    )
    solicitud.refresh_from_db()
    assert "establecimiento" not in solicitud.datos
    from tests.tramites.ayudas import datos_horario

    solicitud.datos = {"solicitante": datos_horario(bar)["solicitante"]}
    solicitud.save()
    url = reverse("tramites:paso", args=[solicitud.pk, "establecimiento"])
    html = client.post(
        url,
        {
            "matricula": "ICA-000098",
            "numero_documento": "900373913",
            "accion": "continuar",
        },
    ).content.decode()
    assert "no está asociado a su cuenta" in html
    assert "Bar La Fonda" not in html and bar.direccion not in html


def test_el_apoderado_tramita_hasta_que_lo_revocan(
    cliente, client, ciudadano, otro_ciudadano, catalogo, bar
):
    url = reverse("tramites:autorizar_apoderado", args=[bar.contribuyente_id])
    cliente.post(url, {"correo": otro_ciudadano.email.upper()})
    poder = bar.contribuyente.apoderados.get()
    assert poder.cuenta == otro_ciudadano

    otro = client.__class__()
    otro.force_login(otro_ciudadano)
    html = otro.get(reverse("tramites:mis_establecimientos")).content.decode()
    assert "Bar La Fonda" in html and "como apoderado" in html
    solicitud, _ = _iniciar(otro, catalogo["novedad"], registro=bar.contribuyente_id)
    solicitud.refresh_from_db()
    assert "registro" in solicitud.datos

    # Un apoderado no autoriza a otros.
    assert (
        otro.post(
            reverse("tramites:autorizar_apoderado", args=[bar.contribuyente_id]),
            {"correo": "tercero@correo.test"},
        ).status_code
        == 404
    )

    cliente.post(reverse("tramites:revocar_apoderado", args=[poder.pk]))
    assert (
        "Bar La Fonda"
        not in otro.get(reverse("tramites:mis_establecimientos")).content.decode()
    )


def test_autorizar_un_correo_sin_cuenta_lo_explica(cliente, bar):
    url = reverse("tramites:autorizar_apoderado", args=[bar.contribuyente_id])
    respuesta = cliente.post(url, {"correo": "nadie@correo.test"}, follow=True)
    assert "No hay una cuenta del portal con ese correo" in respuesta.content.decode()
    assert not bar.contribuyente.apoderados.exists()


def test_la_inscripcion_aprobada_es_de_quien_la_radico(ciudadano, catalogo):
    from tests.tramites.ayudas import datos_inscripcion
    from tramites.services.registro import aplicar_inscripcion

    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
        radicado="ICA-2026-000001",
    )
    contribuyente = aplicar_inscripcion(
        solicitud=solicitud, actor=ciudadano, hoy=date(2026, 12, 7)
    )
    assert contribuyente.titular_cuenta == ciudadano
    assert selectores.puede_tramitar(ciudadano, contribuyente.pk)


def _codigo_del_correo() -> str:
    return re.search(r"Código: (\d{6})", mail.outbox[-1].body).group(1)


def test_reclamar_un_registro_importado_con_el_codigo_del_correo(
    cliente, ciudadano, catalogo, django_capture_on_commit_callbacks
):
    importado = factories.ContribuyenteFactory(
        matricula="ICA-000041",
        numero_documento="71650123",
        correo="Don.Jose@Finca.test",
        nombre="José Ángel Muñoz Pérez",
    )
    url = reverse("tramites:reclamar_registro")
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente.post(
            url, {"matricula": "41", "numero_documento": "71.650.123"}
        )
    reclamo = ReclamoRegistro.objects.get()
    assert respuesta.url == reverse("tramites:confirmar_reclamo", args=[reclamo.pk])
    assert mail.outbox[-1].to == ["Don.Jose@Finca.test"]
    codigo = _codigo_del_correo()
    assert codigo not in str(ReclamoRegistro.objects.values().get())

    confirmar = reverse("tramites:confirmar_reclamo", args=[reclamo.pk])
    html = cliente.get(confirmar).content.decode()
    assert "D***@Finca.test" in html
    malo = "000000" if codigo != "000000" else "111111"
    html = cliente.post(confirmar, {"codigo": malo}).content.decode()
    assert "no coincide" in html and "Le quedan 4 intentos" in html
    respuesta = cliente.post(confirmar, {"codigo": f"{codigo[:3]} {codigo[3:]}"})
    assert respuesta.url == reverse("tramites:mis_establecimientos")
    importado.refresh_from_db()
    assert importado.titular_cuenta == ciudadano
    assert importado.history.first().history_change_reason.startswith("Reclamado")
    # El mismo código no sirve a otra cuenta.
    assert titularidad.confirmar_codigo(reclamo=reclamo, codigo=codigo) == importado


def test_el_codigo_se_agota_y_un_registro_con_titular_no_se_reclama(
    cliente, client, ciudadano, otro_ciudadano, django_capture_on_commit_callbacks
):
    importado = factories.ContribuyenteFactory(matricula="ICA-000042")
    with django_capture_on_commit_callbacks(execute=True):
        reclamo = titularidad.pedir_codigo(cuenta=ciudadano, contribuyente=importado)
    confirmar = reverse("tramites:confirmar_reclamo", args=[reclamo.pk])
    for _ in range(5):
        cliente.post(confirmar, {"codigo": "abcdef"})
    html = cliente.post(confirmar, {"codigo": _codigo_del_correo()}).content.decode()
    assert "Se agotaron los intentos" in html
    importado.refresh_from_db()
    assert importado.titular_cuenta is None

    # Otra cuenta no ve el reclamo ajeno.
    client.force_login(otro_ciudadano)
    assert client.get(confirmar).status_code == 404

    importado.titular_cuenta = ciudadano
    importado.save()
    html = client.post(
        reverse("tramites:reclamar_registro"),
        {
            "matricula": importado.matricula,
            "numero_documento": importado.numero_documento,
        },
    ).content.decode()
    assert "ya está asociado a otra cuenta" in html


def test_las_busquedas_fallidas_para_reclamar_tienen_limite(cliente):
    url = reverse("tramites:reclamar_registro")
    for _ in range(10):
        respuesta = cliente.post(url, {"matricula": "9", "numero_documento": "1"})
        assert "No encontramos un registro activo" in respuesta.content.decode()
    assert (
        cliente.post(url, {"matricula": "9", "numero_documento": "1"}).status_code
        == 429
    )


def test_un_funcionario_asocia_el_registro_en_el_admin(admin_client, ciudadano):
    importado = factories.ContribuyenteFactory(correo="")
    url = reverse("admin:tramites_contribuyente_asociar", args=[importado.pk])
    respuesta = admin_client.post(url, {"correo": ciudadano.email.upper()})
    assert respuesta.status_code == 302
    importado.refresh_from_db()
    assert importado.titular_cuenta == ciudadano
    assert Contribuyente.history.filter(id=importado.pk).first().history_change_reason


def test_reclamar_busca_el_nit_de_otro_pais_tal_como_se_guardo():
    extranjero = factories.ContribuyenteFactory(
        tipo_documento="NIT_EXTRANJERO",
        numero_documento="RUC-20.512.345",
        digito_verificacion="",
        matricula="ICA-000777",
    )
    nacional = factories.ContribuyenteFactory(
        numero_documento="900123456", matricula="ICA-000778"
    )
    buscar = titularidad.buscar_registro
    assert buscar(matricula="ica 777", numero_documento="ruc-20.512.345") == extranjero
    assert buscar(matricula="778", numero_documento="900.123.456-7") == nacional
    assert buscar(matricula="777", numero_documento="RUC") is None
