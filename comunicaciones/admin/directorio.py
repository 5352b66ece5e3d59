from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse

from comunicaciones.forms import ImportarDirectorioForm
from comunicaciones.models import Dependencia, Funcionario
from comunicaciones.services.directorio import (
    FilaInvalida,
    importar_funcionarios,
    leer_directorio,
)


@admin.register(Dependencia)
class DependenciaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "activa"]
    search_fields = ["nombre"]


@admin.register(Funcionario)
class FuncionarioAdmin(admin.ModelAdmin):
    list_display = [
        "nombre_completo",
        "correo",
        "cargo",
        "dependencia",
        "vinculacion",
        "activo",
    ]
    list_filter = ["vinculacion", "activo", "dependencia"]
    search_fields = ["nombres", "apellidos", "correo", "cargo"]
    list_select_related = ["dependencia"]
    autocomplete_fields = ["usuario"]
    change_list_template = "admin/comunicaciones/funcionario/change_list.html"

    @admin.display(description="nombre", ordering="apellidos")
    def nombre_completo(self, obj):
        return obj.nombre_completo

    def get_urls(self):
        return [
            path(
                "importar/",
                self.admin_site.admin_view(self.importar),
                name="comunicaciones_funcionario_importar",
            ),
            *super().get_urls(),
        ]

    def importar(self, request):
        """La misma importación que `manage.py crear_funcionarios`, desde el admin."""
        if not (
            self.has_add_permission(request) and self.has_change_permission(request)
        ):
            raise PermissionDenied
        form = ImportarDirectorioForm(
            *((request.POST, request.FILES) if request.method == "POST" else ())
        )
        resultado = None
        if request.method == "POST" and form.is_valid():
            try:
                resultado = importar_funcionarios(
                    leer_directorio(form.cleaned_data["archivo"].read()),
                    enviar_bienvenida=form.cleaned_data["enviar_bienvenida"],
                )
            except FilaInvalida as error:
                form.add_error("archivo", str(error))
            else:
                messages.success(request, f"Directorio cargado: {resultado.resumen()}.")
        return render(
            request,
            "admin/comunicaciones/funcionario/importar.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Importar el directorio de servidores públicos",
                "form": form,
                "resultado": resultado,
                "lista": reverse("admin:comunicaciones_funcionario_changelist"),
            },
        )
