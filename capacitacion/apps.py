from django.apps import AppConfig


class CapacitacionConfig(AppConfig):
    name = "capacitacion"
    verbose_name = "Capacitación"

    def ready(self):
        # Los correos de la capacitación en la bandeja de salida, los
        # certificados de asistencia en el selector de /verificar/, y las
        # jornadas y la cobertura en el tablero del plan.
        # Las páginas públicas guardadas se invalidan cuando cambia lo que
        # muestran (sanpedro_gel.paginas).
        from capacitacion import aportes, correos, paginas, verificacion  # noqa: F401

        paginas.conectar()
