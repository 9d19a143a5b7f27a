# bakery_order.py: a function whose helper comes from a layer (Python).
#
# What it teaches
# - bakery_format is not next to this file: it is in a layer, extracted by Lambda into
#   /opt/python/bakery_format.py. /opt/python is on the Python runtime's import path, so
#   a plain import finds it; nothing in the code mentions /opt.
# - Without the layer the import fails during INIT and the invoke reports
#   Runtime.ImportModuleError ("No module named 'bakery_format'").
# - Attach two versions of the layer and the later one in the list wins.
#
# Try it with sample-events/lambda/bakery-order.json: one item costs 162.5 cents (half price),
# so version 1.0.0 of the helper returns $27.62 and the fixed 1.1.0 returns $27.63.
from bakery_format import VERSION, format_cents  # found in /opt/python, from the layer


def lambda_handler(event, context):
    items = event.get("items", [])
    total_cents = sum(item["priceCents"] * item["quantity"] for item in items)
    print(f"bakery_format {VERSION} formats {total_cents} cents")
    return {
        "orderId": event.get("orderId"),
        "total": format_cents(total_cents),
        "formatVersion": VERSION,
    }
