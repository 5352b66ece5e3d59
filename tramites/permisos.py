"""Quién ve y quién decide cada solicitud. Lo usan las vistas, el admin y las
descargas; ninguna otra parte del código decide estas reglas."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from tramites.models import Solicitud, TipoTramite

# Permiso de Django → trámites que abre. Los grupos (roles) reciben estos
# permisos en tramites/roles.py.
TRAMITES_POR_PERMISO = {
    "tramites.revisar_ica": frozenset(
        {TipoTramite.INSCRIPCION_ICA, TipoTramite.NOVEDAD_ICA}
    ),
    "tramites.revisar_horario": frozenset({TipoTramite.AMPLIACION_HORARIO}),
}
PERMISO_LECTURA_TOTAL = "tramites.ver_todas"


def tramites_que_decide(usuario) -> frozenset[str]:
    """Tipos de trámite cuyas solicitudes `usuario` puede revisar y decidir."""
    if not (usuario.is_authenticated and usuario.is_staff and usuario.is_active):
        return frozenset()
    tipos: set[str] = set()
    for permiso, del_permiso in TRAMITES_POR_PERMISO.items():
        if usuario.has_perm(permiso):
            tipos |= del_permiso
    return frozenset(tipos)


def tramites_que_ve(usuario) -> frozenset[str]:
    """Tipos de trámite cuyas solicitudes `usuario` ve en la mesa de revisión."""
    if not (usuario.is_authenticated and usuario.is_staff and usuario.is_active):
        return frozenset()
    if usuario.has_perm(PERMISO_LECTURA_TOTAL):
        return frozenset(TipoTramite.values)
    return tramites_que_decide(usuario)


def puede_ver(usuario, solicitud: Solicitud) -> bool:
    """El dueño ve lo suyo; un funcionario, lo de los trámites de su rol."""
    if not usuario.is_authenticated:
        return False
    if solicitud.solicitante_id == usuario.pk:
        return True
    return solicitud.estado != "BORRADOR" and solicitud.tramite.tipo in tramites_que_ve(
        usuario
    )


def puede_decidir(usuario, solicitud: Solicitud) -> bool:
    return solicitud.tramite.tipo in tramites_que_decide(usuario)


def revisores(de_tramites=None):
    """Funcionarios activos que deciden algún trámite (por su rol o a mano); con
    `de_tramites`, solo los que deciden alguno de esos tipos."""
    codigos = [
        permiso.split(".", 1)[1]
        for permiso, tipos in TRAMITES_POR_PERMISO.items()
        if de_tramites is None or tipos & set(de_tramites)
    ]
    de_tramites = Q(content_type__app_label="tramites", codename__in=codigos)
    ids = Permission.objects.filter(de_tramites).values_list("pk", flat=True)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=ids) | Q(user_permissions__in=ids))
        .distinct()
        .order_by("pk")
    )
