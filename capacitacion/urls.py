from django.urls import path

from capacitacion import views

app_name = "capacitacion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
]
