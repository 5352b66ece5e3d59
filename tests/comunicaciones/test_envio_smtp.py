"""El envío masivo contra un servidor SMTP real (aiosmtpd en un hilo)."""

import socket
import time
from datetime import timedelta
from email import message_from_bytes, policy
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import Envio, EstadoEnvio, Pieza
from comunicaciones.services import despacho, piezas
from comunicaciones.services.tope import LimitadorDeTasa
from tests.factories import CampanaFactory, PiezaFactory, SuscriptorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def despachar(django_capture_on_commit_callbacks):
    def _despachar(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return despacho.ejecutar_despacho(**kwargs)

    return _despachar


def test_un_lote_usa_una_sola_conexion_smtp(sumidero_smtp, despachar, settings):
    settings.COMUNICACIONES_TAMANO_LOTE = 100
    SuscriptorFactory.create_batch(30)
    PiezaFactory(programada=True)

    with mock.patch(
        "django.core.mail.backends.smtp.EmailBackend.open",
        autospec=True,
        side_effect=_abrir_de_verdad(),
    ) as abrir:
        despachar()

    assert sumidero_smtp.total() == 30
    assert set(sumidero_smtp.por_destinatario().values()) == {1}
    assert abrir.call_count == 1


def _abrir_de_verdad():
    from django.core.mail.backends.smtp import EmailBackend

    original = EmailBackend.open

    def abrir(self):
        return original(self)

    return abrir


def test_una_fila_que_otro_ya_tomo_no_sale_y_la_conexion_sigue_sirviendo(
    sumidero_smtp, despachar
):
    # Si la marca no se logra (otro trabajador tenía la fila), ese mensaje no
    # sale y el lote sigue por la misma conexión.
    from comunicaciones.services import lotes

    SuscriptorFactory(correo="ana@correo.test")
    SuscriptorFactory(correo="beto@correo.test")
    SuscriptorFactory(correo="carla@correo.test")
    PiezaFactory(programada=True)
    marcar = lotes._marcar_enviado

    def marcar_salvo_beto(envio_id, marca):
        if Envio.objects.get(pk=envio_id).correo == "beto@correo.test":
            return False
        return marcar(envio_id, marca)

    with (
        mock.patch.object(lotes, "_marcar_enviado", side_effect=marcar_salvo_beto),
        mock.patch(
            "django.core.mail.backends.smtp.EmailBackend.open",
            autospec=True,
            side_effect=_abrir_de_verdad(),
        ) as abrir,
    ):
        despachar()

    assert sumidero_smtp.por_destinatario() == {
        "ana@correo.test": 1,
        "carla@correo.test": 1,
    }
    assert abrir.call_count == 1
    assert Envio.objects.get(correo="beto@correo.test").estado == EstadoEnvio.PENDIENTE


def test_el_mensaje_llega_con_cabeceras_de_baja_por_smtp(sumidero_smtp, despachar):
    SuscriptorFactory(correo="lucia@correo.test")
    PiezaFactory(programada=True)

    despachar()

    ((destinatario, _, contenido),) = sumidero_smtp.recibidos
    mensaje = message_from_bytes(contenido)
    assert destinatario == "lucia@correo.test"
    assert mensaje["List-Unsubscribe"].strip().startswith("<http")
    assert mensaje["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mensaje["Message-ID"].startswith("<envio-")


def test_un_rechazo_permanente_queda_fallido_y_los_demas_salen(
    sumidero_smtp, despachar
):
    SuscriptorFactory(correo="bien@correo.test")
    SuscriptorFactory(correo="no-existe@correo.test")
    sumidero_smtp.rechazar["no-existe@correo.test"] = (550, "Buzón inexistente")
    pieza = PiezaFactory(programada=True)

    despachar()

    assert sumidero_smtp.por_destinatario() == {"bien@correo.test": 1}
    fallido = Envio.objects.get(correo="no-existe@correo.test")
    assert fallido.estado == EstadoEnvio.FALLIDO
    assert "550" in fallido.motivo
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA


def test_un_error_temporal_se_reintenta_en_el_siguiente_despacho(
    sumidero_smtp, despachar
):
    SuscriptorFactory(correo="gris@correo.test")
    sumidero_smtp.rechazar["gris@correo.test"] = (451, "Intente más tarde")
    pieza = PiezaFactory(programada=True)

    despachar()
    envio = Envio.objects.get()
    assert envio.estado == EstadoEnvio.PENDIENTE and envio.intentos == 1
    assert sumidero_smtp.total() == 0

    del sumidero_smtp.rechazar["gris@correo.test"]
    despachar()

    assert sumidero_smtp.por_destinatario() == {"gris@correo.test": 1}
    envio.refresh_from_db()
    assert envio.estado == EstadoEnvio.ENVIADO
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA


def test_los_errores_temporales_agotan_sus_intentos(sumidero_smtp, despachar, settings):
    settings.COMUNICACIONES_MAX_INTENTOS = 2
    SuscriptorFactory(correo="gris@correo.test")
    sumidero_smtp.rechazar["gris@correo.test"] = (451, "Intente más tarde")
    pieza = PiezaFactory(programada=True)

    despachar()
    despachar()

    envio = Envio.objects.get()
    assert envio.estado == EstadoEnvio.FALLIDO and envio.intentos == 2
    pieza.refresh_from_db()
    assert pieza.estado == estados.FALLIDA


def test_demasiados_fallos_pausan_la_pieza_y_avisan_al_responsable(
    sumidero_smtp, despachar, settings, django_capture_on_commit_callbacks
):
    settings.COMUNICACIONES_FALLOS_PARA_PAUSAR = 3
    settings.COMUNICACIONES_PORCENTAJE_FALLOS_PARA_PAUSAR = 50
    settings.COMUNICACIONES_TAMANO_LOTE = 5
    # Los primeros del orden (por nombre): el primer lote ya trae los cuatro.
    malos = [
        SuscriptorFactory(nombre=f"Aa {n}", correo=f"malo{n}@correo.test")
        for n in range(4)
    ]
    for suscriptor in malos:
        sumidero_smtp.rechazar[suscriptor.correo] = (550, "No existe")
    SuscriptorFactory.create_batch(20)
    campana = CampanaFactory(responsable__email="lider@alcaldia.test")
    pieza = PiezaFactory(programada=True, campana=campana)

    despachar()

    pieza.refresh_from_db()
    assert pieza.estado == estados.PAUSADA
    assert "fallaron" in pieza.motivo_estado
    conteos = Envio.objects.filter(pieza=pieza).conteos()
    assert conteos["pendientes"] > 0
    assert sumidero_smtp.total() < 20
    # El aviso va al responsable, una sola vez aunque el despacho siga corriendo.
    despachar()
    despachar()
    avisos = [m for m in sumidero_smtp.recibidos if m[0] == "lider@alcaldia.test"]
    assert len(avisos) == 1
    aviso = message_from_bytes(avisos[0][2], policy=policy.default)
    assert aviso["Subject"].strip().startswith("Pieza pausada")

    # Una persona revisa, arregla los buzones y reintenta: sale lo que faltaba.
    sumidero_smtp.rechazar.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert piezas.reintentar_fallidos(pieza_id=pieza.pk) == 4
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA
    recibidos = sumidero_smtp.por_destinatario()
    del recibidos["lider@alcaldia.test"]
    assert len(recibidos) == 24 and set(recibidos.values()) == {1}


def test_sin_servidor_smtp_la_pieza_espera_y_luego_sale(despachar, settings):
    from tests.comunicaciones.conftest import Sumidero

    sumidero = Sumidero()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sumidero.puerto
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    SuscriptorFactory.create_batch(3)
    pieza = PiezaFactory(programada=True)

    despachar()  # el servidor está caído
    assert Envio.objects.filter(estado=EstadoEnvio.PENDIENTE).count() == 3

    sumidero.iniciar()
    try:
        despachar()
    finally:
        sumidero.detener()
    assert sumidero.total() == 3
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA


# --- Tope de velocidad ---------------------------------------------------------


def test_el_limitador_reparte_los_turnos_en_el_segundo():
    reloj = [100.0]
    esperas = []

    def dormir(segundos):
        esperas.append(segundos)
        reloj[0] += segundos

    limitador = LimitadorDeTasa(4, reloj=lambda: reloj[0], dormir=dormir)
    momentos = []
    for _ in range(10):
        limitador.esperar_turno()
        momentos.append(reloj[0])

    # Separados 1/4 s: en cualquier ventana de un segundo caben a lo sumo 4.
    assert momentos == [100 + n * 0.25 for n in range(10)]
    assert _maximo_por_ventana(momentos) == 4


def test_sin_tope_el_limitador_no_espera():
    limitador = LimitadorDeTasa(0, dormir=lambda s: pytest.fail("no debe dormir"))
    assert limitador.esperar_turno() == 0.0


def _maximo_por_ventana(momentos, ventana=1.0):
    momentos = sorted(momentos)
    return max(
        sum(1 for t in momentos if inicio <= t < inicio + ventana - 1e-9)
        for inicio in momentos
    )


def test_el_tope_de_velocidad_se_respeta_en_el_servidor(
    sumidero_smtp, despachar, settings
):
    settings.COMUNICACIONES_CORREOS_POR_SEGUNDO = 20
    SuscriptorFactory.create_batch(50)
    PiezaFactory(programada=True)

    despachar()

    momentos = [t for _, t, _ in sumidero_smtp.recibidos]
    assert len(momentos) == 50
    # 50 mensajes a 20/s: al menos 49/20 s entre el primero y el último…
    assert max(momentos) - min(momentos) >= 49 / 20 - 0.05
    # …y nunca más de 20 (uno de margen por el vaivén de la red) en un segundo.
    assert _maximo_por_ventana(momentos) <= 21


@pytest.mark.redis
def test_con_redis_el_tope_es_uno_para_todos_los_procesos(redis_de_pruebas):
    import threading
    import time

    broker, _ = redis_de_pruebas
    momentos = []
    candado = threading.Lock()

    def enviar(cuantos):
        limitador = LimitadorDeTasa(10, redis_url=broker)
        for _ in range(cuantos):
            limitador.esperar_turno()
            with candado:
                momentos.append(time.monotonic())

    hilos = [threading.Thread(target=enviar, args=(8,)) for _ in range(3)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()

    assert len(momentos) == 24
    # Tres «trabajadores» a la vez comparten 10/s: 24 mensajes tardan ≥ 2,3 s.
    assert max(momentos) - min(momentos) >= 2.3 - 0.05
    assert _maximo_por_ventana(momentos) <= 11


def test_una_pieza_programada_para_luego_no_toca_el_servidor(sumidero_smtp, despachar):
    SuscriptorFactory()
    PiezaFactory(programada=True, programada_para=timezone.now() + timedelta(hours=1))

    despachar()

    assert sumidero_smtp.total() == 0
    assert Pieza.objects.get().estado == estados.PROGRAMADA
    assert mail.outbox == []


# --- El camino en bytes arma el mismo correo -------------------------------------


def _partes(datos: bytes) -> dict:
    mensaje = message_from_bytes(datos, policy=policy.default)
    return {
        "asunto": str(mensaje["Subject"]).strip(),
        "para": str(mensaje["To"]),
        "baja": str(mensaje["List-Unsubscribe"]).strip(),
        "texto": mensaje.get_body(("plain",)).get_content(),
        "html": mensaje.get_body(("html",)).get_content(),
    }


def test_los_bytes_rapidos_dicen_lo_mismo_que_el_correo_armado_por_django():
    from comunicaciones.services.mensajes import Persona, PlantillaMasiva

    pieza = PiezaFactory(
        cuerpo="Hola, {{ nombre }}: **sin filas**, con tildes y eñes.",
        enlace="/tramites/",
    )
    persona = Persona(correo="ana@correo.test", nombre="Ana Muñoz & <Hijos>")
    plantilla = PlantillaMasiva(pieza)

    rapido = _partes(plantilla.bytes_para(persona, envio_id=7))
    armado = _partes(
        plantilla.mensaje_para(persona, envio_id=7).message().as_bytes(linesep="\r\n")
    )

    assert rapido == armado
    assert "Hola, Ana Muñoz &amp; &lt;Hijos&gt;:" in rapido["html"]
    assert "Hola, Ana Muñoz & <Hijos>:" in rapido["texto"]
    assert rapido["para"] == "ana@correo.test"


def test_sin_camino_seguro_en_bytes_se_arma_el_correo_completo(
    sumidero_smtp, django_capture_on_commit_callbacks
):
    from comunicaciones.services.mensajes import Persona, PlantillaMasiva

    # Una línea de más de 998 caracteres obliga a quoted-printable.
    pieza = PiezaFactory(programada=True, cuerpo="palabra " * 200)
    assert (
        PlantillaMasiva(pieza).bytes_para(
            Persona(correo="a@correo.test", nombre="A"), envio_id=1
        )
        is None
    )
    SuscriptorFactory(correo="larga@correo.test")

    with django_capture_on_commit_callbacks(execute=True):
        despacho.ejecutar_despacho()

    assert sumidero_smtp.por_destinatario() == {"larga@correo.test": 1}


def test_el_lote_habla_smtp_con_el_sendmail_de_smtplib(sumidero_smtp, despachar):
    # La conversación SMTP es la de smtplib: el lote solo se cuelga del punto final.
    import smtplib

    SuscriptorFactory.create_batch(5)
    PiezaFactory(programada=True)
    original = smtplib.SMTP.sendmail

    with mock.patch.object(
        smtplib.SMTP, "sendmail", autospec=True, side_effect=original
    ) as sendmail:
        despachar()

    assert sendmail.call_count == 5
    assert set(sumidero_smtp.por_destinatario().values()) == {1}


def _conexion_al_sumidero():
    from comunicaciones.services.lotes import _Conexion

    return _Conexion()


_PRUEBA = b"Subject: Prueba\r\nTo: ana@correo.test\r\n\r\nHola.\r\n.\r\nFin.\r\n"


@pytest.mark.skipif(
    not hasattr(socket, "TCP_CORK"), reason="TCP_CORK solo existe en Linux"
)
def test_el_punto_final_no_sale_hasta_que_la_marca_esta_confirmada(sumidero_smtp):
    # Mientras corre el COMMIT de la marca, el servidor aún no tiene el mensaje:
    # el punto final espera tapado en el núcleo.
    vistos = []

    def commit_lento():
        time.sleep(0.1)
        vistos.append(sumidero_smtp.total())

    conexion = _conexion_al_sumidero()
    try:
        conexion.entregar(
            _PRUEBA, destinatario="ana@correo.test", tras_el_punto=commit_lento
        )
    finally:
        conexion.cerrar()

    assert vistos == [0]
    assert sumidero_smtp.por_destinatario() == {"ana@correo.test": 1}
    # La línea que empieza con punto llega intacta (smtplib la duplica al enviar).
    assert b"\r\n.\r\nFin." in sumidero_smtp.recibidos[0][2]


def test_si_la_marca_no_se_confirma_el_mensaje_no_llega(sumidero_smtp):
    def commit_que_falla():
        raise RuntimeError("la base no respondió")

    conexion = _conexion_al_sumidero()
    with pytest.raises(RuntimeError):
        conexion.entregar(
            _PRUEBA, destinatario="ana@correo.test", tras_el_punto=commit_que_falla
        )
    # Ni al cerrar ni al vencer el tapón del núcleo (200 ms) sale el punto final.
    conexion.cerrar()
    time.sleep(0.5)
    assert sumidero_smtp.total() == 0


def test_un_rechazo_al_punto_final_corrige_la_marca(sumidero_smtp, despachar):
    # El servidor contesta 554 al DATA completo: la fila, ya confirmada como
    # enviada, pasa a fallida con el motivo.
    SuscriptorFactory(correo="spam@correo.test")
    pieza = PiezaFactory(programada=True)
    sumidero_smtp.rechazar_data["spam@correo.test"] = (554, "Parece spam")

    despachar()

    envio = Envio.objects.get()
    assert envio.estado == EstadoEnvio.FALLIDO
    assert "554" in envio.motivo and envio.enviado_en is None
    pieza.refresh_from_db()
    assert pieza.estado == estados.FALLIDA
