"""Citizens' attachments through the mailbox form (core/uploads.py): images are stored re-encoded, without
metadata or glued-on payloads; bombs and broken images are refused; PDFs with active content are refused with a
Chinese message naming the file, plain PDFs kept as sent. The API takes no attachments (last test)."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import upload_worker, uploads
from interaction.models import Question, QuestionAttachment
from tests.conftest import site_client
from tests.interaction import upload_samples as samples
from tests.interaction.test_public_submission import MAILBOX, errors_of, valid_data

pytestmark = pytest.mark.django_db


def submit(group, *files):
    return site_client(group.hetang).post(MAILBOX, {**valid_data(), "attachments": list(files)})


def stored_bytes(group, *files) -> list[bytes]:
    response = submit(group, *files)
    assert response.status_code == 200, errors_of(response)
    attachments = list(Question.objects.get().attachments.all())
    contents = [a.file.read() for a in attachments]
    assert [a.size for a in attachments] == [len(c) for c in contents]  # the size of what is stored
    return contents


def refused_with(group, upload, message: str) -> None:
    response = submit(group, upload)
    assert response.status_code == 400
    assert errors_of(response)["attachments"] == [message]
    assert not Question.objects.exists() and not QuestionAttachment.objects.exists()


class TestImages:
    def test_a_phone_photo_loses_gps_exif_xmp_comment_and_trailing_payload(self, group):
        original = samples.jpeg_with_metadata(orientation=6)
        assert b"Exif" in original and b"xmpmeta" in original and samples.PAYLOAD in original
        (stored,) = stored_bytes(group, SimpleUploadedFile("现场.jpg", original, "image/jpeg"))
        for trace in (b"Exif", b"GPS", b"xmpmeta", b"secret comment", b"ICC_PROFILE", b"PhoneModel", samples.PAYLOAD):
            assert trace not in stored
        assert stored.startswith(b"\xff\xd8\xff") and stored.endswith(b"\xff\xd9")  # nothing after the image
        image = Image.open(io.BytesIO(stored))
        assert image.format == "JPEG" and not image.getexif() and not image.getexif().get_ifd(0x8825)
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
        # EXIF orientation 6 (turn 90° clockwise) is applied to the pixels: the blue left half is now on top.
        assert image.size == (20, 40)
        top, bottom = image.getpixel((10, 5)), image.getpixel((10, 35))
        assert top[2] > 150 > top[0] and bottom[0] > 150 > bottom[2]

    def test_a_png_loses_text_chunks_exif_and_trailing_payload_and_keeps_its_pixels(self, group):
        original = samples.png_with_metadata()
        (stored,) = stored_bytes(group, SimpleUploadedFile("截图.png", original, "image/png"))
        for trace in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"xmpmeta", "建设路".encode(), samples.PAYLOAD):
            assert trace not in stored
        assert stored.endswith(b"IEND\xaeB`\x82")
        image, before = Image.open(io.BytesIO(stored)), Image.open(io.BytesIO(original))
        assert image.format == "PNG" and image.info == {}
        assert image.mode == before.mode == "RGBA" and image.tobytes() == before.tobytes()

    def test_a_cmyk_jpeg_is_stored_as_rgb(self, group):
        # Print-shop CMYK JPEGs show inverted or not at all in some browsers.
        image = io.BytesIO()
        Image.new("CMYK", (8, 8), (0, 255, 255, 0)).save(image, "JPEG")
        (stored,) = stored_bytes(group, SimpleUploadedFile("海报.jpg", image.getvalue()))
        decoded = Image.open(io.BytesIO(stored))
        assert decoded.mode == "RGB" and decoded.getpixel((4, 4))[0] > 200 > decoded.getpixel((4, 4))[1]

    def test_a_decompression_bomb_is_refused_before_it_is_decoded(self, group):
        # Its header promises 400 million pixels; its data is a few rows: decoding first would call it broken.
        refused_with(
            group,
            SimpleUploadedFile("大图.png", samples.png_bomb()),
            "附件“大图.png”的图片尺寸过大（超过4000万像素），请缩小后重新上传。",
        )

    def test_the_limit_is_a_pixel_count_not_a_file_size(self, group, monkeypatch):
        # A 120 000-pixel photo of a few KB over a limit lowered to 100 000 pixels.
        monkeypatch.setattr(uploads, "MAX_PIXELS", 100_000)
        refused_with(
            group,
            SimpleUploadedFile("照片.jpg", samples.jpeg_with_metadata(size=(400, 300))),
            "附件“照片.jpg”的图片尺寸过大（超过10万像素），请缩小后重新上传。",
        )

    @pytest.mark.parametrize(
        ("name", "content"),
        [("半张.jpg", samples.truncated_jpeg()), ("坏图.png", samples.CORRUPT_PNG)],
        ids=["truncated-jpeg", "corrupt-png"],
    )
    def test_broken_images_are_refused(self, group, name, content):
        refused_with(
            group,
            SimpleUploadedFile(name, content),
            f"附件“{name}”不是完整有效的图片（文件可能已损坏或不完整），请重新拍摄或导出后上传。",
        )

    def test_one_bad_file_refuses_the_whole_submission(self, group):
        good = SimpleUploadedFile("a.png", samples.png_with_metadata())
        bad = SimpleUploadedFile("b.pdf", samples.pdf_document_javascript())
        response = submit(group, good, bad)
        assert response.status_code == 400 and "attachments" in errors_of(response)
        assert not Question.objects.exists() and not QuestionAttachment.objects.exists()


ACTIVE = "为安全起见不予接收。请使用“打印为PDF”等方式另存为普通PDF后重新上传。"


@pytest.mark.parametrize(
    ("sample", "what"),
    [
        (samples.pdf_document_javascript, "JavaScript 脚本"),
        (samples.pdf_open_action_javascript, "JavaScript 脚本"),
        (samples.pdf_page_additional_action, "JavaScript 脚本"),
        (samples.pdf_escaped_names, "JavaScript 脚本"),
        (samples.pdf_object_outside_xref, "JavaScript 脚本"),
        (samples.pdf_link_launch, "启动外部程序的操作"),
        (samples.pdf_object_stream, "启动外部程序的操作"),
        (samples.pdf_link_submit_form, "向外提交表单数据的操作"),
        (samples.pdf_import_data, "导入外部数据的操作"),
        (samples.pdf_goto_embedded, "打开嵌入文件的操作"),
        (samples.pdf_embedded_file, "嵌入的文件"),
        (samples.pdf_rich_media, "富媒体（Flash 等）"),
        (samples.pdf_xfa_form, "XFA 动态表单"),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_pdfs_with_active_content_are_refused(group, sample, what):
    refused_with(group, SimpleUploadedFile("材料.pdf", sample()), f"附件“材料.pdf”含有{what}，{ACTIVE}")


def test_encrypted_and_unreadable_pdfs_are_refused(group):
    refused_with(
        group,
        SimpleUploadedFile("加密.pdf", samples.pdf_encrypted()),
        "附件“加密.pdf”已加密或设有权限密码，无法进行安全检查，请去除密码后重新上传。",
    )
    refused_with(
        group,
        SimpleUploadedFile("坏.pdf", b"%PDF-1.7\n\x00\x01 not a document"),
        "附件“坏.pdf”无法解析，可能不是有效的PDF文件或已损坏，请重新导出后上传。",
    )


@pytest.mark.parametrize("sample", [samples.clean_pdf, samples.pdf_clean_object_stream], ids=["plain", "object-stream"])
def test_a_plain_pdf_is_accepted_and_kept_as_sent(group, sample):
    content = sample()
    assert stored_bytes(group, SimpleUploadedFile("申请表.pdf", content, "application/pdf")) == [content]


def parsed_active_content(data: bytes) -> str | None:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return upload_worker._active_content([pdf.trailer, *pdf.objects], pikepdf)


class TestWhereEachTrickIsCaught:
    """The two inspections each catch what the other cannot see."""

    def test_the_parser_reads_escaped_names_and_compressed_object_streams(self):
        assert parsed_active_content(samples.pdf_escaped_names()) == "javascript"
        assert parsed_active_content(samples.pdf_object_stream()) == "launch"
        # The object stream's names are compressed: the byte search alone would miss them.
        assert upload_worker._raw_active_content(samples.pdf_object_stream()) is None

    def test_the_byte_search_finds_an_object_outside_the_cross_reference_table(self):
        data = samples.pdf_object_outside_xref()
        assert parsed_active_content(data) is None
        assert upload_worker._raw_active_content(data) == "javascript"

    def test_the_byte_search_ignores_names_inside_strings_and_stream_data(self):
        # clean_pdf links to …/JS/index.html: a name only inside a string.
        assert upload_worker._raw_active_content(samples.clean_pdf()) is None
        data = samples.build_pdf(samples.PAGE_OBJECTS, hidden=b"8 0 obj\n<< /Length 4 >>\nstream\n/JS \nendstream\n")
        assert upload_worker._raw_active_content(data) is None


class TestTheWorkerIsolatesTheWork:
    def test_a_pdf_with_too_many_objects_is_refused(self, group, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_PDF_OBJECTS", 2)
        refused_with(
            group,
            SimpleUploadedFile("长文档.pdf", samples.clean_pdf()),
            "附件“长文档.pdf”结构过于复杂（超过2个对象），无法进行安全检查，请拆分或另存为普通PDF后重新上传。",
        )

    def test_a_worker_that_does_not_finish_in_time_refuses_the_file(self, group, monkeypatch):
        monkeypatch.setattr(uploads, "WORKER_TIMEOUT", 0.001)
        refused_with(
            group,
            SimpleUploadedFile("照片.png", samples.png_with_metadata()),
            "附件“照片.png”未能完成安全检查（文件过于复杂或已损坏），请换用JPG、PNG或普通PDF后重新上传。",
        )

    def test_a_worker_out_of_memory_refuses_the_file(self, group, monkeypatch):
        # 24 MP of one colour: an 80 KB PNG that needs 72 MB decoded, more than a worker limited to 100 MB has.
        monkeypatch.setattr(uploads, "WORKER_MEMORY_BYTES", 100 * 1024**2)
        image = io.BytesIO()
        Image.new("RGB", (6000, 4000), (10, 200, 30)).save(image, "PNG")
        refused_with(
            group,
            SimpleUploadedFile("大图.png", image.getvalue()),
            "附件“大图.png”未能完成安全检查（文件过于复杂或已损坏），请换用JPG、PNG或普通PDF后重新上传。",
        )


def test_the_api_takes_no_attachments():
    """A tripwire: attachments through the API must go through QuestionForm.clean_attachments like the form's."""
    from interaction.api.questions import QuestionIn

    assert not {"attachments", "files", "attachment"} & set(QuestionIn.model_fields)
