"""Datos de demostración de trámites: fichas SUIT con su contenido, requisitos,
catálogo CIIU, aviso de privacidad, días no hábiles, un registro ICA de ejemplo
y, para la ciudadana de demostración, un borrador y una solicitud radicada.

Todo es idempotente: `cargar()` crea lo que falta y no toca lo que ya existe
(ni lo que los funcionarios hayan editado en el admin). Los textos son propios,
escritos a partir de las normas citadas; no se copiaron de otros portales.
"""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from tramites.demo import adopcion, fichas, mesa
from tramites.demo.documentos import documento_demo
from tramites.models import (
    AvisoPrivacidad,
    Contribuyente,
    DiaNoHabil,
    Estado,
    Norma,
    Requisito,
    Solicitud,
    TipoTramite,
    Tramite,
)
from tramites.pasos import definicion_de
from tramites.selectores import aviso_vigente
from tramites.services.adjuntos import adjuntar
from tramites.services.borradores import crear_borrador
from tramites.services.importacion import importar_ciiu, importar_registro_ica, leer_csv
from tramites.services.radicacion import radicar_solicitud

CARPETA = Path(__file__).parent
CIUDADANA = "ciudadana@portal-demo.test"

DIAS_NO_HABILES = [
    (date(2026, 12, 24), "Decreto municipal: descanso de Nochebuena (ejemplo de demo)"),
    (
        date(2026, 12, 31),
        "Decreto municipal: cierre de la vigencia fiscal (ejemplo de demo)",
    ),
    (
        date(2027, 1, 8),
        "Decreto municipal: inventario del archivo de gestión (ejemplo de demo)",
    ),
]


def cargar():
    cargar_catalogo()
    cargar_registro()
    cargar_solicitudes_de_la_ciudadana()
    # La mesa de revisión: solicitudes en cada momento del flujo.
    mesa.cargar()
    adopcion.cargar()


def cargar_catalogo():
    """Catálogo CIIU, las tres fichas con normas y requisitos, aviso y días."""
    importar_ciiu(leer_csv((CARPETA / "ciiu.csv").read_bytes()))
    for datos in fichas.FICHAS:
        _ficha(datos)
    AvisoPrivacidad.objects.get_or_create(
        tramite=None,
        version=fichas.AVISO_VERSION,
        defaults={
            "texto": fichas.AVISO_TEXTO,
            "vigente_desde": datetime(2026, 1, 1, tzinfo=ZoneInfo("America/Bogota")),
        },
    )
    for fecha, motivo in DIAS_NO_HABILES:
        DiaNoHabil.objects.get_or_create(fecha=fecha, defaults={"motivo": motivo})


@transaction.atomic
def _ficha(datos: dict) -> Tramite:
    campos = {k: v for k, v in datos.items() if k not in ("normas", "requisitos")}
    tramite, creado = Tramite.objects.get_or_create(
        tipo=campos.pop("tipo"), defaults=campos
    )
    if creado or not tramite.normas.exists():
        for orden, (nombre, articulos, url) in enumerate(datos["normas"], start=1):
            Norma.objects.create(
                tramite=tramite,
                nombre=nombre,
                articulos=articulos,
                url=url,
                orden=orden,
            )
    if creado or not tramite.requisitos.exists():
        for orden, requisito in enumerate(datos["requisitos"], start=1):
            Requisito.objects.create(tramite=tramite, orden=orden, **requisito)
    return tramite


def cargar_registro():
    """El registro ICA de ejemplo, con el mismo comando que usaría la Alcaldía."""
    resultado = importar_registro_ica(
        leer_csv((CARPETA / "registro_ica.csv").read_bytes())
    )
    if resultado.errores:
        raise RuntimeError(
            f"El registro ICA de demostración tiene errores: {resultado.errores}"
        )


def cargar_solicitudes_de_la_ciudadana():
    """Un borrador de inscripción y una novedad radicada con el servicio real."""
    ciudadana = get_user_model().objects.filter(email=CIUDADANA).first()
    if ciudadana is None:
        return
    inscripcion = Tramite.objects.get(tipo=TipoTramite.INSCRIPCION_ICA)
    novedad = Tramite.objects.get(tipo=TipoTramite.NOVEDAD_ICA)
    propias = Solicitud.objects.filter(solicitante=ciudadana)
    # Su registro (ICA-000041) ya está en «Mis establecimientos», como si lo
    # hubiera reclamado con el código. Otros, como el del Fogón Paisa
    # (ICA-000160), quedan sin titular para probar el reclamo: en el portal
    # embebido el código llega a var/correo/.
    Contribuyente.objects.filter(
        matricula="ICA-000041", titular_cuenta__isnull=True
    ).update(titular_cuenta=ciudadana)

    if not propias.filter(tramite=inscripcion, estado=Estado.BORRADOR).exists():
        borrador = crear_borrador(
            tramite=inscripcion, solicitante=ciudadana, origen="afiche-cafe-internet"
        )
        borrador.datos = {"contribuyente": fichas.BORRADOR_CONTRIBUYENTE}
        borrador.paso_actual = "registro_mercantil"
        borrador.save(update_fields=["datos", "paso_actual"])

    if propias.filter(tramite=novedad).exclude(estado=Estado.BORRADOR).exists():
        return
    contribuyente = Contribuyente.objects.get(matricula="ICA-000041")
    establecimiento = contribuyente.establecimientos.get()
    solicitud = crear_borrador(tramite=novedad, solicitante=ciudadana, origen="emisora")
    solicitud.datos = fichas.novedad_de_la_ciudadana(contribuyente, establecimiento)
    solicitud.save(update_fields=["datos"])
    definicion = definicion_de(novedad.tipo)
    for requisito in definicion.requisitos_aplicables(solicitud):
        if requisito.se_adjunta and requisito.obligatorio:
            adjuntar(
                solicitud=solicitud,
                requisito=requisito,
                archivo=documento_demo(requisito.nombre),
            )
    radicar_solicitud(
        solicitud_id=solicitud.pk,
        actor=ciudadana,
        aviso=aviso_vigente(novedad),
        como_se_entero="EMISORA",
        origen="emisora",
    )
