from django.apps import AppConfig


class CapacitacionConfig(AppConfig):
    name = "capacitacion"
    verbose_name = "Capacitación"

    def ready(self):
        # Los certificados de asistencia se suman al selector de /verificar/.
        from capacitacion import verificacion  # noqa: F401
