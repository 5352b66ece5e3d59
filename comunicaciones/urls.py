from django.urls import path

from comunicaciones.views import asesoria, conversacion, encuestas, intranet, publico

app_name = "comunicaciones"

urlpatterns = [
    path("noticias/", publico.noticias, name="noticias"),
    # Antes que «datos-abiertos/<slug>.csv» de los trámites (sanpedro_gel/urls.py).
    path(
        "transparencia/datos-abiertos/asesoria.csv",
        publico.datos_abiertos_asesoria_csv,
        name="datos_abiertos_asesoria",
    ),
    path("noticias/<int:pk>-<slug:slug>/", publico.noticia, name="noticia"),
    path("suscribase/", publico.suscribirse, name="suscribirse"),
    path(
        "suscribase/revise-su-correo/",
        publico.suscripcion_enviada,
        name="suscripcion_enviada",
    ),
    path(
        "suscribase/confirmar/<str:token>/",
        publico.confirmar_suscripcion,
        name="confirmar_suscripcion",
    ),
    path("baja/<str:token>/", publico.baja, name="baja"),
    path("afiches/<slug:slug>/<str:tamano>.pdf", publico.afiche, name="afiche"),
    path("piezas/<int:pk>/adjunto/", publico.adjunto_pieza, name="adjunto_pieza"),
    path("encuestas/", encuestas.lista, name="encuestas"),
    path(
        "encuestas/responder/<str:token>/",
        encuestas.personal,
        name="encuesta_personal",
    ),
    path("encuestas/<slug:slug>/", encuestas.externa, name="encuesta"),
    path("asesoria/", asesoria.inicio, name="asesoria"),
    path("asesoria/preguntar/", asesoria.preguntar, name="preguntar"),
    path("asesoria/frecuentes/<int:pk>/votar/", asesoria.votar, name="votar_frecuente"),
    path("asesoria/mis-preguntas/", asesoria.mis_preguntas, name="mis_preguntas"),
    path("asesoria/mis-preguntas/<int:pk>/", asesoria.pregunta, name="pregunta"),
    path(
        "asesoria/mis-preguntas/<int:pk>/respuesta.pdf",
        asesoria.pregunta_pdf,
        name="pregunta_pdf",
    ),
    path("asesoria/conversar/", conversacion.conversar, name="conversar"),
    path(
        "asesoria/conversaciones/<int:pk>/",
        conversacion.conversacion,
        name="conversacion",
    ),
    path(
        "asesoria/conversaciones/<int:pk>/mensajes.json",
        conversacion.mensajes,
        name="conversacion_mensajes",
    ),
    path("intranet/", intranet.inicio, name="intranet"),
    path("intranet/cartas/<int:pk>/", intranet.carta, name="carta"),
    path("intranet/tareas/", intranet.tareas, name="tareas"),
    path(
        "intranet/tareas/<int:pk>/cerrar/", intranet.cerrar_tarea, name="cerrar_tarea"
    ),
    path("intranet/tareas/<int:pk>/evidencia/", intranet.evidencia, name="evidencia"),
]
