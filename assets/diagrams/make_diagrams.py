#!/usr/bin/env python3
"""Generate the lesson diagrams for Lambda Lab.

Usage:  python3 make_diagrams.py
Needs:  Pillow (pip install pillow) and a sans-serif TTF font (DejaVu Sans is
        looked up first; on Debian/Ubuntu: apt-get install fonts-dejavu-core).

The PNG files are written next to this script:
  serverless-responsibility.png   who manages what: a server on EC2 vs a Lambda function
  image-upload-before-after.png   the thumbnail example, EC2 servers vs S3 event -> Lambda

Everything is drawn at SCALE times the final size and then shrunk, which gives
smooth (anti-aliased) lines and text.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT_DIR = Path(__file__).resolve().parent
SCALE = 2

FONT_CANDIDATES = {
    "regular": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/Library/Fonts/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "C:/Windows/Fonts/arial.ttf",
    ],
    "bold": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/Library/Fonts/Arial Bold.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
    ],
}

# Colours: light fills, dark text.
WHITE = "#FFFFFF"
TEXT = "#1F2933"
MUTED = "#52606D"
LINE = "#3E4C59"
YOU_FILL = "#FDE2C4"  # things you manage
YOU_EDGE = "#C4661F"
AWS_FILL = "#D3E4FA"  # things AWS manages
AWS_EDGE = "#2F6DB5"
GREY_FILL = "#EEF1F4"
GREY_EDGE = "#7B8794"
WARN_FILL = "#FDE8E8"
WARN_EDGE = "#B42318"
OK_TEXT = "#1E6B3A"


def font(kind, size_px):
    """Font of the given kind ('regular' or 'bold') at size_px final pixels."""
    for path in FONT_CANDIDATES[kind]:
        if Path(path).exists():
            return ImageFont.truetype(path, size_px * SCALE)
    raise SystemExit(
        "No TTF font found. Install DejaVu (apt-get install fonts-dejavu-core) "
        "or add a font path to FONT_CANDIDATES."
    )


class Canvas:
    """A drawing surface that takes coordinates in final pixels."""

    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.image = Image.new("RGB", (width * SCALE, height * SCALE), WHITE)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def s(value):
        return round(value * SCALE)

    def box(self, x, y, w, h, fill, edge, radius=10, width=2):
        self.draw.rounded_rectangle(
            [self.s(x), self.s(y), self.s(x + w), self.s(y + h)],
            radius=self.s(radius),
            fill=fill,
            outline=edge,
            width=self.s(width),
        )

    def text(self, x, y, text, fnt, fill=TEXT, anchor="la"):
        self.draw.text((self.s(x), self.s(y)), text, font=fnt, fill=fill, anchor=anchor)

    def text_center(self, cx, cy, lines, fonts, fill=TEXT, gap=6):
        """Draw several lines centred on (cx, cy); fonts is one font per line."""
        heights = []
        for line, fnt in zip(lines, fonts):
            top, bottom = fnt.getbbox("Ag")[1], fnt.getbbox("Ag")[3]
            heights.append((bottom - top) / SCALE)
        total = sum(heights) + gap * (len(lines) - 1)
        y = cy - total / 2
        for line, fnt, h in zip(lines, fonts, heights):
            self.text(cx, y + h / 2, line, fnt, fill=fill, anchor="mm")
            y += h + gap

    def line(self, points, fill=LINE, width=2, dash=None):
        pts = [(self.s(x), self.s(y)) for x, y in points]
        if dash is None:
            self.draw.line(pts, fill=fill, width=self.s(width), joint="curve")
            return
        on, off = dash
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
            if length == 0:
                continue
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            pos = 0.0
            while pos < length:
                end = min(pos + self.s(on), length)
                self.draw.line(
                    [(x1 + ux * pos, y1 + uy * pos), (x1 + ux * end, y1 + uy * end)],
                    fill=fill,
                    width=self.s(width),
                )
                pos = end + self.s(off)

    def arrow(self, x1, y1, x2, y2, fill=LINE, width=2, dash=None, head=12):
        """Straight arrow from (x1, y1) to (x2, y2), head at the end."""
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        base_x, base_y = x2 - ux * head, y2 - uy * head
        self.line([(x1, y1), (base_x, base_y)], fill=fill, width=width, dash=dash)
        px, py = -uy, ux
        half = head * 0.55
        self.draw.polygon(
            [
                (self.s(x2), self.s(y2)),
                (self.s(base_x + px * half), self.s(base_y + py * half)),
                (self.s(base_x - px * half), self.s(base_y - py * half)),
            ],
            fill=fill,
        )

    def save(self, name):
        final = self.image.resize((self.width, self.height), Image.LANCZOS)
        path = OUT_DIR / name
        final.save(path, optimize=True)
        print(f"wrote {path} ({self.width}x{self.height})")


def responsibility():
    """Who manages what: a server on EC2 versus a function on Lambda."""
    rows = [
        ("Your code", "You", "You"),
        ("Libraries your code uses", "You", "You"),
        ("Settings: memory, timeout, env vars", "You", "You"),
        ("Permissions (IAM roles and policies)", "You", "You"),
        ("Your data", "You", "You"),
        ("Language runtime (Node.js, Python, ...)", "You", "AWS"),
        ("Operating system and security patches", "You", "AWS"),
        ("Scaling up and down with traffic", "You", "AWS"),
        ("Staying up across Availability Zones", "You", "AWS"),
        ("Hardware, network, data centres", "AWS", "AWS"),
    ]
    width, row_h, top = 1100, 38, 136
    height = top + row_h * len(rows) + 70
    c = Canvas(width, height)
    title, head, body, bold = font("bold", 26), font("bold", 19), font("regular", 18), font(
        "bold", 18
    )
    small = font("regular", 16)

    c.text(40, 26, "Who manages what?", title)
    c.text(
        40, 62, "Servers still exist with Lambda. AWS simply runs more of the stack for you.",
        small, fill=MUTED,
    )

    label_x, col1_x, col2_x, col_w = 40, 560, 820, 240
    c.text(label_x, top - 14, "Layer", head, anchor="ls")
    c.text(col1_x + col_w / 2, top - 14, "A server on EC2", head, anchor="ms")
    c.text(col2_x + col_w / 2, top - 14, "A function on Lambda", head, anchor="ms")

    for i, (label, ec2, lam) in enumerate(rows):
        y = top + i * row_h
        if i % 2 == 0:
            c.draw.rectangle(
                [c.s(30), c.s(y), c.s(width - 30), c.s(y + row_h)], fill="#F7F9FB"
            )
        c.text(label_x, y + row_h / 2, label, body, anchor="lm")
        for x, who in ((col1_x, ec2), (col2_x, lam)):
            fill, edge = (YOU_FILL, YOU_EDGE) if who == "You" else (AWS_FILL, AWS_EDGE)
            c.box(x + 4, y + 4, col_w - 8, row_h - 8, fill, edge, radius=8, width=1.5)
            c.text(x + col_w / 2, y + row_h / 2, who, bold, anchor="mm")

    # Bracket showing the part that moved from you to AWS.
    moved_top = top + 5 * row_h
    moved_bottom = top + 9 * row_h
    bx = col2_x + col_w + 8
    c.line([(bx, moved_top + 4), (bx + 8, moved_top + 4)], fill=AWS_EDGE, width=2)
    c.line([(bx + 8, moved_top + 4), (bx + 8, moved_bottom - 4)], fill=AWS_EDGE, width=2)
    c.line([(bx, moved_bottom - 4), (bx + 8, moved_bottom - 4)], fill=AWS_EDGE, width=2)

    legend_y = top + row_h * len(rows) + 34
    c.box(40, legend_y - 12, 24, 24, YOU_FILL, YOU_EDGE, radius=5, width=1.5)
    c.text(74, legend_y, "You manage it", small, anchor="lm")
    c.box(250, legend_y - 12, 24, 24, AWS_FILL, AWS_EDGE, radius=5, width=1.5)
    c.text(284, legend_y, "AWS manages it", small, anchor="lm")
    c.text(
        width - 40, legend_y,
        "With Lambda, the four middle layers move to AWS.", small,
        fill=AWS_EDGE, anchor="rm",
    )
    c.save("serverless-responsibility.png")


def before_after():
    """The thumbnail example: EC2 servers and polling versus S3 event -> Lambda."""
    width, height = 1100, 668
    c = Canvas(width, height)
    title, panel_title = font("bold", 26), font("bold", 20)
    name, detail, label = font("bold", 17), font("regular", 16), font("regular", 16)

    c.text(40, 26, "Making thumbnails: before and after Lambda", title)
    small = font("regular", 16)
    c.box(40, 62, 20, 20, YOU_FILL, YOU_EDGE, radius=4, width=1.5)
    c.text(68, 72, "yours to write or run", small, anchor="lm")
    c.box(270, 62, 20, 20, AWS_FILL, AWS_EDGE, radius=4, width=1.5)
    c.text(298, 72, "run by AWS", small, anchor="lm")

    panels = [
        (30, "Before: servers you run on EC2"),
        (570, "After: an event starts a function"),
    ]
    panel_w, panel_top, panel_h = 500, 100, 548
    for x, heading in panels:
        c.box(x, panel_top, panel_w, panel_h, "#FBFCFD", GREY_EDGE, radius=14, width=1.5)
        c.text(x + panel_w / 2, panel_top + 30, heading, panel_title, anchor="mm")

    box_w, box_h = 330, 62
    ys = [160, 260, 360, 460]

    def node(panel_x, row, lines, fill, edge, box_x=None):
        bx = box_x if box_x is not None else panel_x + (panel_w - box_w) / 2
        by = ys[row]
        c.box(bx, by, box_w, box_h, fill, edge)
        fonts = [name] + [detail] * (len(lines) - 1)
        c.text_center(bx + box_w / 2, by + box_h / 2, lines, fonts)
        return bx, by

    # ---- Before -------------------------------------------------------------
    left = 30
    node(left, 0, ["Visitor uploads a photo"], GREY_FILL, GREY_EDGE)
    node(left, 1, ["Web server (EC2)", "saves photo to disk, adds a job"], YOU_FILL, YOU_EDGE)
    node(left, 2, ["Job table", "list of photos still to resize"], GREY_FILL, GREY_EDGE)
    node(left, 3, ["Worker server (EC2)", "asks every few seconds: any jobs?"],
         YOU_FILL, YOU_EDGE)
    cx = left + panel_w / 2
    c.arrow(cx, ys[0] + box_h, cx, ys[1], width=2.5)
    c.text(cx + 12, (ys[0] + box_h + ys[1]) / 2, "upload (HTTP)", label, fill=MUTED,
           anchor="lm")
    c.arrow(cx, ys[1] + box_h, cx, ys[2], width=2.5)
    c.text(cx + 12, (ys[1] + box_h + ys[2]) / 2, "write job", label, fill=MUTED,
           anchor="lm")
    c.arrow(cx, ys[3], cx, ys[2] + box_h, width=2.5, dash=(7, 5))
    c.text(cx + 12, (ys[2] + box_h + ys[3]) / 2, "polling, even when empty", label,
           fill=MUTED, anchor="lm")
    c.text_center(
        cx, 568,
        ["Both servers run and bill 24/7,", "you patch them and plan their size."],
        [detail, detail], fill=YOU_EDGE,
    )
    c.text(cx, 620, "The worker saves thumbnails to shared storage.", label, fill=MUTED,
           anchor="mm")

    # ---- After --------------------------------------------------------------
    right = 570
    node(right, 0, ["Visitor uploads a photo"], GREY_FILL, GREY_EDGE)
    node(right, 1, ["S3 bucket: photos-uploads", "stores the original"], AWS_FILL, AWS_EDGE)
    node(right, 2, ["Lambda function", "makes a 200 px thumbnail"], YOU_FILL, YOU_EDGE)
    node(right, 3, ["S3 bucket: photos-thumbnails", "a DIFFERENT bucket"], AWS_FILL,
         AWS_EDGE)
    cx = right + panel_w / 2
    c.arrow(cx, ys[0] + box_h, cx, ys[1], width=2.5)
    c.text(cx + 12, (ys[0] + box_h + ys[1]) / 2, "PUT object", label, fill=MUTED,
           anchor="lm")
    c.arrow(cx, ys[1] + box_h, cx, ys[2], width=2.5, fill=AWS_EDGE)
    c.text(cx + 12, (ys[1] + box_h + ys[2]) / 2, "ObjectCreated event", font("bold", 16),
           fill=AWS_EDGE, anchor="lm")
    c.arrow(cx, ys[2] + box_h, cx, ys[3], width=2.5)
    c.text(cx + 12, (ys[2] + box_h + ys[3]) / 2, "write thumbnail", label, fill=MUTED,
           anchor="lm")
    c.text_center(
        cx, 568,
        ["Runs only when a photo arrives.", "No upload, no run, no compute bill."],
        [detail, detail], fill=OK_TEXT,
    )
    c.box(right + 40, 600, panel_w - 80, 36, WARN_FILL, WARN_EDGE, radius=8, width=1.5)
    c.text(cx, 618, "Same bucket for output = endless loop!", font("bold", 16),
           fill=WARN_EDGE, anchor="mm")
    c.save("image-upload-before-after.png")


if __name__ == "__main__":
    responsibility()
    before_after()
