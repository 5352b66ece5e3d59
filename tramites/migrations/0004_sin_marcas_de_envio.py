"""Los correos de los trámites pasan a la bandeja de salida del núcleo.

Antes de quitar las marcas de envío, lo que aún no había salido (acuses y
avisos sin marca) queda como mensaje pendiente en la bandeja, con la misma
clave que usan los servicios: nada se pierde ni sale dos veces.
"""

from django.db import migrations
from django.utils import timezone


def a_la_bandeja(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Mensaje = apps.get_model("sanpedro_gel", "Mensaje")
    Solicitud = apps.get_model("tramites", "Solicitud")
    Actuacion = apps.get_model("tramites", "Actuacion")
    ahora = timezone.now()
    de_solicitud, _ = ContentType.objects.get_or_create(
        app_label="tramites", model="solicitud"
    )
    de_actuacion, _ = ContentType.objects.get_or_create(
        app_label="tramites", model="actuacion"
    )
    mensajes = [
        Mensaje(
            clave=f"tramites.acuse:{s.pk}",
            tipo="tramites.acuse",
            plantilla="tramites/emails/acuse_recibo",
            para=s.solicitante.email,
            referencia_tipo=de_solicitud,
            referencia_id=s.pk,
            adjuntos=[{"generar": "tramites.constancia", "solicitud_id": s.pk}],
            proximo_intento_en=ahora,
            creado_en=ahora,
        )
        for s in Solicitud.objects.exclude(estado="BORRADOR")
        .filter(acuse_enviado_en__isnull=True)
        .select_related("solicitante")
    ]
    for a in (
        Actuacion.objects.filter(notificada_en__isnull=True)
        .exclude(aviso="")
        .select_related("solicitud__solicitante")
    ):
        adjuntos = []
        if a.documento_id:
            adjuntos.append(
                {"generar": "tramites.documento_expedido", "documento_id": a.documento_id}
            )
        mensajes.append(
            Mensaje(
                clave=f"tramites.aviso:{a.pk}",
                tipo="tramites.aviso",
                plantilla=f"tramites/emails/aviso_{a.aviso}",
                para=a.solicitud.solicitante.email,
                referencia_tipo=de_actuacion,
                referencia_id=a.pk,
                adjuntos=adjuntos,
                proximo_intento_en=ahora,
                creado_en=ahora,
            )
        )
    Mensaje.objects.bulk_create(mensajes, ignore_conflicts=True, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("sanpedro_gel", "0002_bandeja_de_salida"),
        ("tramites", "0003_indices_bandeja"),
    ]

    operations = [
        migrations.RunPython(a_la_bandeja, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="actuacion",
            name="actuacion_aviso_pendiente",
        ),
        migrations.RemoveField(
            model_name="actuacion",
            name="notificada_en",
        ),
        migrations.RemoveField(
            model_name="solicitud",
            name="acuse_enviado_en",
        ),
        migrations.DeleteModel(
            name="ResumenRevisor",
        ),
    ]
