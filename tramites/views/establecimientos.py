"""«Mis establecimientos»: los registros de Industria y Comercio de la cuenta.

Los que inscribió, los que reclamó con el código enviado al correo del
registro y aquellos de los que es apoderada; con su historial, y los botones
que empiezan una novedad o una ampliación de horario ya identificados. El
titular autoriza y revoca apoderados.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sanpedro_gel import limites, peticiones
from tramites import selectores
from tramites.excepciones import ReclamoRechazado
from tramites.models import Apoderado, Establecimiento, ReclamoRegistro, TipoTramite
from tramites.pasos.horario import elegibles
from tramites.selectores import tramites_activos
from tramites.services import titularidad

# Búsquedas de un registro para reclamarlo que no encuentran nada, por IP.
FALLIDAS_POR_IP = 10
VENTANA_SEGUNDOS = 15 * 60
# Códigos pedidos por cuenta en la ventana.
CODIGOS_POR_CUENTA = 5


class ReclamarForm(forms.Form):
    matricula = forms.CharField(
        label="Matrícula de Industria y Comercio",
        max_length=20,
        help_text="Como aparece en su certificado: ICA-000041, o solo 41.",
        error_messages={"required": "Escriba la matrícula de Industria y Comercio."},
    )
    numero_documento = forms.CharField(
        label="Documento o NIT del titular",
        max_length=25,
        help_text="Sin puntos y sin el dígito de verificación.",
        error_messages={"required": "Escriba el documento o NIT del titular."},
    )


class CodigoForm(forms.Form):
    codigo = forms.CharField(
        label="Código que le enviamos",
        max_length=12,
        error_messages={"required": "Escriba el código de seis dígitos."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )


class ApoderadoForm(forms.Form):
    correo = forms.EmailField(
        label="Correo de la cuenta del apoderado",
        help_text="La persona debe tener ya una cuenta en el portal con ese correo.",
        error_messages={
            "required": "Escriba el correo de la cuenta que quiere autorizar.",
            "invalid": "Escriba un correo válido, por ejemplo nombre@correo.com.",
        },
    )


def _registros(usuario):
    activos = Establecimiento.objects.select_related("actividad").order_by(
        "-activo", "nombre_comercial"
    )
    vigentes = Apoderado.objects.filter(revocado_en__isnull=True).select_related(
        "cuenta"
    )
    return list(
        selectores.registros_de(usuario)
        .select_related("titular_cuenta")
        .prefetch_related(
            Prefetch("establecimientos", queryset=activos),
            Prefetch("apoderados", queryset=vigentes, to_attr="apoderados_vigentes"),
            "actividades__actividad",
        )
        .order_by("nombre")
    )


@login_required
def mis_establecimientos(request):
    registros = _registros(request.user)
    for registro in registros:
        registro.es_titular = registro.titular_cuenta_id == request.user.pk
        registro.elegibles = {e.pk for e in elegibles(registro.establecimientos.all())}
        registro.versiones = list(
            registro.history.order_by("-history_date").values(
                "history_date", "history_change_reason", "history_type"
            )[:8]
        )
    tramites = {t.tipo: t for t in tramites_activos()}
    return render(
        request,
        "tramites/mis_establecimientos.html",
        {
            "registros": registros,
            "novedad": tramites.get(TipoTramite.NOVEDAD_ICA),
            "horario": tramites.get(TipoTramite.AMPLIACION_HORARIO),
            "reclamar": ReclamarForm(),
            "apoderado_form": ApoderadoForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reclamar(request):
    formulario = ReclamarForm(request.POST or None)
    if request.method == "POST" and formulario.is_valid():
        ip = peticiones.ip_del_cliente(request) or "?"
        clave_ip = f"reclamo:fallidas:{ip}"
        if limites.agotado(clave_ip, maximo=FALLIDAS_POR_IP):
            return render(request, "429.html", status=429)
        contribuyente = titularidad.buscar_registro(**formulario.cleaned_data)
        if contribuyente is None:
            limites.contar(clave_ip, ventana_segundos=VENTANA_SEGUNDOS)
            formulario.add_error(
                None,
                "No encontramos un registro activo con esa matrícula y ese "
                "documento. Revise los dos datos en su certificado de inscripción "
                "o en su última declaración de ICA.",
            )
        elif not limites.permitir(
            f"reclamo:codigos:{request.user.pk}",
            maximo=CODIGOS_POR_CUENTA,
            ventana_segundos=VENTANA_SEGUNDOS,
        ):
            return render(request, "429.html", status=429)
        else:
            try:
                reclamo = titularidad.pedir_codigo(
                    cuenta=request.user, contribuyente=contribuyente
                )
            except ReclamoRechazado as error:
                formulario.add_error(None, error.mensaje)
            else:
                messages.success(
                    request,
                    "Enviamos un código al correo de notificación del registro "
                    f"({titularidad.ocultar_correo(reclamo.enviado_a)}).",
                )
                return redirect("tramites:confirmar_reclamo", pk=reclamo.pk)
    return render(
        request, "tramites/reclamar_registro.html", {"formulario": formulario}
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirmar_reclamo(request, pk):
    reclamo = get_object_or_404(
        ReclamoRegistro.objects.select_related("contribuyente"),
        pk=pk,
        cuenta=request.user,
    )
    formulario = CodigoForm(request.POST or None)
    if request.method == "POST" and formulario.is_valid():
        try:
            contribuyente = titularidad.confirmar_codigo(
                reclamo=reclamo, codigo=formulario.cleaned_data["codigo"]
            )
        except ReclamoRechazado as error:
            formulario.add_error("codigo", error.mensaje)
        else:
            messages.success(
                request,
                f"Listo: el registro {contribuyente.matricula} quedó en sus "
                "establecimientos.",
            )
            return redirect("tramites:mis_establecimientos")
    return render(
        request,
        "tramites/confirmar_reclamo.html",
        {
            "formulario": formulario,
            "reclamo": reclamo,
            "enviado_a": titularidad.ocultar_correo(reclamo.enviado_a),
            "minutos": int(titularidad.VIGENCIA_CODIGO.total_seconds() // 60),
        },
    )


@login_required
@require_POST
def autorizar_apoderado(request, pk):
    contribuyente = get_object_or_404(
        selectores.registros_de(request.user), pk=pk, titular_cuenta=request.user
    )
    formulario = ApoderadoForm(request.POST)
    if not formulario.is_valid():
        for error in formulario.errors["correo"]:
            messages.error(request, error)
        return redirect("tramites:mis_establecimientos")
    try:
        apoderado = titularidad.autorizar_apoderado(
            contribuyente=contribuyente,
            titular=request.user,
            correo=formulario.cleaned_data["correo"],
        )
    except ReclamoRechazado as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(
            request,
            f"{apoderado.cuenta.email} ya puede tramitar por "
            f"{contribuyente.matricula}.",
        )
    return redirect("tramites:mis_establecimientos")


@login_required
@require_POST
def revocar_apoderado(request, pk):
    apoderado = get_object_or_404(
        Apoderado.objects.select_related("contribuyente", "cuenta"),
        pk=pk,
        contribuyente__titular_cuenta=request.user,
        revocado_en__isnull=True,
    )
    titularidad.revocar_apoderado(apoderado=apoderado, titular=request.user)
    messages.success(
        request,
        f"{apoderado.cuenta.email} ya no tramita por "
        f"{apoderado.contribuyente.matricula}.",
    )
    return redirect("tramites:mis_establecimientos")
