//! A folder seen as an S3 bucket: its objects and what changed between two looks at it, the
//! object keys as S3 notifications write them, prefix/suffix filters, and the `Records` event
//! S3 sends a Lambda function for a created or removed object.
//!
//! Only [`scan`] touches the file system; everything else is pure. The event's shape is that of
//! the shipped samples `sample-events/s3/put.json` and `delete.json`, which follow
//! [`EVENT_STRUCTURE`].

mod scan;

use std::path::Path;

use base64::Engine as _;
use md5::{Digest as _, Md5};
use serde_json::{Value, json};
use sha2::Sha512;
use time::OffsetDateTime;

pub use scan::{Change, ObjectInfo, Snapshot, changes, scan};

/// S3 User Guide, "Event message structure": the record's fields, "The object key name value is
/// URL encoded. For example, "red flower.jpg" becomes "red+flower.jpg"", and the sequencer.
pub const EVENT_STRUCTURE: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html";
/// S3 User Guide, "Configuring event notifications using object key name filtering".
pub const KEY_FILTERING: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html";
/// S3 User Guide, "General purpose bucket naming rules".
pub const BUCKET_NAMING: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";

/// The pretend region, the app's one.
pub use super::lambda::REGION;
/// The notification configuration's ID, which S3 copies into `s3.configurationId`.
pub const CONFIGURATION_ID: &str = "lambda-lab-folder";
/// The caller's address: the folder is on this machine.
pub const SOURCE_IP: &str = "127.0.0.1";
/// The IAM user who "uploaded" (same form as the sample's `AWS:AIDA…` ID; made up).
const UPLOADER_PRINCIPAL_ID: &str = "AWS:AIDAXLAMBDALABEXAMPLE";
/// The bucket owner's canonical-user ID (made up, same form as the sample's).
const OWNER_PRINCIPAL_ID: &str = "A3LAMBDALABOWNER";
/// What a folder whose name makes no bucket name becomes.
const FALLBACK_BUCKET: &str = "lambda-lab-bucket";

/// The object key as it appears in an S3 event notification: URL-encoded as an HTML form
/// encodes it (EVENT_STRUCTURE: "red flower.jpg" becomes "red+flower.jpg", and S3 names
/// `application/x-www-form-urlencoded`), so spaces become `+`, a `+` becomes `%2B`, and other
/// bytes of UTF-8 become `%XX`, except that `/` is kept.
// Unconfirmed: AWS gives only the space example. We keep `/` as the shipped sample does
// (`holiday+photos/my%2Bphoto+1.jpg`), and leave unescaped exactly what the form encoding
// leaves (letters, digits, `*`, `-`, `.`, `_`); whether S3 also leaves `!`, `'`, `(`, `)` or `~`
// unescaped is not documented.
pub fn encode_key(key: &str) -> String {
    let segments = key
        .split('/')
        .map(|segment| form_urlencoded::byte_serialize(segment.as_bytes()).collect::<String>());
    segments.collect::<Vec<_>>().join("/")
}

/// A notification's key name filter.
///
/// Values are written as AWS asks for them (KEY_FILTERING): "If your prefix or suffix contains
/// a space, you must replace it with the "+" character. If you use any other special
/// characters … you must enter them in URL-encoded (percent-encoded) format". So S3 compares
/// them with the encoded key, and so does [`Filter::matches`]; [`Filter::from_plain`] encodes
/// plain text for you. A wildcard `*` is no wildcard: AWS says it "can't be used".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

impl Filter {
    /// A filter from plain prefix and suffix text (`holiday photos/`), encoded as AWS needs.
    pub fn from_plain(prefix: Option<&str>, suffix: Option<&str>) -> Filter {
        Filter {
            prefix: prefix.map(encode_key),
            suffix: suffix.map(encode_key),
        }
    }

    /// Whether an object with this (plain) key passes the filter.
    // Unconfirmed: AWS says how to write the values, not what it compares them with; asking
    // for encoded values implies the encoded key, so we compare with that. Nor does AWS say
    // whether case is ignored; S3 keys are case-sensitive, so we compare exactly (`.JPG` does
    // not match `.jpg`).
    pub fn matches(&self, key: &str) -> bool {
        let encoded = encode_key(key);
        let prefix_ok = self
            .prefix
            .as_deref()
            .is_none_or(|prefix| encoded.starts_with(prefix));
        let suffix_ok = self
            .suffix
            .as_deref()
            .is_none_or(|suffix| encoded.ends_with(suffix));
        prefix_ok && suffix_ok
    }
}

/// A valid bucket name made from the folder's name ("My Photos" → "my-photos"), by
/// BUCKET_NAMING: 3-63 characters of lowercase letters, digits, dots and hyphens, starting and
/// ending with a letter or digit, no two adjacent dots, not an IP address, and none of the
/// reserved prefixes and suffixes. Anything else becomes a hyphen; a name still invalid gets
/// `lambda-lab-` before it (too short, an IP address, a reserved prefix) or `-bucket` after it
/// (a reserved suffix), and failing both is `lambda-lab-bucket`. Pure: pass a canonical path,
/// since `.` has no folder name.
pub fn bucket_name(dir: &Path) -> String {
    let Some(folder) = dir.file_name() else {
        return FALLBACK_BUCKET.to_owned();
    };
    let plain = sanitize(&folder.to_string_lossy());
    if plain.is_empty() {
        return FALLBACK_BUCKET.to_owned();
    }
    let candidates = [
        plain.clone(),
        sanitize(&format!("lambda-lab-{plain}")),
        sanitize(&format!("{plain}-bucket")),
    ];
    candidates
        .into_iter()
        .find(|name| is_valid_bucket_name(name))
        .unwrap_or_else(|| FALLBACK_BUCKET.to_owned())
}

/// Lowercase ASCII letters and digits kept, a lone `.` kept, any other run of characters made
/// one `-`; cut to 63 characters and trimmed of separators at both ends.
fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut separators = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if !separators.is_empty() {
                out.push(if separators == "." { '.' } else { '-' });
                separators.clear();
            }
            out.push(c.to_ascii_lowercase());
        } else {
            separators.push(c);
        }
    }
    out.truncate(63);
    out.trim_matches(['-', '.']).to_owned()
}

/// S3's naming rules for general purpose buckets (BUCKET_NAMING).
pub fn is_valid_bucket_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.' || *b == b'-';
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let ip_address = name.split('.').count() == 4
        && name
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    let reserved_prefix = ["xn--", "sthree-", "amzn-s3-demo-"]
        .iter()
        .any(|p| name.starts_with(p));
    let reserved_suffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"]
        .iter()
        .any(|s| name.ends_with(s));
    (3..=63).contains(&bytes.len())
        && bytes.iter().all(allowed)
        && edge(bytes.first())
        && edge(bytes.last())
        && !name.contains("..")
        && !ip_address
        && !reserved_prefix
        && !reserved_suffix
}

/// The `Records` event S3 sends for one change, in the shape of the shipped samples: for a
/// creation `ObjectCreated:Put` with size, hex-MD5 eTag and sequencer (an overwrite is a Put
/// again, as in S3); for a removal `ObjectRemoved:Delete` with only key and sequencer.
///
/// `event_time_ms` is Unix time in milliseconds (times past 9999 are clamped to its end);
/// `sequencer` orders events on one key and is written as upper-case hex, 18 digits like the
/// samples'. The request IDs are derived from the inputs, so the same change gives the same
/// event.
pub fn notification(bucket: &str, change: &Change, event_time_ms: u64, sequencer: u64) -> Value {
    let key = encode_key(change.key());
    let sequencer = format!("{sequencer:018X}");
    let object = match change {
        Change::Created { size, etag, .. } => {
            json!({ "key": key, "size": size, "eTag": etag, "sequencer": sequencer })
        }
        Change::Removed { .. } => json!({ "key": key, "sequencer": sequencer }),
    };
    let seed = format!(
        "{bucket}\n{key}\n{sequencer}\n{event_time_ms}\n{}",
        change.event_name()
    );
    json!({
        "Records": [{
            // As the shipped samples; AWS's page now shows one unified version for all event
            // types from 2.4 on (2.1 was the version of ordinary object events before).
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": REGION,
            "eventTime": iso_millis(event_time_ms),
            "eventName": change.event_name(),
            "userIdentity": { "principalId": UPLOADER_PRINCIPAL_ID },
            "requestParameters": { "sourceIPAddress": SOURCE_IP },
            "responseElements": {
                "x-amz-request-id": request_id(&seed),
                "x-amz-id-2": host_id(&seed),
            },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": CONFIGURATION_ID,
                "bucket": {
                    "name": bucket,
                    "ownerIdentity": { "principalId": OWNER_PRINCIPAL_ID },
                    "arn": format!("arn:aws:s3:::{bucket}"),
                },
                "object": object,
            },
        }]
    })
}

/// 16 upper-case hex digits, like `BC3A71AD1A610897`.
fn request_id(seed: &str) -> String {
    let digest = Md5::digest(seed.as_bytes());
    hex::encode_upper(&digest[..8])
}

/// 76 base64 characters, like the samples' `x-amz-id-2`.
fn host_id(seed: &str) -> String {
    let digest = Sha512::digest(seed.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(&digest[..57])
}

/// The last millisecond of year 9999, the latest time the event's format can hold.
const MAX_EVENT_TIME_MS: u64 = 253_402_300_799_999;

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, as EVENT_STRUCTURE's "1970-01-01T00:00:00.000Z".
fn iso_millis(time_ms: u64) -> String {
    let time_ms = time_ms.min(MAX_EVENT_TIME_MS);
    let nanos = i128::from(time_ms) * 1_000_000;
    // Clamped above, so the conversion cannot fail; the epoch stands in if it ever did.
    let time =
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second(),
        time_ms % 1_000
    )
}

#[cfg(test)]
mod tests;
