# dynamodb_stream.py: turns a DynamoDB stream batch into a readable change log.
# The Python twin of dynamodb-stream.mjs.
#
# What it teaches
# - A DynamoDB stream records every item change: INSERT (NewImage only), MODIFY (both
#   images) and REMOVE (OldImage only), when the stream view type is NEW_AND_OLD_IMAGES.
# - Images use DynamoDB's typed JSON: {"S": "text"}, {"N": "23.8"} (numbers are strings!),
#   {"BOOL": true}, {"M": {...}}, {"L": [...]}, {"SS": [...]}.
# - Items deleted by Time To Live arrive as REMOVE with
#   userIdentity {"type": "Service", "principalId": "dynamodb.amazonaws.com"}.
# - Python detail: on Lambda you could use boto3's TypeDeserializer
#   (from boto3.dynamodb.types import TypeDeserializer; boto3 ships with the python
#   runtimes). It returns numbers as decimal.Decimal and sets as Python sets, which
#   json.dumps refuses ("Object of type Decimal is not JSON serializable"). The small
#   version below needs only the standard library and returns JSON-friendly values.
#
# Try it with sample-events/dynamodb/batch.json, then insert.json, modify.json, remove.json.

import json
from datetime import datetime, timezone
from decimal import Decimal


def from_dynamo(attribute):
    """Converts one DynamoDB attribute value ({"S": "x"}, {"N": "1"}, ...) to plain Python."""
    [(kind, value)] = attribute.items()  # exactly one type key per value
    match kind:
        case "S" | "B" | "BOOL" | "SS" | "BS":
            return value  # B and BS stay base64 text: bytes would not turn into JSON
        case "N":
            return number(value)
        case "NS":
            return [number(item) for item in value]
        case "NULL":
            return None
        case "L":
            return [from_dynamo(item) for item in value]
        case "M":
            return unmarshall(value)
        case _:
            raise ValueError(f"unknown DynamoDB type {kind}")


def number(text):
    """Turns "2" into 2 and "23.8" into 23.8: Decimal parses exactly, int/float go into JSON."""
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def unmarshall(image):
    """Converts a whole item (attribute name -> typed value) to a plain dict."""
    return {name: from_dynamo(attribute) for name, attribute in (image or {}).items()}


def as_json(item, name):
    """The attribute as JSON text, or None when the item has no such attribute."""
    return json.dumps(item[name], sort_keys=True) if name in item else None


def diff(before, after):
    """Lists the attributes whose value differs between two plain dicts."""
    fields = []
    for name in dict.fromkeys([*before, *after]):  # every name once, in order
        # Compared as JSON, not with ==: in Python False == 0 and 2 == 2.0, so a change of
        # type would go unnoticed.
        if as_json(before, name) != as_json(after, name):
            field = {"attribute": name}
            if name in before:
                field["from"] = before[name]
            if name in after:
                field["to"] = after[name]
            fields.append(field)
    return fields


def show(field, key):
    return json.dumps(field[key]) if key in field else "(absent)"


def lambda_handler(event, context):
    changes = []

    for record in event["Records"]:
        change = record["dynamodb"]
        keys = unmarshall(change["Keys"])
        label = " / ".join(str(value) for value in keys.values())
        # Seconds since 1970 (UTC). isoformat gives "+00:00"; "Z" says the same, shorter.
        at = (datetime.fromtimestamp(change["ApproximateCreationDateTime"], timezone.utc)
              .isoformat(timespec="milliseconds").replace("+00:00", "Z"))

        match record["eventName"]:
            case "INSERT":
                item = unmarshall(change["NewImage"])
                print(f"{at} + {label} created: {json.dumps(item)}")
                changes.append({"change": "created", "keys": keys, "item": item})
            case "MODIFY":
                fields = diff(unmarshall(change["OldImage"]), unmarshall(change["NewImage"]))
                for field in fields:
                    print(f"{at} ~ {label} {field['attribute']}: "
                          f"{show(field, 'from')} -> {show(field, 'to')}")
                changes.append({"change": "updated", "keys": keys, "fields": fields})
            case "REMOVE":
                identity = record.get("userIdentity") or {}
                by_ttl = (identity.get("type") == "Service"
                          and identity.get("principalId") == "dynamodb.amazonaws.com")
                print(f"{at} - {label} deleted{' by Time To Live (expired)' if by_ttl else ''}")
                changes.append({"change": "expired" if by_ttl else "deleted", "keys": keys,
                                "item": unmarshall(change.get("OldImage"))})

    return {"changes": changes}
