# hello.py: a first Python handler, like the one the Lambda console creates, with the
# parts it leaves out explained.
#
# What it teaches
# - Lambda imports this module once per execution environment (the Init phase), then
#   calls lambda_handler(event, context) for every request. The handler setting names
#   both: "hello.lambda_handler" (the console's default is lambda_function.lambda_handler).
# - `event` is the caller's JSON turned into Python values: dicts, lists, str, int, float,
#   bool, None. A key that is missing is missing: event["x"] raises KeyError, so use
#   event.get("x") for anything optional.
# - `context` is an object, not a dict: context.aws_request_id, context.function_name,
#   context.memory_limit_in_mb (a STRING, such as "128"), context.invoked_function_arn,
#   context.log_group_name, context.log_stream_name and the method
#   context.get_remaining_time_in_millis().
# - Two ways to log, both end up in CloudWatch Logs:
#     print(...)      the line exactly as printed, nothing added.
#     logging         the runtime has already put a handler on the ROOT logger that writes
#                     "[INFO]\t2026-03-14T10:15:30.512Z\t<request id>\tyour message", so
#                     every line says which request wrote it. Its level starts at WARNING:
#                     call setLevel("INFO") or logger.info(...) prints nothing. (If you set
#                     a log level in the function's logging configuration, the runtime sets
#                     it for you; setLevel here would override that.)
#   logging.basicConfig() does NOTHING on Lambda, because the root logger already has a
#   handler: set the level on the logger instead.
#
# Try it with sample-events/lambda-url/get.json (a GET through a function URL), then add
# "queryStringParameters": {"name": "Ada"} to the event. Invoke twice and compare the logs.

import json
import logging

logger = logging.getLogger()  # the root logger: the one Lambda's runtime set up
logger.setLevel("INFO")

print("init: this module was imported (once per execution environment)")


def lambda_handler(event, context):
    # print: the text only. json.dumps makes the event readable; indent spreads it out.
    print("event:", json.dumps(event, indent=2))

    # logging: the runtime adds the level, the time and the request id for you.
    logger.info("request %s for function %s (%s MB)",
                context.aws_request_id, context.function_name, context.memory_limit_in_mb)
    logger.info("%d ms left before the timeout", context.get_remaining_time_in_millis())

    # A function URL (or API Gateway) sends no queryStringParameters key at all when the
    # URL has no query string: .get() with a default, never event["..."]["..."].
    query = event.get("queryStringParameters") or {}
    name = query.get("name", "world")

    # Behind a function URL or API Gateway, statusCode and body become the HTTP response
    # (body must be a string). On a direct invoke they are just keys of the returned dict.
    # Whatever you return must be JSON-serialisable: no sets, bytes or datetime objects.
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({"message": f"Hello, {name}, from Lambda!",
                            "requestId": context.aws_request_id}),
    }
