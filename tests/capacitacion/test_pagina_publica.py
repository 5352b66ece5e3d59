"""La página pública de capacitación, el detalle y los materiales."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from capacitacion.excepciones import MaterialIncompleto
from capacitacion.models import EstadoJornada, Material
from capacitacion.services import materiales
from sanpedro_gel.excepciones import TransicionInvalida
from tests.factories import JornadaFactory

pytestmark = pytest.mark.django_db


def _realizada(**datos):
    inicio = timezone.now() - timedelta(days=3)
    return JornadaFactory(
        estado=EstadoJornada.REALIZADA,
        inicio=inicio,
        fin=inicio + timedelta(hours=2),
        **datos,
    )


def _material(jornada, titulo, **datos):
    material = Material.objects.create(jornada=jornada, titulo=titulo, **datos)
    return materiales.publicar_material(material_id=material.pk)


def test_la_lista_muestra_proximas_y_realizadas_con_consultas_constantes(
    client, django_assert_max_num_queries
):
    def crear_lote(n):
        for i in range(n):
            JornadaFactory(estado=EstadoJornada.CONVOCADA, titulo=f"Próxima {n}-{i}")
            pasada = _realizada(titulo=f"Pasada {n}-{i}")
            _material(pasada, f"Memorias {n}-{i}", enlace="https://ejemplo.test/m")

    crear_lote(1)
    with django_assert_max_num_queries(6) as pocas:
        client.get(reverse("capacitacion:inicio"))
    crear_lote(5)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        pagina = client.get(reverse("capacitacion:inicio")).content.decode()

    assert "Próxima 5-4" in pagina
    assert "Pasada 5-4" in pagina
    assert "Memorias 5-4" in pagina


def test_no_se_muestran_borradores_ni_jornadas_sin_publicar(client):
    JornadaFactory(titulo="Borrador secreto")
    oculta = JornadaFactory(
        titulo="No publicada", estado=EstadoJornada.CONVOCADA, publicada=False
    )

    pagina = client.get(reverse("capacitacion:inicio")).content.decode()

    assert "Borrador secreto" not in pagina
    assert "No publicada" not in pagina
    assert client.get(oculta.get_absolute_url()).status_code == 404


def test_el_detalle_muestra_temas_por_componente(client):
    jornada = JornadaFactory(estado=EstadoJornada.CONVOCADA, temas=[1, 5, 8])

    pagina = client.get(jornada.get_absolute_url()).content.decode()

    assert "Componente institucional" in pagina
    assert "Componente demanda" in pagina
    assert "8. Plan de comunicaciones" in pagina


def test_los_materiales_se_publican_solo_despues_de_la_jornada():
    proxima = JornadaFactory(estado=EstadoJornada.CONVOCADA)
    antes = Material.objects.create(
        jornada=proxima, titulo="Presentación", enlace="https://x.test"
    )
    with pytest.raises(TransicionInvalida):
        materiales.publicar_material(material_id=antes.pk)
    vacio = Material.objects.create(jornada=_realizada(), titulo="Sin nada")
    with pytest.raises(MaterialIncompleto):
        materiales.publicar_material(material_id=vacio.pk)


def test_un_material_interno_pide_ingresar_y_el_publico_se_descarga(
    client, funcionario_sin_permisos
):
    jornada = _realizada()
    publico = Material(jornada=jornada, titulo="Memorias")
    publico.archivo.save("memorias.pdf", ContentFile(b"%PDF-1.4 memorias"), save=True)
    materiales.publicar_material(material_id=publico.pk)
    interno = _material(
        jornada, "Usuarios de prueba", enlace="https://intranet.test/x", publico=False
    )

    # Publicar otra vez conserva la fecha de la primera publicación.
    primera = Material.objects.get(pk=publico.pk).publicado_en
    assert materiales.publicar_material(material_id=publico.pk).publicado_en == primera
    respuesta = client.get(reverse("capacitacion:material", args=[publico.pk]))
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content).startswith(b"%PDF")
    assert (
        "Usuarios de prueba"
        not in client.get(jornada.get_absolute_url()).content.decode()
    )
    assert (
        client.get(reverse("capacitacion:material", args=[interno.pk])).status_code
        == 302
    )

    client.force_login(funcionario_sin_permisos)
    assert (
        "Usuarios de prueba" in client.get(jornada.get_absolute_url()).content.decode()
    )
    respuesta = client.get(reverse("capacitacion:material", args=[interno.pk]))
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "https://intranet.test/x"
