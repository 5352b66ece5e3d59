"""Roles del portal: grupos de Django con sus permisos.

Cada app declara en su módulo `roles.py` un diccionario `PERMISOS` que asigna a
cada rol los permisos de esa app (`"app_label.codename"`). Este módulo los reúne
y deja cada grupo exactamente con lo declarado. Corre después de cada `migrate`
y con `manage.py sincronizar_roles`; correrlo dos veces no cambia nada.
"""

import logging
from collections import defaultdict
from importlib import import_module

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

logger = logging.getLogger(__name__)

REVISOR_HACIENDA = "Revisor Hacienda"
REVISOR_GOBIERNO = "Revisor Gobierno"
LIDER_GEL = "Líder GEL"
COMUNICACIONES = "Comunicaciones"
ADMINISTRADOR_WEB = "Administrador web"
ADMINISTRADOR_HERRAMIENTA = "Administrador de la herramienta"

ROLES = (
    REVISOR_HACIENDA,
    REVISOR_GOBIERNO,
    LIDER_GEL,
    COMUNICACIONES,
    ADMINISTRADOR_WEB,
    ADMINISTRADOR_HERRAMIENTA,
)


def permisos_declarados() -> dict[str, set[str]]:
    """Une los `PERMISOS` de los `roles.py` de todas las apps instaladas."""
    por_rol: dict[str, set[str]] = defaultdict(set)
    for config in apps.get_app_configs():
        try:
            modulo = import_module(f"{config.name}.roles")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.roles":
                raise
            continue
        for rol, permisos in getattr(modulo, "PERMISOS", {}).items():
            if rol not in ROLES:
                raise ValueError(
                    f"{config.name}.roles declara un rol desconocido: {rol}"
                )
            por_rol[rol].update(permisos)
    return por_rol


@transaction.atomic
def sincronizar_roles() -> dict[str, int]:
    """Crea los grupos que falten y les deja exactamente los permisos declarados.

    Devuelve el número de permisos de cada rol. Idempotente.
    """
    declarados = permisos_declarados()
    resultado = {}
    for rol in ROLES:
        grupo, _ = Group.objects.get_or_create(name=rol)
        codigos = declarados.get(rol, set())
        permisos = _buscar_permisos(codigos)
        grupo.permissions.set(permisos)
        resultado[rol] = len(permisos)
    return resultado


def _buscar_permisos(codigos: set[str]) -> list[Permission]:
    buscados = {tuple(codigo.split(".", 1)) for codigo in codigos}
    encontrados = [
        permiso
        for permiso in Permission.objects.select_related("content_type")
        if (permiso.content_type.app_label, permiso.codename) in buscados
    ]
    faltan = buscados - {(p.content_type.app_label, p.codename) for p in encontrados}
    if faltan:
        nombres = ", ".join(sorted(".".join(f) for f in faltan))
        raise ValueError(f"Permisos declarados que no existen: {nombres}")
    return encontrados


def sincronizar_roles_tras_migrar(sender, using="default", verbosity=1, **kwargs):
    # Los permisos de las apps que migran después de esta aún no existen cuando
    # llega la señal: se crean aquí (idempotente) antes de asignarlos.
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    resultado = sincronizar_roles()
    if verbosity >= 2:
        logger.info("Roles sincronizados: %s", resultado)


# El administrador de la herramienta gestiona cuentas y desbloquea accesos; él y
# el Líder GEL miran la bandeja de salida (y reintentan lo que falló) y los
# trabajos periódicos.
_BANDEJA = {
    "sanpedro_gel.view_mensaje",
    "sanpedro_gel.reintentar_mensaje",
    "sanpedro_gel.view_ejecucionperiodica",
}

PERMISOS = {
    LIDER_GEL: _BANDEJA,
    ADMINISTRADOR_HERRAMIENTA: _BANDEJA
    | {
        "sanpedro_gel.view_usuario",
        "sanpedro_gel.add_usuario",
        "sanpedro_gel.change_usuario",
        "auth.view_group",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
    },
}
