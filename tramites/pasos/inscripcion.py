"""Inscripción en el Registro de Industria y Comercio (DOMAIN §2).

Formato de `Solicitud.datos`: docs/DATOS_SOLICITUD.md, sección «Inscripción».
"""

from crispy_forms.layout import HTML, Layout
from django import forms
from django.core.exceptions import ValidationError

from tramites import validadores
from tramites.models import (
    Contribuyente,
    Naturaleza,
    Regimen,
    TipoDocumento,
    TipoTramite,
)
from tramites.pasos import campos
from tramites.pasos.base import (
    JURIDICAS,
    Definicion,
    FormsetPaso,
    FormularioPaso,
    Paso,
    bloque,
    registrar,
)
from tramites.pasos.comunes import (
    OPCIONES_DOCUMENTO,
    OPCIONES_DOCUMENTO_PERSONA,
    EstablecimientoForm,
    limpiar_documento,
)

CAMARA_DEL_MUNICIPIO = "Cámara de Comercio de Medellín para Antioquia"


class ContribuyenteForm(FormularioPaso):
    naturaleza = campos.CampoOpcion(
        label="¿Quién se inscribe?",
        choices=Naturaleza.choices,
        radio=True,
        obligatorio="Indique si se inscribe una persona natural, una persona "
        "jurídica, una sociedad de hecho o un consorcio.",
    )
    tipo_documento = campos.CampoOpcion(
        label="Tipo de documento",
        choices=OPCIONES_DOCUMENTO,
        obligatorio="Elija el tipo de documento.",
        help_text="Las personas jurídicas, sociedades de hecho y consorcios se "
        "inscriben con su NIT.",
    )
    numero_documento = campos.CampoTexto(
        label="Número de documento",
        max_length=25,
        obligatorio="Escriba el número de documento.",
        help_text="Sin puntos ni espacios. Para el NIT, sin el dígito de verificación.",
    )
    digito_verificacion = campos.CampoTexto(
        label="Dígito de verificación (DV)",
        max_length=1,
        help_text="Solo para NIT: el número después del guion en su RUT.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "dv"}),
    )
    nombre = campos.CampoTexto(
        label="Nombre completo o razón social",
        max_length=250,
        obligatorio="Escriba el nombre completo o la razón social, como aparece en "
        "el RUT.",
    )
    regimen = campos.CampoOpcion(
        label="Régimen tributario",
        choices=Regimen.choices,
        radio=True,
        obligatorio="Indique si pertenece al régimen ordinario o al SIMPLE.",
        help_text="Quien está en el Régimen Simple de Tributación paga el ICA "
        "consolidado con el SIMPLE (Ley 2010 de 2019).",
    )
    direccion_notificacion = campos.CampoTexto(
        label="Dirección de notificación",
        obligatorio="Escriba la dirección donde recibirá notificaciones.",
    )
    municipio_notificacion = campos.CampoTexto(
        label="Municipio", max_length=100, obligatorio="Escriba el municipio."
    )
    departamento_notificacion = campos.CampoTexto(
        label="Departamento", max_length=100, obligatorio="Escriba el departamento."
    )
    telefono = campos.CampoTelefono(
        label="Teléfono fijo (opcional)",
        help_text="Con indicativo, 10 dígitos, por ejemplo 604 868 7123.",
    )
    celular = campos.CampoCelular(
        label="Celular",
        help_text="10 dígitos, por ejemplo 310 456 7890.",
    )
    correo = campos.CampoCorreo(
        label="Correo electrónico",
        obligatorio="Escriba el correo electrónico del contribuyente.",
    )
    autoriza_notificacion_electronica = forms.BooleanField(
        label="Autorizo que la Alcaldía me notifique por correo electrónico los "
        "actos de este trámite.",
        required=False,
        help_text="Ley 1437 de 2011, artículo 56. Si no marca esta casilla, le "
        "notificaremos en la dirección física.",
    )

    def disposicion(self):
        return Layout(
            "naturaleza",
            bloque(
                "Identificación",
                "tipo_documento",
                "numero_documento",
                "digito_verificacion",
                "nombre",
                "regimen",
            ),
            bloque(
                "Notificaciones y contacto",
                "direccion_notificacion",
                "municipio_notificacion",
                "departamento_notificacion",
                "telefono",
                "celular",
                "correo",
                "autoriza_notificacion_electronica",
            ),
        )

    def clean(self):
        datos = super().clean()
        limpiar_documento(
            self,
            campo_tipo="tipo_documento",
            campo_numero="numero_documento",
            campo_dv="digito_verificacion",
        )
        naturaleza = datos.get("naturaleza")
        if naturaleza and datos.get("tipo_documento") and "numero_documento" in datos:
            try:
                validadores.validar_documento_de_naturaleza(
                    naturaleza, datos["tipo_documento"], datos["numero_documento"]
                )
            except ValidationError as error:
                campo = (
                    "numero_documento"
                    if datos["tipo_documento"] == TipoDocumento.NIT
                    else "tipo_documento"
                )
                self.add_error(campo, error)
        if "numero_documento" in datos and datos.get("tipo_documento"):
            self._revisar_registro_existente(datos)
        if (
            not datos.get("telefono")
            and not datos.get("celular")
            and "telefono" not in self.errors
            and "celular" not in self.errors
        ):
            self.add_error(
                "celular", "Escriba al menos un número de contacto: celular o fijo."
            )
        return datos

    def _revisar_registro_existente(self, datos):
        inscrito = (
            Contribuyente.objects.activos()
            .filter(
                tipo_documento=datos["tipo_documento"],
                numero_documento=datos["numero_documento"],
            )
            .values_list("matricula", flat=True)
            .first()
        )
        if inscrito:
            self.add_error(
                "numero_documento",
                f"Ese documento ya está inscrito en el registro de Industria y "
                f"Comercio con la matrícula {inscrito}. Para abrir otro "
                "establecimiento o cambiar datos, radique una novedad del registro.",
            )


class RegistroMercantilForm(FormularioPaso):
    tiene_matricula = campos.CampoSiNo(
        label="¿Tiene matrícula mercantil en una Cámara de Comercio?",
        obligatorio="Indique si el contribuyente tiene matrícula mercantil.",
        help_text="Los comerciantes y las sociedades se matriculan en la Cámara de "
        "Comercio; algunas actividades (p. ej. profesiones liberales) no.",
    )
    matricula_mercantil = campos.CampoTexto(
        label="Número de matrícula mercantil",
        max_length=30,
        help_text="Aparece en el certificado de la Cámara de Comercio.",
    )
    fecha_matricula_mercantil = campos.CampoFecha(label="Fecha de la matrícula")
    camara_comercio = campos.CampoTexto(label="Cámara de Comercio", max_length=100)

    def clean(self):
        datos = super().clean()
        if datos.get("tiene_matricula") is not True:
            if datos.get("tiene_matricula") is False:
                datos.update(
                    matricula_mercantil="",
                    fecha_matricula_mercantil=None,
                    camara_comercio="",
                )
            return datos
        for campo, mensaje in (
            ("matricula_mercantil", "Escriba el número de matrícula mercantil."),
            ("fecha_matricula_mercantil", "Escriba la fecha de la matrícula."),
            ("camara_comercio", "Escriba la Cámara de Comercio."),
        ):
            if not datos.get(campo) and campo not in self.errors:
                self.add_error(campo, mensaje)
        numero = datos.get("matricula_mercantil", "")
        if numero and not all(c.isalnum() or c in "-. " for c in numero):
            self.add_error(
                "matricula_mercantil",
                "Escriba la matrícula solo con números, letras y guiones.",
            )
        fecha = datos.get("fecha_matricula_mercantil")
        if fecha and fecha > self.contexto.hoy:
            self.add_error(
                "fecha_matricula_mercantil",
                "La fecha de la matrícula no puede ser posterior a hoy.",
            )
        return datos


class ActividadesForm(FormularioPaso):
    principal = campos.CampoCIIU(
        label="Actividad principal (CIIU)",
        obligatorio="Escriba la actividad económica principal.",
        help_text="La que le genera más ingresos. Escriba el código de 4 dígitos "
        "de su RUT o parte del nombre y elija de la lista.",
    )
    secundarias = campos.CampoCIIUVarios(
        label="Actividades secundarias (opcional)",
        etiqueta_entrada="Actividad secundaria",
        help_text="Hasta cinco. Deje en blanco las que no use.",
    )

    def clean(self):
        datos = super().clean()
        principal = datos.get("principal")
        if principal and principal in (datos.get("secundarias") or []):
            self.add_error(
                "secundarias",
                f"La actividad {principal} ya es la principal; no la repita como "
                "secundaria.",
            )
        return datos


class EstablecimientosBase(FormsetPaso):
    nombre_elemento = "Establecimiento"
    default_error_messages = {
        "too_few_forms": "Registre al menos un establecimiento.",
        "too_many_forms": "Puede registrar hasta 20 establecimientos en una solicitud.",
    }

    def clean(self):
        super().clean()
        declaradas = self.contexto.datos.get("actividades") or {}
        permitidas = {declaradas.get("principal"), *declaradas.get("secundarias", [])}
        for formulario in self.formularios_vigentes():
            actividad = getattr(formulario, "cleaned_data", {}).get("actividad")
            if declaradas and actividad and actividad not in permitidas:
                formulario.add_error(
                    "actividad",
                    f"La actividad {actividad} no está entre las que declaró en el "
                    "paso «Actividades económicas». Agréguela allá o elija una de "
                    "ellas.",
                )
        if any(self.errors):
            return
        nombres = [
            f.cleaned_data.get("nombre_comercial", "").lower()
            for f in self.formularios_vigentes()
        ]
        if len(nombres) != len(set(nombres)):
            raise ValidationError(
                "Hay dos establecimientos con el mismo nombre comercial."
            )


EstablecimientosFormSet = forms.formset_factory(
    EstablecimientoForm,
    formset=EstablecimientosBase,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
    # Un TOTAL_FORMS inventado no arma más de 20 formularios (Django arma hasta
    # 1.000 por omisión antes de responder que sobran).
    absolute_max=20,
    can_delete=True,
)


class RepresentacionForm(FormularioPaso):
    """Representante legal (no para personas naturales) y apoderado (si actúa)."""

    CAMPOS_REPRESENTANTE = (
        "representante_nombres",
        "representante_tipo_documento",
        "representante_numero_documento",
        "representante_correo",
    )
    CAMPOS_APODERADO = (
        "apoderado_nombres",
        "apoderado_tipo_documento",
        "apoderado_numero_documento",
        "apoderado_correo",
    )

    representante_nombres = campos.CampoTexto(
        label="Nombres y apellidos del representante legal",
        obligatorio="Escriba el nombre del representante legal.",
    )
    representante_tipo_documento = campos.CampoOpcion(
        label="Tipo de documento del representante legal",
        choices=OPCIONES_DOCUMENTO_PERSONA,
        obligatorio="Elija el tipo de documento del representante legal.",
    )
    representante_numero_documento = campos.CampoTexto(
        label="Número de documento del representante legal",
        max_length=25,
        obligatorio="Escriba el número de documento del representante legal.",
    )
    representante_correo = campos.CampoCorreo(
        label="Correo electrónico del representante legal",
        obligatorio="Escriba el correo del representante legal.",
    )
    actua_apoderado = campos.CampoSiNo(
        label="¿Radica un apoderado en nombre del contribuyente?",
        obligatorio="Indique si actúa un apoderado.",
        help_text="Si responde que sí, deberá adjuntar el poder.",
    )
    apoderado_nombres = campos.CampoTexto(label="Nombres y apellidos del apoderado")
    apoderado_tipo_documento = campos.CampoOpcion(
        label="Tipo de documento del apoderado", choices=OPCIONES_DOCUMENTO_PERSONA
    )
    apoderado_numero_documento = campos.CampoTexto(
        label="Número de documento del apoderado", max_length=25
    )
    apoderado_correo = campos.CampoCorreo(label="Correo electrónico del apoderado")

    @property
    def con_representante(self) -> bool:
        naturaleza = (self.contexto.datos.get("contribuyente") or {}).get("naturaleza")
        return naturaleza != Naturaleza.PERSONA_NATURAL

    def preparar(self):
        if not self.con_representante:
            for nombre in self.CAMPOS_REPRESENTANTE:
                del self.fields[nombre]

    def disposicion(self):
        partes = []
        if self.con_representante:
            partes.append(bloque("Representante legal", *self.CAMPOS_REPRESENTANTE))
        partes.append(
            bloque(
                "Apoderado",
                "actua_apoderado",
                HTML(
                    '<p class="form-text">Si respondió que sí, escriba los datos de '
                    "quien actúa como apoderado:</p>"
                ),
                *self.CAMPOS_APODERADO,
            )
        )
        return Layout(*partes)

    def clean(self):
        datos = super().clean()
        if self.con_representante:
            limpiar_documento(
                self,
                campo_tipo="representante_tipo_documento",
                campo_numero="representante_numero_documento",
            )
        if datos.get("actua_apoderado"):
            for campo, mensaje in (
                ("apoderado_nombres", "Escriba el nombre del apoderado."),
                (
                    "apoderado_tipo_documento",
                    "Elija el tipo de documento del apoderado.",
                ),
                ("apoderado_numero_documento", "Escriba el documento del apoderado."),
                ("apoderado_correo", "Escriba el correo del apoderado."),
            ):
                if not datos.get(campo) and campo not in self.errors:
                    self.add_error(campo, mensaje)
            limpiar_documento(
                self,
                campo_tipo="apoderado_tipo_documento",
                campo_numero="apoderado_numero_documento",
            )
        elif datos.get("actua_apoderado") is False:
            for campo in self.CAMPOS_APODERADO:
                datos[campo] = ""
        return datos

    def a_datos(self):
        datos = super().a_datos()
        # El contrato guarda siempre todas las claves; vacías si no aplican.
        for campo in self.CAMPOS_REPRESENTANTE:
            datos.setdefault(campo, "")
        return datos


class DefinicionInscripcion(Definicion):
    tipo = TipoTramite.INSCRIPCION_ICA
    pasos = (
        Paso(
            "contribuyente",
            "Contribuyente",
            ContribuyenteForm,
            "Los datos de la persona o empresa que se inscribe, como aparecen en su "
            "RUT.",
        ),
        Paso(
            "registro_mercantil",
            "Registro mercantil",
            RegistroMercantilForm,
        ),
        Paso(
            "actividades",
            "Actividades económicas",
            ActividadesForm,
            "Las actividades de la Clasificación Industrial Internacional Uniforme "
            "(CIIU) que ejerce en el municipio. Están en la casilla 46 y siguientes "
            "de su RUT.",
        ),
        Paso(
            "establecimientos",
            "Establecimientos",
            EstablecimientosFormSet,
            "Cada local, oficina o punto de venta en San Pedro de los Milagros. Si "
            "tiene varios, agregue uno por uno.",
        ),
        Paso(
            "representacion",
            "Representación",
            RepresentacionForm,
        ),
    )

    def inicial(self, clave, solicitud):
        if clave == "contribuyente":
            usuario = solicitud.solicitante
            return {
                "nombre": usuario.get_full_name(),
                "correo": usuario.email,
                "municipio_notificacion": "San Pedro de los Milagros",
                "departamento_notificacion": "Antioquia",
            }
        if clave == "registro_mercantil":
            return {"camara_comercio": CAMARA_DEL_MUNICIPIO}
        return {}

    def condiciones(self, solicitud):
        datos = solicitud.datos
        condiciones = {"SIEMPRE"}
        naturaleza = (datos.get("contribuyente") or {}).get("naturaleza")
        if naturaleza == Naturaleza.PERSONA_NATURAL:
            condiciones.add("PERSONA_NATURAL")
        elif naturaleza in JURIDICAS:
            condiciones.add("PERSONA_JURIDICA")
        elif naturaleza == Naturaleza.CONSORCIO:
            condiciones.add("CONSORCIO")
        if (datos.get("registro_mercantil") or {}).get("tiene_matricula"):
            condiciones.add("CON_MATRICULA_MERCANTIL")
        if (datos.get("representacion") or {}).get("actua_apoderado"):
            condiciones.add("CON_APODERADO")
        return condiciones

    def identificacion(self, solicitud):
        contribuyente = solicitud.datos.get("contribuyente") or {}
        numero = contribuyente.get("numero_documento", "")
        if contribuyente.get("tipo_documento") == TipoDocumento.NIT:
            numero = f"{numero}-{contribuyente.get('digito_verificacion', '')}"
        return numero, contribuyente.get("nombre", "")

    def secciones_de(self, paso, guardado, solicitud, contexto):
        secciones = super().secciones_de(paso, guardado, solicitud, contexto)
        if paso.clave == "contribuyente":
            # El documento se lee mejor en una sola fila: NIT 900.123.456-7.
            filas = [
                f
                for f in secciones[0][2]
                if f[0]
                not in (
                    "Tipo de documento",
                    "Número de documento",
                    "Dígito de verificación (DV)",
                )
            ]
            documento = validadores.formatear_documento(
                guardado.get("tipo_documento", ""),
                guardado.get("numero_documento", ""),
                guardado.get("digito_verificacion", ""),
            )
            filas.insert(1, ("Documento", documento))
            secciones = [(paso.clave, paso.titulo, filas)]
        if paso.clave == "representacion" and not guardado.get("actua_apoderado"):
            filas = [f for f in secciones[0][2] if "apoderado" not in f[0].lower()] + [
                ("¿Actúa un apoderado?", "No")
            ]
            secciones = [(paso.clave, paso.titulo, filas)]
        if paso.clave == "registro_mercantil" and not guardado.get("tiene_matricula"):
            secciones = [
                (paso.clave, paso.titulo, [("Matrícula mercantil", "No tiene")])
            ]
        return secciones


registrar(DefinicionInscripcion())
