"""Inspect one untrusted attachment in a child process (started by core/uploads.py, which explains why).

    python -I -m core.upload_worker <cpu s> <memory bytes> image JPEG|PNG <max pixels>  # image on stdout
    python -I -m core.upload_worker <cpu s> <memory bytes> pdf <max objects>             # a verdict only

The file comes on stdin. The answer on stdout is ``OK\\n`` followed by the re-encoded image (nothing for a PDF),
or ``REFUSED <code>\\n``. Anything else — a crash, the CPU or memory limit reached — is the parent's to refuse.
No Django here: the child imports only Pillow or pikepdf, and limits itself before reading anything.
"""

import io
import re
import sys
import warnings

# Action types (/S) refused wherever the action sits (/OpenAction, /AA, a link's /A, /Next chains).
FORBIDDEN_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/ImportData": "import_data",
    "/GoToE": "goto_embedded",
    "/RichMediaExecute": "rich_media",
}
# Keys that only appear in a dictionary carrying such content.
FORBIDDEN_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",  # the document's JavaScript name tree (/Names /JavaScript)
    "/EmbeddedFiles": "embedded_file",
    "/EF": "embedded_file",  # a file specification with the file inside
    "/RichMediaContent": "rich_media",
    "/RichMediaSettings": "rich_media",
    "/XFA": "xfa",
}
FORBIDDEN_TYPES = {"/EmbeddedFile": "embedded_file", "/FileAttachment": "embedded_file", "/RichMedia": "rich_media"}
# The same names searched in the raw bytes, outside stream data (compressed binary) and literal strings.
RAW_NAMES = {**FORBIDDEN_ACTIONS, **FORBIDDEN_KEYS, **FORBIDDEN_TYPES}
STREAM_DATA_RE = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
LITERAL_STRING_RE = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.DOTALL)  # (text): a URL's "/JS/" is not a name
RAW_NAME_RE = re.compile(rb"/[^\s/<>\[\]()%{}]+")
NAME_ESCAPE_RE = re.compile(rb"#([0-9A-Fa-f]{2})")


class Refusal(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def limit_resources(cpu_seconds: int, memory_bytes: int) -> None:
    """Past ``cpu_seconds`` the kernel kills this process; it cannot map more than ``memory_bytes``."""
    try:
        import resource
    except ImportError:  # not on Linux: the parent's wall-clock timeout still applies
        return
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


# Images -------------------------------------------------------------------------------------------------------


def reencode_image(data: bytes, image_format: str, max_pixels: int) -> bytes:
    """The image's pixels written again as ``image_format``, upright, in sRGB and without any metadata."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; any of it is a bomb here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[image_format]) as opened:
                width, height = opened.size
                if width * height > max_pixels:
                    raise Refusal("too_large")  # from the header, before anything is decoded
                opened.load()  # decodes everything: a truncated or corrupt file fails here
                image = ImageOps.exif_transpose(opened)
        image = _in_srgb(image)
        image.info = {k: v for k, v in image.info.items() if k == "transparency"}  # save() reads metadata here
        out = io.BytesIO()
        image.save(out, format=image_format, **({"quality": 90} if image_format == "JPEG" else {}))
    except (Refusal, MemoryError):  # out of memory is the limit doing its work, not a broken file: the parent decides
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refusal("too_large") from None
    except Exception as error:
        # A decoder fed hostile bytes fails in many ways (OSError, SyntaxError, ValueError, struct.error,
        # EOFError ...); each means the same to the citizen: the file is not a readable image.
        raise Refusal("broken_image") from error
    return out.getvalue()


def _in_srgb(image):
    """Colour images with an embedded ICC profile (a phone's Display P3, a print shop's CMYK) are converted to
    sRGB, the profile every browser assumes once the profile is stripped; CMYK without one becomes RGB. A profile
    that cannot be read is simply dropped."""
    from PIL import ImageCms

    profile = image.info.get("icc_profile")
    target = "RGBA" if image.mode == "RGBA" else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=target)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image.convert("RGB") if image.mode == "CMYK" else image


# PDFs ---------------------------------------------------------------------------------------------------------


def check_pdf(data: bytes, max_objects: int) -> None:
    """Refuse (Refusal with a code) a PDF that is encrypted, unreadable, too large to inspect or carries active
    content; return quietly for a plain document."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise Refusal("pdf_encrypted") from None
    except Exception as error:  # qpdf reports every malformed file its own way: none can be inspected
        raise Refusal("pdf_unreadable") from error
    with pdf:
        if pdf.is_encrypted:
            raise Refusal("pdf_encrypted")
        objects = pdf.objects  # every object the cross-reference tables list, also inside object streams
        if len(objects) > max_objects:
            raise Refusal("pdf_too_complex")
        found = _active_content([pdf.trailer, *objects], pikepdf) or _raw_active_content(data)
    if found:
        raise Refusal(f"pdf_active:{found}")


def _active_content(roots, pikepdf) -> str | None:
    """The kind of active content any of ``roots`` (indirect objects) or their direct parts carries."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary | pikepdf.Stream):
            if found := _forbidden_in(node):
                return found
            children = node.values()
        elif isinstance(node, pikepdf.Array):
            children = list(node)
        else:
            continue
        # Indirect children are among the roots already; direct ones are looked into here (numbers and booleans
        # come back as Python values, which hold nothing).
        stack.extend(child for child in children if not getattr(child, "is_indirect", True))
    return None


def _forbidden_in(dictionary) -> str | None:
    for key in dictionary.keys():  # noqa: SIM118 (a pikepdf Dictionary, not a dict)
        if key in FORBIDDEN_KEYS:
            return FORBIDDEN_KEYS[key]
    for field, table in (("/S", FORBIDDEN_ACTIONS), ("/Type", FORBIDDEN_TYPES), ("/Subtype", FORBIDDEN_TYPES)):
        value = dictionary.get(field)
        if value is not None and str(value) in table:
            return table[str(value)]
    return None


def _raw_active_content(data: bytes) -> str | None:
    """The same names found in the file's bytes outside stream data and strings, ``#xx`` escapes decoded: catches
    objects a viewer would find although the parser did not (a broken cross-reference table, objects outside it).
    """
    outside = LITERAL_STRING_RE.sub(b" ", STREAM_DATA_RE.sub(b" ", data))
    for match in RAW_NAME_RE.finditer(outside):
        name = NAME_ESCAPE_RE.sub(lambda m: bytes([int(m[1], 16)]), match[0]).decode("latin-1")
        if name in RAW_NAMES:
            return RAW_NAMES[name]
    return None


def main(argv: list[str]) -> int:
    cpu_seconds, memory_bytes, mode, *options = argv[1:]
    limit_resources(int(cpu_seconds), int(memory_bytes))
    data = sys.stdin.buffer.read()
    try:
        if mode == "image":
            result = reencode_image(data, options[0], int(options[1]))
        else:
            check_pdf(data, int(options[0]))
            result = b""
    except Refusal as refusal:
        sys.stdout.buffer.write(f"REFUSED {refusal.code}\n".encode())
        return 0
    sys.stdout.buffer.write(b"OK\n" + result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
