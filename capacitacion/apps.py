from django.apps import AppConfig


class CapacitacionConfig(AppConfig):
    name = "capacitacion"
    verbose_name = "Capacitación"

    def ready(self):
        # Los correos de la capacitación en la bandeja de salida, y los
        # certificados de asistencia en el selector de /verificar/.
        from capacitacion import correos, verificacion  # noqa: F401
