from django.apps import AppConfig


class ComunicacionesConfig(AppConfig):
    name = "comunicaciones"
    verbose_name = "Plan de comunicaciones"
