"""Demostración de la asesoría: preguntas frecuentes escritas para este portal
y preguntas de la ciudadana de demostración (una respondida, una en estudio y
una que llegó por Facebook). Idempotente: no repite lo que ya existe."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from comunicaciones.models import CanalPregunta, PreguntaCiudadana, PreguntaFrecuente
from comunicaciones.services import asesoria
from tramites.models import TipoTramite, Tramite

CIUDADANA = "ciudadana@portal-demo.test"
HACIENDA = "hacienda@portal-demo.test"

# (tipo de trámite o None, pregunta, respuesta en Markdown)
FRECUENTES = [
    (
        TipoTramite.INSCRIPCION_ICA,
        "¿Tengo que inscribirme en Industria y Comercio si vendo desde mi casa?",
        "Sí. Toda actividad comercial, industrial o de servicios que se ejerza en "
        "el municipio se inscribe, aunque el negocio funcione en la vivienda o en "
        "una finca de vereda. La inscripción es **gratuita** y se hace en línea.",
    ),
    (
        TipoTramite.INSCRIPCION_ICA,
        "¿Qué documentos necesito para la inscripción?",
        "El RUT actualizado, la cédula del titular (o del representante legal) y, "
        "si la tiene, la matrícula mercantil de la Cámara de Comercio. En el "
        "formulario se suben en PDF o en foto.",
    ),
    (
        TipoTramite.NOVEDAD_ICA,
        "Me cambié de local, ¿qué hago?",
        "Reporte una **novedad de traslado** desde «Mis establecimientos» dentro "
        "del mes siguiente al cambio. Si su registro no aparece allí, asócielo a "
        "su cuenta con el código que llega al correo del registro.",
    ),
    (
        TipoTramite.AMPLIACION_HORARIO,
        "¿Con cuánta anticipación pido la ampliación de horario para un evento?",
        "Con al menos diez días hábiles antes del evento. Para aforos grandes se "
        "pide además el plan de contingencia.",
    ),
    (
        None,
        "¿Dónde me explican los trámites en persona?",
        "En el punto de atención al ciudadano del primer piso de la Alcaldía, los "
        "lunes, miércoles y viernes en la mañana; y en las sesiones que se hacen "
        "en colegios y veredas, que se anuncian en esta página.",
    ),
]


def cargar():
    tramites = {t.tipo: t for t in Tramite.objects.all()}
    for orden, (tipo, pregunta, respuesta) in enumerate(FRECUENTES, start=1):
        if not PreguntaFrecuente.objects.filter(pregunta=pregunta).exists():
            asesoria.guardar_frecuente(
                PreguntaFrecuente(
                    tramite=tramites.get(tipo),
                    pregunta=pregunta,
                    respuesta=respuesta,
                    publicada=True,
                    orden=orden,
                )
            )
    Usuario = get_user_model()
    ciudadana = Usuario.objects.filter(email=CIUDADANA).first()
    hacienda = Usuario.objects.filter(email=HACIENDA).first()
    if (
        ciudadana is None
        or PreguntaCiudadana.objects.filter(ciudadano=ciudadana).exists()
    ):
        return
    momento = timezone.now()
    respondida = asesoria.preguntar(
        ciudadano=ciudadana,
        tramite=tramites.get(TipoTramite.NOVEDAD_ICA),
        asunto="Cambio de régimen al SIMPLE",
        texto="Me pasé al régimen SIMPLE en la DIAN. ¿Debo avisarle a la Alcaldía "
        "o se actualiza solo?",
        clase="INFORMACION",
        ahora=momento - timedelta(days=6),
    )
    if hacienda is not None:
        asesoria.responder(
            pregunta_id=respondida.pk,
            actor=hacienda,
            texto="Debe reportarlo con una **novedad de cambio de régimen** en "
            "«Mis establecimientos». La DIAN no nos informa el cambio.",
            ahora=momento - timedelta(days=2),
        )
    asesoria.preguntar(
        ciudadano=ciudadana,
        asunto="Asesoría para la junta de acción comunal",
        texto="Somos de la vereda La Lana. ¿Pueden venir a explicarnos los "
        "trámites en línea un sábado?",
        clase="GENERAL",
        ahora=momento - timedelta(days=1),
    )
    asesoria.preguntar(
        ciudadano=None,
        canal=CanalPregunta.REDES,
        red_social="Facebook",
        perfil="Tienda Las Brisas",
        tramite=tramites.get(TipoTramite.INSCRIPCION_ICA),
        asunto="Inscripción de una tienda",
        texto="Buenas, ¿la inscripción de industria y comercio tiene costo?",
        clase="INFORMACION",
        ahora=momento - timedelta(hours=5),
    )
