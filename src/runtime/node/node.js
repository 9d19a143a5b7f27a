// Node built-ins for handler code: Buffer, TextEncoder/TextDecoder, URL/URLSearchParams,
// atob/btoa, crypto, and the modules buffer, crypto, events, fs, fs/promises, os, path,
// timers, url, util and zlib. Byte work is done natively (runtime/node.rs); this file shapes
// it into Node's API. Evaluates to a function the prelude calls with the native helpers.
(function installNode(ll, util) {
  "use strict";

  // --- Buffer --------------------------------------------------------------------------
  const normaliseEncoding = (encoding) => {
    const e = String(encoding ?? "utf8").toLowerCase();
    switch (e) {
      case "utf8": case "utf-8": return "utf8";
      case "base64": case "base64url": case "hex": case "latin1": case "ascii": return e;
      case "binary": return "latin1";
      case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return "utf16le";
      default: {
        const error = new TypeError(`Unknown encoding: ${encoding}`);
        error.code = "ERR_UNKNOWN_ENCODING";
        throw error;
      }
    }
  };
  const plain = (view) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

  class Buffer extends Uint8Array {
    static from(value, encodingOrOffset, length) {
      if (typeof value === "string") return Buffer.#fromString(value, encodingOrOffset);
      if (value instanceof ArrayBuffer) {
        const offset = encodingOrOffset ?? 0;
        return new Buffer(value, offset, length ?? value.byteLength - offset);
      }
      if (ArrayBuffer.isView(value)) {
        const copy = new Buffer(value.byteLength);
        copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        return copy;
      }
      if (value && value.type === "Buffer" && Array.isArray(value.data)) return Buffer.from(value.data);
      if (Array.isArray(value) || (value && typeof value.length === "number")) {
        const copy = new Buffer(value.length);
        for (let i = 0; i < value.length; i++) copy[i] = Number(value[i]) & 255;
        return copy;
      }
      const error = new TypeError("The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.");
      error.code = "ERR_INVALID_ARG_TYPE";
      throw error;
    }
    static #fromString(text, encoding) {
      let bytes;
      switch (normaliseEncoding(encoding)) {
        case "utf8": bytes = ll.utf8Encode(text); break;
        case "base64": case "base64url": bytes = ll.base64Decode(text); break;
        case "hex": bytes = ll.hexDecode(text); break;
        case "latin1": case "ascii": {
          bytes = new Uint8Array(text.length);
          for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 255;
          break;
        }
        case "utf16le": {
          bytes = new Uint8Array(text.length * 2);
          for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            bytes[2 * i] = c & 255;
            bytes[2 * i + 1] = c >> 8;
          }
          break;
        }
      }
      return new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    static alloc(size, fill, encoding) {
      const buffer = new Buffer(Buffer.#checkSize(size));
      if (fill !== undefined && fill !== 0) buffer.fill(fill, 0, buffer.length, encoding);
      return buffer;
    }
    static allocUnsafe(size) { return new Buffer(Buffer.#checkSize(size)); }
    static allocUnsafeSlow(size) { return new Buffer(Buffer.#checkSize(size)); }
    static #checkSize(size) {
      if (typeof size !== "number" || size < 0 || !Number.isFinite(size)) {
        const error = new RangeError(`The argument 'size' is invalid. Received ${size}`);
        error.code = "ERR_OUT_OF_RANGE";
        throw error;
      }
      return Math.floor(size);
    }
    static isBuffer(value) { return value instanceof Buffer; }
    static isEncoding(encoding) {
      try { normaliseEncoding(encoding); return typeof encoding === "string"; } catch { return false; }
    }
    static byteLength(value, encoding) {
      if (typeof value !== "string") return value.byteLength;
      return Buffer.from(value, encoding).length;
    }
    static concat(list, totalLength) {
      const total = totalLength ?? list.reduce((sum, b) => sum + b.length, 0);
      const out = Buffer.alloc(total);
      let offset = 0;
      for (const b of list) {
        if (offset >= total) break;
        const part = b.length > total - offset ? b.subarray(0, total - offset) : b;
        out.set(part, offset);
        offset += part.length;
      }
      return out;
    }
    static compare(a, b) { return a.compare(b); }

    toString(encoding, start = 0, end = this.length) {
      const view = plain(this).subarray(start, end);
      switch (normaliseEncoding(encoding)) {
        case "utf8": return ll.utf8Decode(view);
        case "base64": return ll.base64Encode(view, false);
        case "base64url": return ll.base64Encode(view, true);
        case "hex": return ll.hexEncode(view);
        case "latin1": return ll.latin1Decode(view);
        case "ascii": return ll.latin1Decode(view.map((b) => b & 127));
        case "utf16le": {
          let out = "";
          for (let i = 0; i + 1 < view.length; i += 2) out += String.fromCharCode(view[i] | (view[i + 1] << 8));
          return out;
        }
      }
    }
    toJSON() { return { type: "Buffer", data: Array.from(this) }; }
    equals(other) { return this.compare(other) === 0; }
    compare(other) {
      const n = Math.min(this.length, other.length);
      for (let i = 0; i < n; i++) if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
      return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
    }
    // Node's slice shares memory with the original, unlike Uint8Array's.
    slice(start, end) { return this.subarray(start, end); }
    copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
      const part = plain(this).subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
      target.set(part, targetStart);
      return part.length;
    }
    write(text, offset = 0, length = this.length - offset, encoding = "utf8") {
      if (typeof offset === "string") { encoding = offset; offset = 0; length = this.length; }
      const bytes = Buffer.from(text, encoding).subarray(0, Math.min(length, this.length - offset));
      this.set(bytes, offset);
      return bytes.length;
    }
    fill(value, start = 0, end = this.length, encoding) {
      if (typeof start === "string") { encoding = start; start = 0; end = this.length; }
      if (typeof value === "number") return super.fill(value & 255, start, end);
      const pattern = typeof value === "string" ? Buffer.from(value, encoding) : value;
      if (pattern.length === 0) return super.fill(0, start, end);
      // Double the filled part each step: a 16 MB fill takes ~24 copies, not 16M writes.
      const target = plain(this);
      target.set(pattern.subarray(0, end - start), start);
      let filled = Math.min(pattern.length, end - start);
      while (filled < end - start) {
        const n = Math.min(filled, end - start - filled);
        target.copyWithin(start + filled, start, start + n);
        filled += n;
      }
      return this;
    }
    indexOf(value, byteOffset = 0, encoding) {
      if (typeof value === "number") return plain(this).indexOf(value & 255, byteOffset);
      const needle = typeof value === "string" ? Buffer.from(value, encoding) : value;
      outer: for (let i = byteOffset; i <= this.length - needle.length; i++) {
        for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }
    #view() { return new DataView(this.buffer, this.byteOffset, this.byteLength); }
    readUInt8(o = 0) { return this.#view().getUint8(o); }
    readInt8(o = 0) { return this.#view().getInt8(o); }
    readUInt16LE(o = 0) { return this.#view().getUint16(o, true); }
    readUInt16BE(o = 0) { return this.#view().getUint16(o, false); }
    readInt16LE(o = 0) { return this.#view().getInt16(o, true); }
    readInt16BE(o = 0) { return this.#view().getInt16(o, false); }
    readUInt32LE(o = 0) { return this.#view().getUint32(o, true); }
    readUInt32BE(o = 0) { return this.#view().getUint32(o, false); }
    readInt32LE(o = 0) { return this.#view().getInt32(o, true); }
    readInt32BE(o = 0) { return this.#view().getInt32(o, false); }
    readFloatLE(o = 0) { return this.#view().getFloat32(o, true); }
    readDoubleLE(o = 0) { return this.#view().getFloat64(o, true); }
    readBigUInt64LE(o = 0) { return this.#view().getBigUint64(o, true); }
    readBigUInt64BE(o = 0) { return this.#view().getBigUint64(o, false); }
    writeUInt8(v, o = 0) { this.#view().setUint8(o, v); return o + 1; }
    writeUInt16LE(v, o = 0) { this.#view().setUint16(o, v, true); return o + 2; }
    writeUInt16BE(v, o = 0) { this.#view().setUint16(o, v, false); return o + 2; }
    writeUInt32LE(v, o = 0) { this.#view().setUint32(o, v, true); return o + 4; }
    writeUInt32BE(v, o = 0) { this.#view().setUint32(o, v, false); return o + 4; }
    writeInt32LE(v, o = 0) { this.#view().setInt32(o, v, true); return o + 4; }
    writeInt32BE(v, o = 0) { this.#view().setInt32(o, v, false); return o + 4; }
    writeDoubleLE(v, o = 0) { this.#view().setFloat64(o, v, true); return o + 8; }
  }
  for (const name of ["readUInt8", "readUInt16LE", "readUInt16BE", "readUInt32LE", "readUInt32BE",
    "writeUInt8", "writeUInt16LE", "writeUInt16BE", "writeUInt32LE", "writeUInt32BE"]) {
    Buffer.prototype[name.replace("UInt", "Uint")] = Buffer.prototype[name];
  }
  const toBytes = (data, encoding) => {
    if (typeof data === "string") return Buffer.from(data, encoding);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const error = new TypeError(`The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${util.inspect(data)}`);
    error.code = "ERR_INVALID_ARG_TYPE";
    throw error;
  };
  const asBuffer = (bytes) => new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // --- TextEncoder / TextDecoder, atob / btoa ----------------------------------------------
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(text = "") { return ll.utf8Encode(String(text)); }
    encodeInto(text, target) {
      const bytes = ll.utf8Encode(String(text)).subarray(0, target.length);
      target.set(bytes);
      return { read: String(text).length, written: bytes.length };
    }
  }
  class TextDecoder {
    #fatal;
    constructor(label = "utf-8", options = {}) {
      if (!["utf-8", "utf8", "unicode-1-1-utf-8"].includes(String(label).toLowerCase())) {
        const error = new RangeError(`The "${label}" encoding is not supported`);
        error.code = "ERR_ENCODING_NOT_SUPPORTED";
        throw error;
      }
      this.#fatal = Boolean(options.fatal);
    }
    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    decode(input = new Uint8Array(0)) { return ll.utf8Decode(toBytes(input), this.#fatal); }
  }
  const btoa = (text) => Buffer.from(String(text), "latin1").toString("base64");
  const atob = (text) => Buffer.from(String(text), "base64").toString("latin1");

  // --- URL / URLSearchParams (WHATWG, parsed natively by the url crate) -------------------------
  class URLSearchParams {
    #pairs = [];
    #owner = null;
    constructor(init = "") {
      if (typeof init === "string") this.#pairs = ll.formParse(init);
      else if (init instanceof URLSearchParams) this.#pairs = [...init].map(([k, v]) => [k, v]);
      else if (init && typeof init[Symbol.iterator] === "function") this.#pairs = [...init].map(([k, v]) => [String(k), String(v)]);
      else if (init && typeof init === "object") this.#pairs = Object.entries(init).map(([k, v]) => [k, String(v)]);
    }
    static _attach(params, owner) { params.#owner = owner; return params; }
    #changed() { if (this.#owner) this.#owner._setSearch(this.toString()); }
    get size() { return this.#pairs.length; }
    append(key, value) { this.#pairs.push([String(key), String(value)]); this.#changed(); }
    delete(key) { this.#pairs = this.#pairs.filter(([k]) => k !== String(key)); this.#changed(); }
    get(key) { const pair = this.#pairs.find(([k]) => k === String(key)); return pair ? pair[1] : null; }
    getAll(key) { return this.#pairs.filter(([k]) => k === String(key)).map(([, v]) => v); }
    has(key) { return this.#pairs.some(([k]) => k === String(key)); }
    set(key, value) {
      const at = this.#pairs.findIndex(([k]) => k === String(key));
      if (at < 0) this.#pairs.push([String(key), String(value)]);
      else this.#pairs = this.#pairs.filter(([k], i) => i === at || k !== String(key)).map((p, i) => (i === at ? [p[0], String(value)] : p));
      this.#changed();
    }
    sort() { this.#pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); this.#changed(); }
    forEach(fn, thisArg) { for (const [k, v] of this.#pairs) fn.call(thisArg, v, k, this); }
    keys() { return this.#pairs.map(([k]) => k)[Symbol.iterator](); }
    values() { return this.#pairs.map(([, v]) => v)[Symbol.iterator](); }
    entries() { return this.#pairs.map(([k, v]) => [k, v])[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return ll.formSerialize(this.#pairs); }
  }
  class URL {
    #parts;
    #params;
    constructor(input, base) {
      this.#parts = base === undefined ? ll.urlParse(String(input)) : ll.urlParse(String(input), String(base));
      this.#params = URLSearchParams._attach(new URLSearchParams(this.#parts.search), this);
    }
    static canParse(input, base) { try { new URL(input, base); return true; } catch { return false; } }
    _setSearch(search) { this.#parts = ll.urlSet(this.#parts.href, "search", search); }
    #set(part, value) {
      this.#parts = ll.urlSet(this.#parts.href, part, String(value));
      if (part === "search" || part === "href") this.#params = URLSearchParams._attach(new URLSearchParams(this.#parts.search), this);
    }
    get href() { return this.#parts.href; }
    set href(value) { this.#parts = ll.urlParse(String(value)); this.#params = URLSearchParams._attach(new URLSearchParams(this.#parts.search), this); }
    get origin() { return this.#parts.origin; }
    get searchParams() { return this.#params; }
    get protocol() { return this.#parts.protocol; }
    set protocol(value) { this.#set("protocol", value); }
    get username() { return this.#parts.username; }
    set username(value) { this.#set("username", value); }
    get password() { return this.#parts.password; }
    set password(value) { this.#set("password", value); }
    get host() { return this.#parts.host; }
    set host(value) { this.#set("host", value); }
    get hostname() { return this.#parts.hostname; }
    set hostname(value) { this.#set("hostname", value); }
    get port() { return this.#parts.port; }
    set port(value) { this.#set("port", value); }
    get pathname() { return this.#parts.pathname; }
    set pathname(value) { this.#set("pathname", value); }
    get search() { return this.#parts.search; }
    set search(value) { this.#set("search", value); }
    get hash() { return this.#parts.hash; }
    set hash(value) { this.#set("hash", value); }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }

  // --- crypto ------------------------------------------------------------------------------
  class Hash {
    #algorithm; #key; #chunks = []; #done = false;
    constructor(algorithm, key) {
      this.#algorithm = String(algorithm);
      this.#key = key;
      ll.hash(this.#algorithm, new Uint8Array(0)); // throws now for an unknown algorithm, as Node does
    }
    update(data, encoding) {
      if (this.#done) { const e = new Error("Digest already called"); e.code = "ERR_CRYPTO_HASH_FINALIZED"; throw e; }
      this.#chunks.push(Buffer.from(toBytes(data, encoding)));
      return this;
    }
    digest(encoding) {
      this.#done = true;
      const data = Buffer.concat(this.#chunks);
      const out = asBuffer(this.#key === undefined ? ll.hash(this.#algorithm, data) : ll.hash(this.#algorithm, data, this.#key));
      return encoding ? out.toString(encoding) : out;
    }
  }
  const randomBytes = (size, callback) => {
    const bytes = asBuffer(ll.randomBytes(size));
    if (callback) { setTimeout(() => callback(null, bytes), 0); return undefined; }
    return bytes;
  };
  const getRandomValues = (array) => {
    const bytes = ll.randomBytes(array.byteLength);
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
    return array;
  };
  const crypto = {
    createHash: (algorithm) => new Hash(algorithm),
    createHmac: (algorithm, key) => new Hash(algorithm, Buffer.from(toBytes(key))),
    hash: (algorithm, data, encoding = "hex") => new Hash(algorithm).update(data).digest(encoding),
    randomBytes,
    randomUUID: () => ll.randomUUID(),
    randomInt(min, max) {
      if (max === undefined) { max = min; min = 0; }
      return min + Math.floor((ll.randomBytes(4).reduce((a, b) => a * 256 + b, 0) / 2 ** 32) * (max - min));
    },
    getRandomValues,
    timingSafeEqual: (a, b) => Buffer.from(a).equals(Buffer.from(b)),
    getHashes: () => ["md5", "sha1", "sha256", "sha384", "sha512"],
  };
  crypto.webcrypto = { getRandomValues, randomUUID: crypto.randomUUID };

  // --- zlib -------------------------------------------------------------------------------------
  const zlib = {};
  for (const [name, operation, format] of [
    ["gzip", "compress", "gzip"], ["gunzip", "decompress", "gzip"],
    ["deflate", "compress", "deflate"], ["inflate", "decompress", "deflate"],
    ["deflateRaw", "compress", "raw"], ["inflateRaw", "decompress", "raw"],
    ["unzip", "decompress", "unzip"],
  ]) {
    const sync = (data, options = {}) => asBuffer(ll.zlib(operation, format, toBytes(data), options.level ?? 6));
    zlib[name + "Sync"] = sync;
    zlib[name] = (data, options, callback) => {
      if (typeof options === "function") { callback = options; options = {}; }
      setTimeout(() => {
        let result;
        try { result = sync(data, options); } catch (error) { callback(error); return; }
        callback(null, result);
      }, 0);
    };
  }
  zlib.constants = { Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1 };

  // --- fs: /tmp is private and writable; /var/task and /opt are read-only -----------------------
  const decode = (bytes, options) => {
    const encoding = typeof options === "string" ? options : options?.encoding;
    const buffer = asBuffer(bytes);
    return encoding ? buffer.toString(encoding) : buffer;
  };
  const withPath = (fn) => (path, ...rest) => fn(path instanceof URL ? path.pathname : String(path), ...rest);
  class Stats {
    constructor(raw) {
      this.size = raw.size;
      this.mtimeMs = raw.mtimeMs;
      this.mtime = new Date(raw.mtimeMs);
      this.#file = raw.isFile;
      this.#dir = raw.isDirectory;
    }
    #file; #dir;
    isFile() { return this.#file; }
    isDirectory() { return this.#dir; }
    isSymbolicLink() { return false; }
  }
  const fsSync = {
    readFileSync: withPath((path, options) => decode(ll.fsRead(path), options)),
    writeFileSync: withPath((path, data, options) => ll.fsWrite(path, toBytes(data, options?.encoding ?? options), false)),
    appendFileSync: withPath((path, data, options) => ll.fsWrite(path, toBytes(data, options?.encoding ?? options), true)),
    existsSync: withPath((path) => { try { ll.fsStat(path); return true; } catch { return false; } }),
    statSync: withPath((path) => new Stats(ll.fsStat(path))),
    readdirSync: withPath((path) => ll.fsReaddir(path)),
    mkdirSync: withPath((path, options) => { ll.fsMkdir(path, Boolean(options?.recursive)); return undefined; }),
    unlinkSync: withPath((path) => ll.fsRemove(path, false, false)),
    rmdirSync: withPath((path, options) => ll.fsRemove(path, Boolean(options?.recursive), true)),
    rmSync: withPath((path, options) => {
      try { ll.fsRemove(path, Boolean(options?.recursive), false); } catch (error) { if (!(options?.force && error.code === "ENOENT")) throw error; }
    }),
    renameSync: (from, to) => ll.fsRename(String(from), String(to)),
    accessSync: withPath((path) => { ll.fsStat(path); }),
  };
  fsSync.lstatSync = fsSync.statSync;
  const fsPromises = {};
  const fs = { ...fsSync, constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 } };
  for (const [syncName, fn] of Object.entries(fsSync)) {
    const name = syncName.replace(/Sync$/, "");
    if (name === "exists") continue;
    fsPromises[name] = (...args) => new Promise((resolve, reject) => {
      setTimeout(() => { try { resolve(fn(...args)); } catch (error) { reject(error); } }, 0);
    });
    fs[name] = (...args) => {
      const callback = typeof args[args.length - 1] === "function" ? args.pop() : () => {};
      setTimeout(() => {
        let result;
        try { result = fn(...args); } catch (error) { callback(error); return; }
        callback(null, result);
      }, 0);
    };
  }
  fs.promises = fsPromises;

  // --- path (POSIX, as on Lambda's Linux) --------------------------------------------------------
  const normalizeParts = (path, absolute) => {
    const out = [];
    for (const part of path.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") { if (out.length && out[out.length - 1] !== "..") out.pop(); else if (!absolute) out.push(".."); }
      else out.push(part);
    }
    return out;
  };
  const path = {
    sep: "/",
    delimiter: ":",
    isAbsolute: (p) => String(p).startsWith("/"),
    normalize(p) {
      p = String(p);
      if (p === "") return ".";
      const absolute = p.startsWith("/");
      const joined = normalizeParts(p, absolute).join("/");
      const trailing = p.endsWith("/") && joined ? "/" : "";
      return (absolute ? "/" : "") + (joined || (absolute ? "" : ".")) + trailing;
    },
    join: (...parts) => path.normalize(parts.filter((p) => p !== "").join("/") || "."),
    resolve(...parts) {
      let resolved = "";
      for (let i = parts.length - 1; i >= 0 && !resolved.startsWith("/"); i--) {
        if (parts[i]) resolved = parts[i] + (resolved ? "/" + resolved : "");
      }
      if (!resolved.startsWith("/")) resolved = "/var/task" + (resolved ? "/" + resolved : "");
      return "/" + normalizeParts(resolved, true).join("/");
    },
    dirname(p) {
      p = String(p);
      const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
      const at = trimmed.lastIndexOf("/");
      if (at < 0) return ".";
      return at === 0 ? "/" : trimmed.slice(0, at);
    },
    basename(p, ext) {
      const base = String(p).replace(/\/+$/, "").split("/").pop() ?? "";
      return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
    },
    extname(p) {
      const base = path.basename(p);
      const at = base.lastIndexOf(".");
      return at <= 0 ? "" : base.slice(at);
    },
    relative(from, to) {
      const a = normalizeParts(path.resolve(from), true);
      const b = normalizeParts(path.resolve(to), true);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return [...Array(a.length - i).fill(".."), ...b.slice(i)].join("/");
    },
    parse(p) {
      const base = path.basename(p);
      const ext = path.extname(p);
      return { root: String(p).startsWith("/") ? "/" : "", dir: path.dirname(p), base, ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format: (o) => (o.dir ? o.dir + "/" : o.root ?? "") + (o.base ?? (o.name ?? "") + (o.ext ?? "")),
  };
  path.posix = path;

  // --- events ------------------------------------------------------------------------------------
  class EventEmitter {
    #listeners = new Map();
    on(name, fn) { this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), fn]); return this; }
    addListener(name, fn) { return this.on(name, fn); }
    prependListener(name, fn) { this.#listeners.set(name, [fn, ...(this.#listeners.get(name) ?? [])]); return this; }
    once(name, fn) {
      const wrapper = (...args) => { this.off(name, wrapper); fn.apply(this, args); };
      wrapper.listener = fn;
      return this.on(name, wrapper);
    }
    off(name, fn) {
      const list = (this.#listeners.get(name) ?? []).filter((l) => l !== fn && l.listener !== fn);
      this.#listeners.set(name, list);
      return this;
    }
    removeListener(name, fn) { return this.off(name, fn); }
    removeAllListeners(name) { if (name === undefined) this.#listeners.clear(); else this.#listeners.delete(name); return this; }
    emit(name, ...args) {
      const list = this.#listeners.get(name) ?? [];
      if (name === "error" && list.length === 0) throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error. (${util.inspect(args[0])})`);
      for (const fn of [...list]) fn.apply(this, args);
      return list.length > 0;
    }
    listeners(name) { return [...(this.#listeners.get(name) ?? [])].map((l) => l.listener ?? l); }
    listenerCount(name) { return (this.#listeners.get(name) ?? []).length; }
    eventNames() { return [...this.#listeners.keys()].filter((k) => this.#listeners.get(k).length); }
    setMaxListeners() { return this; }
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.once = (emitter, name) => new Promise((resolve) => emitter.once(name, (...args) => resolve(args)));

  // --- util, os, timers -----------------------------------------------------------------------------
  const utilModule = {
    format: (...args) => util.format(args),
    inspect: (value, options) => util.inspect(value, typeof options === "object" ? options.depth ?? 2 : 2),
    promisify: (fn) => (...args) => new Promise((resolve, reject) => {
      fn(...args, (error, value) => (error ? reject(error) : resolve(value)));
    }),
    callbackify: (fn) => (...args) => {
      const callback = args.pop();
      fn(...args).then((value) => callback(null, value), (error) => callback(error));
    },
    inherits(constructor, superConstructor) {
      Object.setPrototypeOf(constructor.prototype, superConstructor.prototype);
      Object.setPrototypeOf(constructor, superConstructor);
    },
    deprecate: (fn) => fn,
    isDeepStrictEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    types: {
      isPromise: (v) => v instanceof Promise,
      isDate: (v) => v instanceof Date,
      isRegExp: (v) => v instanceof RegExp,
      isUint8Array: (v) => v instanceof Uint8Array,
    },
    TextEncoder,
    TextDecoder,
  };
  const os = {
    EOL: "\n",
    platform: () => "linux",
    type: () => "Linux",
    arch: () => globalThis.process.arch,
    tmpdir: () => "/tmp",
    homedir: () => "/home/sbx_user1051",
    hostname: () => "169.254.10.1",
    endianness: () => "LE",
    release: () => "5.10.0",
    totalmem: () => Number(globalThis.process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? 128) * 1024 * 1024,
    cpus: () => [],
    availableParallelism: () => 1,
    uptime: () => 0,
  };
  const timers = {
    setTimeout: (...a) => globalThis.setTimeout(...a), clearTimeout: (...a) => globalThis.clearTimeout(...a),
    setInterval: (...a) => globalThis.setInterval(...a), clearInterval: (...a) => globalThis.clearInterval(...a),
    setImmediate: (...a) => globalThis.setImmediate(...a), clearImmediate: (...a) => globalThis.clearImmediate(...a),
  };
  timers.promises = {
    setTimeout: (ms, value) => new Promise((resolve) => globalThis.setTimeout(() => resolve(value), ms)),
    setImmediate: (value) => new Promise((resolve) => globalThis.setImmediate(() => resolve(value))),
  };
  const webCrypto = { getRandomValues, randomUUID: crypto.randomUUID };

  // Web globals Node 22 has.
  Object.assign(globalThis, { Buffer, TextEncoder, TextDecoder, URL, URLSearchParams, atob, btoa });
  globalThis.crypto = webCrypto;
  globalThis.performance = { now: () => Date.now() - globalThis.__lambdaLabStart, timeOrigin: Date.now() };
  Object.defineProperty(globalThis, "__lambdaLabStart", { value: Date.now(), enumerable: false });

  const modules = {
    buffer: { Buffer, constants: { MAX_LENGTH: 2 ** 32 - 1 }, atob, btoa },
    crypto,
    events: EventEmitter,
    fs,
    "fs/promises": fsPromises,
    os,
    path,
    "path/posix": path,
    timers,
    "timers/promises": timers.promises,
    url: { URL, URLSearchParams, fileURLToPath: (u) => new URL(String(u)).pathname, pathToFileURL: (p) => new URL("file://" + path.resolve(p)) },
    util: utilModule,
    zlib,
  };
  return modules;
})
