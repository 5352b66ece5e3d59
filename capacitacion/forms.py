"""Formularios de la capacitación: validan y normalizan; nunca guardan efectos."""

from django import forms
from django.utils import timezone

from capacitacion import estados
from capacitacion.models import EstadoJornada, Jornada, Material, TipoJornada
from capacitacion.reglas import TEMAS, nombre_del_tema
from comunicaciones.forms import CampoVinculaciones, validar_archivo
from comunicaciones.models import Funcionario
from sanpedro_gel.verificacion import normalizar_codigo


class JornadaAdminForm(forms.ModelForm):
    temas = forms.TypedMultipleChoiceField(
        choices=[(n, nombre_del_tema(n)) for n in TEMAS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Actividades de los componentes del plan que se tratan.",
    )
    vinculaciones = CampoVinculaciones()

    class Meta:
        model = Jornada
        fields = [
            "tipo",
            "titulo",
            "descripcion",
            "temas",
            "lugar",
            "inicio",
            "fin",
            "responsable",
            "dependencia",
            "cupo",
            "publicada",
            "alcance",
            "dependencias",
            "vinculaciones",
            "funcionarios",
        ]

    def clean(self):
        datos = super().clean()
        inicio, fin = datos.get("inicio"), datos.get("fin")
        if inicio and fin and fin <= inicio:
            self.add_error("fin", "La hora de fin debe ser posterior a la de inicio.")
        elif inicio and fin and self._reprograma():
            # Lo mismo que exigirá el servicio al guardar, dicho junto al campo y
            # antes de guardar nada.
            problema = estados.problema_al_reprogramar(
                self.instance.estado, inicio=inicio, fin=fin, ahora=timezone.now()
            )
            if problema:
                self.add_error("inicio", problema)
        if datos.get("tipo") == TipoJornada.SOCIALIZACION and not datos.get(
            "dependencia"
        ):
            self.add_error(
                "dependencia", "Indique la dependencia que visita el Comité GEL."
            )
        if datos.get("temas") is not None:
            datos["temas"] = sorted(set(datos["temas"]))
        return datos

    def _reprograma(self) -> bool:
        """Si guardar cambia la fecha de una jornada que ya salió del borrador
        (lo que hace el servicio de reprogramar, con sus avisos)."""
        return (
            self.instance.pk is not None
            and self.instance.estado != EstadoJornada.BORRADOR
            and bool({"inicio", "fin"} & set(self.changed_data))
        )


class RegistroAsistenciaForm(forms.Form):
    """Quiénes asistieron, marcados sobre la lista de convocados."""

    asistentes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple
    )

    adicionales = forms.ModelMultipleChoiceField(
        queryset=Funcionario.objects.none(),
        required=False,
        label="Asistieron sin estar convocados",
        help_text="Mantenga presionada Ctrl (o Cmd) para elegir varios.",
        widget=forms.SelectMultiple(
            attrs={"size": 8, "aria-describedby": "ayuda-adicionales"}
        ),
    )

    def __init__(self, *args, asistencias, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adicionales"].queryset = (
            Funcionario.objects.activos()
            .exclude(pk__in=[a.funcionario_id for a in asistencias])
            .select_related("dependencia")
        )
        self.fields["asistentes"].choices = [
            (
                str(a.funcionario_id),
                f"{a.funcionario} — {a.funcionario.dependencia}",
            )
            for a in asistencias
        ]

    def clean_asistentes(self):
        return {int(pk) for pk in self.cleaned_data["asistentes"]}

    def clean(self):
        datos = super().clean()
        datos["asistentes"] = datos.get("asistentes", set()) | {
            f.pk for f in datos.get("adicionales", [])
        }
        return datos


class MaterialForm(forms.ModelForm):
    """Las memorias se publican en el portal: solo PDF o imágenes que se abren
    como tales (una presentación se sube exportada a PDF)."""

    class Meta:
        model = Material
        fields = ["titulo", "archivo", "enlace", "publico"]

    def clean_archivo(self):
        archivo = self.cleaned_data.get("archivo")
        if archivo and hasattr(archivo, "content_type"):
            archivo = validar_archivo(archivo)
        return archivo


class LlegadaPorCodigoForm(forms.Form):
    """El código de llegada que el ciudadano muestra o dicta en la entrada."""

    codigo = forms.CharField(
        label="Código de llegada",
        max_length=20,
        help_text="Seis letras y números; no importan mayúsculas, espacios ni guiones.",
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "aria-describedby": "ayuda-codigo",
            }
        ),
        error_messages={"required": "Escriba el código que muestra el ciudadano."},
    )

    def clean_codigo(self):
        return normalizar_codigo(self.cleaned_data["codigo"])
