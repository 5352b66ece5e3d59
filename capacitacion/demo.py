"""Datos de demostración de la capacitación (DOMAIN §11).

Las cuatro clases de jornada del plan: la jornada de capacitación para todo el
personal (actividades 1–6 y 8), el taller técnico para los administradores de
la herramienta (ya realizado, con asistencia, certificados y memorias), una
socialización del Comité GEL en una dependencia y una asesoría ciudadana en la
ventanilla única. Los textos se escribieron para este portal.

Las fechas se cuentan desde el día en que se carga; todo pasa por los
servicios, como en la vida real. Idempotente: se busca cada jornada por su
título y solo se avanza la que está en borrador.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from capacitacion.models import (
    Alcance,
    EstadoJornada,
    Jornada,
    Material,
    Seguimiento,
    TipoJornada,
)
from capacitacion.services import inscripciones, jornadas, materiales
from comunicaciones.models import Dependencia, Funcionario
from sanpedro_gel.enlaces import url_del_portal
from sanpedro_gel.reloj import BOGOTA, hoy

JORNADA = """\
Una mañana para que todos los servidores públicos, de planta y contratistas, \
conozcan cómo quedaron los tres trámites en línea y qué cambia en su trabajo.

Recorreremos los ajustes propuestos al Estatuto Tributario, el nuevo \
procedimiento y quiénes responden por cada trámite; veremos la herramienta en \
vivo, entregaremos los usuarios pendientes y presentaremos el plan de \
comunicaciones, para que cada uno sepa orientar a un ciudadano hacia el portal.
"""

TALLER = """\
Sesión práctica para quienes administran el portal: crear y desactivar \
cuentas, asignar roles de revisión, importar el directorio de funcionarios, \
revisar la bandeja de solicitudes y atender un bloqueo de acceso.
"""

SOCIALIZACION = """\
El Comité GEL visita la Secretaría de Hacienda para resolver, en su propia \
oficina, las dudas sobre la inscripción y las novedades del Registro de \
Industria y Comercio en línea.
"""

COLEGIO = """\
Un funcionario de la Alcaldía va al colegio de la vereda a mostrar, con un \
celular y un computador, cómo se inscribe un negocio en Industria y Comercio, \
cómo se reporta una novedad y cómo se sigue una solicitud. Traiga su cédula y, \
si tiene negocio, su RUT. Cupo limitado: inscríbase en el portal.
"""

ASESORIA = """\
¿Tiene un negocio y quiere inscribirlo en Industria y Comercio sin hacer \
fila? Venga con su RUT y su celular: una funcionaria de la ventanilla única le \
acompaña a radicar la solicitud en línea, paso a paso.
"""

MEMORIAS = """\
Memorias del taller técnico para administradores de la herramienta

1. Cuentas: cada funcionario entra con su correo institucional; el \
administrador crea la cuenta desde el directorio y la persona define su \
contraseña con el enlace que recibe.
2. Roles: Revisor Hacienda y Revisor Gobierno ven solo las solicitudes de su \
dependencia; el Líder GEL ve el plan completo.
3. Bloqueos: tras varios intentos fallidos la cuenta se bloquea; el \
administrador la desbloquea desde «Intentos de acceso».
4. Directorio: se importa desde una hoja de cálculo (CSV) y se puede volver a \
importar sin duplicar a nadie.

Compromisos: revisar cada lunes las cuentas de contratistas que terminaron \
su contrato.
"""

SEGUIMIENTO = """\
Hola. Pasaron dos semanas desde el taller técnico. Le compartimos cómo vamos:

- Todas las cuentas de revisión quedaron creadas y probadas.
- Si le surgió alguna duda al administrar la herramienta, respóndanos con \
ella y la incluimos en la próxima sesión.

Las memorias del taller siguen disponibles en la página de capacitación.
"""


def _momento(dias: int, hora: int) -> datetime:
    return datetime.combine(hoy() + timedelta(days=dias), time(hora), tzinfo=BOGOTA)


def _lider():
    return get_user_model().objects.filter(email="lider.gel@portal-demo.test").first()


def _funcionarios(*correos):
    return list(Funcionario.objects.filter(correo__in=correos))


def _jornada(titulo: str, **datos) -> tuple[Jornada, bool]:
    jornada, _ = Jornada.objects.get_or_create(
        titulo=titulo, defaults={"responsable": _lider(), "publicada": True, **datos}
    )
    return jornada, jornada.estado == EstadoJornada.BORRADOR


def cargar():
    capacitacion, nueva = _jornada(
        "Jornada de capacitación: los trámites en línea de punta a punta",
        tipo=TipoJornada.CAPACITACION,
        descripcion=JORNADA,
        temas=[1, 2, 3, 4, 5, 6, 8],
        lugar="Auditorio de la Casa de la Cultura",
        inicio=_momento(10, 8),
        fin=_momento(10, 12),
        alcance=Alcance.TODO_EL_PERSONAL,
        cupo=60,
    )
    if nueva:
        jornadas.convocar_jornada(jornada_id=capacitacion.pk)

    _taller()

    hacienda = Dependencia.objects.filter(nombre="Secretaría de Hacienda").first()
    if hacienda is not None:
        socializacion, nueva = _jornada(
            "Socialización del Comité GEL en la Secretaría de Hacienda",
            tipo=TipoJornada.SOCIALIZACION,
            descripcion=SOCIALIZACION,
            temas=[9],
            lugar="Oficina de la Secretaría de Hacienda, segundo piso",
            inicio=_momento(3, 10),
            fin=_momento(3, 11),
            dependencia=hacienda,
            alcance=Alcance.SELECCION,
        )
        if nueva:
            jornadas.convocar_jornada(jornada_id=socializacion.pk)

    asesoria, nueva = _jornada(
        "Asesoría ciudadana: inscriba su negocio en línea",
        tipo=TipoJornada.ASESORIA,
        descripcion=ASESORIA,
        temas=[9],
        lugar="Ventanilla única de la Alcaldía",
        inicio=_momento(5, 9),
        fin=_momento(5, 12),
        alcance=Alcance.SELECCION,
    )
    if nueva:
        asesoria.funcionarios.set(_funcionarios("ventanilla@portal-demo.test"))
        jornadas.convocar_jornada(jornada_id=asesoria.pk)

    _asesoria_en_el_colegio()


def _asesoria_en_el_colegio():
    """La sesión de asesoría en un colegio rural, abierta a la inscripción de
    los ciudadanos, con la ciudadana de demostración ya inscrita."""
    colegio, nueva = _jornada(
        "Trámites en línea para padres de familia y comerciantes de la vereda",
        tipo=TipoJornada.ASESORIA,
        descripcion=COLEGIO,
        temas=[9],
        lugar="Institución Educativa Rural La Lana, vereda La Lana",
        inicio=_momento(12, 15),
        fin=_momento(12, 17),
        alcance=Alcance.SELECCION,
        cupo=25,
    )
    if not nueva:
        return
    colegio.funcionarios.set(_funcionarios("ventanilla@portal-demo.test"))
    jornadas.convocar_jornada(jornada_id=colegio.pk)
    ciudadana = (
        get_user_model().objects.filter(email="ciudadana@portal-demo.test").first()
    )
    if ciudadana is not None:
        inscripciones.inscribir_ciudadano(jornada_id=colegio.pk, usuario=ciudadana)


def _taller():
    """El taller ya se hizo: convocado, con asistencia, cerrado y con memorias."""
    inicio, fin = _momento(-6, 14), _momento(-6, 17)
    taller, nueva = _jornada(
        "Taller técnico para administradores de la herramienta",
        tipo=TipoJornada.TALLER,
        descripcion=TALLER,
        temas=[5, 6, 7],
        lugar="Sala de sistemas, tercer piso",
        inicio=inicio,
        fin=fin,
        alcance=Alcance.SELECCION,
    )
    if not nueva:
        return
    convocados = _funcionarios(
        "soporte@portal-demo.test",
        "web@portal-demo.test",
        "lider.gel@portal-demo.test",
        "archivo@portal-demo.test",
    )
    taller.funcionarios.set(convocados)
    jornadas.convocar_jornada(jornada_id=taller.pk, ahora=inicio - timedelta(days=8))
    jornadas.registrar_asistencia(
        jornada_id=taller.pk,
        funcionario_ids=[
            f.pk for f in convocados if f.correo != "archivo@portal-demo.test"
        ],
        usuario=_lider(),
        ahora=inicio + timedelta(minutes=10),
    )
    jornadas.cerrar_jornada(jornada_id=taller.pk, ahora=fin)

    memorias = Material(jornada=taller, titulo="Memorias del taller")
    memorias.archivo.save(
        "memorias-taller-tecnico.txt", ContentFile(MEMORIAS.encode()), save=True
    )
    presentacion = Material.objects.create(
        jornada=taller,
        titulo="Acceso al administrador de la herramienta (solo personal)",
        enlace=url_del_portal("admin:index"),
        publico=False,
    )
    for material in (memorias, presentacion):
        materiales.publicar_material(material_id=material.pk)
    Seguimiento.objects.create(
        jornada=taller,
        asunto="Seguimiento del taller técnico: cómo vamos",
        mensaje=SEGUIMIENTO,
        enviar_en=_momento(8, 9),
    )
