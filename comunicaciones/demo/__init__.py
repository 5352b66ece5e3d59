"""Datos de demostración de comunicaciones.

El directorio de servidores públicos y las dos campañas del plan (DOMAIN §11):
la interna de concienciación (carta del alcalde, avisos y video en la intranet,
carteleras) y la externa de conocimiento y difusión (emisora, prensa,
televisión, banner, redes sociales, afiches, noticias y boletín por correo),
con suscriptores de ejemplo. Los textos se escribieron para este portal.

Las fechas se cuentan desde el día en que se carga la demostración; lo que ya
pasó se programa y el despachador lo entrega en ese momento, como en la vida
real. Idempotente: cargarla otra vez no duplica ni reenvía nada.
"""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.demo import actividades, asesoria, encuestas
from comunicaciones.models import (
    Campana,
    Canal,
    Destinatarios,
    EstadoCampana,
    EstadoTarea,
    FirmaAlcalde,
    Nivel,
    Pieza,
    Segmento,
    Suscriptor,
    TextoConsentimiento,
    TipoSuscriptor,
    clave_de_texto,
)
from comunicaciones.services import despacho, piezas, tareas
from comunicaciones.services.directorio import importar_funcionarios, leer_directorio
from comunicaciones.services.piezas import cambiar_estado_campana
from sanpedro_gel.demo import USUARIOS_DEMO, asegurar_usuario
from sanpedro_gel.reloj import BOGOTA, hoy
from tramites.models import Tramite

CARPETA = Path(__file__).parent

CARTA = """\
Apreciado(a) {{ nombre }}:

Desde este mes la Alcaldía atiende en línea tres trámites que hasta ahora \
obligaban a venir en persona: la **inscripción en el Registro de Industria y \
Comercio**, las **novedades de ese registro** y el **permiso de ampliación de \
horario** de los establecimientos abiertos al público. Es el paso más visible \
de la fase de Transacción de nuestra estrategia de Gobierno en Línea, y su \
éxito depende de que cada servidor público lo conozca y lo recomiende.

Usted, como {{ cargo }} en {{ dependencia }}, es muchas veces la primera \
persona a la que un comerciante o un vecino le pregunta cómo hacer una \
gestión. Por eso le pido que dedique un rato esta semana a:

1. conocer los cambios que propusimos al Estatuto Tributario y al \
procedimiento de estos trámites, para quitar requisitos que no eran necesarios;
2. saber quiénes son los responsables de cada trámite y cómo quedó el manual \
de funciones;
3. entrar al portal con el usuario que le asignamos y recorrer la herramienta \
como lo haría un ciudadano;
4. asistir a la jornada de capacitación, donde presentaremos también el plan \
de comunicaciones.

Cuando alguien le pregunte, oriéntelo al portal: cada trámite que se radica en \
línea es un desplazamiento menos desde las veredas y una fila menos en la \
ventanilla. Cuento con usted.
"""

AVISO_VIDEO = """\
En este video de cuatro minutos, Luz Adriana, de la ventanilla única, radica \
paso a paso una inscripción en el Registro de Industria y Comercio desde su \
celular: crear la cuenta, diligenciar el formulario por partes, adjuntar el \
RUT y recibir el radicado con su constancia en PDF.

Véalo antes de la jornada de capacitación y anote sus preguntas.
"""

AVISO_JORNADA = """\
La jornada de capacitación sobre los trámites en línea será para **todos los \
servidores públicos**, de planta y contratistas. Trataremos:

- las barreras normativas que encontramos y la propuesta de ajuste al \
Estatuto Tributario;
- el nuevo procedimiento y los responsables de cada trámite;
- la presentación de la herramienta y la entrega de usuarios;
- el plan de comunicaciones y cómo ayudar a los ciudadanos a usar el portal.

La invitación con el lugar y la hora le llegará por correo una semana antes.
"""

CORREO_PERSONAL = """\
Hola, {{ nombre }}:

Su usuario del portal de trámites ya está activo: es su correo institucional. \
Si todavía no definió su contraseña, use el enlace «¿Olvidó su contraseña?» en \
la página de ingreso.

Entre, mire la intranet (ahí está la carta del alcalde y el video de cómo se \
radica una inscripción) y recorra la ficha de cada trámite. Mañana lo \
esperamos en la jornada de capacitación.
"""

CARTELERAS = """\
Afiche tamaño carta para las carteleras de cada piso y de la ventanilla única:

«¿Sabía que los comerciantes ya pueden inscribir su negocio, reportar \
novedades y pedir ampliación de horario en línea? Pregúntenos cómo.»

Incluir el QR del portal y la fecha de la jornada de capacitación.
"""

BANNER = """\
Inscripción y novedades del Registro de Industria y Comercio, y permiso de \
ampliación de horario: radique desde su celular y reciba el número de \
radicado al instante.
"""

NOTICIA_LANZAMIENTO = """\
Desde esta semana, los comerciantes y empresarios de San Pedro de los \
Milagros pueden hacer en línea tres de los trámites que más filas generaban \
en la Alcaldía:

- **Inscripción en el Registro de Industria y Comercio (ICA)**, para quien \
abre un negocio, una quesera, un taller o un restaurante en el municipio.
- **Novedades del registro**: cambio de dirección, de nombre comercial, de \
actividad económica, cierre de un establecimiento y las demás.
- **Permiso de ampliación de horario** para bares, discotecas, estancos y \
casas de eventos.

Basta un correo electrónico para crear la cuenta. El formulario se guarda a \
medida que se avanza, de modo que se puede empezar en el celular y terminar \
otro día desde un café internet. Al radicar, el sistema entrega el número de \
radicado, la constancia en PDF y un correo de confirmación; el estado se \
consulta en «Consulta tu trámite» con el radicado y el documento.

Los trámites siguen siendo gratuitos y los deciden la Secretaría de Hacienda \
y la Secretaría General y de Gobierno en los plazos de ley.
"""

NOTICIA_ASESORIA = """\
Para quienes prefieren que alguien les explique, la Alcaldía dispuso de una \
funcionaria que, **martes, miércoles y jueves**, acompaña a los ciudadanos a \
hacer su trámite en línea.

Los martes atiende en la ventanilla única del palacio municipal; los \
miércoles y jueves recorre las instituciones educativas del municipio y las \
juntas de acción comunal que lo soliciten. Lleve su documento, el RUT y, si \
tiene matrícula mercantil, el certificado de la Cámara de Comercio.

Las jornadas se anuncian también en la emisora y en las redes de la Alcaldía.
"""

CUNA = """\
**Cuña de 30 segundos (locución con fondo musical campesino):**

—Don Octavio, ¿y usted por qué no está haciendo la fila de Hacienda?
—Porque inscribí la quesera desde el celular, mijo. En línea.
LOCUTOR: La Alcaldía de San Pedro de los Milagros le cuenta: la inscripción \
y las novedades de Industria y Comercio, y el permiso de ampliación de horario \
ya se hacen en el portal de trámites. Sin filas, gratis y con radicado al \
instante. Entre desde su celular o pida ayuda en la ventanilla única.
"""

PRENSA = """\
Artículo de media página para la edición mensual del periódico local: cómo \
funciona el portal, entrevista corta con la Secretaria de Hacienda y el \
testimonio de un comerciante del parque principal que hizo su inscripción en \
línea. Incluir un recuadro con los tres trámites y la dirección del portal.
"""

TELEVISION = """\
Comercial de 20 segundos para el canal comunitario, en la franja del \
noticiero de la noche: un lechero que termina el ordeño, saca el celular y \
radica la novedad de su establecimiento antes de que llegue el carro \
recolector. Cierre con la dirección del portal y el escudo del municipio.
"""

REDES = """\
¿Sabía que ya puede inscribir su negocio en Industria y Comercio desde el \
celular? 📱 Sin filas, gratis y con radicado al instante. Entre al portal de \
trámites de la Alcaldía. #SanPedroEnLínea

Responder en los comentarios y mensajes las dudas sobre requisitos y pasos.
"""

AFICHES = """\
Imprimir el afiche paso a paso de cada trámite (tamaño carta) y dejarlo en \
los cafés internet y papelerías del casco urbano, en la ventanilla única y en \
la Casa de la Cultura. Pedir permiso al dueño y tomar una foto del afiche \
pegado como evidencia.
"""

BOLETIN = """\
Hola, {{ nombre }}:

Le contamos que desde esta semana puede hacer en línea la **inscripción en el \
Registro de Industria y Comercio**, las **novedades del registro** y el \
**permiso de ampliación de horario** de su establecimiento.

Cree su cuenta con este correo, diligencie el formulario cuando tenga tiempo \
(se guarda solo) y reciba el radicado al instante. Si prefiere que le \
expliquen, los martes lo atendemos en la ventanilla única.
"""

SUSCRIPTORES = [
    (TipoSuscriptor.CIUDADANO, "Rosa Elena Arango Villa", "rosa.arango", "Centro"),
    (TipoSuscriptor.CIUDADANO, "Gustavo Adolfo Mejía Ruiz", "gustavo.mejia", "Ovejas"),
    (
        TipoSuscriptor.ORGANIZACION,
        "Lácteos El Ordeño S.A.S.",
        "gerencia.elordeno",
        "Centro",
    ),
    (
        TipoSuscriptor.ORGANIZACION,
        "Asociación de Tenderos de San Pedro",
        "tenderos",
        "Centro",
    ),
    (TipoSuscriptor.CIUDADANO, "Luz Marina Tobón Zapata", "luz.tobon", "El Tambo"),
    (
        TipoSuscriptor.ORGANIZACION,
        "Restaurante La Fonda Paisa",
        "lafondapaisa",
        "Centro",
    ),
    (
        TipoSuscriptor.CIUDADANO,
        "Jhonatan Ospina Cano",
        "jhonatan.ospina",
        "San Francisco",
    ),
]


def cargar():
    importar_funcionarios(
        leer_directorio((CARPETA / "funcionarios.csv").read_bytes()),
        enviar_bienvenida=False,
    )
    # Las cuentas de los roles reciben la clave de demostración para poder entrar.
    for _, correo in USUARIOS_DEMO:
        if correo.endswith("@portal-demo.test"):
            asegurar_usuario(correo)
    encuestas.cargar()
    _cargar_plan()
    actividades.cargar()
    asesoria.cargar()


def _momento(dias: int, hora: int, minuto: int = 0) -> datetime:
    return datetime.combine(
        hoy() + timedelta(days=dias), time(hora, minuto), tzinfo=BOGOTA
    )


def _usuario(correo):
    return get_user_model().objects.get(email=correo)


def _firma() -> FirmaAlcalde:
    firma = FirmaAlcalde.objects.filter(nombre="Andrés Felipe Zapata Arango").first()
    if firma is None:
        firma = FirmaAlcalde(nombre="Andrés Felipe Zapata Arango")
        with open(CARPETA / "firma-alcalde.png", "rb") as imagen:
            firma.imagen.save("firma.png", File(imagen), save=False)
        firma.save()
    return firma


def _suscriptores():
    texto = TextoConsentimiento.vigente() or TextoConsentimiento.objects.create(
        version="2026-1",
        texto="Autorizo el envío de novedades de los trámites en línea por correo.",
    )
    ahora = timezone.now()
    for tipo, nombre, usuario, zona in SUSCRIPTORES:
        Suscriptor.objects.get_or_create(
            correo=f"{usuario}@correo-demo.test",
            defaults={
                "tipo": tipo,
                "nombre": nombre,
                "vereda_barrio": zona,
                "vereda_barrio_clave": clave_de_texto(zona),
                "estado": "ACTIVO",
                "consentimiento": texto,
                "consentimiento_en": ahora - timedelta(days=20),
                "confirmado_en": ahora - timedelta(days=20),
            },
        )
    Segmento.objects.get_or_create(
        nombre="Comercio del casco urbano",
        defaults={"tipos": [TipoSuscriptor.ORGANIZACION], "veredas_barrios": "Centro"},
    )


def _campana(nombre, **datos):
    campana, creada = Campana.objects.get_or_create(nombre=nombre, defaults=datos)
    if creada:
        campana.tramites.set(Tramite.objects.filter(activo=True))
        cambiar_estado_campana(campana_id=campana.pk, hacia=EstadoCampana.ACTIVA)
    return campana


def _pieza(campana, titulo, *, imagen=None, **datos):
    pieza, creada = Pieza.objects.get_or_create(
        campana=campana, titulo=titulo, defaults=datos
    )
    if creada and imagen:
        with open(CARPETA / imagen, "rb") as archivo:
            pieza.imagen.save(imagen, File(archivo), save=True)
    if pieza.estado == estados.BORRADOR:
        piezas.programar_pieza(pieza_id=pieza.pk, usuario=campana.responsable)
    return pieza


def _cargar_plan():
    _suscriptores()
    lider = _usuario("lider.gel@portal-demo.test")
    prensa = _usuario("prensa@portal-demo.test")
    web = _usuario("web@portal-demo.test")

    interna = _campana(
        "Concienciación: los trámites en línea empiezan por casa",
        nivel=Nivel.INTERNO,
        objetivo=(
            "Generar apropiación conceptual, funcional y técnica de las "
            "herramientas y trámites habilitados en medios electrónicos entre los "
            "servidores públicos, para que los conozcan, los usen y orienten a "
            "los ciudadanos."
        ),
        fecha_inicio=hoy() - timedelta(days=14),
        fecha_fin=hoy() + timedelta(days=45),
        responsable=lider,
    )
    _pieza(
        interna,
        "Invitación del alcalde a conocer y usar los trámites en línea",
        canal=Canal.CARTA_ALCALDE,
        cuerpo=CARTA,
        firma=_firma(),
        programada_para=_momento(-10, 8),
    )
    _pieza(
        interna,
        "Video: así se radica una inscripción de Industria y Comercio",
        canal=Canal.INTRANET,
        cuerpo=AVISO_VIDEO,
        enlace=(
            "https://www.youtube.com/results?search_query="
            "San+Pedro+de+los+Milagros+tr%C3%A1mites+en+l%C3%ADnea"
        ),
        texto_enlace="Ver el video (4 minutos)",
        programada_para=_momento(-7, 9),
    )
    _pieza(
        interna,
        "Jornada de capacitación sobre los trámites en línea: lo que veremos",
        canal=Canal.INTRANET,
        cuerpo=AVISO_JORNADA,
        programada_para=_momento(-3, 8),
        visible_hasta=_momento(30, 18),
    )
    _pieza(
        interna,
        "Afiche de la jornada en las carteleras internas",
        canal=Canal.CARTELERAS,
        cuerpo=CARTELERAS,
        responsable=prensa,
        programada_para=_momento(1, 8),
    )
    _pieza(
        interna,
        "Su usuario del portal de trámites ya está activo",
        canal=Canal.CORREO,
        destinatarios=Destinatarios.PERSONAL,
        cuerpo=CORREO_PERSONAL,
        enlace="/cuentas/ingresar/",
        texto_enlace="Entrar al portal",
        programada_para=_momento(2, 10),
    )

    externa = _campana(
        "Conocimiento y difusión de los trámites en línea",
        nivel=Nivel.EXTERNO,
        objetivo=(
            "Involucrar y motivar a ciudadanos y empresas en el uso de los "
            "trámites en línea: que sepan que existen, cómo se hacen y qué ganan "
            "haciéndolos por el portal."
        ),
        fecha_inicio=hoy() - timedelta(days=7),
        fecha_fin=hoy() + timedelta(days=60),
        responsable=prensa,
    )
    _pieza(
        externa,
        "Inscriba su negocio sin hacer fila",
        canal=Canal.BANNER,
        cuerpo=BANNER,
        imagen="banner-tramites.jpg",
        texto_alternativo=(
            "Ilustración: una tienda con toldo azul y, a su lado, un celular con "
            "un formulario y una marca de verificación."
        ),
        texto_enlace="Ver los trámites en línea",
        enlace="/tramites/",
        programada_para=_momento(-5, 6),
        visible_hasta=_momento(55, 23, 59),
        responsable=web,
    )
    _pieza(
        externa,
        "La Alcaldía habilita en línea tres trámites de Industria y Comercio y "
        "horarios",
        canal=Canal.NOTICIA,
        cuerpo=NOTICIA_LANZAMIENTO,
        imagen="noticia-tramites.jpg",
        texto_alternativo=(
            "Pieza de la campaña: «Trámites en línea. Inscriba su negocio sin "
            "hacer fila. Industria y Comercio, novedades del registro y ampliación "
            "de horario, desde su celular», junto a un celular con un radicado."
        ),
        enlace="/tramites/",
        texto_enlace="Ver los trámites en línea",
        programada_para=_momento(-5, 7),
        responsable=web,
    )
    _pieza(
        externa,
        "Asesoría para hacer su trámite en línea: martes, miércoles y jueves",
        canal=Canal.NOTICIA,
        cuerpo=NOTICIA_ASESORIA,
        programada_para=_momento(-1, 7),
        responsable=web,
    )
    _pieza(
        externa,
        "Boletín: ya puede inscribir su negocio en línea",
        canal=Canal.CORREO,
        destinatarios=Destinatarios.SUSCRIPTORES,
        cuerpo=BOLETIN,
        texto_enlace="Conocer los trámites",
        programada_para=_momento(-4, 9),
    )
    cuna_estreno = _pieza(
        externa,
        "Cuña radial de estreno en el magazín de la mañana",
        canal=Canal.EMISORA,
        cuerpo=CUNA,
        programada_para=_momento(-6, 6, 30),
    )
    _pieza(
        externa,
        "Publicación en redes: inscriba su negocio desde el celular",
        canal=Canal.REDES_SOCIALES,
        cuerpo=REDES,
        programada_para=_momento(-2, 12),
    )
    _pieza(
        externa,
        "Cuña radial: segunda semana de emisión",
        canal=Canal.EMISORA,
        cuerpo=CUNA,
        programada_para=_momento(3, 6, 30),
    )
    _pieza(
        externa,
        "Afiches paso a paso en cafés internet y papelerías",
        canal=Canal.AFICHES,
        cuerpo=AFICHES,
        programada_para=_momento(4, 9),
    )
    _pieza(
        externa,
        "Artículo en el periódico local",
        canal=Canal.PRENSA,
        cuerpo=PRENSA,
        programada_para=_momento(6, 8),
    )
    _pieza(
        externa,
        "Comercial en el canal comunitario",
        canal=Canal.TELEVISION,
        cuerpo=TELEVISION,
        programada_para=_momento(10, 19, 30),
    )

    # Lo que ya pasó, el despachador lo entrega ahora (correos a var/correo/).
    despacho.ejecutar_despacho()

    # La cuña de estreno ya salió al aire: su tarea se cerró con evidencia.
    tarea = getattr(cuna_estreno, "tarea", None)
    if tarea is not None and tarea.estado == EstadoTarea.PENDIENTE:
        tareas.cerrar_tarea(
            tarea_id=tarea.pk,
            usuario=prensa,
            evidencia=tareas.Evidencia(
                realizada_el=hoy() - timedelta(days=6),
                enlace="https://www.facebook.com/",
                observaciones="Salió al aire a las 6:40 a. m.; la emisora envió "
                "la certificación de pauta.",
            ),
        )
