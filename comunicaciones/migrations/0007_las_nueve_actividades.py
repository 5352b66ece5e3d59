from django.db import migrations

# Las actividades 1–9 del plan (seed), tal como se crearon: la fila de cada una
# la lleva después el Líder GEL en el admin.
ACTIVIDADES = [
    (1, "Institucional", "Barreras normativas locales: ajuste al Estatuto Tributario"),
    (2, "Institucional", "Revisión del procedimiento administrativo del trámite"),
    (3, "Institucional", "Roles: funcionarios responsables del trámite"),
    (4, "Institucional", "Funciones: actualización del manual de funciones"),
    (5, "Tecnológico", "Presentación general de la herramienta tecnológica"),
    (6, "Tecnológico", "Roles en la herramienta: usuarios y contraseñas"),
    (7, "Tecnológico", "Taller técnico para administradores de la herramienta"),
    (8, "Demanda", "Plan de comunicaciones: presentación y adopción"),
    (9, "Demanda", "Socialización del trámite en línea con el personal y la comunidad"),
]


def crear(apps, schema_editor):
    ActividadPlan = apps.get_model("comunicaciones", "ActividadPlan")
    for numero, componente, nombre in ACTIVIDADES:
        ActividadPlan.objects.get_or_create(
            numero=numero, defaults={"componente": componente, "nombre": nombre}
        )


class Migration(migrations.Migration):
    dependencies = [("comunicaciones", "0006_actividades_del_plan")]

    operations = [migrations.RunPython(crear, migrations.RunPython.noop)]
