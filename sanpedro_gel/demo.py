"""Datos de demostración del núcleo: el superusuario y una ciudadana.

`manage.py cargar_demo` llama a `cargar()` de cada app que tenga un módulo
`demo`, en el orden de INSTALLED_APPS. Todo es idempotente.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

CLAVE_DEMO = "SanPedro-Demo-2026"

# (quién es, correo). Todas las cuentas de demostración usan CLAVE_DEMO.
USUARIOS_DEMO = [
    ("Ciudadana", "ciudadana@portal-demo.test"),
    ("Revisor Hacienda", "hacienda@portal-demo.test"),
    ("Revisor Gobierno", "gobierno@portal-demo.test"),
    ("Líder GEL", "lider.gel@portal-demo.test"),
    ("Comunicaciones", "prensa@portal-demo.test"),
    ("Administrador web", "web@portal-demo.test"),
    ("Administrador de la herramienta", "soporte@portal-demo.test"),
    ("Superusuario", "admin@portal-demo.test"),
]


def asegurar_usuario(correo: str, **campos):
    """Crea (o deja como está) una cuenta de demostración con CLAVE_DEMO."""
    Usuario = get_user_model()
    usuario, creado = Usuario.objects.get_or_create(email=correo, defaults=campos)
    if creado or not usuario.has_usable_password():
        usuario.set_password(CLAVE_DEMO)
        usuario.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=usuario, email=correo, defaults={"verified": True, "primary": True}
    )
    return usuario


def cargar():
    asegurar_usuario(
        "admin@portal-demo.test",
        is_staff=True,
        is_superuser=True,
        first_name="Administrador",
    )
    asegurar_usuario(
        "ciudadana@portal-demo.test", first_name="María Elena", last_name="Gómez Uribe"
    )
