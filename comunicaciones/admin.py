from django.contrib import admin

from comunicaciones.models import Dependencia, Funcionario


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

    @admin.display(description="nombre", ordering="apellidos")
    def nombre_completo(self, obj):
        return obj.nombre_completo
