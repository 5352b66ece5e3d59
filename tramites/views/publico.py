from django.shortcuts import render


def lista(request):
    return render(request, "tramites/tramite_list.html")


def ficha(request, slug):
    return render(request, "tramites/tramite_list.html")


def consulta(request):
    return render(request, "tramites/consulta.html")


def verificar(request, codigo):
    return render(request, "tramites/consulta.html")
