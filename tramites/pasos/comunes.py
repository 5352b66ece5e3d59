"""Piezas que comparten los formularios de los tres trámites."""

from crispy_forms.layout import Layout
from django.core.exceptions import ValidationError

from tramites import validadores
from tramites.models import TipoDocumento, Zona
from tramites.pasos import campos
from tramites.pasos.base import FormularioPaso, bloque

OPCIONES_DOCUMENTO = [("", "Elija el tipo de documento")] + list(TipoDocumento.choices)
OPCIONES_DOCUMENTO_PERSONA = [("", "Elija el tipo de documento")] + [
    (valor, TipoDocumento(valor).label) for valor in validadores.DOCUMENTOS_DE_PERSONAS
]


def limpiar_documento(
    formulario,
    *,
    campo_tipo: str,
    campo_numero: str,
    campo_dv: str | None = None,
) -> None:
    """Normaliza número (y DV) según el tipo; deja los errores junto a cada campo.

    Se usa desde `clean()`: los mensajes dependen de dos o tres campos a la vez.
    """
    datos = formulario.cleaned_data
    tipo = datos.get(campo_tipo)
    numero = datos.get(campo_numero)
    if not tipo or not numero:
        return
    try:
        datos[campo_numero] = validadores.normalizar_documento(tipo, numero)
    except ValidationError as error:
        formulario.add_error(campo_numero, error)
        return
    if campo_dv is None:
        return
    if tipo == TipoDocumento.NIT:
        try:
            datos[campo_dv] = validadores.validar_digito_verificacion(
                datos[campo_numero], datos.get(campo_dv)
            )
        except ValidationError as error:
            formulario.add_error(campo_dv, error)
    else:
        # El DV solo existe para el NIT; uno escrito por error no se guarda.
        datos[campo_dv] = ""


class EstablecimientoForm(FormularioPaso):
    """Un establecimiento de comercio (inscripción y apertura de uno adicional)."""

    nombre_comercial = campos.CampoTexto(
        label="Nombre comercial",
        obligatorio="Escriba el nombre comercial del establecimiento.",
        help_text="El nombre con el que el público conoce el negocio.",
    )
    direccion = campos.CampoTexto(
        label="Dirección",
        obligatorio="Escriba la dirección del establecimiento.",
        help_text="Por ejemplo: Carrera 50 # 52-14, local 2.",
    )
    zona = campos.CampoOpcion(
        label="Zona",
        choices=Zona.choices,
        radio=True,
        obligatorio="Indique si el establecimiento está en zona urbana o rural.",
    )
    barrio_vereda = campos.CampoTexto(
        label="Barrio o vereda",
        max_length=120,
        obligatorio="Escriba el barrio o la vereda.",
    )
    telefono = campos.CampoTelefono(
        label="Teléfono del establecimiento (opcional)",
        help_text="Celular o fijo con indicativo, 10 dígitos.",
    )
    actividad = campos.CampoCIIU(
        label="Actividad económica del establecimiento (CIIU)",
        obligatorio="Escriba la actividad CIIU que se ejerce en el establecimiento.",
        help_text="Escriba el código o parte del nombre y elija de la lista.",
    )
    inicio_actividades = campos.CampoFecha(
        label="Fecha de inicio de actividades en el municipio",
        obligatorio="Escriba la fecha en que el establecimiento empezó a funcionar.",
    )
    area_m2 = campos.CampoArea(
        label="Área del local (m²)",
        obligatorio="Escriba el área del local en metros cuadrados.",
    )
    empleados = campos.CampoEntero(
        label="Número de empleados",
        nombre="El número de empleados",
        obligatorio="Escriba cuántas personas trabajan en el establecimiento "
        "(0 si no tiene empleados).",
    )
    avisos_tableros = campos.CampoSiNo(
        label="¿Tiene avisos o tableros a la vista del público?",
        obligatorio="Indique si el establecimiento tiene avisos o tableros.",
        help_text="Los avisos y tableros generan el impuesto complementario.",
    )
    aforo = campos.CampoEntero(
        label="Aforo (opcional)",
        nombre="El aforo",
        help_text="Cuántas personas caben a la vez; para locales abiertos al público.",
    )
    horario_ordinario = campos.CampoTexto(
        label="Horario de atención (opcional)",
        help_text="Por ejemplo: lunes a sábado, 7:00 a. m. a 7:00 p. m.",
    )

    def disposicion(self):
        return Layout(
            "nombre_comercial",
            bloque("Ubicación", "direccion", "zona", "barrio_vereda", "telefono"),
            bloque(
                "Actividad y tamaño",
                "actividad",
                "inicio_actividades",
                "area_m2",
                "empleados",
                "avisos_tableros",
                "aforo",
                "horario_ordinario",
            ),
        )

    def clean_inicio_actividades(self):
        fecha = self.cleaned_data["inicio_actividades"]
        if fecha and fecha > self.contexto.hoy:
            raise ValidationError(
                "La fecha de inicio de actividades no puede ser posterior a hoy."
            )
        return fecha
