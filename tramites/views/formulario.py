"""El formulario por pasos: iniciar, cada paso, documentos, revisión y radicar.

Las vistas solo adaptan HTTP: validan con los formularios de la `Definicion`
del trámite y guardan o radican con los servicios.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sanpedro_gel import peticiones
from sanpedro_gel.excepciones import ConflictoDeEstado
from tramites.excepciones import ArchivoRechazado, SolicitudIncompleta
from tramites.forms import DocumentosForm, RadicarForm
from tramites.middleware import origen_de
from tramites.models import Adjunto, Estado, Solicitud
from tramites.pasos import definicion_de
from tramites.pasos.base import PASO_DOCUMENTOS, PASO_REVISION, FormsetPaso
from tramites.selectores import aviso_vigente, tramites_activos
from tramites.services.adjuntos import adjuntar, quitar
from tramites.services.borradores import (
    crear_borrador,
    guardar_a_medias,
    guardar_paso,
    identificar,
    lo_escrito,
    marcar_paso,
)
from tramites.services.radicacion import radicar_solicitud

# --- utilidades -------------------------------------------------------------------


def _borrador_propio(request, pk):
    """El borrador `pk` del usuario; 404 si es de otro (o no existe).

    Devuelve (solicitud, None) o (None, redirección) si ya no es un borrador.
    """
    solicitud = get_object_or_404(
        Solicitud.objects.select_related("tramite"), pk=pk, solicitante=request.user
    )
    # La consulta ya exige que el solicitante sea quien pide: es el usuario de la
    # sesión, ya cargado, y no hace falta traerlo otra vez en un JOIN.
    solicitud.solicitante = request.user
    if solicitud.estado != Estado.BORRADOR:
        messages.info(request, f"La solicitud {solicitud.radicado} ya fue radicada.")
        return None, redirect("tramites:solicitud", pk=solicitud.pk)
    return solicitud, None


def url_de_paso(solicitud, clave: str, **parametros) -> str:
    if clave == PASO_DOCUMENTOS:
        url = reverse("tramites:documentos", kwargs={"pk": solicitud.pk})
    elif clave == PASO_REVISION:
        url = reverse("tramites:revision", kwargs={"pk": solicitud.pk})
    else:
        url = reverse("tramites:paso", kwargs={"pk": solicitud.pk, "clave": clave})
    if parametros:
        url += "?" + "&".join(f"{k}={v}" for k, v in parametros.items())
    return url


def _primer_paso_sin_guardar(definicion, solicitud, antes_de: str) -> str | None:
    """Un paso anterior a `antes_de` que aún no se guardó (no se salta pasos)."""
    for paso in definicion.pasos:
        if paso.clave == antes_de:
            return None
        if definicion.sin_terminar(solicitud, paso.clave):
            return paso.clave
    return None


def _progreso(definicion, clave: str) -> dict:
    claves = definicion.claves()
    titulos = [p.titulo for p in definicion.pasos] + ["Documentos", "Revisión"]
    return {
        "numero_paso": claves.index(clave) + 1,
        "total_pasos": len(claves),
        "pasos_recorrido": list(zip(claves, titulos, strict=True)),
        "clave_actual": clave,
    }


def _siguiente_url(request, solicitud, definicion, clave) -> str:
    if request.POST.get("accion") == "salir":
        messages.success(
            request,
            "Guardamos su borrador. Puede continuarlo cuando quiera desde «Mis "
            "trámites».",
        )
        return reverse("tramites:mis_tramites")
    if request.GET.get("volver") == PASO_REVISION and not _primer_paso_sin_guardar(
        definicion, solicitud, PASO_DOCUMENTOS
    ):
        return url_de_paso(solicitud, PASO_REVISION)
    return url_de_paso(solicitud, definicion.siguiente(clave))


# --- iniciar -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def iniciar(request, slug):
    tramite = get_object_or_404(tramites_activos(), slug=slug)
    definicion = definicion_de(tramite.tipo)
    if request.method == "POST":
        solicitud = crear_borrador(
            tramite=tramite, solicitante=request.user, origen=origen_de(request)
        )
        registro = peticiones.id_de(request.POST.get("registro", ""))
        # Desde «Mis establecimientos»: el registro ya va identificado.
        if registro and not identificar(
            solicitud=solicitud,
            contribuyente_id=registro,
            establecimiento_id=peticiones.id_de(
                request.POST.get("establecimiento", "")
            ),
        ):
            messages.warning(
                request,
                "No pudimos identificar ese registro en su cuenta; escriba la "
                "matrícula y el documento.",
            )
        solicitud.refresh_from_db()
        # Al primer paso que falta: tras el registro ya identificado, si lo hay.
        primero = _primer_paso_sin_guardar(definicion, solicitud, PASO_DOCUMENTOS)
        return redirect(url_de_paso(solicitud, primero or definicion.pasos[0].clave))
    borradores = list(
        Solicitud.objects.de(request.user)
        .filter(tramite=tramite, estado=Estado.BORRADOR)
        .order_by("-actualizado_en")
    )
    return render(
        request,
        "tramites/iniciar.html",
        {
            "tramite": tramite,
            "definicion": definicion,
            "borradores": borradores,
            "requisitos": [r for r in tramite.requisitos.all() if r.activo],
        },
    )


# --- un paso del formulario ----------------------------------------------------------


def _formset_con_uno_mas(formset):
    """El formset con lo escrito y un formulario vacío más, sin mostrar errores."""
    valores = [
        {
            nombre: formulario[nombre].value()
            for nombre in formulario.fields
            if nombre != "DELETE"
        }
        for formulario in formset.forms
        if not ("DELETE" in formulario.fields and formulario["DELETE"].value())
    ]
    return type(formset)(
        initial=valores + [{}], prefix=formset.prefix, contexto=formset.contexto
    )


@login_required
@require_http_methods(["GET", "POST"])
def paso(request, pk, clave):
    solicitud, salida = _borrador_propio(request, pk)
    if salida:
        return salida
    definicion = definicion_de(solicitud.tramite.tipo)
    try:
        paso_actual = definicion.paso(clave)
    except KeyError:
        raise Http404 from None
    faltante = _primer_paso_sin_guardar(definicion, solicitud, clave)
    if faltante:
        messages.info(request, "Primero complete este paso.")
        return redirect(url_de_paso(solicitud, faltante))

    contexto = definicion.contexto(solicitud)
    mostrar_errores = True
    if request.method == "POST":
        formulario = definicion.formulario(
            clave, solicitud, data=request.POST, files=request.FILES, contexto=contexto
        )
        if isinstance(formulario, FormsetPaso) and "agregar" in request.POST:
            formulario = _formset_con_uno_mas(formulario)
            mostrar_errores = False
        elif formulario.is_valid():
            try:
                solicitud = guardar_paso(
                    solicitud=solicitud, clave=clave, formulario=formulario
                )
            except ConflictoDeEstado as error:
                messages.warning(request, str(error))
                return redirect("tramites:solicitud", pk=solicitud.pk)
            return redirect(_siguiente_url(request, solicitud, definicion, clave))
        elif request.POST.get("accion") == "salir":
            # Más tarde: lo escrito se guarda tal cual, y el paso queda pendiente.
            try:
                guardar_a_medias(
                    solicitud=solicitud, clave=clave, escrito=lo_escrito(request.POST)
                )
            except ConflictoDeEstado as error:
                messages.warning(request, str(error))
                return redirect("tramites:solicitud", pk=solicitud.pk)
            messages.warning(
                request,
                f"Guardamos lo que escribió, pero el paso «{paso_actual.titulo}» "
                "quedó sin terminar. Cuando vuelva, corríjalo y pulse «Guardar y "
                "continuar».",
            )
            return redirect("tramites:mis_tramites")
    elif (
        a_medias := definicion.formulario_a_medias(clave, solicitud, contexto)
    ) is not None:
        # Vuelve a un paso que dejó sin terminar: lo escrito y lo que falta.
        formulario = a_medias
        formulario.is_valid()
    elif request.GET.get("verificar"):
        # Llega desde «Radicar» con errores: se valida lo guardado para mostrarlos.
        formulario = definicion.formulario_guardado(clave, solicitud, contexto)
        formulario.is_valid()
    else:
        formulario = definicion.formulario(clave, solicitud, contexto=contexto)
        mostrar_errores = False

    hay_errores = mostrar_errores and (
        bool(formulario.errors)
        if not isinstance(formulario, FormsetPaso)
        else (any(formulario.errors) or bool(formulario.non_form_errors()))
    )
    anterior = definicion.anterior(clave)
    return render(
        request,
        "tramites/paso.html",
        {
            "solicitud": solicitud,
            "tramite": solicitud.tramite,
            "paso": paso_actual,
            "formulario": formulario,
            "es_formset": isinstance(formulario, FormsetPaso),
            "hay_errores": hay_errores,
            "mostrar_errores": mostrar_errores,
            "ciiu": contexto.ciiu.items() if formulario.usa_ciiu else None,
            "url_anterior": url_de_paso(solicitud, anterior) if anterior else None,
            "plantilla_paso": select_template(
                [
                    f"tramites/pasos/{solicitud.tramite.tipo.lower()}_{clave}.html",
                    "tramites/pasos/_generico.html",
                ]
            ),
            "encabezado": definicion.encabezado_paso(clave, contexto),
            "volver": request.GET.get("volver", ""),
            "sin_terminar": clave in solicitud.a_medias,
            **_progreso(definicion, clave),
        },
    )


# --- documentos -----------------------------------------------------------------------


def _vigentes(solicitud) -> dict:
    return {
        a.requisito_id: a
        for a in Adjunto.objects.filter(
            solicitud=solicitud, vigente=True, requisito__isnull=False
        )
    }


@login_required
@require_http_methods(["GET", "POST"])
def documentos(request, pk):
    solicitud, salida = _borrador_propio(request, pk)
    if salida:
        return salida
    definicion = definicion_de(solicitud.tramite.tipo)
    faltante = _primer_paso_sin_guardar(definicion, solicitud, PASO_DOCUMENTOS)
    if faltante:
        messages.info(request, "Primero complete este paso.")
        return redirect(url_de_paso(solicitud, faltante))
    requisitos = definicion.requisitos_aplicables(solicitud)
    por_pk = {r.pk: r for r in requisitos}

    if request.method == "POST" and request.POST.get("quitar"):
        adjunto = get_object_or_404(
            Adjunto, pk=peticiones.id_de(request.POST["quitar"]), solicitud=solicitud
        )
        try:
            quitar(adjunto=adjunto)
            messages.success(request, f"Quitamos «{adjunto.nombre_original}».")
        except ArchivoRechazado as error:
            messages.warning(request, error.mensaje)
        return redirect(url_de_paso(solicitud, PASO_DOCUMENTOS))

    enviado = request.method == "POST"
    accion = request.POST.get("accion") if enviado else None
    # Los obligatorios que faltan se señalan al intentar seguir, o al llegar
    # desde «Radicar» (?verificar=1); no mientras el ciudadano va subiendo.
    exigir = accion == "continuar" or bool(request.GET.get("verificar"))
    formulario = DocumentosForm(
        request.POST if enviado else ({} if exigir else None),
        request.FILES if enviado else ({} if exigir else None),
        requisitos=requisitos,
        vigentes=_vigentes(solicitud),
    )
    if formulario.is_bound:
        formulario.is_valid()
    if enviado:
        subidos = 0
        for nombre, archivo in request.FILES.items():
            requisito = por_pk.get(_pk_de_campo(nombre))
            if requisito is None or nombre not in formulario.fields:
                continue
            try:
                adjuntar(solicitud=solicitud, requisito=requisito, archivo=archivo)
                subidos += 1
            except ArchivoRechazado as error:
                formulario.add_error(nombre, error.mensaje)
        formulario.vigentes = _vigentes(solicitud)
        if subidos:
            messages.success(
                request,
                "Recibimos el documento."
                if subidos == 1
                else f"Recibimos {subidos} documentos.",
            )
    if exigir:
        for requisito in definicion.documentos_faltantes(solicitud):
            nombre = f"requisito_{requisito.pk}"
            if nombre in formulario.fields and not formulario.has_error(nombre):
                formulario.add_error(nombre, f"Adjunte «{requisito.nombre}».")
    hay_errores = formulario.is_bound and bool(formulario.errors)
    if enviado and not hay_errores:
        if accion == "salir":
            messages.success(
                request,
                "Guardamos su borrador. Puede continuarlo cuando quiera desde «Mis "
                "trámites».",
            )
            return redirect("tramites:mis_tramites")
        if accion == "continuar":
            marcar_paso(solicitud=solicitud, clave=PASO_REVISION)
            return redirect(url_de_paso(solicitud, PASO_REVISION))
        return redirect(url_de_paso(solicitud, PASO_DOCUMENTOS))
    return render(
        request,
        "tramites/documentos.html",
        {
            "solicitud": solicitud,
            "tramite": solicitud.tramite,
            "formulario": formulario,
            "hay_errores": hay_errores,
            "archivo_max_mb": settings.ARCHIVO_MAX_MB,
            "url_anterior": url_de_paso(
                solicitud, definicion.anterior(PASO_DOCUMENTOS)
            ),
            **_progreso(definicion, PASO_DOCUMENTOS),
        },
    )


def _pk_de_campo(nombre: str) -> int | None:
    prefijo = "requisito_"
    if nombre.startswith(prefijo) and nombre[len(prefijo) :].isdigit():
        return int(nombre[len(prefijo) :])
    return None


# --- revisión y radicación -----------------------------------------------------------


def _secciones_con_enlaces(definicion, solicitud, contexto):
    return [
        {
            "titulo": titulo,
            "filas": filas,
            "url_cambiar": url_de_paso(solicitud, clave, volver=PASO_REVISION),
        }
        for clave, titulo, filas in definicion.resumen_por_paso(solicitud, contexto)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def revision(request, pk):
    solicitud, salida = _borrador_propio(request, pk)
    if salida:
        return salida
    definicion = definicion_de(solicitud.tramite.tipo)
    faltante = _primer_paso_sin_guardar(definicion, solicitud, PASO_DOCUMENTOS)
    if faltante:
        messages.info(request, "Primero complete este paso.")
        return redirect(url_de_paso(solicitud, faltante))
    vigente = aviso_vigente(solicitud.tramite)
    formulario = RadicarForm(request.POST or None, vigente=vigente)

    if request.method == "POST" and vigente is not None and formulario.is_valid():
        try:
            radicar_solicitud(
                solicitud_id=solicitud.pk,
                actor=request.user,
                aviso=formulario.cleaned_data["aviso"],
                como_se_entero=formulario.cleaned_data["como_se_entero"],
                origen=origen_de(request) or solicitud.origen,
            )
        except SolicitudIncompleta as error:
            clave = next(c for c in definicion.claves() if c in error.errores)
            messages.error(
                request,
                "Antes de radicar hay que corregir algunos datos. Le mostramos el "
                "primer paso con problemas.",
            )
            return redirect(url_de_paso(solicitud, clave, verificar=1))
        except ConflictoDeEstado as error:
            messages.warning(request, str(error))
            return redirect("tramites:solicitud", pk=solicitud.pk)
        return redirect("tramites:confirmacion", pk=solicitud.pk)

    # Un solo contexto (catálogo CIIU, registro) para validar y para el resumen.
    contexto = definicion.contexto(solicitud)
    errores = definicion.errores(solicitud, contexto)
    pendientes = [
        {
            "titulo": _titulo_de(definicion, clave),
            "mensajes": mensajes,
            "url": url_de_paso(solicitud, clave, verificar=1),
        }
        for clave, mensajes in errores.items()
    ]
    adjuntos = _vigentes(solicitud)
    return render(
        request,
        "tramites/revision.html",
        {
            "solicitud": solicitud,
            "tramite": solicitud.tramite,
            "secciones": _secciones_con_enlaces(definicion, solicitud, contexto),
            "documentos": [
                {"requisito": r, "adjunto": adjuntos.get(r.pk)}
                for r in definicion.requisitos_aplicables(solicitud)
                if r.se_adjunta
            ],
            "url_documentos": url_de_paso(solicitud, PASO_DOCUMENTOS),
            "pendientes": pendientes,
            "aviso": vigente,
            "formulario": formulario,
            "hay_errores": formulario.is_bound and bool(formulario.errors),
            "url_anterior": url_de_paso(solicitud, PASO_DOCUMENTOS),
            **_progreso(definicion, PASO_REVISION),
        },
    )


def _titulo_de(definicion, clave):
    if clave == PASO_DOCUMENTOS:
        return "Documentos"
    return definicion.paso(clave).titulo
