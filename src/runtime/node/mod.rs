//! Native halves of the Node built-ins handler code uses (Buffer encodings, zlib, crypto,
//! URL, fs confined to the environment's private /tmp). The JavaScript halves live in
//! `node.js`; this file only moves bytes between QuickJS and well-kept Rust crates.
//!
//! Why not `llrt_modules` (AWS's Node-compatible modules for rquickjs): its current release
//! (0.8.1-beta) is built on rquickjs 0.11 while we use 0.14, so its types cannot be handed
//! our context; its `fs` reads the whole host file system, which the sandbox forbids; and
//! its default features pull in TLS, HTTP and a tokio runtime we must not offer (no network).

use std::io::{Read, Write};

use base64::Engine as _;
use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object, TypedArray};

mod fs;

pub use fs::Sandbox;
use fs::*;

/// Copies a typed array's bytes out of the engine.
#[allow(unsafe_code)]
pub(crate) fn bytes_of(array: &TypedArray<'_, u8>) -> Vec<u8> {
    // SAFETY: the slice is copied at once; no JavaScript runs while it is borrowed, so the
    // engine cannot detach or resize the buffer underneath it.
    unsafe { array.as_bytes() }
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

fn new_bytes<'js>(ctx: &Ctx<'js>, bytes: Vec<u8>) -> rquickjs::Result<TypedArray<'js, u8>> {
    TypedArray::new(ctx.clone(), bytes)
}

/// Throws `Error(message)` with Node's `code` property; `type_name` picks the constructor.
fn throw(ctx: &Ctx<'_>, type_name: &str, code: &str, message: &str) -> rquickjs::Error {
    let made: rquickjs::Result<rquickjs::Value> = (|| {
        let constructor: Function = ctx.globals().get(type_name)?;
        let error: Object = constructor.call((message,))?;
        if !code.is_empty() {
            error.set("code", code)?;
        }
        Ok(error.into_value())
    })();
    match made {
        Ok(error) => ctx.throw(error),
        Err(error) => error,
    }
}

/// Node's base64 decoder is forgiving: it accepts both alphabets, missing padding and
/// stray characters, and stops at the first `=`.
pub fn base64_decode_lenient(text: &str) -> Vec<u8> {
    let cleaned: String = text
        .chars()
        .take_while(|c| *c != '=')
        .filter_map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' => Some(c),
            '-' => Some('+'),
            '_' => Some('/'),
            _ => None,
        })
        .collect();
    // A single leftover character carries no whole byte; Node drops it too.
    let usable = if cleaned.len() % 4 == 1 {
        &cleaned[..cleaned.len() - 1]
    } else {
        &cleaned[..]
    };
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone),
    );
    engine.decode(usable).unwrap_or_default()
}

/// Node's hex decoder stops at the first pair that is not hex.
fn hex_decode_prefix(text: &str) -> Vec<u8> {
    text.as_bytes()
        .chunks_exact(2)
        .map_while(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect()
}

fn zlib_error(ctx: &Ctx<'_>, error: &std::io::Error) -> rquickjs::Error {
    // zlib's own words where they are known, as Node reports them.
    let (code, message) = match error.kind() {
        std::io::ErrorKind::UnexpectedEof => ("Z_BUF_ERROR", "unexpected end of file".to_owned()),
        _ if error.to_string() == HEADER_CHECK => ("Z_DATA_ERROR", HEADER_CHECK.to_owned()),
        _ => ("Z_DATA_ERROR", error.to_string()),
    };
    throw(ctx, "Error", code, &message)
}

const HEADER_CHECK: &str = "incorrect header check";

/// zlib checks the header before anything else; flate2 would first report a short read.
fn check_header(format: &str, input: &[u8]) -> std::io::Result<()> {
    let bad = match format {
        "gzip" => input.len() >= 2 && !input.starts_with(&[0x1f, 0x8b]),
        "deflate" => {
            input.len() >= 2
                && (input[0] & 0x0f != 8
                    || (u16::from(input[0]) * 256 + u16::from(input[1])) % 31 != 0)
        }
        _ => false,
    };
    if bad {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            HEADER_CHECK,
        ))
    } else {
        Ok(())
    }
}

fn compress(format: &str, input: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let level = flate2::Compression::new(level.min(9));
    match format {
        "gzip" => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
            encoder.write_all(input)?;
            encoder.finish()
        }
        "deflate" => {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), level);
            encoder.write_all(input)?;
            encoder.finish()
        }
        _ => {
            let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), level);
            encoder.write_all(input)?;
            encoder.finish()
        }
    }
}

fn decompress(format: &str, input: &[u8]) -> std::io::Result<Vec<u8>> {
    check_header(format, input)?;
    let mut out = Vec::new();
    match format {
        "gzip" => flate2::read::MultiGzDecoder::new(input).read_to_end(&mut out)?,
        "deflate" => flate2::read::ZlibDecoder::new(input).read_to_end(&mut out)?,
        "unzip" if input.starts_with(&[0x1f, 0x8b]) => {
            flate2::read::MultiGzDecoder::new(input).read_to_end(&mut out)?
        }
        "unzip" => flate2::read::ZlibDecoder::new(input).read_to_end(&mut out)?,
        _ => flate2::read::DeflateDecoder::new(input).read_to_end(&mut out)?,
    };
    Ok(out)
}

fn digest(algorithm: &str, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    Some(match algorithm {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

fn hmac_digest(algorithm: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    use hmac::{Mac, SimpleHmac};
    fn run<D>(key: &[u8], data: &[u8]) -> Option<Vec<u8>>
    where
        D: sha2::Digest + sha2::digest::core_api::BlockSizeUser,
    {
        let mut mac = SimpleHmac::<D>::new_from_slice(key).ok()?;
        mac.update(data);
        Some(mac.finalize().into_bytes().to_vec())
    }
    match algorithm {
        "md5" => run::<md5::Md5>(key, data),
        "sha1" => run::<sha1::Sha1>(key, data),
        "sha256" => run::<sha2::Sha256>(key, data),
        "sha384" => run::<sha2::Sha384>(key, data),
        "sha512" => run::<sha2::Sha512>(key, data),
        _ => None,
    }
}

/// The parts of a WHATWG URL the JavaScript `URL` class exposes.
fn url_parts<'js>(ctx: &Ctx<'js>, url: &url::Url) -> rquickjs::Result<Object<'js>> {
    let parts = Object::new(ctx.clone())?;
    parts.set("href", url.as_str())?;
    parts.set("protocol", format!("{}:", url.scheme()))?;
    parts.set("username", url.username())?;
    parts.set("password", url.password().unwrap_or(""))?;
    let hostname = url.host_str().unwrap_or("");
    let port = url.port().map(|p| p.to_string()).unwrap_or_default();
    parts.set("hostname", hostname)?;
    parts.set("port", port.as_str())?;
    parts.set(
        "host",
        if port.is_empty() {
            hostname.to_owned()
        } else {
            format!("{hostname}:{port}")
        },
    )?;
    parts.set("pathname", url.path())?;
    parts.set(
        "search",
        url.query()
            .filter(|q| !q.is_empty())
            .map(|q| format!("?{q}"))
            .unwrap_or_default(),
    )?;
    parts.set(
        "hash",
        url.fragment()
            .filter(|f| !f.is_empty())
            .map(|f| format!("#{f}"))
            .unwrap_or_default(),
    )?;
    parts.set("origin", url.origin().ascii_serialization())?;
    Ok(parts)
}

fn invalid_url(ctx: &Ctx<'_>) -> rquickjs::Error {
    throw(ctx, "TypeError", "ERR_INVALID_URL", "Invalid URL")
}

/// Installs the native helpers on `native` (the prelude's private `ll` object).
pub fn install<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    sandbox: Sandbox,
) -> rquickjs::Result<()> {
    native.set(
        "base64Encode",
        Function::new(
            ctx.clone(),
            |bytes: TypedArray<'js, u8>, url_safe: Opt<bool>| {
                let bytes = bytes_of(&bytes);
                if url_safe.0.unwrap_or(false) {
                    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
                } else {
                    base64::engine::general_purpose::STANDARD.encode(bytes)
                }
            },
        )?,
    )?;
    native.set(
        "base64Decode",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, text: String| {
            new_bytes(&ctx, base64_decode_lenient(&text))
        })?,
    )?;
    native.set(
        "hexEncode",
        Function::new(ctx.clone(), |bytes: TypedArray<'js, u8>| {
            hex::encode(bytes_of(&bytes))
        })?,
    )?;
    native.set(
        "hexDecode",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, text: String| {
            new_bytes(&ctx, hex_decode_prefix(&text))
        })?,
    )?;
    native.set(
        "utf8Encode",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, text: String| {
            new_bytes(&ctx, text.into_bytes())
        })?,
    )?;
    native.set(
        "utf8Decode",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, bytes: TypedArray<'js, u8>, fatal: Opt<bool>| {
                let bytes = bytes_of(&bytes);
                match String::from_utf8(bytes) {
                    Ok(text) => Ok(text),
                    Err(_) if fatal.0.unwrap_or(false) => Err(throw(
                        &ctx,
                        "TypeError",
                        "ERR_ENCODING_INVALID_ENCODED_DATA",
                        "The encoded data was not valid for encoding utf-8",
                    )),
                    Err(error) => Ok(String::from_utf8_lossy(error.as_bytes()).into_owned()),
                }
            },
        )?,
    )?;
    native.set(
        "latin1Decode",
        Function::new(ctx.clone(), |bytes: TypedArray<'js, u8>| {
            bytes_of(&bytes)
                .into_iter()
                .map(char::from)
                .collect::<String>()
        })?,
    )?;
    native.set(
        "zlib",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             operation: String,
             format: String,
             bytes: TypedArray<'js, u8>,
             level: Opt<u32>| {
                let input = bytes_of(&bytes);
                let result = if operation == "compress" {
                    compress(&format, &input, level.0.unwrap_or(6))
                } else {
                    decompress(&format, &input)
                };
                match result {
                    Ok(out) => new_bytes(&ctx, out),
                    Err(error) => Err(zlib_error(&ctx, &error)),
                }
            },
        )?,
    )?;
    native.set(
        "hash",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             algorithm: String,
             data: TypedArray<'js, u8>,
             key: Opt<TypedArray<'js, u8>>| {
                let algorithm = algorithm.to_ascii_lowercase().replace('-', "");
                let data = bytes_of(&data);
                let result = match key.0 {
                    Some(key) => hmac_digest(&algorithm, &bytes_of(&key), &data),
                    None => digest(&algorithm, &data),
                };
                match result {
                    Some(out) => new_bytes(&ctx, out),
                    None => Err(throw(
                        &ctx,
                        "Error",
                        "ERR_OSSL_EVP_UNSUPPORTED",
                        "Digest method not supported",
                    )),
                }
            },
        )?,
    )?;
    native.set(
        "randomBytes",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, size: u32| {
            let mut bytes = vec![0u8; size as usize];
            getrandom::fill(&mut bytes)
                .map_err(|e| throw(&ctx, "Error", "ERR_CRYPTO", &e.to_string()))?;
            new_bytes(&ctx, bytes)
        })?,
    )?;
    native.set(
        "randomUUID",
        Function::new(ctx.clone(), || uuid::Uuid::new_v4().to_string())?,
    )?;
    native.set(
        "urlParse",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, input: String, base: Opt<String>| {
                let parsed = match base.0 {
                    Some(base) => url::Url::parse(&base).and_then(|base| base.join(&input)),
                    None => url::Url::parse(&input),
                };
                match parsed {
                    Ok(url) => url_parts(&ctx, &url),
                    Err(_) => Err(invalid_url(&ctx)),
                }
            },
        )?,
    )?;
    native.set(
        "urlSet",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, href: String, part: String, value: String| {
                let Ok(mut url) = url::Url::parse(&href) else {
                    return Err(invalid_url(&ctx));
                };
                // Like browsers and Node, a value the setter cannot take leaves the URL as it was.
                let strip = |v: &str, prefix: char| v.strip_prefix(prefix).unwrap_or(v).to_owned();
                let _ = match part.as_str() {
                    "protocol" => url.set_scheme(value.trim_end_matches(':')),
                    "username" => url.set_username(&value),
                    "password" => {
                        url.set_password(Some(&value).filter(|v| !v.is_empty()).map(|v| v.as_str()))
                    }
                    "host" | "hostname" => url.set_host(Some(&value)).map_err(|_| ()),
                    "port" => url.set_port(value.parse().ok()),
                    "pathname" => {
                        url.set_path(&value);
                        Ok(())
                    }
                    "search" => {
                        let query = strip(&value, '?');
                        url.set_query(Some(&query).filter(|q| !q.is_empty()).map(|q| q.as_str()));
                        Ok(())
                    }
                    "hash" => {
                        let fragment = strip(&value, '#');
                        url.set_fragment(
                            Some(&fragment)
                                .filter(|f| !f.is_empty())
                                .map(|f| f.as_str()),
                        );
                        Ok(())
                    }
                    _ => Err(()),
                };
                url_parts(&ctx, &url)
            },
        )?,
    )?;
    native.set(
        "formParse",
        Function::new(ctx.clone(), |text: String| {
            form_urlencoded::parse(text.strip_prefix('?').unwrap_or(&text).as_bytes())
                .map(|(k, v)| vec![k.into_owned(), v.into_owned()])
                .collect::<Vec<_>>()
        })?,
    )?;
    native.set(
        "formSerialize",
        Function::new(ctx.clone(), |pairs: Vec<Vec<String>>| {
            let mut serializer = form_urlencoded::Serializer::new(String::new());
            for pair in &pairs {
                if let [key, value] = pair.as_slice() {
                    serializer.append_pair(key, value);
                }
            }
            serializer.finish()
        })?,
    )?;
    install_fs(ctx, native, sandbox)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn base64_decoding_is_as_forgiving_as_nodes() {
        assert_eq!(base64_decode_lenient("aGVsbG8="), b"hello");
        assert_eq!(base64_decode_lenient("aGVsbG8"), b"hello");
        assert_eq!(base64_decode_lenient("aGVs\nbG8="), b"hello");
        assert_eq!(base64_decode_lenient("-_8"), [0xfb, 0xff]);
        assert_eq!(base64_decode_lenient("aGk=trailing"), b"hi");
    }

    #[test]
    fn hex_decoding_stops_at_the_first_bad_pair() {
        assert_eq!(hex_decode_prefix("48656c6c6fzz41"), b"Hello");
        assert_eq!(hex_decode_prefix("abc"), [0xab]);
    }

    #[test]
    fn paths_are_normalised_lexically_from_var_task() {
        assert_eq!(
            normalise("/tmp/../etc/passwd"),
            PathBuf::from("/etc/passwd")
        );
        assert_eq!(
            normalise("data/x.json"),
            PathBuf::from("/var/task/data/x.json")
        );
        assert_eq!(normalise("/tmp/a/./b/../c"), PathBuf::from("/tmp/a/c"));
    }

    #[test]
    fn tmp_is_limited_to_the_ephemeral_storage_size() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let sandbox = Sandbox {
            tmp_dir: dir.path().to_path_buf(),
            tmp_limit_bytes: 10,
            task_root: dir.path().join("task"),
            layers: Vec::new(),
        };
        assert!(sandbox.write("/tmp/a", b"123456", false).is_ok());
        // Rewriting a file counts its new size, not both.
        assert!(sandbox.write("/tmp/a", b"12345678", false).is_ok());
        let full = sandbox.write("/tmp/b", b"123", false);
        assert_eq!(
            full.map_err(|e| e.message),
            Err("ENOSPC: no space left on device, write '/tmp/b'".to_owned())
        );
    }

    #[test]
    fn digests_match_known_answers() {
        assert_eq!(
            hex::encode(digest("sha256", b"abc").unwrap_or_default()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex::encode(digest("md5", b"").unwrap_or_default()),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            hex::encode(
                hmac_digest(
                    "sha256",
                    b"key",
                    b"The quick brown fox jumps over the lazy dog"
                )
                .unwrap_or_default()
            ),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }
}
