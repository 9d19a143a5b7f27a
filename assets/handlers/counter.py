# counter.py: shows what survives between invokes of the same execution environment.
# The Python twin of counter.mjs.
#
# What it teaches
# - Code outside the handler runs once, when Lambda imports the module at a cold start
#   (the Init phase). Module-level variables then live as long as the Python process:
#   warm invokes see the values the previous invoke left, so the count goes 1, 2, 3...
# - /tmp is per execution environment too: the file written here is still there on a warm
#   invoke.
# - A NEW environment starts both from scratch: the first invoke, a second request arriving
#   while the first is still running, after an idle period, after a code or configuration
#   change. Two environments count separately.
# - A timeout or a crash is different: Lambda resets the runtime IN THE SAME environment.
#   The module is imported again, so `count` starts over at 1, but the reset does NOT clear
#   /tmp: tmpCount carries on (count 1, tmpCount 4). The response says so in
#   tmpOutlivedGlobals. So globals and /tmp are a CACHE, never a database.
# - Returned without statusCode: behind a function URL, Lambda sends a JSON object like
#   this as the body of a 200 response.
#
# Try it with sample-events/lambda-url/get.json: invoke three times (1, 2, 3), raise the
# concurrency to see a second environment start at 1, or make an invoke time out.

import os
import tempfile
from datetime import datetime, timezone

# On Lambda this is /tmp. tempfile.gettempdir() follows TMPDIR, so the same code also
# finds the private folder Lambda Lab gives each environment on this machine.
TMP_FILE = os.path.join(tempfile.gettempdir(), "counter.txt")

# Runs once per import: at the cold start, and again after a reset (then it is when the
# runtime restarted, later than the environment itself).
environment_started_at = datetime.now(timezone.utc).isoformat()
count = 0  # lives as long as this Python process

print(f"cold start: module imported at {environment_started_at}")


def read_tmp_count():
    """Reads the number an earlier invoke left in /tmp, or 0 if there is none yet."""
    try:
        with open(TMP_FILE, encoding="utf-8") as file:
            return int(file.read() or 0)
    except (FileNotFoundError, ValueError):
        return 0  # no file yet: nothing in this environment has written it


def lambda_handler(event, context):
    # Without `global`, `count += 1` would make count a local variable and raise
    # UnboundLocalError.
    global count
    count += 1
    tmp_count = read_tmp_count() + 1
    with open(TMP_FILE, "w", encoding="utf-8") as file:
        file.write(str(tmp_count))

    print(f"invoke {count} since the module was imported ({'cold' if count == 1 else 'warm'}), "
          f"/tmp count {tmp_count}")
    return {
        "count": count,
        "tmpCount": tmp_count,
        "cold": count == 1,
        # True after a timeout or crash reset the runtime: globals started over, /tmp did not.
        "tmpOutlivedGlobals": tmp_count > count,
        "environmentStartedAt": environment_started_at,
        "requestId": context.aws_request_id,
    }
