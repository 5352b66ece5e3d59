from django.urls import path

from capacitacion import views

app_name = "capacitacion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("jornadas/<int:pk>/", views.jornada, name="jornada"),
    path("materiales/<int:pk>/", views.material, name="material"),
    path("confirmar/<str:token>/", views.confirmar, name="confirmar"),
    path("mis-certificados/", views.mis_certificados, name="mis_certificados"),
    path("certificados/<int:pk>/", views.certificado, name="certificado"),
]
