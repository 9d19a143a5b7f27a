# slow.py: takes longer than its timeout, to show what a timeout looks like, and how to
# stop in time instead. The Python twin of slow.mjs.
#
# What it teaches
# - Every function has a timeout (default 3 s, at most 900 s). When it runs out, Lambda
#   stops the invoke, logs "Task timed out after 3.00 seconds", reports Status: timeout,
#   and resets the runtime: the next invoke imports the module again (a cold start).
#   No exception is raised in your code and no `finally` block runs: it is simply stopped.
# - You are billed for the time until the timeout.
# - context.get_remaining_time_in_millis() tells you how long is left, so long jobs can
#   stop cleanly (save progress, return a partial result) before Lambda stops them.
#
# Sleeps event["delayMs"] milliseconds (default 5000): with a 3 s timeout it never finishes.
# Set delayMs below the timeout to see it succeed, or add "stopBeforeTimeout": true to the
# event to see it check the clock and return early with a partial result.

import time

# Stop this long before the deadline: enough to save progress and return the response.
SAFETY_MARGIN_MS = 500


def lambda_handler(event, context):
    # A direct invoke can send any JSON at all, even a bare number: check before reading.
    options = event if isinstance(event, dict) else {}
    delay_ms = options.get("delayMs", 5000)
    if isinstance(delay_ms, bool) or not isinstance(delay_ms, (int, float)):
        delay_ms = 5000
    stop_before_timeout = options.get("stopBeforeTimeout") is True

    # flush=True: Lambda's runtime already writes every print straight through, but a
    # Python process writing into a pipe buffers its output, and a process that is killed
    # at the timeout loses whatever is still in the buffer.
    print(f"going to sleep for {delay_ms} ms; "
          f"{context.get_remaining_time_in_millis()} ms left before the timeout", flush=True)

    started = time.monotonic()  # a clock for durations: never jumps like the wall clock

    def elapsed_ms():
        return round((time.monotonic() - started) * 1000)

    # Sleep in steps of at most one second so the log shows the clock running down.
    while elapsed_ms() < delay_ms:
        remaining = context.get_remaining_time_in_millis()
        if stop_before_timeout and remaining < 1000 + SAFETY_MARGIN_MS:
            # The next step could outlive the deadline: stop while we still can answer.
            print(f"stopping early: only {remaining} ms left", flush=True)
            return {"sleptMs": elapsed_ms(), "finished": False, "remainingMs": remaining}
        time.sleep(max(0, min(1000, delay_ms - elapsed_ms())) / 1000)
        print(f"{elapsed_ms()} ms slept, {context.get_remaining_time_in_millis()} ms left",
              flush=True)

    return {"sleptMs": elapsed_ms(), "finished": True}
