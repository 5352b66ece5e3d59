"""Archivos que sube la gente: se aceptan solo si se abren como lo que dicen ser.

Los primeros bytes dicen qué pretende ser un archivo; no bastan. Un PDF se abre
con pypdf y se recorre su árbol de objetos: si trae JavaScript, acciones que
lanzan programas o archivos incrustados, se rechaza, y también si además es un
ZIP (un políglota). Una imagen se decodifica entera con Pillow y se vuelve a
codificar sin metadatos (la ubicación GPS de una foto de la cédula no se guarda);
lo que se guarda es la imagen nueva.

`revisar` no mira tamaños: cada formulario tiene su límite y su mensaje.
"""

import io
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from sanpedro_gel.excepciones import ErrorDelPortal


@dataclass(frozen=True)
class Formato:
    clave: str
    nombre: str
    mime: str
    extension: str
    firma: bytes


FORMATOS = {
    "pdf": Formato("pdf", "PDF", "application/pdf", ".pdf", b"%PDF-"),
    "jpeg": Formato("jpeg", "JPG", "image/jpeg", ".jpg", b"\xff\xd8\xff"),
    "png": Formato("png", "PNG", "image/png", ".png", b"\x89PNG\r\n\x1a\n"),
}
# Para el atributo `accept` de los campos (solo una ayuda al navegador).
ACEPTAR = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"

# Una foto de teléfono tiene 12 a 50 megapíxeles; más que esto es una bomba de
# descompresión (pocos bytes que ocupan gigas en memoria al abrirse).
MAX_PIXELES = 80_000_000
# Un PDF con más objetos que estos no es un documento escaneado ni un certificado.
MAX_OBJETOS_PDF = 200_000

# Claves que hacen de un PDF algo más que un documento para leer.
CLAVES_ACTIVAS = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "acciones que abren programas",
    "/EmbeddedFiles": "archivos incrustados",
    "/EmbeddedFile": "archivos incrustados",
}
ACCIONES_ACTIVAS = {"/JavaScript", "/Launch"}


class ArchivoInadmisible(ErrorDelPortal):
    def __init__(self, mensaje: str):
        super().__init__(mensaje)
        self.mensaje = mensaje


def nombres_de(tipos) -> str:
    """«PDF, JPG o PNG»."""
    nombres = [FORMATOS[t].nombre for t in tipos]
    return (
        nombres[0]
        if len(nombres) == 1
        else f"{', '.join(nombres[:-1])} o {nombres[-1]}"
    )


def revisar(archivo, tipos=("pdf", "jpeg", "png")) -> tuple[Formato, object]:
    """Devuelve (formato, archivo a guardar): el mismo si es un PDF sano, una
    copia recodificada y sin metadatos si es una imagen. Lanza
    `ArchivoInadmisible` con el motivo en español."""
    if getattr(archivo, "revisado_por_el_portal", None) in tipos:
        return FORMATOS[archivo.revisado_por_el_portal], archivo
    nombre = getattr(archivo, "name", "") or "el archivo"
    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    archivo.seek(0)
    datos = archivo.read()
    archivo.seek(posicion)
    formato = next(
        (FORMATOS[t] for t in tipos if datos.startswith(FORMATOS[t].firma)), None
    )
    if formato is None:
        raise ArchivoInadmisible(
            f"El archivo «{nombre}» no es un {nombres_de(tipos)}. Revisamos el "
            "contenido y no solo el nombre: conviértalo a PDF o tómele una foto "
            "(JPG o PNG)."
        )
    if formato.clave == "pdf":
        _revisar_pdf(datos, nombre)
        return formato, archivo
    return formato, _recodificar_imagen(datos, nombre, formato)


def _revisar_pdf(datos: bytes, nombre: str) -> None:
    rehacer = (
        "Ábralo y use «Imprimir → Guardar como PDF» para obtener una copia "
        "limpia, y súbala de nuevo."
    )
    if zipfile.is_zipfile(io.BytesIO(datos)):
        raise ArchivoInadmisible(
            f"El archivo «{nombre}» es a la vez un PDF y un archivo comprimido. "
            + rehacer
        )
    try:
        lector = PdfReader(io.BytesIO(datos), strict=False)
        if lector.is_encrypted and not lector.decrypt(""):
            raise ArchivoInadmisible(
                f"El PDF «{nombre}» está protegido con contraseña. Quítele la "
                "contraseña y súbalo de nuevo."
            )
        paginas = len(lector.pages)
        hallado = _contenido_activo(lector.trailer)
    except ArchivoInadmisible:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
    ):
        paginas, hallado = 0, None
    if not paginas:
        raise ArchivoInadmisible(
            f"El PDF «{nombre}» no se puede abrir: está dañado o incompleto. " + rehacer
        )
    if hallado:
        raise ArchivoInadmisible(
            f"El PDF «{nombre}» trae {hallado}, y solo recibimos documentos para "
            "leer. " + rehacer
        )


def _contenido_activo(raiz) -> str | None:
    """Qué trae el PDF que no sea para leer (JavaScript, lanzar programas,
    archivos incrustados), recorriendo sus diccionarios y listas; None si nada."""
    pendientes = [raiz]
    vistos: set[tuple[int, int]] = set()
    while pendientes:
        objeto = pendientes.pop()
        if isinstance(objeto, IndirectObject):
            clave = (objeto.idnum, objeto.generation)
            if clave in vistos:
                continue
            vistos.add(clave)
            if len(vistos) > MAX_OBJETOS_PDF:
                return "demasiados objetos para revisarlo"
            objeto = objeto.get_object()
        if isinstance(objeto, DictionaryObject):
            for llave, valor in objeto.items():
                if llave in CLAVES_ACTIVAS:
                    return CLAVES_ACTIVAS[llave]
                if (
                    llave == "/S"
                    and isinstance(valor, NameObject)
                    and valor in ACCIONES_ACTIVAS
                ):
                    return CLAVES_ACTIVAS[valor]
                pendientes.append(valor)
        elif isinstance(objeto, ArrayObject):
            pendientes.extend(objeto)
    return None


def _recodificar_imagen(datos: bytes, nombre: str, formato: Formato) -> ContentFile:
    danada = ArchivoInadmisible(
        f"La imagen «{nombre}» no se puede abrir: está dañada o no es una "
        f"imagen {formato.nombre}. Tómele otra foto o escanéela de nuevo."
    )
    try:
        with Image.open(io.BytesIO(datos)) as imagen:
            if imagen.format != formato.clave.upper():
                raise danada
            ancho, alto = imagen.size
            if ancho * alto > MAX_PIXELES:
                raise ArchivoInadmisible(
                    f"La imagen «{nombre}» mide {ancho} × {alto} píxeles; el máximo "
                    "es de 80 megapíxeles. Redúzcala e inténtelo de nuevo."
                )
            imagen.load()
            # La orientación de la cámara se aplica a los píxeles antes de
            # descartar los metadatos que la traían.
            limpia = ImageOps.exif_transpose(imagen)
    except ArchivoInadmisible:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        raise danada from None
    # Fuera todos los metadatos (EXIF, XMP, textos); la transparencia es imagen.
    limpia.info = {k: v for k, v in limpia.info.items() if k == "transparency"}
    salida = io.BytesIO()
    if formato.clave == "jpeg":
        if limpia.mode not in ("RGB", "L"):
            limpia = limpia.convert("RGB")
        limpia.save(salida, "JPEG", quality=90, optimize=True)
    else:
        limpia.save(salida, "PNG", optimize=True)
    # Con el nombre que le dio la persona: así se lo mostramos.
    copia = ContentFile(salida.getvalue(), name=nombre)
    # Revisar de nuevo la copia (el formulario y luego el servicio) no la
    # recodifica otra vez.
    copia.revisado_por_el_portal = formato.clave
    return copia
