from django.db import migrations

# Los mismos nombres que capacitacion/services/mensajes.py, congelados aquí.
TIPO_DE_AVISO = {
    "INVITACION": "capacitacion.invitacion",
    "RECORDATORIO": "capacitacion.recordatorio",
    "CAMBIO": "capacitacion.cambio",
    "CANCELACION": "capacitacion.cancelacion",
}
ESTADO = {"PENDIENTE": "PENDIENTE", "ENVIADA": "ENVIADO", "FALLIDA": "FALLIDO"}


# El tope de intentos que tenía el envío propio de los certificados.
MAX_INTENTOS_ENVIO = 5


def _estado_del_certificado(certificado) -> str:
    if certificado.enviado_en:
        return "ENVIADO"
    if certificado.intentos_envio >= MAX_INTENTOS_ENVIO:
        return "FALLIDO"
    return "PENDIENTE"


def pasar_a_la_bandeja(apps, schema_editor):
    """Cada entrega y cada certificado con su mensaje en la bandeja de salida:
    lo pendiente sigue pendiente (el barrido lo envía) y lo enviado queda como
    historia, con la misma clave que usarían los servicios."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Mensaje = apps.get_model("sanpedro_gel", "Mensaje")
    Entrega = apps.get_model("capacitacion", "Entrega")
    Certificado = apps.get_model("capacitacion", "Certificado")
    de_asistencia, _ = ContentType.objects.get_or_create(
        app_label="capacitacion", model="asistencia"
    )
    de_certificado, _ = ContentType.objects.get_or_create(
        app_label="capacitacion", model="certificado"
    )
    mensajes = []
    for entrega in Entrega.objects.select_related(
        "asistencia__funcionario", "aviso", "seguimiento"
    ).iterator():
        if entrega.aviso_id:
            clave = f"capacitacion.aviso:{entrega.aviso_id}:{entrega.asistencia_id}"
            tipo = TIPO_DE_AVISO[entrega.aviso.tipo]
            plantilla = "capacitacion/emails/aviso"
            datos = {"aviso": entrega.aviso_id}
        else:
            clave = (
                f"capacitacion.seguimiento:{entrega.seguimiento_id}:"
                f"{entrega.asistencia_id}"
            )
            tipo = "capacitacion.seguimiento"
            plantilla = "capacitacion/emails/seguimiento"
            datos = {"seguimiento": entrega.seguimiento_id}
        mensajes.append(
            Mensaje(
                clave=clave,
                tipo=tipo,
                plantilla=plantilla,
                para=entrega.asistencia.funcionario.correo,
                referencia_tipo=de_asistencia,
                referencia_id=entrega.asistencia_id,
                datos=datos,
                estado=ESTADO[entrega.estado],
                intentos=entrega.intentos,
                enviado_en=entrega.enviada_en,
                error=entrega.motivo,
            )
        )
    for certificado in Certificado.objects.select_related(
        "asistencia__funcionario"
    ).iterator():
        mensajes.append(
            Mensaje(
                clave=f"capacitacion.certificado:{certificado.pk}",
                tipo="capacitacion.certificado",
                plantilla="capacitacion/emails/certificado",
                para=certificado.asistencia.funcionario.correo,
                referencia_tipo=de_certificado,
                referencia_id=certificado.pk,
                adjuntos=[
                    {"generar": "capacitacion.certificado", "certificado": certificado.pk}
                ],
                estado=_estado_del_certificado(certificado),
                intentos=certificado.intentos_envio,
                enviado_en=certificado.enviado_en,
            )
        )
    Mensaje.objects.bulk_create(mensajes, ignore_conflicts=True, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("capacitacion", "0002_estado_de_la_asistencia"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sanpedro_gel", "0002_bandeja_de_salida"),
    ]

    operations = [
        migrations.RunPython(pasar_a_la_bandeja, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="certificado",
            name="enviado_en",
        ),
        migrations.RemoveField(
            model_name="certificado",
            name="intentos_envio",
        ),
        migrations.RemoveField(
            model_name="certificado",
            name="ultimo_intento_en",
        ),
        migrations.DeleteModel(
            name="Entrega",
        ),
    ]
