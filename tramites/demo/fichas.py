"""Contenido de las fichas SUIT de demostración y del aviso de privacidad.

Redactado para este portal a partir de DOMAIN §2–§9 y de las normas citadas.
Los códigos SUIT quedan en blanco: los asigna Función Pública y los registra la
Alcaldía en el admin cuando inscribe cada trámite.
"""

from datetime import date, timedelta

SENADO = "https://www.secretariasenado.gov.co/senado/basedoc/"

SEGUIMIENTO = (
    "En «Mis trámites» de este portal, con su cuenta, ve el estado, el historial y "
    "la fecha máxima de respuesta. Sin ingresar, en «Consulta tu trámite» con el "
    "número de radicado y su número de documento (o el código de verificación de "
    "la constancia). Cada cambio de estado se le avisa por correo electrónico."
)

DONDE_Y_CUANDO = (
    "En línea, en este portal, las 24 horas de todos los días: el radicado se "
    "asigna en el momento.\n"
    "Si necesita ayuda para diligenciar el formulario, acérquese a la Alcaldía en el "
    "horario de atención al público; un funcionario le orienta paso a paso."
)

INSCRIPCION = {
    "tipo": "INSCRIPCION_ICA",
    # Tabla de retención: el registro ICA es memoria tributaria del municipio.
    "disposicion_final": "CONSERVACION_TOTAL",
    "nombre": "Inscripción en el Registro de Industria y Comercio",
    "slug": "inscripcion-industria-y-comercio",
    "dependencia": "Secretaría de Hacienda",
    "orden": 1,
    "proposito": (
        "Registrar ante la Secretaría de Hacienda a las personas y empresas que "
        "realizan actividades industriales, comerciales o de servicios en San Pedro "
        "de los Milagros, para que queden identificadas como contribuyentes del "
        "impuesto de industria y comercio y de su complementario de avisos y "
        "tableros, con su matrícula de Industria y Comercio."
    ),
    "dirigido_a": (
        "Personas naturales, personas jurídicas, sociedades de hecho, consorcios y "
        "uniones temporales que ejercen en el municipio una actividad industrial, "
        "comercial o de servicios, con o sin local abierto al público: queseras y "
        "procesadoras de leche, tiendas y graneros, restaurantes y bares, talleres, "
        "transportadores, profesionales independientes, entre otros.\n"
        "También quienes tienen su domicilio en otro municipio pero realizan en San "
        "Pedro de los Milagros actividades gravadas."
    ),
    "pasos": "\n".join(
        [
            "Ingrese al portal con su cuenta o créela con su correo electrónico.",
            "Pulse «Iniciar trámite en línea» y escriba los datos del contribuyente, "
            "el registro mercantil, las actividades económicas (códigos CIIU de su "
            "RUT) y cada establecimiento que tenga en el municipio.",
            "Adjunte los documentos que se piden para su caso, en PDF o en foto "
            "legible.",
            "Revise el resumen, lea el aviso de privacidad y radique. Recibe al "
            "instante el número de radicado, la constancia en PDF y un correo.",
            "La Secretaría de Hacienda revisa la solicitud. Si falta algo, le "
            "escribe para que lo complete; tiene un mes para hacerlo.",
            "Con la aprobación queda inscrito con su matrícula de Industria y "
            "Comercio y descarga el certificado de inscripción.",
        ]
    ),
    "donde_y_cuando": DONDE_Y_CUANDO,
    "plazo_dias_habiles": 15,
    "costo": "Gratuito",
    "resultado": (
        "La inscripción en el registro de Industria y Comercio del municipio, con un "
        "número de matrícula y un certificado de inscripción en PDF con código de "
        "verificación.\n"
        "Desde entonces el contribuyente presenta su declaración del impuesto de "
        "industria y comercio en las fechas del calendario tributario municipal."
    ),
    "medio_seguimiento": SEGUIMIENTO,
    "recomendaciones": (
        "Tenga a mano su RUT actualizado: de allí salen el NIT, el dígito de "
        "verificación y los códigos CIIU de sus actividades.\n"
        "Si tiene varios locales en el municipio, regístrelos todos en la misma "
        "solicitud.\n"
        "Inscríbase pronto: el Estatuto Tributario municipal fija un plazo después "
        "de iniciar actividades y la inscripción tardía puede generar sanción.\n"
        "Si pertenece al Régimen Simple de Tributación (SIMPLE), indíquelo: en ese "
        "régimen el ICA se paga consolidado con el SIMPLE."
    ),
    "normas": [
        (
            "Ley 14 de 1983",
            "Capítulo II, impuesto de industria y comercio",
            SENADO + "ley_0014_1983.html",
        ),
        (
            "Decreto-Ley 1333 de 1986, Código de Régimen Municipal",
            "Artículos 195 a 214",
            SENADO + "decreto_1333_1986.html",
        ),
        (
            "Ley 1819 de 2016",
            "Artículos 342 a 344",
            SENADO + "ley_1819_2016.html",
        ),
        (
            "Ley 2010 de 2019, Régimen Simple de Tributación",
            "",
            SENADO + "ley_2010_2019.html",
        ),
        (
            "Ley 1755 de 2015, derecho de petición",
            "Artículos 14 y 17",
            SENADO + "ley_1755_2015.html",
        ),
        ("Estatuto Tributario del Municipio de San Pedro de los Milagros", "", ""),
    ],
    "requisitos": [
        {
            "nombre": "RUT actualizado",
            "descripcion": "Registro Único Tributario de la DIAN con las actividades "
            "económicas que ejerce en el municipio.",
        },
        {
            "nombre": "Documento de identidad del titular",
            "descripcion": "Cédula de ciudadanía o de extranjería, pasaporte, PEP o "
            "PPT de la persona natural, por ambas caras.",
            "condicion": "PERSONA_NATURAL",
        },
        {
            "nombre": "Documento de identidad del representante legal",
            "descripcion": "Por ambas caras.",
            "condicion": "PERSONA_JURIDICA",
        },
        {
            "nombre": "Certificado de existencia y representación legal o de "
            "matrícula mercantil",
            "descripcion": "Expedido por la Cámara de Comercio con no más de 30 días.",
            "condicion": "CON_MATRICULA_MERCANTIL",
        },
        {
            "nombre": "Documento de constitución del consorcio o la unión temporal",
            "descripcion": "Con la designación de su representante.",
            "condicion": "CONSORCIO",
        },
        {
            "nombre": "Poder",
            "descripcion": "Poder especial firmado por el contribuyente o su "
            "representante legal a favor de quien radica.",
            "condicion": "CON_APODERADO",
        },
    ],
}

NOVEDAD = {
    "tipo": "NOVEDAD_ICA",
    # Tabla de retención: el registro ICA es memoria tributaria del municipio.
    "disposicion_final": "CONSERVACION_TOTAL",
    "nombre": "Novedad del registro de Industria y Comercio",
    "slug": "novedad-industria-y-comercio",
    "dependencia": "Secretaría de Hacienda",
    "orden": 2,
    "proposito": (
        "Mantener al día el registro de Industria y Comercio cuando cambia algo de un "
        "contribuyente inscrito: la dirección de notificación, el nombre o la razón "
        "social, el nombre o la dirección de un establecimiento, las actividades "
        "económicas, el representante legal, el régimen, la apertura o el cierre de "
        "un establecimiento, los datos de contacto, o el cese definitivo de "
        "actividades para cancelar el registro."
    ),
    "dirigido_a": (
        "Contribuyentes inscritos en el registro de Industria y Comercio de San "
        "Pedro de los Milagros, o sus representantes legales o apoderados.\n"
        "Para radicar se necesitan el número de documento o NIT y la matrícula de "
        "Industria y Comercio."
    ),
    "pasos": "\n".join(
        [
            "Ingrese al portal con su cuenta.",
            "Identifique el registro con el documento o NIT y la matrícula de "
            "Industria y Comercio.",
            "Marque las novedades que reporta y la fecha en que ocurrieron.",
            "Para cada novedad verá el dato que hoy tiene el registro; escriba el "
            "dato nuevo.",
            "Adjunte los soportes que se piden para cada novedad.",
            "Revise y radique: recibe el radicado, la constancia en PDF y un correo.",
            "La Secretaría de Hacienda revisa y, al aprobar, actualiza el registro "
            "conservando la versión anterior.",
        ]
    ),
    "donde_y_cuando": DONDE_Y_CUANDO,
    "plazo_dias_habiles": 15,
    "costo": "Gratuito",
    "resultado": (
        "El registro de Industria y Comercio queda actualizado con los datos nuevos "
        "y conserva la versión anterior.\n"
        "Si reportó el cese de actividades, el registro se cancela desde la fecha "
        "aprobada; mientras la cancelación no se apruebe, el contribuyente sigue "
        "obligado a declarar."
    ),
    "medio_seguimiento": SEGUIMIENTO,
    "recomendaciones": (
        "Primero actualice su RUT ante la DIAN y, si aplica, su matrícula en la "
        "Cámara de Comercio: los soportes deben mostrar el cambio.\n"
        "Reporte la novedad pronto: el Estatuto Tributario municipal fija un plazo y "
        "reportarla tarde puede generar sanción.\n"
        "Para cancelar el registro esté a paz y salvo con el impuesto de industria y "
        "comercio."
    ),
    "normas": [
        (
            "Ley 14 de 1983",
            "Capítulo II, impuesto de industria y comercio",
            SENADO + "ley_0014_1983.html",
        ),
        (
            "Decreto-Ley 1333 de 1986, Código de Régimen Municipal",
            "Artículos 195 a 214",
            SENADO + "decreto_1333_1986.html",
        ),
        (
            "Ley 1755 de 2015, derecho de petición",
            "Artículos 14 y 17",
            SENADO + "ley_1755_2015.html",
        ),
        ("Estatuto Tributario del Municipio de San Pedro de los Milagros", "", ""),
    ],
    "requisitos": [
        {
            "nombre": "RUT actualizado que muestre el cambio",
            "descripcion": "Expedido por la DIAN después del cambio que reporta.",
        },
        {
            "nombre": "Certificado de Cámara de Comercio que muestre el cambio",
            "descripcion": "Con no más de 30 días, cuando el cambio consta en la "
            "Cámara de Comercio.",
            "condicion": "CON_MATRICULA_MERCANTIL",
            "obligatorio": False,
        },
        {
            "nombre": "Documento de identidad del nuevo representante o apoderado",
            "descripcion": "Por ambas caras.",
            "condicion": "TIPO_NOVEDAD",
            "tipo_novedad": "REPRESENTANTE",
        },
        {
            "nombre": "Documento de identidad con el dato correcto",
            "descripcion": "Cédula, pasaporte o permiso que muestre el dato que se "
            "corrige.",
            "condicion": "TIPO_NOVEDAD",
            "tipo_novedad": "CORRECCION_IDENTIFICACION",
        },
        {
            "nombre": "Solicitud escrita de cancelación",
            "descripcion": "Firmada por el contribuyente o su representante legal, "
            "con la fecha de cese de actividades.",
            "condicion": "TIPO_NOVEDAD",
            "tipo_novedad": "CESE_ACTIVIDADES",
        },
        {
            "nombre": "Paz y salvo del impuesto de industria y comercio",
            "descripcion": "Expedido por la Secretaría de Hacienda.",
            "condicion": "TIPO_NOVEDAD",
            "tipo_novedad": "CESE_ACTIVIDADES",
        },
        {
            "nombre": "Certificado de cancelación de la matrícula mercantil",
            "descripcion": "Cuando el contribuyente estaba matriculado en la Cámara "
            "de Comercio.",
            "condicion": "TIPO_NOVEDAD",
            "tipo_novedad": "CESE_ACTIVIDADES",
            "obligatorio": False,
        },
    ],
}

HORARIO = {
    "tipo": "AMPLIACION_HORARIO",
    "nombre": "Permiso de ampliación de horario de establecimientos abiertos al "
    "público",
    "slug": "ampliacion-de-horario",
    "dependencia": "Secretaría General y de Gobierno",
    "orden": 3,
    "anticipacion_dias_habiles": 10,
    "proposito": (
        "Autorizar a un establecimiento abierto al público que vende o sirve bebidas "
        "alcohólicas —bar, discoteca, taberna, estanco, billar o casa de eventos— "
        "para funcionar después del horario fijado por decreto municipal, en una "
        "fecha puntual, por una temporada o de manera permanente, con las "
        "condiciones de seguridad y convivencia que fije la Secretaría."
    ),
    "dirigido_a": (
        "Propietarios, representantes legales o administradores de establecimientos "
        "inscritos en el registro de Industria y Comercio del municipio cuya "
        "actividad admite ampliación de horario: expendio de bebidas alcohólicas "
        "(CIIU 5630), eventos (5621), juegos de azar (9200), espectáculos musicales "
        "en vivo (9007), actividades recreativas (9329) y clubes y asociaciones "
        "(9499)."
    ),
    "pasos": "\n".join(
        [
            "Ingrese al portal con su cuenta.",
            "Escriba sus datos y la calidad en que solicita (propietario, "
            "representante legal o administrador).",
            "Identifique el establecimiento con su matrícula de Industria y Comercio "
            "y el documento del titular.",
            "Indique el tipo de ampliación, las fechas, la hora de cierre, el motivo, "
            "el aforo y las medidas de seguridad.",
            "Adjunte los documentos y radique. Para un evento ocasional, radique con "
            "la anticipación mínima indicada en esta ficha.",
            "La Secretaría General y de Gobierno estudia la solicitud y expide una "
            "resolución numerada que concede o niega el permiso.",
        ]
    ),
    "donde_y_cuando": DONDE_Y_CUANDO,
    "plazo_dias_habiles": 15,
    "costo": "Gratuito",
    "resultado": (
        "Una resolución numerada de la Secretaría General y de Gobierno que concede "
        "el permiso —con las fechas, la hora de cierre y las condiciones que debe "
        "cumplir el establecimiento— o lo niega con sus razones. Se descarga en PDF "
        "con código de verificación.\n"
        "Contra la resolución proceden los recursos de reposición y de apelación "
        "dentro de los diez días hábiles siguientes a su notificación."
    ),
    "medio_seguimiento": SEGUIMIENTO,
    "recomendaciones": (
        "Verifique que la actividad registrada del establecimiento sea la que "
        "realmente ejerce; si cambió, radique primero una novedad del registro.\n"
        "El permiso no exime de cumplir los límites de ruido, el aforo y las normas "
        "de convivencia de la Ley 1801 de 2016; incumplirlos puede llevar a la "
        "suspensión del permiso.\n"
        "Tenga vigentes el concepto sanitario, el de bomberos y el paz y salvo de "
        "derechos de autor antes de radicar."
    ),
    "normas": [
        (
            "Ley 1801 de 2016, Código Nacional de Seguridad y Convivencia Ciudadana",
            "Artículos 86 y 87",
            SENADO + "ley_1801_2016.html",
        ),
        (
            "Ley 1437 de 2011, Código de Procedimiento Administrativo",
            "Artículos 74 a 76 (recursos)",
            SENADO + "ley_1437_2011.html",
        ),
        (
            "Ley 1755 de 2015, derecho de petición",
            "Artículos 14 y 17",
            SENADO + "ley_1755_2015.html",
        ),
        (
            "Decreto municipal de horarios de los establecimientos abiertos al público",
            "",
            "",
        ),
    ],
    "requisitos": [
        {
            "nombre": "Documento de identidad de quien solicita",
            "descripcion": "Por ambas caras.",
        },
        {
            "nombre": "Certificado de existencia y representación legal o de "
            "matrícula mercantil",
            "descripcion": "Expedido por la Cámara de Comercio con no más de 30 días.",
            "condicion": "CON_MATRICULA_MERCANTIL",
        },
        {
            "nombre": "Concepto de uso del suelo",
            "descripcion": "Lo verifica la Alcaldía con la Secretaría de Planeación; "
            "usted no debe adjuntarlo.",
            "se_adjunta": False,
        },
        {
            "nombre": "Concepto sanitario vigente",
            "descripcion": "Expedido por la Dirección Local de Salud.",
        },
        {
            "nombre": "Concepto técnico de bomberos vigente",
            "descripcion": "Expedido por el cuerpo de bomberos.",
        },
        {
            "nombre": "Paz y salvo de derechos de autor",
            "descripcion": "Por la música que se comunica al público (Sayco-Acinpro "
            "u OSA).",
        },
        {
            "nombre": "Póliza de responsabilidad civil extracontractual",
            "descripcion": "Vigente en las fechas del evento.",
            "condicion": "EVENTO_OCASIONAL",
        },
        {
            "nombre": "Plano o croquis del local con salidas de emergencia",
            "descripcion": "Ayuda a revisar el aforo y las rutas de evacuación.",
            "obligatorio": False,
        },
    ],
}

FICHAS = [INSCRIPCION, NOVEDAD, HORARIO]

AVISO_VERSION = "1"
AVISO_TEXTO = """\
La Alcaldía de San Pedro de los Milagros es la responsable del tratamiento de los \
datos personales que usted entrega en este formulario.

Para qué usamos sus datos: para recibir, estudiar y decidir esta solicitud; para \
comunicarle su estado y la decisión por correo electrónico o en la dirección que \
indique; para actualizar el registro de Industria y Comercio o expedir el permiso \
cuando corresponda; y para elaborar estadísticas que no le identifican, entre ellas \
por qué medio se enteró de los trámites en línea.

Por qué podemos tratarlos: la Alcaldía los recoge para cumplir sus funciones legales \
en materia tributaria y de convivencia (Ley 14 de 1983, Ley 1801 de 2016 y \
Estatuto Tributario municipal). Para ese uso la Ley 1581 de 2012 no exige su \
autorización, pero sí que le informemos, como lo hacemos aquí.

Datos sensibles: este trámite no le pide datos sensibles (salud, origen étnico, \
convicciones, datos biométricos). Si algún documento que adjunte los contiene, no \
está obligado a entregarlos: puede taparlos antes de cargarlo.

Sus derechos: conocer, actualizar y rectificar sus datos; pedir prueba de este \
aviso; saber qué uso se les ha dado; presentar quejas ante la Superintendencia de \
Industria y Comercio; y revocar la autorización o pedir la supresión cuando la ley \
lo permita (no procede mientras los datos deban conservarse en el expediente o en el \
registro municipal).

Cómo ejercerlos: escriba al correo de protección de datos personales de la \
Alcaldía o radique su petición en la ventanilla de atención. Respondemos las \
consultas en un máximo de diez (10) días hábiles y los reclamos en un máximo de \
quince (15) días hábiles.

Conservación: los datos se guardan en el expediente del trámite durante el tiempo \
que fijan las tablas de retención documental del municipio."""

# La ciudadana monta con su hermana una quesería aparte de su tienda.
BORRADOR_CONTRIBUYENTE = {
    "naturaleza": "PERSONA_JURIDICA",
    "tipo_documento": "NIT",
    "numero_documento": "900412769",
    "digito_verificacion": "8",
    "nombre": "Quesos Doña Elena S.A.S.",
    "regimen": "ORDINARIO",
    "direccion_notificacion": "Vereda Río Chico, finca El Recuerdo",
    "municipio_notificacion": "San Pedro de los Milagros",
    "departamento_notificacion": "Antioquia",
    "telefono": "",
    "celular": "3127654321",
    "correo": "ciudadana@portal-demo.test",
    "autoriza_notificacion_electronica": True,
}


def novedad_de_la_ciudadana(contribuyente, establecimiento) -> dict:
    """Cambio de nombre comercial y de datos de contacto de su tienda."""
    return {
        "registro": {
            "numero_documento": contribuyente.numero_documento,
            "matricula": contribuyente.matricula,
            "contribuyente_id": contribuyente.pk,
        },
        "novedades": {
            "tipos": ["NOMBRE_COMERCIAL", "DATOS_CONTACTO"],
            "fecha_hecho": (date.today() - timedelta(days=20)).isoformat(),
            "observaciones": "La tienda ahora vende también quesos de la vereda.",
        },
        "detalle": {
            "NOMBRE_COMERCIAL": {
                "actual": {
                    "establecimiento_id": establecimiento.pk,
                    "nombre_comercial": establecimiento.nombre_comercial,
                },
                "nuevo": {
                    "establecimiento_id": establecimiento.pk,
                    "nombre_comercial": "Lácteos y Quesos La Esquina",
                },
            },
            "DATOS_CONTACTO": {
                "actual": {
                    "telefono": contribuyente.telefono,
                    "celular": contribuyente.celular,
                    "correo": contribuyente.correo,
                },
                "nuevo": {
                    "telefono": "6048687002",
                    "celular": contribuyente.celular,
                    "correo": contribuyente.correo,
                },
            },
        },
    }
