from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from comunicaciones.views import inicio
from sanpedro_gel import views
from tramites.views import publico as tramites_publico

urlpatterns = [
    path("", inicio, name="inicio"),
    path("", include("comunicaciones.urls")),
    path("tramites/", include("tramites.urls")),
    path("verificar/<str:codigo>/", views.verificar, name="verificar"),
    path("capacitacion/", include("capacitacion.urls")),
    path("cuentas/", include("sanpedro_gel.urls_cuentas")),
    path("cuenta/", views.cuenta, name="cuenta"),
    path("transparencia/", views.transparencia, name="transparencia"),
    path(
        "transparencia/datos-abiertos/",
        tramites_publico.datos_abiertos,
        name="datos_abiertos",
    ),
    path(
        "transparencia/datos-abiertos/<slug:slug>.csv",
        tramites_publico.datos_abiertos_csv,
        name="datos_abiertos_csv",
    ),
    path("politica-de-datos/", views.politica_datos, name="politica_datos"),
    path("salud/", views.salud, name="salud"),
    path("admin/", admin.site.urls),
]

handler403 = "sanpedro_gel.views.error_403"
handler404 = "sanpedro_gel.views.error_404"
handler500 = "sanpedro_gel.views.error_500"
# allauth lo usa para sus propios límites (registro, recuperar la clave).
handler429 = "sanpedro_gel.views.error_429"

if settings.EMBEBIDO:
    # Las imágenes públicas (banners, noticias): en producción las sirve nginx.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
