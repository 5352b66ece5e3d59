"""Formularios de la mesa de revisión: los de sus botones y el periodo del
tablero. Validan y normalizan; el servicio de cada botón decide y escribe."""

from django import forms
from django.core.exceptions import ValidationError

from tramites.models import Estado


class FormularioAccion(forms.Form):
    """Lleva lo que el funcionario vio, para detectar que otro actuó en el medio."""

    estado_visto = forms.ChoiceField(choices=Estado.choices, widget=forms.HiddenInput)
    asignado_visto = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, solicitud=None, **kwargs):
        self.solicitud = solicitud
        kwargs.setdefault(
            "initial",
            {
                "estado_visto": solicitud.estado,
                "asignado_visto": solicitud.asignado_a_id,
            },
        )
        super().__init__(*args, **kwargs)

    def grupos(self):
        """[(título o "", [campos visibles])]: cómo se presenta el formulario."""
        return [("", self.visible_fields())]


class AsignarmeForm(FormularioAccion):
    pass


class IniciarRevisionForm(FormularioAccion):
    pass


class SubsanacionForm(FormularioAccion):
    """Un campo por requisito y uno por paso del formulario: se escribe qué falta
    solo en los que se piden."""

    observacion = forms.CharField(
        label="Indicaciones generales (opcional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, requisitos=(), pasos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requisitos = list(requisitos)
        self.pasos = list(pasos)
        for requisito in self.requisitos:
            self.fields[f"requisito_{requisito.pk}"] = forms.CharField(
                label=requisito.nombre,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Qué falta o qué debe corregir en este documento.",
            )
        for clave, titulo in self.pasos:
            self.fields[f"paso_{clave}"] = forms.CharField(
                label=titulo,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Qué dato debe corregir o completar en este paso.",
            )

    def grupos(self):
        grupos = []
        if self.requisitos:
            grupos.append(
                (
                    "Documentos que debe aportar de nuevo",
                    [self[f"requisito_{r.pk}"] for r in self.requisitos],
                )
            )
        grupos.append(
            (
                "Datos del formulario que debe corregir",
                [self[f"paso_{clave}"] for clave, _ in self.pasos],
            )
        )
        grupos.append(("", [self["observacion"]]))
        return grupos

    def clean(self):
        datos = super().clean()
        pedidos = {
            r.pk: datos.get(f"requisito_{r.pk}", "").strip() for r in self.requisitos
        }
        pasos = {
            clave: (titulo, datos.get(f"paso_{clave}", "").strip())
            for clave, titulo in self.pasos
        }
        datos["requisitos"] = {k: v for k, v in pedidos.items() if v}
        datos["pasos"] = {k: v for k, v in pasos.items() if v[1]}
        if not datos["requisitos"] and not datos["pasos"]:
            raise ValidationError(
                "Indique qué falta: escriba el motivo en al menos un documento o "
                "en un paso del formulario."
            )
        return datos


class AprobarForm(FormularioAccion):
    observaciones = forms.CharField(
        label="Observaciones (opcional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Quedan en el historial y en el documento que se expide.",
    )


class AprobarHorarioForm(AprobarForm):
    """Ampliación de horario: lo concedido puede ser menos que lo pedido."""

    hora_cierre = forms.TimeField(
        label="Hora de cierre concedida",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    fecha_inicio = forms.DateField(
        label="Rige desde", widget=forms.DateInput(attrs={"type": "date"})
    )
    fecha_fin = forms.DateField(
        label="Rige hasta",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Vacío solo para un permiso permanente.",
    )
    condiciones = forms.CharField(
        label="Condiciones del permiso",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Una condición por línea; van en el artículo segundo de la "
        "resolución.",
    )

    def clean(self):
        datos = super().clean()
        inicio, fin = datos.get("fecha_inicio"), datos.get("fecha_fin")
        if inicio and fin and fin < inicio:
            self.add_error(
                "fecha_fin", "La fecha final no puede ser anterior a la inicial."
            )
        datos["lista_condiciones"] = [
            linea.strip(" -•\t")
            for linea in datos.get("condiciones", "").splitlines()
            if linea.strip(" -•\t")
        ]
        return datos


class RechazarForm(FormularioAccion):
    motivacion = forms.CharField(
        label="Motivación",
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=20,
        help_text="Las razones de hecho y de derecho por las que se niega. Es la "
        "parte considerativa de la resolución que recibe el ciudadano.",
        error_messages={
            "required": "Escriba la motivación del rechazo.",
            "min_length": "La motivación debe explicar las razones "
            "(al menos %(limit_value)d caracteres).",
        },
    )


class ProrrogarForm(FormularioAccion):
    nueva_fecha = forms.DateField(
        label="Nueva fecha de respuesta",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    razones = forms.CharField(
        label="Razones de la prórroga",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Se le informan al ciudadano antes de que venza el término "
        "(Ley 1755 de 2015, art. 14, parágrafo).",
        error_messages={"required": "Explique las razones de la prórroga."},
    )


class PeriodoForm(forms.Form):
    desde = forms.DateField(
        label="Desde", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label="Hasta", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
