#!/usr/bin/env python3
"""Runs micropython-font-to-py's own command line (font_to_py.main() with
sys.argv as given) and records, through the Font object it built, what
FreeType drew for every character of the output: the glyph's bitmap (0/1
pixels), top, left, width and height at the size font_to_py settled on, and
the font's cell metrics. This is the oracle's view, used to check the places
where glyphpack's files differ on purpose.

usage (in the folder holding font_to_py.py, by a Python with freetype):
    oracle_run.py DUMP.json FONT_TO_PY_ARGS...
"""
import json
import os
import sys

sys.path.insert(0, os.getcwd())
import font_to_py  # noqa: E402

fonts = []


class RecordingFont(font_to_py.Font):
    def __init__(self, *args, **kwargs):
        fonts.append(self)  # kept even when font_to_py fails while building it
        super().__init__(*args, **kwargs)


def glyph_data(fnt):
    out = {}
    for ch in fnt.keys():
        g = fnt._glyph_for_character(ch)
        out[str(ord(ch))] = {
            "top": g.top, "left": g.left, "width": g.width, "height": g.height,
            "advance": g.advance_width,
            "pixels": "".join("1" if p else "0" for p in g.bitmap.pixels),
            "cell_width": fnt[ch][1] if fnt[ch] else None,
            "own_width": fnt[ch][2] if fnt[ch] else None,
        }
    return {"height": fnt.height, "baseline": fnt._max_ascent, "max_width": fnt.max_width,
            "fixed_width": fnt.width, "glyphs": out, "error": None}


def main():
    dump = sys.argv[1]
    sys.argv = ["font_to_py.py"] + sys.argv[2:]
    font_to_py.Font = RecordingFont
    error = None
    try:
        font_to_py.main()
    except SystemExit as e:
        if e.code not in (0, None):
            error = "exit %s" % e.code
    except Exception as e:  # font_to_py's own failure: recorded, exit 1
        error = "%s: %s" % (type(e).__name__, e)
    data = None
    if fonts and getattr(fonts[-1], "height", None) is not None:
        data = glyph_data(fonts[-1])
        data["error"] = error
    with open(dump, "w") as f:
        json.dump(data, f)
    if error is not None:
        print("font_to_py failed:", error, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
