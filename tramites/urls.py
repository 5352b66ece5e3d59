from django.urls import path

from tramites.views import ciudadano, documentos, publico, revision

app_name = "tramites"

urlpatterns = [
    # Público
    path("", publico.lista, name="lista"),
    path("consulta/", publico.consulta, name="consulta"),
    # Ciudadano con cuenta
    path("mis-tramites/<int:pk>/", ciudadano.solicitud, name="solicitud"),
    # Revisión: subsanar, pedir un mes más, calificar y descargar lo expedido
    path("mis-tramites/<int:pk>/subsanar/", revision.subsanar, name="subsanar"),
    path(
        "mis-tramites/<int:pk>/subsanar/ampliar/",
        revision.ampliar_plazo,
        name="ampliar_plazo",
    ),
    path("mis-tramites/<int:pk>/calificar/", revision.calificar, name="calificar"),
    path(
        "mis-tramites/<int:pk>/documentos/<int:documento_pk>/",
        documentos.documento,
        name="documento",
    ),
    # Fichas (al final: el slug atrapa cualquier ruta de un segmento)
    path("<slug:slug>/", publico.ficha, name="ficha"),
]
