"""Validación y normalización de los datos que llegan del ciudadano o de un CSV.

Funciones puras (sin base de datos): las usan los formularios de los trámites y
los comandos de importación, para que una regla viva en un solo lugar. Cada una
devuelve el valor normalizado o lanza `ValidationError` con un mensaje en
español que se puede mostrar tal cual junto al campo.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from stdnum.co import nit as stdnum_nit

from tramites.models import Naturaleza, TipoDocumento

# Documentos que admite cada naturaleza (docs/DATOS_SOLICITUD.md). La tarjeta de
# identidad no habilita a un menor para ejercer el comercio por sí mismo.
DOCUMENTOS_PERSONA_NATURAL = (
    TipoDocumento.CC,
    TipoDocumento.CE,
    TipoDocumento.NIT,
    TipoDocumento.PA,
    TipoDocumento.PEP,
    TipoDocumento.PPT,
)
DOCUMENTOS_DE_PERSONAS = (
    TipoDocumento.CC,
    TipoDocumento.CE,
    TipoDocumento.PA,
    TipoDocumento.PEP,
    TipoDocumento.PPT,
)


def _limites_ce() -> tuple[int, int]:
    # DOMAIN §7: los límites de la cédula de extranjería son configurables.
    return tuple(getattr(settings, "CEDULA_EXTRANJERIA_DIGITOS", (3, 12)))


def _sin_separadores(valor: str) -> str:
    return re.sub(r"[\s.\-]", "", str(valor or ""))


def normalizar_documento(tipo: str, numero: str) -> str:
    """Número de documento sin puntos ni espacios, validado según su tipo (§7)."""
    crudo = str(numero or "").strip()
    if not crudo:
        raise ValidationError("Escriba el número de documento.", code="required")
    if tipo == TipoDocumento.NIT_EXTRANJERO:
        if len(crudo) > 20:
            raise ValidationError(
                "El NIT de otro país puede tener máximo 20 caracteres."
            )
        return crudo.upper()
    limpio = _sin_separadores(crudo).upper()
    if tipo in (TipoDocumento.CC, TipoDocumento.TI, TipoDocumento.NIT):
        minimo, maximo = {
            TipoDocumento.CC: (3, 10),
            TipoDocumento.TI: (6, 11),
            TipoDocumento.NIT: (3, 10),
        }[tipo]
        nombre = {
            TipoDocumento.CC: "La cédula de ciudadanía",
            TipoDocumento.TI: "La tarjeta de identidad",
            TipoDocumento.NIT: "El NIT",
        }[tipo]
        if not limpio.isdigit() or not minimo <= len(limpio) <= maximo:
            sin_dv = " sin el dígito de verificación" if tipo == "NIT" else ""
            raise ValidationError(
                f"{nombre} debe tener entre {minimo} y {maximo} dígitos, sin puntos "
                f"ni espacios{sin_dv}."
            )
        return limpio
    if tipo == TipoDocumento.CE:
        minimo, maximo = _limites_ce()
        if not limpio.isdigit() or not minimo <= len(limpio) <= maximo:
            raise ValidationError(
                f"La cédula de extranjería debe tener entre {minimo} y {maximo} "
                "dígitos."
            )
        return limpio
    if tipo == TipoDocumento.PA:
        if not re.fullmatch(r"[A-Z0-9]{5,14}", limpio):
            raise ValidationError(
                "El pasaporte debe tener entre 5 y 14 letras o números."
            )
        return limpio
    if tipo in (TipoDocumento.PEP, TipoDocumento.PPT):
        if not re.fullmatch(r"[A-Z0-9]{4,20}", limpio):
            raise ValidationError(
                "El número del permiso debe tener entre 4 y 20 letras o números."
            )
        return limpio
    raise ValidationError("Elija un tipo de documento válido.")


def validar_digito_verificacion(numero: str, digito: str) -> str:
    """Comprueba el dígito de verificación de un NIT (algoritmo de la DIAN)."""
    digito = str(digito or "").strip()
    if not digito:
        raise ValidationError(
            "Escriba el dígito de verificación del NIT (el número después del guion "
            "en su RUT).",
            code="required",
        )
    if not re.fullmatch(r"\d", digito):
        raise ValidationError("El dígito de verificación es un solo número, de 0 a 9.")
    # stdnum_nit.is_valid() exige 8 cifras o más con el DV, pero el NIT de una
    # persona es su cédula (3 a 10 dígitos) más el DV: se compara solo el dígito.
    if not str(numero).isdigit() or stdnum_nit.calc_check_digit(numero) != digito:
        raise ValidationError(
            "El dígito de verificación no corresponde a ese NIT. Revise el número y "
            "el dígito en su RUT."
        )
    return digito


def validar_documento_de_naturaleza(naturaleza: str, tipo: str, numero: str) -> None:
    """Qué documento admite cada naturaleza del contribuyente (DATOS_SOLICITUD)."""
    if naturaleza == Naturaleza.PERSONA_NATURAL:
        if tipo not in DOCUMENTOS_PERSONA_NATURAL:
            raise ValidationError(
                "Una persona natural se inscribe con cédula de ciudadanía, cédula de "
                "extranjería, pasaporte, PEP, PPT o NIT."
            )
        return
    if tipo != TipoDocumento.NIT:
        raise ValidationError(
            f"Una {Naturaleza(naturaleza).label.lower()} se inscribe con su NIT."
        )
    if naturaleza == Naturaleza.PERSONA_JURIDICA and len(numero) != 9:
        raise ValidationError(
            "El NIT de una persona jurídica tiene 9 dígitos, sin el dígito de "
            "verificación."
        )


MENSAJE_TELEFONO = (
    "Escriba un teléfono colombiano de 10 dígitos: un celular (por ejemplo "
    "310 456 7890) o un fijo con su indicativo (por ejemplo 604 868 7123)."
)
MENSAJE_CELULAR = "Escriba un celular colombiano de 10 dígitos que empiece por 3."


def normalizar_telefono(valor: str, *, solo_celular: bool = False) -> str:
    """Teléfono colombiano en 10 dígitos: celular 3XX + 7 o fijo 60X + 7.

    Acepta espacios, guiones, puntos, paréntesis y el prefijo +57.
    """
    limpio = re.sub(r"[\s().\-]", "", str(valor or ""))
    if limpio.startswith("+57"):
        limpio = limpio[3:]
    elif limpio.startswith("0057"):
        limpio = limpio[4:]
    elif len(limpio) == 12 and limpio.startswith("57"):
        limpio = limpio[2:]
    es_celular = re.fullmatch(r"3\d{9}", limpio) is not None
    es_fijo = re.fullmatch(r"60[1-9]\d{7}", limpio) is not None
    if solo_celular and not es_celular:
        raise ValidationError(MENSAJE_CELULAR)
    if not (es_celular or es_fijo):
        raise ValidationError(MENSAJE_TELEFONO)
    return limpio


def formatear_telefono(numero: str) -> str:
    """3104567890 → 310 456 7890; 6048687123 → (604) 868 7123."""
    numero = str(numero or "")
    if len(numero) != 10:
        return numero
    if numero.startswith("60"):
        return f"({numero[:3]}) {numero[3:6]} {numero[6:]}"
    return f"{numero[:3]} {numero[3:6]} {numero[6:]}"


def formatear_documento(tipo: str, numero: str, digito: str = "") -> str:
    """Documento para mostrar: NIT como 800.197.268-4, el resto tal cual."""
    if tipo == TipoDocumento.NIT and str(numero).isdigit():
        con_puntos = f"{int(numero):,}".replace(",", ".")
        return f"NIT {con_puntos}-{digito}" if digito else f"NIT {con_puntos}"
    if tipo == TipoDocumento.CC and str(numero).isdigit():
        return f"C.C. {int(numero):,}".replace(",", ".")
    etiqueta = {
        TipoDocumento.CE: "C.E.",
        TipoDocumento.TI: "T.I.",
        TipoDocumento.PA: "Pasaporte",
        TipoDocumento.PEP: "PEP",
        TipoDocumento.PPT: "PPT",
        TipoDocumento.NIT_EXTRANJERO: "NIT extranjero",
    }.get(tipo, "")
    return f"{etiqueta} {numero}".strip()


def normalizar_codigo_ciiu(valor: str) -> str:
    """Extrae el código de clase CIIU (4 dígitos, con el cero inicial) de un texto.

    Acepta «1040», «1040 — Elaboración de productos lácteos» o « 141 » (que se
    completa a «0141»). Devuelve "" si el texto no empieza por un código.
    """
    coincidencia = re.match(r"\s*(\d{3,4})(?!\d)", str(valor or ""))
    if not coincidencia:
        return ""
    return coincidencia.group(1).zfill(4)


_MATRICULA = re.compile(r"^(?:ICA)?[\s\-_.]*0*(\d{1,6})$")


def normalizar_documento_buscado(valor: str) -> str:
    """El número de documento que se escribe para encontrar un registro, en la
    forma en que el registro lo guarda: sin puntos ni espacios, en mayúsculas y
    sin lo que sigue a un guion, así quien copia el NIT con su dígito de
    verificación («900.123.456-7») encuentra igual su registro.

    A diferencia de `normalizar_documento`, no valida: lo escrito que no es un
    documento simplemente no encuentra nada.
    """
    limpio = str(valor or "").replace(".", "").replace(" ", "").upper()
    return limpio.split("-", 1)[0]


def documentos_buscados(valor: str) -> list[str]:
    """Las formas en que el registro puede tener guardado el documento escrito.

    Los documentos nacionales se guardan como los deja
    `normalizar_documento_buscado`; el NIT de otro país, tal como se escribió
    (en mayúsculas, con sus puntos y guiones: `normalizar_documento`). Buscar
    por las tres encuentra a los dos sin confundirlos: «900.123.456-7» no puede
    ser el NIT extranjero «900123456-7» de otro porque aquel tendría su guion.
    """
    escrito = str(valor or "").strip().upper()
    return list(
        dict.fromkeys(
            [
                normalizar_documento_buscado(escrito),
                escrito.replace(".", "").replace(" ", ""),
                escrito,
            ]
        )
    )


def normalizar_matricula(valor: str) -> str:
    """La matrícula ICA en su forma del registro: «41», «ica 41», «ICA000041»
    y «ICA-000041» son la misma, «ICA-000041».

    Lo que no tiene esa forma (una matrícula del registro anterior, importada
    tal cual) se devuelve en mayúsculas y sin espacios a los lados, para
    compararla igual.
    """
    limpio = (valor or "").strip().upper()
    encontrada = _MATRICULA.match(limpio)
    if not encontrada:
        return limpio
    return f"ICA-{int(encontrada.group(1)):06d}"
