"""La interfaz que cumple el formulario de cada trámite, y su implementación común.

El formato de lo que se guarda en `Solicitud.datos` está en
docs/DATOS_SOLICITUD.md; la revisión y la aprobación lo leen tal cual.

Un paso guardado se vuelve a validar con el mismo formulario que lo aceptó
(`Definicion.formulario_guardado`): así la validación al radicar y la de cada
paso son una sola regla, escrita una vez.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset
from django import forms
from django.utils import formats, timezone
from django.utils.datastructures import MultiValueDict

from sanpedro_gel.formato import fecha_larga
from tramites.models import ActividadCIIU
from tramites.pasos import campos
from tramites.validadores import formatear_telefono

_REGISTRO: dict[str, "Definicion"] = {}

# Los requisitos «de persona jurídica» se piden también a la sociedad de hecho:
# actúa por medio de un representante, como la jurídica.
JURIDICAS = frozenset({"PERSONA_JURIDICA", "SOCIEDAD_DE_HECHO"})

# Pasos comunes a todos los trámites, después de los del formulario.
PASO_DOCUMENTOS = "documentos"
PASO_REVISION = "revision"


@dataclass(frozen=True)
class Paso:
    clave: str
    titulo: str
    formulario: type[forms.BaseForm] | type[forms.BaseFormSet]
    # Texto de ayuda al comienzo del paso.
    introduccion: str = ""


@dataclass
class Contexto:
    """Lo que un formulario de paso necesita saber además de lo que valida."""

    solicitud: object
    hoy: date = field(default_factory=timezone.localdate)
    memoria: dict = field(default_factory=dict)

    @property
    def datos(self) -> dict:
        return self.solicitud.datos or {}

    @property
    def tramite(self):
        return self.solicitud.tramite

    @cached_property
    def ciiu(self) -> dict[str, str]:
        """Catálogo CIIU activo (código → descripción), una consulta por petición."""
        return dict(
            ActividadCIIU.objects.filter(activa=True)
            .order_by("codigo")
            .values_list("codigo", "descripcion")
        )


# --- Presentación de valores en el resumen -----------------------------------------


def mostrar(campo: forms.Field, valor, contexto: Contexto | None = None) -> str:
    """Un valor guardado, legible para el ciudadano y para el PDF."""
    if valor in (None, "", []):
        return "—"
    if isinstance(campo, campos.CampoCIIUVarios):
        return "\n".join(mostrar(campo.fields[0], v, contexto) for v in valor)
    if isinstance(campo, campos.CampoCIIU):
        descripcion = (contexto.ciiu if contexto else {}).get(valor, "")
        return f"{valor} — {descripcion}" if descripcion else str(valor)
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(campo, forms.ChoiceField):
        opciones = {str(k): v for k, v in campo.choices}
        if isinstance(valor, list):
            return "\n".join(str(opciones.get(str(v), v)) for v in valor)
        return str(opciones.get(str(valor), valor))
    if isinstance(campo, campos.CampoTelefono):
        return formatear_telefono(valor)
    if isinstance(campo, forms.DateField):
        return fecha_larga(date.fromisoformat(valor))
    if isinstance(campo, campos.CampoArea):
        return f"{formats.number_format(valor, 2, use_l10n=True)} m²"
    if isinstance(campo, forms.IntegerField):
        return formats.number_format(valor, 0, use_l10n=True, force_grouping=True)
    return str(valor)


def mensajes_de(formulario) -> list[str]:
    """Todos los mensajes de error de un formulario o formset, en orden."""
    if isinstance(formulario, forms.BaseFormSet):
        mensajes = list(formulario.non_form_errors())
        for numero, subformulario in enumerate(formulario.forms, start=1):
            mensajes += [
                f"{formulario.nombre_elemento} {numero}: {m}"
                for m in mensajes_de(subformulario)
            ]
        return mensajes
    mensajes = list(formulario.non_field_errors())
    for nombre, errores in formulario.errors.items():
        if nombre == "__all__":
            continue
        etiqueta = (
            formulario.fields[nombre].label if nombre in formulario.fields else ""
        )
        mensajes += [f"{etiqueta}: {e}" if etiqueta else str(e) for e in errores]
    return mensajes


# --- Formularios de paso -----------------------------------------------------------


def bloque(titulo: str, *campos) -> Fieldset:
    """Grupo de campos con su título (`<fieldset>` con `<legend>`)."""
    return Fieldset(titulo, *campos, css_class="bloque")


# Campos que un formset añade a cada formulario; no son datos de la solicitud.
CAMPOS_DE_CONTROL = frozenset({"DELETE", "ORDER"})


class FormularioPaso(forms.Form):
    """Formulario de un paso: valida, normaliza y sabe guardarse como JSON."""

    # Layout de crispy; None = todos los campos en orden.
    disposicion = None

    def __init__(self, *args, contexto: Contexto, **kwargs):
        super().__init__(*args, **kwargs)
        self.contexto = contexto
        self.preparar()
        for campo in self.fields.values():
            if hasattr(campo, "usar_catalogo"):
                campo.usar_catalogo(contexto.ciiu)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # Los campos que no nombra la disposición (p. ej. «quitar» de un formset)
        # se muestran al final en vez de perderse.
        self.helper.render_unmentioned_fields = True
        if self.disposicion is not None:
            self.helper.layout = self.disposicion()

    def preparar(self) -> None:
        """Ajusta los campos según el contexto (naturaleza, registro…)."""

    @property
    def usa_ciiu(self) -> bool:
        return any(hasattr(c, "usar_catalogo") for c in self.fields.values())

    # JSON ← formulario
    def a_datos(self) -> dict:
        return {
            nombre: campos.a_json(valor)
            for nombre, valor in self.cleaned_data.items()
            if nombre not in CAMPOS_DE_CONTROL
        }

    # JSON → datos de POST, para volver a validar lo guardado
    def datos_a_post(self, guardado: dict) -> dict:
        post = {}
        for nombre, campo in self.fields.items():
            clave = self.add_prefix(nombre)
            if nombre in CAMPOS_DE_CONTROL:
                continue
            for sufijo, valor in campos.a_formulario(
                campo, guardado.get(nombre)
            ).items():
                post[clave + sufijo] = valor
        return post

    def filas_resumen(self, guardado: dict) -> list[tuple[str, str]]:
        return [
            (str(campo.label), mostrar(campo, guardado.get(nombre), self.contexto))
            for nombre, campo in self.fields.items()
            if nombre in guardado
        ]


class FormsetPaso(forms.BaseFormSet):
    """Formset de un paso (p. ej. los establecimientos): lista de objetos en JSON."""

    nombre_elemento = "Elemento"

    def __init__(self, *args, contexto: Contexto, **kwargs):
        kwargs.setdefault("form_kwargs", {})["contexto"] = contexto
        super().__init__(*args, **kwargs)
        self.contexto = contexto

    @property
    def usa_ciiu(self) -> bool:
        return self.empty_form.usa_ciiu

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields[
                "DELETE"
            ].label = f"Quitar este {self.nombre_elemento.lower()} de la solicitud"

    def formularios_vigentes(self):
        return [
            f
            for f in self.forms
            if not (self.can_delete and self._should_delete_form(f))
        ]

    def a_datos(self) -> list:
        return [f.a_datos() for f in self.formularios_vigentes()]

    def datos_a_post(self, guardado: list) -> dict:
        guardado = list(guardado or [])
        post = {
            f"{self.prefix}-TOTAL_FORMS": str(len(guardado)),
            f"{self.prefix}-INITIAL_FORMS": "0",
        }
        for indice, elemento in enumerate(guardado):
            formulario = self.form(
                prefix=self.add_prefix(indice), **self.get_form_kwargs(indice)
            )
            post.update(formulario.datos_a_post(elemento))
        return post

    def filas_por_elemento(self, guardado: list) -> list[list[tuple[str, str]]]:
        return [self.empty_form.filas_resumen(e) for e in guardado or []]


# --- Definición de un trámite ------------------------------------------------------


class Definicion:
    """Lo que el portal sabe del formulario de un trámite."""

    tipo: str = ""
    pasos: tuple[Paso, ...] = ()

    # -- pasos y formularios
    def paso(self, clave: str) -> Paso:
        for paso in self.pasos:
            if paso.clave == clave:
                return paso
        raise KeyError(clave)

    def claves(self) -> list[str]:
        """Todas las claves del recorrido, incluidos documentos y revisión."""
        return [p.clave for p in self.pasos] + [PASO_DOCUMENTOS, PASO_REVISION]

    def siguiente(self, clave: str) -> str:
        claves = self.claves()
        return claves[min(claves.index(clave) + 1, len(claves) - 1)]

    def anterior(self, clave: str) -> str | None:
        claves = self.claves()
        indice = claves.index(clave)
        return claves[indice - 1] if indice > 0 else None

    def contexto(self, solicitud) -> Contexto:
        return Contexto(solicitud=solicitud)

    def encabezado_paso(self, clave: str, contexto) -> list[tuple[str, str]]:
        """Lo ya identificado que conviene tener a la vista en el paso `clave`."""
        return []

    def formulario(self, clave: str, solicitud, data=None, files=None, contexto=None):
        """Formulario (o formset) del paso `clave`, con lo ya guardado de inicial."""
        paso = self.paso(clave)
        contexto = contexto or self.contexto(solicitud)
        guardado = solicitud.datos.get(clave)
        if issubclass(paso.formulario, forms.BaseFormSet):
            inicial = guardado if guardado else None
            return paso.formulario(
                data=data, files=files, initial=inicial, prefix=clave, contexto=contexto
            )
        return paso.formulario(
            data=data,
            files=files,
            initial=guardado or self.inicial(clave, solicitud),
            contexto=contexto,
        )

    def prellenado(self, contribuyente, establecimiento) -> tuple[str, dict] | None:
        """(paso, datos de POST) que identifican el registro, para empezar el
        trámite desde «Mis establecimientos»; None si el trámite no lo usa."""
        return None

    def inicial(self, clave: str, solicitud) -> dict:
        """Valores sugeridos de un paso que aún no se ha guardado."""
        return {}

    def formulario_guardado(self, clave: str, solicitud, contexto=None):
        """El formulario del paso ligado a lo guardado: su validación da los errores."""
        contexto = contexto or self.contexto(solicitud)
        vacio = self.formulario(clave, solicitud, contexto=contexto)
        post = vacio.datos_a_post(solicitud.datos.get(clave) or {})
        return self.formulario(clave, solicitud, data=post, contexto=contexto)

    def formulario_a_medias(self, clave: str, solicitud, contexto=None):
        """El formulario ligado a lo que se guardó sin terminar, o None si no hay.

        Devuelve lo escrito tal cual (también lo que no valida) para que el
        ciudadano lo retome donde lo dejó.
        """
        escrito = solicitud.a_medias.get(clave)
        if escrito is None:
            return None
        return self.formulario(
            clave, solicitud, data=MultiValueDict(escrito), contexto=contexto
        )

    def sin_terminar(self, solicitud, clave: str) -> bool:
        """Si el paso falta o quedó guardado para después sin completarlo."""
        return clave not in solicitud.datos or clave in solicitud.a_medias

    def guardar(self, solicitud, clave: str, formulario) -> None:
        """Escribe en `solicitud.datos[clave]` lo limpio de un formulario válido.

        Solo cambia el objeto en memoria; `services.borradores.guardar_paso` lo
        persiste con la fila bloqueada.
        """
        anterior = solicitud.datos.get(clave)
        solicitud.datos[clave] = formulario.a_datos()
        self.al_guardar(solicitud, clave, anterior)

    def al_guardar(self, solicitud, clave: str, anterior) -> None:
        """Gancho: descartar lo que quedó sin sentido tras cambiar un paso."""

    # -- requisitos y validación completa
    def condiciones(self, solicitud) -> set[str]:
        """Las `CondicionRequisito` que cumple la solicitud según sus respuestas."""
        return {"SIEMPRE"}

    def tipos_novedad(self, solicitud) -> set[str]:
        return set()

    def requisitos_aplicables(self, solicitud) -> list:
        """Los `Requisito` que se le piden a esta solicitud según sus respuestas."""
        condiciones = self.condiciones(solicitud)
        tipos = self.tipos_novedad(solicitud)
        return [
            requisito
            for requisito in solicitud.tramite.requisitos.all()
            if requisito.activo
            and (
                requisito.condicion in condiciones
                or (
                    requisito.condicion == "TIPO_NOVEDAD"
                    and requisito.tipo_novedad in tipos
                )
            )
        ]

    def documentos_faltantes(self, solicitud) -> list:
        """Requisitos obligatorios que se adjuntan y aún no tienen archivo vigente."""
        con_archivo = set(
            solicitud.adjuntos.filter(
                vigente=True, requisito__isnull=False
            ).values_list("requisito_id", flat=True)
        )
        return [
            r
            for r in self.requisitos_aplicables(solicitud)
            if r.obligatorio and r.se_adjunta and r.pk not in con_archivo
        ]

    def errores(self, solicitud, contexto=None) -> dict[str, list[str]]:
        """Errores de la solicitud completa, por paso; vacío si se puede radicar."""
        contexto = contexto or self.contexto(solicitud)
        errores: dict[str, list[str]] = {}
        for paso in self.pasos:
            if paso.clave in solicitud.a_medias:
                errores[paso.clave] = [
                    f"El paso «{paso.titulo}» quedó sin terminar: revíselo y pulse "
                    "«Guardar y continuar»."
                ]
                continue
            if paso.clave not in solicitud.datos:
                errores[paso.clave] = [f"Falta completar el paso «{paso.titulo}»."]
                continue
            formulario = self.formulario_guardado(paso.clave, solicitud, contexto)
            if not formulario.is_valid():
                errores[paso.clave] = mensajes_de(formulario) or [
                    f"Revise el paso «{paso.titulo}»."
                ]
        faltantes = self.documentos_faltantes(solicitud)
        if faltantes:
            errores[PASO_DOCUMENTOS] = [f"Adjunte «{r.nombre}»." for r in faltantes]
        return errores

    # -- quién y qué
    def identificacion(self, solicitud) -> tuple[str, str]:
        """(documento, nombre) del solicitante, para buscar en la bandeja."""
        raise NotImplementedError

    def resumen_por_paso(self, solicitud, contexto=None) -> list[tuple[str, str, list]]:
        """[(clave, título, [(etiqueta, valor), …]), …] de los pasos guardados."""
        contexto = contexto or self.contexto(solicitud)
        secciones = []
        for paso in self.pasos:
            guardado = solicitud.datos.get(paso.clave)
            if guardado is None:
                continue
            secciones += self.secciones_de(paso, guardado, solicitud, contexto)
        return secciones

    def secciones_de(self, paso: Paso, guardado, solicitud, contexto) -> list:
        formulario = self.formulario(paso.clave, solicitud, contexto=contexto)
        if isinstance(formulario, FormsetPaso):
            return [
                (paso.clave, f"{formulario.nombre_elemento} {numero}", filas)
                for numero, filas in enumerate(
                    formulario.filas_por_elemento(guardado), start=1
                )
            ]
        return [(paso.clave, paso.titulo, formulario.filas_resumen(guardado))]

    def resumen(self, solicitud) -> list[tuple[str, list[tuple[str, str]]]]:
        """[(título del paso, [(etiqueta, valor legible), …]), …]."""
        return [
            (titulo, filas) for _, titulo, filas in self.resumen_por_paso(solicitud)
        ]


def registrar(definicion: Definicion) -> Definicion:
    _REGISTRO[definicion.tipo] = definicion
    return definicion


def definicion_de(tipo: str) -> Definicion:
    return _REGISTRO[tipo]
