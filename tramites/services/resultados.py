"""Lo que produce aprobar una solicitud, según el trámite: la inscripción o la
novedad aplicada al registro de Industria y Comercio con su certificado o
constancia, o la resolución que concede la ampliación de horario.

Se llama dentro de la transacción que aprueba (`revision.aprobar`): si el
resultado no puede aplicarse, `TransicionInvalida` y nada cambia.
"""

from datetime import date, time

from sanpedro_gel.excepciones import TransicionInvalida
from tramites.models import (
    Establecimiento,
    Solicitud,
    TipoDocumentoExpedido,
    TipoTramite,
)
from tramites.services import documentos, registro

CALIDADES = {
    "PROPIETARIO": "Propietario(a)",
    "REPRESENTANTE_LEGAL": "Representante legal",
    "ADMINISTRADOR": "Administrador(a)",
}
TIPOS_AMPLIACION = {
    "OCASIONAL": "Ocasional (evento)",
    "TEMPORADA": "De temporada",
    "PERMANENTE": "Permanente",
}
ACTIVIDADES_EVENTO = {
    "MUSICA_EN_VIVO": "Música en vivo",
    "MUSICA_GRABADA": "Música grabada",
    "BAILE": "Baile",
    "PRESENTACION_ARTISTICA": "Presentación artística",
    "EVENTO_PRIVADO": "Evento privado",
}


def aplicar(
    *,
    solicitud: Solicitud,
    actor,
    hoy: date,
    observaciones: str,
    concesion: dict | None = None,
):
    """Aplica el resultado de `solicitud` y devuelve el documento expedido."""
    tipo = solicitud.tramite.tipo
    if tipo == TipoTramite.INSCRIPCION_ICA:
        return _inscripcion(solicitud, actor, hoy, observaciones)
    if tipo == TipoTramite.NOVEDAD_ICA:
        return _novedad(solicitud, actor, hoy, observaciones)
    return _horario(solicitud, actor, hoy, observaciones, concesion)


def _inscripcion(solicitud, actor, hoy, observaciones):
    contribuyente = registro.aplicar_inscripcion(
        solicitud=solicitud, actor=actor, hoy=hoy
    )
    actividades = list(
        contribuyente.actividades.select_related("actividad").order_by(
            "-principal", "actividad_id"
        )
    )
    return documentos.expedir(
        solicitud=solicitud,
        tipo=TipoDocumentoExpedido.CERTIFICADO_INSCRIPCION,
        actor=actor,
        contribuyente=contribuyente,
        vigente_desde=hoy,
        contenido={
            "matricula": contribuyente.matricula,
            "contribuyente": _datos_contribuyente(contribuyente),
            "actividades": [
                {
                    "codigo": a.actividad_id,
                    "descripcion": a.actividad.descripcion,
                    "principal": a.principal,
                }
                for a in actividades
            ],
            "establecimientos": [
                {
                    "nombre_comercial": e.nombre_comercial,
                    "direccion": e.direccion,
                    "barrio_vereda": e.barrio_vereda,
                    "zona": e.get_zona_display().split(" (")[0].lower(),
                    "actividad": e.actividad_id,
                    "inicio_actividades": e.inicio_actividades.isoformat(),
                }
                for e in contribuyente.establecimientos.order_by("pk")
            ],
            "inscrito_el": hoy.isoformat(),
            "observaciones": observaciones,
        },
    )


def _datos_contribuyente(contribuyente) -> dict:
    return {
        "nombre": contribuyente.nombre,
        "tipo_documento": contribuyente.get_tipo_documento_display(),
        "numero_documento": contribuyente.numero_documento,
        "digito_verificacion": contribuyente.digito_verificacion,
        "naturaleza": contribuyente.get_naturaleza_display(),
        "regimen": contribuyente.get_regimen_display(),
        "direccion_notificacion": contribuyente.direccion_notificacion,
        "municipio_notificacion": contribuyente.municipio_notificacion,
        "departamento_notificacion": contribuyente.departamento_notificacion,
        "matricula_mercantil": contribuyente.matricula_mercantil,
        "camara_comercio": contribuyente.camara_comercio,
    }


def _novedad(solicitud, actor, hoy, observaciones):
    contribuyente, cambios = registro.aplicar_novedad(
        solicitud=solicitud, actor=actor, hoy=hoy
    )
    return documentos.expedir(
        solicitud=solicitud,
        tipo=TipoDocumentoExpedido.CONSTANCIA_NOVEDAD,
        actor=actor,
        contribuyente=contribuyente,
        vigente_desde=hoy,
        contenido={
            "matricula": contribuyente.matricula,
            "contribuyente": _datos_contribuyente(contribuyente),
            "fecha_hecho": solicitud.datos.get("novedades", {}).get("fecha_hecho"),
            "cambios": [
                {"titulo": c.titulo, "filas": [list(f) for f in c.filas]}
                for c in cambios
            ],
            "cancelado": contribuyente.estado == "CANCELADO",
            "cancelado_el": contribuyente.cancelado_el.isoformat()
            if contribuyente.cancelado_el
            else None,
            "observaciones": observaciones,
        },
    )


def condiciones_por_defecto(solicitud: Solicitud) -> list[str]:
    """Las condiciones habituales del permiso, que el revisor puede editar."""
    pedido = solicitud.datos.get("solicitud", {})
    condiciones = []
    if pedido.get("aforo"):
        condiciones.append(
            f"Respetar el aforo máximo de {pedido['aforo']} personas durante todo "
            "el horario ampliado."
        )
    if pedido.get("personal_seguridad"):
        condiciones.append(
            "Mantener durante el horario ampliado el personal de seguridad "
            f"indicado en la solicitud ({pedido['personal_seguridad']} personas) y "
            "las medidas de seguridad y logística descritas."
        )
    condiciones += [
        "No superar los niveles máximos de emisión de ruido de la Resolución 627 "
        "de 2006 del Ministerio de Ambiente, Vivienda y Desarrollo Territorial.",
        "No vender ni suministrar bebidas alcohólicas a menores de edad ni a "
        "personas en evidente estado de embriaguez.",
        "Permitir las visitas de inspección de la Policía Nacional y de la "
        "Secretaría General y de Gobierno. El incumplimiento de estas condiciones "
        "da lugar a la revocatoria del permiso y a las medidas correctivas de la "
        "Ley 1801 de 2016.",
    ]
    return condiciones


def _horario(solicitud, actor, hoy, observaciones, concesion):
    datos = solicitud.datos
    pedido = datos.get("solicitud", {})
    try:
        local = (
            Establecimiento.objects.activos()
            .select_related("contribuyente", "actividad")
            .get(pk=datos.get("establecimiento", {}).get("establecimiento_id"))
        )
    except Establecimiento.DoesNotExist:
        raise TransicionInvalida(
            "El establecimiento ya no está activo en el registro de Industria y "
            "Comercio (local cerrado o registro cancelado): no puede concederse la "
            "ampliación. Rechace la solicitud con esa motivación."
        ) from None
    concesion = concesion or {}
    inicio = concesion.get("fecha_inicio") or registro._fecha(
        pedido.get("fecha_inicio")
    )
    fin = concesion.get("fecha_fin") or registro._fecha(pedido.get("fecha_fin"))
    if "fecha_fin" in concesion and concesion["fecha_fin"] is None:
        fin = None
    hora = concesion.get("hora_cierre") or pedido.get("hora_cierre")
    if isinstance(hora, time):
        hora = hora.strftime("%H:%M")
    if fin and inicio and fin < inicio:
        raise TransicionInvalida("La fecha final no puede ser anterior a la inicial.")
    condiciones = concesion.get("condiciones") or condiciones_por_defecto(solicitud)
    solicitante = datos.get("solicitante", {})
    return documentos.expedir(
        solicitud=solicitud,
        tipo=TipoDocumentoExpedido.RESOLUCION_HORARIO,
        actor=actor,
        numerada=True,
        establecimiento=local,
        contribuyente=local.contribuyente,
        vigente_desde=inicio,
        vigente_hasta=fin,
        contenido={
            "solicitante": {
                "nombre": solicitante.get("nombre", solicitud.nombre_solicitante),
                "tipo_documento": solicitante.get("tipo_documento", ""),
                "numero_documento": solicitante.get(
                    "numero_documento", solicitud.documento
                ),
                "calidad": CALIDADES.get(solicitante.get("calidad"), ""),
            },
            "establecimiento": {
                "matricula": local.contribuyente.matricula,
                "contribuyente": local.contribuyente.nombre,
                "nombre_comercial": local.nombre_comercial,
                "direccion": local.direccion,
                "barrio_vereda": local.barrio_vereda,
                "actividad": str(local.actividad),
                "horario_ordinario": local.horario_ordinario.rstrip(". "),
                "aforo": local.aforo,
            },
            "tipo": TIPOS_AMPLIACION.get(pedido.get("tipo"), pedido.get("tipo", "")),
            "fecha_inicio": inicio.isoformat() if inicio else None,
            "fecha_fin": fin.isoformat() if fin else None,
            "hora_cierre": hora,
            "hora_cierre_solicitada": pedido.get("hora_cierre"),
            "motivo": pedido.get("motivo", ""),
            "actividades": [
                ACTIVIDADES_EVENTO.get(a, a) for a in pedido.get("actividades", [])
            ],
            "aforo": pedido.get("aforo"),
            "personal_seguridad": pedido.get("personal_seguridad"),
            "condiciones": condiciones,
            "observaciones": observaciones,
        },
    )
