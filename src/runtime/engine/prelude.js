// Lambda Lab's Node-compatible globals for QuickJS: console (formatted as Node prints it),
// timers, process.env, CommonJS require, and the Node built-ins from node.js. Native helpers arrive on globalThis.__ll and are
// hidden from handler code afterwards.
(() => {
  const ll = globalThis.__ll;
  delete globalThis.__ll;

  // --- util.inspect, the subset console.log needs -------------------------------------
  const quote = (s) => "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n") + "'";
  const keyText = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));
  function inspect(value, depth = 2, seen = []) {
    switch (typeof value) {
      case "string": return seen.length ? quote(value) : value;
      case "number": return Object.is(value, -0) ? "-0" : String(value);
      case "bigint": return value + "n";
      case "boolean": case "undefined": return String(value);
      case "symbol": return value.toString();
      case "function": return value.name ? `[Function: ${value.name}]` : "[Function (anonymous)]";
    }
    if (value === null) return "null";
    if (seen.includes(value)) return "[Circular *1]";
    if (value instanceof Error) return value.stack ? stackOf(value) : `${value.name}: ${value.message}`;
    if (value instanceof Date) return isNaN(value) ? "Invalid Date" : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const kind = value.constructor.name;
      if (kind === "Buffer") {
        const hex = Array.from(value.subarray(0, 50), (b) => b.toString(16).padStart(2, "0"));
        const more = value.length > 50 ? ` ... ${value.length - 50} more bytes` : "";
        return `<Buffer${hex.length ? " " + hex.join(" ") : ""}${more}>`;
      }
      const items = Array.from(value.subarray(0, 100), (v) => inspect(v, depth - 1, seen));
      if (value.length > 100) items.push(`... ${value.length - 100} more items`);
      return `${kind}(${value.length}) ` + (items.length ? wrap("[", items, "]") : "[]");
    }
    const inner = [...seen, value];
    if (Array.isArray(value)) {
      if (depth < 0) return "[Array]";
      if (value.length === 0) return "[]";
      const items = value.slice(0, 100).map((v) => inspect(v, depth - 1, inner));
      if (value.length > 100) items.push(`... ${value.length - 100} more items`);
      return wrap("[", items, "]");
    }
    if (value instanceof Map) {
      if (depth < 0) return "[Map]";
      const items = [...value].map(([k, v]) => `${inspect(k, depth - 1, inner)} => ${inspect(v, depth - 1, inner)}`);
      return `Map(${value.size}) ` + (items.length ? wrap("{", items, "}") : "{}");
    }
    if (value instanceof Set) {
      if (depth < 0) return "[Set]";
      const items = [...value].map((v) => inspect(v, depth - 1, inner));
      return `Set(${value.size}) ` + (items.length ? wrap("{", items, "}") : "{}");
    }
    if (typeof value.then === "function" && value instanceof Promise) return "Promise { <pending> }";
    const name = value.constructor && value.constructor !== Object ? value.constructor.name + " " : "";
    if (depth < 0) return name ? `[${name.trim()}]` : "[Object]";
    const keys = Object.keys(value);
    if (keys.length === 0) return name + "{}";
    const items = keys.map((k) => `${keyText(k)}: ${inspect(value[k], depth - 1, inner)}`);
    return name + wrap("{", items, "}");
  }
  // Node breaks a collection onto several lines when it would exceed 72 characters.
  function wrap(open, items, close) {
    const oneLine = `${open} ${items.join(", ")} ${close}`;
    if (oneLine.length <= 72 && !items.some((i) => i.includes("\n"))) return oneLine;
    return `${open}\n${items.map((i) => "  " + i.replace(/\n/g, "\n  ")).join(",\n")}\n${close}`;
  }
  function stackOf(error) {
    const head = error.message ? `${error.name}: ${error.message}` : String(error.name);
    const stack = String(error.stack || "");
    if (stack.startsWith(head)) return stack;
    const frames = stack.split("\n").filter((l) => l.trim().length && !l.startsWith(head));
    return [head, ...frames.map((l) => "    " + l.trim())].join("\n");
  }

  // --- stack traces and messages as V8 writes them ----------------------------------------
  // Frames name /var/task and /opt, never this machine's folders, and ES modules by file URL,
  // as on Lambda. QuickJS's wording of everyday errors is replaced by V8's, which is what
  // learners will see on Lambda and search the web for.
  let taskRoot = "/var/task", layerRoots = [];
  const esmCache = new Map();
  const lambdaPath = (file) => {
    if (typeof file !== "string") return file;
    if (file.startsWith(taskRoot + "/")) return "/var/task" + file.slice(taskRoot.length);
    for (const root of layerRoots) if (file.startsWith(root + "/")) return "/opt" + file.slice(root.length);
    return file;
  };
  const fileUrl = (file) => {
    if (typeof file !== "string" || !file.startsWith("/")) return file;
    let esm = esmCache.get(file);
    if (esm === undefined) { esm = ll.isEsModule(file); esmCache.set(file, esm); }
    return esm ? "file://" + lambdaPath(file) : lambdaPath(file);
  };
  const siteText = (site) => {
    const file = fileUrl(site.getFileName());
    const where = file ? `${file}:${site.getLineNumber()}:${site.getColumnNumber()}` : "<anonymous>";
    const name = site.getFunctionName();
    return name ? `${name} (${where})` : where;
  };
  // The expression at a frame's position in its source (`context.fail`, `event.Records`),
  // which V8 names in "is not a function" and "is not iterable".
  const expressionAt = (site) => {
    const file = site && site.getFileName();
    if (typeof file !== "string" || !file.startsWith(taskRoot + "/")) return null;
    let source;
    try { source = ll.read(file); } catch { return null; }
    const line = source.split("\n")[site.getLineNumber() - 1];
    if (line === undefined) return null;
    const part = /[\w$.?]/;
    let start = site.getColumnNumber() - 1, end = start;
    while (start > 0 && part.test(line[start - 1])) start--;
    while (end < line.length && part.test(line[end])) end++;
    const text = line.slice(start, end).replace(/\?$/, "").replace(/\.$/, "");
    // QuickJS places a call at its last argument's own call: `f(new Error("x"))` points at
    // Error. A constructor that ran is not what failed, so name the call around it.
    if (/\bnew\s+$/.test(line.slice(0, start))) {
      let depth = 0;
      for (let i = start - 1; i >= 0; i--) {
        if (line[i] === ")") depth++;
        else if (line[i] === "(" && depth-- === 0) {
          let j = i;
          while (j > 0 && part.test(line[j - 1])) j--;
          const callee = line.slice(j, i);
          return /^[A-Za-z_$][\w$]*(\??\.[\w$]+)*$/.test(callee) ? callee : null;
        }
      }
    }
    return /^[A-Za-z_$][\w$]*(\??\.[\w$]+)*$/.test(text) ? text : null;
  };
  // Node's words for CommonJS names used in an ES module, with the reason the file is one.
  const esmScopeMessage = (name, sites) => {
    const file = sites[0] && sites[0].getFileName();
    if (typeof file !== "string" || !ll.isEsModule(file)) return null;
    let text = name === "require"
      ? "require is not defined in ES module scope, you can use import instead"
      : `${name} is not defined in ES module scope`;
    const scope = file.endsWith(".js") ? ll.packageScope(file) : "";
    if (scope) {
      text += `\nThis file is being treated as an ES module because it has a '.js' file extension and '${lambdaPath(scope)}' contains "type": "module". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.`;
    }
    return text;
  };
  function v8Message(name, message, sites) {
    let m;
    if ((m = /^cannot read property '(.*)' of (undefined|null)$/.exec(message))) {
      if (m[1] === "Symbol.iterator") {
        const expression = expressionAt(sites[0]);
        return expression ? `${expression} is not iterable`
          : `${m[2]} is not iterable (cannot read property Symbol(Symbol.iterator))`;
      }
      return `Cannot read properties of ${m[2]} (reading '${m[1]}')`;
    }
    if ((m = /^cannot set property '(.*)' of (undefined|null)$/.exec(message))) {
      return `Cannot set properties of ${m[2]} (setting '${m[1]}')`;
    }
    if (message === "not a function") {
      const expression = expressionAt(sites[0]);
      return expression ? `${expression} is not a function` : message;
    }
    if (message === "not a constructor") {
      const expression = expressionAt(sites[0]);
      return `${expression ?? "(intermediate value)"} is not a constructor`;
    }
    if ((m = /^'(.*)' is read-only$/.exec(message))) return "Assignment to constant variable.";
    if (name === "ReferenceError" && (m = /^(module|require|exports|__dirname|__filename) is not defined$/.exec(message))) {
      return esmScopeMessage(m[1], sites) ?? message;
    }
    if (message === "empty array") return "Reduce of empty array with no initial value";
    if (message === "invalid array length") return "Invalid array length";
    if (name === "SyntaxError") {
      if ((m = /^unexpected token in expression: '(.*)'$/.exec(message))) return `Unexpected token '${m[1]}'`;
      if ((m = /^unsupported keyword: (\w+)$/.exec(message))) return `Unexpected token '${m[1]}'`;
      if (message === "unexpected end of input") return "Unexpected end of input";
    }
    return message;
  }
  Error.prepareStackTrace = (error, sites) => {
    try {
      const fixed = v8Message(error.name, String(error.message), sites);
      if (fixed !== error.message) {
        Object.defineProperty(error, "message", { value: fixed, writable: true, configurable: true, enumerable: false });
      }
    } catch { /* keep QuickJS's words */ }
    const head = error.message ? `${error.name}: ${error.message}` : String(error.name);
    return [head, ...sites.map((site) => "    at " + siteText(site))].join("\n");
  };
  function format(args) {
    if (args.length === 0) return "";
    const first = args[0];
    // The common case, console.log(`text`), needs no copying of the arguments.
    if (args.length === 1 && typeof first === "string" && !first.includes("%")) return first;
    const rest = args.slice(1);
    let out;
    if (typeof first === "string" && !first.includes("%")) {
      out = first; // no format specifiers to look for
    } else if (typeof first === "string") {
      out = first.replace(/%[sdifjoOc%]/g, (spec) => {
        if (spec === "%%") return "%";
        if (rest.length === 0) return spec;
        const v = rest.shift();
        switch (spec) {
          case "%s": return typeof v === "string" ? v : inspect(v, 1);
          case "%d": case "%i": return String(spec === "%i" ? parseInt(v) : Number(v));
          case "%f": return String(parseFloat(v));
          case "%j": try { return JSON.stringify(v); } catch { return "[Circular]"; }
          case "%c": return "";
          default: return inspect(v, 4);
        }
      });
    } else {
      out = inspect(first);
    }
    for (const v of rest) out += " " + (typeof v === "string" ? v : inspect(v));
    return out;
  }
  // AWS_LAMBDA_LOG_FORMAT=JSON writes each line as a JSON object, and AWS_LAMBDA_LOG_LEVEL
  // drops lines below it (in both formats), as the Node.js runtime client does.
  const LEVELS = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 };
  let jsonLogs = false, lowestLevel = 0, logRequestId;
  const logAt = (level) => (...args) => {
    if (LEVELS[level] < lowestLevel) return;
    if (!jsonLogs) { ll.log(level, format(args)); return; }
    // An empty level: the line is written as it is.
    ll.log("", JSON.stringify({ timestamp: new Date().toISOString(), level, requestId: logRequestId, message: format(args) }));
  };
  globalThis.console = {
    log: logAt("INFO"), info: logAt("INFO"), warn: logAt("WARN"),
    error: logAt("ERROR"), debug: logAt("DEBUG"), trace: logAt("TRACE"),
    // Lambda's Node.js runtime adds console.fatal (Node itself has none).
    fatal: logAt("FATAL"),
  };

  // --- timers: kept here; the Rust event loop asks for due ones ---------------------------
  let nextTimerId = 1;
  const timers = new Map();
  globalThis.setTimeout = (fn, ms = 0, ...args) => {
    const id = nextTimerId++;
    timers.set(id, { due: Date.now() + Math.max(0, Number(ms) || 0), fn, args });
    return id;
  };
  globalThis.clearTimeout = (id) => { timers.delete(id); };
  globalThis.setImmediate = (fn, ...args) => globalThis.setTimeout(fn, 0, ...args);
  globalThis.clearImmediate = globalThis.clearTimeout;
  globalThis.setInterval = (fn, ms = 0, ...args) => {
    const id = nextTimerId++;
    const period = Math.max(1, Number(ms) || 0);
    const tick = () => { timers.set(id, { due: Date.now() + period, fn: tick, args: [] }); fn(...args); };
    timers.set(id, { due: Date.now() + period, fn: tick, args: [] });
    return id;
  };
  globalThis.clearInterval = globalThis.clearTimeout;
  globalThis.queueMicrotask = (fn) => { Promise.resolve().then(fn); };

  // --- response streaming: the `awslambda` global of Lambda's Node.js runtime -------------------
  // streamifyResponse marks a handler, which then gets (event, responseStream, context); what it
  // writes is kept chunk by chunk with the time it was written. HttpResponseStream.from puts the
  // status and headers first, as a JSON prelude and 8 NUL bytes (function URLs read them).
  const STREAM_MARK = Symbol.for("aws.lambda.runtime.handler.streaming");
  const HIGH_WATER_MARK = Symbol.for("aws.lambda.runtime.handler.streaming.highWaterMark");
  const HTTP_PRELUDE_TYPE = "application/vnd.awslambda.http-integration-response";
  function makeResponseStream(started) {
    const stream = {
      chunks: [],
      contentType: "application/octet-stream",
      writableFinished: false,
      writableEnded: false,
      beforeFirstWrite: null,
      setContentType(type) { stream.contentType = String(type); },
      write(chunk, encoding, callback) {
        if (stream.writableEnded) throw new Error("write after end");
        if (stream.beforeFirstWrite) { const first = stream.beforeFirstWrite; stream.beforeFirstWrite = null; first(); }
        const bytes = typeof chunk === "string"
          ? globalThis.Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8")
          : globalThis.Buffer.from(chunk);
        stream.chunks.push([Date.now() - started, bytes]);
        ll.streamed(Date.now() - started, bytes); // shown while the invoke still runs
        const done = typeof encoding === "function" ? encoding : callback;
        if (typeof done === "function") queueMicrotask(done);
        return true;
      },
      end(chunk, encoding, callback) {
        if (typeof chunk === "function") { callback = chunk; chunk = undefined; }
        if (chunk !== undefined && chunk !== null) stream.write(chunk, encoding);
        else if (stream.beforeFirstWrite) { const first = stream.beforeFirstWrite; stream.beforeFirstWrite = null; first(); }
        stream.writableEnded = true;
        stream.writableFinished = true;
        for (const listener of stream.listeners.finish ?? []) queueMicrotask(listener);
        if (typeof callback === "function") queueMicrotask(callback);
        return stream;
      },
      listeners: {},
      on(event, listener) { (stream.listeners[event] ??= []).push(listener); return stream; },
      once(event, listener) { return stream.on(event, listener); },
      off(event, listener) { stream.listeners[event] = (stream.listeners[event] ?? []).filter((l) => l !== listener); return stream; },
      removeListener(event, listener) { return stream.off(event, listener); },
      emit() { return false; },
      destroy() { stream.writableEnded = true; return stream; },
    };
    return stream;
  }
  globalThis.awslambda = {
    streamifyResponse(handler, options) {
      handler[STREAM_MARK] = "response";
      if (options && options.highWaterMark !== undefined) handler[HIGH_WATER_MARK] = options.highWaterMark;
      return handler;
    },
    HttpResponseStream: class HttpResponseStream {
      static from(underlyingStream, prelude) {
        underlyingStream.setContentType(HTTP_PRELUDE_TYPE);
        const metadata = JSON.stringify(prelude);
        underlyingStream.beforeFirstWrite = () => {
          underlyingStream.write(metadata);
          underlyingStream.write(new Uint8Array(8));
        };
        return underlyingStream;
      }
    },
  };


  // --- process ---------------------------------------------------------------------------
  // process.exit(code) unwinds the handler with this, which the engine turns into the
  // runtime process ending: Runtime.ExitError, and the environment is reset.
  class ExitSignal { constructor(code) { this.code = code; } }
  globalThis.process = {
    exit: (code) => { throw new ExitSignal(Number(code ?? globalThis.process.exitCode ?? 0) | 0); },
    exitCode: undefined,
    env: {},
    version: "v24.11.1",
    versions: { node: "24.11.1" },
    platform: "linux",
    arch: "x64",
    argv: ["/var/lang/bin/node"],
    cwd: () => "/var/task",
    hrtime: Object.assign(() => { const t = Date.now(); return [Math.floor(t / 1000), (t % 1000) * 1e6]; },
      { bigint: () => BigInt(Math.round(Date.now() * 1e6)) }),
    nextTick: (fn, ...args) => { Promise.resolve().then(() => fn(...args)); },
    on: () => globalThis.process,
    memoryUsage: () => ({ heapUsed: 0, heapTotal: 0, rss: 0, external: 0 }),
  };

  // --- Node built-ins (node.js), loaded on first use as Node loads its own ------------------------
  // Compiling them costs more than the rest of a cold start, and many handlers never touch them.
  let loaded = null;
  const builtins = () => {
    if (loaded === null) {
      loaded = ll.loadNode()(ll, { inspect, format });
      loaded.process = globalThis.process;
    }
    return loaded;
  };
  for (const name of ["Buffer", "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "atob", "btoa",
    "crypto", "performance"]) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      // Loading node.js assigns the real value, which replaces this accessor.
      get() { builtins(); return globalThis[name]; },
      set(value) {
        Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
      },
    });
  }
  // The ES module loader reads built-ins from here (see engine.rs); not enumerable.
  Object.defineProperty(globalThis, "__lambdaLabBuiltins", { get: builtins, enumerable: false });
  const builtinNames = ll.builtinModules;
  const builtinName = (name) => {
    const bare = name.startsWith("node:") ? name.slice(5) : name;
    return builtinNames.includes(bare) ? bare : null;
  };

  // --- CommonJS ------------------------------------------------------------------------------
  const cache = new Map();
  // `requireStack`: the files that required this one, nearest first (Node's "Require stack").
  function loadCommonJs(path, requireStack = null) {
    if (cache.has(path)) return cache.get(path).exports;
    // The runtime client requires the handler itself: classic with require() from its own
    // file, which then ends every require stack; modern with import(), which adds nothing.
    const stack = requireStack ?? (modern ? [] : ["/var/runtime/index.mjs"]);
    const source = ll.read(path);
    const module = { exports: {}, id: path, filename: path, loaded: false };
    cache.set(path, module);
    if (path.endsWith(".json")) {
      module.exports = JSON.parse(source);
    } else {
      const dir = path.slice(0, path.lastIndexOf("/")) || "/";
      const wrapper = ll.compileCommonJs(path,
        "(function (exports, require, module, __filename, __dirname) {" + source + "\n})");
      wrapper.call(module.exports, module.exports, makeRequire(dir, [lambdaPath(path), ...stack]), module, path, dir);
    }
    module.loaded = true;
    return module.exports;
  }
  // The ES module loader wraps CommonJS files through this (see engine.rs); not enumerable.
  Object.defineProperty(globalThis, "__lambdaLabRequire", { value: loadCommonJs, enumerable: false });
  function makeRequire(dir, requireStack = []) {
    const resolve = (name) => {
      try {
        return ll.resolve(dir, name);
      } catch (error) {
        if (!requireStack.length || !String(error.message).startsWith("Cannot find module")) throw error;
        const missing = new Error(`${error.message}\nRequire stack:\n- ${requireStack.join("\n- ")}`);
        missing.code = "MODULE_NOT_FOUND";
        missing.requireStack = requireStack;
        throw missing;
      }
    };
    const require = (name) => {
      const builtin = builtinName(String(name));
      return builtin ? builtins()[builtin] : loadCommonJs(resolve(String(name)), requireStack);
    };
    require.resolve = (name) => builtinName(String(name)) ?? ll.resolve(dir, String(name));
    require.cache = {};
    return require;
  }

  // --- the hooks the Rust side calls -----------------------------------------------------------
  let contextFields = {};
  let modern = true;
  const STREAMING = Symbol.for("aws.lambda.runtime.handler.streaming");
  return {
    setRoots(task, layers) { taskRoot = task; layerRoots = layers; },
    makeResponseStream,
    // [content type, [[ms, bytes]…], finished] of a streamed response.
    streamResult: (stream) => [stream.contentType, stream.chunks.map(([at, bytes]) => [at, new Uint8Array(bytes)]), stream.writableFinished],
    setFlavour(isModern, nodeVersion) {
      modern = isModern;
      globalThis.process.version = nodeVersion;
      globalThis.process.versions = { node: nodeVersion.slice(1) };
    },
    // What the runtime client reads off the handler function (UserFunction.js).
    // The streaming mark: "" none, "response", or anything else (which the clients refuse).
    handlerMetadata(fn) {
      return [fn.constructor && fn.constructor.name === "AsyncFunction", fn.length, String(fn[STREAMING] ?? "")];
    },
    exitCode: (value) => (value instanceof ExitSignal ? value.code : -1),
    // A thrown value that is not an Error, as the runtime client posts it: its typeof and its
    // text ("[object Object]" for a plain object). Classic turns null/undefined into "handled".
    thrownDocument(value) {
      if (!modern && (value === null || value === undefined)) return ["string", "handled"];
      let text;
      try { text = String(value); } catch { text = Object.prototype.toString.call(value); }
      return [typeof value, text];
    },
    loadCommonJs,
    runDueTimers() {
      if (timers.size === 0) return -1;
      const now = Date.now();
      for (const [id, t] of [...timers]) {
        if (t.due <= now) { timers.delete(id); t.fn(...t.args); }
      }
      let next = -1;
      for (const t of timers.values()) if (next < 0 || t.due < next) next = t.due;
      return next;
    },
    pendingTimers: () => timers.size,
    setEnv(env) {
      globalThis.process.env = env;
      jsonLogs = String(env.AWS_LAMBDA_LOG_FORMAT ?? "").toUpperCase() === "JSON";
      lowestLevel = LEVELS[String(env.AWS_LAMBDA_LOG_LEVEL ?? "").toUpperCase()] ?? 0;
    },
    // The context object the Node runtime passes to handlers. Built here, not by evaluating
    // new code per invoke: compiling a closure each time cost more than the handler itself.
    // The fields that never change in an environment are handed over once, at init.
    setContextFields(fields) { contextFields = fields; },
    // Modern: the context alone (no callback, no succeed/fail/done). Classic: [context,
    // callback]; `settle(err, result, now)` answers the invoke, `now` skipping the wait for
    // the event loop.
    makeContext(awsRequestId, deadlineEpochMs, traceId, settle) {
      // The runtime client sets the invoke's X-Ray header here, for the AWS SDK to find.
      globalThis.process.env._X_AMZN_TRACE_ID = traceId;
      logRequestId = awsRequestId;
      const getRemainingTimeInMillis = () => Math.max(0, deadlineEpochMs - Date.now());
      if (modern) {
        return {
          awsRequestId,
          clientContext: undefined,
          functionName: contextFields.functionName,
          functionVersion: contextFields.functionVersion,
          getRemainingTimeInMillis,
          identity: undefined,
          invokedFunctionArn: contextFields.invokedFunctionArn,
          logGroupName: contextFields.logGroupName,
          logStreamName: contextFields.logStreamName,
          memoryLimitInMB: contextFields.memoryLimitInMB,
          tenantId: undefined,
          xRayTraceId: traceId,
        };
      }
      const done = (err, result) => settle(err, result, true);
      return [{
        callbackWaitsForEmptyEventLoop: true,
        succeed: (result) => done(null, result),
        fail: (err) => (err === undefined || err === null ? done("handled") : done(err, null)),
        done,
        functionVersion: contextFields.functionVersion,
        functionName: contextFields.functionName,
        memoryLimitInMB: contextFields.memoryLimitInMB,
        logGroupName: contextFields.logGroupName,
        logStreamName: contextFields.logStreamName,
        invokedFunctionArn: contextFields.invokedFunctionArn,
        clientContext: undefined,
        identity: undefined,
        tenantId: undefined,
        awsRequestId,
        getRemainingTimeInMillis,
      }, (err, result) => settle(err, result, false)];
    },
    format,
    inspect,
    stackOf,
  };
})()
