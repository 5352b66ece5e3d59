"""Novedad del registro de Industria y Comercio (DOMAIN §3).

El ciudadano identifica el registro (documento + matrícula ICA), elige uno o
varios tipos de novedad y, para cada uno, ve el valor actual del registro (solo
lectura) junto al nuevo. Formato de `Solicitud.datos`: docs/DATOS_SOLICITUD.md,
sección «Novedad».
"""

import copy
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError

from tramites import selectores, validadores
from tramites.models import (
    Contribuyente,
    Naturaleza,
    Regimen,
    TipoDocumento,
    TipoNovedad,
    TipoTramite,
    Zona,
)
from tramites.pasos import campos
from tramites.pasos.base import (
    JURIDICAS,
    Contexto,
    Definicion,
    FormularioPaso,
    Paso,
    mostrar,
    registrar,
)
from tramites.pasos.comunes import (
    OPCIONES_DOCUMENTO,
    OPCIONES_DOCUMENTO_PERSONA,
    EstablecimientoForm,
    limpiar_documento,
)

NO_ES_SUYO = (
    "Ese registro no está asociado a su cuenta. Si es suyo, asócielo desde «Mis "
    "establecimientos» con el código que enviamos al correo de notificación del "
    "registro; si tramita por otra persona, pídale que lo autorice como apoderado."
)


class ContextoNovedad(Contexto):
    @cached_property
    def contribuyente(self) -> Contribuyente | None:
        """El contribuyente activo del paso «registro», con lo que la novedad lee."""
        registro = self.datos.get("registro") or {}
        if not registro.get("contribuyente_id"):
            return None
        return (
            Contribuyente.objects.activos()
            .prefetch_related("establecimientos", "actividades")
            .filter(pk=registro["contribuyente_id"])
            .first()
        )

    @cached_property
    def establecimientos(self) -> list:
        if self.contribuyente is None:
            return []
        return [e for e in self.contribuyente.establecimientos.all() if e.activo]

    @property
    def tipos(self) -> list[str]:
        return list((self.datos.get("novedades") or {}).get("tipos") or [])


# --- Paso 1: el registro ---------------------------------------------------------


class RegistroForm(FormularioPaso):
    numero_documento = campos.CampoTexto(
        label="Número de documento del contribuyente",
        max_length=25,
        obligatorio="Escriba el número de documento o NIT con el que está inscrito.",
        help_text="Cédula o NIT, sin puntos y sin el dígito de verificación.",
    )
    matricula = campos.CampoTexto(
        label="Matrícula de Industria y Comercio",
        max_length=20,
        obligatorio="Escriba la matrícula de Industria y Comercio.",
        help_text="Aparece en su certificado de inscripción y en sus declaraciones "
        "de ICA; por ejemplo ICA-000123.",
    )

    def clean_matricula(self):
        return validadores.normalizar_matricula(self.cleaned_data["matricula"])

    def clean(self):
        datos = super().clean()
        if self.errors:
            return datos
        contribuyente = (
            Contribuyente.objects.activos()
            .filter(
                numero_documento__in=validadores.documentos_buscados(
                    datos["numero_documento"]
                ),
                matricula__iexact=datos["matricula"],
            )
            .only("pk", "matricula", "numero_documento")
            .first()
        )
        if contribuyente is None:
            raise ValidationError(
                "No encontramos un registro activo de Industria y Comercio con ese "
                "documento y esa matrícula. Revise los dos datos en su certificado "
                "de inscripción o en su última declaración; si el problema sigue, "
                "comuníquese con la Secretaría de Hacienda."
            )
        if not selectores.puede_tramitar(
            self.contexto.solicitud.solicitante, contribuyente.pk
        ):
            raise ValidationError(NO_ES_SUYO)
        # Como lo guarda el registro: sin puntos ni DV, o el NIT de otro país
        # tal cual.
        datos["numero_documento"] = contribuyente.numero_documento
        datos["matricula"] = contribuyente.matricula
        datos["contribuyente_id"] = contribuyente.pk
        return datos

    def a_datos(self):
        return {
            "numero_documento": self.cleaned_data["numero_documento"],
            "matricula": self.cleaned_data["matricula"],
            "contribuyente_id": self.cleaned_data["contribuyente_id"],
        }


# --- Paso 2: qué cambia ------------------------------------------------------------

# Novedades que se refieren a un establecimiento del registro.
DE_UN_ESTABLECIMIENTO = (
    TipoNovedad.TRASLADO_ESTABLECIMIENTO,
    TipoNovedad.NOMBRE_COMERCIAL,
    TipoNovedad.CIERRE_ESTABLECIMIENTO,
)


class NovedadesForm(FormularioPaso):
    tipos = campos.CampoVarias(
        label="¿Qué novedades quiere reportar?",
        choices=TipoNovedad.choices,
        obligatorio="Elija al menos una novedad.",
        help_text="Puede marcar varias; en el siguiente paso escribirá los datos "
        "nuevos de cada una.",
    )
    fecha_hecho = campos.CampoFecha(
        label="Fecha en que ocurrió el cambio",
        obligatorio="Escriba la fecha en que ocurrió el cambio.",
    )
    observaciones = campos.CampoTextoLargo(
        label="Observaciones (opcional)",
        max_length=1000,
    )

    def clean_fecha_hecho(self):
        fecha = self.cleaned_data["fecha_hecho"]
        if fecha and fecha > self.contexto.hoy:
            raise ValidationError(
                "La fecha del cambio no puede ser posterior a hoy: reporte la "
                "novedad cuando ya haya ocurrido."
            )
        return fecha

    def clean_tipos(self):
        # Orden fijo (el de la lista), sin importar el orden en que se marcaron.
        tipos = set(self.cleaned_data["tipos"])
        tipos = [t for t in TipoNovedad.values if t in tipos]
        if TipoNovedad.CESE_ACTIVIDADES in tipos and len(tipos) > 1:
            raise ValidationError(
                "El cese de actividades cancela el registro: radíquelo solo, sin "
                "otras novedades."
            )
        sin_locales = not getattr(self.contexto, "establecimientos", [])
        if sin_locales and any(t in DE_UN_ESTABLECIMIENTO for t in tipos):
            raise ValidationError(
                "Su registro no tiene establecimientos activos; no puede reportar "
                "traslado, cambio de nombre comercial ni cierre de un "
                "establecimiento."
            )
        return tipos


# --- Paso 3: el detalle de cada novedad --------------------------------------------


@dataclass(frozen=True)
class Especificacion:
    """Qué se pide como valor nuevo de un tipo de novedad y de dónde sale el actual."""

    campos: tuple[str, ...]
    por_establecimiento: bool = False


ESPECIFICACIONES = {
    TipoNovedad.DIRECCION_NOTIFICACION: Especificacion(
        (
            "direccion_notificacion",
            "municipio_notificacion",
            "departamento_notificacion",
        )
    ),
    TipoNovedad.TRASLADO_ESTABLECIMIENTO: Especificacion(
        ("establecimiento_id", "direccion", "zona", "barrio_vereda"),
        por_establecimiento=True,
    ),
    TipoNovedad.RAZON_SOCIAL: Especificacion(("nombre",)),
    TipoNovedad.NOMBRE_COMERCIAL: Especificacion(
        ("establecimiento_id", "nombre_comercial"), por_establecimiento=True
    ),
    TipoNovedad.ACTIVIDAD_ECONOMICA: Especificacion(("principal", "secundarias")),
    TipoNovedad.REPRESENTANTE: Especificacion(
        (
            "representante_nombres",
            "representante_tipo_documento",
            "representante_numero_documento",
            "representante_correo",
        )
    ),
    TipoNovedad.REGIMEN: Especificacion(("regimen",)),
    TipoNovedad.APERTURA_ESTABLECIMIENTO: Especificacion(
        tuple(EstablecimientoForm.base_fields)
    ),
    TipoNovedad.CIERRE_ESTABLECIMIENTO: Especificacion(
        ("establecimiento_id", "fecha_cierre"), por_establecimiento=True
    ),
    TipoNovedad.CESE_ACTIVIDADES: Especificacion(("fecha_cese", "motivo")),
    TipoNovedad.CORRECCION_IDENTIFICACION: Especificacion(
        ("tipo_documento", "numero_documento", "digito_verificacion")
    ),
    TipoNovedad.DATOS_CONTACTO: Especificacion(("telefono", "celular", "correo")),
}


def _campos_del_tipo(tipo: str, opciones_establecimiento: list) -> dict:
    """Campos nuevos (instancias frescas) del valor nuevo de un tipo de novedad."""
    elegir_establecimiento = campos.CampoOpcion(
        label="Establecimiento",
        choices=[("", "Elija el establecimiento")] + opciones_establecimiento,
        obligatorio="Elija el establecimiento.",
    )
    if tipo == TipoNovedad.DIRECCION_NOTIFICACION:
        return {
            "direccion_notificacion": campos.CampoTexto(
                label="Nueva dirección de notificación",
                obligatorio="Escriba la nueva dirección de notificación.",
            ),
            "municipio_notificacion": campos.CampoTexto(
                label="Municipio", max_length=100, obligatorio="Escriba el municipio."
            ),
            "departamento_notificacion": campos.CampoTexto(
                label="Departamento",
                max_length=100,
                obligatorio="Escriba el departamento.",
            ),
        }
    if tipo == TipoNovedad.TRASLADO_ESTABLECIMIENTO:
        return {
            "establecimiento_id": elegir_establecimiento,
            "direccion": campos.CampoTexto(
                label="Nueva dirección del establecimiento",
                obligatorio="Escriba la nueva dirección del establecimiento.",
            ),
            "zona": campos.CampoOpcion(
                label="Zona",
                choices=Zona.choices,
                radio=True,
                obligatorio="Indique si la nueva dirección es urbana o rural.",
            ),
            "barrio_vereda": campos.CampoTexto(
                label="Barrio o vereda",
                max_length=120,
                obligatorio="Escriba el barrio o la vereda.",
            ),
        }
    if tipo == TipoNovedad.RAZON_SOCIAL:
        return {
            "nombre": campos.CampoTexto(
                label="Nuevo nombre o razón social",
                max_length=250,
                obligatorio="Escriba el nuevo nombre o razón social.",
            )
        }
    if tipo == TipoNovedad.NOMBRE_COMERCIAL:
        return {
            "establecimiento_id": elegir_establecimiento,
            "nombre_comercial": campos.CampoTexto(
                label="Nuevo nombre comercial",
                obligatorio="Escriba el nuevo nombre comercial.",
            ),
        }
    if tipo == TipoNovedad.ACTIVIDAD_ECONOMICA:
        return {
            "principal": campos.CampoCIIU(
                label="Actividad principal (CIIU)",
                obligatorio="Escriba la actividad principal que quedará registrada.",
            ),
            "secundarias": campos.CampoCIIUVarios(
                label="Actividades secundarias",
                etiqueta_entrada="Actividad secundaria",
                help_text="La lista completa como debe quedar: deje las que sigue "
                "ejerciendo, borre las que retira y agregue las nuevas.",
            ),
        }
    if tipo == TipoNovedad.REPRESENTANTE:
        return {
            "representante_nombres": campos.CampoTexto(
                label="Nombres y apellidos del nuevo representante o apoderado",
                obligatorio="Escriba el nombre del nuevo representante.",
            ),
            "representante_tipo_documento": campos.CampoOpcion(
                label="Tipo de documento",
                choices=OPCIONES_DOCUMENTO_PERSONA,
                obligatorio="Elija el tipo de documento del nuevo representante.",
            ),
            "representante_numero_documento": campos.CampoTexto(
                label="Número de documento",
                max_length=25,
                obligatorio="Escriba el documento del nuevo representante.",
            ),
            "representante_correo": campos.CampoCorreo(
                label="Correo electrónico",
                obligatorio="Escriba el correo del nuevo representante.",
            ),
        }
    if tipo == TipoNovedad.REGIMEN:
        return {
            "regimen": campos.CampoOpcion(
                label="Nuevo régimen",
                choices=Regimen.choices,
                radio=True,
                obligatorio="Elija el nuevo régimen.",
            )
        }
    if tipo == TipoNovedad.APERTURA_ESTABLECIMIENTO:
        return copy.deepcopy(EstablecimientoForm.base_fields)
    if tipo == TipoNovedad.CIERRE_ESTABLECIMIENTO:
        return {
            "establecimiento_id": elegir_establecimiento,
            "fecha_cierre": campos.CampoFecha(
                label="Fecha de cierre",
                obligatorio="Escriba la fecha en que cerró el establecimiento.",
            ),
        }
    if tipo == TipoNovedad.CESE_ACTIVIDADES:
        return {
            "fecha_cese": campos.CampoFecha(
                label="Fecha de cese de actividades",
                obligatorio="Escriba la fecha en que cesaron las actividades.",
            ),
            "motivo": campos.CampoTextoLargo(
                label="Motivo del cese",
                max_length=1000,
                obligatorio="Cuéntenos brevemente por qué cesan las actividades.",
            ),
        }
    if tipo == TipoNovedad.CORRECCION_IDENTIFICACION:
        return {
            "tipo_documento": campos.CampoOpcion(
                label="Tipo de documento correcto",
                choices=OPCIONES_DOCUMENTO,
                obligatorio="Elija el tipo de documento correcto.",
            ),
            "numero_documento": campos.CampoTexto(
                label="Número de documento correcto",
                max_length=25,
                obligatorio="Escriba el número de documento correcto.",
            ),
            "digito_verificacion": campos.CampoTexto(
                label="Dígito de verificación (solo NIT)", max_length=1
            ),
        }
    if tipo == TipoNovedad.DATOS_CONTACTO:
        return {
            "telefono": campos.CampoTelefono(label="Teléfono fijo"),
            "celular": campos.CampoCelular(label="Celular"),
            "correo": campos.CampoCorreo(
                label="Correo electrónico",
                obligatorio="Escriba el correo electrónico de contacto.",
            ),
        }
    raise KeyError(tipo)


def valor_actual(tipo: str, contribuyente, establecimiento=None) -> dict:
    """El valor del registro que la novedad cambia, con las mismas claves del nuevo."""
    c = contribuyente
    if tipo == TipoNovedad.DIRECCION_NOTIFICACION:
        return {
            "direccion_notificacion": c.direccion_notificacion,
            "municipio_notificacion": c.municipio_notificacion,
            "departamento_notificacion": c.departamento_notificacion,
        }
    if tipo == TipoNovedad.RAZON_SOCIAL:
        return {"nombre": c.nombre}
    if tipo == TipoNovedad.ACTIVIDAD_ECONOMICA:
        actividades = list(c.actividades.all())
        return {
            "principal": next((a.actividad_id for a in actividades if a.principal), ""),
            "secundarias": sorted(
                a.actividad_id for a in actividades if not a.principal
            ),
        }
    if tipo == TipoNovedad.REPRESENTANTE:
        return {
            "representante_nombres": c.representante_nombres,
            "representante_tipo_documento": c.representante_tipo_documento,
            "representante_numero_documento": c.representante_numero_documento,
            "representante_correo": c.representante_correo,
        }
    if tipo == TipoNovedad.REGIMEN:
        return {"regimen": c.regimen}
    if tipo == TipoNovedad.APERTURA_ESTABLECIMIENTO:
        return {}
    if tipo == TipoNovedad.CESE_ACTIVIDADES:
        return {"fecha_cese": None, "motivo": ""}
    if tipo == TipoNovedad.CORRECCION_IDENTIFICACION:
        return {
            "tipo_documento": c.tipo_documento,
            "numero_documento": c.numero_documento,
            "digito_verificacion": c.digito_verificacion,
        }
    if tipo == TipoNovedad.DATOS_CONTACTO:
        return {"telefono": c.telefono, "celular": c.celular, "correo": c.correo}
    if establecimiento is None:
        return {}
    e = establecimiento
    if tipo == TipoNovedad.TRASLADO_ESTABLECIMIENTO:
        return {
            "establecimiento_id": e.pk,
            "direccion": e.direccion,
            "zona": e.zona,
            "barrio_vereda": e.barrio_vereda,
        }
    if tipo == TipoNovedad.NOMBRE_COMERCIAL:
        return {"establecimiento_id": e.pk, "nombre_comercial": e.nombre_comercial}
    if tipo == TipoNovedad.CIERRE_ESTABLECIMIENTO:
        return {
            "establecimiento_id": e.pk,
            "fecha_cierre": e.cerrado_el.isoformat() if e.cerrado_el else None,
        }
    raise KeyError(tipo)


@dataclass
class Grupo:
    """Lo que la plantilla muestra de un tipo de novedad: actual y campos nuevos."""

    tipo: str
    titulo: str
    actual: list  # [(etiqueta, valor)] o, por establecimiento, [(nombre, filas)]
    campos: list  # BoundField
    por_establecimiento: bool


class DetalleNovedadForm(FormularioPaso):
    """Un bloque por tipo de novedad elegido; los campos se llaman `TIPO__campo`."""

    def preparar(self):
        contexto = self.contexto
        self.contribuyente = getattr(contexto, "contribuyente", None)
        self.tipos = [
            t for t in getattr(contexto, "tipos", []) if t in ESPECIFICACIONES
        ]
        opciones = [
            (str(e.pk), f"{e.nombre_comercial} — {e.direccion}")
            for e in getattr(contexto, "establecimientos", [])
        ]
        for tipo in self.tipos:
            for campo, definicion in _campos_del_tipo(tipo, opciones).items():
                self.fields[f"{tipo}__{campo}"] = definicion
        # Lo guardado ({tipo: {actual, nuevo}}) como valores iniciales por campo.
        guardado = {t: c for t, c in (self.initial or {}).items() if t in self.tipos}
        self.initial = {
            f"{tipo}__{campo}": valor
            for tipo, cambio in guardado.items()
            if isinstance(cambio, dict)
            for campo, valor in (cambio.get("nuevo") or {}).items()
        }
        if self.contribuyente is None or self.is_bound:
            return
        # Un tipo aún sin guardar empieza con el valor actual: el ciudadano cambia
        # solo lo que cambió. Con un único local, ese local ya queda elegido.
        unico = opciones[0][0] if len(opciones) == 1 else None
        for tipo in self.tipos:
            if tipo in guardado:
                continue
            establecimiento = self._establecimiento(unico) if unico else None
            actual = valor_actual(tipo, self.contribuyente, establecimiento)
            for campo, valor in actual.items():
                if f"{tipo}__{campo}" in self.fields and valor not in (None, ""):
                    self.initial[f"{tipo}__{campo}"] = valor

    def _establecimiento(self, pk):
        for establecimiento in getattr(self.contexto, "establecimientos", []):
            if str(establecimiento.pk) == str(pk):
                return establecimiento
        return None

    def grupos(self) -> list[Grupo]:
        grupos = []
        for tipo in self.tipos:
            especificacion = ESPECIFICACIONES[tipo]
            nombres = [f"{tipo}__{c}" for c in especificacion.campos]
            if especificacion.por_establecimiento:
                actual = [
                    (
                        str(e),
                        self._filas_actuales(
                            tipo, valor_actual(tipo, self.contribuyente, e)
                        ),
                    )
                    for e in self.contexto.establecimientos
                ]
            else:
                actual = self._filas_actuales(
                    tipo, valor_actual(tipo, self.contribuyente)
                )
            grupos.append(
                Grupo(
                    tipo=tipo,
                    titulo=TipoNovedad(tipo).label,
                    actual=actual,
                    campos=[self[n] for n in nombres if n in self.fields],
                    por_establecimiento=especificacion.por_establecimiento,
                )
            )
        return grupos

    def _filas_actuales(self, tipo, actual: dict) -> list:
        filas = []
        for campo, valor in actual.items():
            if campo == "establecimiento_id":
                continue
            definicion = self.fields.get(f"{tipo}__{campo}")
            etiqueta = str(definicion.label) if definicion else campo
            # «Nueva dirección de…» es la etiqueta del dato nuevo; el actual no.
            for prefijo in ("Nueva ", "Nuevo "):
                if etiqueta.startswith(prefijo):
                    etiqueta = (
                        etiqueta[len(prefijo)].upper() + etiqueta[len(prefijo) + 1 :]
                    )
            filas.append(
                (
                    etiqueta,
                    mostrar(definicion, valor, self.contexto) if definicion else valor,
                )
            )
        return filas

    def clean(self):
        datos = super().clean()
        if self.contribuyente is None:
            raise ValidationError(
                "Primero identifique el registro en el paso «Registro»."
            )
        if not self.tipos:
            raise ValidationError("Primero elija las novedades en el paso «Novedades».")
        for tipo in self.tipos:
            self._limpiar_tipo(tipo, datos)
        return datos

    def _limpiar_tipo(self, tipo, datos):
        def nombre(campo):
            return f"{tipo}__{campo}"

        if tipo == TipoNovedad.CORRECCION_IDENTIFICACION:
            limpiar_documento(
                self,
                campo_tipo=nombre("tipo_documento"),
                campo_numero=nombre("numero_documento"),
                campo_dv=nombre("digito_verificacion"),
            )
            tipo_doc = datos.get(nombre("tipo_documento"))
            numero = datos.get(nombre("numero_documento"))
            if tipo_doc and numero and nombre("numero_documento") not in self.errors:
                try:
                    validadores.validar_documento_de_naturaleza(
                        self.contribuyente.naturaleza, tipo_doc, numero
                    )
                except ValidationError as error:
                    self.add_error(nombre("numero_documento"), error)
        if tipo == TipoNovedad.REPRESENTANTE:
            limpiar_documento(
                self,
                campo_tipo=nombre("representante_tipo_documento"),
                campo_numero=nombre("representante_numero_documento"),
            )
        sin_numero = not datos.get(nombre("telefono")) and not datos.get(
            nombre("celular")
        )
        if (
            tipo == TipoNovedad.DATOS_CONTACTO
            and sin_numero
            and nombre("celular") not in self.errors
            and nombre("telefono") not in self.errors
        ):
            self.add_error(
                nombre("celular"),
                "Escriba al menos un número de contacto: celular o fijo.",
            )
        if tipo == TipoNovedad.ACTIVIDAD_ECONOMICA:
            principal = datos.get(nombre("principal"))
            if principal and principal in (datos.get(nombre("secundarias")) or []):
                self.add_error(
                    nombre("secundarias"),
                    f"La actividad {principal} ya es la principal; no la repita "
                    "como secundaria.",
                )
        for campo in ("inicio_actividades", "fecha_cierre", "fecha_cese"):
            fecha = datos.get(nombre(campo))
            if fecha and fecha > self.contexto.hoy:
                self.add_error(nombre(campo), "La fecha no puede ser posterior a hoy.")
        if any(nombre(campo) in self.errors for campo in ESPECIFICACIONES[tipo].campos):
            return
        nuevo = self._nuevo(tipo, datos)
        actual = self._actual(tipo, nuevo)
        if tipo not in (
            TipoNovedad.APERTURA_ESTABLECIMIENTO,
            TipoNovedad.CIERRE_ESTABLECIMIENTO,
            TipoNovedad.CESE_ACTIVIDADES,
        ) and all(self._igual(nuevo[c], actual.get(c)) for c in nuevo):
            self.add_error(
                nombre(
                    next(
                        c
                        for c in ESPECIFICACIONES[tipo].campos
                        if c != "establecimiento_id"
                    )
                ),
                f"«{TipoNovedad(tipo).label}»: el valor nuevo es igual al que ya "
                "está registrado. Cambie el dato o desmarque esta novedad.",
            )

    @staticmethod
    def _igual(nuevo, actual) -> bool:
        if isinstance(nuevo, list) or isinstance(actual, list):
            return sorted(nuevo or []) == sorted(actual or [])
        return str(nuevo or "").strip().lower() == str(actual or "").strip().lower()

    def _nuevo(self, tipo, datos) -> dict:
        nuevo = {
            campo: campos.a_json(datos.get(f"{tipo}__{campo}"))
            for campo in ESPECIFICACIONES[tipo].campos
        }
        if "establecimiento_id" in nuevo and nuevo["establecimiento_id"]:
            nuevo["establecimiento_id"] = int(nuevo["establecimiento_id"])
        return nuevo

    def _actual(self, tipo, nuevo) -> dict:
        establecimiento = self._establecimiento(nuevo.get("establecimiento_id"))
        return valor_actual(tipo, self.contribuyente, establecimiento)

    def a_datos(self):
        detalle = {}
        for tipo in self.tipos:
            nuevo = self._nuevo(tipo, self.cleaned_data)
            detalle[tipo] = {"actual": self._actual(tipo, nuevo), "nuevo": nuevo}
        return detalle

    def datos_a_post(self, guardado):
        post = {}
        for tipo in self.tipos:
            nuevo = (guardado.get(tipo) or {}).get("nuevo") or {}
            for campo in ESPECIFICACIONES[tipo].campos:
                nombre = f"{tipo}__{campo}"
                for sufijo, valor in campos.a_formulario(
                    self.fields[nombre], nuevo.get(campo)
                ).items():
                    post[nombre + sufijo] = valor
        return post

    def secciones(self, guardado: dict) -> list[tuple[str, list]]:
        """Una sección por novedad: cada dato nuevo con el que tenía el registro."""
        secciones = []
        for tipo, cambio in guardado.items():
            actual, nuevo = cambio.get("actual") or {}, cambio.get("nuevo") or {}
            filas = []
            for campo, valor in nuevo.items():
                definicion = self.fields.get(f"{tipo}__{campo}")
                if definicion is None:
                    continue
                if campo == "establecimiento_id":
                    etiqueta = dict(definicion.choices).get(str(valor), str(valor))
                    filas.append(("Establecimiento", etiqueta))
                    continue
                texto = mostrar(definicion, valor, self.contexto)
                if (
                    campo in actual
                    and actual[campo] not in (None, "", [])
                    and not self._igual(valor, actual[campo])
                ):
                    anterior = mostrar(definicion, actual[campo], self.contexto)
                    texto = f"{texto}\n(antes: {anterior})"
                filas.append((str(definicion.label), texto))
            secciones.append((f"Novedad: {TipoNovedad(tipo).label}", filas))
        return secciones


class DefinicionNovedad(Definicion):
    tipo = TipoTramite.NOVEDAD_ICA

    def prellenado(self, contribuyente, establecimiento):
        return "registro", {
            "numero_documento": contribuyente.numero_documento,
            "matricula": contribuyente.matricula,
        }

    pasos = (
        Paso(
            "registro",
            "Registro",
            RegistroForm,
            "Identifique el registro de Industria y Comercio que quiere actualizar.",
        ),
        Paso("novedades", "Novedades", NovedadesForm),
        Paso(
            "detalle",
            "Datos nuevos",
            DetalleNovedadForm,
            "Para cada novedad verá el dato que hoy tiene el registro y escribirá "
            "el nuevo.",
        ),
    )

    def contexto(self, solicitud):
        return ContextoNovedad(solicitud=solicitud)

    def encabezado_paso(self, clave, contexto):
        contribuyente = contexto.contribuyente
        if clave == "registro" or contribuyente is None:
            return []
        return [
            ("Contribuyente", contribuyente.nombre),
            ("Matrícula de Industria y Comercio", contribuyente.matricula),
        ]

    def al_guardar(self, solicitud, clave, anterior):
        datos = solicitud.datos
        if (
            clave == "registro"
            and anterior
            and (
                anterior.get("contribuyente_id")
                != datos["registro"]["contribuyente_id"]
            )
        ):
            # Otro registro: los valores «actuales» ya no corresponden.
            datos.pop("detalle", None)
        if clave == "novedades" and "detalle" in datos:
            tipos = set(datos["novedades"]["tipos"])
            datos["detalle"] = {t: v for t, v in datos["detalle"].items() if t in tipos}

    def _contribuyente(self, solicitud):
        registro = solicitud.datos.get("registro") or {}
        if not registro.get("contribuyente_id"):
            return None
        return Contribuyente.objects.filter(pk=registro["contribuyente_id"]).first()

    def condiciones(self, solicitud):
        condiciones = {"SIEMPRE"}
        contribuyente = self._contribuyente(solicitud)
        if contribuyente is None:
            return condiciones
        if contribuyente.naturaleza == Naturaleza.PERSONA_NATURAL:
            condiciones.add("PERSONA_NATURAL")
        elif contribuyente.naturaleza in JURIDICAS:
            condiciones.add("PERSONA_JURIDICA")
        elif contribuyente.naturaleza == Naturaleza.CONSORCIO:
            condiciones.add("CONSORCIO")
        if contribuyente.matricula_mercantil:
            condiciones.add("CON_MATRICULA_MERCANTIL")
        return condiciones

    def tipos_novedad(self, solicitud):
        return set((solicitud.datos.get("novedades") or {}).get("tipos") or [])

    def identificacion(self, solicitud):
        contribuyente = self._contribuyente(solicitud)
        if contribuyente is None:
            registro = solicitud.datos.get("registro") or {}
            return registro.get("numero_documento", ""), ""
        numero = contribuyente.numero_documento
        if contribuyente.tipo_documento == TipoDocumento.NIT:
            numero = f"{numero}-{contribuyente.digito_verificacion}"
        return numero, contribuyente.nombre

    def secciones_de(self, paso, guardado, solicitud, contexto):
        if paso.clave == "registro":
            contribuyente = contexto.contribuyente or self._contribuyente(solicitud)
            filas = [
                ("Matrícula de Industria y Comercio", guardado.get("matricula", "")),
                ("Número de documento", guardado.get("numero_documento", "")),
            ]
            if contribuyente is not None:
                filas.insert(0, ("Contribuyente", contribuyente.nombre))
            return [(paso.clave, paso.titulo, filas)]
        if paso.clave == "detalle":
            formulario = self.formulario(paso.clave, solicitud, contexto=contexto)
            return [
                (paso.clave, titulo, filas)
                for titulo, filas in formulario.secciones(guardado)
            ]
        return super().secciones_de(paso, guardado, solicitud, contexto)


registrar(DefinicionNovedad())
