"""El sitio nginx de deploy/ funciona de verdad: el nginx del sistema lo acepta
(`nginx -t`) y, delante del portal, redirige http a https, entrega los estáticos
desde su carpeta, no deja pedir la ruta interna de los archivos privados y
entrega un adjunto privado por X-Accel-Redirect después de que Django revisó el
permiso.

Se corre el archivo tal cual, con lo mínimo cambiado para una prueba: puertos
libres en 127.0.0.1, un certificado autofirmado, las carpetas en tmp_path y el
upstream apuntando al servidor de pruebas de Django.
"""

import getpass
import http.client
import re
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.comunicaciones.conftest import puerto_libre
from tests.concurrencia import esperar
from tests.factories import SolicitudFactory
from tests.tramites.ayudas import PDF, archivo
from tramites.models import DescargaArchivo
from tramites.services.adjuntos import adjuntar

pytestmark = [pytest.mark.nginx, pytest.mark.django_db(transaction=True)]

NGINX = shutil.which("nginx", path="/usr/sbin:/usr/bin:/sbin:/bin") or "nginx"
SITIO = Path(__file__).resolve().parents[2] / "deploy" / "nginx-portal.conf"


def _sitio_de_prueba(carpeta: Path, upstream: str, https: int, http_: int) -> str:
    """El sitio de deploy/ con puertos, certificados y carpetas de la prueba."""
    sitio = SITIO.read_text("utf-8")
    cambios = [
        (r"listen \[::\]:\d+[^;]*;\n", ""),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
        (r"listen 80;", f"listen 127.0.0.1:{http_};"),
        (r"server 127\.0\.0\.1:8001", f"server {upstream}"),
        (r"/etc/ssl/portal/", f"{carpeta}/tls/"),
        (r"/srv/portal/var/", f"{carpeta}/var/"),
        (r"/var/www/letsencrypt", f"{carpeta}/letsencrypt"),
        (r"/var/log/nginx/", f"{carpeta}/"),
    ]
    for patron, reemplazo in cambios:
        sitio, cuantos = re.subn(patron, reemplazo, sitio)
        assert cuantos, f"el sitio de deploy/ ya no tiene {patron!r}"
    return sitio


def _configuracion(carpeta: Path, sitio: str) -> str:
    temporales = "\n".join(
        f"    {nombre}_temp_path {carpeta}/{nombre};"
        for nombre in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # `user`: las carpetas de tmp_path son solo del usuario que corre la prueba.
    return f"""
user {getpass.getuser()};
pid {carpeta}/nginx.pid;
error_log {carpeta}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
{temporales}
{sitio}
}}
"""


@pytest.fixture
def nginx(tmp_path, live_server, settings):
    """nginx con el sitio de deploy/ delante del servidor de pruebas."""
    (tmp_path / "tls").mkdir()
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-days", "1", "-subj", "/CN=127.0.0.1",
            "-keyout", str(tmp_path / "tls" / "privkey.pem"),
            "-out", str(tmp_path / "tls" / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    for carpeta in ("static", "media", "privado"):
        (tmp_path / "var" / carpeta).mkdir(parents=True)
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "var" / "privado"
    settings.PRIVATE_MEDIA_X_ACCEL_PREFIX = "/privado-interno/"
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    # Como en producción: sin la cabecera X-Forwarded-Proto, Django redirigiría.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True

    https, http_ = puerto_libre(), puerto_libre()
    upstream = live_server.url.removeprefix("http://")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        _configuracion(tmp_path, _sitio_de_prueba(tmp_path, upstream, https, http_))
    )
    prueba = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert prueba.returncode == 0, prueba.stderr
    proceso = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )

    def conectar():
        try:
            _pedir(https, "GET", "/salud/")
        except OSError:
            return False
        return True

    try:
        assert esperar(conectar, 10, cada=0.1), "nginx no arrancó"
        yield {"https": https, "http": http_, "carpeta": tmp_path}
    finally:
        proceso.terminate()
        proceso.wait(timeout=10)


def _pedir(puerto, metodo, ruta, cabeceras=None, tls=True):
    if tls:
        contexto = ssl.create_default_context()
        contexto.check_hostname = False
        contexto.verify_mode = ssl.CERT_NONE
        conexion = http.client.HTTPSConnection(
            "127.0.0.1", puerto, context=contexto, timeout=10
        )
    else:
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=10)
    conexion.request(metodo, ruta, headers={"Host": "127.0.0.1", **(cabeceras or {})})
    respuesta = conexion.getresponse()
    cuerpo = respuesta.read()
    conexion.close()
    return respuesta, cuerpo


def test_el_sitio_de_deploy_sirve_al_portal_detras_de_nginx(
    nginx,
    catalogo,
    ciudadano,
    client,
):
    # http → https, con la misma ruta.
    respuesta, _ = _pedir(nginx["http"], "GET", "/tramites/", tls=False)
    assert respuesta.status == 301
    assert respuesta.getheader("Location") == "https://127.0.0.1/tramites/"

    # Lo demás llega a Django marcado como https (si no, redirigiría).
    respuesta, _ = _pedir(nginx["https"], "GET", "/salud/")
    assert respuesta.status == 200

    # Los estáticos los entrega nginx desde STATIC_ROOT, con la versión .gz.
    estatico = nginx["carpeta"] / "var" / "static" / "portal.css"
    estatico.write_text("body { color: #3366cc; }")
    estatico.with_suffix(".css.gz").write_bytes(b"\x1f\x8b comprimido")
    respuesta, cuerpo = _pedir(nginx["https"], "GET", "/static/portal.css")
    assert (respuesta.status, cuerpo) == (200, b"body { color: #3366cc; }")
    respuesta, cuerpo = _pedir(
        nginx["https"], "GET", "/static/portal.css", {"Accept-Encoding": "gzip"}
    )
    assert respuesta.getheader("Content-Encoding") == "gzip"

    # La ruta interna de los privados no se puede pedir desde fuera.
    solicitud = SolicitudFactory(tramite=catalogo["inscripcion"], solicitante=ciudadano)
    adjunto = adjuntar(
        solicitud=solicitud,
        requisito=catalogo["requisitos"]["rut"],
        archivo=archivo("mi rut.pdf"),
    )
    respuesta, _ = _pedir(
        nginx["https"], "GET", f"/privado-interno/{adjunto.archivo.name}"
    )
    assert respuesta.status == 404

    # Sin sesión, Django no lo entrega; con la de la dueña, nginx envía los bytes.
    ruta = reverse("tramites:adjunto", args=[adjunto.pk])
    respuesta, _ = _pedir(nginx["https"], "GET", ruta)
    assert respuesta.status == 302
    client.force_login(ciudadano)
    sesion = client.cookies["sessionid"].value
    respuesta, cuerpo = _pedir(
        nginx["https"], "GET", ruta, {"Cookie": f"sessionid={sesion}"}
    )
    assert respuesta.status == 200
    assert cuerpo == PDF
    assert respuesta.getheader("X-Accel-Redirect") is None
    assert "mi rut.pdf" in respuesta.getheader("Content-Disposition")
    assert DescargaArchivo.objects.get().ip == "127.0.0.1"
