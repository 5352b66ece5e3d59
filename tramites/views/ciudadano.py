from django.shortcuts import render


def solicitud(request, pk):
    return render(request, "tramites/consulta.html")
