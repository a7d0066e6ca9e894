"""Body blocks live in core (shared with openinfo); re-exported so existing migrations keep importing them."""

from core.blocks import RICH_TEXT_FEATURES, AttachmentLinkBlock, BodyStreamBlock

__all__ = ["RICH_TEXT_FEATURES", "AttachmentLinkBlock", "BodyStreamBlock"]
