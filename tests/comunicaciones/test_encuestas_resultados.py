"""Resultados de la encuesta: conteos y barras, filtros, exportaciones, el
ranking de canales junto a la elección del canal y el diagnóstico de la demo."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from comunicaciones.demo import encuestas as demo_encuestas
from comunicaciones.models import Audiencia, TipoPregunta, Vinculacion
from comunicaciones.services import encuestas as servicio
from comunicaciones.services import resultados
from sanpedro_gel.hojas import leer_csv
from tests.factories import (
    CampanaFactory,
    DependenciaFactory,
    EncuestaFactory,
    FuncionarioFactory,
    PiezaFactory,
    PreguntaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def diagnostico():
    """Encuesta interna nominal: ocho servidores de dos dependencias."""
    encuesta = EncuestaFactory(nominal=True, titulo="Diagnóstico de canales")
    canales = PreguntaFactory(
        encuesta=encuesta,
        tipo=TipoPregunta.MULTIPLE,
        ranking_de=Audiencia.INTERNA,
        opciones=["Correo directo", "Página web GEL", "Carteleras"],
    )
    escala = PreguntaFactory(
        encuesta=encuesta,
        texto="¿Qué tan útil es la intranet?",
        tipo=TipoPregunta.ESCALA,
    )
    comentario = PreguntaFactory(
        encuesta=encuesta,
        texto="Comentarios",
        tipo=TipoPregunta.TEXTO,
        obligatoria=False,
    )
    correo, web, carteleras = canales.opciones.all()
    hacienda = DependenciaFactory(nombre="Secretaría de Hacienda")
    gobierno = DependenciaFactory(nombre="Secretaría General y de Gobierno")
    # (dependencia, vinculación, canales, escala, comentario)
    filas = [
        (hacienda, Vinculacion.CARRERA_ADMINISTRATIVA, [correo, web], 4, ""),
        (hacienda, Vinculacion.CARRERA_ADMINISTRATIVA, [correo], 5, "=HIPERVINCULO()"),
        (hacienda, Vinculacion.CONTRATISTA, [correo, carteleras], 3, ""),
        (hacienda, Vinculacion.CONTRATISTA, [web], 2, ""),
        (gobierno, Vinculacion.EQUIPO_GOBIERNO, [correo, web], 4, "Más videos"),
        (gobierno, Vinculacion.CARRERA_ADMINISTRATIVA, [correo], 4, ""),
        (gobierno, Vinculacion.CONTRATISTA, [carteleras], 1, ""),
        (gobierno, Vinculacion.CARRERA_ADMINISTRATIVA, [correo, web], 5, ""),
    ]
    for i, (dependencia, vinculacion, elegidas, valor, texto) in enumerate(filas):
        funcionario = FuncionarioFactory(
            dependencia=dependencia,
            vinculacion=vinculacion,
            nombres=f"Persona {i}",
            apellidos="Gómez Úsuga",
            usuario=None,
        )
        servicio.responder(
            encuesta_id=encuesta.pk,
            valores={
                canales.pk: [o.pk for o in elegidas],
                escala.pk: valor,
                comentario.pk: texto,
            },
            funcionario_id=funcionario.pk,
        )
    return encuesta, hacienda, gobierno


def _filas(resultado, numero):
    pregunta = resultado.preguntas[numero - 1]
    return [(f.etiqueta, f.n, f.texto) for f in pregunta.filas]


def test_resultados_por_pregunta_con_conteos_y_porcentajes(diagnostico):
    encuesta, *_ = diagnostico

    datos = resultados.resultados(encuesta)

    assert datos.total == 8
    assert _filas(datos, 1) == [
        ("Correo directo", 6, "75 %"),
        ("Página web GEL", 4, "50 %"),
        ("Carteleras", 2, "25 %"),
    ]
    assert [(f.etiqueta, f.n) for f in datos.preguntas[1].filas] == [
        ("5", 2),
        ("4", 3),
        ("3", 1),
        ("2", 1),
        ("1", 1),
    ]
    assert datos.preguntas[1].promedio_texto == "3,5"
    assert datos.preguntas[2].textos == ["=HIPERVINCULO()", "Más videos"]


def test_resultados_filtrados_por_dependencia_y_vinculacion(diagnostico):
    encuesta, hacienda, _ = diagnostico

    de_hacienda = resultados.resultados(
        encuesta, resultados.filtros_validos(encuesta, {"dependencia": hacienda.pk})
    )
    contratistas = resultados.resultados(
        encuesta,
        resultados.filtros_validos(
            encuesta, {"vinculacion": "CONTRATISTA", "zona": "RURAL"}
        ),
    )

    assert de_hacienda.total == 4
    assert _filas(de_hacienda, 1)[0] == ("Correo directo", 3, "75 %")
    assert contratistas.filtros == {"dependencia": "", "vinculacion": "CONTRATISTA"}
    assert contratistas.total == 3
    assert _filas(contratistas, 1) == [
        ("Correo directo", 1, "33 %"),
        ("Página web GEL", 1, "33 %"),
        ("Carteleras", 2, "67 %"),
    ]


def test_en_una_anonima_un_filtro_con_menos_de_cinco_no_se_muestra():
    encuesta = EncuestaFactory(anonima=True)
    pregunta = PreguntaFactory(encuesta=encuesta, opciones=["Correo", "Intranet"])
    pequena = DependenciaFactory(nombre="Dirección Local de Salud")
    for _ in range(2):
        servicio.responder(
            encuesta_id=encuesta.pk,
            valores={pregunta.pk: pregunta.opciones.first().pk},
            funcionario_id=FuncionarioFactory(dependencia=pequena).pk,
        )

    todo = resultados.resultados(encuesta)
    filtrado = resultados.resultados(
        encuesta, resultados.filtros_validos(encuesta, {"dependencia": pequena.pk})
    )

    assert todo.total == 2 and not todo.protegido
    assert filtrado.protegido and filtrado.preguntas == []
    assert resultados.exportar_csv(filtrado).count(b"\n") == 1


def test_la_pagina_de_resultados_dibuja_barras_sin_javascript(
    client, lider_gel, diagnostico, django_assert_max_num_queries
):
    encuesta, hacienda, _ = diagnostico
    client.force_login(lider_gel)
    url = reverse("admin:comunicaciones_encuesta_resultados", args=[encuesta.pk])

    with django_assert_max_num_queries(20):
        pagina = client.get(url, {"dependencia": hacienda.pk})

    assert pagina.status_code == 200
    texto = pagina.text
    assert "4</strong> respuestas con los filtros elegidos" in texto
    assert '<rect width="75.0" height="10"' in texto
    assert "<script" not in texto.split('id="content"')[1].split("</form>")[-1]
    assert f'<option value="{hacienda.pk}" selected>' in texto


def test_solo_quien_tiene_el_permiso_ve_los_resultados(
    client, funcionario_sin_permisos, encargado_comunicaciones, diagnostico
):
    encuesta, *_ = diagnostico
    url = reverse("admin:comunicaciones_encuesta_resultados", args=[encuesta.pk])

    client.force_login(funcionario_sin_permisos)
    assert client.get(url).status_code in {302, 403}
    client.force_login(encargado_comunicaciones)
    assert client.get(url).status_code == 200


def test_exportar_csv_y_xlsx(client, lider_gel, diagnostico):
    encuesta, *_ = diagnostico
    client.force_login(lider_gel)
    url = reverse("admin:comunicaciones_encuesta_resultados", args=[encuesta.pk])

    csv = client.get(url, {"formato": "csv", "vinculacion": "CONTRATISTA"})
    hoja = leer_csv(csv.content)
    assert csv["Content-Disposition"].endswith('.csv"')
    assert hoja.separador == ";"
    assert {
        "numero": "1",
        "pregunta": "¿Por qué medio se entera de los temas de Gobierno en Línea?",
        "tipo": "Selección múltiple",
        "respuesta": "Carteleras",
        "personas": "2",
        "porcentaje": "66.7",
    } in [fila for _, fila in hoja.filas]

    xlsx = client.get(url, {"formato": "xlsx"})
    libro = load_workbook(io.BytesIO(xlsx.content))
    assert libro.sheetnames == ["Resultados", "Respuestas"]
    filas = list(libro["Respuestas"].values)
    assert filas[0][:4] == ("Nombre", "Dependencia", "Vinculación", "Fecha")
    assert len(filas) == 9
    # Un texto que Excel tomaría por fórmula sale neutralizado.
    assert any(fila[3] == "'=HIPERVINCULO()" for fila in libro["Resultados"].values)


def test_el_formulario_de_la_pieza_muestra_el_ranking_junto_al_canal(
    client, lider_gel, diagnostico
):
    client.force_login(lider_gel)

    nueva = client.get(reverse("admin:comunicaciones_pieza_add"))
    interna = PiezaFactory(campana=CampanaFactory(nivel="INTERNO"))
    de_interna = client.get(
        reverse("admin:comunicaciones_pieza_change", args=[interna.pk])
    )
    externa = PiezaFactory(campana=CampanaFactory(nivel="EXTERNO"))
    de_externa = client.get(
        reverse("admin:comunicaciones_pieza_change", args=[externa.pk])
    )

    esperado = (
        "(servidores públicos, 8 respuestas): Correo directo 75 %, "
        "Página web GEL 50 %, Carteleras 25 %."
    )
    hoy = timezone.localdate()
    assert "Según el diagnóstico del" in nueva.text and esperado in nueva.text
    assert esperado in de_interna.text
    assert str(hoy.year) in de_interna.text
    assert esperado not in de_externa.text
    assert "Aún no hay un diagnóstico de canales con respuestas." in de_externa.text


def test_el_ranking_sale_de_la_encuesta_mas_reciente_que_ya_abrio(diagnostico):
    vieja = EncuestaFactory(
        abre_en=timezone.now() - timedelta(days=400),
        cierra_en=timezone.now() - timedelta(days=380),
    )
    pregunta = PreguntaFactory(
        encuesta=vieja, ranking_de=Audiencia.INTERNA, opciones=["Fax", "Circular"]
    )
    servicio.responder(
        encuesta_id=vieja.pk,
        valores={pregunta.pk: pregunta.opciones.first().pk},
        funcionario_id=FuncionarioFactory().pk,
        ahora=vieja.abre_en + timedelta(days=1),
    )
    futura = EncuestaFactory(
        abre_en=timezone.now() + timedelta(days=3),
        cierra_en=timezone.now() + timedelta(days=30),
    )
    PreguntaFactory(encuesta=futura, ranking_de=Audiencia.INTERNA, opciones=["A", "B"])

    ranking = resultados.ranking_de_canales(Audiencia.INTERNA)

    assert ranking.encuesta == diagnostico[0]
    assert [f.etiqueta for f in ranking.filas][:2] == [
        "Correo directo",
        "Página web GEL",
    ]


def test_la_demo_trae_el_diagnostico_del_plan():
    for i in range(20):
        FuncionarioFactory(nombres=f"Servidora {i}", usuario=None)

    demo_encuestas.cargar()
    demo_encuestas.cargar()

    interna = resultados.ranking_de_canales(Audiencia.INTERNA)
    externa = resultados.ranking_de_canales(Audiencia.EXTERNA)
    assert interna.respuestas == 18
    assert [f.etiqueta for f in interna.filas][:2] == [
        "Correo directo",
        "Página web de Gobierno en Línea",
    ]
    # La de la ciudadanía está abierta: es el diagnóstico más reciente de ese
    # público, y también encuentra medios impresos y emisora.
    assert externa.encuesta.slug == "como-se-entera"
    assert externa.respuestas == 40
    assert [f.etiqueta for f in externa.filas][:2] == [
        "Medios impresos (periódico local, volantes, afiches)",
        "Emisora",
    ]
    # Cada opción suma lo que dice la tabla de la demo.
    (canales,) = [
        r
        for r in resultados.resultados(interna.encuesta).preguntas
        if r.pregunta.ranking_de == Audiencia.INTERNA
    ]
    esperado = [(texto, n) for texto, n in demo_encuestas.INTERNA[0][3]]
    assert [(f.etiqueta, f.n) for f in canales.filas] == esperado
    # Ninguna persona de la demo quedó sin marcar un canal.
    assert canales.respondieron == 18
