from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile

from sanpedro_gel.admin_ayudas import ArchivoPrivadoWidget
from sanpedro_gel.almacenamiento import almacenamiento_privado
from sanpedro_gel.roles import LIDER_GEL
from tests.conftest import _funcionario_con_rol
from tests.factories import ContribuyenteFactory, UsuarioFactory


class _Campo:
    storage = almacenamiento_privado


def test_un_archivo_privado_cargado_se_muestra_por_su_nombre_sin_url(settings):
    nombre = almacenamiento_privado.save("firmas/firma-alcalde.png", ContentFile(b"x"))
    valor = FieldFile(None, _Campo(), nombre)

    html = ArchivoPrivadoWidget().render("imagen", valor)

    assert "Archivo cargado (privado)" in html
    assert "firma-alcalde" in html
    assert "href" not in html


def test_el_historial_no_enlaza_cuentas_que_quien_lee_no_puede_abrir(client, db):
    contribuyente = ContribuyenteFactory()
    autor = UsuarioFactory(is_staff=True, first_name="Juan", last_name="Ochoa")
    registro = contribuyente.history.latest()
    registro.history_user = autor
    registro.save()
    cuenta = f"/admin/sanpedro_gel/usuario/{autor.pk}/change/"
    url = f"/admin/tramites/contribuyente/{contribuyente.pk}/history/"

    client.force_login(_funcionario_con_rol(LIDER_GEL, "lider@alcaldia.test"))
    html = client.get(url).content.decode()
    assert "Juan Ochoa" in html and cuenta not in html

    client.force_login(UsuarioFactory(is_staff=True, is_superuser=True))
    assert cuenta in client.get(url).content.decode()
