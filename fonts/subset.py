#!/usr/bin/env python3
"""Makes the picture font: Noto Sans CJK SC (Regular and Bold), cut down to
the characters the case picture can draw.

The characters are those of the picture's labels and the date formats in both
languages (templates/*/strings/picture.toml, format.toml), the holiday names of
policies/calendar-cn.toml, printable ASCII and a few signs. Run it again after
adding a character to a label (the font test says which one is missing):

    apt-get install fonts-noto-cjk   # Debian: /usr/share/fonts/opentype/noto/
    pip install fonttools
    python3 fonts/subset.py
"""

import pathlib
import sys
import tomllib

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto")
FAMILY = "Noto Sans CJK SC"
SIGNS = "¥·—–…，。、：；（）！？“”‘’《》「」→×−"


def characters():
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars.update(SIGNS)
    for lang in ("zh-CN", "en"):
        for name in ("picture.toml", "format.toml"):
            path = ROOT / "templates" / lang / "strings" / name
            for value in tomllib.loads(path.read_text("utf-8")).values():
                chars.update(value)
    calendar = tomllib.loads((ROOT / "policies" / "calendar-cn.toml").read_text("utf-8"))
    for year in calendar.get("years", {}).values():
        for holiday in year.get("holidays", []):
            chars.update(holiday.get("name", ""))
    return "".join(sorted(c for c in chars if c.isprintable()))


def face(collection_path):
    for font in TTCollection(str(collection_path)).fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    sys.exit(f"{FAMILY} not found in {collection_path}")


def main():
    text = characters()
    for weight in ("Regular", "Bold"):
        font = face(SOURCE / f"NotoSansCJK-{weight}.ttc")
        options = subset.Options()
        options.layout_features = ["kern", "liga", "palt"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = False
        options.desubroutinize = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        out = ROOT / "fonts" / f"NotoSansSC-Picture-{weight}.otf"
        font.save(str(out))
        print(f"{out.relative_to(ROOT)}: {len(text)} characters, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
