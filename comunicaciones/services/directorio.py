"""Directorio de servidores públicos: carga desde CSV y cuentas de acceso.

Es la actividad 6 del plan («generar usuarios y contraseñas»): cada fila crea o
actualiza un `Funcionario` y su cuenta, sin contraseña utilizable, y a cada
cuenta nueva le llega, por la bandeja de salida y una sola vez, el enlace para
definirla.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from comunicaciones.models import (
    Dependencia,
    Funcionario,
    Vinculacion,
    clave_de_texto,
)
from sanpedro_gel import buzon
from sanpedro_gel.hojas import HojaIlegible, leer_csv
from sanpedro_gel.roles import ROLES

BIENVENIDA = "comunicaciones.bienvenida_funcionario"

COLUMNAS = (
    "nombres",
    "apellidos",
    "correo",
    "cargo",
    "dependencia",
    "vinculacion",
    "rol",
)


class FilaInvalida(Exception):
    """Una fila del archivo no se puede cargar; el mensaje dice por qué."""


@dataclass
class ResultadoCarga:
    creados: list[str] = field(default_factory=list)
    actualizados: list[str] = field(default_factory=list)
    omitidos: list[str] = field(default_factory=list)
    # (línea, motivo): las filas rechazadas, que no se cargaron.
    errores: list[tuple[int, str]] = field(default_factory=list)

    def resumen(self) -> str:
        """«2 creados, 1 actualizado, 0 sin cambios, 1 rechazado»."""
        return ", ".join(
            [
                _contar(len(self.creados), "creado"),
                _contar(len(self.actualizados), "actualizado"),
                f"{len(self.omitidos)} sin cambios",
                _contar(len(self.errores), "rechazado"),
            ]
        )

    def rechazos(self) -> list[str]:
        """Una frase por fila rechazada: «Línea 7: el correo es obligatorio.»."""
        return [
            f"Línea {linea}: {motivo[:1].lower()}{motivo[1:]}"
            for linea, motivo in self.errores
        ]


def _contar(cantidad: int, palabra: str) -> str:
    return f"{cantidad} {palabra}" if cantidad == 1 else f"{cantidad} {palabra}s"


def _normalizar_correo(correo: str) -> str:
    """Los correos se comparan sin distinguir mayúsculas: se guardan en minúsculas."""
    return correo.strip().lower()


def _clave(texto: str) -> str:
    """Para comparar: sin tildes ni mayúsculas, y «carrera_administrativa» como
    «carrera administrativa»."""
    return clave_de_texto(texto.replace("_", " "))


_VINCULACIONES = {_clave(v.label): v.value for v in Vinculacion} | {
    _clave(v.value): v.value for v in Vinculacion
}
_ROLES = {_clave(rol): rol for rol in ROLES}


# Nombres de columna que también se aceptan (ya normalizados por `hojas`).
_SINONIMOS = {"correo_electronico": "correo", "email": "correo"}


def leer_directorio(contenido: bytes | str) -> list[tuple[int, dict[str, str]]]:
    """Filas del CSV con su número de línea (la cabecera es la línea 1).

    Acepta el archivo como lo guarde la hoja de cálculo (ver `sanpedro_gel.hojas`).
    Un archivo ilegible o sin las columnas necesarias es `FilaInvalida`.
    """
    try:
        hoja = leer_csv(contenido)
    except HojaIlegible as error:
        raise FilaInvalida(str(error)) from None
    columnas = {_SINONIMOS.get(c, c) for c in hoja.columnas}
    faltan = [c for c in COLUMNAS if c not in columnas]
    if faltan:
        raise FilaInvalida(f"Faltan columnas en la cabecera: {', '.join(faltan)}.")
    return [
        (linea, {_SINONIMOS.get(k, k): v for k, v in fila.items()})
        for linea, fila in hoja.filas
    ]


def importar_funcionarios(
    filas: Iterable[tuple[int, dict[str, str]]], *, enviar_bienvenida: bool = True
) -> ResultadoCarga:
    """Crea o actualiza funcionarios y sus cuentas a partir de filas del CSV.

    Cada fila se guarda en su propia transacción: una fila mala se rechaza con
    su línea y las demás se cargan. Un correo que ya se cargó en una línea
    anterior del mismo archivo (aunque cambien las mayúsculas) se rechaza: la
    primera fila manda. Volver a cargar el mismo archivo no escribe nada ni
    reenvía correos (las filas iguales a lo guardado quedan «omitidas»).
    Con `enviar_bienvenida`, cada cuenta nueva deja en la bandeja de salida,
    con su fila, el correo con el enlace para definir la contraseña.
    """
    resultado = ResultadoCarga()
    vistos: dict[str, int] = {}  # correo en minúsculas → línea que lo cargó
    for linea, fila in filas:
        correo = _normalizar_correo(fila.get("correo", ""))
        if correo in vistos:
            resultado.errores.append(
                (
                    linea,
                    f"El correo {correo} ya está en la línea {vistos[correo]}; "
                    "se omitió.",
                )
            )
            continue
        try:
            with transaction.atomic():
                accion = _cargar_fila(fila, enviar_bienvenida)
        except FilaInvalida as error:
            resultado.errores.append((linea, str(error)))
            continue
        vistos[correo] = linea
        getattr(resultado, accion).append(correo)
    return resultado


def _cargar_fila(fila: dict[str, str], enviar_bienvenida: bool) -> str:
    datos = _validar_fila(fila)
    rol = datos.pop("rol")
    dependencia = Dependencia.objects.filter(
        nombre__iexact=datos["dependencia"]
    ).first()
    if dependencia is None:
        dependencia = Dependencia.objects.create(nombre=datos["dependencia"])
    datos["dependencia"] = dependencia

    funcionario = (
        Funcionario.objects.select_for_update()
        .filter(correo__iexact=datos["correo"])
        .first()
    )
    if funcionario is None:
        funcionario = Funcionario.objects.create(**datos)
        accion = "creados"
    else:
        cambios = {k: v for k, v in datos.items() if getattr(funcionario, k) != v}
        if not funcionario.activo:
            cambios["activo"] = True
        for campo, valor in cambios.items():
            setattr(funcionario, campo, valor)
        if cambios:
            funcionario.save(update_fields=list(cambios))
        accion = "actualizados" if cambios else "omitidos"

    cuenta_nueva, cuenta_cambiada = _asegurar_cuenta(funcionario, rol)
    if cuenta_nueva:
        if enviar_bienvenida:
            buzon.registrar(
                clave=f"{BIENVENIDA}:{funcionario.usuario_id}",
                tipo=BIENVENIDA,
                plantilla="comunicaciones/emails/bienvenida_funcionario",
                para=funcionario.correo,
                referencia=funcionario,
            )
        return "creados"
    if accion == "omitidos" and cuenta_cambiada:
        return "actualizados"
    return accion


def _validar_fila(fila: dict[str, str]) -> dict[str, str]:
    correo = _normalizar_correo(fila.get("correo", ""))
    if not correo:
        raise FilaInvalida("El correo es obligatorio.")
    try:
        validate_email(correo)
    except ValidationError:
        raise FilaInvalida(f"El correo «{correo}» no es válido.") from None
    for columna in ("nombres", "apellidos", "dependencia"):
        if not fila.get(columna):
            raise FilaInvalida(f"La columna «{columna}» está vacía.")
    vinculacion = _VINCULACIONES.get(_clave(fila.get("vinculacion", "")))
    if vinculacion is None:
        opciones = ", ".join(v.label.lower() for v in Vinculacion)
        raise FilaInvalida(
            f"La vinculación «{fila.get('vinculacion', '')}» no existe; "
            f"use una de: {opciones}."
        )
    rol = None
    if fila.get("rol"):
        rol = _ROLES.get(_clave(fila["rol"]))
        if rol is None:
            raise FilaInvalida(
                f"El rol «{fila['rol']}» no existe; use uno de: {', '.join(ROLES)}."
            )
    return {
        "nombres": fila["nombres"],
        "apellidos": fila["apellidos"],
        "correo": correo,
        "cargo": fila.get("cargo", ""),
        "dependencia": fila["dependencia"],
        "vinculacion": vinculacion,
        "rol": rol,
    }


def _asegurar_cuenta(funcionario: Funcionario, rol: str | None) -> tuple[bool, bool]:
    """Cuenta del funcionario con su rol. Devuelve (es_nueva, cambió)."""
    Usuario = get_user_model()
    usuario = (
        funcionario.usuario
        or Usuario.objects.filter(email__iexact=funcionario.correo).first()
    )
    nueva = usuario is None
    if nueva:
        usuario = Usuario(email=funcionario.correo)
        usuario.set_unusable_password()
    cambios = {
        "first_name": funcionario.nombres,
        "last_name": funcionario.apellidos,
        "is_staff": usuario.is_superuser or rol is not None,
        "is_active": True,
    }
    cambio = nueva or any(getattr(usuario, k) != v for k, v in cambios.items())
    for campo, valor in cambios.items():
        setattr(usuario, campo, valor)
    if cambio:
        usuario.save()
    if funcionario.usuario_id != usuario.pk:
        funcionario.usuario = usuario
        funcionario.save(update_fields=["usuario"])
        cambio = True

    if _dar_por_verificado(usuario, funcionario.correo):
        cambio = True

    # El archivo manda sobre los roles del portal; otros grupos no se tocan.
    actuales = set(usuario.groups.filter(name__in=ROLES).values_list("name", flat=True))
    deseados = {rol} if rol else set()
    if actuales != deseados:
        usuario.groups.remove(*Group.objects.filter(name__in=actuales - deseados))
        usuario.groups.add(*Group.objects.filter(name__in=deseados - actuales))
        cambio = True
    return nueva, cambio


def _dar_por_verificado(usuario, correo: str) -> bool:
    """Deja `correo` como dirección verificada y principal de la cuenta (viene del
    registro oficial de la Alcaldía). Devuelve si tuvo que escribir algo.

    La dirección ya registrada con otras mayúsculas es la misma: no se duplica.
    """
    direccion = EmailAddress.objects.filter(user=usuario, email__iexact=correo).first()
    if direccion is not None and direccion.verified and direccion.primary:
        return False
    # Una sola dirección principal por cuenta (restricción de allauth).
    otras = EmailAddress.objects.filter(user=usuario, primary=True)
    if direccion is None:
        otras.update(primary=False)
        EmailAddress.objects.create(
            user=usuario, email=correo, verified=True, primary=True
        )
    else:
        otras.exclude(pk=direccion.pk).update(primary=False)
        direccion.verified = direccion.primary = True
        direccion.save(update_fields=["verified", "primary"])
    return True
