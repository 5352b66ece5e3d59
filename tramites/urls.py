from django.urls import path

from tramites.views import archivos, ciudadano, publico

app_name = "tramites"

urlpatterns = [
    # Público
    path("", publico.lista, name="lista"),
    path("consulta/", publico.consulta, name="consulta"),
    # Ciudadano con cuenta
    path("mis-tramites/<int:pk>/", ciudadano.solicitud, name="solicitud"),
    path(
        "mis-tramites/<int:pk>/constancia/", archivos.constancia, name="constancia"
    ),
    path("adjuntos/<int:pk>/", archivos.adjunto, name="adjunto"),
    # Fichas (al final: el slug atrapa cualquier ruta de un segmento)
    path("<slug:slug>/", publico.ficha, name="ficha"),
]
