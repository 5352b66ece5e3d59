from django.core.management.base import BaseCommand

from sanpedro_gel.roles import sincronizar_roles


class Command(BaseCommand):
    help = "Crea los grupos de roles y les asigna los permisos declarados en cada app."

    def handle(self, *args, **options):
        for rol, cantidad in sincronizar_roles().items():
            self.stdout.write(f"{rol}: {cantidad} permisos")
