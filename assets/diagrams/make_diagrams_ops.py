#!/usr/bin/env python3
"""Generate the diagrams for the "operations" lessons of Lambda Lab.

Usage:  python3 make_diagrams_ops.py
Needs:  Pillow (pip install pillow) and a sans-serif TTF font (DejaVu Sans is
        looked up first; on Debian/Ubuntu: apt-get install fonts-dejavu-core).

The PNG files are written next to this script:
  concurrency-lanes.png      10 requests a second of 300 ms each keep 3 environments busy
  concurrency-burst.png      environments over time during a burst: scaling rate and throttles
  layers-opt.png             two layers and the function code, merged into /opt and /var/task
  lambda-vs-ec2-cost.png     monthly cost of a small function against two small EC2 instances
  security-two-policies.png  resource-based policy (who may invoke) vs execution role (what
                             the function may do)

All prices are us-east-1 on-demand figures from ../../../shared/FACTS.md (checked 2026-11);
EC2 prices must be re-checked on the EC2 pricing page before shipping.

This script is self-contained on purpose (it does not import make_diagrams.py), so the two
can change independently. Everything is drawn at SCALE times the final size and then shrunk,
which gives smooth (anti-aliased) lines and text.
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
    "mono": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
        "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
        "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
        "/Library/Fonts/Courier New.ttf",
        "C:/Windows/Fonts/consola.ttf",
    ],
}

# Colours: light fills, dark text (same palette as make_diagrams.py).
WHITE = "#FFFFFF"
TEXT = "#1F2933"
MUTED = "#52606D"
LINE = "#3E4C59"
GRID = "#E4E7EB"
YOU_FILL = "#FDE2C4"
YOU_EDGE = "#C4661F"
AWS_FILL = "#D3E4FA"
AWS_EDGE = "#2F6DB5"
GREY_FILL = "#EEF1F4"
GREY_EDGE = "#7B8794"
WARN_FILL = "#FDE8E8"
WARN_EDGE = "#B42318"
OK_FILL = "#DDF3E4"
OK_EDGE = "#1E6B3A"

# Prices (USD, us-east-1) from shared/FACTS.md.
REQUEST_PRICE = 0.0000002
ARM_GBS_PRICE = 0.0000133334
FREE_REQUESTS = 1_000_000
FREE_GBS = 400_000
T4G_SMALL_HOURLY = 0.0168
T3_MICRO_HOURLY = 0.0104
HOURS_PER_MONTH = 730


def font(kind, size_px):
    """Font of the given kind ('regular', 'bold' or 'mono') at size_px final pixels."""
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

    def rect(self, x1, y1, x2, y2, fill, edge=None, width=1):
        self.draw.rectangle(
            [self.s(x1), self.s(y1), self.s(x2), self.s(y2)],
            fill=fill,
            outline=edge,
            width=self.s(width) if edge else 0,
        )

    def polygon(self, points, fill):
        self.draw.polygon([(self.s(x), self.s(y)) for x, y in points], fill=fill)

    def text(self, x, y, text, fnt, fill=TEXT, anchor="la"):
        self.draw.text((self.s(x), self.s(y)), text, font=fnt, fill=fill, anchor=anchor)

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
        self.polygon(
            [
                (x2, y2),
                (base_x + px * half, base_y + py * half),
                (base_x - px * half, base_y - py * half),
            ],
            fill=fill,
        )

    def save(self, name):
        final = self.image.resize((self.width, self.height), Image.LANCZOS)
        path = OUT_DIR / name
        final.save(path, optimize=True)
        print(f"wrote {path} ({self.width}x{self.height})")


def money(value):
    return f"${value:,.2f}"


# ---------------------------------------------------------------------------------------
# Lesson 8: concurrency
# ---------------------------------------------------------------------------------------


def concurrency_lanes():
    """10 requests a second, 300 ms each: about 3 environments are busy at any moment."""
    width, height = 1100, 560
    c = Canvas(width, height)
    title, body, small, bold = (
        font("bold", 26), font("regular", 18), font("regular", 16), font("bold", 16)
    )
    c.text(40, 26, "Concurrency = requests in flight at the same moment", title)
    c.text(
        40, 64,
        "One request arrives every 100 ms (10 per second). Each one runs for 300 ms.",
        body, fill=MUTED,
    )

    left, right = 190, 1060
    top, lane_h, lanes = 130, 70, 3
    ms_to_x = lambda ms: left + (right - left) * ms / 1000  # noqa: E731

    # Grid and time axis.
    axis_y = top + lanes * lane_h + 10
    for ms in range(0, 1001, 100):
        x = ms_to_x(ms)
        c.line([(x, top - 8), (x, axis_y)], fill=GRID, width=1)
        c.text(x, axis_y + 8, f"{ms}", small, fill=MUTED, anchor="ma")
    c.text(right, axis_y + 32, "time (ms)", small, fill=MUTED, anchor="ra")

    colours = [(AWS_FILL, AWS_EDGE), (YOU_FILL, YOU_EDGE), (OK_FILL, OK_EDGE)]
    for lane in range(lanes):
        y = top + lane * lane_h
        c.text(40, y + lane_h / 2, f"Environment {lane + 1}", bold, anchor="lm")
        c.line([(left, y + lane_h - 4), (right, y + lane_h - 4)], fill=GREY_EDGE, width=1)

    # Request n (1-based) arrives at (n-1)*100 ms and lands on environment (n-1) % 3.
    for n in range(1, 11):
        start = (n - 1) * 100
        end = min(start + 300, 1000)
        lane = (n - 1) % 3
        y = top + lane * lane_h + 10
        fill, edge = colours[lane]
        x1, x2 = ms_to_x(start) + 2, ms_to_x(end) - 2
        c.box(x1, y, x2 - x1, lane_h - 24, fill, edge, radius=6, width=1.5)
        label = f"request {n}" if end - start == 300 else f"req {n} ..."
        c.text((x1 + x2) / 2, y + (lane_h - 24) / 2, label, small, anchor="mm")

    # In-flight count strip.
    strip_y = axis_y + 70
    c.text(40, strip_y + 16, "In flight", bold, anchor="lm")
    for i in range(10):
        ms = i * 100 + 50
        count = min(i + 1, 3)
        x = ms_to_x(ms)
        fill, edge = (OK_FILL, OK_EDGE) if count == 3 else (GREY_FILL, GREY_EDGE)
        c.box(x - 34, strip_y, 68, 32, fill, edge, radius=6, width=1.5)
        c.text(x, strip_y + 16, str(count), bold, anchor="mm")

    c.box(40, height - 72, width - 80, 48, GREY_FILL, GREY_EDGE, radius=10, width=1.5)
    c.text(
        width / 2, height - 48,
        "concurrency = 10 requests/s x 0.3 s = 3 environments, "
        "each serving one request at a time",
        bold, anchor="mm",
    )
    c.save("concurrency-lanes.png")


def concurrency_burst():
    """A quiet function hit by a burst: at most 1,000 new environments every 10 s."""
    width, height = 1100, 640
    c = Canvas(width, height)
    title, body, small, bold = (
        font("bold", 26), font("regular", 18), font("regular", 16), font("bold", 16)
    )
    c.text(40, 26, "A burst: environments over time", title)
    c.text(
        40, 64,
        "A flash sale opens at 0 s and needs 2,500 requests in flight. "
        "Account limit raised to 3,000.",
        body, fill=MUTED,
    )

    left, right, top, bottom = 120, 1060, 140, 530
    t_min, t_max, y_max = -5, 40, 3000
    tx = lambda t: left + (right - left) * (t - t_min) / (t_max - t_min)  # noqa: E731
    vy = lambda v: bottom - (bottom - top) * v / y_max  # noqa: E731

    for v in range(0, y_max + 1, 500):
        c.line([(left, vy(v)), (right, vy(v))], fill=GRID, width=1)
        c.text(left - 12, vy(v), f"{v:,}", small, fill=MUTED, anchor="rm")
    for t in range(0, t_max + 1, 10):
        c.line([(tx(t), top), (tx(t), bottom)], fill=GRID, width=1)
        c.text(tx(t), bottom + 10, f"{t} s", small, fill=MUTED, anchor="ma")
    c.line([(left, top), (left, bottom), (right, bottom)], fill=LINE, width=2)
    c.text(left + 8, top - 12, "environments", small, fill=MUTED, anchor="lb")

    # Available environments: at most +1,000 per 10 s, capped by demand.
    steps = [(t_min, 0), (0, 1000), (10, 2000), (20, 2500)]
    capacity = []
    for i, (t, v) in enumerate(steps):
        t_next = steps[i + 1][0] if i + 1 < len(steps) else t_max
        capacity.append((tx(t), vy(v)))
        capacity.append((tx(t_next), vy(v)))

    # Throttled area: between demand (2,500 from 0 s) and capacity.
    for t0, t1, v in ((0, 10, 1000), (10, 20, 2000)):
        c.rect(tx(t0), vy(2500), tx(t1), vy(v), fill=WARN_FILL)
    c.text(tx(5), vy(1750), "throttled:", bold, fill=WARN_EDGE, anchor="mm")
    c.text(tx(5), vy(1750) + 22, "429 errors", bold, fill=WARN_EDGE, anchor="mm")

    # Demand line (dashed) and capacity line (solid).
    c.line([(tx(t_min), vy(0)), (tx(0), vy(0)), (tx(0), vy(2500)), (tx(t_max), vy(2500))],
           fill=WARN_EDGE, width=2.5, dash=(9, 6))
    c.line(capacity, fill=AWS_EDGE, width=4)

    # Default limit reference line.
    c.line([(tx(0), vy(1000)), (tx(t_max), vy(1000))], fill=GREY_EDGE, width=1.5,
           dash=(4, 5))
    c.text(tx(39.5), vy(1000) - 8,
           "with the default account limit of 1,000, the function would stop here",
           small, fill=MUTED, anchor="rb")

    c.text(tx(21), vy(2500) - 12, "needed: 2,500 in flight", bold, fill=WARN_EDGE,
           anchor="lb")
    c.text(tx(0.6), vy(1000) + 10, "+1,000", bold, fill=AWS_EDGE, anchor="la")
    c.text(tx(10.6), vy(2000) + 10, "+1,000", bold, fill=AWS_EDGE, anchor="la")
    c.text(tx(20.6), vy(2500) + 10, "+500: enough", bold, fill=AWS_EDGE, anchor="la")

    legend_y = height - 50
    c.line([(120, legend_y), (170, legend_y)], fill=AWS_EDGE, width=4)
    c.text(180, legend_y, "environments available (at most +1,000 per 10 s)",
           small, anchor="lm")
    c.line([(660, legend_y), (710, legend_y)], fill=WARN_EDGE, width=2.5, dash=(9, 6))
    c.text(720, legend_y, "requests that want to run", small, anchor="lm")
    c.save("concurrency-burst.png")


# ---------------------------------------------------------------------------------------
# Lesson 9: layers
# ---------------------------------------------------------------------------------------


def layers_opt():
    """Two layers and the function code, merged into the environment's file system."""
    width, height = 1100, 640
    c = Canvas(width, height)
    title, head, body, small, bold = (
        font("bold", 26), font("bold", 20), font("regular", 17), font("regular", 16),
        font("bold", 17),
    )
    mono = font("mono", 16)
    c.text(40, 26, "Layers are unzipped into /opt, in order", title)
    c.text(40, 64, "If two layers contain the same file, the later layer's copy wins.", body,
           fill=MUTED)

    c.text(40, 118, "What you attach to the function", head)
    c.text(620, 118, "What the environment sees", head)

    box_w = 480
    sources = [
        (150, "Layer 1 (order 1): shared-libs, version 3", AWS_FILL, AWS_EDGE,
         ["nodejs/node_modules/dayjs/...", "nodejs/node_modules/greeting/  (v1)"]),
        (290, "Layer 2 (order 2): team-tools, version 7", AWS_FILL, AWS_EDGE,
         ["nodejs/node_modules/greeting/  (v2)", "bin/resize"]),
        (450, "Function code: your .zip", YOU_FILL, YOU_EDGE, ["index.mjs"]),
    ]
    for y, label, fill, edge, files in sources:
        h = 58 + 26 * len(files)
        c.box(40, y, box_w, h, fill, edge)
        c.text(58, y + 14, label, bold)
        for i, f in enumerate(files):
            c.text(58, y + 46 + 26 * i, f, mono)

    # /opt result.
    opt_x, opt_y, opt_w, opt_h = 620, 150, 440, 226
    c.box(opt_x, opt_y, opt_w, opt_h, GREY_FILL, GREY_EDGE)
    c.text(opt_x + 18, opt_y + 14, "/opt", bold)
    rows = [
        ("nodejs/node_modules/dayjs/", "from layer 1", MUTED),
        ("nodejs/node_modules/greeting/", "v2: layer 2 wins", WARN_EDGE),
        ("bin/resize", "from layer 2, on PATH", MUTED),
    ]
    for i, (path, note, colour) in enumerate(rows):
        y = opt_y + 52 + 56 * i
        c.text(opt_x + 18, y, path, mono)
        c.text(opt_x + 34, y + 24, note, small, fill=colour)

    task_x, task_y, task_w, task_h = 620, 450, 440, 84
    c.box(task_x, task_y, task_w, task_h, GREY_FILL, GREY_EDGE)
    c.text(task_x + 18, task_y + 14, "/var/task  (your function code)", bold)
    c.text(task_x + 18, task_y + 42, "index.mjs", mono)

    c.arrow(40 + box_w + 6, 200, opt_x - 8, 230, width=2.5)
    c.arrow(40 + box_w + 6, 340, opt_x - 8, 300, width=2.5)
    c.arrow(40 + box_w + 6, 492, task_x - 8, 492, width=2.5, fill=YOU_EDGE)

    c.box(40, height - 76, width - 80, 52, GREY_FILL, GREY_EDGE, radius=10, width=1.5)
    c.text(
        width / 2, height - 50,
        "Up to 5 layers. Code + all layers together: at most 250 MB unzipped.",
        bold, anchor="mm",
    )
    c.save("layers-opt.png")


# ---------------------------------------------------------------------------------------
# Lesson 12: Lambda versus EC2
# ---------------------------------------------------------------------------------------


def lambda_monthly_cost(requests, memory_mb=512, billed_ms=100):
    """arm64 on-demand cost with the free tier, each line rounded to cents."""
    gbs = requests * billed_ms / 1000 * memory_mb / 1024
    duration = round(max(0.0, gbs - FREE_GBS) * ARM_GBS_PRICE, 2)
    reqs = round(max(0, requests - FREE_REQUESTS) * REQUEST_PRICE, 2)
    return duration + reqs


def lambda_vs_ec2():
    """Monthly cost against requests per month: one Lambda line, two flat EC2 lines."""
    width, height = 1100, 660
    c = Canvas(width, height)
    title, body, small, bold = (
        font("bold", 26), font("regular", 18), font("regular", 16), font("bold", 16)
    )
    c.text(40, 26, "Monthly cost: a small Lambda function vs one small EC2 instance", title)
    c.text(
        40, 64,
        "Lambda: arm64, 512 MB, 100 ms per request, free tier applied. "
        "EC2: one instance, 730 h.",
        body, fill=MUTED,
    )

    left, right, top, bottom = 110, 1050, 120, 530
    x_max, y_max = 40, 35  # millions of requests, USD
    mx = lambda m: left + (right - left) * m / x_max  # noqa: E731
    vy = lambda v: bottom - (bottom - top) * v / y_max  # noqa: E731

    for v in range(0, y_max + 1, 5):
        c.line([(left, vy(v)), (right, vy(v))], fill=GRID, width=1)
        c.text(left - 12, vy(v), f"${v}", small, fill=MUTED, anchor="rm")
    for m in range(0, x_max + 1, 5):
        c.line([(mx(m), top), (mx(m), bottom)], fill=GRID, width=1)
        c.text(mx(m), bottom + 10, f"{m}M", small, fill=MUTED, anchor="ma")
    c.line([(left, top), (left, bottom), (right, bottom)], fill=LINE, width=2)
    c.text(right, bottom + 34, "requests per month", small, fill=MUTED, anchor="ra")

    t4g = T4G_SMALL_HOURLY * HOURS_PER_MONTH
    t3 = T3_MICRO_HOURLY * HOURS_PER_MONTH
    for cost, label, colour in (
        (t4g, f"EC2 t4g.small {money(t4g)}", YOU_EDGE),
        (t3, f"EC2 t3.micro {money(t3)}", OK_EDGE),
    ):
        c.line([(left, vy(cost)), (right, vy(cost))], fill=colour, width=3, dash=(10, 6))
        c.text(left + 10, vy(cost) - 6, label, bold, fill=colour, anchor="lb")

    points = []
    for i in range(0, x_max * 10 + 1):
        m = i / 10
        points.append((mx(m), vy(min(lambda_monthly_cost(m * 1_000_000), y_max))))
    c.line(points, fill=AWS_EDGE, width=4)
    c.text(mx(31), vy(lambda_monthly_cost(31_000_000)) - 14, "Lambda", bold, fill=AWS_EDGE,
           anchor="rb")

    # Break-even markers (free tier applied, see the lesson for the arithmetic).
    for m, label in ((15.1, "about 15.1M"), (20.5, "about 20.5M")):
        y = vy(lambda_monthly_cost(m * 1_000_000))
        c.draw.ellipse([c.s(mx(m) - 6), c.s(y - 6), c.s(mx(m) + 6), c.s(y + 6)],
                       fill=WHITE, outline=LINE, width=c.s(2))
        c.line([(mx(m), y + 8), (mx(m), bottom)], fill=GREY_EDGE, width=1.5, dash=(4, 4))
        c.text(mx(m) + 8, y + 12, label, small, fill=TEXT, anchor="la")

    c.text(
        40, height - 56,
        "Lambda is cheaper left of a crossing, EC2 right of it (compute only: no load "
        "balancer, no ops time).",
        small, fill=MUTED,
    )
    c.text(
        40, height - 30,
        "EC2 prices: on-demand us-east-1, check the EC2 pricing page. "
        "Lambda prices: aws.amazon.com/lambda/pricing.",
        small, fill=MUTED,
    )
    c.save("lambda-vs-ec2-cost.png")


# ---------------------------------------------------------------------------------------
# Lesson 13: security
# ---------------------------------------------------------------------------------------


def security_two_policies():
    """Who may invoke the function vs what the function may do."""
    width, height = 1100, 560
    c = Canvas(width, height)
    title, head, body, small, bold = (
        font("bold", 26), font("bold", 19), font("regular", 16), font("regular", 16),
        font("bold", 17),
    )
    c.text(40, 26, "Two different permission questions", title)

    # Panels.
    c.box(30, 80, 330, 380, "#FBFCFD", GREY_EDGE, radius=14, width=1.5)
    c.box(740, 80, 330, 380, "#FBFCFD", GREY_EDGE, radius=14, width=1.5)
    c.text(195, 108, "Who may invoke it?", head, anchor="mm")
    c.text(195, 134, "resource-based policy", small, fill=MUTED, anchor="mm")
    c.text(905, 108, "What may it touch?", head, anchor="mm")
    c.text(905, 134, "execution role", small, fill=MUTED, anchor="mm")

    callers = [("S3 bucket: photo-uploads", 170), ("API Gateway: orders-api", 260),
               ("Anyone else", 350)]
    for label, y in callers:
        ok = label != "Anyone else"
        fill, edge = (AWS_FILL, AWS_EDGE) if ok else (WARN_FILL, WARN_EDGE)
        c.box(50, y, 290, 58, fill, edge)
        c.text(195, y + 29, label, bold, fill=TEXT if ok else WARN_EDGE, anchor="mm")

    fn_x, fn_y, fn_w, fn_h = 440, 200, 220, 130
    c.box(fn_x, fn_y, fn_w, fn_h, YOU_FILL, YOU_EDGE)
    c.text(fn_x + fn_w / 2, fn_y + 40, "Lambda function", bold, anchor="mm")
    c.text(fn_x + fn_w / 2, fn_y + 70, "order-handler", body, anchor="mm")
    c.text(fn_x + fn_w / 2, fn_y + 98, "runs as the role", small, fill=MUTED, anchor="mm")

    c.arrow(340, 199, fn_x - 4, 245, width=2.5, fill=AWS_EDGE)
    c.arrow(340, 289, fn_x - 4, 285, width=2.5, fill=AWS_EDGE)
    c.line([(340, 379), (395, 340)], fill=WARN_EDGE, width=2.5, dash=(6, 5))
    cx, cy = 405, 333
    c.line([(cx - 10, cy - 10), (cx + 10, cy + 10)], fill=WARN_EDGE, width=3)
    c.line([(cx - 10, cy + 10), (cx + 10, cy - 10)], fill=WARN_EDGE, width=3)

    targets = [("DynamoDB table: Orders", "dynamodb:PutItem", 170, True),
               ("S3 bucket: photo-uploads", "s3:GetObject", 260, True),
               ("Every other table, bucket", "not allowed", 350, False)]
    for label, action, y, ok in targets:
        fill, edge = (AWS_FILL, AWS_EDGE) if ok else (WARN_FILL, WARN_EDGE)
        c.box(760, y, 290, 58, fill, edge)
        c.text(905, y + 20, label, bold, fill=TEXT if ok else WARN_EDGE, anchor="mm")
        c.text(905, y + 42, action, small, fill=MUTED if ok else WARN_EDGE, anchor="mm")

    c.arrow(fn_x + fn_w + 4, 245, 756, 199, width=2.5, fill=AWS_EDGE)
    c.arrow(fn_x + fn_w + 4, 285, 756, 289, width=2.5, fill=AWS_EDGE)
    c.line([(fn_x + fn_w + 4, 315), (700, 345)], fill=WARN_EDGE, width=2.5, dash=(6, 5))
    cx, cy = 712, 352
    c.line([(cx - 10, cy - 10), (cx + 10, cy + 10)], fill=WARN_EDGE, width=3)
    c.line([(cx - 10, cy + 10), (cx + 10, cy - 10)], fill=WARN_EDGE, width=3)

    c.box(30, 480, 1040, 56, GREY_FILL, GREY_EDGE, radius=10, width=1.5)
    c.text(
        550, 508,
        "Lambda assumes the execution role and hands the function short-lived credentials. "
        "No keys in code.",
        small, anchor="mm",
    )
    c.save("security-two-policies.png")


if __name__ == "__main__":
    concurrency_lanes()
    concurrency_burst()
    layers_opt()
    lambda_vs_ec2()
    security_two_policies()
