from django.urls import path

from capacitacion import views

app_name = "capacitacion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("jornadas/<int:pk>/", views.jornada, name="jornada"),
    path("jornadas/<int:pk>/inscribirme/", views.inscribirme, name="inscribirme"),
    path("inscripciones/<int:pk>/", views.inscripcion, name="inscripcion"),
    path(
        "inscripciones/<int:pk>/cancelar/",
        views.cancelar_inscripcion,
        name="cancelar_inscripcion",
    ),
    path("materiales/<int:pk>/", views.material, name="material"),
    path("confirmar/<str:token>/", views.confirmar, name="confirmar"),
    path("mis-certificados/", views.mis_certificados, name="mis_certificados"),
    path("certificados/<int:pk>/", views.certificado, name="certificado"),
]
