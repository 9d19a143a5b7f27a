# My handler: runs unchanged on AWS Lambda (python3.13).
#
# Code up here runs once per execution environment, at a cold start (INIT), when Lambda
# imports this module. Use it for work every invoke can share: configuration, clients,
# lookup tables.
import json
from datetime import datetime, timezone

started_at = datetime.now(timezone.utc).isoformat()


# `event` is the JSON the caller sent, as Python values (dict, list, str, ...); `context`
# says which request this is and how much time is left
# (context.get_remaining_time_in_millis()).
def lambda_handler(event, context):
    print(f"request {context.aws_request_id} in an environment started at {started_at}")
    print("event:", json.dumps(event))

    # Whatever you return is the response (it must turn into JSON).
    return {"ok": True, "received": event}
