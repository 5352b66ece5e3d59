"""Importar desde CSV el catálogo CIIU y el registro de Industria y Comercio.

Las dos importaciones son idempotentes (una fila igual a lo guardado no cambia
nada ni deja versión en el historial), procesan cada fila en su propio punto de
guardado (una fila mala no tumba las demás) e informan los errores por número
de línea del archivo, como los vería quien lo abre en una hoja de cálculo.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from sanpedro_gel import hojas
from tramites import validadores
from tramites.excepciones import FilaInvalida
from tramites.models import (
    ActividadCIIU,
    ActividadContribuyente,
    Contribuyente,
    Establecimiento,
    EstadoRegistro,
    Naturaleza,
    Regimen,
    TipoDocumento,
    Zona,
)
from tramites.services.registro import cambiar_estado_registro


@dataclass
class Resultado:
    creados: int = 0
    actualizados: int = 0
    sin_cambios: int = 0
    errores: list[tuple[int, str]] = field(default_factory=list)

    def resumen(self) -> str:
        return (
            f"{self.creados} creados, {self.actualizados} actualizados, "
            f"{self.sin_cambios} sin cambios, {len(self.errores)} filas con errores."
        )


def leer_csv(contenido: bytes | str) -> list[tuple[int, dict]]:
    """[(número de línea, fila)] del CSV, como lo guarde la hoja de cálculo.

    La lectura es la del núcleo (`sanpedro_gel.hojas`): UTF-8 con o sin BOM o
    Windows-1252; «,», «;» o tabulador; columnas normalizadas. Un archivo que no
    se puede leer lanza `HojaIlegible` con un mensaje para quien lo subió.
    """
    return hojas.leer_csv(contenido).filas


# --- conversión de valores -----------------------------------------------------------

VERDADEROS = {"si", "sí", "s", "x", "1", "true", "verdadero", "yes"}
FALSOS = {"no", "n", "0", "false", "falso", ""}


def _booleano(valor: str, columna: str) -> bool:
    normal = valor.strip().lower()
    if normal in VERDADEROS:
        return True
    if normal in FALSOS:
        return False
    raise FilaInvalida(f"«{columna}» debe ser sí o no (se leyó «{valor}»).")


def _fecha(valor: str, columna: str, *, obligatoria: bool = False) -> date | None:
    if not valor:
        if obligatoria:
            raise FilaInvalida(f"Falta «{columna}».")
        return None
    for formato in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(valor, formato).date()
        except ValueError:
            continue
    raise FilaInvalida(
        f"«{columna}» debe ser una fecha AAAA-MM-DD o DD/MM/AAAA (se leyó «{valor}»)."
    )


def _opcion(valor: str, opciones, columna: str, *, obligatoria=True) -> str:
    """Acepta el código («PERSONA_NATURAL») o la etiqueta («Persona natural»)."""
    if not valor:
        if obligatoria:
            raise FilaInvalida(f"Falta «{columna}».")
        return ""
    normal = valor.strip().upper().replace(" ", "_")
    for codigo, etiqueta in opciones.choices:
        if normal == codigo or valor.strip().lower() == str(etiqueta).lower():
            return codigo
    validos = ", ".join(opciones.values)
    raise FilaInvalida(f"«{columna}» no es válido («{valor}»); use uno de: {validos}.")


def _entero(valor: str, columna: str, *, obligatorio=False) -> int | None:
    if not valor:
        if obligatorio:
            raise FilaInvalida(f"Falta «{columna}».")
        return None
    if not re.fullmatch(r"\d+", valor):
        raise FilaInvalida(f"«{columna}» debe ser un número entero no negativo.")
    return int(valor)


def _decimal(valor: str, columna: str) -> Decimal:
    try:
        numero = Decimal(valor.replace(",", ".")) if valor else Decimal("0")
    except InvalidOperation:
        raise FilaInvalida(
            f"«{columna}» debe ser un número (se leyó «{valor}»)."
        ) from None
    if numero < 0:
        raise FilaInvalida(f"«{columna}» no puede ser negativo.")
    return numero.quantize(Decimal("0.01"))


def _telefono(valor: str, columna: str, *, celular=False) -> str:
    if not valor:
        return ""
    try:
        return validadores.normalizar_telefono(valor, solo_celular=celular)
    except ValidationError as error:
        raise FilaInvalida(f"«{columna}»: {error.messages[0]}") from None


def _correo(valor: str, columna: str) -> str:
    if not valor:
        return ""
    try:
        validate_email(valor)
    except ValidationError:
        raise FilaInvalida(f"«{columna}» no es un correo válido («{valor}»).") from None
    return valor.lower()


def _guardar_si_cambia(instancia, valores: dict) -> bool:
    """Asigna `valores`; guarda (y deja versión) solo si algo cambió."""
    cambio = False
    for nombre, valor in valores.items():
        if getattr(instancia, nombre) != valor:
            setattr(instancia, nombre, valor)
            cambio = True
    if cambio:
        instancia.full_clean(validate_unique=False, validate_constraints=False)
        instancia.save()
    return cambio


# --- Catálogo CIIU -------------------------------------------------------------

COLUMNAS_CIIU = ("codigo", "descripcion")


def importar_ciiu(filas: list[tuple[int, dict]]) -> Resultado:
    """Crea o actualiza actividades CIIU. Columnas: codigo, descripcion y, si se
    quiere, seccion, permite_ampliacion_horario (sí/no) y activa (sí/no).

    Una columna ausente no cambia ese dato en las actividades ya existentes.
    Idempotente: importar dos veces el mismo archivo no cambia nada.
    """
    resultado = Resultado()
    for linea, fila in filas:
        try:
            with transaction.atomic():
                estado = _importar_actividad(fila)
        except (FilaInvalida, ValidationError, IntegrityError) as error:
            resultado.errores.append((linea, _mensaje(error)))
            continue
        _contar(resultado, estado)
    return resultado


def _importar_actividad(fila: dict) -> str:
    faltan = [c for c in COLUMNAS_CIIU if not fila.get(c)]
    if faltan:
        raise FilaInvalida(f"Falta «{', '.join(faltan)}».")
    codigo = fila["codigo"]
    if not re.fullmatch(r"\d{3,4}", codigo):
        raise FilaInvalida(
            f"El código CIIU debe tener 4 dígitos, con el cero inicial (se leyó "
            f"«{codigo}»)."
        )
    codigo = codigo.zfill(4)
    valores = {"descripcion": fila["descripcion"][:300]}
    if "seccion" in fila:
        seccion = fila["seccion"].upper()
        if seccion and not re.fullmatch(r"[A-U]", seccion):
            raise FilaInvalida("La sección CIIU es una letra de la A a la U.")
        valores["seccion"] = seccion
    if "permite_ampliacion_horario" in fila:
        valores["permite_ampliacion_horario"] = _booleano(
            fila["permite_ampliacion_horario"], "permite_ampliacion_horario"
        )
    if "activa" in fila:
        valores["activa"] = _booleano(fila["activa"] or "si", "activa")
    actividad = ActividadCIIU.objects.filter(codigo=codigo).first()
    if actividad is None:
        ActividadCIIU.objects.create(codigo=codigo, **valores)
        return "creado"
    return "actualizado" if _guardar_si_cambia(actividad, valores) else "igual"


# --- Registro de Industria y Comercio ------------------------------------------

COLUMNAS_REGISTRO = """
Columnas del CSV del registro ICA (una fila por establecimiento; un
contribuyente sin establecimientos va en una fila con las columnas del
establecimiento vacías; un contribuyente con varios repite sus datos en cada
fila). Obligatorias (*):

  matricula*                      matrícula ICA, p. ej. ICA-000123 (identifica al
                                  contribuyente: la misma matrícula actualiza)
  tipo_documento*                 CC, CE, NIT, TI, PA, PEP, PPT o NIT_EXTRANJERO
  numero_documento*               sin puntos; para NIT, sin el DV
  digito_verificacion             obligatorio y comprobado si es NIT
  naturaleza*                     PERSONA_NATURAL, PERSONA_JURIDICA,
                                  SOCIEDAD_DE_HECHO o CONSORCIO
  nombre*                         nombre o razón social
  regimen*                        ORDINARIO o SIMPLE
  direccion_notificacion*, municipio_notificacion, departamento_notificacion
  telefono, celular, correo, autoriza_notificacion_electronica (sí/no)
  matricula_mercantil, fecha_matricula_mercantil, camara_comercio
  representante_nombres, representante_tipo_documento,
  representante_numero_documento, representante_correo
  actividad_principal*            código CIIU de 4 dígitos (del catálogo)
  actividades_secundarias         códigos separados por espacio, «,» o «|»
  inscrito_el*                    fecha de inscripción
  estado                          ACTIVO (por defecto) o CANCELADO
  cancelado_el                    fecha, si está cancelado
  establecimiento                 nombre comercial (identifica el local dentro
                                  del contribuyente: el mismo nombre actualiza)
  direccion_establecimiento*, zona* (URBANA/RURAL), barrio_vereda*,
  telefono_establecimiento, actividad_establecimiento (CIIU; por defecto la
  principal), inicio_actividades* (fecha), area_m2, empleados,
  avisos_tableros (sí/no), aforo, horario_ordinario,
  establecimiento_activo (sí/no, por defecto sí)
                                  (* si la fila trae establecimiento)

Fechas AAAA-MM-DD o DD/MM/AAAA; separador «,», «;» o tabulador; UTF-8 (con o
sin BOM) o Windows-1252, como lo guarda Excel.
"""


def importar_registro_ica(filas: list[tuple[int, dict]]) -> Resultado:
    """Carga o actualiza contribuyentes, sus actividades y sus establecimientos.

    Cuenta por fila: creada si creó el contribuyente o el establecimiento,
    actualizada si cambió algo, sin cambios si todo estaba igual. Las
    actividades del contribuyente quedan exactamente como las dice el archivo.
    Idempotente: importar dos veces el mismo archivo no cambia nada.
    """
    resultado = Resultado()
    catalogo = set(ActividadCIIU.objects.values_list("codigo", flat=True))
    for linea, fila in filas:
        try:
            with transaction.atomic():
                estado = _importar_fila_registro(fila, catalogo)
        except (FilaInvalida, ValidationError, IntegrityError) as error:
            resultado.errores.append((linea, _mensaje(error)))
            continue
        _contar(resultado, estado)
    return resultado


def _ciiu(valor: str, catalogo: set, columna: str) -> str:
    codigo = validadores.normalizar_codigo_ciiu(valor)
    if not codigo or len(valor.strip()) > 4:
        raise FilaInvalida(f"«{columna}» debe ser un código CIIU de 4 dígitos.")
    if codigo not in catalogo:
        raise FilaInvalida(f"La actividad CIIU {codigo} no está en el catálogo.")
    return codigo


def _documento(tipo: str, numero: str, columna: str) -> str:
    try:
        return validadores.normalizar_documento(tipo, numero)
    except ValidationError as error:
        raise FilaInvalida(f"«{columna}»: {error.messages[0]}") from None


def _datos_contribuyente(fila: dict, catalogo: set) -> dict:
    for columna in (
        "matricula",
        "numero_documento",
        "nombre",
        "direccion_notificacion",
        "actividad_principal",
    ):
        if not fila.get(columna):
            raise FilaInvalida(f"Falta «{columna}».")
    tipo = _opcion(fila.get("tipo_documento", ""), TipoDocumento, "tipo_documento")
    numero = _documento(tipo, fila["numero_documento"], "numero_documento")
    digito = ""
    if tipo == TipoDocumento.NIT:
        try:
            digito = validadores.validar_digito_verificacion(
                numero, fila.get("digito_verificacion", "")
            )
        except ValidationError as error:
            raise FilaInvalida(f"«digito_verificacion»: {error.messages[0]}") from None
    naturaleza = _opcion(fila.get("naturaleza", ""), Naturaleza, "naturaleza")
    try:
        validadores.validar_documento_de_naturaleza(naturaleza, tipo, numero)
    except ValidationError as error:
        raise FilaInvalida(error.messages[0]) from None
    estado = _opcion(fila.get("estado", "") or "ACTIVO", EstadoRegistro, "estado")
    representante_tipo = _opcion(
        fila.get("representante_tipo_documento", ""),
        TipoDocumento,
        "representante_tipo_documento",
        obligatoria=False,
    )
    representante_numero = fila.get("representante_numero_documento", "")
    if representante_tipo and representante_numero:
        representante_numero = _documento(
            representante_tipo, representante_numero, "representante_numero_documento"
        )
    return {
        "matricula": validadores.normalizar_matricula(fila["matricula"]),
        "tipo_documento": tipo,
        "numero_documento": numero,
        "digito_verificacion": digito,
        "naturaleza": naturaleza,
        "nombre": fila["nombre"][:250],
        "regimen": _opcion(fila.get("regimen", ""), Regimen, "regimen"),
        "direccion_notificacion": fila["direccion_notificacion"][:200],
        "municipio_notificacion": fila.get("municipio_notificacion")
        or "San Pedro de los Milagros",
        "departamento_notificacion": fila.get("departamento_notificacion")
        or "Antioquia",
        "telefono": _telefono(fila.get("telefono", ""), "telefono"),
        "celular": _telefono(fila.get("celular", ""), "celular", celular=True),
        "correo": _correo(fila.get("correo", ""), "correo"),
        "autoriza_notificacion_electronica": _booleano(
            fila.get("autoriza_notificacion_electronica", ""),
            "autoriza_notificacion_electronica",
        ),
        "matricula_mercantil": fila.get("matricula_mercantil", "")[:30],
        "fecha_matricula_mercantil": _fecha(
            fila.get("fecha_matricula_mercantil", ""), "fecha_matricula_mercantil"
        ),
        "camara_comercio": fila.get("camara_comercio", "")[:100],
        "representante_nombres": fila.get("representante_nombres", "")[:200],
        "representante_tipo_documento": representante_tipo,
        "representante_numero_documento": representante_numero,
        "representante_correo": _correo(
            fila.get("representante_correo", ""), "representante_correo"
        ),
        "estado": estado,
        "inscrito_el": _fecha(
            fila.get("inscrito_el", ""), "inscrito_el", obligatoria=True
        ),
        "cancelado_el": _fecha(fila.get("cancelado_el", ""), "cancelado_el"),
    }


def _actividades(fila: dict, catalogo: set) -> tuple[str, list[str]]:
    principal = _ciiu(fila["actividad_principal"], catalogo, "actividad_principal")
    secundarias = []
    for valor in re.split(r"[\s,|]+", fila.get("actividades_secundarias", "")):
        if valor:
            codigo = _ciiu(valor, catalogo, "actividades_secundarias")
            if codigo != principal and codigo not in secundarias:
                secundarias.append(codigo)
    return principal, secundarias


def _datos_establecimiento(fila: dict, catalogo: set, principal: str) -> dict:
    for columna in ("direccion_establecimiento", "barrio_vereda", "inicio_actividades"):
        if not fila.get(columna):
            raise FilaInvalida(f"Falta «{columna}» del establecimiento.")
    actividad = fila.get("actividad_establecimiento") or principal
    activo = _booleano(
        fila.get("establecimiento_activo", "") or "si", "establecimiento_activo"
    )
    return {
        "direccion": fila["direccion_establecimiento"][:200],
        "zona": _opcion(fila.get("zona", ""), Zona, "zona"),
        "barrio_vereda": fila["barrio_vereda"][:120],
        "telefono": _telefono(
            fila.get("telefono_establecimiento", ""), "telefono_establecimiento"
        ),
        "actividad_id": _ciiu(actividad, catalogo, "actividad_establecimiento"),
        "inicio_actividades": _fecha(
            fila["inicio_actividades"], "inicio_actividades", obligatoria=True
        ),
        "area_m2": _decimal(fila.get("area_m2", ""), "area_m2"),
        "empleados": _entero(fila.get("empleados", "") or "0", "empleados"),
        "avisos_tableros": _booleano(
            fila.get("avisos_tableros", ""), "avisos_tableros"
        ),
        "aforo": _entero(fila.get("aforo", ""), "aforo"),
        "horario_ordinario": fila.get("horario_ordinario", "")[:200],
        "activo": activo,
    }


def _importar_fila_registro(fila: dict, catalogo: set) -> str:
    datos = _datos_contribuyente(fila, catalogo)
    principal, secundarias = _actividades(fila, catalogo)
    establecimiento = None
    if fila.get("establecimiento"):
        establecimiento = _datos_establecimiento(fila, catalogo, principal)

    if datos["estado"] == EstadoRegistro.ACTIVO:
        otro = (
            Contribuyente.objects.activos()
            .filter(
                tipo_documento=datos["tipo_documento"],
                numero_documento=datos["numero_documento"],
            )
            .exclude(matricula=datos["matricula"])
            .values_list("matricula", flat=True)
            .first()
        )
        if otro:
            raise FilaInvalida(
                f"El documento {datos['numero_documento']} ya está activo con la "
                f"matrícula {otro}."
            )
    estado = "igual"
    contribuyente = Contribuyente.objects.filter(matricula=datos["matricula"]).first()
    if contribuyente is None:
        contribuyente = Contribuyente(**datos)
        contribuyente.full_clean(validate_unique=False, validate_constraints=False)
        contribuyente.save()
        estado = "creado"
    else:
        destino = datos.pop("estado")
        if _guardar_si_cambia(contribuyente, datos):
            estado = "actualizado"
        if contribuyente.estado != destino:
            cambiar_estado_registro(
                contribuyente=contribuyente,
                destino=destino,
                actor=None,
                motivo="Importación del registro anterior",
            )
            estado = "actualizado"

    if _sincronizar_actividades(contribuyente, principal, secundarias) and (
        estado == "igual"
    ):
        estado = "actualizado"

    if establecimiento is not None:
        nombre = fila["establecimiento"][:200]
        existente = Establecimiento.objects.filter(
            contribuyente=contribuyente, nombre_comercial__iexact=nombre
        ).first()
        if not establecimiento["activo"] and (
            existente is None or existente.cerrado_el is None
        ):
            establecimiento.setdefault("cerrado_el", date.today())
        if existente is None:
            nuevo = Establecimiento(
                contribuyente=contribuyente, nombre_comercial=nombre, **establecimiento
            )
            nuevo.full_clean(validate_unique=False, validate_constraints=False)
            nuevo.save()
            estado = "creado"
        elif (
            _guardar_si_cambia(
                existente, {"nombre_comercial": nombre, **establecimiento}
            )
            and estado == "igual"
        ):
            estado = "actualizado"
    return estado


def _sincronizar_actividades(contribuyente, principal, secundarias) -> bool:
    deseadas = {principal: True, **dict.fromkeys(secundarias, False)}
    actuales = {a.actividad_id: a for a in contribuyente.actividades.all()}
    if {c: a.principal for c, a in actuales.items()} == deseadas:
        return False
    # Primero se quita la marca de principal que cambia: la restricción de una
    # sola principal se revisa fila por fila.
    for codigo, actividad in actuales.items():
        if codigo not in deseadas:
            actividad.delete()
        elif actividad.principal and not deseadas[codigo]:
            actividad.principal = False
            actividad.save()
    for codigo, es_principal in deseadas.items():
        actividad = actuales.get(codigo)
        if actividad is None:
            ActividadContribuyente.objects.create(
                contribuyente=contribuyente, actividad_id=codigo, principal=es_principal
            )
        elif actividad.principal != es_principal:
            actividad.principal = es_principal
            actividad.save()
    return True


def _contar(resultado: Resultado, estado: str) -> None:
    if estado == "creado":
        resultado.creados += 1
    elif estado == "actualizado":
        resultado.actualizados += 1
    else:
        resultado.sin_cambios += 1


def _mensaje(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(
                f"{campo}: {' '.join(mensajes)}"
                for campo, mensajes in error.message_dict.items()
            )
        return " ".join(error.messages)
    if isinstance(error, IntegrityError):
        return "El registro choca con otro ya guardado (dato repetido)."
    return str(error)
