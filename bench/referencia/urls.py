from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.urls import path


def vista(request):
    tipo = ContentType.objects.get(pk=1)
    return HttpResponse(f"{tipo.app_label}.{tipo.model}\n", content_type="text/plain")


urlpatterns = [path("", vista)]
