# api.py: a small JSON API behind an API Gateway HTTP API (payload format 2.0).
# The Python twin of api.mjs.
#
# What it teaches
# - API Gateway turns an HTTP request into an event: the method and path are in
#   event["requestContext"]["http"], the matched route in event["routeKey"], path and query
#   parameters already parsed (and URL-decoded) for you.
# - Parameters are always STRINGS: pathParameters["orderId"] is "1042", not 1042.
# - The request body is always a STRING (or absent). JSON has to be parsed with json.loads,
#   and some bodies (form posts, binary uploads) arrive base64-encoded with
#   isBase64Encoded: true.
# - The function answers with {"statusCode", "headers", "body"}, and body must be a string
#   too: json.dumps the data yourself.
#
# Try it with sample-events/apigateway-http/get.json, post-json.json and post-base64.json,
# then change orderId to 7 (404) or the body to something that is not JSON (400).

import base64
import json
import logging
from urllib.parse import parse_qsl

# Lambda's runtime gave the root logger a handler that prefixes every line with
# "[LEVEL]\t<time>\t<request id>\t"; its level starts at WARNING, so lower it to see info.
logger = logging.getLogger()
logger.setLevel("INFO")

# A stand-in for a database table. Module scope, so it is built once per execution
# environment, not once per request (and, like any global, it is NOT shared between
# environments: a real API keeps its data in DynamoDB or similar).
ORDERS = {
    1042: {"orderId": 1042, "status": "PAID", "total": 23.8, "currency": "EUR",
           "items": [{"sku": "COF-250", "name": "coffee beans", "quantity": 2}]},
}


def respond(status_code, data):
    """Builds an HTTP response the way API Gateway expects it."""
    return {
        "statusCode": status_code,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(data),  # a string: returning the dict itself is not enough
    }


def body_text(event):
    """Returns the request body as text, decoding base64 when API Gateway encoded it."""
    body = event.get("body")  # no body at all (a GET) means no "body" key
    if body is None:
        return ""
    if event.get("isBase64Encoded"):
        return base64.b64decode(body).decode("utf-8")
    return body


def parse_body(event):
    """Parses a JSON or form body into a dict; raises ValueError with a message fit for a 400."""
    text = body_text(event)
    # Header names in payload format 2.0 are lower case.
    content_type = event.get("headers", {}).get("content-type", "").split(";")[0].strip()
    if content_type == "application/x-www-form-urlencoded":
        # "item=green+tea&quantity=3" -> {"item": "green tea", "quantity": "3"}
        return dict(parse_qsl(text))
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise ValueError(f"the body is not valid JSON: {text[:40]}") from None
    if not isinstance(data, dict):
        raise ValueError("send a JSON object")
    return data


def whole_number(value):
    """Form fields are strings ("3"), JSON numbers are int or float: an int, or None."""
    if isinstance(value, bool):  # True is an int in Python, but not a quantity
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def lambda_handler(event, context):
    http = event["requestContext"]["http"]
    logger.info('%s %s matched route "%s" (API request %s)',
                http["method"], http["path"], event["routeKey"],
                event["requestContext"]["requestId"])
    # No need to log context.aws_request_id: the logging handler puts it on every line.

    match event["routeKey"]:
        case "GET /orders/{orderId}":
            order_id = event["pathParameters"]["orderId"]
            # A string from the URL: convert it before looking up an int key.
            try:
                order = ORDERS.get(int(order_id))
            except ValueError:  # /orders/abc
                order = None
            if order is None:
                return respond(404, {"message": f"order {order_id} not found"})
            # Query string values are strings, already URL-decoded by API Gateway. With no
            # query string at all the key is missing, hence the `or {}`.
            query = event.get("queryStringParameters") or {}
            if query.get("include") == "items":
                return respond(200, order)
            summary = {key: value for key, value in order.items() if key != "items"}
            return respond(200, {**summary, "itemCount": len(order["items"])})

        case "POST /orders":
            try:
                data = parse_body(event)
            except ValueError as error:
                return respond(400, {"message": str(error)})
            # Form fields are always strings, JSON numbers are numbers: normalise first.
            quantity = whole_number(data.get("quantity"))
            if not data.get("item") or quantity is None or quantity < 1:
                return respond(400, {"message": "send an item and a whole quantity of at least 1"})
            # The Lambda request id is unique per invoke: good enough for a demo order id.
            order = {"orderId": f"ord-{context.aws_request_id[:8]}", "item": data["item"],
                     "quantity": quantity, "status": "PENDING"}
            logger.info("would put the order in DynamoDB table Orders: %s", json.dumps(order))
            return respond(201, order)

        case _:
            # Only reached if a route is configured but not handled here.
            return respond(404, {"message": f"no handler for {event['routeKey']}"})
