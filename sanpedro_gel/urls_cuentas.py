"""Las vistas de django-allauth con rutas en español.

Los nombres (`account_login`, …) son los de allauth, que los usa para enlazar
entre sus vistas y en sus correos.
"""

from allauth.account import views
from django.urls import path, re_path

urlpatterns = [
    path("ingresar/", views.login, name="account_login"),
    path("salir/", views.logout, name="account_logout"),
    path("inactiva/", views.account_inactive, name="account_inactive"),
    path("registro/", views.signup, name="account_signup"),
    path("reautenticar/", views.reauthenticate, name="account_reauthenticate"),
    path("correo/", views.email, name="account_email"),
    path(
        "confirmar-correo/",
        views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^confirmar-correo/(?P<key>[-:\w]+)/$",
        views.confirm_email,
        name="account_confirm_email",
    ),
    path("clave/cambiar/", views.password_change, name="account_change_password"),
    path("clave/definir/", views.password_set, name="account_set_password"),
    path("clave/recuperar/", views.password_reset, name="account_reset_password"),
    path(
        "clave/recuperar/enviado/",
        views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^clave/restablecer/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "clave/restablecida/",
        views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]
