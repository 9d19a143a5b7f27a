# sqs_batch.py: processes a batch of SQS messages and reports only the failed ones.
# The Python twin of sqs-batch.mjs.
#
# What it teaches
# - Lambda polls the queue for you and hands over up to 10 messages (by default) at once.
# - Each message body is a STRING. Here it should hold JSON, and json.loads can raise.
# - Without partial batch responses, one bad message makes the whole batch fail, so the
#   good messages are delivered again too. With "ReportBatchItemFailures" turned on in the
#   event source mapping, the function returns
#       {"batchItemFailures": [{"itemIdentifier": "<messageId>"}]}
#   and only those messages go back to the queue (and, after maxReceiveCount attempts,
#   to the dead-letter queue). An empty list means "all done".
# - So catch errors PER MESSAGE. An exception that escapes lambda_handler fails the whole
#   invoke, and every message in the batch comes back.
# - FIFO queues keep order within a message group: after the first failure, stop and
#   report that message AND every later one, so nothing is processed out of order.
#
# Logs with the logging module: Lambda's root logger handler prefixes each line with
# "[LEVEL]\t<time>\t<request id>\t", so failures show up as [ERROR] lines you can filter on.
#
# Try it with sample-events/sqs/standard.json (the second body is cut short) and
# sqs/fifo.json; then fix the second body and see the failure list empty.

import json
import logging

logger = logging.getLogger()
logger.setLevel("INFO")  # the root logger's level starts at WARNING on Lambda


def validate(order):
    """Raises ValueError if the order is not something we can ship."""
    if not isinstance(order, dict):
        raise ValueError(f"expected a JSON object, got {type(order).__name__}")

    def is_int(value):
        return isinstance(value, int) and not isinstance(value, bool)

    if not is_int(order.get("orderId")):
        raise ValueError("orderId is missing")
    if not order.get("item"):
        raise ValueError("item is missing")
    if not is_int(order.get("quantity")) or order["quantity"] < 1:
        raise ValueError(f"quantity must be at least 1, got {order.get('quantity')}")


def lambda_handler(event, context):
    batch_item_failures = []
    fifo_stopped = False

    for record in event["Records"]:
        is_fifo = record["eventSourceARN"].endswith(".fifo")
        if fifo_stopped:
            logger.info("not processing %s: an earlier message in this FIFO batch failed",
                        record["messageId"])
            batch_item_failures.append({"itemIdentifier": record["messageId"]})
            continue

        try:
            order = json.loads(record["body"])  # json.JSONDecodeError is a ValueError
            validate(order)
            # Attribute values are strings, even the numbers: "2" means delivered before.
            logger.info("order %s: would reserve %s x %s (attempt %s)", order["orderId"],
                        order["quantity"], order["item"],
                        record["attributes"]["ApproximateReceiveCount"])
        except Exception as error:  # broad on purpose: ANY failure is this message's failure
            logger.error("message %s failed: %s", record["messageId"], error)
            batch_item_failures.append({"itemIdentifier": record["messageId"]})
            if is_fifo:
                fifo_stopped = True

    total = len(event["Records"])
    logger.info("%d of %d messages done", total - len(batch_item_failures), total)
    return {"batchItemFailures": batch_item_failures}
