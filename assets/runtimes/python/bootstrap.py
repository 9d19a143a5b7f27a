"""Lambda Lab's Python runtime client: the loop every Lambda runtime runs.

What this is
    A single-file, standard-library-only runtime client for Python 3.9+. Lambda Lab starts
    it as `python3 bootstrap.py`, with the task root as working directory and the
    environment Lambda gives a function (AWS_LAMBDA_RUNTIME_API, _HANDLER,
    LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, ...). It talks to the app's Runtime API
    server exactly as a real Lambda runtime talks to Lambda.

What it imitates
    AWS's own Python runtime interface client, `awslambdaric` 4.2.2 (PyPI; Apache-2.0;
    the client inside the managed python3.x runtimes). Request paths, headers, error
    bodies, error texts and log lines are the ones awslambdaric produces; texts marked
    "awslambdaric says" below are its words. The ground truth, captured from the real
    client on 2026-12-04, is in tests/fixtures/runtime_api/python/ (one JSON file per
    case); `python3 tests/fixtures/runtime_api/python/capture/capture.py --client
    bundled --compare` checks this file against it. The differences that remain are
    listed in that folder's README.md.

The whole life of a runtime, in four steps:

    1. INIT    import the handler's module once ("cold start"). If that fails, tell
               Lambda with POST /runtime/init/error and exit.
    2. NEXT    GET /runtime/invocation/next. Lambda holds this request open until an
               event arrives (minutes or hours): there is no timeout on purpose.
    3. INVOKE  call handler(event, context).
    4. REPLY   POST /runtime/invocation/{id}/response with the result, or .../error
               with {errorMessage, errorType, requestId, stackTrace}. Then back to 2.
               Module-level state survives between invokes: that is a "warm start".

Everything else here is detail: the context object, logging, and the exact texts.
"""

import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

# The version of awslambdaric whose behaviour this file reproduces. It also appears in
# the User-Agent header, as awslambdaric sends it: aws-lambda-python/<python>-<version>.
IMITATES_AWSLAMBDARIC = "4.2.2"
USER_AGENT = "aws-lambda-python/%d.%d.%d-%s" % (
    sys.version_info[0], sys.version_info[1], sys.version_info[2], IMITATES_AWSLAMBDARIC)

API_PREFIX = "/2018-06-01/runtime"

# Error types awslambdaric reports for problems that are not exceptions of the user's
# code itself ("faults").
MARSHAL_ERROR = "Runtime.MarshalError"
UNMARSHAL_ERROR = "Runtime.UnmarshalError"
USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

# The managed runtimes on which awslambdaric writes JSON without \u-escaping non-ASCII
# text (older ones escape it).
UTF8_JSON_RUNTIMES = {"AWS_Lambda_python3.12", "AWS_Lambda_python3.13",
                      "AWS_Lambda_python3.14", "AWS_Lambda_python3.15"}
PREVIEW_RUNTIMES = {"AWS_Lambda_python3.15"}

# awslambdaric says (it logs this as a WARNING before reporting any init error):
UNHANDLED_EXCEPTION_WARNING = (
    "LAMBDA_WARNING: "
    "Unhandled exception. "
    "The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. "
    "To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. "
    "If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. "
    "For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\r"
)

# In a multi-line [ERROR] entry the lines are joined with '\r', not '\n', so the whole
# entry stays one line on stdout (and one CloudWatch event); leading spaces of stack
# frames become NO-BREAK SPACEs.
ERROR_LOG_LINE_TERMINATE = "\r"
ERROR_LOG_IDENT = "\u00a0"


class FaultException(Exception):
    """A problem the runtime reports with a Runtime.* error type."""

    def __init__(self, exception_type, msg, trace=None):
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


# ---------------------------------------------------------------------------------------
# JSON in and out
# ---------------------------------------------------------------------------------------
# awslambdaric uses simplejson; this file keeps to the standard library and reproduces
# simplejson's visible behaviour where a handler is likely to meet it: decimal.Decimal
# is written as a plain number (NaN as NaN), bytes inside a structure are decoded as
# UTF-8, and a top-level bytes result is sent as it is with content type
# application/unknown.

_RAW_MARK = "\x00lambda-lab-raw-%d\x00"


class Encoder(json.JSONEncoder):
    def __init__(self):
        super().__init__(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") not in UTF8_JSON_RUNTIMES,
                         allow_nan=True)
        self._raw = []

    def default(self, obj):
        decimal = sys.modules.get("decimal")  # no Decimal can exist unless it was imported
        if decimal is not None and isinstance(obj, decimal.Decimal):
            if obj.is_nan():
                return float("nan")
            # The text must go out unchanged (19.90 stays 19.90): leave a marker, swap later.
            self._raw.append(str(obj))
            return _RAW_MARK % (len(self._raw) - 1)
        if isinstance(obj, bytes):
            return obj.decode("utf-8")
        return super().default(obj)

    def encode(self, obj):
        self._raw = []
        text = super().encode(obj)
        for i, raw in enumerate(self._raw):
            text = text.replace(json.dumps(_RAW_MARK % i), raw, 1)
        return text


def to_json(obj):
    return Encoder().encode(obj)


class Marshaller:
    def __init__(self):
        self.encoder = Encoder()

    def unmarshal_request(self, request, content_type="application/json"):
        if content_type != "application/json":
            return request  # any other content type: the handler gets the raw bytes
        try:
            return json.loads(request)
        except Exception as e:
            raise FaultException(UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)), None)

    def marshal_response(self, response):
        if isinstance(response, bytes):
            return response, "application/unknown"
        try:
            return self.encoder.encode(response), "application/json"
        except Exception as e:
            raise FaultException(MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)), None)


# ---------------------------------------------------------------------------------------
# The Runtime API client: one keep-alive HTTP connection
# ---------------------------------------------------------------------------------------

def _native_log_error(message):
    # awslambdaric's HTTP side is C++ (aws-lambda-cpp over libcurl); when a request fails
    # that layer prints this line to stdout: [ERROR] [<epoch ms>] LAMBDA_RUNTIME <message>
    sys.stdout.write("[ERROR] [%d] LAMBDA_RUNTIME %s\n" % (int(time.time() * 1000), message))


class LambdaRuntimeClientError(Exception):
    def __init__(self, endpoint, response_code, response_body):
        self.endpoint = endpoint
        self.response_code = response_code
        self.response_body = response_body
        super().__init__(
            f"Request to Lambda Runtime '{endpoint}' endpoint failed. Reason: '{response_code}'. "
            f"Response body: '{response_body}'")


class InvocationRequest:
    __slots__ = ("invoke_id", "x_amzn_trace_id", "invoked_function_arn", "deadline_time_in_ms",
                 "client_context", "cognito_identity", "tenant_id", "content_type", "event_body")


class RuntimeClient:
    marshaller = Marshaller()

    def __init__(self, address):
        self.address = address
        # No timeout: GET /next is a long poll that may wait for hours. One connection is
        # kept open and reused for every request (keep-alive), so a warm invoke costs no
        # TCP handshake.
        self.conn = http.client.HTTPConnection(address)

    def _exchange(self, method, path, headers, body=None):
        """Send one request the way libcurl does (only these headers, in this order);
        returns (status, headers, body). A connection the server closed while idle is
        reopened once, as libcurl does."""
        for attempt in (0, 1):
            try:
                self.conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
                self.conn.putheader("Host", self.address)
                self.conn.putheader("Accept", "*/*")
                for name, value in headers:
                    self.conn.putheader(name, value)
                self.conn.endheaders(body)
                response = self.conn.getresponse()
                return response.status, response, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                self.conn.close()
                if attempt:
                    raise

    def wait_next_invocation(self):
        try:
            status, response, body = self._exchange(
                "GET", API_PREFIX + "/invocation/next", [("User-Agent", USER_AGENT)])
        except OSError:
            _native_log_error("Failed to get next invocation. No Response from endpoint")
            raise RuntimeError("Failed to get next")
        if not 200 <= status <= 299:
            _native_log_error("Failed to get next invocation. Http Response code: %d" % status)
            raise RuntimeError("Failed to get next")
        # The event's metadata travels in headers. (One dict, names lower-cased: cheaper
        # than asking the response for each header in turn.)
        header = {name.lower(): value for name, value in response.getheaders()}.get
        if header("lambda-runtime-aws-request-id") is None:
            _native_log_error("Failed to find header lambda-runtime-aws-request-id in response")
            raise RuntimeError("Failed to get next")
        request = InvocationRequest()
        request.invoke_id = header("lambda-runtime-aws-request-id")
        request.x_amzn_trace_id = header("lambda-runtime-trace-id") or None
        request.invoked_function_arn = header("lambda-runtime-invoked-function-arn", "")
        deadline = header("lambda-runtime-deadline-ms")  # Unix epoch milliseconds
        request.deadline_time_in_ms = _leading_int(deadline) if deadline else 0
        request.client_context = header("lambda-runtime-client-context") or None
        request.cognito_identity = header("lambda-runtime-cognito-identity") or None
        request.tenant_id = header("lambda-runtime-aws-tenant-id") or None
        # Only application/json is parsed; an event of any other type reaches the
        # handler as bytes.
        request.content_type = header("content-type") or None
        request.event_body = body
        return request

    def _post(self, path, content_type, payload, xray_cause, failure):
        headers = [("content-type", content_type)]
        if xray_cause:
            # The X-Ray "cause" of an error; bytes, since it may hold UTF-8 text.
            headers.append(("lambda-runtime-function-xray-error-cause", xray_cause.encode("utf-8")))
        headers.append(("User-Agent", USER_AGENT))
        headers.append(("content-length", str(len(payload))))
        try:
            status, _, body = self._exchange("POST", path, headers, payload)
        except OSError:
            raise RuntimeError(failure)
        if not 200 <= status <= 299:
            # (aws-lambda-cpp uses the word "success" for /error posts too.)
            _native_log_error("Failed to post handler success response. Http response code: %d. %s"
                              % (status, body.decode("utf-8", "replace")))
            raise RuntimeError(failure)

    def post_invocation_result(self, invoke_id, result_data, content_type="application/json"):
        payload = result_data if isinstance(result_data, bytes) else result_data.encode("utf-8")
        self._post(API_PREFIX + "/invocation/" + invoke_id + "/response", content_type, payload,
                   "", "Failed to post invocation response")

    def post_invocation_error(self, invoke_id, error_response_data, xray_fault):
        xray_fault = xray_fault if len(xray_fault.encode()) < 1024 * 1024 else ""
        self._post(API_PREFIX + "/invocation/" + invoke_id + "/error", "application/json",
                   error_response_data.encode("utf-8"), xray_fault, "Failed to post invocation error")

    def post_init_error(self, error_response_data):
        # awslambdaric sends this one from Python's http.client, not from its C++ client:
        # hence other headers (Accept-Encoding, no User-Agent) and the error type header.
        endpoint = API_PREFIX + "/init/error"
        self.conn.request("POST", endpoint, to_json(error_response_data),
                          {"Lambda-Runtime-Function-Error-Type": error_response_data["errorType"]})
        response = self.conn.getresponse()
        body = response.read()
        if response.status != 202:
            raise LambdaRuntimeClientError(endpoint, response.status, body)


def _leading_int(text):
    # aws-lambda-cpp reads the deadline with strtoul: leading digits, the rest ignored.
    digits = ""
    for ch in text.strip():
        if not ch.isdigit():
            break
        digits += ch
    return int(digits) if digits else 0


# ---------------------------------------------------------------------------------------
# The context object (the handler's second argument)
# ---------------------------------------------------------------------------------------

class LambdaContext:
    def __init__(self, invoke_id, client_context, cognito_identity, epoch_deadline_time_in_ms,
                 invoked_function_arn=None, tenant_id=None):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        # A string ("128"), as in awslambdaric: it comes straight from the environment.
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        self._w3c_fields = self._extract_and_strip_w3c(client_context)

        self.client_context = make_obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = make_obj_from_dict(Client, self.client_context.client)

        self.identity = make_obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")

        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        # The deadline is the Lambda-Runtime-Deadline-Ms header of /next: Unix epoch ms.
        delta_ms = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return delta_ms if delta_ms > 0 else 0

    def w3c(self):
        return dict(self._w3c_fields)

    @staticmethod
    def _extract_and_strip_w3c(client_context):
        if not isinstance(client_context, dict) or "w3c" not in client_context:
            return {}
        raw_w3c = client_context.pop("w3c")
        if not isinstance(raw_w3c, dict):
            return {}
        return {k: raw_w3c[k] for k in ("traceparent", "tracestate", "baggage")
                if isinstance(raw_w3c.get(k), str)}

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            f"{self.__class__.__name__}(["
            f"aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},"
            f"client_context={self.client_context},"
            f"identity={self.identity},"
            f"tenant_id={self.tenant_id}"
            "])"
        )


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return (f"{self.__class__.__name__}(["
                f"cognito_identity_id={self.cognito_identity_id},"
                f"cognito_identity_pool_id={self.cognito_identity_pool_id}"
                "])")


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code",
                 "app_package_name"]

    def __repr__(self):
        return (f"{self.__class__.__name__}(["
                f"installation_id={self.installation_id},"
                f"app_title={self.app_title},"
                f"app_version_name={self.app_version_name},"
                f"app_version_code={self.app_version_code},"
                f"app_package_name={self.app_package_name}"
                "])")


class ClientContext:
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return (f"{self.__class__.__name__}(["
                f"custom={self.custom},"
                f"env={self.env},"
                f"client={self.client}"
                "])")


def make_obj_from_dict(_class, _dict):
    if _dict is None:
        return None
    obj = _class()
    for field in _class.__slots__:
        setattr(obj, field, _dict.get(field, None))
    return obj


def parse_json_header(header, name):
    try:
        return json.loads(header)
    except Exception as e:
        raise FaultException(LAMBDA_CONTEXT_UNMARSHAL_ERROR,
                             "Unable to parse {} JSON: {}".format(name, str(e)), None)


# ---------------------------------------------------------------------------------------
# Output: stdout unbuffered, logging lines with the request id, [ERROR] entries
# ---------------------------------------------------------------------------------------

class Unbuffered:
    """Every write is flushed at once, so a print() reaches the log before the handler
    returns (or crashes). awslambdaric wraps sys.stdout and sys.stderr the same way."""

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        pass

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def write(self, msg):
        self.stream.write(msg)
        self.stream.flush()

    def writelines(self, msgs):
        self.stream.writelines(msgs)
        self.stream.flush()


_LOG_FORMAT_JSON = (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
_LOG_LEVEL = {None: "", "TRACE": "DEBUG"}.get(os.environ.get("AWS_LAMBDA_LOG_LEVEL"),
                                               os.environ.get("AWS_LAMBDA_LOG_LEVEL")).upper()
_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_GLOBAL_AWS_REQUEST_ID = None  # the invoke being served: every log line carries it
_GLOBAL_TENANT_ID = None


class LambdaLoggerHandler(logging.Handler):
    def emit(self, record):
        sys.stdout.write(self.format(record))


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _GLOBAL_AWS_REQUEST_ID or ""
        record.tenant_id = _GLOBAL_TENANT_ID
        return True


_RESERVED_FIELDS = {
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module",
    "exc_info", "exc_text", "stack_info", "lineno", "funcName", "created", "msecs",
    "relativeCreated", "thread", "threadName", "processName", "process", "aws_request_id",
    "tenant_id", "_frame_type",
}


class JsonFormatter(logging.Formatter):
    """AWS_LAMBDA_LOG_FORMAT=JSON: one JSON object per log record."""

    _encode = json.JSONEncoder(ensure_ascii=False, default=str).encode

    def __init__(self):
        super().__init__(datefmt=_DATETIME_FORMAT)

    def format(self, record):
        record.levelno = min(50, max(0, record.levelno)) // 10 * 10
        record.levelname = logging.getLevelName(record.levelno)
        exc_info = record.exc_info
        result = {
            "timestamp": self.formatTime(record, self.datefmt),
            "level": record.levelname,
            "message": (record.msg if isinstance(record.msg, dict) and not record.args
                        else record.getMessage()),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc_info[2]) if exc_info else None,
            "errorType": exc_info[0].__name__ if exc_info else None,
            "errorMessage": str(exc_info[1]) if exc_info else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": (f"{record.pathname}:{record.funcName}:{record.lineno}"
                         if exc_info else None),
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        result.update((k, v) for k, v in record.__dict__.items()
                      if k not in _RESERVED_FIELDS and k not in result)
        return self._encode({k: v for k, v in result.items() if v is not None}) + "\n"


def setup_logging():
    """The root logger gets one handler that writes
    [LEVEL]\\t<UTC time>.<ms>Z\\t<request id>\\t<message> to stdout. Its level stays
    WARNING (Python's default) unless AWS_LAMBDA_LOG_LEVEL is set, so logging.info()
    shows nothing until the handler calls logger.setLevel(logging.INFO)."""
    logging.Formatter.converter = time.gmtime
    logger = logging.getLogger()
    handler = LambdaLoggerHandler()
    if _LOG_FORMAT_JSON:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S"))
    if _LOG_LEVEL in logging._nameToLevel:
        logger.setLevel(_LOG_LEVEL)
    handler.addFilter(LambdaLoggerFilter())
    logger.addHandler(handler)


def replace_line_indentation(line, indent_char, new_indent_char):
    count = len(line) - len(line.lstrip(indent_char))
    return (new_indent_char * count) + line[count:]


def log_error(error_result):
    """The entry awslambdaric writes for every error, before it reports it."""
    if _LOG_FORMAT_JSON:
        entry = {"timestamp": time.strftime(_DATETIME_FORMAT, logging.Formatter.converter(time.time())),
                 "level": "ERROR", **error_result}
        sys.stdout.write(to_json(entry) + "\n")
        return
    description = "[ERROR]"
    if error_result.get("errorType"):
        description += " " + error_result["errorType"]
    if error_result.get("errorMessage"):
        if error_result.get("errorType"):
            description += ":"
        description += " " + error_result["errorMessage"]
    lines = [description]
    stack_trace = error_result.get("stackTrace")
    if stack_trace is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack_trace:
            if element == "":
                lines.append("")
            else:
                lines.extend(replace_line_indentation(line, " ", ERROR_LOG_IDENT)
                             for line in element.splitlines())
    sys.stdout.write(ERROR_LOG_LINE_TERMINATE.join(lines) + "\n")


# ---------------------------------------------------------------------------------------
# Errors: the JSON Lambda gets, and the X-Ray cause header
# ---------------------------------------------------------------------------------------

def make_error(error_message, error_type, stack_trace, invoke_id=None):
    # The body of /error and /init/error. requestId is "" at init.
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def extract_traceback(tb):
    """Frames as (file, line, function, code), without the runtime's own frames at the
    top: awslambdaric drops leading frames of any file ending in /bootstrap.py (its own
    is awslambdaric/bootstrap.py; this file keeps that name so the rule still works)."""
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i in range(len(frames)):
        # (and this file's own frames, should the app ever name it otherwise)
        if "/bootstrap.py" not in frames[i][0] and frames[i][0] != __file__:
            return frames[i:]
    return frames


def make_xray_fault(ex_type, ex_msg, working_dir, tb_tuples):
    stack, files = [], set()
    for tb_file, tb_line, tb_method, _ in tb_tuples:
        stack.append({"label": tb_method, "path": tb_file, "line": tb_line})
        files.add(tb_file)
    return {"working_directory": working_dir,
            "exceptions": [{"message": ex_msg, "type": ex_type, "stack": stack}],
            "paths": list(files)}


def build_fault_result(exc_info, msg):
    etype, value, tb = exc_info
    return make_error(msg if msg else str(value), etype.__name__,
                      traceback.format_list(extract_traceback(tb)))


# ---------------------------------------------------------------------------------------
# Step 1, INIT: find the handler
# ---------------------------------------------------------------------------------------

def get_handler(handler):
    """'module.function'; the module may be a dotted path into packages
    ('pkg.sub.mod.handler') or use '/' ('pkg/sub/mod.handler'). The texts are
    awslambdaric's."""
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(BUILT_IN_MODULE_CONFLICT,
                                 "Cannot use built-in module {} as a handler module".format(modname))
        # Importing runs the module's top level: this is the cold start's user part.
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(IMPORT_MODULE_ERROR,
                             "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(USER_CODE_SYNTAX_ERROR,
                             "Syntax error in module '{}': {}".format(modname, str(e)), trace)
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(HANDLER_NOT_FOUND,
                             "Handler '{}' missing on module '{}'".format(fname, modname), None)


# ---------------------------------------------------------------------------------------
# Steps 3 and 4, INVOKE and REPLY
# ---------------------------------------------------------------------------------------

def handle_event_request(client, request_handler, request):
    invoke_id = request.invoke_id
    error_result = None
    try:
        client_context = None
        if request.client_context:
            client_context = parse_json_header(request.client_context, "Client Context")
        cognito_identity = None
        if request.cognito_identity:
            cognito_identity = parse_json_header(request.cognito_identity, "Cognito Identity")
        context = LambdaContext(invoke_id, client_context, cognito_identity,
                                request.deadline_time_in_ms, request.invoked_function_arn,
                                request.tenant_id)
        event = client.marshaller.unmarshal_request(request.event_body, request.content_type)
        response = request_handler(event, context)  # <- the user's code runs here
        result, result_content_type = client.marshaller.marshal_response(response)
    except FaultException as e:
        xray_fault = make_xray_fault("LambdaValidationError", e.msg, os.getcwd(), [])
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        # Any exception of the handler is a "handled" function error: it is logged,
        # reported on /error, and the process carries on with the next event.
        # (SystemExit and KeyboardInterrupt are not Exceptions: sys.exit() ends the process.)
        etype, value, tb = sys.exc_info()
        frames = extract_traceback(tb)
        xray_fault = make_xray_fault(etype.__name__, str(value), os.getcwd(), frames)
        error_result = make_error(str(value), etype.__name__, traceback.format_list(frames), invoke_id)

    if error_result is not None:
        log_error(error_result)
        client.post_invocation_error(invoke_id, to_json(error_result), to_json(xray_fault))
    else:
        client.post_invocation_result(invoke_id, result, result_content_type)


def main():
    global _GLOBAL_AWS_REQUEST_ID, _GLOBAL_TENANT_ID
    sys.stdout = Unbuffered(sys.stdout)
    sys.stderr = Unbuffered(sys.stderr)

    # `python3 bootstrap.py` put this file's folder first on sys.path; the function's
    # code must come first instead (awslambdaric, run as `python -m awslambdaric` from
    # the task root, has the task root there). Layers arrive through PYTHONPATH, after it.
    sys.path[0] = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()

    handler_name = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("_HANDLER", "")
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])

    # ---- 1. INIT ----
    error_result = None
    try:
        setup_logging()
        execution_env = os.environ.get("AWS_EXECUTION_ENV", "")
        if execution_env in PREVIEW_RUNTIMES and not os.environ.get("LAMBDA_DISABLE_PREVIEW_WARN", ""):
            logging.warning(
                "LAMBDA_WARNING: This is a preview runtime version and should not be used for "
                "production workloads. For further information and to provide feedback, see %s\r"
                % ("https://docs.amazonaws.cn/lambda/latest/dg/lambda-runtimes.html"
                   if os.environ.get("AWS_REGION", "").startswith("cn-")
                   else "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"))
        request_handler = get_handler(handler_name)
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
    except Exception:
        # An exception at the module's top level: reported with its own type.
        error_result = build_fault_result(sys.exc_info(), None)

    if error_result is not None:
        logging.warning(UNHANDLED_EXCEPTION_WARNING)
        log_error(error_result)
        client.post_init_error(error_result)
        sys.exit(1)

    # ---- 2-4. the loop every Lambda runtime runs ----
    while True:
        request = client.wait_next_invocation()  # blocks until Lambda has an event
        _GLOBAL_AWS_REQUEST_ID = request.invoke_id
        _GLOBAL_TENANT_ID = request.tenant_id
        # X-Ray SDKs read the trace id from the environment.
        if request.x_amzn_trace_id is not None:
            os.environ["_X_AMZN_TRACE_ID"] = request.x_amzn_trace_id
        elif "_X_AMZN_TRACE_ID" in os.environ:
            del os.environ["_X_AMZN_TRACE_ID"]
        handle_event_request(client, request_handler, request)


if __name__ == "__main__":
    main()
