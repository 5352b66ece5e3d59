"""Las actividades 1–9 del plan y el tablero del plan: su estructura, lo
entregado por canal, las jornadas y la cobertura, el resultado, su número fijo
de consultas, sus permisos y su PDF."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capacitacion.models import Asistencia
from comunicaciones import estados, indicadores
from comunicaciones.models import ActividadPlan, Envio, Nivel, TareaDifusion
from comunicaciones.services.actividades import cambiar_estado_actividad
from comunicaciones.services.tablero import tablero
from sanpedro_gel.excepciones import TransicionInvalida
from tests.factories import (
    CampanaFactory,
    FuncionarioFactory,
    JornadaFactory,
    PiezaFactory,
    SolicitudFactory,
    TramiteFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db


def _campana_con_entregas(nombre, nivel=Nivel.INTERNO, actividades=(1, 2)):
    campana = CampanaFactory(nombre=nombre, nivel=nivel)
    campana.actividades.set(ActividadPlan.objects.filter(numero__in=actividades))
    correo = PiezaFactory(campana=campana, al_personal=True, estado=estados.ENVIADA)
    for i, estado in enumerate((estados.ENVIADO, estados.ENVIADO, estados.FALLIDO)):
        Envio.objects.create(
            pieza=correo, correo=f"persona{i}.{campana.pk}@alcaldia.test", estado=estado
        )
    PiezaFactory(campana=campana, intranet=True, estado=estados.ENVIADA)
    PiezaFactory(campana=campana, intranet=True, estado=estados.PROGRAMADA)
    cuna = PiezaFactory(campana=campana, emisora=True, estado=estados.ENVIADA)
    TareaDifusion.objects.create(
        pieza=cuna,
        responsable=campana.responsable,
        estado=estados.CUMPLIDA,
        vence_en=timezone.now(),
        evidencia_enlace="https://emisora.test/pauta-marzo",
    )
    PiezaFactory(campana=campana, emisora=True, estado=estados.CANCELADA)
    return campana


def _jornada_con_asistencia(temas, personas):
    jornada = JornadaFactory(
        temas=temas,
        estado="REALIZADA",
        inicio=timezone.now() - timedelta(days=3),
        fin=timezone.now() - timedelta(days=3) + timedelta(hours=4),
    )
    for i, persona in enumerate(personas):
        Asistencia.objects.create(
            jornada=jornada,
            funcionario=persona,
            asistio_en=jornada.inicio if i % 2 == 0 else None,
        )
    return jornada


def test_las_nueve_actividades_del_plan_estan_desde_la_migracion():
    assert list(ActividadPlan.objects.values_list("numero", "componente")) == [
        (1, "Institucional"),
        (2, "Institucional"),
        (3, "Institucional"),
        (4, "Institucional"),
        (5, "Tecnológico"),
        (6, "Tecnológico"),
        (7, "Tecnológico"),
        (8, "Demanda"),
        (9, "Demanda"),
    ]


def test_cumplir_una_actividad_pide_evidencia_y_reabrirla_borra_la_fecha():
    actividad = ActividadPlan.objects.get(numero=1)
    with pytest.raises(TransicionInvalida, match="anote la evidencia"):
        cambiar_estado_actividad(actividad_id=actividad.pk, hacia=estados.CUMPLIDA)

    actividad.evidencia = "Acuerdo 012 de 2026 del Concejo municipal"
    actividad.save()
    cumplida = cambiar_estado_actividad(
        actividad_id=actividad.pk, hacia=estados.CUMPLIDA, fecha=date(2026, 3, 20)
    )
    assert (cumplida.estado, cumplida.cumplida_el) == ("CUMPLIDA", date(2026, 3, 20))
    with pytest.raises(TransicionInvalida):
        cambiar_estado_actividad(actividad_id=actividad.pk, hacia=estados.CUMPLIDA)

    reabierta = cambiar_estado_actividad(
        actividad_id=actividad.pk, hacia=estados.EN_CURSO
    )
    assert (reabierta.estado, reabierta.cumplida_el) == ("EN_CURSO", None)


def test_el_tablero_sigue_la_estructura_del_plan_con_lo_entregado():
    personas = [FuncionarioFactory(usuario=None) for _ in range(4)]
    interna = _campana_con_entregas("Concienciación en casa")
    externa = _campana_con_entregas(
        "Conocimiento y difusión", nivel=Nivel.EXTERNO, actividades=(9,)
    )
    sin_actividad = CampanaFactory(nombre="Campaña suelta", nivel=Nivel.INTERNO)
    jornada = _jornada_con_asistencia([1, 2, 3, 4, 5, 6, 8], personas)
    tramite = TramiteFactory()
    SolicitudFactory(
        tramite=tramite,
        radicada=True,
        radicado_en=timezone.now(),
        como_se_entero="EMISORA",
    )
    hoy = timezone.localdate()

    datos = tablero(desde=hoy - timedelta(days=60), hasta=hoy)

    assert [c for c, _ in datos.componentes] == [
        "Institucional",
        "Tecnológico",
        "Demanda",
    ]
    filas = {f.actividad.numero: f for _, lista in datos.componentes for f in lista}
    assert sorted(filas) == list(range(1, 10))
    (de_la_1,) = filas[1].campanas
    assert de_la_1.campana == interna
    assert [(e.etiqueta, e.texto) for e in de_la_1.canales] == [
        ("Correo electrónico", "2 correos entregados, 1 rebotados"),
        ("Aviso de intranet", "1 de 2 publicadas"),
        ("Emisora", "1 de 1 tareas cumplidas con evidencia"),
    ]
    assert de_la_1.canales[2].evidencias == [
        ("Cuña en la emisora", "https://emisora.test/pauta-marzo")
    ]
    assert [j.titulo for j in filas[1].jornadas] == [jornada.titulo]
    assert filas[1].jornadas[0].convocados == 4
    assert filas[1].jornadas[0].asistieron == 2
    assert (filas[1].cobertura.personal, filas[1].cobertura.asistieron) == (4, 2)
    assert filas[7].jornadas == [] and filas[7].campanas == []
    assert [c.campana for c in filas[9].campanas] == [externa]
    assert [c.campana for c in datos.externas] == [externa]
    assert [c.campana for c in datos.internas_sin_actividad] == [sin_actividad]
    assert datos.en_linea_por_canal[-1].por_canal == {"Emisora": 1}
    assert datos.adopcion[0].tramite == tramite
    assert datos.asesoria.recibidas == 0
    assert datos.hay_capacitacion


def test_las_consultas_del_tablero_no_crecen_con_campanas_ni_jornadas():
    personas = [FuncionarioFactory(usuario=None) for _ in range(3)]
    hoy = timezone.localdate()
    desde = hoy - timedelta(days=60)
    _campana_con_entregas("Primera")
    _jornada_con_asistencia([1, 2], personas)

    with CaptureQueriesContext(connection) as pocas:
        tablero(desde=desde, hasta=hoy)
    for i in range(4):
        _campana_con_entregas(f"Otra {i}", actividades=(i + 1, 8))
        _campana_con_entregas(f"Externa {i}", nivel=Nivel.EXTERNO, actividades=(9,))
        _jornada_con_asistencia([i + 1, 7], personas)
    with CaptureQueriesContext(connection) as muchas:
        tablero(desde=desde, hasta=hoy)

    assert len(muchas) == len(pocas)


def test_sin_el_aporte_de_capacitacion_las_sesiones_de_asesoria_dicen_sin_datos(
    client, lider_gel, monkeypatch
):
    client.force_login(lider_gel)
    url = reverse("admin:comunicaciones_actividadplan_tablero")
    assert "Sesiones de asesoría ciudadana" in client.get(url).text

    monkeypatch.delitem(indicadores._aportes, "sesiones_asesoria")
    pagina = client.get(url)
    assert "Sesiones de asesoría: sin datos" in pagina.text
    assert "Preguntas por canal" in pagina.text


def test_la_pagina_del_tablero_para_el_lider_y_en_lectura_para_otros(
    client, lider_gel, encargado_comunicaciones, funcionario_sin_permisos
):
    _campana_con_entregas("Concienciación en casa")
    url = reverse("admin:comunicaciones_actividadplan_tablero")

    client.force_login(lider_gel)
    pagina = client.get(url, {"desde": "01/01/2026", "hasta": "31/12/2026"})
    assert pagina.status_code == 200
    assert "Nivel interno: servidores públicos" in pagina.text
    assert "Componente tecnológico" in pagina.text
    assert "2 correos entregados, 1 rebotados" in pagina.text
    assert "<svg" in pagina.text
    assert "Del 1 de enero de 2026 al 31 de diciembre de 2026" in pagina.text
    editar = reverse(
        "admin:comunicaciones_actividadplan_change",
        args=[ActividadPlan.objects.get(numero=1).pk],
    )
    assert editar in pagina.text

    client.force_login(encargado_comunicaciones)
    lectura = client.get(url)
    assert lectura.status_code == 200
    assert editar not in lectura.text
    assert (
        client.post(
            reverse(
                "admin:comunicaciones_actividadplan_estado",
                args=[ActividadPlan.objects.get(numero=1).pk, "iniciar"],
            )
        ).status_code
        == 403
    )

    client.force_login(funcionario_sin_permisos)
    assert client.get(url).status_code in {302, 403}


def test_fecha_mal_escrita_no_rompe_el_tablero(client, lider_gel):
    client.force_login(lider_gel)
    pagina = client.get(
        reverse("admin:comunicaciones_actividadplan_tablero"), {"desde": "31/02/2026"}
    )
    assert pagina.status_code == 200
    assert "Escriba la fecha como dd/mm/aaaa." in pagina.text


def test_el_pdf_del_tablero_para_el_consejo_de_gobierno(client, lider_gel):
    _campana_con_entregas("Concienciación en casa")
    client.force_login(lider_gel)

    respuesta = client.get(reverse("admin:comunicaciones_actividadplan_tablero_pdf"))

    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta.content.startswith(b"%PDF-")


def test_los_botones_de_estado_de_la_actividad(client, lider_gel):
    actividad = ActividadPlan.objects.get(numero=6)
    client.force_login(lider_gel)
    cambio = reverse("admin:comunicaciones_actividadplan_change", args=[actividad.pk])
    estado = "admin:comunicaciones_actividadplan_estado"

    assert "Pasar a «en curso»" in client.get(cambio).text
    sin_evidencia = client.post(
        reverse(estado, args=[actividad.pk, "cumplir"]), follow=True
    )
    assert "anote la evidencia" in sin_evidencia.text
    actividad.refresh_from_db()
    assert actividad.estado == "PENDIENTE"

    client.post(reverse(estado, args=[actividad.pk, "iniciar"]))
    actividad.refresh_from_db()
    assert actividad.estado == "EN_CURSO"


def _lote_del_periodo(n, personas, ciudadanos, tramite, inicio=0):
    """`n` campañas, jornadas, asesorías con inscritos, preguntas y frecuentes."""
    from capacitacion.models import Inscripcion
    from comunicaciones.models import PreguntaCiudadana, PreguntaFrecuente

    ahora = timezone.now()
    for i in range(inicio, inicio + n):
        interna = _campana_con_entregas(f"Interna {i}", actividades=(i % 9 + 1, 8))
        interna.tramites.add(tramite)
        _campana_con_entregas(f"Externa {i}", nivel=Nivel.EXTERNO, actividades=(9,))
        _jornada_con_asistencia([i % 9 + 1, 7], personas)
        sesion = JornadaFactory(
            tipo="ASESORIA",
            estado="REALIZADA",
            inicio=ahora - timedelta(days=2),
            fin=ahora - timedelta(days=2) + timedelta(hours=2),
        )
        for j, ciudadano in enumerate(ciudadanos):
            Inscripcion.objects.create(
                jornada=sesion,
                usuario=ciudadano,
                estado="ASISTIO" if j % 2 else "INSCRITA",
                codigo_verificacion=f"C{sesion.pk:04d}{j:03d}",
                inscrita_en=ahora - timedelta(days=9),
            )
        PreguntaCiudadana.objects.create(
            radicado=f"PET-LOTE-{PreguntaCiudadana.objects.count():06d}",
            canal=["PORTAL", "CONVERSACION", "REDES", "PRESENCIAL"][i % 4],
            clase="INFORMACION",
            area="HACIENDA",
            tramite=tramite if i % 2 else None,
            asunto=f"Pregunta {i}",
            texto="x",
            estado="RESPONDIDA" if i % 3 else "RECIBIDA",
            recibida_en=ahora - timedelta(days=5),
            vence_el=timezone.localdate() - timedelta(days=i % 2),
            respondida_en=ahora if i % 3 else None,
            dias_habiles_respuesta=3 if i % 3 else None,
        )
        PreguntaFrecuente.objects.create(
            pregunta=f"Frecuente {PreguntaFrecuente.objects.count()}",
            respuesta="x",
            publicada=True,
            le_sirvio=i + 1,
            no_le_sirvio=i % 3,
        )


def test_la_pagina_del_tablero_hace_las_mismas_consultas_con_2_y_con_20(
    client, lider_gel
):
    personas = [FuncionarioFactory(usuario=None) for _ in range(3)]
    ciudadanos = [UsuarioFactory() for _ in range(3)]
    tramite = TramiteFactory()
    url = reverse("admin:comunicaciones_actividadplan_tablero")
    client.force_login(lider_gel)

    _lote_del_periodo(2, personas, ciudadanos, tramite)
    client.get(url)  # la sesión y los permisos ya en caché, como en las demás
    with CaptureQueriesContext(connection) as pocas:
        assert client.get(url).status_code == 200
    _lote_del_periodo(18, personas, ciudadanos, tramite, inicio=2)
    with CaptureQueriesContext(connection) as muchas:
        pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Interna 19" in pagina.text and "Frecuente 19" in pagina.text

    assert len(muchas) == len(pocas), "\n".join(
        q["sql"] for q in muchas.captured_queries
    )
