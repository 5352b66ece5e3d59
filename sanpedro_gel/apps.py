from django.apps import AppConfig


class SanpedroGelConfig(AppConfig):
    name = "sanpedro_gel"
    verbose_name = "Portal y cuentas"

    def ready(self):
        from django.db.models.signals import post_migrate

        # Las señales de Celery anotan cada ejecución de los trabajos periódicos.
        from sanpedro_gel import checks, periodicos  # noqa: F401
        from sanpedro_gel.roles import sincronizar_roles_tras_migrar

        # Los grupos dependen de permisos que Django crea después de migrar.
        post_migrate.connect(sincronizar_roles_tras_migrar, sender=self)
