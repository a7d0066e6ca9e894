"""Citizens' attachments made safe before they are stored (等保 2.0 恶意代码防范; 个人信息保护法 Art. 51: measures
against leaks of personal data).

- **Images** (JPEG, PNG) are decoded with Pillow and written again from their pixels: whatever else the file
  carried — EXIF with the GPS position of a phone photo, XMP, comments, ICC profiles, a second image (MPO), text
  chunks, a script or archive glued after the image (polyglots) — is gone, and the stored bytes are the new
  ones. The EXIF orientation is applied first so that the picture still stands upright; an ICC profile is
  converted into sRGB first so that the colours stay right. Animated PNGs keep their first frame. Images larger
  than ``MAX_PIXELS`` (decompression bombs: a few KB that expand to gigabytes) and files Pillow cannot decode
  completely (corrupt or truncated) are refused.
- **PDFs** are parsed with pypdf and refused when any object carries active content: JavaScript (a document
  name tree, ``/JS``, a ``/JavaScript`` action in ``/OpenAction``, ``/AA`` or a link's ``/A``), ``/Launch``,
  ``/SubmitForm``, ``/ImportData``, ``/GoToE``, embedded files, RichMedia (Flash) or an XFA form. Every object
  in the file is inspected — also those in compressed object streams and those no page refers to — and names
  spelt with ``#xx`` escapes are read as the viewer reads them. Because a parser may see a file differently from
  a PDF viewer, the raw bytes outside streams are searched for the same names as well. Encrypted PDFs cannot be
  inspected and are refused, as are PDFs pypdf cannot read. An accepted PDF is stored as sent.

Every refusal is a Chinese ``ValidationError`` naming the file, shown on the form's attachment field.
"""

import io
import re
import warnings

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# 40 megapixels: every phone and camera photo (7296×5472) fits; decoding one costs at most ~160 MB (RGBA).
MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}}
# How many PDF objects (dictionaries, arrays) are inspected at most; a 5 MB PDF of a scan has a few hundred.
MAX_PDF_NODES = 500_000

# What each kind of active content is called in the refusal.
JAVASCRIPT = "JavaScript 脚本"
EMBEDDED = "嵌入的文件"
# Action types (/S) refused wherever the action sits (/OpenAction, /AA, a link's /A, /Next chains).
FORBIDDEN_ACTIONS = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": "启动外部程序的操作",
    "/SubmitForm": "向外提交表单数据的操作",
    "/ImportData": "导入外部数据的操作",
    "/GoToE": "打开嵌入文件的操作",
    "/RichMediaExecute": "富媒体（Flash 等）",
}
# Keys that only appear in a dictionary carrying such content.
FORBIDDEN_KEYS = {
    "/JS": JAVASCRIPT,
    "/JavaScript": JAVASCRIPT,  # the document's JavaScript name tree (/Names /JavaScript)
    "/EmbeddedFiles": EMBEDDED,
    "/EF": EMBEDDED,  # a file specification with the file inside
    "/RichMediaContent": "富媒体（Flash 等）",
    "/RichMediaSettings": "富媒体（Flash 等）",
    "/XFA": "XFA 动态表单",
}
FORBIDDEN_TYPES = {  # values of /Type and /Subtype
    "/EmbeddedFile": EMBEDDED,
    "/FileAttachment": EMBEDDED,
    "/RichMedia": "富媒体（Flash 等）",
}
# The same names searched in the raw bytes, outside stream data (which is compressed binary).
RAW_NAMES = {**FORBIDDEN_ACTIONS, **FORBIDDEN_KEYS, **FORBIDDEN_TYPES}
STREAM_DATA_RE = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
LITERAL_STRING_RE = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.DOTALL)  # (text), so that a URL's "/JS/" is not a name
RAW_NAME_RE = re.compile(rb"/[^\s/<>\[\]()%{}]+")
NAME_ESCAPE_RE = re.compile(rb"#([0-9A-Fa-f]{2})")


def sanitize(upload, kind: str):
    """The file to store for an accepted attachment of ``kind`` (checked by attachment_kind), or a Chinese
    ValidationError. Images come back re-encoded (a new file, its size recomputed); PDFs as sent."""
    data = upload.read()
    upload.seek(0)
    name = upload.name or ""
    if kind == "application/pdf":
        check_pdf(data, name)
        return upload
    return SimpleUploadedFile(name, reencode_image(data, IMAGE_FORMATS[kind], name), content_type=kind)


# Images -------------------------------------------------------------------------------------------------------


def reencode_image(data: bytes, image_format: str, name: str) -> bytes:
    """The image's pixels written again as ``image_format``, upright, in sRGB and without any metadata."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; any of it is a bomb here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[image_format]) as opened:
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise _too_large(name)
                opened.load()  # decodes everything: a truncated or corrupt file fails here
                image = ImageOps.exif_transpose(opened)
        image = _in_srgb(image)
        image.info = {k: v for k, v in image.info.items() if k == "transparency"}  # save() reads metadata here
        out = io.BytesIO()
        image.save(out, format=image_format, **SAVE_OPTIONS[image_format])
    except forms.ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name) from None
    except Exception as error:
        # A decoder fed hostile bytes fails in many ways (OSError, SyntaxError, ValueError, struct.error,
        # EOFError, ...); each of them means the same to the citizen: the file is not a readable image.
        raise forms.ValidationError(
            f"附件“{name}”不是完整有效的图片（文件可能已损坏或不完整），请重新拍摄或导出后上传。"
        ) from error
    return out.getvalue()


def _too_large(name: str) -> forms.ValidationError:
    return forms.ValidationError(f"附件“{name}”的图片尺寸过大（超过{MAX_PIXELS // 10_000}万像素），请缩小后重新上传。")


def _in_srgb(image: Image.Image) -> Image.Image:
    """Convert a colour image with an embedded ICC profile (e.g. a phone's Display P3) to sRGB, the profile
    every browser assumes once the profile is stripped. A profile that cannot be read is simply dropped."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


# PDFs ---------------------------------------------------------------------------------------------------------


def check_pdf(data: bytes, name: str) -> None:
    """Refuse (Chinese ValidationError naming the file) a PDF that is encrypted, unreadable or carries active
    content; return quietly for a plain document."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        found = None if encrypted else _active_content(reader)
    except forms.ValidationError:
        raise
    except Exception as error:
        # pypdf reports malformed files with many exception types (PdfReadError, ValueError, KeyError,
        # RecursionError ...): all mean the document cannot be inspected.
        raise forms.ValidationError(
            f"附件“{name}”无法解析，可能不是有效的PDF文件或已损坏，请重新导出后上传。"
        ) from error
    if encrypted:
        raise forms.ValidationError(f"附件“{name}”已加密或设有权限密码，无法进行安全检查，请去除密码后重新上传。")
    found = found or _raw_active_content(data)
    if found:
        raise forms.ValidationError(
            f"附件“{name}”含有{found}，为安全起见不予接收。请使用“打印为PDF”等方式另存为普通PDF后重新上传。"
        )


def _active_content(reader: PdfReader) -> str | None:
    """What active content the parsed document carries, if any: every object is visited once — from the
    trailer down and every object the cross-reference tables (and object streams) list."""
    roots = [reader.trailer]
    for generation, entries in list(reader.xref.items()):
        roots.extend(IndirectObject(number, generation, reader) for number in list(entries))
    roots.extend(IndirectObject(number, 0, reader) for number in list(reader.xref_objStm))
    seen: set[tuple[int, int]] = set()
    stack, visited = list(roots), 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if found := _forbidden_in(node):
                return found
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        else:
            continue
        visited += 1
        if visited > MAX_PDF_NODES:
            raise ValueError("too many objects to inspect")
    return None


def _forbidden_in(dictionary: DictionaryObject) -> str | None:
    for key in dictionary:
        if key in FORBIDDEN_KEYS:
            return FORBIDDEN_KEYS[key]
    action = dictionary.get("/S")
    if action in FORBIDDEN_ACTIONS:
        return FORBIDDEN_ACTIONS[action]
    for field in ("/Type", "/Subtype"):
        value = dictionary.get(field)
        if value in FORBIDDEN_TYPES:
            return FORBIDDEN_TYPES[value]
    return None


def _raw_active_content(data: bytes) -> str | None:
    """The same names found in the file's bytes outside stream data, ``#xx`` escapes decoded: catches objects a
    viewer would find although the parser did not (a broken cross-reference table, objects outside it)."""
    outside_streams = LITERAL_STRING_RE.sub(b" ", STREAM_DATA_RE.sub(b" ", data))
    for match in RAW_NAME_RE.finditer(outside_streams):
        raw_name = NAME_ESCAPE_RE.sub(lambda m: bytes([int(m[1], 16)]), match[0])
        found = RAW_NAMES.get(raw_name.decode("latin-1"))
        if found:
            return found
    return None
