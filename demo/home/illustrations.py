"""Pictures for the demo group, drawn at seed time with Pillow — nothing is fetched from outside.

Portals (city and district) and topic sites get one illustrated lead story: the newest article of their home-page
columns receives a picture block. City portals get a bar chart of figures their seed document reports (株洲's
2015 report: 光网 coverage; 常德's 2016 work points name targets, not results, so 常德 gets a banner), the other
portals and topic sites a banner with the site's name and the article's title. Every picture has its alt text and
caption in Chinese, so the home page's 要闻 block (home/home_sections.py) and the article show something true.

Text in a picture needs a CJK font: the common Debian/Noto/WenQuanYi paths are tried; without one the picture is
drawn without words (the alt text and caption still say everything).
"""

import io
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from home.models import ArticlePage, ColumnPage
from sites.models import SiteProfile, SiteSettings
from sites.templatetags.site_tags import theme_colour

SIZE = (960, 540)
FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
# Figures as the seed documents give them (demo/seeds/zhuzhou-2015-smart-city-egov-report.txt, 基础设施).
CHARTS = {
    "zhuzhou": {
        "title": "2015年株洲“光网城市”建设成果",
        "unit": "个",
        "bars": (("光网覆盖小区", 3013), ("光纤入户小区", 572), ("光网入户行政村", 461)),
        "source": "数据来源：株洲市2015年智慧城市和电子政务工作报告",
        "about": "光网",  # the chart goes with the article that reports these figures
    },
}
ILLUSTRATED_KINDS = ("city", "district", "topic")


def cjk_font(size: int):
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


def _canvas(colour: str):
    image = PILImage.new("RGB", SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 12), fill=colour)
    return image, draw


def bar_chart(spec: dict, colour: str) -> PILImage.Image:
    image, draw = _canvas(colour)
    title_font, label_font = cjk_font(34), cjk_font(24)
    if title_font:
        draw.text((40, 36), spec["title"], font=title_font, fill="#222222")
        draw.text((40, SIZE[1] - 44), spec["source"], font=cjk_font(18), fill="#666666")
    top, bottom, left = 120, SIZE[1] - 90, 60
    peak = max(value for _, value in spec["bars"])
    width = (SIZE[0] - 2 * left) // len(spec["bars"])
    for index, (label, value) in enumerate(spec["bars"]):
        x0 = left + index * width + width // 5
        x1 = x0 + width * 3 // 5
        y0 = bottom - int((bottom - top - 40) * value / peak)
        draw.rectangle((x0, y0, x1, bottom), fill=colour)
        number = f"{value}{spec['unit']}" if label_font else str(value)
        draw.text((x0, y0 - 34), number, font=label_font or ImageFont.load_default(), fill="#222222")
        if label_font:
            draw.text((x0, bottom + 10), label, font=label_font, fill="#333333")
    draw.line((left, bottom, SIZE[0] - left, bottom), fill="#999999", width=2)
    return image


def banner(site_name: str, headline: str, colour: str) -> PILImage.Image:
    image, draw = _canvas(colour)
    draw.rectangle((0, 0, SIZE[0], SIZE[1]), fill=colour)
    for offset in range(-SIZE[1], SIZE[0], 48):  # the header's diagonal stripes, drawn
        draw.line((offset, SIZE[1], offset + SIZE[1], 0), fill=_lighter(colour), width=10)
    name_font, headline_font = cjk_font(56), cjk_font(32)
    if name_font:
        draw.text((60, 170), site_name, font=name_font, fill="#ffffff")
        draw.text((60, 270), headline[:26], font=headline_font, fill="#ffffff")
    return image


def _lighter(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(min(255, c + 18) for c in (red, green, blue)))


def store(picture: PILImage.Image, title: str, collection) -> object:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name="demo-illustration.png"), collection=collection
    )


def lead_article(profile: SiteProfile, about: str = ""):
    """The newest article of the site's first home-page column (with ``about`` in its title, when given)."""
    home = profile.site.root_page
    columns = ColumnPage.objects.child_of(home).filter(show_on_home=True).values_list("path", flat=True)
    for path in columns:
        articles = ArticlePage.objects.filter(path__startswith=path, alias_of__isnull=True)
        if about:
            articles = articles.filter(title__contains=about)
        article = articles.order_by("-publish_at").first()
        if article is not None:
            return article
    return None


def illustrate(profile: SiteProfile, colour: str) -> bool:
    """Give the site's lead article a picture (once: an article that already has one is left alone)."""
    spec = CHARTS.get(profile.slug)
    article = (spec and lead_article(profile, spec["about"])) or lead_article(profile)
    if article is None or any(block.block_type == "image" for block in article.body):
        return False
    if spec is not None and spec["about"] in article.title:
        picture, alt = bar_chart(spec, colour), _chart_alt(spec)
    else:
        picture = banner(profile.display_name, article.title, colour)
        alt = f"{profile.display_name}宣传图：{article.title}"
    image = store(picture, alt[:255], profile.collection)
    article.body.insert(0, ("image", {"image": image, "decorative": False, "alt_text": alt}))
    article.save(update_fields=["body"])
    return True


def _chart_alt(spec: dict) -> str:
    figures = "，".join(f"{label}{value}{spec['unit']}" for label, value in spec["bars"])
    return f"柱状图：{spec['title']}。{figures}。{spec['source']}。"


def illustrate_group() -> int:
    """Illustrate every portal and topic site of the demo group in its theme colour; the number of pictures made."""
    colours = dict(SiteSettings.objects.values_list("site_id", "theme_colour"))
    made = 0
    for profile in SiteProfile.objects.with_site().filter(kind__in=ILLUSTRATED_KINDS).select_related("collection"):
        made += illustrate(profile, theme_colour(colours.get(profile.site_id)))
    return made
