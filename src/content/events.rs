//! Sample events as data: `sample-events/index.toml` (which events exist, what each one teaches,
//! the handler it feeds, its editable parameters) and the encodings that write a parameter into
//! an event the way AWS would have sent it.
//!
//! A parameter is what `sam local generate-event` offers as `--bucket`, `--key` or `--body`: a
//! JSON pointer into the event plus an [`Encoding`]. The learner types plain text ("holiday
//! photos/my+photo 1.jpg") and [`apply_parameter`] stores what AWS would send
//! ("holiday+photos/my%2Bphoto+1.jpg"); [`read_parameter`] goes the other way to fill the field.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::manifest::{self, Manifest, ManifestError};

/// How a parameter's text is stored in the event.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// The text as a JSON string, unchanged.
    #[default]
    None,
    /// URL-encoded the way S3 encodes object keys in its events: like an HTML form
    /// (space as `+`, everything else outside `A-Z a-z 0-9 - _ . *` as `%XX`) except that `/`
    /// stays as it is.
    Url,
    /// The UTF-8 bytes of the text in standard base64 with padding (Kinesis data, HTTP bodies
    /// with `isBase64Encoded`, Kafka values).
    Base64,
    /// The text must be JSON, and is stored as a string holding that JSON, byte for byte
    /// (SQS bodies, SNS messages, API Gateway bodies).
    JsonString,
    /// The text must be a JSON number, and is stored as a number.
    Number,
}

impl Encoding {
    /// A short name for the editor, matching the manifest's spelling.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Url => "url",
            Self::Base64 => "base64",
            Self::JsonString => "json-string",
            Self::Number => "number",
        }
    }

    /// Turns what a person typed into the JSON value the event should hold.
    pub fn encode(self, text: &str) -> Result<Value, EncodingError> {
        match self {
            Self::None => Ok(Value::String(text.to_owned())),
            Self::Url => Ok(Value::String(s3_key_encode(text))),
            Self::Base64 => Ok(Value::String(base64_encode(text.as_bytes()))),
            Self::JsonString => match serde_json::from_str::<Value>(text) {
                // Keep the person's own formatting: AWS passes bodies through untouched.
                Ok(_) => Ok(Value::String(text.to_owned())),
                Err(error) => Err(EncodingError::NotJson {
                    message: error.to_string(),
                }),
            },
            Self::Number => match serde_json::from_str::<Value>(text.trim()) {
                Ok(number @ Value::Number(_)) => Ok(number),
                _ => Err(EncodingError::NotNumber {
                    text: text.to_owned(),
                }),
            },
        }
    }

    /// Turns the value an event holds back into the text a person would type.
    pub fn decode(self, value: &Value) -> Result<String, EncodingError> {
        match (self, value) {
            (Self::Number, Value::Number(number)) => Ok(number.to_string()),
            (Self::Number, _) => Err(EncodingError::WrongType {
                expected: "a number",
            }),
            (_, Value::String(text)) => match self {
                Self::None | Self::JsonString | Self::Number => Ok(text.clone()),
                Self::Url => s3_key_decode(text),
                Self::Base64 => {
                    let bytes = base64_decode(text)?;
                    String::from_utf8(bytes).map_err(|_| EncodingError::NotUtf8)
                }
            },
            _ => Err(EncodingError::WrongType {
                expected: "a string",
            }),
        }
    }
}

/// One `[[event.parameter]]`: a field of the event that a learner may edit.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Short name shown next to the field, like sam's `--key`.
    pub name: String,
    /// JSON pointer (RFC 6901) to the field, e.g. `/Records/0/s3/object/key`.
    pub pointer: String,
    /// The value as a person types it (already decoded); the event file holds it encoded.
    pub default: String,
    #[serde(default)]
    pub encoding: Encoding,
    /// One line of help shown under the field.
    #[serde(default)]
    pub help: String,
}

/// One `[[event]]` entry of `index.toml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SampleEvent {
    /// Stable identifier, `<folder>/<file stem>`, e.g. `s3/put`.
    pub id: String,
    /// The AWS service that sends it, e.g. "Amazon S3"; events are grouped by it.
    pub service: String,
    pub title: String,
    /// JSON file, relative to the sample events folder.
    pub file: String,
    /// One line: what is notable about this event.
    pub teaches: String,
    /// Name of the matching sample handler in `assets/handlers/index.toml`, or empty.
    #[serde(default)]
    pub handler: String,
    /// The `aws_lambda_events` type it deserialises into (checked by tests/sample_events.rs).
    pub rust_type: String,
    #[serde(default, rename = "parameter")]
    pub parameters: Vec<Parameter>,
    /// Notes on notable fields, shown beside them in the event's tree view.
    #[serde(default, rename = "note")]
    pub notes: Vec<FieldNote>,
    /// The folder its file is in when it comes from a lesson pack's `events/` (None: the
    /// shipped sample events' folder).
    #[serde(skip)]
    pub root: Option<PathBuf>,
}

/// One `[[event.note]]`: what a learner should know about one field.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FieldNote {
    /// JSON pointer to the field (tests/sample_events.rs checks it resolves).
    pub pointer: String,
    pub text: String,
}

impl SampleEvent {
    /// The matching sample handler, if there is one.
    pub fn handler(&self) -> Option<&str> {
        (!self.handler.is_empty()).then_some(self.handler.as_str())
    }
}

/// The parsed `index.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub format_version: u32,
    #[serde(default, rename = "event")]
    pub events: Vec<SampleEvent>,
}

impl Manifest for Index {
    fn format_version(&self) -> u32 {
        self.format_version
    }
}

/// The loaded manifest and the folder its files live in.
#[derive(Clone, Debug)]
pub struct SampleEvents {
    pub dir: PathBuf,
    /// In manifest order, which is the order the picker shows.
    pub events: Vec<SampleEvent>,
}

impl SampleEvents {
    pub fn get(&self, id: &str) -> Option<&SampleEvent> {
        self.events.iter().find(|event| event.id == id)
    }

    /// Where the event's JSON file is.
    pub fn path_of(&self, event: &SampleEvent) -> PathBuf {
        event.root.as_ref().unwrap_or(&self.dir).join(&event.file)
    }

    /// Adds a lesson pack's own events (`PACK/events/index.toml`, the same format); one with
    /// a shipped event's id replaces it. A pack without the folder adds nothing.
    pub fn add_pack(&mut self, pack_dir: &Path) -> Result<(), EventsError> {
        let dir = pack_dir.join("events");
        if !dir.join("index.toml").is_file() {
            return Ok(());
        }
        let pack = load(&dir)?;
        for mut event in pack.events {
            event.root = Some(dir.clone());
            self.events.retain(|shipped| shipped.id != event.id);
            self.events.push(event);
        }
        Ok(())
    }

    /// Reads and parses the event's JSON file.
    pub fn read(&self, event: &SampleEvent) -> Result<Value, EventsError> {
        let path = self.path_of(event);
        let text =
            std::fs::read_to_string(&path).map_err(|source| EventsError::EventUnreadable {
                path: path.clone(),
                source,
            })?;
        serde_json::from_str(&text).map_err(|error| EventsError::EventInvalid {
            path,
            message: error.to_string(),
        })
    }

    /// The services, each once, in the order they first appear in the manifest.
    pub fn services(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.events
            .iter()
            .map(|event| event.service.as_str())
            .filter(|service| seen.insert(*service))
            .collect()
    }

    /// The events that feed the given sample handler.
    pub fn for_handler<'a>(&'a self, handler: &'a str) -> impl Iterator<Item = &'a SampleEvent> {
        self.events
            .iter()
            .filter(move |event| event.handler() == Some(handler))
    }
}

/// Why the sample events could not be loaded or read.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error("{path}: event \"{id}\": {problem}")]
    BadEntry {
        path: PathBuf,
        id: String,
        problem: String,
    },
    #[error("{path}: cannot read the sample event ({source})")]
    EventUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the sample event is not valid JSON: {message}")]
    EventInvalid { path: PathBuf, message: String },
}

/// Why a value could not be encoded into, or decoded from, an event.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum EncodingError {
    #[error("it must be JSON, because it is sent as a string holding JSON ({message})")]
    NotJson { message: String },
    #[error("it must be a number, like 5000, not \"{text}\"")]
    NotNumber { text: String },
    #[error("the event holds something other than {expected} there")]
    WrongType { expected: &'static str },
    #[error("the event holds an invalid %-escape there: {text}")]
    BadPercent { text: String },
    #[error("the event holds invalid base64 there")]
    BadBase64,
    #[error("the decoded bytes are not UTF-8 text")]
    NotUtf8,
}

/// Why a parameter could not be applied to, or read from, an event.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParameterError {
    #[error(
        "{name}: the event has no field at {pointer}; reset the event to its sample to get it back"
    )]
    PointerNotFound { name: String, pointer: String },
    #[error("{name}: {source}")]
    Value {
        name: String,
        #[source]
        source: EncodingError,
    },
}

/// Loads `index.toml` from `dir`, checking what the picker and editor rely on: a known format
/// version, unique ids, file paths inside `dir`, pointers that are JSON pointers. Whether the
/// files exist and match their types is the content test's job, so one broken file never
/// hides the others.
pub fn load(dir: &Path) -> Result<SampleEvents, EventsError> {
    let index: Index = manifest::read(dir, "sample event index")?;
    let path = dir.join(manifest::INDEX_FILE);
    let mut ids = HashSet::new();
    for event in &index.events {
        let bad = |problem: String| EventsError::BadEntry {
            path: path.clone(),
            id: event.id.clone(),
            problem,
        };
        if !ids.insert(event.id.as_str()) {
            return Err(bad("this id is used twice; ids must be unique".to_owned()));
        }
        if !is_inside(&event.file) {
            return Err(bad(format!(
                "file \"{}\" must be a relative path inside the sample events folder",
                event.file
            )));
        }
        for parameter in &event.parameters {
            if !parameter.pointer.starts_with('/') {
                return Err(bad(format!(
                    "parameter {}: pointer \"{}\" must start with \"/\" (a JSON pointer)",
                    parameter.name, parameter.pointer
                )));
            }
        }
    }

    Ok(SampleEvents {
        dir: dir.to_path_buf(),
        events: index.events,
    })
}

/// True for a relative path that cannot climb out of its folder.
fn is_inside(file: &str) -> bool {
    let path = Path::new(file);
    !file.is_empty()
        && path
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
}

/// Writes `text`, encoded as the parameter says, at the parameter's pointer. Only an existing
/// field is replaced: the samples define the shape, and a pointer that no longer resolves means
/// the learner edited the field away.
pub fn apply_parameter(
    event: &mut Value,
    parameter: &Parameter,
    text: &str,
) -> Result<(), ParameterError> {
    let encoded = parameter
        .encoding
        .encode(text)
        .map_err(|source| ParameterError::Value {
            name: parameter.name.clone(),
            source,
        })?;
    let slot =
        event
            .pointer_mut(&parameter.pointer)
            .ok_or_else(|| ParameterError::PointerNotFound {
                name: parameter.name.clone(),
                pointer: parameter.pointer.clone(),
            })?;
    *slot = encoded;
    Ok(())
}

/// Reads the parameter's current value from the event, decoded to the text a person types.
pub fn read_parameter(event: &Value, parameter: &Parameter) -> Result<String, ParameterError> {
    let value =
        event
            .pointer(&parameter.pointer)
            .ok_or_else(|| ParameterError::PointerNotFound {
                name: parameter.name.clone(),
                pointer: parameter.pointer.clone(),
            })?;
    parameter
        .encoding
        .decode(value)
        .map_err(|source| ParameterError::Value {
            name: parameter.name.clone(),
            source,
        })
}

// The encoders below are small enough to own: they keep `content/` free of extra dependencies
// and pin down exactly the variant AWS uses (S3's form encoding that keeps "/", padded base64).

/// S3's event key encoding: form encoding (space as `+`), but `/` is left as it is.
fn s3_key_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' | b'/' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The inverse of [`s3_key_encode`], and what a handler does with
/// `decodeURIComponent(key.replace(/\+/g, " "))`.
fn s3_key_decode(text: &str) -> Result<String, EncodingError> {
    let bad = || EncodingError::BadPercent {
        text: text.to_owned(),
    };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(index + 1..index + 3).ok_or_else(bad)?;
                let hex = std::str::from_utf8(hex).map_err(|_| bad())?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
                index += 2;
            }
            _ => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8(out).map_err(|_| EncodingError::NotUtf8)
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with `=` padding, as AWS puts it in events.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let group = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for position in 0..4 {
            if position <= chunk.len() {
                let sextet = (group >> (18 - 6 * position)) & 0x3f;
                out.push(char::from(BASE64_ALPHABET[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64. Padding is optional and whitespace is ignored, because people paste
/// wrapped or unpadded text into the editor.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, EncodingError> {
    let mut sextets = Vec::with_capacity(text.len());
    let trimmed = text.trim_end_matches(|c: char| c == '=' || c.is_ascii_whitespace());
    for byte in trimmed.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return Err(EncodingError::BadBase64),
        };
        sextets.push(u32::from(value));
    }
    // A lone sextet in the last group cannot hold a whole byte.
    if sextets.len() % 4 == 1 {
        return Err(EncodingError::BadBase64);
    }
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for group in sextets.chunks(4) {
        let bits = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (position, sextet)| {
                acc | sextet << (18 - 6 * position)
            });
        // n sextets carry n - 1 whole bytes (2 -> 1, 3 -> 2, 4 -> 3).
        for position in 0..group.len() - 1 {
            out.push(((bits >> (16 - 8 * position)) & 0xff) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parameter(pointer: &str, encoding: Encoding) -> Parameter {
        Parameter {
            name: "p".to_owned(),
            pointer: pointer.to_owned(),
            default: String::new(),
            encoding,
            help: String::new(),
        }
    }

    #[test]
    fn url_encoding_matches_what_s3_sends() {
        // The documented example and the one every S3 tutorial trips over.
        assert_eq!(
            Encoding::Url.encode("red flower.jpg").unwrap(),
            json!("red+flower.jpg")
        );
        assert_eq!(
            Encoding::Url
                .encode("holiday photos/my+photo 1.jpg")
                .unwrap(),
            json!("holiday+photos/my%2Bphoto+1.jpg")
        );
        assert_eq!(
            Encoding::Url
                .encode("logs/dt=2026-03-14/a:b;c.txt")
                .unwrap(),
            json!("logs/dt%3D2026-03-14/a%3Ab%3Bc.txt")
        );
        // Non-ASCII is percent-encoded as UTF-8.
        assert_eq!(
            Encoding::Url.encode("café.png").unwrap(),
            json!("caf%C3%A9.png")
        );
    }

    #[test]
    fn url_decoding_is_the_inverse_and_rejects_bad_escapes() {
        for key in [
            "holiday photos/my+photo 1.jpg",
            "café (1).png",
            "100% done",
            "",
        ] {
            let encoded = Encoding::Url.encode(key).unwrap();
            assert_eq!(Encoding::Url.decode(&encoded).unwrap(), key);
        }
        assert!(matches!(
            Encoding::Url.decode(&json!("bad%2")),
            Err(EncodingError::BadPercent { .. })
        ));
        assert!(matches!(
            Encoding::Url.decode(&json!("bad%zz")),
            Err(EncodingError::BadPercent { .. })
        ));
        assert_eq!(
            Encoding::Url.decode(&json!("%FF")),
            Err(EncodingError::NotUtf8)
        );
    }

    #[test]
    fn base64_matches_known_vectors() {
        // RFC 4648 section 10 test vectors.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(Encoding::Base64.encode(plain).unwrap(), json!(encoded));
            assert_eq!(Encoding::Base64.decode(&json!(encoded)).unwrap(), plain);
        }
        // Bytes that use "+" and "/".
        assert_eq!(base64_encode(&[0xfb, 0xff, 0xbf]), "+/+/");
        assert_eq!(base64_decode("+/+/").unwrap(), vec![0xfb, 0xff, 0xbf]);
    }

    #[test]
    fn base64_decoding_is_forgiving_about_layout_but_not_content() {
        assert_eq!(base64_decode("Zm9v\nYmFy").unwrap(), b"foobar");
        assert_eq!(base64_decode("Zm9vYg").unwrap(), b"foob");
        assert_eq!(base64_decode("Zm9v*"), Err(EncodingError::BadBase64));
        assert_eq!(base64_decode("Zm9vY"), Err(EncodingError::BadBase64));
        // Valid base64 of bytes that are not text: the editor cannot show them as text.
        assert_eq!(
            Encoding::Base64.decode(&json!("//79")),
            Err(EncodingError::NotUtf8)
        );
    }

    #[test]
    fn json_string_keeps_the_text_but_insists_on_json() {
        let body = "{\n  \"orderId\": 1042\n}";
        assert_eq!(Encoding::JsonString.encode(body).unwrap(), json!(body));
        assert!(matches!(
            Encoding::JsonString.encode("{\"orderId\": "),
            Err(EncodingError::NotJson { .. })
        ));
        assert_eq!(
            Encoding::JsonString.decode(&json!("[1,2]")).unwrap(),
            "[1,2]"
        );
    }

    #[test]
    fn number_becomes_a_json_number() {
        assert_eq!(Encoding::Number.encode("5000").unwrap(), json!(5000));
        assert_eq!(Encoding::Number.encode(" 2.5 ").unwrap(), json!(2.5));
        assert!(matches!(
            Encoding::Number.encode("five"),
            Err(EncodingError::NotNumber { .. })
        ));
        assert!(matches!(
            Encoding::Number.encode("\"5\""),
            Err(EncodingError::NotNumber { .. })
        ));
        assert_eq!(Encoding::Number.decode(&json!(512)).unwrap(), "512");
        assert_eq!(
            Encoding::Number.decode(&json!("512")),
            Err(EncodingError::WrongType {
                expected: "a number"
            })
        );
    }

    #[test]
    fn none_is_plain_text() {
        assert_eq!(Encoding::None.encode("a+b c").unwrap(), json!("a+b c"));
        assert_eq!(Encoding::None.decode(&json!("a+b c")).unwrap(), "a+b c");
        assert!(Encoding::None.decode(&json!(1)).is_err());
    }

    #[test]
    fn apply_and_read_work_at_the_pointer() {
        let mut event = json!({"Records": [{"s3": {"object": {"key": "old", "size": 1}}}]});
        let key = parameter("/Records/0/s3/object/key", Encoding::Url);
        apply_parameter(&mut event, &key, "my photo.jpg").unwrap();
        assert_eq!(event["Records"][0]["s3"]["object"]["key"], "my+photo.jpg");
        assert_eq!(read_parameter(&event, &key).unwrap(), "my photo.jpg");

        let size = parameter("/Records/0/s3/object/size", Encoding::Number);
        apply_parameter(&mut event, &size, "2048").unwrap();
        assert_eq!(event["Records"][0]["s3"]["object"]["size"], 2048);
    }

    #[test]
    fn apply_leaves_the_event_alone_on_error() {
        let original = json!({"body": "{}", "list": [1]});
        let mut event = original.clone();
        let missing = parameter("/Records/0/body", Encoding::None);
        assert_eq!(
            apply_parameter(&mut event, &missing, "x"),
            Err(ParameterError::PointerNotFound {
                name: "p".to_owned(),
                pointer: "/Records/0/body".to_owned()
            })
        );
        let body = parameter("/body", Encoding::JsonString);
        let error = apply_parameter(&mut event, &body, "not json").unwrap_err();
        assert!(
            error.to_string().starts_with("p: it must be JSON"),
            "{error}"
        );
        assert_eq!(event, original);
    }

    #[test]
    fn load_rejects_duplicates_and_escaping_paths() {
        let dir = tempfile::tempdir().unwrap();
        let entry = |id: &str, file: &str| {
            format!(
                "[[event]]\nid = \"{id}\"\nservice = \"S\"\ntitle = \"T\"\nfile = \"{file}\"\nteaches = \"x\"\nrust_type = \"serde_json::Value\"\n"
            )
        };
        let write = |body: String| {
            std::fs::write(
                dir.path().join(manifest::INDEX_FILE),
                format!("format_version = 1\n{body}"),
            )
            .unwrap();
        };

        write(entry("a/b", "a/b.json") + &entry("a/c", "a/c.json"));
        let events = load(dir.path()).unwrap();
        assert_eq!(events.events.len(), 2);
        assert_eq!(events.services(), vec!["S"]);
        assert_eq!(events.get("a/c").unwrap().handler(), None);

        write(entry("a/b", "a/b.json") + &entry("a/b", "a/c.json"));
        let error = load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("used twice"), "{error}");

        write(entry("a/b", "../b.json"));
        let error = load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("inside the sample events folder"), "{error}");

        std::fs::write(
            dir.path().join(manifest::INDEX_FILE),
            "format_version = 2\n",
        )
        .unwrap();
        assert!(matches!(
            load(dir.path()),
            Err(EventsError::Manifest(ManifestError::UnsupportedVersion {
                found: 2,
                ..
            }))
        ));
    }
}
