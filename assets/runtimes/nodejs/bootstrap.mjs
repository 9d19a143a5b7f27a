// Lambda Lab: Node.js runtime bootstrap
// =======================================
//
// This one file is what runs inside a Node.js Lambda "execution environment".
// Lambda starts a process with a handful of environment variables and then
// waits for that process to ask for work over HTTP: the Runtime API. Every
// Lambda runtime, in every language, runs the same loop:
//
//     initialise:  load the user's code (the "Init" phase; errors go to /init/error)
//     forever:     GET  /2018-06-01/runtime/invocation/next         (blocks until an event)
//                  call the handler with the event and a context object
//                  POST /2018-06-01/runtime/invocation/{id}/response   on success
//                  POST /2018-06-01/runtime/invocation/{id}/error      on failure
//
// The app starts it as `node bootstrap.mjs` with cwd = the task root and the
// usual Lambda environment (AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT, _HANDLER,
// LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, AWS_EXECUTION_ENV, ...).
//
// What it imitates
// ----------------
// AWS's real runtime is the open-source "runtime interface client" (RIC),
// github.com/aws/aws-lambda-nodejs-runtime-interface-client, npm "aws-lambda-ric".
// Two generations of it are in use, and they behave differently, so this file
// carries both and picks one from AWS_EXECUTION_ENV (see FLAVOUR below):
//
//   * "classic"  = aws-lambda-ric 3.x, main branch at commit
//                  da5777a8963928cac4f6f93d88d6928262f6bd2a (2025-08-13), the
//                  client of nodejs22.x and older. Callback handlers work (with a
//                  deprecation warning), `beforeExit` decides when an invoke is over,
//                  uncaught errors are reported to the Runtime API and end the
//                  process with exit code 129 / 128.
//   * "modern"   = aws-lambda-ric 4.0.2 (npm, 2026), the client of nodejs24.x.
//                  Callback handlers are refused at init
//                  (Runtime.CallbackHandlerDeprecated), the loop is a plain
//                  `while (true)`, there are no process-level error handlers (an
//                  uncaught error crashes Node with exit code 1).
//
// Source file names in comments ("Runtime.js:61") point into the 3.x tree;
// "4.x <name>" points at a section of the 4.0.2 bundle (its dist/*.js names).
// tests/fixtures/runtime_api/nodejs/ replays 73 cases x 2 flavours recorded
// from the real clients (run for real, 2026-12-04) against this file; its
// README lists the remaining differences.
//
// The real client does its /next, /response and /error requests from C++
// (aws-lambda-cpp + libcurl, a native addon). We use Node's http module and
// send the same headers (User-Agent: AWS_Lambda_Cpp/x.y.z, Accept: */*).
// Built-ins only: no npm packages.

import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

// ES module imports of packages from layers. Node.js ignores NODE_PATH for ES
// modules, but on Lambda `import x from "pkg"` finds /opt/nodejs/node_modules/pkg
// on Node.js 18 and later ("Lambda supports JavaScript ES module dependencies for
// Node.js 18": repost.aws/knowledge-center/lambda-import-module-error-nodejs).
// How the managed runtime does it is not published; this resolve hook gives the
// same result: a bare specifier Node cannot find is looked up in each NODE_PATH
// folder (the layers' nodejs/node_modules, which the app sets) before the error.
const LAYER_RESOLVE_HOOK = `
let folders = [];
export async function initialize(data) { folders = data.folders; }
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const bare = !/^(\\.|\\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier);
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !bare) throw error;
    for (const parentURL of folders) {
      try { return await nextResolve(specifier, { ...context, parentURL }); } catch {}
    }
    throw error;
  }
}`;
// Only when a layer folder exists: a hook changes how Node loads every module (it
// drops the MODULE_TYPELESS_PACKAGE_JSON warning, for one), so a function without
// layers loads exactly as with the official client.
const layerFolders = (process.env.NODE_PATH || '').split(':').filter((folder) => folder && fs.existsSync(folder));
if (typeof register === 'function' && layerFolders.length > 0) {
  // A file URL inside each folder: Node looks for node_modules/<pkg> from its parent up.
  const folders = layerFolders.map((folder) => pathToFileURL(path.join(folder, 'lambda-lab-layer-anchor.mjs')).href);
  register('data:text/javascript,' + encodeURIComponent(LAYER_RESOLVE_HOOK), import.meta.url, { data: { folders } });
}

// `require` for loading CommonJS user code. Like the official bundle (which is
// one ESM file, /var/runtime/index.mjs), our require is anchored at this file,
// so "Require stack" in import errors ends with this file's path.
const require = createRequire(import.meta.url);

// ===========================================================================
// 0. Which client generation to imitate
// ===========================================================================
//
// AWS_EXECUTION_ENV is "AWS_Lambda_nodejs24.x" etc. nodejs24.x and newer run
// the 4.x client; older ones the 3.x client. Without the variable we use the
// major version of the Node.js that runs us (each nodejsNN.x ships Node NN).

function runtimeMajor() {
  const m = /^AWS_Lambda_nodejs(\d+)\.x$/.exec(process.env.AWS_EXECUTION_ENV || '');
  return m ? parseInt(m[1], 10) : parseInt(process.versions.node, 10);
}
const FLAVOUR = runtimeMajor() >= 24 ? 'modern' : 'classic';
const CLASSIC = FLAVOUR === 'classic';

// The native addon identifies itself as aws-lambda-cpp. 3.x bundles
// aws-lambda-cpp 0.2.8 (deps/versions); 4.0.2's copy declares 0.2.6 in its
// CMakeLists.txt. Both values were seen on the wire.
const USER_AGENT = CLASSIC ? 'AWS_Lambda_Cpp/0.2.8' : 'AWS_Lambda_Cpp/0.2.6';

// AWS_LAMBDA_RUNTIME_VERBOSE=1..3 makes the official client chatty (VerboseLog.js).
const VERBOSITY = Math.min(3, Math.max(0, parseInt(process.env.AWS_LAMBDA_RUNTIME_VERBOSE || '0', 10) || 0));
function verbose(level, category, ...args) {
  if (VERBOSITY >= level) console.log('RUNTIME', category, ...args.map((a) => (typeof a === 'function' ? a() : a)));
}

// ===========================================================================
// 1. Errors: the Runtime.* error types and how errors are serialized
// ===========================================================================

// 3.x (Errors.js:102-128): plain subclasses; the `Runtime.` name lives on the
// prototype, so it is not an own property and does not show up in JSON. (The
// class names matter too: JSON logs print `constructor.name`.)
const ClassicErrors = {
  ImportModuleError: class ImportModuleError extends Error {},
  HandlerNotFound: class HandlerNotFound extends Error {},
  MalformedHandlerName: class MalformedHandlerName extends Error {},
  UserCodeSyntaxError: class UserCodeSyntaxError extends Error {},
  MalformedStreamingHandler: class MalformedStreamingHandler extends Error {},
  InvalidStreamingOperation: class InvalidStreamingOperation extends Error {},
  // Errors.js:109-115: posted when the event loop empties while an async
  // handler's promise is still pending.
  NodeJsExit: class NodeJsExit extends Error {
    constructor() {
      super(
        'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
      );
    }
  },
};
for (const [name, C] of Object.entries(ClassicErrors)) C.prototype.name = `Runtime.${name}`;
// Errors.js:116-122: keeps the rejection reason and promise as own properties
// (so they appear in the "Unhandled Promise Rejection" log line).
class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';
ClassicErrors.UnhandledPromiseRejection = UnhandledPromiseRejection;

// 4.x (utils/errors.js): each class sets `this.name` in its constructor (an own,
// enumerable property: it does show up in JSON log lines). Class names matter:
// Node prints an uncaught `ImportModuleError` as "ImportModuleError
// [Runtime.ImportModuleError]: ...".
class NativeClientLoadingError extends Error {
  constructor(message) {
    super(message);
    this.name = 'Runtime.NativeClientLoading';
  }
}
class HandlerNotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'Runtime.HandlerNotFound';
  }
}
class MalformedHandlerNameError extends Error {
  constructor(message) {
    super(message);
    this.name = 'Runtime.MalformedHandlerName';
  }
}
class ImportModuleError extends Error {
  constructor(originalError) {
    super(String(originalError));
    this.name = 'Runtime.ImportModuleError';
  }
}
class UserCodeSyntaxError extends Error {
  constructor(originalError) {
    super(String(originalError));
    this.name = 'Runtime.UserCodeSyntaxError';
    this.stack = originalError.stack; // 4.x keeps the SyntaxError's own stack (with the source excerpt)
  }
}
class InvalidStreamingOperation extends Error {
  constructor(message) {
    super(message);
    this.name = 'Runtime.InvalidStreamingOperation';
  }
}
class MalformedStreamingHandler extends Error {
  constructor(message) {
    super(message);
    this.name = 'Runtime.MalformedStreamingHandler';
  }
}
class JSONStringifyError extends Error {
  constructor(message = 'Unable to stringify response body') {
    super(message);
    this.name = 'Runtime.JSONStringifyError';
  }
}
class PlatformError extends Error {
  constructor(message) {
    super(message);
    this.name = 'Runtime.PlatformError';
  }
}
class CallbackHandlerDeprecatedError extends Error {
  constructor(message) {
    super(message);
    this.name = 'Runtime.CallbackHandlerDeprecated';
  }
}
void NativeClientLoadingError; // kept for completeness: we have no native addon to fail loading

/**
 * The body of POST .../error and /init/error: {errorType, errorMessage, trace}.
 * Characters 0x7F are replaced by "%7F" (they are not allowed in HTTP headers,
 * and the error type also travels in a header).
 */
function toRapidResponse(error) {
  if (CLASSIC) {
    // Errors.js:37-59: anything Error-shaped (native error or duck-typed
    // {name, message, stack} strings) keeps its name/message/stack; any other
    // thrown value becomes {errorType: typeof value, errorMessage: value.toString()}.
    try {
      if (util.types.isNativeError(error) || isErrorShaped(error)) {
        return {
          errorType: error.name?.replaceAll('\x7F', '%7F'),
          errorMessage: error.message?.replaceAll('\x7F', '%7F'),
          trace: error.stack.replaceAll('\x7F', '%7F').split('\n'),
        };
      }
      return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
    } catch (_err) {
      return {
        errorType: 'handled',
        errorMessage:
          'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      };
    }
  }
  // 4.x utils/error.js formatError: `instanceof Error` decides.
  try {
    if (error instanceof Error) {
      return {
        errorType: error.name?.replaceAll('\x7F', '%7F'),
        errorMessage: error.message?.replaceAll('\x7F', '%7F'),
        trace: error.stack?.replaceAll('\x7F', '%7F').split('\n') || [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

function isErrorShaped(obj) {
  return (
    obj &&
    obj.name &&
    obj.message &&
    obj.stack &&
    typeof obj.name === 'string' &&
    typeof obj.message === 'string' &&
    typeof obj.stack === 'string'
  );
}

/** Thrown non-Errors are wrapped before they are logged (Errors.js:23-29). */
function intoError(err) {
  if (err instanceof Error) return err;
  return CLASSIC ? new Error(err) : new Error(String(err));
}

/**
 * The JSON printed after "Invoke Error" / "Uncaught Exception" (Errors.js:67-100):
 * a tab, then the error with errorType, errorMessage, code, every enumerable
 * own property, and the stack split into lines.
 */
function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => withEnumerableProperties(v));
  } catch (err) {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

function withEnumerableProperties(error) {
  if (error instanceof Error) {
    const ret = Object.assign({ errorType: error.name, errorMessage: error.message, code: error.code }, error);
    if (typeof error.stack == 'string') ret.stack = error.stack.split('\n');
    return ret;
  }
  return error;
}

/**
 * The X-Ray "cause" document sent with invocation errors, in the
 * Lambda-Runtime-Function-Xray-Error-Cause header (XRayError.js).
 */
function xrayCause(err) {
  try {
    const stack = [];
    if (err.stack) {
      const lines = err.stack.replace(/\x7F/g, '%7F').split('\n');
      lines.shift();
      for (const stackLine of lines) {
        let line = stackLine.trim().replace(/\(|\)/g, '');
        line = line.substring(line.indexOf(' ') + 1);
        const label = line.lastIndexOf(' ') >= 0 ? line.slice(0, line.lastIndexOf(' ')) : null;
        let p = label == undefined || label.length === 0 ? line : line.slice(line.lastIndexOf(' ') + 1);
        p = p.split(':');
        stack.push({ path: p[0], line: parseInt(p[1]), label: label || 'anonymous' });
      }
    }
    return JSON.stringify({
      working_directory: process.cwd(),
      exceptions: [{ type: err.name?.replace(/\x7F/g, '%7F'), message: err.message?.replace(/\x7F/g, '%7F'), stack }],
      paths: [...new Set(stack.map((e) => e.path))],
    });
  } catch {
    return '';
  }
}

// ===========================================================================
// 2. Logging: console.* becomes "<time>\t<request id>\t<LEVEL>\t<message>"
// ===========================================================================
//
// LogPatch.js. Lambda captures stdout; each line becomes one CloudWatch log
// event, so a message's newlines are turned into '\r' to keep it one event.
// AWS_LAMBDA_LOG_FORMAT=JSON switches to one JSON object per line,
// AWS_LAMBDA_LOG_LEVEL drops lower levels (TRACE < DEBUG < INFO < WARN < ERROR < FATAL).

const LEVELS = Object.freeze({
  TRACE: { name: 'TRACE', priority: 1, tlvMask: 0b00100 },
  DEBUG: { name: 'DEBUG', priority: 2, tlvMask: 0b01000 },
  INFO: { name: 'INFO', priority: 3, tlvMask: 0b01100 },
  WARN: { name: 'WARN', priority: 4, tlvMask: 0b10000 },
  ERROR: { name: 'ERROR', priority: 5, tlvMask: 0b10100 },
  FATAL: { name: 'FATAL', priority: 6, tlvMask: 0b11000 },
});

// Where the current request id lives. 3.x: a global symbol, `undefined` until
// the first invoke (LogPatch.js:72). 4.x: an "InvokeStore" (package
// @aws/lambda-invoke-store, also published as globalThis.awslambda.InvokeStore
// for the AWS SDK) that answers "-" outside an invoke.
const REQUEST_ID_SYMBOL = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID_SYMBOL = Symbol.for('aws.lambda.runtime.tenantId');

const PROTECTED_KEYS = {
  REQUEST_ID: Symbol.for('_AWS_LAMBDA_REQUEST_ID'),
  X_RAY_TRACE_ID: Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID'),
  TENANT_ID: Symbol.for('_AWS_LAMBDA_TENANT_ID'),
};
class InvokeStoreSingle {
  static PROTECTED_KEYS = PROTECTED_KEYS;
  currentContext;
  isProtectedKey(key) {
    return Object.values(PROTECTED_KEYS).includes(key);
  }
  getRequestId() {
    return this.get(PROTECTED_KEYS.REQUEST_ID) ?? '-';
  }
  getXRayTraceId() {
    return this.get(PROTECTED_KEYS.X_RAY_TRACE_ID);
  }
  getTenantId() {
    return this.get(PROTECTED_KEYS.TENANT_ID);
  }
  getContext() {
    return this.currentContext;
  }
  hasContext() {
    return this.currentContext !== undefined;
  }
  get(key) {
    return this.currentContext?.[key];
  }
  set(key, value) {
    if (this.isProtectedKey(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    this.currentContext = this.currentContext || {};
    this.currentContext[key] = value;
  }
  run(context, fn) {
    this.currentContext = context;
    return fn();
  }
}
const NO_GLOBAL_AWSLAMBDA = ['1', 'true'].includes(process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA ?? '');
let invokeStore; // 4.x only
function getInvokeStore() {
  if (!invokeStore) {
    if (!NO_GLOBAL_AWSLAMBDA && globalThis.awslambda?.InvokeStore) {
      invokeStore = globalThis.awslambda.InvokeStore;
    } else {
      invokeStore = new InvokeStoreSingle();
      if (!NO_GLOBAL_AWSLAMBDA && globalThis.awslambda) globalThis.awslambda.InvokeStore = invokeStore;
    }
  }
  return invokeStore;
}

function currentRequestId() {
  return CLASSIC ? globalThis[REQUEST_ID_SYMBOL] : getInvokeStore().getRequestId();
}
function currentTenantId() {
  return CLASSIC ? globalThis[TENANT_ID_SYMBOL] : getInvokeStore().getTenantId() || '';
}

// When a message is an Error, JSON logs expand it (LogPatch.js:13-29).
const jsonErrorReplacer = (_, value) => {
  if (value instanceof Error) {
    return Object.assign(
      {
        errorType: value?.constructor?.name ?? 'UnknownError',
        errorMessage: value.message,
        stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
      },
      value,
    );
  }
  return value;
};

function formatJsonMessage(requestId, timestamp, level, tenantId, ...messageParams) {
  const result = { timestamp, level: level.name, requestId };
  if (CLASSIC ? tenantId != undefined : tenantId) result.tenantId = tenantId;
  if (messageParams.length === 1) {
    result.message = messageParams[0];
    try {
      return JSON.stringify(result, jsonErrorReplacer);
    } catch (_) {
      result.message = util.format(result.message);
      return JSON.stringify(result);
    }
  }
  result.message = util.format(...messageParams);
  for (const param of messageParams) {
    if (param instanceof Error) {
      result.errorType = param?.constructor?.name ?? 'UnknownError';
      result.errorMessage = param.message;
      result.stackTrace = typeof param.stack === 'string' ? param.stack.split('\n') : [];
      break;
    }
  }
  return JSON.stringify(result);
}

const LOG_FORMAT = process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON' ? 'JSON' : 'TEXT';

/** Text or JSON lines on stdout. */
function logToStdout(level, message, ...params) {
  const time = new Date().toISOString();
  let line =
    LOG_FORMAT === 'JSON'
      ? formatJsonMessage(currentRequestId(), time, level, currentTenantId(), message, ...params)
      : `${time}\t${currentRequestId()}\t${level.name}\t${util.format(message, ...params)}`;
  line = line.replace(/\n/g, '\r');
  process.stdout.write(line + '\n');
}

/**
 * Real Lambda may hand the runtime a file descriptor (_LAMBDA_TELEMETRY_LOG_FD)
 * that takes framed log records instead of lines (LogPatch.js:116-170):
 * 4 bytes type (0xa55a0003 text / 0xa55a0002 JSON, OR-ed with the level mask),
 * 4 bytes length, 8 bytes timestamp in microseconds, then the message. With
 * framing, newlines can stay newlines.
 */
function logToFd(fd) {
  const header = Buffer.alloc(16);
  return (level, message, ...params) => {
    const date = new Date();
    const time = date.toISOString();
    const text =
      LOG_FORMAT === 'JSON'
        ? formatJsonMessage(currentRequestId(), time, level, currentTenantId(), message, ...params)
        : `${time}\t${currentRequestId()}\t${level.name}\t${util.format(message, ...params)}\n`;
    header.writeUInt32BE(((LOG_FORMAT === 'JSON' ? 0xa55a0002 : 0xa55a0003) | level.tlvMask) >>> 0, 0);
    const bytes = Buffer.from(text, 'utf8');
    header.writeInt32BE(bytes.length, 4);
    header.writeBigInt64BE(BigInt(date.valueOf()) * 1000n, 8);
    fs.writeSync(fd, header);
    fs.writeSync(fd, bytes);
  };
}

/** Replace console.trace/debug/info/log/warn/error (+ console.fatal). */
function patchConsole() {
  let log = logToStdout;
  const rawFd = process.env._LAMBDA_TELEMETRY_LOG_FD;
  if (rawFd != null) {
    delete process.env._LAMBDA_TELEMETRY_LOG_FD;
    const fd = CLASSIC ? parseInt(rawFd) : Number(rawFd);
    if (CLASSIC || (Number.isInteger(fd) && fd > 0)) log = logToFd(fd);
  }
  const envLevel = process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase();
  const minLevel = (envLevel && LEVELS[envLevel]) || LEVELS.TRACE;
  const NopLog = () => {};
  const make = (level) => (level.priority >= minLevel.priority ? (msg, ...params) => log(level, msg, ...params) : NopLog);
  console.trace = make(LEVELS.TRACE); // note: no stack trace, unlike Node's console.trace
  console.debug = make(LEVELS.DEBUG);
  console.info = make(LEVELS.INFO);
  console.log = console.info;
  console.warn = make(LEVELS.WARN);
  console.error = make(LEVELS.ERROR);
  console.fatal = (msg, ...params) => log(LEVELS.FATAL, msg, ...params);
  if (!CLASSIC) console.fatal = make(LEVELS.FATAL);
}

/**
 * How the runtime itself reports an error in the log:
 *   TEXT: "<time>\t<id>\tERROR\tInvoke Error \t{"errorType":...,"stack":[...]}"
 *   JSON: console.error(error), which the JSON logger expands.
 */
const structuredConsole = {
  logError(msg, err) {
    if (LOG_FORMAT === 'JSON') console.error(intoError(err));
    else console.error(msg, toFormatted(intoError(err)));
  },
};

// ===========================================================================
// 3. The Runtime API client
// ===========================================================================
//
// RAPIDClient.js ("RAPID" is AWS's internal name for the Runtime API server).
// One persistent connection (keep-alive, one socket) plays the role of the
// native addon's libcurl handle for /next, /response and /error; a second one
// is used, as in the official client, for /init/error and streamed responses.

const API = '/2018-06-01/runtime';

class RuntimeApiClient {
  constructor(hostnamePort) {
    if (CLASSIC) {
      const [hostname, port] = hostnamePort.split(':');
      this.hostname = hostname;
      this.port = parseInt(port, 10);
    } else {
      // 4.x utils/network.js parseHostPort: strict "host:port".
      const parts = hostnamePort.split(':');
      const bad = () => new PlatformError(`Invalid hostnamePort: ${hostnamePort}`);
      if (parts.length !== 2 || !parts[0] || parts[0].trim().length === 0) throw bad();
      const port = Number(parts[1]);
      if (!(Number.isInteger(port) && port >= 0 && port <= 65535 && port.toString() === parts[1])) throw bad();
      this.hostname = parts[0];
      this.port = port;
    }
    // Idle keep-alive sockets are unref'ed by Node, so they never keep the
    // process alive: important, because "the event loop is empty" is a signal
    // the classic runtime listens for (see `beforeExit` below).
    this.curlAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Set when a fatal error is being reported and process.exit() will follow.
    // The official client posts synchronously (the native addon blocks until
    // the Runtime API answers) and exits right after, so nothing else can
    // happen in between; our posts are asynchronous, so we explicitly stop
    // posting results and starting invokes once this is set.
    this.exiting = false;

    // Connect the /next connection now, while the user's code loads. The
    // native addon sends its first GET /next from a separate thread the
    // instant the loop asks for it; with a connection already open, our first
    // GET also leaves the process at once (in the same turn of the event loop),
    // so a process that crashes right after init (e.g. an unhandled
    // rejection from module code, on nodejs24.x) has still asked for its
    // first event, exactly like the official client.
    let warm = net.connect({ host: this.hostname, port: this.port });
    warm.on('error', () => {});
    warm.isWarm = true;
    warm.unref(); // an idle connection must not keep the process alive
    this.curlAgent.createConnection = (opts, callback) => {
      if (warm && !warm.destroyed && (warm.readyState === 'open' || warm.readyState === 'opening')) {
        const s = warm;
        warm = null;
        s.ref();
        return s;
      }
      warm = null;
      return net.createConnection(opts, callback);
    };
  }

  /** One request on the "native" connection. Resolves {status, headers, body}. */
  _nativeRequest(method, urlPath, headers, body, retried = false) {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          hostname: this.hostname,
          port: this.port,
          path: urlPath,
          method,
          agent: this.curlAgent,
          headers: { Accept: '*/*', ...headers, 'User-Agent': USER_AGENT },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', (err) => {
        // A keep-alive socket the server closed while idle fails on reuse;
        // Node's docs recommend retrying once on a fresh socket.
        if (!retried && (req.reusedSocket || req.socket?.isWarm) && ['ECONNRESET', 'EPIPE'].includes(err.code)) {
          resolve(this._nativeRequest(method, urlPath, headers, body, true));
        } else reject(err);
      });
      // The body goes out as a Buffer: with a string body Node would write
      // headers and body as one UTF-8 string, re-encoding the latin-1 header
      // bytes (see postInvocationError).
      req.end(body === undefined ? undefined : Buffer.from(body, 'utf8'));
    });
  }

  /**
   * GET /next: a long poll. No timeout: Lambda answers when there is an event
   * (and freezes the whole environment in between).
   * Resolves { bodyJson, headers } where headers are the lowercase invoke
   * headers the native addon extracts (rapid-client.cc:52-96).
   */
  async nextInvocation() {
    let res;
    try {
      res = await this._nativeRequest('GET', `${API}/invocation/next`, {});
    } catch {
      throw new Error('Failed to get next invocation, error -1'); // aws-lambda-cpp REQUEST_NOT_MADE
    }
    if (res.status !== 200) throw new Error(`Failed to get next invocation, error ${res.status}`);
    // The process is about to exit (see `exiting`): do not start an invoke.
    // (The official client also sends this GET, from the native addon's
    // thread, and usually exits before the event reaches JavaScript.)
    if (this.exiting) return new Promise(() => {});
    const h = res.headers;
    const headers = {
      'lambda-runtime-deadline-ms': CLASSIC ? Number(h['lambda-runtime-deadline-ms'] ?? 0) : h['lambda-runtime-deadline-ms'],
      'lambda-runtime-aws-request-id': h['lambda-runtime-aws-request-id'] ?? '',
      'lambda-runtime-trace-id': h['lambda-runtime-trace-id'] ?? '',
      'lambda-runtime-invoked-function-arn': h['lambda-runtime-invoked-function-arn'] ?? '',
    };
    if (h['lambda-runtime-client-context']) headers['lambda-runtime-client-context'] = h['lambda-runtime-client-context'];
    if (h['lambda-runtime-cognito-identity']) headers['lambda-runtime-cognito-identity'] = h['lambda-runtime-cognito-identity'];
    if (h['lambda-runtime-aws-tenant-id']) headers['lambda-runtime-aws-tenant-id'] = h['lambda-runtime-aws-tenant-id'];
    return { bodyJson: res.body.toString('utf8'), headers };
  }

  /**
   * POST /invocation/{id}/response with the JSON of the handler's result.
   * JSON.stringify runs first and synchronously: a result that cannot be
   * serialized (circular, BigInt) throws here, and the caller turns that into
   * an invocation error ("Unable to stringify response body").
   */
  postInvocationResponse(response, id) {
    const bodyString = serializeResponse(response);
    if (this.exiting) return Promise.resolve();
    return this._nativeRequest('POST', `${API}/invocation/${encodeURIComponent(id)}/response`, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(bodyString),
    }, bodyString).catch(() => {}); // the native addon ignores the outcome of a post
  }

  /**
   * POST /invocation/{id}/error with {errorType, errorMessage, trace}.
   * Note: the official client does NOT send Lambda-Runtime-Function-Error-Type
   * here (only on /init/error); it sends the X-Ray cause document instead.
   */
  postInvocationError(error, id) {
    const bodyString = serializeResponse(toRapidResponse(error));
    const xray = xrayCause(error);
    const headers = { 'content-type': 'application/json' };
    // libcurl sends header bytes as they are; Node insists on latin-1 strings,
    // so pass the UTF-8 bytes through as latin-1 characters. (An empty value is
    // simply not sent, as with libcurl.)
    if (xray) headers['lambda-runtime-function-xray-error-cause'] = Buffer.from(xray, 'utf8').toString('latin1');
    headers['content-length'] = Buffer.byteLength(bodyString);
    if (this.exiting) return Promise.resolve();
    return this._nativeRequest('POST', `${API}/invocation/${encodeURIComponent(id)}/error`, headers, bodyString).catch(
      () => {},
    );
  }

  /**
   * POST /init/error: the handler could not be loaded. Sent with Node's http
   * module (not the native addon): Content-Type, Content-Length and
   * Lambda-Runtime-Function-Error-Type, no User-Agent.
   */
  postInitError(error) {
    const response = toRapidResponse(error);
    const bodyString = serializeResponse(response);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          hostname: this.hostname,
          port: this.port,
          path: `${API}/init/error`,
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.from(bodyString).length,
            'Lambda-Runtime-Function-Error-Type': response.errorType,
          },
          agent: this.agent,
        },
        (res) => {
          res.on('end', resolve).on('error', reject).on('data', () => {});
        },
      );
      req.on('error', reject);
      req.end(bodyString, 'utf-8');
    });
  }

  /** A streamed POST /response (see section 6). */
  getStreamForInvocationResponse(id, options) {
    return createResponseStream({
      agent: this.agent,
      hostname: this.hostname,
      port: this.port,
      path: `${API}/invocation/${encodeURIComponent(id)}/response`,
      highWaterMark: options?.highWaterMark,
    });
  }
}

function serializeResponse(body) {
  try {
    return JSON.stringify(body === undefined ? null : body);
  } catch {
    throw CLASSIC ? new Error('Unable to stringify response body') : new JSONStringifyError('Unable to stringify response body');
  }
}

// ===========================================================================
// 4. Loading the user's handler from _HANDLER
// ===========================================================================
//
// "_HANDLER" is "<path/><module>.<property path>":
//   "index.handler"            -> file index(.js|.mjs|.cjs), export "handler"
//   "src/api/users.get"        -> file src/api/users.*, export "get"
//   "index.routes.users.get"   -> file index.*, export routes.users.get
// The module part is everything before the FIRST dot of the last path segment.

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;
const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

/** `awslambda` global: streamifyResponse marks a handler as streaming. */
function installAwslambdaGlobal() {
  if (NO_GLOBAL_AWSLAMBDA) return;
  const streamifyResponse = (handler, options) => {
    handler[HANDLER_STREAMING] = STREAM_RESPONSE;
    if (typeof options?.highWaterMark === 'number') handler[HANDLER_HIGHWATERMARK] = parseInt(options.highWaterMark);
    return handler;
  };
  globalThis.awslambda = CLASSIC
    ? { streamifyResponse, HttpResponseStream } // UserFunction.js:203-214
    : { ...globalThis.awslambda, streamifyResponse, HttpResponseStream }; // 4.x utils/globals.js
}

// --- classic (UserFunction.js) ---------------------------------------------

const ClassicUserFunction = {
  /** UserFunction.js:288-308 */
  async load(appRoot, fullHandlerString) {
    if (fullHandlerString.includes('..')) {
      throw new ClassicErrors.MalformedHandlerName(
        `'${fullHandlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
      );
    }
    // "lib/deep/file.nested.fn" -> moduleRoot "lib/deep/", "file.nested.fn"
    const handlerString = path.basename(fullHandlerString);
    const moduleRoot = fullHandlerString.substring(0, fullHandlerString.indexOf(handlerString));
    const match = handlerString.match(FUNCTION_EXPR);
    if (!match || match.length != 3) throw new ClassicErrors.MalformedHandlerName('Bad handler');
    const [, module, handlerPath] = match;

    const userApp = await this.loadUserApp(appRoot, moduleRoot, module);
    const handlerFunc = handlerPath.split('.').reduce((nested, key) => nested && nested[key], userApp);
    if (!handlerFunc) throw new ClassicErrors.HandlerNotFound(`${fullHandlerString} is undefined or not exported`);
    if (typeof handlerFunc !== 'function') throw new ClassicErrors.HandlerNotFound(`${fullHandlerString} is not a function`);
    return handlerFunc;
  },

  /** UserFunction.js:202-228: wrap load failures into Runtime.* errors. */
  async loadUserApp(appRoot, moduleRoot, module) {
    installAwslambdaGlobal();
    try {
      return await this.tryRequire(appRoot, moduleRoot, module);
    } catch (e) {
      if (e instanceof SyntaxError) throw new ClassicErrors.UserCodeSyntaxError(e);
      if (e.code !== undefined && e.code === 'MODULE_NOT_FOUND') throw new ClassicErrors.ImportModuleError(e);
      throw e;
    }
  },

  /**
   * UserFunction.js:138-194, the lookup order:
   *   1. <name> with no extension, if it exists: require()
   *   2. <name>.js with require(), unless the nearest package.json says "type": "module"
   *   3. <name>.js with import() (if "type": "module"), then <name>.mjs with import(),
   *      then <name>.cjs with require()
   *   4. require.resolve(<name>, {paths: [appRoot, moduleRoot]}): node_modules etc.
   *      This is where "Cannot find module 'x'" comes from.
   */
  async tryRequire(appRoot, moduleRoot, module) {
    const lambdaStylePath = path.resolve(appRoot, moduleRoot, module);
    const extensionless = tryRequireFile(lambdaStylePath);
    if (extensionless) return extensionless;

    const pjHasModule = hasPackageJsonTypeModule(lambdaStylePath);
    if (!pjHasModule) {
      const loaded = tryRequireFile(lambdaStylePath, '.js');
      if (loaded) return loaded;
    }
    const loaded =
      (pjHasModule && (await tryAwaitImport(lambdaStylePath, '.js'))) ||
      (await tryAwaitImport(lambdaStylePath, '.mjs')) ||
      tryRequireFile(lambdaStylePath, '.cjs');
    if (loaded) return loaded;

    const nodeStylePath = require.resolve(module, { paths: [appRoot, moduleRoot] });
    return require(nodeStylePath);
  },

  /** UserFunction.js:238-254: only "response" streaming exists. */
  isHandlerStreaming(handler) {
    const v = handler[HANDLER_STREAMING];
    if (typeof v === 'undefined' || v === null || v === false) return false;
    if (v === STREAM_RESPONSE) return STREAM_RESPONSE;
    // UserFunction.js:250 throws `new MalformedStreamingHandler(...)`, a class
    // that file never imports: what really comes out is this ReferenceError.
    throw new ReferenceError('MalformedStreamingHandler is not defined');
  },

  /** UserFunction.js:327-334 */
  getHandlerMetadata(handlerFunc) {
    const hwm = handlerFunc[HANDLER_HIGHWATERMARK];
    let highWaterMark;
    if (!(typeof hwm === 'undefined' || hwm === null || hwm === false)) {
      highWaterMark = parseInt(hwm);
      if (isNaN(highWaterMark)) highWaterMark = undefined;
    }
    let isAsync = false;
    try {
      isAsync = !!(handlerFunc && typeof handlerFunc === 'function' && handlerFunc.constructor && handlerFunc.constructor.name === 'AsyncFunction');
    } catch {
      isAsync = false;
    }
    return { streaming: this.isHandlerStreaming(handlerFunc), highWaterMark, isAsync, argsNum: handlerFunc.length };
  },
};

function tryRequireFile(file, extension) {
  const p = file + (extension || '');
  return fs.existsSync(p) ? require(p) : undefined;
}

async function tryAwaitImport(file, extension) {
  const p = file + (extension || '');
  return fs.existsSync(p) ? await import(p) : undefined;
}

/**
 * UserFunction.js:87-131: walk up from the file's folder to the nearest
 * package.json; "type": "module" means .js files are ES modules. The walk
 * stops at a node_modules folder or at "/".
 */
function hasPackageJsonTypeModule(file) {
  const jsPath = file + '.js';
  return fs.existsSync(jsPath) ? hasFolderPackageJsonTypeModule(path.resolve(path.dirname(jsPath))) : false;
}

function hasFolderPackageJsonTypeModule(folder) {
  if (folder.endsWith('/node_modules')) return false;
  const pj = path.join(folder, '/package.json');
  if (fs.existsSync(pj)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(pj));
      if (pkg) return pkg.type === 'module';
    } catch (e) {
      console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
      return false;
    }
  }
  if (folder === '/') return false;
  return hasFolderPackageJsonTypeModule(path.resolve(folder, '..'));
}

// --- modern (4.x function/*.js) ----------------------------------------------

const ModernUserFunction = {
  async load(appRoot, handlerString) {
    if (handlerString.includes('..')) {
      throw new MalformedHandlerNameError(
        `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
      );
    }
    const base = path.basename(handlerString);
    const moduleRoot = handlerString.substring(0, handlerString.indexOf(base)).replace(/\/$/, '');
    const match = base.match(FUNCTION_EXPR);
    if (!match || match.length !== 3) throw new MalformedHandlerNameError('Bad handler');
    const [, moduleName, handlerName] = match;

    const module = await this.loadModule(appRoot, moduleRoot, moduleName);
    const handler = this.resolveHandler(module, handlerName, handlerString);
    return { handler, metadata: this.getHandlerMetadata(handler) };
  },

  /**
   * 4.x function/module-loader.js: everything goes through import() (Node
   * decides CommonJS vs ESM itself), trying "", ".js", ".mjs", ".cjs"; then
   * require.resolve for packages.
   */
  async loadModule(appRoot, moduleRoot, moduleName) {
    const fullPathWithoutExtension = path.resolve(appRoot, moduleRoot, moduleName);
    try {
      for (const extension of ['', '.js', '.mjs', '.cjs']) {
        const module = await tryAwaitImport(fullPathWithoutExtension, extension);
        if (module) return module;
      }
      const resolvedPath = require.resolve(moduleName, { paths: [appRoot, path.join(appRoot, moduleRoot)] });
      return require(resolvedPath);
    } catch (err) {
      if (err instanceof SyntaxError) throw new UserCodeSyntaxError(err);
      if (err instanceof Error && err.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(err);
      throw err;
    }
  },

  /** 4.x function/handler-resolver.js: also looks inside `default` (CommonJS via import()). */
  resolveHandler(module, handlerName, fullHandlerString) {
    const findIn = (m) =>
      handlerName.split('.').reduce((nested, key) => (nested && typeof nested === 'object' ? nested[key] : undefined), m);
    let handler = findIn(module);
    if (!handler && typeof module === 'object' && module !== null && 'default' in module) handler = findIn(module.default);
    if (!handler) throw new HandlerNotFoundError(`${fullHandlerString} is undefined or not exported`);
    if (typeof handler !== 'function') throw new HandlerNotFoundError(`${fullHandlerString} is not a function`);
    return handler;
  },

  getHandlerMetadata(handler) {
    const streamingValue = handler[HANDLER_STREAMING];
    let streaming = false;
    if (streamingValue) {
      if (streamingValue !== STREAM_RESPONSE) throw new MalformedStreamingHandler('Only response streaming is supported.');
      streaming = true;
    }
    const hwmValue = handler[HANDLER_HIGHWATERMARK];
    const hwm = hwmValue ? Number(hwmValue) : undefined;
    return { streaming, highWaterMark: hwm === undefined || Number.isNaN(hwm) ? undefined : hwm, argsNum: handler.length };
  },
};

// ===========================================================================
// 5. Callback handlers: deprecated in 3.x, refused in 4.x
// ===========================================================================

// WarningForCallbackHandlers.js: a non-async, non-streaming handler declaring
// three parameters (event, context, callback) gets a warning at init.
function warnOnCallbackHandler(metadata) {
  if (
    process.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined &&
    metadata !== undefined &&
    metadata.argsNum == 3 &&
    metadata.isAsync == false &&
    metadata.streaming == false
  ) {
    console.warn(
      `AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.`,
    );
  }
}

// 4.x function/callback-deprecation.js + context/constants.js: three or more
// declared parameters is an init error. (4.x also has a text for
// AWS_Lambda_nodejs22.x, which speaks of Lambda Managed Instances; with our
// flavour choice nodejs22.x gets the 3.x behaviour, so it is not reachable.)
const CALLBACK_ERROR_NODEJS22 =
  'ERROR: AWS Lambda does not support callback-based function handlers when using Node.js 22 with Managed Instances. To use Managed Instances, modify this function to use a supported handler signature. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
const CALLBACK_ERROR_NODEJS24_ABOVE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
function errorOnCallbackHandler(metadata) {
  if ((metadata?.argsNum ?? 0) >= 3 && !metadata?.streaming) {
    throw new CallbackHandlerDeprecatedError(
      process.env.AWS_EXECUTION_ENV === 'AWS_Lambda_nodejs22.x' ? CALLBACK_ERROR_NODEJS22 : CALLBACK_ERROR_NODEJS24_ABOVE,
    );
  }
}

// ===========================================================================
// 6. Response streaming
// ===========================================================================
//
// A handler wrapped in awslambda.streamifyResponse(async (event, responseStream,
// context) => ...) writes its response as it goes. The runtime opens
//   POST /invocation/{id}/response
//   Lambda-Runtime-Function-Response-Mode: streaming
//   Transfer-Encoding: chunked
//   Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body
//   Content-Type: application/octet-stream (or what setContentType() chose)
// and every write() becomes HTTP chunks. A failure after bytes were sent can
// no longer change the status, so it travels in the HTTP trailers: the error
// type, and the {errorType, errorMessage, trace} JSON in base64.
// (ResponseStream.js; 4.x stream/response-stream.js)

const TRAILER_NAME_ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const TRAILER_NAME_ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';
const failProps = new WeakMap();

function tryCallFail(stream, err, callback) {
  const fail = failProps.get(stream);
  if (typeof fail === 'function') {
    const r = fail(err, callback);
    return CLASSIC ? true : r.then(() => true);
  }
  return CLASSIC ? false : Promise.resolve(false);
}

/** Hand the user only the Writable/EventEmitter surface of the request. */
function writableStreamOnly(inner) {
  const fns = ['cork', 'destroy', 'end', 'uncork', 'write', 'addListener', 'emit', 'eventNames', 'getMaxListeners',
    'listenerCount', 'listeners', 'off', 'on', 'once', 'prependListener', 'prependOnceListener', 'rawListeners',
    'removeAllListeners', 'removeListener', 'setMaxListeners', 'setContentType'];
  const propsReadWrite = CLASSIC ? ['destroyed', 'writable', '_onBeforeFirstWrite'] : ['destroyed', '_onBeforeFirstWrite'];
  const propsReadOnly = ['writableFinished', 'writableObjectMode', 'writableEnded', 'writableNeedDrain',
    'writableHighWaterMark', 'writableCorked', 'writableLength', ...(CLASSIC ? ['writableBuffer'] : ['writable'])];
  const stream = Object.fromEntries(fns.map((fn) => [fn, inner[fn].bind(inner)]));
  for (const p of propsReadWrite) {
    Object.defineProperty(stream, p, { get: () => inner[p], set: (v) => (inner[p] = v) });
  }
  for (const p of propsReadOnly) Object.defineProperty(stream, p, { get: () => inner[p] });
  return stream;
}

function createResponseStream(options) {
  let status = 'ready'; // 'ready' until the first write
  const headers = {
    'Lambda-Runtime-Function-Response-Mode': 'streaming',
    Trailer: [TRAILER_NAME_ERROR_TYPE, TRAILER_NAME_ERROR_BODY],
    'Content-Type': 'application/octet-stream',
    ...(CLASSIC ? {} : { 'Transfer-Encoding': 'chunked' }), // 3.x gets chunked implicitly (no Content-Length)
  };
  let responseDoneResolve, responseDoneReject;
  const responseDone = new Promise((resolve, reject) => {
    responseDoneResolve = resolve;
    responseDoneReject = reject;
  });
  // The socket's highWaterMark controls how much is buffered before
  // write() returns false (streamifyResponse's {highWaterMark} option).
  const agent = options.agent;
  agent.createConnection = (opts, listener) => net.createConnection({ ...opts, highWaterMark: options.highWaterMark }, listener);

  const req = http.request(
    { method: 'POST', hostname: options.hostname, port: options.port, path: options.path, headers, agent },
    (res) => {
      let buf;
      res.on('data', (chunk) => (buf = buf === undefined ? chunk : Buffer.concat([buf, chunk])));
      res.on('aborted', (err) => {
        responseDoneReject(err);
        req.destroy(err);
      });
      res.on('end', () => responseDoneResolve(buf));
    },
  );
  req.on('error', (err) => {
    responseDoneReject(err);
    req.destroy(err);
  });

  if (CLASSIC) {
    // ResponseStream.js:211-214: end() forwards only its first argument.
    const origEnd = req.end.bind(req);
    req.end = function (cb) {
      origEnd(cb);
    };
  }
  req.setContentType = function (contentType) {
    if (status !== 'ready') {
      throw CLASSIC
        ? new ClassicErrors.InvalidStreamingOperation('Cannot set content-type, too late.')
        : new InvalidStreamingOperation('Cannot set content-type, too late.');
    }
    req.setHeader('Content-Type', contentType);
  };
  const origWrite = req.write.bind(req);
  req.write = function (chunk, encoding, callback) {
    const isBytes = CLASSIC ? chunk?.constructor === Uint8Array : chunk instanceof Uint8Array;
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && !isBytes) chunk = JSON.stringify(chunk);
    if (status === 'ready' && typeof req._onBeforeFirstWrite === 'function') req._onBeforeFirstWrite((ch) => origWrite(ch));
    const ret = origWrite(chunk, encoding, callback); // the first write sends the headers
    if (status === 'ready') status = 'write_called';
    return ret;
  };

  const request = writableStreamOnly(req);
  // The error path: trailers, then end the request.
  failProps.set(request, (err, callback) => {
    const error = toRapidResponse(err);
    req.addTrailers({
      [TRAILER_NAME_ERROR_TYPE]: error.errorType,
      [TRAILER_NAME_ERROR_BODY]: Buffer.from(JSON.stringify(error)).toString('base64'),
    });
    if (CLASSIC) return req.end(callback);
    return new Promise((resolve) => req.end(resolve));
  });
  return { request, responseDone };
}

/**
 * awslambda.HttpResponseStream.from(stream, {statusCode, headers, cookies}):
 * for Lambda function URLs. The body starts with the JSON "prelude", then 8
 * NUL bytes, then the real body (HttpResponseStream.js).
 */
class HttpResponseStream {
  static from(underlyingStream, prelude) {
    underlyingStream.setContentType('application/vnd.awslambda.http-integration-response');
    const metadataPrelude = JSON.stringify(prelude); // JSON cannot contain a NUL byte
    underlyingStream._onBeforeFirstWrite = (write) => {
      write(metadataPrelude);
      write(new Uint8Array(8));
    };
    return underlyingStream;
  }
}

// ===========================================================================
// 7. The context object
// ===========================================================================
//
// Second argument of every handler. Data comes from two places:
//   environment: functionName, functionVersion, memoryLimitInMB (a string!),
//                logGroupName, logStreamName
//   /next reply headers: awsRequestId, invokedFunctionArn, the deadline behind
//                getRemainingTimeInMillis(), identity (Cognito) and
//                clientContext (mobile SDK) as parsed JSON, tenantId
// The X-Ray trace header is copied to process.env._X_AMZN_TRACE_ID for the SDK.

/** 3.x InvokeContext.js */
class InvokeContext {
  constructor(headers) {
    this.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  }
  get invokeId() {
    const id = this.headers['lambda-runtime-aws-request-id'];
    if (!id) throw new Error('invocation id is missing or invalid'); // assert.ok in the original
    return id;
  }
  get tenantId() {
    return this.headers['lambda-runtime-aws-tenant-id'];
  }
  updateLoggingContext() {
    globalThis[REQUEST_ID_SYMBOL] = this.invokeId;
    globalThis[TENANT_ID_SYMBOL] = this.tenantId;
  }
  attachEnvironmentData(callbackContext) {
    if (this.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = this.headers['lambda-runtime-trace-id'];
    else delete process.env._X_AMZN_TRACE_ID;
    const deadline = this.headers['lambda-runtime-deadline-ms'];
    const parse = (s, name) => {
      if (s === undefined) return undefined;
      try {
        return JSON.parse(s);
      } catch (err) {
        throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
      }
    };
    return Object.assign(
      callbackContext,
      {
        functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
        functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
        memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
        logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
        logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      },
      {
        clientContext: parse(this.headers['lambda-runtime-client-context'], 'ClientContext'),
        identity: parse(this.headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
        invokedFunctionArn: this.headers['lambda-runtime-invoked-function-arn'],
        awsRequestId: this.headers['lambda-runtime-aws-request-id'],
        tenantId: this.headers['lambda-runtime-aws-tenant-id'],
        getRemainingTimeInMillis: function () {
          return deadline - Date.now();
        },
      },
    );
  }
}

/** 4.x context/context-builder.js: stricter (missing env or headers = PlatformError). */
const REQUIRED_ENV_VARS = ['AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME'];
function buildModernContext(headers) {
  const missingEnv = REQUIRED_ENV_VARS.filter((name) => !process.env[name]);
  if (missingEnv.length > 0) throw new PlatformError(`Missing required environment variables: ${missingEnv.join(', ')}`);
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const required = ['lambda-runtime-invoked-function-arn', 'lambda-runtime-aws-request-id', 'lambda-runtime-deadline-ms'];
  const missing = required.filter((k) => !(k in h));
  if (missing.length > 0) throw new PlatformError(`Missing required headers: ${missing.join(', ')}`);
  const deadline = parseInt(h['lambda-runtime-deadline-ms'], 10);
  if (isNaN(deadline)) throw new PlatformError('Invalid deadline timestamp');
  const parse = (value, name) => {
    if (!value) return undefined;
    try {
      return JSON.parse(value);
    } catch (error) {
      throw new PlatformError(`Failed to parse ${name} as JSON: ${error.message}`);
    }
  };
  const context = {
    clientContext: parse(h['lambda-runtime-client-context'], 'lambda-runtime-client-context'),
    identity: parse(h['lambda-runtime-cognito-identity'], 'lambda-runtime-cognito-identity'),
    invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
    awsRequestId: h['lambda-runtime-aws-request-id'],
    tenantId: h['lambda-runtime-aws-tenant-id'],
    xRayTraceId: h['lambda-runtime-trace-id'],
    getRemainingTimeInMillis: function () {
      return deadline - Date.now();
    },
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
  };
  if (h['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = h['lambda-runtime-trace-id'];
  else delete process.env._X_AMZN_TRACE_ID;
  return context;
}

// ===========================================================================
// 8. The classic loop (3.x: nodejs22.x and older)
// ===========================================================================
//
// The classic programming model has three ways to finish an invoke:
//   * return a promise (async handler)             -> its value / rejection
//   * call callback(err, result) or context.succeed/fail/done
//   * do neither, and let the event loop run empty  -> `null`
// "Event loop empty" is Node's `beforeExit` event. The runtime keeps one
// global beforeExit listener and swaps its behaviour per invoke.

const BEFORE_EXIT = Symbol.for('aws.lambda.beforeExit');
const BeforeExitListener = {
  invoke: () => globalThis[BEFORE_EXIT](),
  reset: () => (globalThis[BEFORE_EXIT] = () => {}),
  set: (listener) => (globalThis[BEFORE_EXIT] = listener),
};

/**
 * CallbackContext.js: builds callback(err, result) and context.succeed/fail/done.
 * Only the first call of any of them counts. With callbackWaitsForEmptyEventLoop
 * (default true) the result is only posted once the event loop is empty.
 */
function buildCallbackContext(client, id, scheduleNext) {
  const postError = (err, callback) => {
    structuredConsole.logError('Invoke Error', err);
    client.postInvocationError(err, id).then(callback);
  };
  let isCompleteInvoked = false;
  const complete = (result, callback) => {
    if (isCompleteInvoked) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    isCompleteInvoked = true;
    client.postInvocationResponse(result, id).then(callback); // may throw (stringify)
  };
  let waitForEmptyEventLoop = true;

  const callback = function (err, result) {
    BeforeExitListener.reset();
    if (err !== undefined && err !== null) {
      postError(err, scheduleNext);
    } else if (!waitForEmptyEventLoop) {
      complete(result, scheduleNext);
    } else {
      BeforeExitListener.set(() => setImmediate(() => complete(result, scheduleNext)));
    }
  };
  const done = (err, result) => {
    BeforeExitListener.reset();
    if (err !== undefined && err !== null) postError(err, scheduleNext);
    else complete(result, scheduleNext);
  };
  const succeed = (result) => done(null, result);
  const fail = (err) => (err === undefined || err === null ? done('handled') : done(err, null));

  const callbackContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    succeed,
    fail,
    done,
  };

  // Only the first call wins; later ones are silently ignored.
  let finished = false;
  const onlyAllowFirstCall = (toWrap) =>
    function () {
      if (!finished) {
        toWrap.apply(null, arguments);
        finished = true;
      }
    };
  callbackContext.succeed = onlyAllowFirstCall(callbackContext.succeed);
  callbackContext.fail = onlyAllowFirstCall(callbackContext.fail);
  callbackContext.done = onlyAllowFirstCall(callbackContext.done);
  const markCompleted = () => (isCompleteInvoked = true);
  return [onlyAllowFirstCall(callback), callbackContext, markCompleted];
}

/** StreamingContext.js: the context of a streaming invoke, and its stream. */
function buildStreamingContext(client, id, scheduleNext, options) {
  let waitForEmptyEventLoop = true;
  const scheduleNextNow = () => {
    if (!waitForEmptyEventLoop) scheduleNext();
    else BeforeExitListener.set(() => setImmediate(() => scheduleNext()));
  };
  let isStreamCreated = false;
  return {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    createStream: () => {
      if (isStreamCreated) {
        throw new ClassicErrors.InvalidStreamingOperation('Cannot create stream for the same StreamingContext more than once.');
      }
      const { request: responseStream, responseDone: rapidResponse } = client.getStreamForInvocationResponse(id, options);
      isStreamCreated = true;
      return {
        fail: (err, callback) => {
          structuredConsole.logError('Invoke Error', err);
          tryCallFail(responseStream, err, callback);
        },
        responseStream,
        rapidResponse,
        scheduleNext: () => {
          BeforeExitListener.reset();
          scheduleNextNow();
        },
      };
    },
  };
}

const isPromise = (obj) => obj && obj.then && typeof obj.then === 'function';

/**
 * Runtime.js. The class name matters a little: a handler that is an anonymous
 * function shows up in stack traces as "Runtime.handler", as on AWS.
 */
class Runtime {
  constructor(client, handler, handlerMetadata, errorCallbacks) {
    this.client = client;
    this.handler = handler;
    this.handlerMetadata = handlerMetadata;
    this.errorCallbacks = errorCallbacks;
    this.handleOnce = handlerMetadata.streaming === STREAM_RESPONSE ? this.handleOnceStreaming : this.handleOnceNonStreaming;
  }

  /** Start the next iteration at the next turn of the event loop. */
  scheduleIteration() {
    setImmediate(() => {
      this.handleOnce().then(
        // Success: either a callback already scheduled the next iteration, or
        // the beforeExit listener will.
        () => {},
        (err) => {
          console.log(`Unexpected Top Level Error: ${err.toString()}`);
          this.errorCallbacks.uncaughtException(err);
        },
      );
    });
  }

  /** One invoke: wait for an event, call the handler, arrange for the result. */
  async handleOnceNonStreaming() {
    const { bodyJson, headers } = await this.client.nextInvocation();
    const invokeContext = new InvokeContext(headers);
    invokeContext.updateLoggingContext(); // console lines now carry this request id

    const [callback, callbackContext, markCompleted] = buildCallbackContext(
      this.client,
      invokeContext.invokeId,
      this.scheduleIteration.bind(this),
    );
    try {
      this._setErrorCallbacks(invokeContext.invokeId);
      this._setDefaultExitListener(invokeContext.invokeId, markCompleted, this.handlerMetadata.isAsync);
      const result = this.handler(JSON.parse(bodyJson), invokeContext.attachEnvironmentData(callbackContext), callback);
      if (isPromise(result)) {
        result.then(callbackContext.succeed, callbackContext.fail).catch(callbackContext.fail);
      }
      // A plain (non-promise) return value is ignored: the invoke ends with the
      // callback, or with the event loop running empty.
    } catch (err) {
      callback(err); // thrown synchronously
    }
  }

  /** One streaming invoke: the handler gets (event, responseStream, context). */
  async handleOnceStreaming() {
    const { bodyJson, headers } = await this.client.nextInvocation();
    const invokeContext = new InvokeContext(headers);
    invokeContext.updateLoggingContext();
    const streamingContext = buildStreamingContext(
      this.client,
      invokeContext.invokeId,
      this.scheduleIteration.bind(this),
      this.handlerMetadata?.highWaterMark ? { highWaterMark: this.handlerMetadata.highWaterMark } : undefined,
    );
    const { responseStream, rapidResponse, scheduleNext, fail: ctxFail } = streamingContext.createStream();
    delete streamingContext.createStream;

    try {
      this._setErrorCallbacks(invokeContext.invokeId);
      BeforeExitListener.set(() => this.scheduleIteration());
      const ctx = invokeContext.attachEnvironmentData(streamingContext);
      const handlerResult = this.handler(JSON.parse(bodyJson), responseStream, ctx);
      if (!isPromise(handlerResult)) {
        ctxFail('Streaming does not support non-async handlers.', scheduleNext);
        return;
      }
      const result = await handlerResult;
      if (typeof result !== 'undefined') console.warn('Streaming handlers ignore return values.');
      if (rapidResponse) await rapidResponse;
      if (!responseStream.writableFinished) {
        ctxFail('Response stream is not finished.', scheduleNext);
        return;
      }
      scheduleNext();
    } catch (err) {
      ctxFail(err, scheduleNext);
    }
  }

  /**
   * During an invoke, an uncaught exception or unhandled rejection fails the
   * invoke and ends the process: exit code 129 (exception) or 128 (rejection).
   * Lambda then starts a fresh process for the next event (a new cold start).
   */
  _setErrorCallbacks(invokeId) {
    this.errorCallbacks.uncaughtException = (error) => {
      if (this.client.exiting) return; // already reporting a fatal error
      this.client.postInvocationError(error, invokeId).then(() => process.exit(129));
      this.client.exiting = true;
    };
    this.errorCallbacks.unhandledRejection = (error) => {
      if (this.client.exiting) return;
      this.client.postInvocationError(error, invokeId).then(() => process.exit(128));
      this.client.exiting = true;
    };
  }

  /**
   * What happens when the event loop runs empty before the handler finished:
   * an async handler whose promise can never settle now -> Runtime.NodeJsExit
   * error; any other handler -> success with a `null` result.
   */
  _setDefaultExitListener(invokeId, markCompleted, isAsync) {
    BeforeExitListener.set(() => {
      markCompleted();
      if (isAsync) {
        const nodeJsExitError = new ClassicErrors.NodeJsExit();
        structuredConsole.logError('Invoke Error', nodeJsExitError);
        this.client.postInvocationError(nodeJsExitError, invokeId).then(() => this.scheduleIteration());
      } else {
        this.client.postInvocationResponse(null, invokeId).then(() => this.scheduleIteration());
      }
    });
  }
}

/** index.mjs `run()`: the classic entry point. */
async function runClassic(appRoot, handlerString) {
  patchConsole();
  const client = new RuntimeApiClient(process.env.AWS_LAMBDA_RUNTIME_API);

  // Until the first invoke, a crash is an init error.
  const errorCallbacks = {
    uncaughtException: (error) => {
      if (client.exiting) return; // already reporting a fatal error
      client.exiting = true;
      client.postInitError(error).then(() => process.exit(129));
    },
    unhandledRejection: (error) => {
      if (client.exiting) return;
      client.exiting = true;
      client.postInitError(error).then(() => process.exit(128));
    },
  };
  process.on('uncaughtException', (error) => {
    structuredConsole.logError('Uncaught Exception', error);
    errorCallbacks.uncaughtException(error);
  });
  process.on('unhandledRejection', (reason, promise) => {
    const error = new ClassicErrors.UnhandledPromiseRejection(reason, promise);
    structuredConsole.logError('Unhandled Promise Rejection', error);
    errorCallbacks.unhandledRejection(error);
  });

  BeforeExitListener.reset();
  process.on('beforeExit', BeforeExitListener.invoke);

  // A failure here rejects run(); the entry point's top-level await turns that
  // into an uncaught exception: "Uncaught Exception" log line, POST
  // /init/error, exit code 129.
  const handlerFunc = await ClassicUserFunction.load(appRoot, handlerString);
  const metadata = ClassicUserFunction.getHandlerMetadata(handlerFunc);
  warnOnCallbackHandler(metadata);
  new Runtime(client, handlerFunc, metadata, errorCallbacks).scheduleIteration();
}

// ===========================================================================
// 9. The modern loop (4.x: nodejs24.x and newer)
// ===========================================================================
//
// The handler is `async (event, context) => result` (or returns a value or a
// promise). The loop is literally `while (true)`. There are no process-level
// error handlers: an uncaught exception or unhandled rejection during an
// invoke crashes Node (exit code 1, error printed on stderr) and Lambda
// reports Runtime.ExitError for that invoke. If the handler's promise never
// settles and nothing else is pending, Node simply exits (code 0).

class LifecycleManager {
  constructor(client) {
    this.client = client;
  }
  async fail(requestId, error) {
    await new Promise((resolve) => setImmediate(resolve));
    structuredConsole.logError('Invoke Error', error);
    await this.client.postInvocationError(error, requestId);
  }
  async failResponseStream(responseStream, error) {
    await new Promise((resolve) => setImmediate(resolve));
    structuredConsole.logError('Invoke Error', error);
    await tryCallFail(responseStream, error);
  }
  async succeed(requestId, result) {
    await new Promise((resolve) => setImmediate(resolve));
    await this.client.postInvocationResponse(result, requestId); // may throw (stringify)
  }
  async next() {
    const invocationRequest = await this.client.nextInvocation();
    const context = buildModernContext(invocationRequest.headers);
    const event = JSON.parse(invocationRequest.bodyJson);
    return { context, event };
  }
}

/** Class names show in stack traces: "BufferedInvokeProcessor.handler". */
class BufferedInvokeProcessor {
  constructor(handler, lifecycle) {
    this.handler = handler;
    this.lifecycle = lifecycle;
  }
  async processInvoke(context, event) {
    try {
      const result = await this.handler(event, context);
      await this.lifecycle.succeed(context.awsRequestId, result);
    } catch (err) {
      await this.lifecycle.fail(context.awsRequestId, err);
    }
  }
}

class StreamingInvokeProcessor {
  constructor(handler, lifecycle, handlerMetadata) {
    this.handler = handler;
    this.lifecycle = lifecycle;
    this.handlerMetadata = handlerMetadata;
  }
  async processInvoke(context, event) {
    const { request: responseStream, responseDone: rapidResponse } = this.lifecycle.client.getStreamForInvocationResponse(
      context.awsRequestId,
      { highWaterMark: this.handlerMetadata.highWaterMark },
    );
    try {
      const handlerResult = this.handler(event, responseStream, context);
      if (!isPromise(handlerResult) || typeof handlerResult !== 'object') {
        throw new Error('Streaming does not support non-async handlers.');
      }
      const result = await handlerResult;
      if (typeof result !== 'undefined') console.warn('Streaming handlers ignore return values.');
      await rapidResponse;
      if (!responseStream.writableFinished) throw new Error('Response stream is not finished.');
    } catch (err) {
      await this.lifecycle.failResponseStream(responseStream, err);
    }
  }
}

async function runModern() {
  installAwslambdaGlobal();
  patchConsole();
  getInvokeStore();
  const runtimeApi = process.env.AWS_LAMBDA_RUNTIME_API;
  const handlerString = process.env._HANDLER;
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  if (!runtimeApi) throw new PlatformError('AWS_LAMBDA_RUNTIME_API environment variable is not set');
  if (!handlerString) throw new PlatformError('_HANDLER environment variable is not set');
  if (!taskRoot) throw new PlatformError('LAMBDA_TASK_ROOT environment variable is not set');
  const client = new RuntimeApiClient(runtimeApi);

  let handler, metadata;
  try {
    ({ handler, metadata } = await ModernUserFunction.load(taskRoot, handlerString));
    errorOnCallbackHandler(metadata);
  } catch (error) {
    // Init failed: log it, tell Lambda, then let the error escape (Node
    // prints it on stderr and exits with code 1).
    structuredConsole.logError('Init Error', error);
    try {
      await client.postInitError(error);
    } catch (postError) {
      structuredConsole.logError('Failed to post init error', postError);
      throw postError;
    }
    throw error;
  }

  const lifecycle = new LifecycleManager(client);
  const processor = metadata.streaming
    ? new StreamingInvokeProcessor(handler, lifecycle, metadata)
    : new BufferedInvokeProcessor(handler, lifecycle);
  const store = getInvokeStore();
  // This is the loop every Lambda runtime runs.
  while (true) {
    const { context, event } = await lifecycle.next();
    await store.run(
      { [PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId, [PROTECTED_KEYS.X_RAY_TRACE_ID]: context.xRayTraceId },
      () => processor.processInvoke(context, event),
    );
  }
}

// ===========================================================================
// 10. Start
// ===========================================================================

verbose(1, 'BOOTSTRAP', `flavour ${FLAVOUR} (AWS_EXECUTION_ENV=${process.env.AWS_EXECUTION_ENV})`);
if (CLASSIC) {
  // Awaited: an init failure becomes an uncaught exception, which the handler
  // installed by runClassic() reports to /init/error before exiting (129).
  await runClassic(process.env.LAMBDA_TASK_ROOT || process.cwd(), process.env._HANDLER);
} else {
  // Not awaited, as in 4.x (`ignition();`): an init failure becomes an
  // unhandled rejection, and Node exits with code 1.
  runModern();
}
