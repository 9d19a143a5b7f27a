# TEMPORARY minimal bootstrap (being replaced by the full one).
import http.client, json, os, sys, importlib
api = os.environ["AWS_LAMBDA_RUNTIME_API"]
conn = http.client.HTTPConnection(api)
sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
mod, fn = os.environ["_HANDLER"].rsplit(".", 1)
handler = getattr(importlib.import_module(mod), fn)
while True:
    conn.request("GET", "/2018-06-01/runtime/invocation/next")
    r = conn.getresponse(); event = json.loads(r.read()); rid = r.getheader("Lambda-Runtime-Aws-Request-Id")
    try:
        out = json.dumps(handler(event, None)); path = "response"
    except Exception as e:
        out = json.dumps({"errorMessage": str(e), "errorType": type(e).__name__, "requestId": rid, "stackTrace": []}); path = "error"
    sys.stdout.flush()
    conn.request("POST", f"/2018-06-01/runtime/invocation/{rid}/{path}", out); conn.getresponse().read()
