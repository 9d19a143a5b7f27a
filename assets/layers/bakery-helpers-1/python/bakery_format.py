# python/bakery_format.py inside the layer bakery-helpers, version 1. Lambda extracts the
# layer into /opt, so this file is /opt/python/bakery_format.py, on Python's import path.
import math

VERSION = "1.0.0"


def format_cents(cents):
    # Version 1 has the bug from the lesson: half a cent is cut off instead of rounded.
    whole = math.trunc(cents)
    return f"${whole / 100:.2f}"
