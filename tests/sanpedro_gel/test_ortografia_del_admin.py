"""Los nombres que el admin muestra de modelos y campos llevan sus tildes.

Regresión: «Tramites» en el índice del admin y «Municipio notificacion» en el
registro, porque Django arma el nombre del campo a partir de su identificador.
"""

import re

from django.apps import apps

APPS = {"tramites", "comunicaciones", "capacitacion", "sanpedro_gel"}

# Palabras que en español siempre llevan tilde y que un identificador no tiene.
SIN_TILDE = re.compile(
    r"\b(tramites?|notificacion|electronica|numero|ultimos?|subsanacion|opcion|"
    r"informacion|direccion|telefono|codigo|pagina|razon|categoria|vinculacion|"
    r"radicacion|resolucion|descripcion|publicacion|evaluacion|asesoria|"
    r"capacitacion|inscripcion|ampliacion|comunicacion|difusion)\b"
)


def _nombres():
    for modelo in apps.get_models():
        meta = modelo._meta
        if meta.app_label not in APPS or meta.label.split(".")[1].startswith(
            "Historical"
        ):
            continue
        yield meta.label, "", str(meta.verbose_name)
        yield meta.label, "", str(meta.verbose_name_plural)
        for campo in meta.get_fields():
            nombre = getattr(campo, "verbose_name", None)
            if nombre and not getattr(campo, "auto_created", False):
                yield meta.label, campo.name, str(nombre)
    for config in apps.get_app_configs():
        if config.label in APPS:
            yield config.label, "", str(config.verbose_name)


def test_los_nombres_del_admin_llevan_tilde():
    errores = [
        f"{modelo}.{campo}: «{nombre}»"
        for modelo, campo, nombre in _nombres()
        if SIN_TILDE.search(nombre.lower())
    ]
    assert not errores, "\n".join(errores)


def test_el_indice_del_admin_dice_tramites_con_tilde(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert ">Trámites<" in html
    assert ">Tramites<" not in html
