from django.urls import path

from tramites.views import (
    archivos,
    ciudadano,
    documentos,
    establecimientos,
    formulario,
    publico,
    revision,
)

app_name = "tramites"

urlpatterns = [
    # Público
    path("", publico.lista, name="lista"),
    path("consulta/", publico.consulta, name="consulta"),
    # Ciudadano con cuenta
    path("mis-tramites/", ciudadano.mis_tramites, name="mis_tramites"),
    path("mis-tramites/<int:pk>/", ciudadano.solicitud, name="solicitud"),
    path(
        "mis-establecimientos/",
        establecimientos.mis_establecimientos,
        name="mis_establecimientos",
    ),
    path(
        "mis-establecimientos/reclamar/",
        establecimientos.reclamar,
        name="reclamar_registro",
    ),
    path(
        "mis-establecimientos/reclamar/<int:pk>/",
        establecimientos.confirmar_reclamo,
        name="confirmar_reclamo",
    ),
    path(
        "mis-establecimientos/<int:pk>/apoderados/",
        establecimientos.autorizar_apoderado,
        name="autorizar_apoderado",
    ),
    path(
        "mis-establecimientos/apoderados/<int:pk>/revocar/",
        establecimientos.revocar_apoderado,
        name="revocar_apoderado",
    ),
    path("mis-tramites/<int:pk>/paso/<slug:clave>/", formulario.paso, name="paso"),
    path(
        "mis-tramites/<int:pk>/documentos/",
        formulario.documentos,
        name="documentos",
    ),
    path("mis-tramites/<int:pk>/revision/", formulario.revision, name="revision"),
    path(
        "mis-tramites/<int:pk>/radicada/",
        ciudadano.confirmacion,
        name="confirmacion",
    ),
    path("mis-tramites/<int:pk>/descartar/", ciudadano.descartar, name="descartar"),
    path("mis-tramites/<int:pk>/constancia/", archivos.constancia, name="constancia"),
    path("adjuntos/<int:pk>/", archivos.adjunto, name="adjunto"),
    # Revisión: subsanar, pedir un mes más, calificar y descargar lo expedido
    path("mis-tramites/<int:pk>/subsanar/", revision.subsanar, name="subsanar"),
    path(
        "mis-tramites/<int:pk>/subsanar/ampliar/",
        revision.ampliar_plazo,
        name="ampliar_plazo",
    ),
    path("mis-tramites/<int:pk>/calificar/", revision.calificar, name="calificar"),
    path(
        "mis-tramites/<int:pk>/expedidos/<int:documento_pk>/",
        documentos.documento,
        name="documento_expedido",
    ),
    # Fichas (al final: el slug atrapa cualquier ruta de uno o dos segmentos)
    path("<slug:slug>/iniciar/", formulario.iniciar, name="iniciar"),
    path("<slug:slug>/", publico.ficha, name="ficha"),
]
