"""Las conversaciones en vivo en el admin: el botón «Estoy de turno», la cola de
las que esperan respuesta (se refresca sola), cada conversación con su
respuesta, y el paso a pregunta con radicado cuando necesita respuesta formal.

Entran los funcionarios que responden preguntas (`areas_que_responde`). Cada
sondeo de estas páginas renueva el turno de quien está de turno.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from comunicaciones.excepciones import MensajeInvalido
from comunicaciones.models import (
    LARGO_MENSAJE,
    Conversacion,
    EstadoConversacion,
)
from comunicaciones.services import asesoria
from comunicaciones.services import conversacion as servicio
from sanpedro_gel import peticiones
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.formato import hora


class RespuestaForm(forms.Form):
    texto = forms.CharField(
        max_length=LARGO_MENSAJE,
        error_messages={
            "required": "Escriba la respuesta.",
            "max_length": "La respuesta admite hasta %(limit_value)d caracteres.",
        },
    )


def _nombre(usuario) -> str:
    return usuario.get_full_name() or usuario.email


@admin.register(Conversacion)
class ConversacionAdmin(admin.ModelAdmin):
    list_display = ["pk", "ciudadano", "estado", "creada_en", "atendida_por"]

    def _responde(self, request) -> bool:
        return bool(asesoria.areas_que_responde(request.user))

    def has_module_permission(self, request):
        return self._responde(request)

    def has_view_permission(self, request, obj=None):
        return self._responde(request)

    def has_change_permission(self, request, obj=None):
        return self._responde(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _exigir(self, request):
        if not self._responde(request):
            raise PermissionDenied

    def get_urls(self):
        vista = self.admin_site.admin_view
        return [
            path(
                "turno/",
                vista(require_POST(self.turno_view)),
                name="comunicaciones_conversacion_turno",
            ),
            path(
                "cola.json",
                vista(require_GET(self.cola_view)),
                name="comunicaciones_conversacion_cola",
            ),
            path(
                "<int:pk>/mensajes.json",
                vista(require_GET(self.mensajes_view)),
                name="comunicaciones_conversacion_mensajes",
            ),
            *super().get_urls(),
        ]

    # --- Turno y cola ---------------------------------------------------------------

    def turno_view(self, request):
        self._exigir(request)
        if request.POST.get("turno") == "si":
            servicio.marcar_turno(funcionario=request.user)
            messages.success(
                request,
                "Usted está de turno: los ciudadanos pueden conversar con la "
                "Alcaldía mientras esta página esté abierta.",
            )
        else:
            servicio.dejar_turno(funcionario=request.user)
            messages.info(
                request,
                "Dejó el turno. Si nadie más está de turno, los mensajes se "
                "radican como preguntas.",
            )
        return redirect("admin:comunicaciones_conversacion_changelist")

    def _esperando(self):
        return [
            {
                "id": c.pk,
                "ciudadano": _nombre(c.ciudadano),
                "desde": hora(c.creada_en),
                "ultimo": (c.ultimo_texto or "")[:120],
                "url": reverse("admin:comunicaciones_conversacion_change", args=[c.pk]),
            }
            for c in servicio.esperando_respuesta()
        ]

    def cola_view(self, request):
        self._exigir(request)
        servicio.renovar_turno(funcionario=request.user)
        return JsonResponse(
            {
                "esperando": self._esperando(),
                "de_turno": servicio.esta_de_turno(request.user),
            },
            headers={"Cache-Control": "no-store"},
        )

    def changelist_view(self, request, extra_context=None):
        self._exigir(request)
        servicio.renovar_turno(funcionario=request.user)
        return TemplateResponse(
            request,
            "admin/comunicaciones/conversacion/cola.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Conversaciones en vivo",
                "de_turno": servicio.esta_de_turno(request.user),
                "en_horario": servicio.en_horario(),
                "minutos_de_turno": servicio.MINUTOS_DE_TURNO,
                "esperando": self._esperando(),
                "abiertas": Conversacion.objects.filter(
                    estado=EstadoConversacion.ABIERTA
                ).select_related("ciudadano", "atendida_por"),
                "recientes": Conversacion.objects.filter(
                    estado=EstadoConversacion.CERRADA
                ).select_related("ciudadano", "atendida_por", "pregunta")[:30],
            },
        )

    # --- Una conversación ---------------------------------------------------------

    def _conversacion(self, request, object_id) -> Conversacion:
        self._exigir(request)
        pk = peticiones.id_de(str(object_id))
        conversacion = (
            Conversacion.objects.select_related("ciudadano", "atendida_por", "pregunta")
            .filter(pk=pk)
            .first()
            if pk
            else None
        )
        if conversacion is None:
            raise Http404
        return conversacion

    def mensajes_view(self, request, pk):
        conversacion = self._conversacion(request, pk)
        servicio.renovar_turno(funcionario=request.user)
        despues = peticiones.id_de(request.GET.get("despues", "")) or 0
        return JsonResponse(
            {
                "mensajes": [
                    servicio.como_dict(m)
                    for m in servicio.mensajes_despues(
                        conversacion=conversacion, despues=despues
                    )
                ],
                "abierta": conversacion.abierta,
            },
            headers={"Cache-Control": "no-store"},
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        conversacion = self._conversacion(request, object_id)
        if request.method == "POST":
            return self._actuar(request, conversacion)
        servicio.renovar_turno(funcionario=request.user)
        mensajes = servicio.mensajes_despues(conversacion=conversacion)
        return TemplateResponse(
            request,
            "admin/comunicaciones/conversacion/detalle.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"Conversación con {_nombre(conversacion.ciudadano)}",
                "original": conversacion,
                "conversacion": conversacion,
                "mensajes": mensajes,
                "ultimo": mensajes[-1].pk if mensajes else 0,
                "largo": LARGO_MENSAJE,
            },
        )

    def _actuar(self, request, conversacion):
        accion = request.POST.get("accion")
        volver = redirect("admin:comunicaciones_conversacion_change", conversacion.pk)
        try:
            if accion == "responder":
                formulario = RespuestaForm(request.POST)
                if not formulario.is_valid():
                    for error in formulario.errors.get("texto", []):
                        messages.error(request, error)
                    return volver
                servicio.responder(
                    conversacion_id=conversacion.pk,
                    funcionario=request.user,
                    **formulario.cleaned_data,
                )
            elif accion == "convertir":
                pregunta = servicio.convertir_en_pregunta(
                    conversacion_id=conversacion.pk, funcionario=request.user
                )
                messages.success(
                    request,
                    f"Quedó radicada como la pregunta {pregunta.radicado}; se lo "
                    "contamos al ciudadano en la conversación.",
                )
            elif accion == "cerrar":
                servicio.cerrar(conversacion_id=conversacion.pk, actor=request.user)
                messages.success(request, "Conversación cerrada.")
                return redirect("admin:comunicaciones_conversacion_changelist")
        except (ConflictoDeEstado, MensajeInvalido) as error:
            messages.error(request, str(error))
        return volver
