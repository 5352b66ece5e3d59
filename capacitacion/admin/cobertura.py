"""La cobertura de la capacitación en el admin: la página, su XLSX y los
botones que convocan a quienes faltan a la próxima jornada o taller."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from capacitacion.services import cobertura
from sanpedro_gel.admin_ayudas import en_hora_de_colombia, exigir
from sanpedro_gel.excepciones import ErrorDelPortal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CoberturaMixin:
    """Se mezcla en el admin de jornadas: sus URL cuelgan de /jornada/."""

    def urls_de_cobertura(self):
        vista = self.admin_site.admin_view
        return [
            path(
                "cobertura/",
                vista(self.vista_cobertura),
                name="capacitacion_jornada_cobertura",
            ),
            path(
                "cobertura/convocar/",
                vista(require_POST(self.convocar_faltantes)),
                name="capacitacion_jornada_convocar_faltantes",
            ),
        ]

    @en_hora_de_colombia
    def vista_cobertura(self, request):
        exigir(request, "capacitacion.view_asistencia")
        datos = cobertura.cobertura()
        if request.GET.get("formato") == "xlsx":
            respuesta = HttpResponse(cobertura.exportar_xlsx(datos), content_type=XLSX)
            respuesta["Content-Disposition"] = (
                'attachment; filename="cobertura-capacitacion.xlsx"'
            )
            return respuesta
        return render(
            request,
            "admin/capacitacion/jornada/cobertura.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Cobertura de la capacitación",
                "datos": datos,
                "proxima_jornada": cobertura.proxima_jornada(taller=False),
                "proximo_taller": cobertura.proxima_jornada(taller=True),
                "puede_convocar": request.user.has_perm("capacitacion.change_jornada"),
                "actividades_jornada": cobertura.ACTIVIDADES_DE_LA_JORNADA,
            },
        )

    def convocar_faltantes(self, request):
        exigir(request, "capacitacion.change_jornada")
        taller = request.POST.get("a") == "taller"
        try:
            jornada, nuevos = cobertura.convocar_faltantes(taller=taller)
        except ErrorDelPortal as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"«{jornada.titulo}»: {nuevos} "
                + ("persona convocada" if nuevos == 1 else "personas convocadas")
                + ". Reciben la invitación con los avisos de la jornada.",
            )
        return redirect("admin:capacitacion_jornada_cobertura")
