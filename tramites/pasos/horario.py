"""Permiso para la ampliación de horario de establecimientos (DOMAIN §4).

El establecimiento sale del registro de Industria y Comercio: debe estar activo
y su actividad CIIU debe admitir ampliación de horario (lista que los
funcionarios editan en el catálogo CIIU). Formato de `Solicitud.datos`:
docs/DATOS_SOLICITUD.md, sección «Ampliación de horario».
"""

from functools import cached_property

from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from sanpedro_gel.formato import fecha_larga
from tramites import selectores, validadores
from tramites.calendario import sumar_dias_habiles
from tramites.models import (
    ActividadCIIU,
    Establecimiento,
    Naturaleza,
    TipoTramite,
)
from tramites.pasos import campos
from tramites.pasos.base import (
    JURIDICAS,
    Contexto,
    Definicion,
    FormularioPaso,
    Paso,
    bloque,
    registrar,
)
from tramites.pasos.comunes import OPCIONES_DOCUMENTO_PERSONA, limpiar_documento
from tramites.pasos.novedad import NO_ES_SUYO

# Por encima de este aforo el evento es una aglomeración de público que exige
# un plan de contingencia.
AFORO_CON_PLAN_DE_CONTINGENCIA = 1000


class Calidad(models.TextChoices):
    PROPIETARIO = "PROPIETARIO", "Propietario"
    REPRESENTANTE_LEGAL = "REPRESENTANTE_LEGAL", "Representante legal"
    ADMINISTRADOR = "ADMINISTRADOR", "Administrador"


class TipoAmpliacion(models.TextChoices):
    OCASIONAL = "OCASIONAL", "Ocasional: un evento o unas fechas puntuales"
    TEMPORADA = "TEMPORADA", "Por temporada, por ejemplo diciembre y enero"
    PERMANENTE = "PERMANENTE", "Permanente"


class ActividadEvento(models.TextChoices):
    MUSICA_EN_VIVO = "MUSICA_EN_VIVO", "Música en vivo"
    MUSICA_GRABADA = "MUSICA_GRABADA", "Música grabada"
    BAILE = "BAILE", "Baile"
    PRESENTACION_ARTISTICA = "PRESENTACION_ARTISTICA", "Presentación artística"
    EVENTO_PRIVADO = "EVENTO_PRIVADO", "Evento privado"


class ContextoHorario(Contexto):
    @cached_property
    def establecimiento(self) -> Establecimiento | None:
        guardado = self.datos.get("establecimiento") or {}
        if not guardado.get("establecimiento_id"):
            return None
        return (
            Establecimiento.objects.select_related("contribuyente", "actividad")
            .filter(pk=guardado["establecimiento_id"])
            .first()
        )


def elegibles(establecimientos) -> list:
    return [
        e
        for e in establecimientos
        if e.activo and e.actividad.activa and e.actividad.permite_ampliacion_horario
    ]


# --- Paso 1: quién pide ------------------------------------------------------------


class SolicitanteForm(FormularioPaso):
    tipo_documento = campos.CampoOpcion(
        label="Tipo de documento",
        choices=OPCIONES_DOCUMENTO_PERSONA,
        obligatorio="Elija su tipo de documento.",
    )
    numero_documento = campos.CampoTexto(
        label="Número de documento",
        max_length=25,
        obligatorio="Escriba su número de documento.",
        help_text="Sin puntos ni espacios.",
    )
    nombre = campos.CampoTexto(
        label="Nombres y apellidos",
        max_length=250,
        obligatorio="Escriba sus nombres y apellidos.",
    )
    calidad = campos.CampoOpcion(
        label="¿En qué calidad pide el permiso?",
        choices=Calidad.choices,
        radio=True,
        obligatorio="Indique si es propietario, representante legal o "
        "administrador del establecimiento.",
    )
    telefono = campos.CampoTelefono(
        label="Teléfono de contacto",
        obligatorio="Escriba un teléfono de contacto.",
        help_text="Celular o fijo con indicativo, 10 dígitos.",
    )
    correo = campos.CampoCorreo(
        label="Correo electrónico", obligatorio="Escriba su correo electrónico."
    )

    def clean(self):
        datos = super().clean()
        limpiar_documento(
            self, campo_tipo="tipo_documento", campo_numero="numero_documento"
        )
        return datos


# --- Paso 2: el establecimiento del registro -----------------------------------------


class EstablecimientoHorarioForm(FormularioPaso):
    matricula = campos.CampoTexto(
        label="Matrícula de Industria y Comercio",
        max_length=20,
        obligatorio="Escriba la matrícula de Industria y Comercio del establecimiento.",
        help_text="Aparece en el certificado de inscripción; por ejemplo ICA-000098.",
    )
    numero_documento = campos.CampoTexto(
        label="Documento o NIT del titular del registro",
        max_length=25,
        obligatorio="Escriba el documento o NIT del titular del registro.",
        help_text="Sin puntos y sin el dígito de verificación.",
    )
    # Texto y no ChoiceField: las opciones dependen de la matrícula escrita, y un
    # valor de otra búsqueda se descarta en clean() en vez de dar un error.
    establecimiento_id = campos.CampoTexto(
        label="Establecimiento",
        max_length=20,
        help_text="Si el registro tiene varios establecimientos, elija para cuál pide "
        "la ampliación.",
        widget=forms.Select,
    )

    def preparar(self):
        self.candidatos = []
        self.ajeno = False
        if not self.is_bound and "actual" in self.initial:
            self.initial = self.datos_a_post(self.initial)
        datos = self.data if self.is_bound else self.initial
        matricula = str(datos.get(self.add_prefix("matricula"), "") or "").strip()
        documento = str(datos.get(self.add_prefix("numero_documento"), "") or "")
        # Lo escrito aún sin limpiar: con un NUL, PostgreSQL rechaza la consulta
        # (500) en vez de no encontrar nada; clean() lo rechaza con su mensaje.
        if matricula and documento and "\x00" not in matricula + documento:
            self.candidatos = self._buscar(matricula, documento)
        opciones = [
            (str(e.pk), f"{e.nombre_comercial} — {e.direccion}")
            for e in self.candidatos
        ]
        self.fields["establecimiento_id"].widget.choices = [
            ("", "Elija el establecimiento")
        ] + opciones
        if len(opciones) <= 1:
            self.fields["establecimiento_id"].widget = self.fields[
                "establecimiento_id"
            ].hidden_widget()

    def _buscar(self, matricula, documento) -> list:
        encontrados = list(
            Establecimiento.objects.select_related("contribuyente", "actividad")
            .filter(
                contribuyente__matricula__iexact=validadores.normalizar_matricula(
                    matricula
                ),
                contribuyente__numero_documento__in=validadores.documentos_buscados(
                    documento
                ),
                contribuyente__estado="ACTIVO",
                activo=True,
            )
            .order_by("nombre_comercial")
        )
        # Lo de un registro ajeno no se muestra (nombre, dirección, aforo).
        self.ajeno = bool(encontrados) and not selectores.puede_tramitar(
            self.contexto.solicitud.solicitante, encontrados[0].contribuyente_id
        )
        return [] if self.ajeno else encontrados

    def clean_matricula(self):
        return validadores.normalizar_matricula(self.cleaned_data["matricula"])

    def clean(self):
        datos = super().clean()
        if self.errors:
            return datos
        if self.ajeno:
            raise ValidationError(NO_ES_SUYO)
        if not self.candidatos:
            raise ValidationError(
                "No encontramos establecimientos activos en el registro de Industria "
                "y Comercio con esa matrícula y ese documento. Revise los datos; si "
                "el establecimiento no está inscrito, primero radique la inscripción."
            )
        aptos = elegibles(self.candidatos)
        if not aptos:
            permitidas = ", ".join(
                ActividadCIIU.objects.filter(
                    permite_ampliacion_horario=True, activa=True
                ).values_list("codigo", flat=True)
            )
            actividades = "; ".join(
                f"{e.nombre_comercial}: {e.actividad}" for e in self.candidatos
            )
            raise ValidationError(
                f"La actividad registrada ({actividades}) no está entre las que pueden "
                f"pedir ampliación de horario (CIIU {permitidas}). Si su actividad "
                "cambió, primero radique una novedad del registro."
            )
        elegido = datos.get("establecimiento_id")
        establecimiento = next(
            (e for e in self.candidatos if str(e.pk) == elegido), None
        )
        if establecimiento is None and len(aptos) == 1:
            establecimiento = aptos[0]
        if establecimiento is None:
            self.add_error(
                "establecimiento_id",
                "Elija en la lista el establecimiento para el que pide la ampliación.",
            )
        elif establecimiento not in aptos:
            self.add_error(
                "establecimiento_id",
                f"La actividad de «{establecimiento.nombre_comercial}» "
                f"({establecimiento.actividad}) no admite ampliación de horario.",
            )
        else:
            datos["establecimiento"] = establecimiento
        return datos

    def a_datos(self):
        e = self.cleaned_data["establecimiento"]
        return {
            "establecimiento_id": e.pk,
            "actual": {
                "matricula": e.contribuyente.matricula,
                "nombre_comercial": e.nombre_comercial,
                "direccion": e.direccion,
                "actividad": e.actividad_id,
                "aforo": e.aforo,
                "horario_ordinario": e.horario_ordinario,
            },
        }

    def datos_a_post(self, guardado):
        actual = guardado.get("actual") or {}
        titular = (
            Establecimiento.objects.filter(pk=guardado.get("establecimiento_id"))
            .values_list("contribuyente__numero_documento", flat=True)
            .first()
        )
        return {
            self.add_prefix("matricula"): actual.get("matricula", ""),
            self.add_prefix("numero_documento"): titular or "",
            self.add_prefix("establecimiento_id"): str(
                guardado.get("establecimiento_id") or ""
            ),
        }


# --- Paso 3: lo que pide -----------------------------------------------------------


class SolicitudHorarioForm(FormularioPaso):
    tipo = campos.CampoOpcion(
        label="Tipo de ampliación",
        choices=TipoAmpliacion.choices,
        radio=True,
        obligatorio="Elija el tipo de ampliación.",
    )
    fecha_inicio = campos.CampoFecha(
        label="Fecha de inicio",
        obligatorio="Escriba la fecha de inicio.",
        help_text="Para un evento ocasional, la fecha del evento.",
    )
    fecha_fin = campos.CampoFecha(
        label="Fecha final",
        help_text="Obligatoria para ocasional y temporada; déjela en blanco si la "
        "ampliación es permanente.",
    )
    hora_cierre = campos.CampoHora(
        label="Hora de cierre solicitada",
        obligatorio="Escriba la hora de cierre que solicita.",
        help_text="En formato de 24 horas; por ejemplo 03:00 para las 3 de la "
        "madrugada.",
    )
    motivo = campos.CampoTextoLargo(
        label="Motivo",
        max_length=1000,
        obligatorio="Cuéntenos el motivo de la solicitud.",
    )
    actividades = campos.CampoVarias(
        label="Actividades durante el horario ampliado (opcional)",
        choices=ActividadEvento.choices,
    )
    aforo = campos.CampoEntero(
        label="Aforo máximo durante el horario ampliado",
        nombre="El aforo",
        obligatorio="Escriba el número máximo de personas que atenderá.",
    )
    personal_seguridad = campos.CampoEntero(
        label="Personal de seguridad",
        nombre="El personal de seguridad",
        obligatorio="Escriba cuántas personas de seguridad tendrá (0 si ninguna).",
    )
    medidas_seguridad = campos.CampoTextoLargo(
        label="Medidas de seguridad y logística",
        obligatorio="Describa las medidas de seguridad y logística.",
        help_text="Control de ingreso y de aforo, salidas de emergencia, manejo del "
        "ruido, parqueo, venta responsable de licor.",
    )
    plan_contingencia = campos.CampoTextoLargo(
        label="Plan de contingencia",
        help_text=f"Obligatorio si espera más de {AFORO_CON_PLAN_DE_CONTINGENCIA:,} "
        "personas.".replace(",", "."),
    )

    def disposicion(self):
        return Layout(
            bloque(
                "Fechas y hora",
                "tipo",
                "fecha_inicio",
                "fecha_fin",
                "hora_cierre",
            ),
            bloque("Evento", "motivo", "actividades", "aforo"),
            bloque(
                "Seguridad",
                "personal_seguridad",
                "medidas_seguridad",
                "plan_contingencia",
            ),
        )

    def clean(self):
        datos = super().clean()
        hoy = self.contexto.hoy
        tipo = datos.get("tipo")
        inicio = datos.get("fecha_inicio")
        fin = datos.get("fecha_fin")
        if inicio and inicio <= hoy:
            self.add_error(
                "fecha_inicio", "La fecha de inicio debe ser posterior a hoy."
            )
        con_fin = tipo in (TipoAmpliacion.OCASIONAL, TipoAmpliacion.TEMPORADA)
        if con_fin and not fin and "fecha_fin" not in self.errors:
            self.add_error(
                "fecha_fin",
                "Escriba la fecha final (si es un solo día, repita la de inicio).",
            )
        if inicio and fin and fin < inicio:
            self.add_error(
                "fecha_fin", "La fecha final no puede ser anterior a la de inicio."
            )
        if tipo == TipoAmpliacion.OCASIONAL and inicio and inicio > hoy:
            self._revisar_anticipacion(inicio)
        aforo = datos.get("aforo")
        establecimiento = getattr(self.contexto, "establecimiento", None)
        if (
            aforo is not None
            and establecimiento is not None
            and establecimiento.aforo is not None
            and aforo > establecimiento.aforo
        ):
            self.add_error(
                "aforo",
                f"El aforo no puede superar el registrado para el establecimiento "
                f"({establecimiento.aforo} personas).",
            )
        if (
            aforo is not None
            and aforo > AFORO_CON_PLAN_DE_CONTINGENCIA
            and not datos.get("plan_contingencia")
        ):
            self.add_error(
                "plan_contingencia",
                "Con más de 1.000 personas el plan de contingencia es obligatorio.",
            )
        return datos

    def _revisar_anticipacion(self, inicio):
        dias = self.contexto.tramite.anticipacion_dias_habiles
        primera = sumar_dias_habiles(self.contexto.hoy, dias)
        if inicio < primera:
            fecha = fecha_larga(primera)
            self.add_error(
                "fecha_inicio",
                f"Una solicitud ocasional se radica con al menos {dias} días "
                f"hábiles de anticipación: el evento debe ser a partir del "
                f"{fecha}.",
            )


class DefinicionHorario(Definicion):
    tipo = TipoTramite.AMPLIACION_HORARIO

    def prellenado(self, contribuyente, establecimiento):
        return "establecimiento", {
            "matricula": contribuyente.matricula,
            "numero_documento": contribuyente.numero_documento,
            "establecimiento_id": str(establecimiento.pk) if establecimiento else "",
        }

    pasos = (
        Paso(
            "solicitante",
            "Solicitante",
            SolicitanteForm,
            "Sus datos como persona que pide el permiso.",
        ),
        Paso(
            "establecimiento",
            "Establecimiento",
            EstablecimientoHorarioForm,
            "El establecimiento debe estar inscrito en el registro de Industria y "
            "Comercio del municipio con una actividad que admita ampliación de "
            "horario (bares, discotecas, eventos, juegos de azar, espectáculos).",
        ),
        Paso("solicitud", "Horario solicitado", SolicitudHorarioForm),
    )

    def contexto(self, solicitud):
        return ContextoHorario(solicitud=solicitud)

    def encabezado_paso(self, clave, contexto):
        establecimiento = contexto.establecimiento
        if clave != "solicitud" or establecimiento is None:
            return []
        aforo = (
            f"{establecimiento.aforo} personas"
            if establecimiento.aforo is not None
            else "No registrado"
        )
        return [
            ("Establecimiento", str(establecimiento)),
            ("Actividad", str(establecimiento.actividad)),
            ("Aforo registrado", aforo),
            ("Horario ordinario", establecimiento.horario_ordinario or "No registrado"),
        ]

    def inicial(self, clave, solicitud):
        if clave == "solicitante":
            usuario = solicitud.solicitante
            return {"nombre": usuario.get_full_name(), "correo": usuario.email}
        return {}

    def condiciones(self, solicitud):
        condiciones = {"SIEMPRE"}
        datos = solicitud.datos
        if (datos.get("solicitud") or {}).get("tipo") == TipoAmpliacion.OCASIONAL:
            condiciones.add("EVENTO_OCASIONAL")
        establecimiento = self.contexto(solicitud).establecimiento
        if establecimiento is not None:
            titular = establecimiento.contribuyente
            if titular.matricula_mercantil:
                condiciones.add("CON_MATRICULA_MERCANTIL")
            if titular.naturaleza == Naturaleza.PERSONA_NATURAL:
                condiciones.add("PERSONA_NATURAL")
            elif titular.naturaleza in JURIDICAS:
                condiciones.add("PERSONA_JURIDICA")
            elif titular.naturaleza == Naturaleza.CONSORCIO:
                condiciones.add("CONSORCIO")
        return condiciones

    def identificacion(self, solicitud):
        solicitante = solicitud.datos.get("solicitante") or {}
        return solicitante.get("numero_documento", ""), solicitante.get("nombre", "")

    def secciones_de(self, paso, guardado, solicitud, contexto):
        if paso.clave == "establecimiento":
            actual = guardado.get("actual") or {}
            descripcion = contexto.ciiu.get(actual.get("actividad", ""), "")
            filas = [
                ("Matrícula de Industria y Comercio", actual.get("matricula", "")),
                ("Nombre comercial", actual.get("nombre_comercial", "")),
                ("Dirección", actual.get("direccion", "")),
                (
                    "Actividad (CIIU)",
                    f"{actual.get('actividad', '')} — {descripcion}".strip(" —"),
                ),
                (
                    "Aforo registrado",
                    str(actual["aforo"]) if actual.get("aforo") is not None else "—",
                ),
                ("Horario ordinario", actual.get("horario_ordinario") or "—"),
            ]
            return [(paso.clave, paso.titulo, filas)]
        return super().secciones_de(paso, guardado, solicitud, contexto)


registrar(DefinicionHorario())
