"""What the session documents share: the fonts, text as Typst content, page labels, QR codes.

The approach is the agenda's (relais.design.exports.agenda_pdf): a Typst preamble kept in a .typ
file sets the look, Python writes the values and the body before and after it, and every piece of
text — from users or from translations — goes through escape_markup, so it shows literally.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import qrcode
import qrcode.image.svg
import typst
from django.utils.translation import gettext as _

from relais.design.exports.typst_markup import escape_markup, string_literal

HERE = Path(__file__).parent


@cache
def preamble(name: str) -> str:
    """The Typst preamble `name` (a .typ file of this package), read once per process."""
    return (HERE / name).read_text(encoding="utf-8")


@cache
def fonts() -> typst.Fonts:
    """The fonts embedded in the typst package (Libertinus Serif covers Latin, Cyrillic and Greek);
    system fonts are ignored so that documents look the same on every machine."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)


def compile_pdf(source: str) -> bytes:
    """The PDF of a Typst source (tagged, for screen readers)."""
    return typst.compile(source.encode("utf-8"), font_paths=fonts(), format="pdf")


def content(text: str) -> str:
    """Text as a Typst content block: `[...]`."""
    return f"[{escape_markup(text)}]"


def page_label() -> str:
    """`#let page-label(current, total) = [Page #current of #total]`, translated."""
    label = escape_markup(_("Page %(n)s of %(total)s"))
    label = label.replace(r"\%\(n\)s", "#{current}").replace(r"\%\(total\)s", "#{total}")
    return f"#let page-label(current, total) = [{label}]"


def qr_svg(url: str) -> str:
    """A QR code of `url` as SVG (a single path, no quiet zone: the layout leaves the white margin)."""
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=0,
    )
    return str(image.to_string(encoding="unicode"))


def qr_image(url: str, *, size: str) -> str:
    """Typst code of an image of the QR code of `url`, `size` wide (e.g. "3cm"), with its alt text."""
    alt = string_literal(_("QR code: %(url)s") % {"url": url})
    return f'image(bytes({string_literal(qr_svg(url))}), format: "svg", width: {size}, alt: {alt})'
