#!/usr/bin/env python3
"""Generate the diagrams for the core-concept lessons of Lambda Lab.

Usage:  python3 make_diagrams_core.py
Needs:  Pillow and DejaVu Sans, like make_diagrams.py, whose drawing helpers
        (Canvas, font, colours) this script reuses.

The PNG files are written next to this script:
  one-request-journey.png     key-concepts: one request, the pool of environments, and
                              what is inside one environment
  s3-event-flow.png           events: an S3 upload becomes a function run, step by step
  invocation-models.png       events: synchronous, asynchronous and poll-based invocation
  environment-lifecycle.png   execution-environment: Init, Invoke, frozen, Shutdown
  cold-start-by-runtime.png   execution-environment: lambda-perf cold-start medians

Numbers in the cold-start chart come from /work/shared/FACTS.md (lambda-perf,
github.com/maxday/lambda-perf, Apache-2.0, 30-day medians to 2026-08-22).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_diagrams import (  # noqa: E402  (import after the path tweak)
    AWS_EDGE,
    AWS_FILL,
    GREY_EDGE,
    GREY_FILL,
    LINE,
    MUTED,
    OK_TEXT,
    TEXT,
    WARN_EDGE,
    WARN_FILL,
    YOU_EDGE,
    YOU_FILL,
    Canvas,
    font,
)

OK_FILL = "#DDF3E4"
OK_EDGE = "#2E8B57"
FROZEN_FILL = "#E6EEF7"
FROZEN_EDGE = "#8FA8C8"
FROZEN_TEXT = "#3F5F8A"


def centred_box(c, x, y, w, h, lines, fill, edge, title_font, detail_font, dash=False):
    """A rounded box with a bold first line and regular detail lines, centred."""
    c.box(x, y, w, h, fill, edge)
    if dash:
        # Overdraw the border with a dashed line on white to show "not there yet".
        c.box(x, y, w, h, fill, fill)
        r = 10
        pts = [(x + r, y), (x + w - r, y)]
        c.line(pts, fill=edge, width=2, dash=(8, 6))
        c.line([(x + r, y + h), (x + w - r, y + h)], fill=edge, width=2, dash=(8, 6))
        c.line([(x, y + r), (x, y + h - r)], fill=edge, width=2, dash=(8, 6))
        c.line([(x + w, y + r), (x + w, y + h - r)], fill=edge, width=2, dash=(8, 6))
    fonts = [title_font] + [detail_font] * (len(lines) - 1)
    c.text_center(x + w / 2, y + h / 2, lines, fonts)


# ---------------------------------------------------------------------------
def one_request_journey():
    """Key concepts: event -> Lambda service -> pool of environments; inside one."""
    width, height = 1100, 700
    c = Canvas(width, height)
    title, bold, body, small = font("bold", 26), font("bold", 18), font("regular", 17), font(
        "regular", 16
    )
    c.text(40, 26, "One request, start to finish", title)
    c.text(40, 64, "The Lambda service picks an environment for each request. "
           "Each environment serves one request at a time.", small, fill=MUTED)

    # Row 1: event -> Lambda service -> environments.
    ev_x, ev_y, ev_w, ev_h = 40, 150, 230, 110
    centred_box(c, ev_x, ev_y, ev_w, ev_h,
                ["Event", "a booking request", "as JSON"], GREY_FILL, GREY_EDGE, bold, body)

    lam_x, lam_y, lam_w, lam_h = 340, 120, 300, 170
    c.box(lam_x, lam_y, lam_w, lam_h, AWS_FILL, AWS_EDGE)
    c.text(lam_x + lam_w / 2, lam_y + 26, "Lambda service", bold, anchor="mm")
    steps = [
        "1. Under the concurrency",
        "    limit? If not: throttle (429)",
        "2. Idle environment? Use it",
        "3. None idle? Start a new one",
        "    (cold start)",
    ]
    for i, line in enumerate(steps):
        c.text(lam_x + 18, lam_y + 56 + i * 22, line, small, anchor="lm")
    c.arrow(ev_x + ev_w, ev_y + ev_h / 2, lam_x, ev_y + ev_h / 2, width=2.5)

    env_x, env_w, env_h = 730, 330, 62
    envs = [
        (100, ["Environment A", "busy with another request"], GREY_FILL, GREY_EDGE, False),
        (174, ["Environment B", "idle and warm: gets this one"], OK_FILL, OK_EDGE, False),
        (248, ["Environment C", "new: runs INIT first (cold)"], WARN_FILL, WARN_EDGE, True),
    ]
    for y, lines, fill, edge, dash in envs:
        centred_box(c, env_x, y, env_w, env_h, lines, fill, edge, bold, small, dash=dash)
    c.arrow(lam_x + lam_w, lam_y + 85, env_x, 174 + env_h / 2, width=2.5, fill=OK_EDGE)
    c.arrow(lam_x + lam_w, lam_y + 130, env_x, 248 + env_h / 2, width=2, fill=WARN_EDGE,
            dash=(7, 5))
    c.text(env_x + env_w / 2, 332, "only if no environment is idle", small, fill=WARN_EDGE,
           anchor="mm")

    # Row 2: inside one execution environment.
    in_x, in_y, in_w, in_h = 40, 370, 1020, 300
    c.box(in_x, in_y, in_w, in_h, "#FBFCFD", GREY_EDGE, radius=14, width=1.5)
    c.text(in_x + 20, in_y + 28, "Inside one execution environment (an isolated small VM)",
           bold, anchor="lm")
    c.box(700, in_y + 18, 20, 20, YOU_FILL, YOU_EDGE, radius=4, width=1.5)
    c.text(728, in_y + 28, "yours", small, anchor="lm")
    c.box(810, in_y + 18, 20, 20, AWS_FILL, AWS_EDGE, radius=4, width=1.5)
    c.text(838, in_y + 28, "run by AWS", small, anchor="lm")
    stack_x, stack_w, layer_h = in_x + 30, 560, 50
    stack = [
        (["Your code: index.mjs exports handler(event, context)"], YOU_FILL, YOU_EDGE),
        (["Layers: extra libraries, unpacked into /opt"], YOU_FILL, YOU_EDGE),
        (["Runtime: for example nodejs22.x"], AWS_FILL, AWS_EDGE),
        (["Operating system: Amazon Linux"], AWS_FILL, AWS_EDGE),
    ]
    for i, (lines, fill, edge) in enumerate(stack):
        y = in_y + 56 + i * (layer_h + 8)
        c.box(stack_x, y, stack_w, layer_h, fill, edge, radius=8, width=1.5)
        c.text(stack_x + 16, y + layer_h / 2, lines[0], body, anchor="lm")

    side_x, side_w = stack_x + stack_w + 40, 360
    side = [
        ("Memory: 128 to 10,240 MB", "CPU grows with memory"),
        ("/tmp: 512 to 10,240 MB", "scratch disk, kept while warm"),
        ("Global variables", "kept between warm requests"),
    ]
    for i, (head, detail) in enumerate(side):
        y = in_y + 56 + i * 74
        centred_box(c, side_x, y, side_w, 64, [head, detail], GREY_FILL, GREY_EDGE, bold,
                    small)
    c.save("one-request-journey.png")


# ---------------------------------------------------------------------------
def s3_event_flow():
    """Events: an S3 upload becomes an asynchronous function run."""
    width, height = 1100, 796
    c = Canvas(width, height)
    title, bold, body, small = font("bold", 26), font("bold", 18), font("regular", 16), font(
        "regular", 16
    )
    label_bold = font("bold", 16)
    c.text(40, 26, "From an S3 upload to a function run", title)
    c.text(40, 64, "S3 invokes the function asynchronously: it hands over the event "
           "and does not wait for the result.", small, fill=MUTED)

    box_x, box_w, box_h = 60, 400, 74
    ys = [110, 246, 382, 518, 654]
    boxes = [
        (["A visitor uploads a photo", "tarte à la crème.jpg"], GREY_FILL, GREY_EDGE),
        (["S3 bucket: recipe-photos", "stores it; rule: ObjectCreated, prefix uploads/"],
         AWS_FILL, AWS_EDGE),
        (["Lambda's event queue", "answers 202 Accepted to S3 at once"], AWS_FILL,
         AWS_EDGE),
        (["Your function: make-thumbnail", "decodes the key, resizes the photo"],
         YOU_FILL, YOU_EDGE),
        (["S3 bucket: recipe-thumbnails", "a different bucket (no loop)"], AWS_FILL,
         AWS_EDGE),
    ]
    for y, (lines, fill, edge) in zip(ys, boxes):
        centred_box(c, box_x, y, box_w, box_h, lines, fill, edge, bold, body)

    cx = box_x + box_w / 2
    labels = [
        [("PUT uploads/tarte à la crème.jpg", small, MUTED)],
        [("S3 sends the event JSON (async)", label_bold, AWS_EDGE),
         ('"key": "uploads/tarte+%C3%A0+la+cr%C3%A8me.jpg"', small, MUTED)],
        [("Lambda takes it from the queue and", small, MUTED),
         ("calls the handler in an environment", small, MUTED)],
        [("PUT thumbnails/tarte à la crème.jpg", small, MUTED)],
    ]
    for i, group in enumerate(labels):
        top, bottom = ys[i] + box_h, ys[i + 1]
        c.arrow(cx, top, cx, bottom, width=2.5, fill=AWS_EDGE if i == 1 else LINE)
        mid = (top + bottom) / 2
        start = mid - (len(group) - 1) * 11
        for j, (text, fnt, colour) in enumerate(group):
            c.text(cx + 16, start + j * 22, text, fnt, fill=colour, anchor="lm")

    # Failure path from step 4.
    fx, fw = 640, 420
    fy1, fy2 = 528, 672
    c.arrow(box_x + box_w, ys[3] + box_h / 2, fx, fy1 + 30, width=2.5, fill=WARN_EDGE,
            dash=(7, 5))
    c.text(box_x + box_w + 14, ys[3] + box_h / 2 + 22, "handler throws", small,
           fill=WARN_EDGE, anchor="lm")
    centred_box(c, fx, fy1, fw, 104,
                ["On a function error", "Lambda retries twice:", "about 1 min later,",
                 "then about 2 min after that"], WARN_FILL, WARN_EDGE, bold, body)
    c.arrow(fx + fw / 2, fy1 + 104, fx + fw / 2, fy2, width=2.5, fill=WARN_EDGE)
    centred_box(c, fx, fy2, fw, 90,
                ["Still failing?", "the event goes to an on-failure", "destination or a DLQ"],
                WARN_FILL, WARN_EDGE, bold, body)

    # Decoding hint on the right, level with step 2/3.
    hx, hy, hw, hh = 640, 100, 420, 216
    c.box(hx, hy, hw, hh, "#FBFCFD", GREY_EDGE, radius=12, width=1.5)
    c.text(hx + 20, hy + 28, "Keys arrive URL-encoded", bold, anchor="lm")
    rows = [
        ("+", "a space"),
        ("%C3%A0", "à"),
        ("%C3%A8", "è"),
        ("%2B", "a real plus sign"),
    ]
    mono = font("bold", 17)
    for i, (code, meaning) in enumerate(rows):
        y = hy + 64 + i * 30
        c.text(hx + 30, y, code, mono, fill=AWS_EDGE, anchor="lm")
        c.text(hx + 150, y, "means " + meaning, body, anchor="lm")
    c.text(hx + 20, hy + hh - 24, "Decode before you use the key.", small, fill=OK_TEXT,
           anchor="lm")
    c.save("s3-event-flow.png")


# ---------------------------------------------------------------------------
def invocation_models():
    """Events: the three ways Lambda runs a function."""
    width, lane_h, top = 1100, 200, 96
    height = top + 3 * lane_h + 10
    c = Canvas(width, height)
    title, lane_title, bold, body, small = (
        font("bold", 26), font("bold", 20), font("bold", 17), font("regular", 16),
        font("regular", 16),
    )
    c.text(40, 26, "Three ways a function gets invoked", title)
    c.text(40, 64, "Who waits, who retries, and where failures go.", small, fill=MUTED)

    slots = [(40, 270), (420, 280), (810, 250)]
    box_h = 76

    def slot_box(lane, slot, lines, fill, edge):
        x, w = slots[slot]
        y = top + lane * lane_h + 44
        centred_box(c, x, y, w, box_h, lines, fill, edge, bold, body)
        return x, y, w

    for lane in range(3):
        y0 = top + lane * lane_h
        if lane % 2 == 0:
            c.draw.rectangle([c.s(20), c.s(y0), c.s(width - 20), c.s(y0 + lane_h - 8)],
                             fill="#F7F9FB")

    # Lane 1: synchronous.
    y0 = top
    c.text(40, y0 + 22, "Synchronous (RequestResponse)", lane_title, anchor="lm")
    x1, y1, w1 = slot_box(0, 0, ["Caller", "API Gateway, URL, CLI"], GREY_FILL, GREY_EDGE)
    x3, y3, w3 = slot_box(0, 2, ["Your function"], YOU_FILL, YOU_EDGE)
    c.arrow(x1 + w1, y1 + 26, x3, y3 + 26, width=2.5)
    c.text((x1 + w1 + x3) / 2, y1 + 14, "event", body, fill=MUTED, anchor="mm")
    c.arrow(x3, y3 + 52, x1 + w1, y1 + 52, width=2.5)
    c.text((x1 + w1 + x3) / 2, y1 + 72, "response or error (caller waits)", body,
           fill=MUTED, anchor="mm")
    c.text(40, y0 + lane_h - 30, "Lambda does not retry; the caller decides. "
           "Up to 6 MB in each direction.", small, fill=TEXT, anchor="lm")

    # Lane 2: asynchronous.
    y0 = top + lane_h
    c.text(40, y0 + 22, "Asynchronous (Event)", lane_title, anchor="lm")
    x1, y1, w1 = slot_box(1, 0, ["Caller", "S3, SNS, EventBridge"], GREY_FILL, GREY_EDGE)
    x2, y2, w2 = slot_box(1, 1, ["Lambda event queue", "run by AWS"], AWS_FILL, AWS_EDGE)
    x3, y3, w3 = slot_box(1, 2, ["Your function"], YOU_FILL, YOU_EDGE)
    c.arrow(x1 + w1, y1 + 26, x2, y2 + 26, width=2.5)
    c.text((x1 + w1 + x2) / 2, y1 + 14, "event", body, fill=MUTED, anchor="mm")
    c.arrow(x2, y2 + 52, x1 + w1, y1 + 52, width=2.5, fill=AWS_EDGE)
    c.text((x1 + w1 + x2) / 2, y1 + 72, "202 at once", body, fill=AWS_EDGE, anchor="mm")
    c.arrow(x2 + w2, y2 + box_h / 2, x3, y3 + box_h / 2, width=2.5)
    c.text(40, y0 + lane_h - 30, "On a function error: 2 retries, then on-failure "
           "destination or DLQ. Up to 1 MB (256 KB before Oct 2025).", small,
           fill=TEXT, anchor="lm")

    # Lane 3: poll-based.
    y0 = top + 2 * lane_h
    c.text(40, y0 + 22, "Poll-based (event source mapping)", lane_title, anchor="lm")
    x1, y1, w1 = slot_box(2, 0, ["Queue or stream", "SQS, Kinesis, DynamoDB"], GREY_FILL,
                          GREY_EDGE)
    x2, y2, w2 = slot_box(2, 1, ["Event source mapping", "a poller run by Lambda"],
                          AWS_FILL, AWS_EDGE)
    x3, y3, w3 = slot_box(2, 2, ["Your function"], YOU_FILL, YOU_EDGE)
    c.arrow(x2, y2 + 26, x1 + w1, y1 + 26, width=2.5, fill=AWS_EDGE)
    c.text((x1 + w1 + x2) / 2, y1 + 14, "polls", body, fill=AWS_EDGE, anchor="mm")
    c.arrow(x1 + w1, y1 + 52, x2, y2 + 52, width=2.5)
    c.text((x1 + w1 + x2) / 2, y1 + 72, "records", body, fill=MUTED, anchor="mm")
    c.arrow(x2 + w2, y2 + box_h / 2, x3, y3 + box_h / 2, width=2.5)
    c.text((x2 + w2 + x3) / 2, y2 + box_h / 2 - 14, "batch", body, fill=MUTED,
           anchor="mm")
    c.text(40, y0 + lane_h - 30, "The batch is invoked synchronously. Failed records "
           "stay in the source and are tried again.", small, fill=TEXT, anchor="lm")
    c.save("invocation-models.png")


# ---------------------------------------------------------------------------
def environment_lifecycle():
    """Execution environment: Init, Invoke, frozen, Shutdown on a timeline."""
    width, height = 1100, 560
    c = Canvas(width, height)
    title, bold, body, small = font("bold", 26), font("bold", 17), font("regular", 16), font(
        "regular", 16
    )
    c.text(40, 26, "Life of one execution environment", title)
    c.text(40, 64, "Time runs left to right. Requests arrive at the arrows.", small,
           fill=MUTED)

    track_y, track_h = 170, 84
    segments = [
        ("INIT", ["cold start", "max 10 s"], 180, WARN_FILL, WARN_EDGE),
        ("INVOKE", ["request 1"], 104, YOU_FILL, YOU_EDGE),
        ("frozen", ["waiting"], 104, FROZEN_FILL, FROZEN_EDGE),
        ("INVOKE", ["request 2", "warm"], 104, OK_FILL, OK_EDGE),
        ("frozen", ["waiting"], 104, FROZEN_FILL, FROZEN_EDGE),
        ("INVOKE", ["request 3", "warm"], 104, OK_FILL, OK_EDGE),
        ("idle, frozen", ["no requests"], 156, FROZEN_FILL, FROZEN_EDGE),
        ("SHUTDOWN", ["reclaimed"], 150, GREY_FILL, GREY_EDGE),
    ]
    x = 40
    positions = []
    for name, detail, w, fill, edge in segments:
        c.box(x, track_y, w - 4, track_h, fill, edge, radius=8, width=1.5)
        c.text_center(x + (w - 4) / 2, track_y + track_h / 2, [name] + detail,
                      [bold] + [small] * len(detail), gap=4)
        positions.append((x, w - 4))
        x += w

    # Request arrows from above.
    for idx, label in ((0, "request 1"), (3, "request 2"), (5, "request 3")):
        sx = positions[idx][0] + 14
        c.arrow(sx, track_y - 52, sx, track_y - 4, width=2.5, fill=AWS_EDGE)
        c.text(sx + 8, track_y - 44, label, body, fill=AWS_EDGE, anchor="lm")
    c.text(positions[1][0] + positions[1][1] / 2, track_y - 20, "(request 1 waits)", small,
           fill=MUTED, anchor="mm")

    # Brackets and notes under the track.
    def bracket(x1, x2, y, lines, colour):
        c.line([(x1, y), (x1, y + 10), (x2, y + 10), (x2, y)], fill=colour, width=2)
        for i, line in enumerate(lines):
            c.text((x1 + x2) / 2, y + 32 + i * 22, line, small, fill=colour, anchor="mm")

    below = track_y + track_h + 12
    bracket(positions[0][0], positions[1][0] + positions[1][1], below,
            ["REPORT shows Init Duration", "on this first request only"], WARN_EDGE)
    bracket(positions[2][0], positions[4][0] + positions[4][1], below,
            ["between requests: frozen, no CPU,", "not billed; globals and /tmp kept"],
            FROZEN_TEXT)
    bracket(positions[6][0], positions[7][0] + positions[7][1], below,
            ["idle time before reclaim is not", "documented (observed 5 to 60 min)"],
            MUTED)

    # Survives / does not survive boxes.
    by, bh = 380, 150
    c.box(40, by, 500, bh, OK_FILL, OK_EDGE, radius=12, width=1.5)
    c.text(60, by + 28, "Kept between warm requests", bold, fill=OK_TEXT, anchor="lm")
    for i, line in enumerate([
        "global variables and module state",
        "files in /tmp (512 to 10,240 MB)",
        "open connections (they may go stale)",
    ]):
        c.text(76, by + 62 + i * 26, "- " + line, body, anchor="lm")
    c.box(560, by, 500, bh, WARN_FILL, WARN_EDGE, radius=12, width=1.5)
    c.text(580, by + 28, "Never kept", bold, fill=WARN_EDGE, anchor="lm")
    for i, line in enumerate([
        "the event and context of earlier requests",
        "anything in a different environment",
        "anything after shutdown or a reset",
    ]):
        c.text(596, by + 62 + i * 26, "- " + line, body, anchor="lm")
    c.save("environment-lifecycle.png")


# ---------------------------------------------------------------------------
COLD_STARTS = [  # runtime label, median Init Duration in ms (FACTS.md, lambda-perf)
    ("Rust (provided.al2023)", 16),
    ("Go (provided.al2023)", 50),
    ("LLRT (JavaScript)", 68),
    ("python3.13", 86),
    ("dotnet8, native AOT", 86),
    ("nodejs24.x", 136),
    ("nodejs22.x", 142),
    ("java21", 241),
    ("dotnet8", 256),
    ("ruby3.4", 257),
]


def cold_start_chart():
    """Execution environment: lambda-perf hello-world cold starts per runtime."""
    row_h, top = 44, 130
    width = 1100
    height = top + row_h * len(COLD_STARTS) + 90
    c = Canvas(width, height)
    title, body, bold, small = font("bold", 26), font("regular", 17), font("bold", 17), font(
        "regular", 16
    )
    c.text(40, 26, "Cold start of a hello-world function, measured on AWS", title)
    c.text(40, 64, "Median Init Duration in ms. Zip package, x86_64, 128 MB, "
           "30-day medians up to 2026-08-22.", small, fill=MUTED)
    c.text(40, 90, "Your own function adds the time its imports and setup take.", small,
           fill=MUTED)

    label_right, bar_x, bar_max_w = 300, 320, 640
    max_ms = 300
    # Grid lines every 50 ms.
    grid_bottom = top + row_h * len(COLD_STARTS)
    for ms in range(0, max_ms + 1, 50):
        gx = bar_x + bar_max_w * ms / max_ms
        c.line([(gx, top - 6), (gx, grid_bottom)], fill="#D9DEE3", width=1)
        c.text(gx, grid_bottom + 16, f"{ms}", small, fill=MUTED, anchor="mm")
    c.text(bar_x + bar_max_w / 2, grid_bottom + 40, "milliseconds", small, fill=MUTED,
           anchor="mm")

    for i, (label, ms) in enumerate(COLD_STARTS):
        y = top + i * row_h
        compiled = label.startswith(("Rust", "Go"))
        fill, edge = (OK_FILL, OK_EDGE) if compiled else (AWS_FILL, AWS_EDGE)
        c.text(label_right, y + row_h / 2, label, body, anchor="rm")
        w = bar_max_w * ms / max_ms
        c.box(bar_x, y + 8, max(w, 6), row_h - 16, fill, edge, radius=5, width=1.5)
        c.text(bar_x + w + 10, y + row_h / 2, f"{ms} ms", bold, anchor="lm")

    c.text(40, height - 22, "Source: lambda-perf by Maxime David, "
           "github.com/maxday/lambda-perf (Apache-2.0)", small, fill=MUTED, anchor="lm")
    c.save("cold-start-by-runtime.png")


if __name__ == "__main__":
    one_request_journey()
    s3_event_flow()
    invocation_models()
    environment_lifecycle()
    cold_start_chart()
