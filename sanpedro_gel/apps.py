from django.apps import AppConfig


class SanpedroGelConfig(AppConfig):
    name = "sanpedro_gel"
    verbose_name = "Portal y cuentas"

    def ready(self):
        from django.db.models.signals import post_migrate

        from sanpedro_gel.roles import sincronizar_roles_tras_migrar

        # Los grupos dependen de permisos que Django crea después de migrar.
        post_migrate.connect(sincronizar_roles_tras_migrar, sender=self)
