"""En el navegador: el Líder GEL programa un correo y un banner en el admin; el
despachador entrega el correo y el banner aparece en la portada a su hora."""

import re
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from PIL import Image

from comunicaciones import estados
from comunicaciones.models import Pieza
from comunicaciones.services import despacho
from sanpedro_gel.reloj import en_bogota
from tests.factories import CLAVE, CampanaFactory, SuscriptorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _servir_medios(pagina):
    """Como nginx en producción: /media/ sale del disco (el servidor de pruebas
    de Django no sirve MEDIA_ROOT). El ícono lo pide el navegador en el admin."""

    def medio(ruta):
        relativa = urlsplit(ruta.request.url).path.removeprefix(settings.MEDIA_URL)
        archivo = Path(settings.MEDIA_ROOT) / relativa
        if archivo.is_file():
            ruta.fulfill(path=str(archivo))
        else:
            ruta.fulfill(status=404)

    pagina.route("**/media/**", medio)
    pagina.route("**/favicon.ico", lambda ruta: ruta.fulfill(status=204))


def _llenar_hora(pagina, prefijo, momento):
    local = en_bogota(momento)
    pagina.locator(f"#id_{prefijo}_0").fill(local.strftime("%d/%m/%Y"))
    pagina.locator(f"#id_{prefijo}_1").fill(local.strftime("%H:%M:%S"))


def _nueva_pieza(pagina, campana, canal, titulo, cuerpo):
    pagina.goto("/admin/comunicaciones/pieza/add/")
    pagina.locator("#id_campana").select_option(str(campana.pk))
    pagina.locator("#id_canal").select_option(canal)
    pagina.locator("#id_titulo").fill(titulo)
    pagina.locator("#id_cuerpo").fill(cuerpo)


def _grabar_y_programar(pagina):
    pagina.locator("input[name=_continue]").click()
    pagina.get_by_role("button", name="Programar").click()
    pagina.get_by_text("Pieza programada.").wait_for()


def test_el_lider_programa_un_correo_y_un_banner_y_el_plan_los_entrega(
    pagina, lider_gel, tmp_path
):
    _servir_medios(pagina)
    campana = CampanaFactory(nombre="Conocimiento y difusión")
    suscriptores = SuscriptorFactory.create_batch(3)
    imagen = tmp_path / "banner.png"
    Image.new("RGB", (960, 540), "#3366cc").save(imagen)

    pagina.goto("/cuentas/ingresar/")
    pagina.locator("#id_login").fill(lider_gel.email)
    pagina.locator("#id_password").fill(CLAVE)
    pagina.get_by_role("button", name="Ingresar").click()
    pagina.get_by_role("heading", name="Mi cuenta").wait_for()

    # El banner, para dentro de unos segundos y hasta mañana.
    hora_del_banner = (timezone.now() + timedelta(seconds=25)).replace(microsecond=0)
    _nueva_pieza(
        pagina,
        campana,
        "BANNER",
        "Inscriba su negocio sin hacer fila",
        "Radique desde su celular y reciba el radicado al instante.",
    )
    pagina.locator("#id_imagen").set_input_files(str(imagen))
    pagina.locator("#id_texto_alternativo").fill(
        "Celular con el formulario del trámite"
    )
    pagina.locator("#id_enlace").fill("/tramites/")
    pagina.locator("#id_texto_enlace").fill("Ver los trámites")
    _llenar_hora(pagina, "programada_para", hora_del_banner)
    _llenar_hora(pagina, "visible_hasta", hora_del_banner + timedelta(days=1))
    _grabar_y_programar(pagina)

    # El correo a los suscriptores, para ya.
    _nueva_pieza(
        pagina,
        campana,
        "CORREO",
        "Ya puede inscribir su negocio en línea",
        "Hola, {{ nombre }}: **sin filas** y desde su casa.",
    )
    pagina.locator("#id_destinatarios").select_option("SUSCRIPTORES")
    _llenar_hora(pagina, "programada_para", timezone.now() - timedelta(minutes=1))
    _grabar_y_programar(pagina)

    # Antes de su hora el banner no está en la portada.
    pagina.goto("/")
    assert timezone.now() < hora_del_banner, "el admin tardó más que el margen"
    assert (
        pagina.get_by_role("heading", name="Inscriba su negocio sin hacer fila").count()
        == 0
    )

    # El despachador de cada minuto entrega el correo.
    despacho.ejecutar_despacho()
    correo = Pieza.objects.get(canal="CORREO")
    assert correo.estado == estados.ENVIADA
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        s.correo for s in suscriptores
    )
    assert all("List-Unsubscribe" in m.extra_headers for m in mail.outbox)

    # A su hora, el banner aparece en la portada con su enlace etiquetado.
    time.sleep(max(0.0, (hora_del_banner - timezone.now()).total_seconds()) + 0.5)
    despacho.ejecutar_despacho()
    pagina.goto("/")
    titulo = pagina.get_by_role("heading", name="Inscriba su negocio sin hacer fila")
    titulo.wait_for()
    banner = pagina.locator("article.banner-portal")
    assert banner.get_by_role("img").get_attribute("alt") == (
        "Celular con el formulario del trámite"
    )
    assert (
        banner.get_by_role("link", name="Ver los trámites").get_attribute("href")
        == "/tramites/?origen=banner"
    )
    assert Pieza.objects.get(canal="BANNER").estado == estados.ENVIADA


def test_el_lider_envia_la_encuesta_interna_dos_servidores_responden_y_ve_resultados(
    pagina, navegador, live_server, lider_gel
):
    """El diagnóstico del plan en el navegador: el Líder GEL manda la encuesta en
    una pieza de correo al personal; dos servidores responden con su enlace
    firmado y la página de resultados muestra lo que respondieron."""
    from comunicaciones.models import Encuesta, Respuesta
    from tests.factories import EncuestaFactory, FuncionarioFactory, PreguntaFactory

    encuesta = EncuestaFactory(titulo="Diagnóstico de canales 2026")
    canal = PreguntaFactory(
        encuesta=encuesta,
        orden=1,
        texto="¿Por qué medio se entera de los temas de la Alcaldía?",
        opciones=["Correo directo", "Página web de Gobierno en Línea", "Carteleras"],
    )
    ana = FuncionarioFactory(nombres="Ana María", apellidos="Ruiz Múnera")
    jorge = FuncionarioFactory(nombres="Jorge Iván", apellidos="Peña Álvarez")
    campana = CampanaFactory(nombre="Diagnóstico de comunicaciones")

    pagina.goto("/cuentas/ingresar/")
    pagina.locator("#id_login").fill(lider_gel.email)
    pagina.locator("#id_password").fill(CLAVE)
    pagina.get_by_role("button", name="Ingresar").click()
    pagina.get_by_role("heading", name="Mi cuenta").wait_for()

    _nueva_pieza(
        pagina,
        campana,
        "CORREO",
        "Ayúdenos a mejorar cómo le contamos las cosas",
        "Hola, {{ nombre }}: responda la encuesta, toma dos minutos.",
    )
    pagina.locator("#id_destinatarios").select_option("PERSONAL")
    pagina.locator("#id_encuesta").select_option(str(encuesta.pk))
    _llenar_hora(pagina, "programada_para", timezone.now() - timedelta(minutes=1))
    _grabar_y_programar(pagina)
    despacho.ejecutar_despacho()

    enlaces = {}
    for mensaje in mail.outbox:
        encontrado = re.search(
            r"https?://\S+/encuestas/responder/[^/\s]+/", mensaje.body
        )
        assert encontrado, mensaje.body
        enlaces[mensaje.to[0]] = urlsplit(encontrado.group(0)).path
    assert ana.correo in enlaces and jorge.correo in enlaces

    # Cada uno en su navegador, sin iniciar sesión: el enlace es personal.
    for funcionario, opcion in ((ana, "Correo directo"), (jorge, "Carteleras")):
        contexto = navegador.new_context(base_url=live_server.url, locale="es-CO")
        suya = contexto.new_page()
        suya.goto(enlaces[funcionario.correo])
        suya.get_by_label(opcion).check()
        suya.get_by_role("button", name="Enviar mis respuestas").click()
        suya.get_by_text("Gracias: recibimos sus respuestas.").wait_for()
        contexto.close()
    assert Respuesta.objects.filter(encuesta=encuesta).count() == 2

    pagina.goto(f"/admin/comunicaciones/encuesta/{encuesta.pk}/resultados/")
    pagina.get_by_text(canal.texto).first.wait_for()
    for opcion in ("Correo directo", "Carteleras"):
        fila = pagina.locator("tr", has_text=opcion).first
        assert "50 %" in fila.inner_text(), fila.inner_text()
    assert (
        "0 %"
        in pagina.locator("tr", has_text="Página web de Gobierno").first.inner_text()
    )
    assert Encuesta.objects.get(pk=encuesta.pk).titulo in pagina.content()
