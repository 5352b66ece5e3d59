"""Fábricas de datos de prueba. Nunca llaman servicios: una prueba que necesita
un estado real (radicada, aprobada…) llama al servicio correspondiente."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.co import nit

from comunicaciones.models import (
    Audiencia,
    Campana,
    Canal,
    Dependencia,
    Destinatarios,
    Encuesta,
    EstadoSuscriptor,
    FirmaAlcalde,
    Funcionario,
    Nivel,
    Opcion,
    Pieza,
    Pregunta,
    Segmento,
    Suscriptor,
    TextoConsentimiento,
    TipoPregunta,
    TipoSuscriptor,
    Vinculacion,
)
from tramites.models import (
    ActividadCIIU,
    ActividadContribuyente,
    AvisoPrivacidad,
    CondicionRequisito,
    Contribuyente,
    Establecimiento,
    Naturaleza,
    Regimen,
    Requisito,
    Solicitud,
    TipoDocumento,
    TipoTramite,
    Tramite,
    Zona,
)

CLAVE = "Clave-de-prueba-2026"


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@correo.test")
    first_name = "Ana"
    last_name = "Pérez"
    password = factory.django.Password(CLAVE)

    @factory.post_generation
    def correo_verificado(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class DependenciaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dependencia
        django_get_or_create = ["nombre"]

    nombre = "Secretaría de Hacienda"


class FuncionarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funcionario

    nombres = "Luisa"
    apellidos = factory.Sequence(lambda n: f"Restrepo {n}")
    correo = factory.Sequence(lambda n: f"funcionario{n}@alcaldia.test")
    cargo = "Profesional universitario"
    dependencia = factory.SubFactory(DependenciaFactory)
    vinculacion = Vinculacion.CARRERA_ADMINISTRATIVA
    usuario = factory.SubFactory(
        UsuarioFactory, email=factory.SelfAttribute("..correo")
    )


# --- Trámites -------------------------------------------------------------------


class TramiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tramite
        django_get_or_create = ["tipo"]

    tipo = TipoTramite.INSCRIPCION_ICA
    nombre = factory.LazyAttribute(lambda o: TipoTramite(o.tipo).label)
    slug = factory.LazyAttribute(lambda o: o.tipo.lower().replace("_", "-"))
    dependencia = "Secretaría de Hacienda"
    proposito = "Propósito del trámite."
    dirigido_a = "Personas naturales y jurídicas."
    pasos = "Ingrese\nDiligencie\nRadique"
    donde_y_cuando = "En línea, todos los días."
    resultado = "Resultado del trámite."
    medio_seguimiento = "Portal, consulta por radicado."
    plazo_dias_habiles = 15

    class Params:
        novedad = factory.Trait(tipo=TipoTramite.NOVEDAD_ICA)
        horario = factory.Trait(
            tipo=TipoTramite.AMPLIACION_HORARIO,
            dependencia="Secretaría General y de Gobierno",
        )


class AvisoPrivacidadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvisoPrivacidad
        django_get_or_create = ["version"]

    version = "2026-1"
    texto = "Aviso de tratamiento de datos personales."
    vigente_desde = factory.LazyFunction(timezone.now)


class ActividadCIIUFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActividadCIIU
        django_get_or_create = ["codigo"]

    codigo = "4711"
    descripcion = "Comercio al por menor en establecimientos no especializados"
    seccion = "G"


class SolicitudFactory(factory.django.DjangoModelFactory):
    """Borrador por defecto. `radicada=True` da una fila radicada sin efectos
    (sin constancia ni acuse), como la dejaría un broker caído; para el flujo
    real use `services.radicar_solicitud`."""

    class Meta:
        model = Solicitud

    tramite = factory.SubFactory(TramiteFactory)
    solicitante = factory.SubFactory(UsuarioFactory)
    datos = factory.LazyFunction(dict)

    class Params:
        radicada = factory.Trait(
            estado="RADICADO",
            radicado=factory.Sequence(lambda n: f"ICA-2026-{n + 1:06d}"),
            radicado_en=factory.LazyFunction(timezone.now),
            vence_el=date(2026, 12, 21),
            codigo_verificacion=factory.Sequence(lambda n: f"PRUEB{n:03d}"[:8]),
            documento="43123456",
            nombre_solicitante="María Gómez",
        )


class RequisitoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requisito

    tramite = factory.SubFactory(TramiteFactory)
    nombre = factory.Sequence(lambda n: f"Documento {n}")
    condicion = CondicionRequisito.SIEMPRE
    obligatorio = True


class ContribuyenteFactory(factory.django.DjangoModelFactory):
    """Un inscrito en el registro ICA (persona jurídica con NIT válido)."""

    class Meta:
        model = Contribuyente

    matricula = factory.Sequence(lambda n: f"ICA-{n + 100:06d}")
    tipo_documento = TipoDocumento.NIT
    numero_documento = factory.Sequence(lambda n: f"{900100000 + n}")
    digito_verificacion = factory.LazyAttribute(
        lambda o: nit.calc_check_digit(o.numero_documento)
    )
    naturaleza = Naturaleza.PERSONA_JURIDICA
    nombre = factory.Sequence(lambda n: f"Comercializadora Lechera {n} S.A.S.")
    regimen = Regimen.ORDINARIO
    direccion_notificacion = "Carrera 50 # 52-14"
    telefono = "6048687123"
    celular = "3104567890"
    correo = factory.Sequence(lambda n: f"contabilidad{n}@empresa.test")
    matricula_mercantil = "21-654321-16"
    camara_comercio = "Cámara de Comercio de Medellín para Antioquia"
    representante_nombres = "Ana María Restrepo Gil"
    representante_tipo_documento = TipoDocumento.CC
    representante_numero_documento = "43555111"
    representante_correo = "gerencia@empresa.test"
    inscrito_el = date(2020, 3, 1)


class EstablecimientoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establecimiento

    contribuyente = factory.SubFactory(ContribuyenteFactory)
    nombre_comercial = factory.Sequence(lambda n: f"Establecimiento {n}")
    direccion = "Calle 51 # 50-10"
    zona = Zona.URBANA
    barrio_vereda = "Centro"
    actividad = factory.SubFactory(ActividadCIIUFactory)
    inicio_actividades = date(2020, 3, 1)
    area_m2 = Decimal("80.00")
    empleados = 3
    aforo = 80
    horario_ordinario = "Hasta las 2:00 a. m."


class ActividadContribuyenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActividadContribuyente

    contribuyente = factory.SubFactory(ContribuyenteFactory)
    actividad = factory.SubFactory(ActividadCIIUFactory)
    principal = True


# --- Comunicaciones --------------------------------------------------------------


class TextoConsentimientoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TextoConsentimiento
        django_get_or_create = ["version"]

    version = "2026-1"
    texto = "Autorizo el envío de novedades por correo."
    vigente_desde = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class SuscriptorFactory(factory.django.DjangoModelFactory):
    """Suscriptor ya confirmado (activo)."""

    class Meta:
        model = Suscriptor

    tipo = TipoSuscriptor.CIUDADANO
    nombre = factory.Sequence(lambda n: f"Ciudadana {n}")
    correo = factory.Sequence(lambda n: f"suscriptor{n}@correo.test")
    vereda_barrio = "Centro"
    vereda_barrio_clave = factory.LazyAttribute(
        lambda o: " ".join(o.vereda_barrio.lower().split())
    )
    estado = EstadoSuscriptor.ACTIVO
    consentimiento = factory.SubFactory(TextoConsentimientoFactory)
    consentimiento_en = factory.LazyFunction(timezone.now)
    confirmado_en = factory.LazyFunction(timezone.now)


class SegmentoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segmento

    nombre = factory.Sequence(lambda n: f"Segmento {n}")


class CampanaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campana

    nivel = Nivel.EXTERNO
    nombre = "Conocimiento y difusión de los trámites en línea"
    objetivo = "Que ciudadanos y empresas conozcan y usen los trámites en línea."
    fecha_inicio = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=7)
    )
    fecha_fin = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    responsable = factory.SubFactory(UsuarioFactory, is_staff=True)


class FirmaAlcaldeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FirmaAlcalde

    nombre = "Andrés Felipe Zapata Arango"
    cargo = "Alcalde municipal"
    imagen = factory.django.ImageField(
        filename="firma.png", width=240, height=80, color="white", format="PNG"
    )


class PiezaFactory(factory.django.DjangoModelFactory):
    """Borrador de correo a suscriptores por defecto; traits por canal."""

    class Meta:
        model = Pieza

    campana = factory.SubFactory(CampanaFactory)
    canal = Canal.CORREO
    titulo = "Ya puede inscribir su negocio en línea"
    cuerpo = "Hola, {{ nombre }}: **sin filas** y desde su casa."
    destinatarios = Destinatarios.SUSCRIPTORES
    programada_para = factory.LazyFunction(
        lambda: timezone.now() - timedelta(minutes=1)
    )

    class Params:
        programada = factory.Trait(estado="PROGRAMADA")
        al_personal = factory.Trait(destinatarios=Destinatarios.PERSONAL)
        banner = factory.Trait(
            canal=Canal.BANNER,
            destinatarios="",
            imagen=factory.django.ImageField(
                filename="banner.png", width=1200, height=300, color="#3366cc"
            ),
            texto_alternativo="Persona radicando un trámite desde su celular",
            enlace="/tramites/inscripcion-ica/",
            visible_hasta=factory.LazyFunction(
                lambda: timezone.now() + timedelta(days=7)
            ),
        )
        noticia = factory.Trait(canal=Canal.NOTICIA, destinatarios="")
        intranet = factory.Trait(canal=Canal.INTRANET, destinatarios="")
        carta = factory.Trait(
            canal=Canal.CARTA_ALCALDE,
            destinatarios="",
            titulo="Invitación a conocer los trámites en línea",
            cuerpo=(
                "Apreciado(a) {{ nombre }}, como {{ cargo }} de {{ dependencia }} "
                "le invito a conocer el portal."
            ),
            firma=factory.SubFactory(FirmaAlcaldeFactory),
        )
        emisora = factory.Trait(
            canal=Canal.EMISORA, destinatarios="", titulo="Cuña en la emisora"
        )


class EncuestaFactory(factory.django.DjangoModelFactory):
    """Encuesta interna anónima, abierta desde ayer y por dos semanas."""

    class Meta:
        model = Encuesta

    titulo = factory.Sequence(lambda n: f"Encuesta de comunicaciones {n}")
    slug = factory.Sequence(lambda n: f"encuesta-de-comunicaciones-{n}")
    audiencia = Audiencia.INTERNA
    anonima = True
    introduccion = "Cuéntenos por qué medios se entera de los temas de la Alcaldía."
    abre_en = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    cierra_en = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

    class Params:
        externa = factory.Trait(
            audiencia=Audiencia.EXTERNA,
            pregunta_zona=True,
            pregunta_edad=True,
            aviso_datos="La Alcaldía usa la zona y la edad solo para las estadísticas.",
        )
        nominal = factory.Trait(
            anonima=False,
            aviso_datos="La Alcaldía guarda su nombre con sus respuestas.",
        )


class PreguntaFactory(factory.django.DjangoModelFactory):
    """Pregunta de selección única; con `opciones=[…]` crea sus opciones."""

    class Meta:
        model = Pregunta
        skip_postgeneration_save = True

    encuesta = factory.SubFactory(EncuestaFactory)
    orden = factory.Sequence(lambda n: n + 1)
    texto = "¿Por qué medio se entera de los temas de Gobierno en Línea?"
    tipo = TipoPregunta.UNICA

    @factory.post_generation
    def opciones(obj, create, extracted, **kwargs):
        for orden, texto in enumerate(extracted or [], start=1):
            Opcion.objects.create(pregunta=obj, orden=orden, texto=texto)


# --- Capacitación -----------------------------------------------------------------


class JornadaFactory(factory.django.DjangoModelFactory):
    """Jornada en borrador, dentro de 10 días de 8:00 a 12:00 (hora de Colombia)."""

    class Meta:
        model = "capacitacion.Jornada"

    tipo = "CAPACITACION"
    titulo = factory.Sequence(lambda n: f"Jornada de capacitación {n}")
    descripcion = "Los trámites en línea, paso a paso."
    temas = [1, 2, 3, 4, 5, 6, 8]
    lugar = "Auditorio de la Casa de la Cultura"
    inicio = factory.LazyFunction(
        lambda: (
            timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
            + timedelta(days=10)
        )
    )
    fin = factory.LazyAttribute(lambda o: o.inicio + timedelta(hours=4))
    alcance = "TODO"
    publicada = True
