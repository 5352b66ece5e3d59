"""Páginas de la capacitación: la lista pública, el detalle de cada jornada,
la confirmación desde el correo, los materiales y los certificados."""

import logging
import mimetypes
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from capacitacion import selectores
from capacitacion.models import Certificado, EstadoInscripcion, Inscripcion, Material
from capacitacion.services import certificados, confirmacion, inscripciones
from sanpedro_gel.descargas import entregar_privado
from sanpedro_gel.excepciones import EnlaceInvalido, ErrorDelPortal
from sanpedro_gel.paginas import pagina_publica
from sanpedro_gel.peticiones import ip_del_cliente

logger = logging.getLogger("capacitacion.descargas")


def _entregar(request, archivo, nombre_base: str):
    """El archivo privado, con constancia de quién lo descargó."""
    nombre = f"{nombre_base}{PurePosixPath(archivo.name).suffix.lower()}"
    respuesta = entregar_privado(
        archivo,
        nombre=nombre,
        tipo_contenido=mimetypes.guess_type(nombre)[0] or "application/octet-stream",
    )
    logger.info(
        "Descarga de %s por %s desde %s",
        archivo.name,
        getattr(request.user, "email", "") or "anónimo",
        ip_del_cliente(request),
    )
    return respuesta


@require_safe
@pagina_publica(ventanas=("jornadas",))
def inicio(request):
    proximas, realizadas = selectores.jornadas_publicas(
        interno=selectores.ve_lo_interno(request.user)
    )
    return render(
        request,
        "capacitacion/jornada_list.html",
        {"proximas": proximas, "realizadas": realizadas},
    )


@require_safe
def jornada(request, pk):
    encontrada = selectores.jornada_publica(
        pk, interno=selectores.ve_lo_interno(request.user)
    )
    if encontrada is None:
        raise Http404("No hay una jornada publicada con ese número.")
    return render(
        request,
        "capacitacion/jornada_detail.html",
        {
            "jornada": encontrada,
            "inscripcion": inscripciones.vigente_de(
                jornada_id=encontrada.pk, usuario=request.user
            ),
            "admite_inscripciones": inscripciones.admite_inscripciones(encontrada),
        },
    )


@login_required
@require_POST
def inscribirme(request, pk):
    """Inscribe la cuenta a la asesoría; un segundo clic muestra la que ya
    tiene."""
    jornada = selectores.jornada_publica(pk)
    if jornada is None:
        raise Http404("No hay una jornada publicada con ese número.")
    ya = inscripciones.vigente_de(jornada_id=jornada.pk, usuario=request.user)
    if ya is not None:
        messages.info(request, f"Ya está inscrito: {ya.get_estado_display().lower()}.")
        return redirect(jornada)
    try:
        inscripcion = inscripciones.inscribir_ciudadano(
            jornada_id=jornada.pk, usuario=request.user
        )
    except ErrorDelPortal as error:
        messages.error(request, str(error))
        return redirect(jornada)
    if inscripcion.estado == EstadoInscripcion.ESPERA:
        messages.warning(
            request,
            "Los cupos se agotaron: quedó en la lista de espera, en el puesto "
            f"{inscripcion.posicion}. Le avisaremos por correo si obtiene cupo.",
        )
    else:
        messages.success(
            request,
            "Quedó inscrito. Le enviamos un correo con su código de llegada y el "
            "evento para su calendario.",
        )
    return redirect(jornada)


def _inscripcion_propia(request, pk) -> Inscripcion:
    """La inscripción de la cuenta; la de otra persona responde 404 (ni
    siquiera se confirma que existe)."""
    return get_object_or_404(
        Inscripcion.objects.select_related("jornada"), pk=pk, usuario=request.user
    )


@login_required
@require_safe
def inscripcion(request, pk):
    encontrada = _inscripcion_propia(request, pk)
    return render(
        request,
        "capacitacion/inscripcion_detail.html",
        {"inscripcion": encontrada, "jornada": encontrada.jornada},
    )


@login_required
@require_POST
def cancelar_inscripcion(request, pk):
    encontrada = _inscripcion_propia(request, pk)
    try:
        inscripciones.cancelar_inscripcion(
            inscripcion_id=encontrada.pk, usuario=request.user
        )
    except Inscripcion.DoesNotExist:
        raise Http404 from None
    except ErrorDelPortal as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Su inscripción quedó cancelada.")
    return redirect(encontrada.jornada)


@require_safe
def material(request, pk):
    encontrado = get_object_or_404(
        Material.objects.filter(
            publicado_en__isnull=False, jornada__publicada=True
        ).select_related("jornada"),
        pk=pk,
    )
    if not encontrado.publico and not selectores.ve_lo_interno(request.user):
        messages.info(request, "Este material es para los servidores públicos.")
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if not encontrado.archivo:
        if encontrado.enlace:
            return redirect(encontrado.enlace)
        raise Http404
    return _entregar(request, encontrado.archivo, f"material-{encontrado.pk}")


@require_http_methods(["GET", "POST"])
def confirmar(request, token):
    """GET muestra la jornada y un botón; POST confirma. Un antivirus que abre
    los enlaces del correo no confirma a nadie por su cuenta."""
    try:
        asistencia = confirmacion.asistencia_del_token(token)
        if request.method == "POST":
            asistencia = confirmacion.confirmar_asistencia(token=token)
            return render(
                request,
                "capacitacion/confirmacion_hecha.html",
                {"asistencia": asistencia, "jornada": asistencia.jornada},
            )
    except EnlaceInvalido as error:
        return render(
            request,
            "comunicaciones/enlace_invalido.html",
            {"mensaje": str(error)},
            status=400,
        )
    return render(
        request,
        "capacitacion/confirmacion_form.html",
        {"asistencia": asistencia, "jornada": asistencia.jornada},
    )


@login_required
@require_safe
def mis_certificados(request):
    return render(
        request,
        "capacitacion/certificado_list.html",
        {"certificados": list(selectores.certificados_de(request.user))},
    )


@login_required
@require_safe
def certificado(request, pk):
    """El PDF del certificado: para su titular y para el Líder GEL. A cualquier
    otra persona se le responde 404 (ni siquiera se confirma que existe)."""
    encontrado = (
        Certificado.objects.select_related("asistencia__funcionario")
        .filter(pk=pk)
        .first()
    )
    if encontrado is None or not selectores.puede_ver_certificado(
        request.user, encontrado
    ):
        raise Http404
    if not encontrado.archivo:
        certificados.generar_pdf(certificado_id=encontrado.pk)
        encontrado.refresh_from_db()
    return _entregar(
        request,
        encontrado.archivo,
        f"certificado-asistencia-{encontrado.codigo_verificacion}",
    )
