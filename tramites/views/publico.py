"""Páginas públicas: lista de trámites, fichas SUIT, consulta por radicado y
verificación de documentos por código."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from tramites.models import Requisito
from tramites.selectores import tramites_activos


def lista(request):
    return render(
        request, "tramites/tramite_list.html", {"tramites": list(tramites_activos())}
    )


def ficha(request, slug):
    tramite = get_object_or_404(
        tramites_activos().prefetch_related(
            "normas",
            Prefetch(
                "requisitos",
                queryset=Requisito.objects.filter(activo=True).order_by("orden", "pk"),
            ),
        ),
        slug=slug,
    )
    requisitos = list(tramite.requisitos.all())
    return render(
        request,
        "tramites/tramite_detail.html",
        {
            "tramite": tramite,
            "requisitos_generales": [r for r in requisitos if r.condicion == "SIEMPRE"],
            "requisitos_condicionales": [
                r for r in requisitos if r.condicion != "SIEMPRE"
            ],
        },
    )


def consulta(request):
    return render(request, "tramites/consulta.html")


def verificar(request, codigo):
    return render(request, "tramites/consulta.html")
