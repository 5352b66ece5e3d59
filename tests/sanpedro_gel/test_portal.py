import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_inicio_en_espanol_con_barra_govco_menu_y_pie(client, settings):
    settings.ENTIDAD = {
        **settings.ENTIDAD,
        "nit": "890.980.093-8",
        "telefono": "(604) 555 0101",
    }
    respuesta = client.get("/")
    html = respuesta.content.decode()

    assert respuesta.status_code == 200
    assert '<html lang="es">' in html
    assert 'href="https://www.gov.co/"' in html
    assert 'href="#contenido"' in html and 'id="contenido"' in html
    for ruta in (
        "/tramites/",
        "/tramites/consulta/",
        "/noticias/",
        "/capacitacion/",
        "/transparencia/",
    ):
        assert f'href="{ruta}"' in html
    assert reverse("account_login") in html
    assert "NIT 890.980.093-8" in html
    assert "(604) 555 0101" in html
    assert 'data-accesibilidad="contraste"' in html


def test_ningun_recurso_viene_de_una_cdn(client):
    html = client.get("/").content.decode()
    externos = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    # El único enlace externo permitido es el de GOV.CO (navegación, no un recurso).
    assert set(externos) <= {"https://www.gov.co/"}
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?://', html)


def test_mi_cuenta_muestra_el_correo_del_ciudadano(client, ciudadano):
    client.force_login(ciudadano)
    respuesta = client.get(reverse("cuenta"))
    assert respuesta.status_code == 200
    assert ciudadano.email in respuesta.content.decode()


def test_mi_cuenta_pide_ingresar(client):
    respuesta = client.get(reverse("cuenta"))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("account_login"))


def test_el_menu_muestra_mi_cuenta_al_ingresar(client, ciudadano):
    client.force_login(ciudadano)
    html = client.get("/").content.decode()
    assert "Mi cuenta" in html
    assert "Ingresar</a>" not in html


def test_paginas_legales_responden(client):
    assert "Ley 1712 de 2014" in client.get("/transparencia/").content.decode()
    politica = client.get("/politica-de-datos/").content.decode()
    assert "Superintendencia de Industria y Comercio" in politica
    assert "10 días hábiles" in politica and "15 días hábiles" in politica


def test_configuracion_regional():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "es-co"
    assert settings.TIME_ZONE == "America/Bogota"
    assert settings.USE_TZ is True


def test_los_mensajes_del_admin_no_se_equivocan_de_genero(rf):
    """Regresión: «El campaña … fue agregado», «El jornada …»."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("es-co"):
        texto = gettext("The {name} “{obj}” was added successfully.").format(
            name="campaña", obj="Diciembre en línea"
        )
        borrado = gettext("The %(name)s “%(obj)s” was deleted successfully.") % {
            "name": "jornada",
            "obj": "Taller",
        }
    assert texto == "«Diciembre en línea» (campaña) se agregó correctamente."
    assert borrado == "«Taller» (jornada) se eliminó correctamente."


def test_los_meses_y_los_dias_van_en_minuscula_en_todo_el_portal():
    """Regresión: «6 de Diciembre de 2026» en el admin y en las plantillas que
    usan los formatos de Django (el catálogo es_CO los trae con mayúscula)."""
    from datetime import date, datetime

    from django.utils import formats, translation

    with translation.override("es-co"):
        assert formats.date_format(date(2026, 12, 6)) == "6 de diciembre de 2026"
        assert formats.date_format(date(2026, 12, 7), "l j F") == "lunes 7 diciembre"
        assert (
            formats.date_format(datetime(2026, 7, 13, 9, 5), "DATETIME_FORMAT")
            == "13 de julio de 2026 a las 09:05"
        )
