"""Citizens' attachments made safe before they are stored (等保 2.0 恶意代码防范 and 资源控制; 个人信息保护法 Art. 51:
measures against leaks of personal data).

- **Images** (JPEG, PNG) are decoded with Pillow and written again from their pixels: whatever else the file
  carried — EXIF with the GPS position of a phone photo, XMP, comments, ICC profiles, a second image (MPO), text
  chunks, a script or archive glued after the image (polyglots) — is gone, and the stored bytes are the new
  ones. The EXIF orientation is applied first so that the picture still stands upright; an ICC profile is
  converted into sRGB first so that the colours stay right. Animated PNGs keep their first frame. Images larger
  than ``MAX_PIXELS`` (decompression bombs: a few KB that expand to gigabytes) are refused from their header,
  files Pillow cannot decode completely (corrupt or truncated) after trying.
- **PDFs** are parsed with pikepdf (qpdf) and refused when any object carries active content: JavaScript (a
  document name tree, ``/JS``, a ``/JavaScript`` action in ``/OpenAction``, ``/AA`` or a link's ``/A``),
  ``/Launch``, ``/SubmitForm``, ``/ImportData``, ``/GoToE``, embedded files, RichMedia (Flash) or an XFA form.
  Every object is inspected — also those in compressed object streams and those no page refers to — and names
  spelt with ``#xx`` escapes are read as a viewer reads them. Because a parser may see a file differently from a
  viewer, the raw bytes outside streams and strings are searched for the same names as well. Encrypted PDFs
  cannot be inspected and are refused, as are PDFs qpdf cannot read and PDFs of more than ``MAX_PDF_OBJECTS``
  objects. An accepted PDF is stored as sent.

The decoding and parsing of untrusted bytes runs in a child process (``core/upload_worker.py``) limited to
``WORKER_CPU_SECONDS`` of CPU, ``WORKER_MEMORY_BYTES`` of memory and ``WORKER_TIMEOUT`` seconds: a hostile file
(a crafted object stream, a bug in a C decoder) can neither hold a web worker nor take its memory.

Every refusal is a Chinese ``ValidationError`` naming the file, shown on the form's attachment field.
Shared by the mailbox (interaction) and the 依申请公开 form (openinfo): ``attachment_kind`` checks the type by name,
size and first bytes, ``sanitize`` then makes the file safe.
"""

import logging
import subprocess
import sys

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

logger = logging.getLogger(__name__)

# 40 megapixels: every phone and camera photo (7296×5472) fits; decoding one costs at most ~160 MB (RGBA).
MAX_PIXELS = 40_000_000
# A scan or an exported report has a few objects a page; 20 000 is a 2 000-page document, inspected in ~1 s.
MAX_PDF_OBJECTS = 20_000
WORKER_TIMEOUT = 30  # seconds of wall-clock time for one file, start-up included
WORKER_CPU_SECONDS = 20
WORKER_MEMORY_BYTES = 2 * 1024**3  # address space: a 40 MP image decoded, turned and converted fits with room
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
ACTIVE_CONTENT = {
    "javascript": "JavaScript 脚本",
    "launch": "启动外部程序的操作",
    "submit_form": "向外提交表单数据的操作",
    "import_data": "导入外部数据的操作",
    "goto_embedded": "打开嵌入文件的操作",
    "embedded_file": "嵌入的文件",
    "rich_media": "富媒体（Flash 等）",
    "xfa": "XFA 动态表单",
}


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# Checked by content, not by name: the first bytes must match the declared kind.
ATTACHMENT_SIGNATURES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}
ATTACHMENT_EXTENSIONS = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


def attachment_kind(upload, max_bytes: int = MAX_ATTACHMENT_BYTES) -> str:
    """The attachment's content type, or a ValidationError naming what is wrong with it."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = ATTACHMENT_EXTENSIONS.get(extension)
    if kind is None:
        raise forms.ValidationError(f"附件“{name}”的类型不允许，只接受 JPG、PNG 图片和 PDF 文件。")
    if upload.size > max_bytes:
        raise forms.ValidationError(f"附件“{name}”超过{max_bytes // (1024 * 1024)}MB。")
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(ATTACHMENT_SIGNATURES[kind]):
        raise forms.ValidationError(f"附件“{name}”的内容与文件类型不符。")
    return kind


def refusal_message(code: str, name: str) -> str:
    """The Chinese message for a worker's refusal code."""
    if code.startswith("pdf_active:"):
        what = ACTIVE_CONTENT.get(code.split(":", 1)[1], "可执行的内容")
        return f"附件“{name}”含有{what}，为安全起见不予接收。请使用“打印为PDF”等方式另存为普通PDF后重新上传。"
    messages = {
        "too_large": f"附件“{name}”的图片尺寸过大（超过{MAX_PIXELS // 10_000}万像素），请缩小后重新上传。",
        "broken_image": f"附件“{name}”不是完整有效的图片（文件可能已损坏或不完整），请重新拍摄或导出后上传。",
        "pdf_encrypted": f"附件“{name}”已加密或设有权限密码，无法进行安全检查，请去除密码后重新上传。",
        "pdf_unreadable": f"附件“{name}”无法解析，可能不是有效的PDF文件或已损坏，请重新导出后上传。",
        "pdf_too_complex": (
            f"附件“{name}”结构过于复杂（超过{MAX_PDF_OBJECTS}个对象），无法进行安全检查，"
            "请拆分或另存为普通PDF后重新上传。"
        ),
    }
    return messages.get(code, unchecked_message(name))


def unchecked_message(name: str) -> str:
    return f"附件“{name}”未能完成安全检查（文件过于复杂或已损坏），请换用JPG、PNG或普通PDF后重新上传。"


def sanitize(upload, kind: str):
    """The file to store for an accepted attachment of ``kind`` (checked by forms.attachment_kind), or a Chinese
    ValidationError. Images come back re-encoded (a new file, its size recomputed); PDFs as sent."""
    data = upload.read()
    upload.seek(0)
    name = upload.name or ""
    if kind == "application/pdf":
        inspect(data, name, "pdf", str(MAX_PDF_OBJECTS))
        return upload
    image = inspect(data, name, "image", IMAGE_FORMATS[kind], str(MAX_PIXELS))
    return SimpleUploadedFile(name, image, content_type=kind)


def inspect(data: bytes, name: str, *args: str) -> bytes:
    """Run the worker on ``data``: its output (the re-encoded image; empty for a PDF), or a ValidationError."""
    limits = [str(WORKER_CPU_SECONDS), str(WORKER_MEMORY_BYTES)]
    command = [sys.executable, "-I", "-m", "core.upload_worker", *limits, *args]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=WORKER_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        logger.warning("Attachment %r: inspection took more than %s s", name, WORKER_TIMEOUT)
        raise forms.ValidationError(unchecked_message(name)) from None
    verdict, _, output = done.stdout.partition(b"\n")
    if done.returncode == 0 and verdict == b"OK":
        return output
    if done.returncode == 0 and verdict.startswith(b"REFUSED "):
        raise forms.ValidationError(refusal_message(verdict[8:].decode("ascii", "replace"), name))
    # Killed at its CPU or memory limit, or crashed: the file cannot be vouched for.
    logger.warning("Attachment %r: inspection failed (%s): %s", name, done.returncode, done.stderr[-500:])
    raise forms.ValidationError(unchecked_message(name))
