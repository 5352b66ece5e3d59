"""La cola de las preguntas ciudadanas, como la mesa de revisión: vence el, las
vencidas y las que vencen en tres días hábiles resaltadas, asignación, notas
internas, traslado a otra oficina y la respuesta; las preguntas frecuentes con
sus «¿le sirvió?»; los horarios de atención y los términos por clase.

Cada oficina ve las preguntas de sus trámites (Hacienda el ICA, Gobierno el
horario); el rol general, el resto; el Líder GEL, todas.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from comunicaciones.models import (
    ABIERTAS,
    Area,
    CanalPregunta,
    ClaseDePeticion,
    HorarioAsesoria,
    PreguntaCiudadana,
    PreguntaFrecuente,
    TerminoPeticion,
)
from comunicaciones.services import asesoria
from sanpedro_gel import peticiones
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.formato import fecha_larga
from tramites.calendario import dias_habiles_entre

PRONTO = 3  # días hábiles: «vence pronto»


class TextoForm(forms.Form):
    texto = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        max_length=8000,
        error_messages={"required": "Escriba el texto."},
    )


class TrasladoForm(forms.Form):
    area = forms.ChoiceField(label="Trasladar a", choices=Area.choices)
    motivo = forms.CharField(
        label="Motivo (se le cuenta al ciudadano)",
        max_length=500,
        error_messages={"required": "Escriba por qué se traslada."},
    )


class FrecuenteForm(forms.Form):
    pregunta = forms.CharField(label="Pregunta, sin datos personales", max_length=300)
    respuesta = forms.CharField(
        label="Respuesta, sin datos personales (Markdown)", widget=forms.Textarea
    )


class DeRedesForm(forms.Form):
    red_social = forms.ChoiceField(
        label="Red social",
        choices=[
            ("Facebook", "Facebook"),
            ("Instagram", "Instagram"),
            ("WhatsApp", "WhatsApp"),
            ("X", "X (Twitter)"),
            ("Otra", "Otra"),
        ],
    )
    perfil = forms.CharField(label="Nombre del perfil", max_length=120)
    recibida_en = forms.DateTimeField(
        label="Fecha y hora en que llegó",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"invalid": "Escriba una fecha y hora válidas."},
    )
    clase = forms.ChoiceField(label="Clase", choices=ClaseDePeticion.choices)
    tramite = forms.ModelChoiceField(
        label="Trámite", queryset=None, required=False, empty_label="Ninguno"
    )
    asunto = forms.CharField(max_length=150)
    texto = forms.CharField(label="Lo que preguntó", widget=forms.Textarea)
    respuesta = forms.CharField(
        label="Respuesta que se le dio (si ya se respondió)",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from tramites.selectores import tramites_activos

        super().__init__(*args, **kwargs)
        self.fields["tramite"].queryset = tramites_activos()

    def clean_recibida_en(self):
        valor = self.cleaned_data["recibida_en"]
        if valor > timezone.now():
            raise forms.ValidationError("La fecha no puede ser futura.")
        return valor


class VencimientoFiltro(admin.SimpleListFilter):
    title = "vencimiento"
    parameter_name = "vence"

    def lookups(self, request, model_admin):
        return [("vencidas", "Vencidas"), ("pronto", f"Vencen en {PRONTO} días")]

    def queryset(self, request, queryset):
        hoy = timezone.localdate()
        abiertas = queryset.filter(estado__in=ABIERTAS)
        if self.value() == "vencidas":
            return abiertas.filter(vence_el__lt=hoy)
        if self.value() == "pronto":
            from tramites.calendario import sumar_dias_habiles

            return abiertas.filter(
                vence_el__gte=hoy, vence_el__lte=sumar_dias_habiles(hoy, PRONTO)
            )
        return queryset


@admin.register(PreguntaCiudadana)
class PreguntaCiudadanaAdmin(admin.ModelAdmin):
    # Pocas columnas: a 1280 px caben junto al panel de filtros.
    list_display = ["radicado", "asunto", "estado", "col_vence", "asignada_a", "canal"]
    list_filter = [VencimientoFiltro, "estado", "area", "canal", "clase"]
    search_fields = ["=radicado", "asunto"]
    list_select_related = ["asignada_a", "tramite"]
    ordering = ["vence_el", "recibida_en"]
    change_form_template = "admin/comunicaciones/preguntaciudadana/detalle.html"

    def get_queryset(self, request):
        consulta = super().get_queryset(request)
        if request.user.is_superuser or request.user.has_perm(
            "comunicaciones.change_actividadplan"
        ):
            return consulta  # el Líder GEL ve todas
        return consulta.filter(area__in=asesoria.areas_que_responde(request.user))

    def get_list_display(self, request):
        # La oficina solo la necesita quien ve las de varias.
        if len(asesoria.areas_que_responde(request.user)) > 1 or (
            request.user.has_perm("comunicaciones.change_actividadplan")
        ):
            return [*self.list_display[:2], "area", *self.list_display[2:]]
        return self.list_display

    def has_add_permission(self, request):
        return request.user.has_perm("comunicaciones.registrar_de_redes")

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="responder a más tardar", ordering="vence_el")
    def col_vence(self, obj):
        texto = fecha_larga(obj.vence_el)
        if obj.estado not in ABIERTAS:
            return texto
        hoy = timezone.localdate()
        if obj.vence_el < hoy:
            return format_html('<strong class="vencida">{} (vencida)</strong>', texto)
        if dias_habiles_entre(hoy, obj.vence_el) <= PRONTO:
            return format_html('<strong class="pronto">{} (pronto)</strong>', texto)
        return texto

    def get_urls(self):
        return [
            path(
                "redes/",
                self.admin_site.admin_view(self.de_redes_view),
                name="comunicaciones_preguntaciudadana_redes",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:comunicaciones_preguntaciudadana_redes")

    def de_redes_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        formulario = DeRedesForm(request.POST or None)
        if request.method == "POST" and formulario.is_valid():
            datos = formulario.cleaned_data
            pregunta = asesoria.preguntar(
                ciudadano=None,
                canal=CanalPregunta.REDES,
                asunto=datos["asunto"],
                texto=datos["texto"],
                clase=datos["clase"],
                tramite=datos["tramite"],
                ahora=datos["recibida_en"],
                red_social=datos["red_social"],
                perfil=datos["perfil"],
            )
            if datos["respuesta"]:
                asesoria.responder(
                    pregunta_id=pregunta.pk,
                    actor=request.user,
                    texto=datos["respuesta"],
                )
            messages.success(
                request, f"Quedó registrada con el radicado {pregunta.radicado}."
            )
            return redirect(
                "admin:comunicaciones_preguntaciudadana_change", pregunta.pk
            )
        return TemplateResponse(
            request,
            "admin/comunicaciones/preguntaciudadana/redes.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Registrar una pregunta de redes sociales",
                "formulario": formulario,
            },
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pk = peticiones.id_de(str(object_id))
        pregunta = self.get_queryset(request).filter(pk=pk).first() if pk else None
        if pregunta is None:
            raise Http404
        puede = pregunta.area in asesoria.areas_que_responde(request.user)
        if request.method == "POST":
            # Publicar una frecuente lo hace quien las edita (el Líder GEL también
            # con las de Hacienda o Gobierno); lo demás, la oficina de la pregunta.
            publicar = request.POST.get("accion") == "publicar"
            if not (publicar or puede):
                raise PermissionDenied
            return self._actuar(request, pregunta)
        return TemplateResponse(
            request,
            self.change_form_template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"Pregunta {pregunta.radicado}",
                "original": pregunta,
                "pregunta": pregunta,
                "hilo": pregunta.mensajes.select_related("autor"),
                "puede": puede and pregunta.abierta,
                "puede_publicar": request.user.has_perm(
                    "comunicaciones.add_preguntafrecuente"
                ),
                "respuesta_form": TextoForm(),
                "traslado_form": TrasladoForm(),
                "frecuente_form": FrecuenteForm(initial={"pregunta": pregunta.asunto}),
                "fuera_de_plazo_traslado": asesoria.fuera_de_plazo_para_trasladar(
                    pregunta
                ),
            },
        )

    def _actuar(self, request, pregunta):
        accion = request.POST.get("accion")
        volver = redirect("admin:comunicaciones_preguntaciudadana_change", pregunta.pk)
        try:
            if accion in ("responder", "anotar"):
                formulario = TextoForm(request.POST)
                if not formulario.is_valid():
                    messages.error(request, "Escriba el texto.")
                    return volver
                if accion == "responder":
                    asesoria.responder(
                        pregunta_id=pregunta.pk,
                        actor=request.user,
                        **formulario.cleaned_data,
                    )
                    messages.success(request, "Respuesta enviada al ciudadano.")
                else:
                    asesoria.anotar(
                        pregunta_id=pregunta.pk,
                        actor=request.user,
                        **formulario.cleaned_data,
                    )
                    messages.success(request, "Nota interna guardada.")
            elif accion == "asignarme":
                asesoria.asignar(
                    pregunta_id=pregunta.pk, actor=request.user, a=request.user
                )
                messages.success(request, "La pregunta quedó asignada a usted.")
            elif accion == "trasladar":
                formulario = TrasladoForm(request.POST)
                if not formulario.is_valid():
                    messages.error(request, "Elija la oficina y escriba el motivo.")
                    return volver
                asesoria.trasladar(
                    pregunta_id=pregunta.pk,
                    actor=request.user,
                    **formulario.cleaned_data,
                )
                messages.success(request, "Pregunta trasladada; avisamos al ciudadano.")
                return redirect("admin:comunicaciones_preguntaciudadana_changelist")
            elif accion == "ocultar":
                mensaje = peticiones.id_de(request.POST.get("mensaje", ""))
                motivo = request.POST.get("motivo", "").strip()
                if not (mensaje and motivo):
                    messages.error(
                        request, "Escriba el motivo para ocultar el mensaje."
                    )
                    return volver
                if pregunta.mensajes.filter(pk=mensaje).exists():
                    asesoria.ocultar(mensaje_id=mensaje, motivo=motivo)
                    messages.success(request, "Mensaje oculto.")
            elif accion == "publicar":
                if not request.user.has_perm("comunicaciones.add_preguntafrecuente"):
                    raise PermissionDenied
                formulario = FrecuenteForm(request.POST)
                if not formulario.is_valid():
                    messages.error(request, "Escriba la pregunta y la respuesta.")
                    return volver
                frecuente = asesoria.publicar_como_frecuente(
                    pregunta=pregunta,
                    texto_pregunta=formulario.cleaned_data["pregunta"],
                    texto_respuesta=formulario.cleaned_data["respuesta"],
                )
                messages.success(request, f"Publicada: «{frecuente.pregunta}».")
        except ConflictoDeEstado as error:
            messages.error(request, str(error))
        return volver


@admin.register(PreguntaFrecuente)
class PreguntaFrecuenteAdmin(admin.ModelAdmin):
    list_display = ["pregunta", "tramite", "publicada", "le_sirvio", "no_le_sirvio"]
    list_filter = ["publicada", "tramite"]
    search_fields = ["pregunta", "respuesta"]
    fields = ["tramite", "pregunta", "respuesta", "publicada", "orden"]
    readonly_fields = []

    def save_model(self, request, obj, form, change):
        asesoria.guardar_frecuente(obj)


@admin.register(HorarioAsesoria)
class HorarioAsesoriaAdmin(admin.ModelAdmin):
    list_display = ["modalidad", "dia", "desde", "hasta", "lugar", "activo"]
    list_filter = ["modalidad", "activo"]


@admin.register(TerminoPeticion)
class TerminoPeticionAdmin(admin.ModelAdmin):
    list_display = ["clase", "dias_habiles", "por_defecto"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
