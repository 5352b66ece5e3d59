from django.shortcuts import render


def inicio(request):
    return render(request, "inicio.html")


def noticias(request):
    return render(request, "comunicaciones/noticia_list.html", {"noticias": []})
