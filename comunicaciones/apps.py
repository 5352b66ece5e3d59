from django.apps import AppConfig


class ComunicacionesConfig(AppConfig):
    name = "comunicaciones"
    verbose_name = "Plan de comunicaciones"

    def ready(self):
        # Los preparadores de sus correos se registran en la bandeja de salida.
        # Su plazo de conservación, a la política de datos; las páginas
        # públicas guardadas se invalidan cuando cambia lo que muestran
        # (sanpedro_gel.paginas).
        from comunicaciones import (  # noqa: F401
            conservacion,
            correos,
            paginas,
            verificacion,
        )

        paginas.conectar()

        # El menú de la plantilla base muestra la intranet a los funcionarios
        # activos sin consultar el directorio en cada página.
        from comunicaciones import selectores
        from sanpedro_gel.fragmentos import registrar_intranet

        selectores.conectar()
        registrar_intranet(selectores.ve_la_intranet)

        # Los afiches para imprimir, enlazados desde la ficha del trámite en el
        # admin (tramites no importa comunicaciones).
        from comunicaciones.services.afiches import enlaces_para_imprimir
        from tramites.admin.catalogo import registrar_enlaces_de_la_ficha

        registrar_enlaces_de_la_ficha(enlaces_para_imprimir)
