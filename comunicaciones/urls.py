from django.urls import path

from comunicaciones import views

app_name = "comunicaciones"

urlpatterns = [
    path("noticias/", views.noticias, name="noticias"),
]
