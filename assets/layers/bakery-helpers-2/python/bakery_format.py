# python/bakery_format.py inside the layer bakery-helpers, version 2. Lambda extracts the
# layer into /opt, so this file is /opt/python/bakery_format.py, on Python's import path.
from decimal import ROUND_HALF_UP, Decimal

VERSION = "1.1.0"


def format_cents(cents):
    # Version 2 fixes the rounding bug. Decimal rounds half up like JavaScript's Math.round;
    # Python's round() would round 0.5 to the even neighbour.
    whole = Decimal(str(cents)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"${whole / 100:.2f}"
