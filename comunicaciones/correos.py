"""Los correos transaccionales del plan y cómo se arma cada uno al enviarse.

Cada servicio deja su correo en la bandeja de salida del núcleo
(`sanpedro_gel.buzon`) dentro de su propia transacción, con una clave que dice
qué es; el remitente del núcleo lo envía una vez, fuera de todo bloqueo, y
antes llama al preparador de aquí, que arma el contexto con la fila de dominio
al día (o lo anula si ya no tiene sentido):

- `comunicaciones.confirmacion_suscripcion:<suscriptor>:<consentimiento>`, de
  `audiencias.suscribir` (el doble opt-in);
- `comunicaciones.bienvenida_funcionario:<usuario>`, del directorio, por cada
  cuenta nueva;
- `comunicaciones.recordatorio_tarea:<tarea>:<previo|dia>:<hora de difusión>`,
  de `tareas.recordar_tareas`;
- `comunicaciones.aviso_pausa:<pieza>:<hora de la pausa>:<usuario>`, de
  `estado_pieza.cambiar_estado` hacia PAUSADA;
- `comunicaciones.prueba:<pieza>:<usuario>:<aleatorio>`, de
  `piezas.solicitar_prueba` (cada pedido es una prueba);
- `comunicaciones.resumen_asesoria:<usuario>:<fecha>`, de
  `resumen_asesoria.enviar_resumenes_asesoria` (el resumen de las 7:00).

El correo masivo de las piezas (un `Envio` por destinatario) no pasa por la
bandeja: lo envían los lotes (`services/lotes.py`).
"""

from datetime import date

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model

from comunicaciones import estados
from comunicaciones.models import Area, Canal, Envio, EstadoSuscriptor, Pieza
from comunicaciones.services import (
    asesoria,
    audiencias,
    directorio,
    piezas,
    resumen_asesoria,
    tareas,
)
from comunicaciones.services.estado_pieza import AVISO_PAUSA
from comunicaciones.services.mensajes import Persona, PlantillaMasiva
from sanpedro_gel.buzon import MensajeObsoleto, Preparado, tipo_de_mensaje
from sanpedro_gel.enlaces import url_del_portal
from sanpedro_gel.texto import markdown_seguro


@tipo_de_mensaje(audiencias.CONFIRMACION, "Confirmación de suscripción")
def preparar_confirmacion(mensaje) -> dict:
    suscriptor = mensaje.referencia
    if (
        suscriptor.estado != EstadoSuscriptor.PENDIENTE
        or mensaje.clave != audiencias.clave_de_confirmacion(suscriptor)
    ):
        raise MensajeObsoleto(
            "La suscripción ya se confirmó, se dio de baja o se renovó."
        )
    return {
        "suscriptor": suscriptor,
        "enlace": url_del_portal(
            "comunicaciones:confirmar_suscripcion",
            audiencias.token_confirmacion(suscriptor),
        ),
        "vigencia_dias": audiencias.VIGENCIA_CONFIRMACION.days,
    }


@tipo_de_mensaje(directorio.BIENVENIDA, "Bienvenida de un servidor público")
def preparar_bienvenida(mensaje) -> dict:
    # El enlace es el de recuperación de clave de allauth: se arma al enviar y
    # deja de servir cuando la persona define su contraseña.
    funcionario = mensaje.referencia
    usuario = funcionario.usuario
    if usuario is None:
        raise MensajeObsoleto("El funcionario ya no tiene cuenta en el portal.")
    return {
        "funcionario": funcionario,
        "enlace": url_del_portal(
            "account_reset_password_from_key",
            uidb36=user_pk_to_url_str(usuario),
            key=default_token_generator.make_token(usuario),
        ),
    }


@tipo_de_mensaje(tareas.RECORDATORIO, "Recordatorio de una tarea de difusión")
def preparar_recordatorio(mensaje) -> dict:
    tarea = mensaje.referencia
    tipo = mensaje.datos["tipo"]
    if not tareas.recordatorio_vigente(tarea, mensaje.clave, tipo):
        raise MensajeObsoleto(
            "La tarea se cerró o cambió de hora, o ya pasó el día del recordatorio."
        )
    pieza = tarea.pieza
    afiches = []
    if pieza.canal == Canal.AFICHES:
        for tramite in pieza.campana.tramites.all():
            for tamano, etiqueta in (("carta", "carta"), ("a4", "A4")):
                afiches.append(
                    (
                        f"{tramite.nombre} — tamaño {etiqueta}",
                        url_del_portal(
                            "comunicaciones:afiche", slug=tramite.slug, tamano=tamano
                        ),
                    )
                )
    return {
        "tarea": tarea,
        "pieza": pieza,
        "afiches": afiches,
        "enlace_cerrar": url_del_portal("comunicaciones:cerrar_tarea", tarea.pk),
        "enlace_destino": pieza.enlace_con_origen(absoluto=True),
        "es_manana": tipo == tareas.PREVIO,
    }


@tipo_de_mensaje(AVISO_PAUSA, "Aviso de pieza pausada")
def preparar_aviso_pausa(mensaje) -> dict:
    pieza = mensaje.referencia
    if pieza.estado != estados.PAUSADA:
        raise MensajeObsoleto("La pieza ya no está pausada.")
    return {
        "pieza": pieza,
        "conteos": Envio.objects.filter(pieza=pieza).conteos(),
        "enlace": url_del_portal("admin:comunicaciones_pieza_change", pieza.pk),
    }


@tipo_de_mensaje(piezas.PRUEBA, "Prueba de una pieza")
def preparar_prueba(mensaje) -> Preparado:
    # La prueba es el correo de la pieza tal como lo arma el envío masivo para
    # un destinatario; la plantilla `comunicaciones/emails/prueba` lo lleva tal
    # cual (asunto, texto y HTML ya listos), con sus adjuntos y cabeceras.
    pieza = Pieza.objects.select_related("campana", "firma").get(
        pk=mensaje.referencia_id
    )
    usuario = get_user_model().objects.filter(pk=mensaje.datos["usuario"]).first()
    if usuario is None:
        raise MensajeObsoleto("La cuenta que pidió la prueba ya no existe.")
    correo = PlantillaMasiva(pieza, prueba=True).mensaje_para(
        Persona.de_usuario(usuario)
    )
    return Preparado(
        contexto={
            "asunto": correo.subject,
            "texto": correo.body,
            "html": correo.alternatives[0][0],
        },
        adjuntos=[tuple(adjunto) for adjunto in correo.attachments],
        cabeceras=dict(correo.extra_headers),
    )


# --- Asesoría ciudadana -------------------------------------------------------------


def _contexto_pregunta(pregunta) -> dict:
    return {
        "pregunta": pregunta,
        "url_pregunta": url_del_portal("comunicaciones:pregunta", pk=pregunta.pk),
    }


@tipo_de_mensaje(asesoria.ACUSE, "Asesoría: acuse de una pregunta")
def preparar_acuse_pregunta(mensaje) -> dict:
    return _contexto_pregunta(mensaje.referencia)


@tipo_de_mensaje(asesoria.RESPUESTA, "Asesoría: respuesta a una pregunta")
def preparar_respuesta_pregunta(mensaje) -> dict:
    pregunta = mensaje.referencia
    respuesta = (
        pregunta.mensajes.filter(de_la_alcaldia=True, interno=False)
        .order_by("-creado_en", "-pk")
        .first()
    )
    if respuesta is None:
        raise MensajeObsoleto("La pregunta no tiene respuesta.")
    return {
        **_contexto_pregunta(pregunta),
        "respuesta": respuesta,
        "respuesta_html": markdown_seguro(respuesta.texto),
        "url_pdf": url_del_portal("comunicaciones:pregunta_pdf", pk=pregunta.pk),
    }


@tipo_de_mensaje(asesoria.TRASLADO, "Asesoría: traslado de una pregunta")
def preparar_traslado_pregunta(mensaje) -> dict:
    return {**_contexto_pregunta(mensaje.referencia), **(mensaje.datos or {})}


@tipo_de_mensaje(resumen_asesoria.RESUMEN, "Asesoría: resumen diario de quien responde")
def preparar_resumen_asesoria(mensaje) -> dict:
    usuario = mensaje.referencia
    hoy = date.fromisoformat(mensaje.datos["hoy"])
    resumen = resumen_asesoria.resumen_de(usuario, hoy)
    if not resumen_asesoria.hay_pendientes(resumen):
        raise MensajeObsoleto("Ya no tiene preguntas vencidas ni por vencer.")
    oficinas = sorted(Area(a).label for a in asesoria.areas_que_responde(usuario))
    return {
        **resumen,
        "usuario": usuario,
        "hoy": hoy,
        "oficinas": " y ".join(oficinas) if oficinas else "sus oficinas",
        "url_preguntas": url_del_portal(
            "admin:comunicaciones_preguntaciudadana_changelist"
        ),
    }
