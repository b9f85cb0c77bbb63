"""The Noto fonts that write Arabic and Chinese, for the charts of the reports.

Debian's fonts-noto-core and fonts-noto-cjk put them under /usr/share/fonts
(``make system-deps`` installs them). matplotlib keeps a cache of the fonts it
has seen, which may predate their installation: they are added by path, once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from matplotlib import font_manager

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
# The faces that carry the scripts DejaVu Sans lacks, regular and bold.
FACES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "NotoSansArabic-Regular.ttf")
# matplotlib takes, glyph by glyph, the first of these families that has it.
FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans Arabic"]


@cache
def register() -> tuple[str, ...]:
    """Adds the Noto faces found to matplotlib's fonts; the paths added."""
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    added = []
    for folder in FONT_DIRS:
        for face in FACES:
            path = folder / face
            if path.is_file() and str(path) not in known:
                font_manager.fontManager.addfont(str(path))
                added.append(str(path))
    return tuple(added)
