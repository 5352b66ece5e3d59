"""Perfiles de Hypothesis y estrategias de datos colombianos para las pruebas de
propiedades (tests/<app>/test_propiedades_*.py).

Perfiles: «ci» (200 ejemplos por prueba) cuando REQUIRE_SERVICES=1, como lo pone
.ci/run, o HYPOTHESIS_PROFILE=ci; «local» (25 ejemplos) en los demás casos.
Ninguno tiene plazo por ejemplo: la primera consulta a la base o la primera
plantilla tardan más que las siguientes y no son un error.
"""

import os
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from stdnum.co import nit

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("local", max_examples=25, deadline=None)


def _perfil() -> str:
    if os.environ.get("HYPOTHESIS_PROFILE"):
        return os.environ["HYPOTHESIS_PROFILE"]
    exigido = os.environ.get("REQUIRE_SERVICES", "").strip().lower()
    return "ci" if exigido in {"1", "true", "si", "sí", "yes"} else "local"


settings.load_profile(_perfil())


def con_fixtures(**extra) -> settings:
    """Ajustes de una prueba @given que usa fixtures de función (la base, el
    cliente): los ejemplos comparten la transacción de la prueba, y cada uno deja
    el estado que necesita (ver cada prueba)."""
    return settings(
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
        **extra,
    )


def por_http(**extra) -> settings:
    """Menos ejemplos para las pruebas que recorren la vista completa (plantilla
    incluida): una octava parte del perfil, al menos 5 (25 en CI)."""
    return con_fixtures(
        max_examples=max(5, settings.default.max_examples // 8), **extra
    )


# --- Basura: lo que puede llegar en cualquier campo -------------------------------

VALORES_RAROS = [
    "",
    " ",
    "   \t\n ",
    "\x00",
    "a\x00b",
    "1e3",
    "-1",
    "-0",
    "1e-400",
    "9e999",
    "NaN",
    "inf",
    "-inf",
    "1,5",
    "1.234,56",
    "0x10",
    "٣٤",
    "１２３",
    "²",
    "😀",
    "ñÑáéíóúü",
    "9" * 40,
    "0" * 30,
    "2026-02-30",
    "31/12/2026",
    "0000-00-00",
    "9999-12-31",
    "25:61",
    "24:00",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "%(limit_value)s",
    "'; DROP TABLE tramites_solicitud; --",
    "None",
    "True",
    "False",
    "on",
    "[]",
    "{}",
    "‮txt.exe",
    "\ufeff",
    "ICA-",
    "900123456-",
    "1 — ",
]

# Texto sin sustitutos sueltos: el cliente HTTP los codifica en UTF-8, como un
# navegador.
texto_cualquiera = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
texto_largo = st.builds(
    lambda trozo, veces: (trozo * veces)[:6000],
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8),
    st.integers(min_value=50, max_value=1500),
)
basura = st.one_of(
    st.sampled_from(VALORES_RAROS),
    texto_cualquiera,
    texto_largo,
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def datos_revueltos(validos: dict, extras: tuple[str, ...] = ()) -> st.SearchStrategy:
    """Un POST que parte de uno válido y cambia cualquier campo por basura, por
    una lista de valores o lo quita; a veces añade campos que nadie espera."""
    claves = list(validos) + [c for c in extras if c not in validos]

    def valor(clave):
        original = validos.get(clave)
        opciones = [basura.map(lambda v: [v]), st.lists(basura, max_size=3)]
        if original is not None:
            lista = original if isinstance(original, list) else [original]
            opciones.insert(0, st.just([str(v) for v in lista]))
        return st.one_of(*opciones)

    return st.fixed_dictionaries(
        {},
        optional={clave: valor(clave) for clave in claves}
        | {"otro-campo": st.lists(basura, min_size=1, max_size=2)},
    )


# --- Datos válidos como los escribe un ciudadano -------------------------------------

LETRAS = st.characters(
    categories=("Lu", "Ll", "Nd"), include_characters=" ñÑáéíóúÁÉÍÓÚü.,-#&'°"
)


def texto_valido(minimo: int = 1, maximo: int = 60) -> st.SearchStrategy:
    """Texto de una línea con tildes y ñ, con espacios sobrantes a los lados."""
    return st.builds(
        lambda izquierda, texto, derecha: f"{izquierda}{texto}{derecha}",
        st.sampled_from(["", " ", "  "]),
        st.text(LETRAS, min_size=minimo, max_size=maximo).filter(
            lambda t: minimo <= len(t.strip()) <= maximo
        ),
        st.sampled_from(["", " ", "\t"]),
    )


def con_puntos(numero: str) -> str:
    return f"{int(numero):,}".replace(",", ".")


def escrito_de(numero: str) -> st.SearchStrategy:
    """Un número de documento sin separadores, con puntos o con espacios."""
    return st.sampled_from(
        [numero, con_puntos(numero), f" {numero} ", numero.replace("", " ").strip()]
    )


def nit_con_dv(digitos: int | None = None) -> st.SearchStrategy:
    """(número, DV) de un NIT válido: 9 dígitos de empresa o el de una persona."""
    largo = st.just(digitos) if digitos else st.integers(min_value=3, max_value=10)
    return largo.flatmap(
        lambda n: st.integers(min_value=10 ** (n - 1), max_value=10**n - 1)
    ).map(lambda numero: (str(numero), nit.calc_check_digit(str(numero))))


cedula = st.integers(min_value=100, max_value=9_999_999_999).map(str)
cedula_extranjeria = st.integers(min_value=100, max_value=999_999_999_999).map(str)
pasaporte = st.from_regex(r"[A-Z]{2}[0-9]{3,12}", fullmatch=True)
permiso = st.from_regex(r"[0-9]{4,15}", fullmatch=True)


def documento_de_persona() -> st.SearchStrategy:
    """(tipo, como lo escribe, como se guarda) de un documento de persona."""
    return st.one_of(
        cedula.flatmap(lambda n: escrito_de(n).map(lambda e: ("CC", e, n))),
        cedula_extranjeria.map(lambda n: ("CE", n, n)),
        pasaporte.map(lambda n: ("PA", n.lower(), n)),
        permiso.map(lambda n: ("PEP", n, n)),
        permiso.map(lambda n: ("PPT", f" {n}", n)),
    )


def celular() -> st.SearchStrategy:
    return st.from_regex(r"3[0-9]{9}", fullmatch=True).flatmap(
        lambda n: st.sampled_from(
            [n, f"{n[:3]} {n[3:6]} {n[6:]}", f"+57 {n}", f"({n[:3]}) {n[3:6]}-{n[6:]}"]
        )
    )


def fijo() -> st.SearchStrategy:
    return st.from_regex(r"60[1-9][0-9]{7}", fullmatch=True).flatmap(
        lambda n: st.sampled_from([n, f"({n[:3]}) {n[3:6]} {n[6:]}", f"+57{n}"])
    )


correo = st.builds(
    lambda usuario, dominio, final, mayusculas: (
        f"{usuario}@{dominio}.{final}".upper()
        if mayusculas
        else f"{usuario}@{dominio}.{final}"
    ),
    st.from_regex(r"[a-z0-9]{1,12}([._-][a-z0-9]{1,8})?", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9]{1,15}", fullmatch=True),
    st.sampled_from(["co", "com", "gov.co", "com.co", "test"]),
    st.booleans(),
)


def hasta_hoy(desde: date = date(1960, 1, 1)) -> st.SearchStrategy:
    return st.dates(min_value=desde, max_value=timezone.localdate())


def fecha_escrita(fecha: date) -> st.SearchStrategy:
    """Una fecha en los formatos que acepta el formulario (ISO, o día/mes/año)."""
    return st.sampled_from([fecha.isoformat(), fecha.strftime("%d/%m/%Y")])


def despues_de_hoy(minimo: int, maximo: int = 400) -> st.SearchStrategy:
    hoy = timezone.localdate()
    return st.dates(
        min_value=hoy + timedelta(days=minimo), max_value=hoy + timedelta(days=maximo)
    )


def area_escrita() -> st.SearchStrategy:
    """(como la escribe, como se guarda): «45,5» con coma, como en es-CO."""
    return st.decimals(
        min_value=Decimal("0"),
        max_value=Decimal("9999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ).flatmap(
        lambda d: st.sampled_from([str(d), str(d).replace(".", ",")]).map(
            lambda escrito: (escrito, f"{d:.2f}")
        )
    )


def ciiu_escrito(codigos: list[str], catalogo: dict[str, str]) -> st.SearchStrategy:
    """(como lo escribe, código) de una actividad del catálogo."""
    return st.sampled_from(codigos).flatmap(
        lambda c: st.sampled_from(
            [c, f" {c} ", f"{c} — {catalogo[c]}"]
            + ([c.lstrip("0")] if c.startswith("0") else [])
        ).map(lambda escrito: (escrito, c))
    )
