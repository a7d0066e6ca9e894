from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "hr",
    "link",
    "document-link",
    "image",
    "blockquote",
]


class AttachmentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False)

    class Meta:
        icon = "doc-full"
        label = "附件链接"
        template = "blocks/attachment_link_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="小标题", form_classname="title", template="blocks/heading_block.html")
    paragraph = blocks.RichTextBlock(label="正文", features=RICH_TEXT_FEATURES)
    image = ImageBlock(label="图片", template="blocks/image_block.html")
    quote = blocks.BlockQuoteBlock(label="引文")
    table = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label="单元格", required=False), label="行"),
        label="简单表格",
        template="blocks/table_block.html",
    )
    attachment = AttachmentLinkBlock()
