"""Jornadas en el admin, para el Líder GEL: convocatoria, avisos, asistencia,
materiales y seguimiento.

Todo cambio de estado llama un servicio de `services/jornadas.py`; el admin solo
traduce la acción y convierte la excepción de dominio en un mensaje.
"""

from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html

from capacitacion.admin.cobertura import CoberturaMixin
from capacitacion.forms import (
    JornadaAdminForm,
    LlegadaPorCodigoForm,
    MaterialForm,
    RegistroAsistenciaForm,
)
from capacitacion.models import (
    Asistencia,
    Aviso,
    Inscripcion,
    Jornada,
    Material,
    Seguimiento,
    TipoJornada,
)
from capacitacion.services import (
    certificados,
    difusion,
    inscripciones,
    jornadas,
    materiales,
)
from comunicaciones.models import Campana, EstadoCampana
from sanpedro_gel import peticiones
from sanpedro_gel.admin_ayudas import (
    ArchivoPrivadoWidget,
    ejecutar_servicio,
    en_hora_de_colombia,
    exigir,
    persona_sin_enlace,
)
from sanpedro_gel.excepciones import ErrorDelPortal


class AsistenciaEnLinea(admin.TabularInline):
    model = Asistencia
    fields = [
        "funcionario",
        "dependencia",
        "estado",
        "invitado_en",
        "confirmado_en",
        "asistio_en",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = (
        "convocados (la asistencia se registra con el botón de arriba)"
    )

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("funcionario__dependencia")

    @admin.display(description="dependencia")
    def dependencia(self, obj):
        return obj.funcionario.dependencia


class InscripcionEnLinea(admin.TabularInline):
    model = Inscripcion
    # El nombre sin el enlace a la cuenta: quien lleva la jornada no siempre
    # abre cuentas de usuario y el enlace le daría un 403.
    ciudadano = persona_sin_enlace("usuario", "ciudadano")
    fields = [
        "ciudadano",
        "estado",
        "posicion",
        "codigo_verificacion",
        "inscrita_en",
        "asistio_en",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = (
        "ciudadanos inscritos (la llegada se registra con su código, botón de arriba)"
    )

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("usuario")


class AvisoEnLinea(admin.TabularInline):
    model = Aviso
    fields = ["tipo", "regla", "enviar_en", "procesado_en", "omitido"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "avisos por correo (se recalculan al cambiar la fecha)"

    def has_add_permission(self, request, obj=None):
        return False


class MaterialEnLinea(admin.TabularInline):
    model = Material
    form = MaterialForm
    fields = ["titulo", "archivo", "enlace", "publico", "publicado_en"]
    readonly_fields = ["publicado_en"]
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name_plural = (
        "materiales y memorias (se publican con la acción «Publicar materiales» "
        "después de la jornada)"
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "archivo":
            kwargs["widget"] = ArchivoPrivadoWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SeguimientoEnLinea(admin.StackedInline):
    model = Seguimiento
    fields = ["asunto", "mensaje", "enviar_en", "procesado_en"]
    readonly_fields = ["procesado_en"]
    extra = 0
    verbose_name_plural = (
        "seguimiento virtual a los asistentes (sale a su hora, una vez realizada "
        "la jornada)"
    )


@admin.register(Jornada)
class JornadaAdmin(CoberturaMixin, admin.ModelAdmin):
    form = JornadaAdminForm
    list_display = [
        "titulo",
        "tipo",
        "inicio",
        "estado",
        "publicada",
        "invitados",
        "confirmados",
        "asistentes",
    ]
    list_filter = ["tipo", "estado", "publicada"]
    search_fields = ["titulo", "lugar"]
    date_hierarchy = "inicio"
    filter_horizontal = ["dependencias", "funcionarios"]
    inlines = [
        AvisoEnLinea,
        AsistenciaEnLinea,
        InscripcionEnLinea,
        MaterialEnLinea,
        SeguimientoEnLinea,
    ]
    change_form_template = "admin/capacitacion/jornada/change_form.html"
    readonly_fields = ["estado", "convocada_en", "realizada_en", "cancelada_en"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "tipo",
                    "titulo",
                    "descripcion",
                    "temas",
                    "lugar",
                    ("inicio", "fin"),
                    "responsable",
                    "dependencia",
                    "cupo",
                    "publicada",
                ]
            },
        ),
        (
            "A quién se convoca",
            {
                "fields": ["alcance", "dependencias", "vinculaciones", "funcionarios"],
                "description": (
                    "Si amplía la convocatoria de una jornada ya convocada, use de "
                    "nuevo la acción «Convocar»: solo se agregan los nuevos, que "
                    "reciben su invitación."
                ),
            },
        ),
        (
            "Estado",
            {"fields": ["estado", "convocada_en", "realizada_en", "cancelada_en"]},
        ),
    ]
    actions = ["convocar", "cerrar", "cancelar", "publicar_materiales"]

    def get_queryset(self, request):
        return super().get_queryset(request).con_conteos()

    def get_inline_instances(self, request, obj=None):
        # Los ciudadanos inscritos, solo en las asesorías ciudadanas.
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if not isinstance(inline, InscripcionEnLinea)
            or (obj is not None and obj.tipo == TipoJornada.ASESORIA)
        ]

    def get_changeform_initial_data(self, request):
        return {
            "responsable": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    @admin.display(description="invitados", ordering="num_invitados")
    def invitados(self, obj):
        return obj.num_invitados

    @admin.display(description="confirmaron", ordering="num_confirmados")
    def confirmados(self, obj):
        return obj.num_confirmados

    @admin.display(description="asistieron", ordering="num_asistentes")
    def asistentes(self, obj):
        return obj.num_asistentes

    @en_hora_de_colombia
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ErrorDelPortal as error:
            # El servicio se negó al guardar (otro la canceló o cerró entre el
            # formulario y el guardado): la excepción salió del bloque atómico
            # del admin, así que nada de lo enviado quedó guardado. Un mensaje.
            if object_id is None:
                raise
            messages.error(request, str(error))
            return redirect("admin:capacitacion_jornada_change", object_id)

    def save_model(self, request, obj, form, change):
        # Cambiar la fecha de una jornada convocada recalcula sus avisos: eso lo
        # hace el servicio, no un save(). El formulario ya revisó lo que el
        # servicio exige; si aun así se niega, changeform_view lo muestra.
        if change and form._reprograma():
            inicio, fin = obj.inicio, obj.fin
            obj.inicio, obj.fin = form.initial["inicio"], form.initial["fin"]
            super().save_model(request, obj, form, change)
            jornadas.reprogramar_jornada(jornada_id=obj.pk, inicio=inicio, fin=fin)
            obj.refresh_from_db()
            request.mensaje_al_guardar = (
                f"La jornada «{obj}» se guardó con la nueva fecha; los avisos "
                "pendientes se recalcularon."
            )
            return
        super().save_model(request, obj, form, change)

    def message_user(self, request, message, *args, **kwargs):
        # Un mensaje por resultado: al reprogramar, el del servicio reemplaza
        # el «se cambió correctamente» de Django.
        propio = getattr(request, "mensaje_al_guardar", None)
        if propio:
            message, request.mensaje_al_guardar = propio, None
        super().message_user(request, message, *args, **kwargs)

    # --- Acciones ------------------------------------------------------------

    def _por_cada(self, request, queryset, funcion, exito):
        exigir(request, "capacitacion.change_jornada")
        for jornada in queryset:
            try:
                funcion(jornada_id=jornada.pk)
            except ErrorDelPortal as error:
                messages.error(request, f"«{jornada}»: {error}")
            else:
                messages.success(request, f"«{jornada}»: {exito}")

    @admin.action(
        permissions=["change"],
        description="Convocar (crea la lista y programa la invitación)",
    )
    def convocar(self, request, queryset):
        exigir(request, "capacitacion.change_jornada")
        for jornada in queryset:
            try:
                nuevos = jornadas.convocar_jornada(jornada_id=jornada.pk)
            except ErrorDelPortal as error:
                messages.error(request, f"«{jornada}»: {error}")
                continue
            total = jornada.asistencias.count()
            nivel = messages.SUCCESS if total else messages.WARNING
            messages.add_message(
                request,
                nivel,
                f"«{jornada}»: {total} convocados ({nuevos} nuevos)."
                + ("" if total else " Revise a quién se convoca."),
            )

    @admin.action(
        permissions=["change"],
        description="Cerrar como realizada y expedir certificados",
    )
    def cerrar(self, request, queryset):
        self._por_cada(
            request,
            queryset,
            jornadas.cerrar_jornada,
            "realizada; los certificados se envían a los asistentes.",
        )

    @admin.action(
        permissions=["change"], description="Cancelar (avisa a los convocados)"
    )
    def cancelar(self, request, queryset):
        self._por_cada(request, queryset, jornadas.cancelar_jornada, "cancelada.")

    @admin.action(permissions=["change"], description="Publicar materiales")
    def publicar_materiales(self, request, queryset):
        exigir(request, "capacitacion.change_material")
        for material in Material.objects.filter(
            jornada__in=queryset, publicado_en__isnull=True
        ):
            ejecutar_servicio(
                request,
                f"«{material}» publicado.",
                materiales.publicar_material,
                material_id=material.pk,
            )

    # --- Vistas propias ---------------------------------------------------------

    def get_urls(self):
        vista = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/lista-asistencia.pdf",
                vista(self.lista_asistencia),
                name="capacitacion_jornada_lista",
            ),
            path(
                "<int:pk>/asistencia/",
                vista(self.registrar_asistencia),
                name="capacitacion_jornada_asistencia",
            ),
            path(
                "<int:pk>/llegada/",
                vista(self.registrar_llegada),
                name="capacitacion_jornada_llegada",
            ),
            path(
                "<int:pk>/difundir/",
                vista(self.difundir),
                name="capacitacion_jornada_difundir",
            ),
            *self.urls_de_cobertura(),
            *super().get_urls(),
        ]

    def lista_asistencia(self, request, pk):
        exigir(request, "capacitacion.view_asistencia")
        jornada = get_object_or_404(Jornada, pk=pk)
        respuesta = HttpResponse(
            certificados.lista_asistencia_pdf(jornada), content_type="application/pdf"
        )
        respuesta["Content-Disposition"] = (
            f'inline; filename="lista-asistencia-{jornada.pk}.pdf"'
        )
        return respuesta

    @en_hora_de_colombia
    def registrar_asistencia(self, request, pk):
        exigir(request, "capacitacion.change_asistencia")
        jornada = get_object_or_404(Jornada, pk=pk)
        asistencias = list(
            jornada.asistencias.select_related("funcionario__dependencia")
        )
        marcados = {a.funcionario_id for a in asistencias if a.asistio_en}
        form = RegistroAsistenciaForm(
            request.POST or None,
            asistencias=asistencias,
            initial={"asistentes": [str(pk) for pk in marcados]},
        )
        if request.method == "POST" and form.is_valid():
            elegidos = form.cleaned_data["asistentes"]
            hecho = ejecutar_servicio(
                request,
                "",
                jornadas.registrar_asistencia,
                jornada_id=jornada.pk,
                funcionario_ids=elegidos - marcados,
                usuario=request.user,
            ) and ejecutar_servicio(
                request,
                "Asistencia registrada.",
                jornadas.registrar_asistencia,
                jornada_id=jornada.pk,
                funcionario_ids=marcados - elegidos,
                usuario=request.user,
                asistio=False,
            )
            if hecho:
                return redirect("admin:capacitacion_jornada_change", jornada.pk)
        return render(
            request,
            "admin/capacitacion/jornada/asistencia.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"Registrar asistencia: {jornada}",
                "jornada": jornada,
                "form": form,
            },
        )

    @en_hora_de_colombia
    def response_add(self, request, obj, post_url_continue=None):
        respuesta = super().response_add(request, obj, post_url_continue)
        if obj.tipo == TipoJornada.ASESORIA and request.user.has_perm(
            "comunicaciones.add_pieza"
        ):
            # El plan pide anunciar estas sesiones en los medios locales.
            messages.info(
                request,
                format_html(
                    '¿La anuncia en la emisora y la prensa? <a href="{}">Crear '
                    "las piezas de difusión de «{}»</a>.",
                    reverse("admin:capacitacion_jornada_difundir", args=[obj.pk]),
                    obj,
                ),
            )
        return respuesta

    def difundir(self, request, pk):
        """Elige la campaña y crea las piezas de emisora y prensa en borrador."""
        exigir(request, "comunicaciones.add_pieza")
        jornada = get_object_or_404(Jornada, pk=pk)
        campanas = Campana.objects.exclude(
            estado__in=[EstadoCampana.FINALIZADA, EstadoCampana.CANCELADA]
        ).order_by("-nivel", "nombre")
        if request.method == "POST":
            campana = campanas.filter(
                pk=peticiones.id_de(request.POST.get("campana", ""))
            ).first()
            if campana is None:
                messages.error(request, "Elija la campaña en la que van las piezas.")
            else:
                creadas, existian = difusion.crear_piezas_de_difusion(
                    jornada=jornada, campana=campana, usuario=request.user
                )
                messages.success(
                    request,
                    f"Piezas en borrador en «{campana}»: {len(creadas)} nuevas"
                    + (f", {len(existian)} ya estaban" if existian else "")
                    + ". Revíselas y prográmelas.",
                )
                return redirect(
                    f"{reverse('admin:comunicaciones_pieza_changelist')}"
                    f"?campana__id__exact={campana.pk}"
                )
        return render(
            request,
            "admin/capacitacion/jornada/difundir.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Anunciar en la emisora y la prensa: {jornada}",
                "jornada": jornada,
                "campanas": campanas,
                "texto": difusion.texto_del_anuncio(jornada),
                "opts": self.model._meta,
            },
        )

    def registrar_llegada(self, request, pk):
        """En la entrada de una asesoría: el funcionario teclea el código del
        ciudadano. Un código que no sirve se explica junto al campo."""
        exigir(request, "capacitacion.change_inscripcion")
        jornada = get_object_or_404(Jornada, pk=pk)
        form = LlegadaPorCodigoForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                llegada = inscripciones.registrar_llegada(
                    jornada_id=jornada.pk,
                    codigo=form.cleaned_data["codigo"],
                    usuario=request.user,
                )
            except ErrorDelPortal as error:
                form.add_error("codigo", str(error))
            else:
                usuario = llegada.usuario
                nombre = usuario.get_full_name() or usuario.email
                messages.success(
                    request,
                    f"Llegada registrada: {nombre} ({llegada.codigo_verificacion}).",
                )
                return redirect("admin:capacitacion_jornada_llegada", jornada.pk)
        return render(
            request,
            "admin/capacitacion/jornada/llegada.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Registrar llegada: {jornada}",
                "jornada": jornada,
                "form": form,
                "llegados": jornada.inscripciones.filter(
                    asistio_en__isnull=False
                ).count(),
                "opts": self.model._meta,
            },
        )
