"""Datos válidos de cada trámite (docs/DATOS_SOLICITUD.md) y archivos de prueba."""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def _pdf() -> bytes:
    escritor = PdfWriter()
    escritor.add_blank_page(width=612, height=792)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def _imagen(formato: str) -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 180, 150)).save(salida, formato)
    return salida.getvalue()


# Archivos de verdad: el portal abre lo que recibe antes de aceptarlo.
PDF = _pdf()
PNG = _imagen("PNG")
JPEG = _imagen("JPEG")
EJECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def archivo(nombre="documento.pdf", contenido=PDF, tipo="application/pdf"):
    return SimpleUploadedFile(nombre, contenido, content_type=tipo)


def datos_inscripcion(**cambios):
    datos = {
        "contribuyente": {
            "naturaleza": "PERSONA_JURIDICA",
            "tipo_documento": "NIT",
            "numero_documento": "900123456",
            "digito_verificacion": "8",
            "nombre": "Lácteos El Ordeño S.A.S.",
            "regimen": "ORDINARIO",
            "direccion_notificacion": "Carrera 50 # 52-14",
            "municipio_notificacion": "San Pedro de los Milagros",
            "departamento_notificacion": "Antioquia",
            "telefono": "6048687123",
            "celular": "3104567890",
            "correo": "contabilidad@elordeno.test",
            "autoriza_notificacion_electronica": True,
        },
        "registro_mercantil": {
            "tiene_matricula": True,
            "matricula_mercantil": "21-654321-16",
            "fecha_matricula_mercantil": "2026-02-10",
            "camara_comercio": "Cámara de Comercio de Medellín para Antioquia",
        },
        "actividades": {"principal": "1040", "secundarias": ["4722"]},
        "establecimientos": [
            {
                "nombre_comercial": "Quesera El Ordeño",
                "direccion": "Carrera 50 # 52-14",
                "zona": "URBANA",
                "barrio_vereda": "Centro",
                "telefono": "6048687123",
                "actividad": "1040",
                "inicio_actividades": "2026-03-01",
                "area_m2": "120.00",
                "empleados": 6,
                "avisos_tableros": True,
                "aforo": None,
                "horario_ordinario": "Lunes a sábado, 6:00 a. m. a 6:00 p. m.",
            }
        ],
        "representacion": {
            "representante_nombres": "Ana María Restrepo Gil",
            "representante_tipo_documento": "CC",
            "representante_numero_documento": "43555111",
            "representante_correo": "gerencia@elordeno.test",
            "actua_apoderado": False,
            "apoderado_nombres": "",
            "apoderado_tipo_documento": "",
            "apoderado_numero_documento": "",
            "apoderado_correo": "",
        },
    }
    for clave, valor in cambios.items():
        datos[clave] = valor
    return datos


def fecha_evento(dias=40):
    return (date.today() + timedelta(days=dias)).isoformat()


def datos_horario(establecimiento, **solicitud):
    return {
        "solicitante": {
            "tipo_documento": "CC",
            "numero_documento": "71222333",
            "nombre": "Carlos Mario Jaramillo",
            "calidad": "PROPIETARIO",
            "telefono": "3001234567",
            "correo": "carlos@bar.test",
        },
        "establecimiento": {
            "establecimiento_id": establecimiento.pk,
            "actual": {
                "matricula": establecimiento.contribuyente.matricula,
                "nombre_comercial": establecimiento.nombre_comercial,
                "direccion": establecimiento.direccion,
                "actividad": establecimiento.actividad_id,
                "aforo": establecimiento.aforo,
                "horario_ordinario": establecimiento.horario_ordinario,
            },
        },
        "solicitud": {
            "tipo": "OCASIONAL",
            "fecha_inicio": fecha_evento(40),
            "fecha_fin": fecha_evento(41),
            "hora_cierre": "04:00",
            "motivo": "Celebración de Nochebuena",
            "actividades": ["MUSICA_EN_VIVO", "BAILE"],
            "aforo": 80,
            "personal_seguridad": 4,
            "medidas_seguridad": "Dos guardas en la entrada y control de aforo.",
            "plan_contingencia": "",
            **solicitud,
        },
    }


def texto_pdf(contenido: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)
