"""Aplicar al registro municipal de Industria y Comercio lo que se aprueba.

Cada escritura deja su versión en el historial (django-simple-history) con quién
la hizo y por cuál radicado (`history_change_reason`). Se llama dentro de la
transacción que aprueba la solicitud: si algo falla, nada queda a medias.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from sanpedro_gel.excepciones import TransicionInvalida
from sanpedro_gel.transiciones import mover_estado
from tramites import estados
from tramites.models import (
    ActividadCIIU,
    ActividadContribuyente,
    Contribuyente,
    Establecimiento,
    EstadoRegistro,
    Naturaleza,
    Regimen,
    Solicitud,
    TipoDocumento,
    TipoNovedad,
    Zona,
)
from tramites.services.consecutivos import siguiente_numero

# La matrícula ICA no depende del año: una sola serie para todo el registro.
SERIE_MATRICULA = ("MATRICULA", 0)


@dataclass
class Cambio:
    """Lo que una novedad cambió: para la constancia y para el historial."""

    tipo: str
    titulo: str
    filas: list[tuple[str, str, str]] = field(default_factory=list)


def _fecha(valor) -> date | None:
    if not valor:
        return None
    if isinstance(valor, date):
        return valor
    return date.fromisoformat(str(valor))


def _decimal(valor) -> Decimal:
    try:
        return Decimal(str(valor))
    except (InvalidOperation, TypeError):
        return Decimal("0")


def _firmar(objeto, *, actor, motivo: str) -> None:
    # simple-history toma usuario y motivo de estos atributos de la instancia;
    # su columna del motivo tiene 100 caracteres.
    objeto._history_user = actor
    objeto._change_reason = motivo[:100]


def guardar_version(objeto, *, actor, motivo: str) -> None:
    """Guarda `objeto` del registro (contribuyente, establecimiento, actividad)
    y deja su versión en el historial con quién (`actor`) y por qué (`motivo`).
    El estado del contribuyente no se escribe así: `cambiar_estado_registro`."""
    _firmar(objeto, actor=actor, motivo=motivo)
    objeto.save()


def _borrar(objeto, *, actor, motivo: str) -> None:
    _firmar(objeto, actor=actor, motivo=motivo)
    objeto.delete()


def _legible(modelo, campo: str, valor) -> str:
    if valor in (None, ""):
        return "—"
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    choices = dict(modelo._meta.get_field(campo).choices or [])
    if valor in choices:
        return str(choices[valor])
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    return str(valor)


def _diferencias(objeto, valores: dict) -> list[tuple]:
    """[(campo legible, antes, después)] de lo que `valores` cambiaría."""
    filas = []
    for campo, nuevo in valores.items():
        anterior = getattr(objeto, campo)
        if anterior == nuevo:
            continue
        etiqueta = str(objeto._meta.get_field(campo).verbose_name).capitalize()
        filas.append(
            (
                etiqueta,
                _legible(type(objeto), campo, anterior),
                _legible(type(objeto), campo, nuevo),
            )
        )
    return filas


def _asignar(objeto, valores: dict, *, actor, motivo: str) -> list[tuple]:
    """Escribe `valores` en `objeto`; guarda una versión si algo cambió.

    Devuelve [(campo legible, antes, después)] de lo que cambió. El estado del
    contribuyente no pasa por aquí: lo escribe `cambiar_estado_registro`.
    """
    filas = _diferencias(objeto, valores)
    if filas:
        for campo, nuevo in valores.items():
            setattr(objeto, campo, nuevo)
        guardar_version(objeto, actor=actor, motivo=motivo)
    return filas


def cambiar_estado_registro(
    *, contribuyente: Contribuyente, destino: str, actor, motivo: str, **campos
) -> list[tuple]:
    """El único escritor de `Contribuyente.estado`: ACTIVO ⇄ CANCELADO según
    `estados.REGISTRO`, con `campos` (p. ej. `cancelado_el`) en el mismo UPDATE
    condicionado al estado que tenía `contribuyente`.

    Deja la versión en el historial con `actor` y `motivo`, como toda escritura
    del registro, y devuelve [(campo legible, antes, después)]. Lanza
    `TransicionInvalida` si el paso no está en la tabla y `ConflictoDeEstado`
    si otro proceso cambió el estado en el medio.
    """
    filas = _diferencias(contribuyente, {"estado": destino, **campos})
    mover_estado(
        Contribuyente,
        pk=contribuyente.pk,
        tabla=estados.REGISTRO,
        origen=contribuyente.estado,
        destino=destino,
        campos=campos,
    )
    contribuyente.refresh_from_db()
    _firmar(contribuyente, actor=actor, motivo=motivo)
    Contribuyente.history.bulk_history_create([contribuyente], update=True)
    return filas


def _ciiu(codigo: str) -> ActividadCIIU:
    try:
        return ActividadCIIU.objects.get(codigo=codigo)
    except ActividadCIIU.DoesNotExist:
        raise TransicionInvalida(
            f"La actividad CIIU {codigo} no está en el catálogo; agréguela antes "
            "de aprobar."
        ) from None


def _valores_establecimiento(datos: dict) -> dict:
    return {
        "nombre_comercial": datos.get("nombre_comercial", ""),
        "direccion": datos.get("direccion", ""),
        "zona": datos.get("zona") or Zona.URBANA,
        "barrio_vereda": datos.get("barrio_vereda", ""),
        "telefono": datos.get("telefono") or "",
        "actividad": _ciiu(datos.get("actividad", "")),
        "inicio_actividades": _fecha(datos.get("inicio_actividades"))
        or timezone.localdate(),
        "area_m2": _decimal(datos.get("area_m2")),
        "empleados": int(datos.get("empleados") or 0),
        "avisos_tableros": bool(datos.get("avisos_tableros")),
        "aforo": datos.get("aforo") or None,
        "horario_ordinario": datos.get("horario_ordinario") or "",
    }


def nueva_matricula() -> str:
    """La siguiente matrícula ICA libre. Dentro de la transacción que la usa.

    El consecutivo no sabe de las matrículas que trajo la importación del
    registro anterior: se salta las que ya existan.
    """
    while True:
        numero = siguiente_numero(*SERIE_MATRICULA)
        matricula = f"ICA-{numero:06d}"
        if not Contribuyente.objects.filter(matricula=matricula).exists():
            return matricula


def aplicar_inscripcion(*, solicitud: Solicitud, actor, hoy: date) -> Contribuyente:
    """Inscribe en el registro al contribuyente de la solicitud de inscripción.

    Crea contribuyente (con matrícula ICA nueva), actividades y
    establecimientos. Lanza `TransicionInvalida` si el documento ya tiene un
    registro activo (corresponde una novedad, no una inscripción).
    """
    datos = solicitud.datos
    persona = datos.get("contribuyente", {})
    mercantil = datos.get("registro_mercantil", {})
    representacion = datos.get("representacion", {})
    actividades = datos.get("actividades", {})
    motivo = f"Inscripción, radicado {solicitud.radicado}"

    existente = (
        Contribuyente.objects.activos()
        .filter(
            tipo_documento=persona.get("tipo_documento"),
            numero_documento=persona.get("numero_documento"),
        )
        .first()
    )
    if existente:
        raise TransicionInvalida(
            f"El documento {existente.numero_documento} ya está inscrito con la "
            f"matrícula {existente.matricula}. Rechace la solicitud o indique al "
            "ciudadano que tramite una novedad."
        )

    contribuyente = Contribuyente(
        matricula=nueva_matricula(),
        tipo_documento=persona.get("tipo_documento") or TipoDocumento.CC,
        numero_documento=persona.get("numero_documento", ""),
        digito_verificacion=persona.get("digito_verificacion") or "",
        naturaleza=persona.get("naturaleza") or Naturaleza.PERSONA_NATURAL,
        nombre=persona.get("nombre", ""),
        regimen=persona.get("regimen") or Regimen.ORDINARIO,
        direccion_notificacion=persona.get("direccion_notificacion", ""),
        municipio_notificacion=persona.get("municipio_notificacion")
        or "San Pedro de los Milagros",
        departamento_notificacion=persona.get("departamento_notificacion")
        or "Antioquia",
        telefono=persona.get("telefono") or "",
        celular=persona.get("celular") or "",
        correo=persona.get("correo") or "",
        autoriza_notificacion_electronica=bool(
            persona.get("autoriza_notificacion_electronica")
        ),
        matricula_mercantil=mercantil.get("matricula_mercantil") or "",
        fecha_matricula_mercantil=_fecha(mercantil.get("fecha_matricula_mercantil")),
        camara_comercio=mercantil.get("camara_comercio") or "",
        representante_nombres=representacion.get("representante_nombres") or "",
        representante_tipo_documento=representacion.get("representante_tipo_documento")
        or "",
        representante_numero_documento=representacion.get(
            "representante_numero_documento"
        )
        or "",
        representante_correo=representacion.get("representante_correo") or "",
        estado=EstadoRegistro.ACTIVO,
        inscrito_el=hoy,
        # El registro es de la cuenta que lo inscribió: la ve en «Mis
        # establecimientos» y solo ella (y sus apoderados) tramita por él.
        titular_cuenta=solicitud.solicitante,
    )
    try:
        with transaction.atomic():
            guardar_version(contribuyente, actor=actor, motivo=motivo)
    except IntegrityError:
        raise TransicionInvalida(
            "Otro registro activo con el mismo documento se creó mientras tanto."
        ) from None

    principal = actividades.get("principal")
    codigos = [principal, *actividades.get("secundarias", [])]
    for codigo in dict.fromkeys(c for c in codigos if c):
        guardar_version(
            ActividadContribuyente(
                contribuyente=contribuyente,
                actividad=_ciiu(codigo),
                principal=codigo == principal,
            ),
            actor=actor,
            motivo=motivo,
        )
    for datos_local in datos.get("establecimientos", []):
        guardar_version(
            Establecimiento(
                contribuyente=contribuyente, **_valores_establecimiento(datos_local)
            ),
            actor=actor,
            motivo=motivo,
        )
    return contribuyente


def _establecimiento(contribuyente, nuevo: dict) -> Establecimiento:
    try:
        return contribuyente.establecimientos.select_for_update().get(
            pk=nuevo.get("establecimiento_id")
        )
    except Establecimiento.DoesNotExist:
        raise TransicionInvalida(
            "El establecimiento de la novedad no pertenece a este contribuyente."
        ) from None


def _novedad_actividades(contribuyente, nuevo, *, actor, motivo) -> list[tuple]:
    principal = nuevo.get("principal")
    deseadas = list(
        dict.fromkeys(c for c in [principal, *nuevo.get("secundarias", [])] if c)
    )
    if not principal:
        raise TransicionInvalida("La novedad no indica la actividad principal.")
    actuales = {a.actividad_id: a for a in contribuyente.actividades.all()}
    antes = ", ".join(
        f"{c}{' (principal)' if a.principal else ''}"
        for c, a in sorted(actuales.items())
    )
    for codigo, actividad in actuales.items():
        if codigo not in deseadas:
            _borrar(actividad, actor=actor, motivo=motivo)
    # La restricción «una sola principal» obliga a quitar la marca antes de ponerla.
    for codigo, actividad in actuales.items():
        if codigo in deseadas and actividad.principal and codigo != principal:
            actividad.principal = False
            guardar_version(actividad, actor=actor, motivo=motivo)
    for codigo in deseadas:
        if codigo in actuales:
            actividad = actuales[codigo]
            if codigo == principal and not actividad.principal:
                actividad.principal = True
                guardar_version(actividad, actor=actor, motivo=motivo)
        else:
            guardar_version(
                ActividadContribuyente(
                    contribuyente=contribuyente,
                    actividad=_ciiu(codigo),
                    principal=codigo == principal,
                ),
                actor=actor,
                motivo=motivo,
            )
    despues = ", ".join(
        f"{c}{' (principal)' if c == principal else ''}" for c in sorted(deseadas)
    )
    return [("Actividades CIIU", antes or "—", despues)] if antes != despues else []


def _cerrar_establecimiento(local, fecha, *, actor, motivo) -> list[tuple]:
    filas = _asignar(
        local, {"activo": False, "cerrado_el": fecha}, actor=actor, motivo=motivo
    )
    return [(f"{local.nombre_comercial}: {campo}", a, d) for campo, a, d in filas]


# Tipos de novedad que cambian campos del contribuyente, tal cual.
CAMPOS_CONTRIBUYENTE = {
    TipoNovedad.DIRECCION_NOTIFICACION: (
        "direccion_notificacion",
        "municipio_notificacion",
        "departamento_notificacion",
    ),
    TipoNovedad.RAZON_SOCIAL: ("nombre",),
    TipoNovedad.REPRESENTANTE: (
        "representante_nombres",
        "representante_tipo_documento",
        "representante_numero_documento",
        "representante_correo",
    ),
    TipoNovedad.REGIMEN: ("regimen",),
    TipoNovedad.CORRECCION_IDENTIFICACION: (
        "tipo_documento",
        "numero_documento",
        "digito_verificacion",
    ),
    TipoNovedad.DATOS_CONTACTO: ("telefono", "celular", "correo"),
}
CAMPOS_ESTABLECIMIENTO = {
    TipoNovedad.TRASLADO_ESTABLECIMIENTO: ("direccion", "zona", "barrio_vereda"),
    TipoNovedad.NOMBRE_COMERCIAL: ("nombre_comercial",),
}


def aplicar_novedad(
    *, solicitud: Solicitud, actor, hoy: date
) -> tuple[Contribuyente, list[Cambio]]:
    """Aplica al registro cada novedad de la solicitud, en el orden radicado.

    Cada tipo se guarda como su propia versión (quién, qué, cuándo y el
    radicado quedan en el historial). El valor anterior que se informa es el del
    registro al momento de aprobar, no la copia que vio el ciudadano. Lanza
    `TransicionInvalida` si el registro ya no está activo o los datos no
    corresponden.
    """
    datos = solicitud.datos
    try:
        contribuyente = Contribuyente.objects.select_for_update().get(
            pk=datos.get("registro", {}).get("contribuyente_id")
        )
    except Contribuyente.DoesNotExist:
        raise TransicionInvalida(
            "El contribuyente de esta novedad ya no está en el registro."
        ) from None
    if contribuyente.estado != EstadoRegistro.ACTIVO:
        raise TransicionInvalida(
            f"El registro {contribuyente.matricula} está cancelado: no admite "
            "novedades."
        )
    tipos = datos.get("novedades", {}).get("tipos", [])
    detalle = datos.get("detalle", {})
    cambios = []
    for tipo in tipos:
        nuevo = detalle.get(tipo, {}).get("nuevo", {})
        titulo = TipoNovedad(tipo).label
        motivo = f"{titulo}, radicado {solicitud.radicado}"
        if tipo in CAMPOS_CONTRIBUYENTE:
            valores = {c: nuevo.get(c) or "" for c in CAMPOS_CONTRIBUYENTE[tipo]}
            try:
                with transaction.atomic():
                    filas = _asignar(contribuyente, valores, actor=actor, motivo=motivo)
            except IntegrityError:
                raise TransicionInvalida(
                    "Ya hay otro registro activo con ese documento de identificación."
                ) from None
        elif tipo in CAMPOS_ESTABLECIMIENTO:
            local = _establecimiento(contribuyente, nuevo)
            valores = {c: nuevo.get(c) or "" for c in CAMPOS_ESTABLECIMIENTO[tipo]}
            filas = [
                (f"{local.nombre_comercial}: {campo}", antes, despues)
                for campo, antes, despues in _asignar(
                    local, valores, actor=actor, motivo=motivo
                )
            ]
        elif tipo == TipoNovedad.ACTIVIDAD_ECONOMICA:
            filas = _novedad_actividades(
                contribuyente, nuevo, actor=actor, motivo=motivo
            )
        elif tipo == TipoNovedad.APERTURA_ESTABLECIMIENTO:
            local = Establecimiento(
                contribuyente=contribuyente, **_valores_establecimiento(nuevo)
            )
            guardar_version(local, actor=actor, motivo=motivo)
            filas = [
                (
                    "Establecimiento nuevo",
                    "—",
                    f"{local.nombre_comercial}, {local.direccion}",
                )
            ]
        elif tipo == TipoNovedad.CIERRE_ESTABLECIMIENTO:
            local = _establecimiento(contribuyente, nuevo)
            filas = _cerrar_establecimiento(
                local,
                _fecha(nuevo.get("fecha_cierre")) or hoy,
                actor=actor,
                motivo=motivo,
            )
        elif tipo == TipoNovedad.CESE_ACTIVIDADES:
            fecha = _fecha(nuevo.get("fecha_cese")) or hoy
            filas = []
            for local in contribuyente.establecimientos.filter(activo=True):
                filas += _cerrar_establecimiento(
                    local, fecha, actor=actor, motivo=motivo
                )
            filas = (
                cambiar_estado_registro(
                    contribuyente=contribuyente,
                    destino=EstadoRegistro.CANCELADO,
                    actor=actor,
                    motivo=motivo,
                    cancelado_el=fecha,
                )
                + filas
            )
        else:
            raise TransicionInvalida(f"Tipo de novedad desconocido: {tipo}.")
        cambios.append(Cambio(tipo=tipo, titulo=titulo, filas=filas))
    return contribuyente, cambios


def historial_del_registro(contribuyente: Contribuyente) -> list[dict]:
    """Todas las versiones del contribuyente, sus actividades y establecimientos.

    Una fila por versión, de la más reciente a la más antigua: cuándo, quién,
    qué objeto, el motivo (que nombra el radicado) y los campos que cambiaron
    respecto de la versión anterior de ese mismo objeto. Cuatro consultas,
    sin importar cuántas versiones haya.
    """
    versiones = []
    fuentes = [
        (
            "Contribuyente",
            Contribuyente.history.filter(id=contribuyente.pk),
            lambda v: v.nombre,
        ),
        (
            "Actividad",
            ActividadContribuyente.history.filter(contribuyente_id=contribuyente.pk),
            lambda v: v.actividad_id,
        ),
        (
            "Establecimiento",
            Establecimiento.history.filter(contribuyente_id=contribuyente.pk),
            lambda v: v.nombre_comercial,
        ),
    ]
    usuarios = {}
    for objeto, consulta, nombre in fuentes:
        anteriores = {}
        for version in consulta.order_by("history_date", "history_id"):
            previa = anteriores.get(version.id)
            cambios = []
            if previa is not None and version.history_type == "~":
                delta = version.diff_against(previa)
                for cambio in delta.changes:
                    campo = version.instance_type._meta.get_field(cambio.field)
                    cambios.append(
                        (
                            str(campo.verbose_name).capitalize(),
                            _legible(version.instance_type, cambio.field, cambio.old),
                            _legible(version.instance_type, cambio.field, cambio.new),
                        )
                    )
            anteriores[version.id] = version
            usuarios[version.history_user_id] = None
            versiones.append(
                {
                    "fecha": version.history_date,
                    "usuario_id": version.history_user_id,
                    "objeto": objeto,
                    "nombre": nombre(version),
                    "tipo": {"+": "Creación", "~": "Cambio", "-": "Retiro"}[
                        version.history_type
                    ],
                    "motivo": version.history_change_reason or "",
                    "cambios": cambios,
                }
            )
    nombres = {
        u.pk: u.get_full_name() or u.email
        for u in get_user_model().objects.filter(pk__in=[k for k in usuarios if k])
    }
    for version in versiones:
        version["usuario"] = nombres.get(version.pop("usuario_id"), "Sistema")
    versiones.sort(key=lambda v: v["fecha"], reverse=True)
    return versiones
