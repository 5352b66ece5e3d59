from django.urls import path

from tramites import views

app_name = "tramites"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("consulta/", views.consulta, name="consulta"),
    path("mis-tramites/<int:pk>/", views.solicitud, name="solicitud"),
    path("<slug:slug>/", views.ficha, name="ficha"),
]
