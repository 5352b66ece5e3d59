"""Los certificados de asistencia en /verificar/<código>/ (el selector de
`sanpedro_gel.verificacion`)."""

from capacitacion.models import Certificado
from sanpedro_gel import formato
from sanpedro_gel.verificacion import DocumentoVerificado, registrar_buscador


@registrar_buscador
def buscar_certificado(codigo: str) -> DocumentoVerificado | None:
    certificado = Certificado.objects.filter(codigo_verificacion=codigo).first()
    if certificado is None:
        return None
    c = certificado.contenido
    horas = c.get("horas")
    filas = [
        ("Servidor público", c.get("nombre", "")),
        ("Dependencia", c.get("dependencia", "")),
        (c.get("tipo", "Jornada"), c.get("jornada", "")),
        ("Fecha", c.get("fecha", "")),
    ]
    if horas:
        filas.append(("Intensidad", formato.horas(horas)))
    filas.append(("Expedido el", formato.fecha_larga(certificado.expedido_en)))
    return DocumentoVerificado(
        tipo="Certificado de asistencia",
        titulo=c.get("jornada", ""),
        codigo=certificado.codigo_verificacion,
        filas=filas,
        nota="El certificado acredita la asistencia a la jornada en esa fecha.",
    )
