from django.db import migrations, models


def estado_segun_las_fechas(apps, schema_editor):
    Asistencia = apps.get_model("capacitacion", "Asistencia")
    Asistencia.objects.filter(asistio_en__isnull=False).update(estado="ASISTIO")
    Asistencia.objects.filter(
        asistio_en__isnull=True, confirmado_en__isnull=False
    ).update(estado="CONFIRMADA")


class Migration(migrations.Migration):
    dependencies = [
        ("capacitacion", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="asistencia",
            name="estado",
            field=models.CharField(
                choices=[
                    ("CONVOCADA", "Convocada"),
                    ("CONFIRMADA", "Confirmó"),
                    ("ASISTIO", "Asistió"),
                ],
                default="CONVOCADA",
                max_length=10,
            ),
        ),
        migrations.RunPython(estado_segun_las_fechas, migrations.RunPython.noop),
    ]
