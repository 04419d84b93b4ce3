"""A terminal pane as `tmux capture-pane -e -p` prints it (text with SGR colour escapes) turned
into one HTML page of fixed-width cells, for a screenshot. Reads standard input, writes standard
output. Handles the SGR codes Neovim sends: reset, bold, italic, underline, reverse, the 16, 256
and 24-bit colours, for foreground and background."""
import html
import re
import sys

BASE = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
        "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"]


def color256(n):
    if n < 16:
        return BASE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)


def main():
    fg0, bg0 = "#e0e0e0", "#1e1e1e"
    out = []
    for line in sys.stdin.read().split("\n"):
        state = {"fg": None, "bg": None, "bold": False, "italic": False, "under": False, "rev": False}
        row = []
        for part in re.split(r"(\x1b\[[0-9;:]*m)", line):
            m = re.fullmatch(r"\x1b\[([0-9;:]*)m", part)
            if m:
                codes = [int(c) if c else 0 for c in re.split("[;:]", m.group(1))] or [0]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        state = {k: (False if isinstance(v, bool) else None) for k, v in state.items()}
                    elif c == 1:
                        state["bold"] = True
                    elif c == 3:
                        state["italic"] = True
                    elif c == 4:
                        state["under"] = True
                    elif c == 7:
                        state["rev"] = True
                    elif c == 22:
                        state["bold"] = False
                    elif c == 23:
                        state["italic"] = False
                    elif c == 24:
                        state["under"] = False
                    elif c == 27:
                        state["rev"] = False
                    elif c in (38, 48):
                        key = "fg" if c == 38 else "bg"
                        if i + 1 < len(codes) and codes[i + 1] == 5 and i + 2 < len(codes):
                            state[key] = color256(codes[i + 2])
                            i += 2
                        elif i + 1 < len(codes) and codes[i + 1] == 2 and i + 4 < len(codes):
                            state[key] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
                            i += 4
                    elif c == 39:
                        state["fg"] = None
                    elif c == 49:
                        state["bg"] = None
                    elif 30 <= c <= 37:
                        state["fg"] = BASE[c - 30]
                    elif 40 <= c <= 47:
                        state["bg"] = BASE[c - 40]
                    elif 90 <= c <= 97:
                        state["fg"] = BASE[c - 90 + 8]
                    elif 100 <= c <= 107:
                        state["bg"] = BASE[c - 100 + 8]
                    i += 1
                continue
            if not part:
                continue
            fg, bg = state["fg"] or fg0, state["bg"] or bg0
            if state["rev"]:
                fg, bg = bg, fg
            style = "color:%s;background:%s" % (fg, bg)
            if state["bold"]:
                style += ";font-weight:bold"
            if state["italic"]:
                style += ";font-style:italic"
            if state["under"]:
                style += ";text-decoration:underline"
            row.append('<span style="%s">%s</span>' % (style, html.escape(part)))
        out.append("".join(row))
    body = "\n".join(out)
    print("<!doctype html><meta charset=utf-8><style>body{margin:0;background:%s}"
          "pre{margin:0;padding:8px;font:15px/1.25 'Noto Sans Mono CJK SC','DejaVu Sans Mono',"
          "monospace;color:%s}</style><pre>%s</pre>" % (bg0, fg0, body))


main()
