"""Primera versión del texto de autorización para suscribirse a las novedades.

Ley 1581 de 2012: el envío de noticias por correo es un uso opcional de los
datos y necesita autorización expresa; se guarda la versión aceptada y la hora.
Versiones nuevas se agregan en el admin (nunca se edita una ya aceptada).
"""

from django.db import migrations
from django.utils import timezone

TEXTO = (
    "La Alcaldía de San Pedro de los Milagros, como responsable del tratamiento, "
    "usará su nombre, correo electrónico, tipo de suscriptor y vereda o barrio "
    "solo para enviarle por correo electrónico noticias sobre los trámites en "
    "línea y las campañas de la administración municipal, y para medir el "
    "alcance de esos envíos. Esta autorización es voluntaria y no es necesaria "
    "para hacer ningún trámite. Usted puede conocer, actualizar, rectificar y "
    "suprimir sus datos, revocar esta autorización en cualquier momento con el "
    "enlace «Dejar de recibir estos correos» que trae cada mensaje, y presentar "
    "quejas ante la Superintendencia de Industria y Comercio (Ley 1581 de 2012 y "
    "Decreto 1377 de 2013). Consulte la política de tratamiento de datos "
    "personales de la Alcaldía."
)


def crear(apps, schema_editor):
    TextoConsentimiento = apps.get_model("comunicaciones", "TextoConsentimiento")
    TextoConsentimiento.objects.get_or_create(
        version="2026-1",
        defaults={"texto": TEXTO, "vigente_desde": timezone.now()},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comunicaciones", "0002_campanas_piezas_envios_y_suscriptores"),
    ]

    operations = [migrations.RunPython(crear, migrations.RunPython.noop)]
