"""El detalle de una solicitud en la mesa de revisión y la vista de cada botón.

Cada vista comprueba el permiso de decidir (403 aunque se escriba la URL a
mano), valida su formulario y llama a un servicio; los errores de dominio se
vuelven mensajes y no cambian nada.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from sanpedro_gel.formato import plural
from tramites import calendario, permisos
from tramites.admin import forms as formularios
from tramites.models import Estado, Solicitud, TipoTramite
from tramites.pasos import definicion_de
from tramites.services import avisos, resultados, revision
from tramites.services.bandeja import Reloj

# --- Lo radicado, legible -------------------------------------------------------------


def _humano(clave: str) -> str:
    return clave.replace("_", " ").capitalize()


def _valor(valor) -> str:
    if valor is None or valor == "":
        return "—"
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(valor, list):
        return ", ".join(_valor(v) for v in valor) or "—"
    if isinstance(valor, dict):
        return "\n".join(f"{_humano(k)}: {_valor(v)}" for k, v in valor.items())
    return str(valor)


def resumen_legible(datos: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Lo radicado como secciones de (etiqueta, valor), sin saber del formulario.

    Respaldo para cuando el formulario del trámite no sabe resumir: nunca se
    muestra JSON crudo a un funcionario.
    """
    secciones = []
    for paso, contenido in datos.items():
        if isinstance(contenido, dict):
            filas = [(_humano(k), _valor(v)) for k, v in contenido.items()]
        elif isinstance(contenido, list):
            filas = [
                (f"{_humano(paso)} {n}", _valor(elemento))
                for n, elemento in enumerate(contenido, start=1)
            ]
        else:
            filas = [(_humano(paso), _valor(contenido))]
        secciones.append((_humano(paso), filas))
    return secciones


def resumen_de(solicitud: Solicitud):
    try:
        return definicion_de(solicitud.tramite.tipo).resumen(solicitud)
    except (KeyError, NotImplementedError):
        return resumen_legible(solicitud.datos)


def pasos_de(solicitud: Solicitud) -> list[tuple[str, str]]:
    """(clave, título) de los pasos del formulario que el revisor puede objetar."""
    try:
        pasos = definicion_de(solicitud.tramite.tipo).pasos
    except KeyError:
        pasos = ()
    if pasos:
        return [(p.clave, p.titulo) for p in pasos]
    return [(clave, _humano(clave)) for clave in solicitud.datos]


def requisitos_de(solicitud: Solicitud):
    """Los documentos que el revisor puede pedir de nuevo."""
    try:
        aplicables = definicion_de(solicitud.tramite.tipo).requisitos_aplicables(
            solicitud
        )
    except (KeyError, NotImplementedError):
        aplicables = solicitud.tramite.requisitos.filter(activo=True)
    return [r for r in aplicables if r.se_adjunta]


# --- Botones -------------------------------------------------------------------------


@dataclass(frozen=True)
class Boton:
    nombre: str
    etiqueta: str
    url: str
    principal: bool = False
    directo: bool = False  # se envía desde el detalle, sin formulario propio


def botones(usuario, solicitud: Solicitud) -> list[Boton]:
    """Los botones que `usuario` puede usar ahora (las vistas lo vuelven a
    comprobar: esto solo decide qué se muestra)."""
    if not permisos.puede_decidir(usuario, solicitud):
        return []
    estado = solicitud.estado
    mia = solicitud.asignado_a_id == usuario.pk
    libre = solicitud.asignado_a_id is None

    def url(nombre):
        return reverse(
            f"admin:tramites_solicitud_{nombre.replace('-', '_')}",
            args=[solicitud.pk],
        )

    lista = []
    if estado not in (Estado.APROBADO, Estado.RECHAZADO, Estado.DESISTIDO) and not mia:
        lista.append(Boton("asignarme", "Asignarme", url("asignarme"), directo=True))
    if estado == Estado.RADICADO and (mia or libre):
        lista.append(
            Boton(
                "iniciar-revision",
                "Iniciar revisión",
                url("iniciar-revision"),
                principal=True,
                directo=True,
            )
        )
    if estado == Estado.EN_REVISION and mia:
        lista += [
            Boton("aprobar", "Aprobar", url("aprobar"), principal=True),
            Boton("subsanacion", "Solicitar subsanación", url("subsanacion")),
            Boton("rechazar", "Rechazar", url("rechazar")),
        ]
    if (
        estado in revision.ACTIVOS
        and (mia or libre)
        and not solicitud.prorrogada_en
        and solicitud.vence_el
        and timezone.localdate() <= solicitud.vence_el
    ):
        lista.append(Boton("prorrogar", "Prorrogar", url("prorrogar")))
    return lista


def _url_detalle(solicitud):
    return reverse("admin:tramites_solicitud_change", args=[solicitud.pk])


def detalle(model_admin, request, solicitud: Solicitud):
    adjuntos = list(
        solicitud.adjuntos.select_related("requisito").order_by("-vigente", "pk")
    )
    historial = list(solicitud.historial.select_related("actor", "documento"))
    mensajes = avisos.avisos_de(historial)
    for actuacion in historial:
        actuacion.mensaje = mensajes.get(actuacion.pk)
    contexto = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"Solicitud {solicitud.radicado}",
        "solicitud": solicitud,
        "original": solicitud,
        "plazo": Reloj.de_hoy().plazo(solicitud),
        "resumen": resumen_de(solicitud),
        "adjuntos": adjuntos,
        "subsanaciones": solicitud.subsanaciones.prefetch_related(
            "items"
        ).select_related("solicitada_por"),
        "documentos": solicitud.documentos.all(),
        "historial": historial,
        "botones": botones(request.user, solicitud),
        "formulario_directo": formularios.FormularioAccion(solicitud=solicitud),
        "puede_decidir": permisos.puede_decidir(request.user, solicitud),
        "calificacion": getattr(solicitud, "calificacion", None),
    }
    return TemplateResponse(request, "admin/tramites/solicitud/detalle.html", contexto)


def _ejecutar(
    model_admin, request, solicitud, *, formulario, titulo, ayuda, hacer, exito
):
    """El esqueleto de cada botón: permiso, formulario, servicio, mensaje."""
    if not permisos.puede_decidir(request.user, solicitud):
        raise PermissionDenied
    if request.method == "POST" and formulario.is_valid():
        try:
            hacer(formulario.cleaned_data)
        except ConflictoDeEstado as error:
            messages.error(request, str(error))
            return redirect(_url_detalle(solicitud))
        except TransicionInvalida as error:
            formulario.add_error(None, str(error))
        else:
            messages.success(request, exito)
            return redirect(_url_detalle(solicitud))
    contexto = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"{titulo} — {solicitud.radicado}",
        "titulo": titulo,
        "ayuda": ayuda,
        "solicitud": solicitud,
        "original": solicitud,
        "formulario": formulario,
        "url_detalle": _url_detalle(solicitud),
    }
    return TemplateResponse(request, "admin/tramites/solicitud/accion.html", contexto)


def _datos(request):
    return request.POST if request.method == "POST" else None


def _directo(model_admin, request, solicitud, *, formulario, servicio, visto, **textos):
    """Un botón que se envía desde el detalle: su formulario solo lleva lo que
    el funcionario vio (`visto` = (argumento del servicio, campo del formulario))."""
    argumento, campo = visto

    def hacer(datos):
        servicio(
            solicitud_id=solicitud.pk, actor=request.user, **{argumento: datos[campo]}
        )

    return _ejecutar(
        model_admin,
        request,
        solicitud,
        formulario=formulario(_datos(request), solicitud=solicitud),
        hacer=hacer,
        **textos,
    )


def asignarme(model_admin, request, solicitud):
    return _directo(
        model_admin,
        request,
        solicitud,
        formulario=formularios.AsignarmeForm,
        servicio=revision.asignar,
        visto=("asignado_visto_id", "asignado_visto"),
        titulo="Asignarme la solicitud",
        ayuda="La solicitud quedará a su cargo; las demás personas de su rol "
        "la verán asignada a usted.",
        exito="La solicitud quedó asignada a usted.",
    )


def iniciar_revision(model_admin, request, solicitud):
    return _directo(
        model_admin,
        request,
        solicitud,
        formulario=formularios.IniciarRevisionForm,
        servicio=revision.iniciar_revision,
        visto=("estado_visto", "estado_visto"),
        titulo="Iniciar revisión",
        ayuda="El ciudadano recibirá un correo que le informa que su solicitud "
        "está en revisión.",
        exito="La solicitud está en revisión. Se le avisó al ciudadano.",
    )


def subsanacion(model_admin, request, solicitud):
    formulario = formularios.SubsanacionForm(
        _datos(request),
        solicitud=solicitud,
        requisitos=requisitos_de(solicitud),
        pasos=pasos_de(solicitud),
    )

    def hacer(datos):
        revision.solicitar_subsanacion(
            solicitud_id=solicitud.pk,
            actor=request.user,
            requisitos=datos["requisitos"],
            pasos=datos["pasos"],
            observacion=datos["observacion"],
            estado_visto=datos["estado_visto"],
        )

    radicada = timezone.localdate(solicitud.radicado_en)
    transcurridos = calendario.dias_habiles_entre(radicada, timezone.localdate())
    ayuda = (
        "Escriba qué falta solo en los documentos o pasos que el ciudadano debe "
        "aportar o corregir: verá exactamente eso y podrá cambiar solo eso. El "
        "término se suspende hasta que responda; tiene "
        f"{plural(solicitud.tramite.meses_para_subsanar, 'mes', 'meses')} para "
        "hacerlo."
    )
    if transcurridos > 10:
        ayuda += (
            f" Atención: han pasado {transcurridos} días hábiles desde la "
            "radicación; la Ley 1755 pide requerir dentro de los 10 primeros."
        )
    return _ejecutar(
        model_admin,
        request,
        solicitud,
        formulario=formulario,
        titulo="Solicitar subsanación",
        ayuda=ayuda,
        hacer=hacer,
        exito="Se pidió al ciudadano completar la solicitud; el término quedó "
        "suspendido.",
    )


def aprobar(model_admin, request, solicitud):
    horario = solicitud.tramite.tipo == TipoTramite.AMPLIACION_HORARIO
    if horario:
        pedido = solicitud.datos.get("solicitud", {})
        inicial = {
            "estado_visto": solicitud.estado,
            "asignado_visto": solicitud.asignado_a_id,
            "hora_cierre": pedido.get("hora_cierre"),
            "fecha_inicio": pedido.get("fecha_inicio"),
            "fecha_fin": pedido.get("fecha_fin"),
            "condiciones": "\n".join(resultados.condiciones_por_defecto(solicitud)),
        }
        formulario = formularios.AprobarHorarioForm(
            _datos(request), solicitud=solicitud, initial=inicial
        )
    else:
        formulario = formularios.AprobarForm(_datos(request), solicitud=solicitud)

    def hacer(datos):
        concesion = None
        if horario:
            concesion = {
                "hora_cierre": datos["hora_cierre"],
                "fecha_inicio": datos["fecha_inicio"],
                "fecha_fin": datos["fecha_fin"],
                "condiciones": datos["lista_condiciones"],
            }
        revision.aprobar(
            solicitud_id=solicitud.pk,
            actor=request.user,
            observaciones=datos["observaciones"],
            concesion=concesion,
            estado_visto=datos["estado_visto"],
        )

    resultado = {
        TipoTramite.INSCRIPCION_ICA: "El contribuyente quedará inscrito en el "
        "registro de Industria y Comercio con una matrícula nueva y se expedirá "
        "el certificado de inscripción.",
        TipoTramite.NOVEDAD_ICA: "La novedad se aplicará al registro (la versión "
        "anterior queda en el historial) y se expedirá la constancia.",
        TipoTramite.AMPLIACION_HORARIO: "Se expedirá una resolución numerada con "
        "lo concedido y los recursos que proceden.",
    }[solicitud.tramite.tipo]
    return _ejecutar(
        model_admin,
        request,
        solicitud,
        formulario=formulario,
        titulo="Aprobar la solicitud",
        ayuda=resultado + " El ciudadano recibirá el documento por correo.",
        hacer=hacer,
        exito="Solicitud aprobada. El documento se envió al ciudadano.",
    )


def rechazar(model_admin, request, solicitud):
    formulario = formularios.RechazarForm(_datos(request), solicitud=solicitud)

    def hacer(datos):
        revision.rechazar(
            solicitud_id=solicitud.pk,
            actor=request.user,
            motivacion=datos["motivacion"],
            estado_visto=datos["estado_visto"],
        )

    return _ejecutar(
        model_admin,
        request,
        solicitud,
        formulario=formulario,
        titulo="Rechazar la solicitud",
        ayuda="Se expedirá una resolución motivada que niega la solicitud, con los "
        "recursos de reposición y apelación (10 días hábiles).",
        hacer=hacer,
        exito="Solicitud negada. La resolución se envió al ciudadano.",
    )


def prorrogar(model_admin, request, solicitud):
    formulario = formularios.ProrrogarForm(_datos(request), solicitud=solicitud)
    limite = revision.limite_de_prorroga(solicitud) if solicitud.vence_el else None

    def hacer(datos):
        revision.prorrogar(
            solicitud_id=solicitud.pk,
            actor=request.user,
            razones=datos["razones"],
            nueva_fecha=datos["nueva_fecha"],
            estado_visto=datos["estado_visto"],
        )

    ayuda = (
        "Una sola prórroga, antes del vencimiento, a lo sumo por el doble del término."
    )
    if limite:
        ayuda += (
            f" Vence el {solicitud.vence_el:%d/%m/%Y}; la nueva fecha puede ir "
            f"hasta el {limite:%d/%m/%Y}."
        )
    return _ejecutar(
        model_admin,
        request,
        solicitud,
        formulario=formulario,
        titulo="Prorrogar el término",
        ayuda=ayuda,
        hacer=hacer,
        exito="Término prorrogado. Se le informó al ciudadano.",
    )


VISTAS = {
    "asignarme": asignarme,
    "iniciar-revision": iniciar_revision,
    "subsanacion": subsanacion,
    "aprobar": aprobar,
    "rechazar": rechazar,
    "prorrogar": prorrogar,
}
