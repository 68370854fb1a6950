#!/usr/bin/env python3
"""Turn a terminal capture with colours (`tmux capture-pane -e -p`) into an SVG picture.

Usage: ansi2svg.py COLS ROWS < capture.txt > picture.svg

Only what a TUI screenshot needs: SGR colours (16, 256 and true colour), bold, dim,
reverse, underline and strikethrough, and wide (CJK) characters. No dependencies.
"""

import html
import re
import sys
import unicodedata

# A palette that reads well on a dark background (close to common terminal defaults).
PALETTE = [
    "#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
    "#666666", "#d54e53", "#b9ca4a", "#e7c547", "#7aa6da", "#c397d8", "#70c0b1", "#eaeaea",
]
DEFAULT_FG = "#c5c8c6"
DEFAULT_BG = "#1d1f21"
CELL_W = 8.4
CELL_H = 18
FONT_SIZE = 14


def color_256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (levels[n // 36], levels[(n // 6) % 6], levels[n % 6])
    gray = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (gray, gray, gray)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.reverse = self.underline = self.strike = False

    def copy(self):
        s = Style()
        s.__dict__.update(self.__dict__)
        return s

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 4:
                self.underline = True
            elif c == 24:
                self.underline = False
            elif c == 7:
                self.reverse = True
            elif c == 27:
                self.reverse = False
            elif c == 9:
                self.strike = True
            elif c == 29:
                self.strike = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif 90 <= c <= 97:
                self.fg = PALETTE[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif 100 <= c <= 107:
                self.bg = PALETTE[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    value = color_256(codes[i + 2])
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    value = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
                    i += 4
                else:
                    value = None
                if c == 38:
                    self.fg = value
                else:
                    self.bg = value
            i += 1

    def colors(self):
        fg = self.fg or DEFAULT_FG
        bg = self.bg or DEFAULT_BG
        if self.reverse:
            fg, bg = bg, fg
        return fg, bg


def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text, cols, rows):
    """A grid of (char, style) cells."""
    grid = [[(" ", Style()) for _ in range(cols)] for _ in range(rows)]
    style = Style()
    for y, line in enumerate(text.split("\n")[:rows]):
        x = 0
        for token in re.split(r"(\x1b\[[0-9;]*m)", line):
            if token.startswith("\x1b["):
                style.apply(token[2:-1])
                continue
            for ch in token:
                if x >= cols or unicodedata.category(ch) in ("Mn", "Cf"):
                    continue
                grid[y][x] = (ch, style.copy())
                x += width(ch)
    return grid


def svg(grid, cols, rows):
    w, h = cols * CELL_W, rows * CELL_H
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w + 20:.0f}" height="{h + 20:.0f}" '
        f'viewBox="-10 -10 {w + 20:.0f} {h + 20:.0f}">',
        f'<rect x="-10" y="-10" width="{w + 20:.0f}" height="{h + 20:.0f}" rx="8" fill="{DEFAULT_BG}"/>',
        f'<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="{FONT_SIZE}">',
    ]
    for y, row in enumerate(grid):
        # Backgrounds as one rectangle per run of a colour, so no seams show between cells.
        x = 0
        while x < cols:
            _, bg = row[x][1].colors()
            end = x + 1
            while end < cols and row[end][1].colors()[1] == bg:
                end += 1
            if bg != DEFAULT_BG:
                out.append(
                    f'<rect x="{x * CELL_W:.2f}" y="{y * CELL_H}" width="{(end - x) * CELL_W + 0.3:.2f}" '
                    f'height="{CELL_H}" fill="{bg}"/>'
                )
            x = end
        for x, (ch, style) in enumerate(row):
            if ch == " ":
                continue
            fg, _ = style.colors()
            attrs = [f'x="{x * CELL_W:.1f}"', f'y="{y * CELL_H + 13}"', f'fill="{fg}"']
            if style.bold:
                attrs.append('font-weight="bold"')
            if style.dim:
                attrs.append('opacity="0.6"')
            deco = [d for d, on in (("underline", style.underline), ("line-through", style.strike)) if on]
            if deco:
                attrs.append(f'text-decoration="{" ".join(deco)}"')
            out.append(f'<text {" ".join(attrs)}>{html.escape(ch)}</text>')
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    text = sys.stdin.read()
    sys.stdout.write(svg(parse(text, cols, rows), cols, rows))


if __name__ == "__main__":
    main()
