"""Body blocks live in core (shared with openinfo) and are re-exported so existing migrations keep importing them;
the 申请材料 rows of a 办事指南 are home's own."""

from wagtail import blocks

from core.blocks import RICH_TEXT_FEATURES, AttachmentLinkBlock, BodyStreamBlock

from .enums import MaterialForm


class MaterialValue(blocks.StructValue):
    def form_label(self) -> str:
        form = self.get("form")
        return MaterialForm(form).label if form in MaterialForm.values else ""


class MaterialBlock(blocks.StructBlock):
    """One row of the 申请材料 table (材料名称, 份数, 形式, 备注)."""

    name = blocks.CharBlock(label="材料名称", max_length=200)
    copies = blocks.IntegerBlock(label="份数", min_value=1, max_value=99, default=1)
    form = blocks.ChoiceBlock(label="材料形式", choices=MaterialForm.choices, default=MaterialForm.ORIGINAL)
    note = blocks.CharBlock(label="备注", required=False, max_length=300, help_text="如：须加盖公章、可容缺后补")

    class Meta:
        icon = "doc-full"
        label = "申请材料"
        value_class = MaterialValue


class MaterialsBlock(blocks.StreamBlock):
    material = MaterialBlock()


__all__ = ["RICH_TEXT_FEATURES", "AttachmentLinkBlock", "BodyStreamBlock", "MaterialBlock", "MaterialsBlock"]
