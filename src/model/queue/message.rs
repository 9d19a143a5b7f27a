//! Messages a producer sends: their fields, the JSON Lines text a learner writes them in
//! ([`parse_messages`]), and the checks SQS makes before it accepts one.
//!
//! Each non-blank line of the text is one message. A line that is a JSON object with a `"body"`
//! key describes the message:
//!
//! ```text
//! {"body": "hello", "messageAttributes": {"source": {"stringValue": "shop", "dataType": "String"}},
//!  "messageGroupId": "customer-1", "messageDeduplicationId": "order-7", "delaySeconds": 5}
//! ```
//!
//! Every other line (a JSON object without `"body"`, any other JSON value, or plain text that is
//! not JSON at all) is sent exactly as written as the body, so `{"orderId": 1}` sends that JSON
//! and a truncated `{"orderId": ` sends a poison message. Blank lines are skipped. In a message
//! object, a `"body"` that is not a string is sent as its compact JSON text, and an attribute
//! may be written short: `"source": "shop"` (a String) or `"count": 3` (a Number).

use std::collections::BTreeMap;

use base64::Engine as _;
use serde_json::Value;

use super::limits::*;

/// One message as a producer sends it (`SendMessage`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OutgoingMessage {
    pub body: String,
    /// Custom attributes by name; a `BTreeMap` keeps them in the sorted order SQS hashes them in.
    pub message_attributes: BTreeMap<String, MessageAttribute>,
    /// Required on a FIFO queue; ignored by a standard one (where it selects fair queueing,
    /// which the model does not simulate).
    pub message_group_id: Option<String>,
    /// FIFO only. Without it the FIFO model uses content-based deduplication (see
    /// [`super::Queue::send`]).
    pub message_deduplication_id: Option<String>,
    /// Standard queues only: the message stays invisible this long after it is sent.
    pub delay_secs: Option<u32>,
}

impl OutgoingMessage {
    /// A message with only a body.
    pub fn new(body: impl Into<String>) -> Self {
        OutgoingMessage {
            body: body.into(),
            ..OutgoingMessage::default()
        }
    }

    /// The same message in a FIFO message group.
    pub fn in_group(mut self, group: impl Into<String>) -> Self {
        self.message_group_id = Some(group.into());
        self
    }

    /// The same message with one more String attribute.
    pub fn with_string_attribute(mut self, name: &str, value: &str) -> Self {
        self.message_attributes
            .insert(name.to_owned(), MessageAttribute::string(value));
        self
    }

    /// Bytes SQS counts against [`MAX_MESSAGE_BYTES`]: the body and every attribute's name,
    /// type and value.
    // Unconfirmed: AWS says attributes count toward the limit; exactly which bytes of an
    // attribute it counts is not documented.
    pub fn size_bytes(&self) -> usize {
        let attributes: usize = self
            .message_attributes
            .iter()
            .map(|(name, a)| name.len() + a.data_type.len() + a.value.as_bytes().len())
            .sum();
        self.body.len() + attributes
    }

    /// The checks SQS makes before accepting the message into a queue of this kind.
    pub(super) fn check(&self, fifo: bool) -> Result<(), SendError> {
        if self.body.is_empty() {
            return Err(SendError::EmptyBody);
        }
        if self.size_bytes() > MAX_MESSAGE_BYTES {
            return Err(SendError::TooLarge {
                bytes: self.size_bytes(),
            });
        }
        if fifo {
            if self.message_group_id.as_deref().is_none_or(str::is_empty) {
                return Err(SendError::MissingGroupId);
            }
            if self.delay_secs.is_some_and(|d| d > 0) {
                return Err(SendError::DelayOnFifo);
            }
        } else if self.message_deduplication_id.is_some() {
            // Unconfirmed: SendMessage says the parameter "applies only to FIFO queues"; whether
            // a standard queue refuses it or ignores it is not documented.
            return Err(SendError::DeduplicationIdOnStandard);
        }
        if let Some(delay) = self.delay_secs
            && delay > MAX_DELAY_SECS
        {
            return Err(SendError::DelayTooLong { delay_secs: delay });
        }
        if self.message_attributes.len() > MAX_MESSAGE_ATTRIBUTES {
            return Err(SendError::TooManyAttributes {
                count: self.message_attributes.len(),
            });
        }
        for (name, attribute) in &self.message_attributes {
            check_attribute(name, attribute)?;
        }
        Ok(())
    }
}

/// The attribute rules of "Message attribute components" ([`SQS_MESSAGE_METADATA`]).
fn check_attribute(name: &str, attribute: &MessageAttribute) -> Result<(), SendError> {
    let bad = |why: &str| SendError::BadAttribute {
        name: name.to_owned(),
        why: why.to_owned(),
    };
    let lower = name.to_ascii_lowercase();
    if name.is_empty() || name.chars().count() > MAX_ATTRIBUTE_NAME_CHARS {
        return Err(bad("a name has 1 to 256 characters"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(bad("a name may use only letters, digits, _, - and ."));
    }
    if lower.starts_with("aws.") || lower.starts_with("amazon.") {
        return Err(bad("a name must not start with AWS. or Amazon."));
    }
    if name.starts_with('.') || name.ends_with('.') || name.contains("..") {
        return Err(bad(
            "a name must not start or end with a period or repeat one",
        ));
    }
    let base = attribute.data_type.split('.').next().unwrap_or_default();
    let type_matches_value = matches!(
        (&attribute.value, base),
        (AttributeValue::String(_), "String" | "Number") | (AttributeValue::Binary(_), "Binary")
    );
    if !type_matches_value || attribute.data_type.chars().count() > MAX_ATTRIBUTE_NAME_CHARS {
        return Err(bad(
            "the data type is String, Number or Binary (optionally with a .label), with a matching value",
        ));
    }
    if attribute.value.as_bytes().is_empty() {
        return Err(bad("the value must not be empty"));
    }
    Ok(())
}

/// A custom message attribute: its data type (`String`, `Number`, `Binary`, optionally with a
/// `.label`) and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageAttribute {
    pub data_type: String,
    pub value: AttributeValue,
}

impl MessageAttribute {
    /// A `String` attribute.
    pub fn string(value: &str) -> Self {
        MessageAttribute {
            data_type: "String".to_owned(),
            value: AttributeValue::String(value.to_owned()),
        }
    }
}

/// An attribute's value in its transport type: String and Number travel as text, Binary as bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeValue {
    String(String),
    Binary(Vec<u8>),
}

impl AttributeValue {
    /// The value's bytes as SQS hashes them: UTF-8 for text, raw for binary.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            AttributeValue::String(s) => s.as_bytes(),
            AttributeValue::Binary(b) => b,
        }
    }
}

/// Why SQS would refuse a message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("the message body is empty; SQS needs at least one character ({SQS_SEND_MESSAGE})")]
    EmptyBody,
    #[error(
        "the message is {bytes} bytes; SQS accepts at most 1 MiB (1,048,576 bytes) with its attributes ({SQS_SEND_MESSAGE})"
    )]
    TooLarge { bytes: usize },
    #[error("a FIFO queue needs a messageGroupId on every message ({SQS_SEND_MESSAGE})")]
    MissingGroupId,
    #[error(
        "a FIFO queue has no per-message delay; delaySeconds is set on the queue only ({SQS_SEND_MESSAGE})"
    )]
    DelayOnFifo,
    #[error("a messageDeduplicationId applies only to FIFO queues ({SQS_SEND_MESSAGE})")]
    DeduplicationIdOnStandard,
    #[error("delaySeconds is {delay_secs}; SQS accepts 0 to 900 ({SQS_SEND_MESSAGE})")]
    DelayTooLong { delay_secs: u32 },
    #[error("the message has {count} attributes; SQS accepts at most 10 ({SQS_MESSAGE_METADATA})")]
    TooManyAttributes { count: usize },
    #[error("attribute \"{name}\": {why} ({SQS_MESSAGE_METADATA})")]
    BadAttribute { name: String, why: String },
}

/// A line of message text that could not be read, by its 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct ParseError {
    pub line: usize,
    pub problem: String,
}

/// Reads one message per non-blank line of `text` (the format is in the module docs).
pub fn parse_messages(text: &str) -> Result<Vec<OutgoingMessage>, ParseError> {
    let mut messages = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let message = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(fields)) if fields.contains_key("body") => message_from_object(fields)
                .map_err(|problem| ParseError {
                    line: index + 1,
                    problem,
                })?,
            _ => OutgoingMessage::new(line),
        };
        messages.push(message);
    }
    Ok(messages)
}

fn message_from_object(fields: serde_json::Map<String, Value>) -> Result<OutgoingMessage, String> {
    let mut message = OutgoingMessage::default();
    for (key, value) in fields {
        match key.as_str() {
            "body" => {
                message.body = match value {
                    Value::String(s) => s,
                    other => other.to_string(),
                }
            }
            "messageAttributes" => {
                let Value::Object(attributes) = value else {
                    return Err("messageAttributes must be an object of name: attribute".to_owned());
                };
                for (name, attribute) in attributes {
                    let parsed = attribute_from_json(&attribute)
                        .map_err(|why| format!("messageAttributes.{name}: {why}"))?;
                    message.message_attributes.insert(name, parsed);
                }
            }
            "messageGroupId" => message.message_group_id = Some(string_field(&key, value)?),
            "messageDeduplicationId" => {
                message.message_deduplication_id = Some(string_field(&key, value)?)
            }
            "delaySeconds" => {
                let delay = value
                    .as_u64()
                    .and_then(|d| u32::try_from(d).ok())
                    .ok_or("delaySeconds must be a whole number of seconds")?;
                message.delay_secs = Some(delay);
            }
            other => {
                return Err(format!(
                    "unknown key \"{other}\"; a message object has body, messageAttributes, messageGroupId, messageDeduplicationId and delaySeconds (write the line without \"body\" to send it as the body)"
                ));
            }
        }
    }
    Ok(message)
}

fn string_field(key: &str, value: Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s),
        _ => Err(format!("{key} must be a string")),
    }
}

/// An attribute in Lambda's event form (`{"stringValue": ..., "dataType": ...}` or
/// `{"binaryValue": <base64>, "dataType": "Binary"}`), or the short forms of the module docs.
fn attribute_from_json(value: &Value) -> Result<MessageAttribute, String> {
    match value {
        Value::String(s) => Ok(MessageAttribute::string(s)),
        Value::Number(n) => Ok(MessageAttribute {
            data_type: "Number".to_owned(),
            value: AttributeValue::String(n.to_string()),
        }),
        Value::Object(fields) => {
            let data_type = fields
                .get("dataType")
                .and_then(Value::as_str)
                .ok_or("an attribute object needs a dataType")?
                .to_owned();
            let value =
                match (fields.get("stringValue"), fields.get("binaryValue")) {
                    (Some(Value::String(s)), None) => AttributeValue::String(s.clone()),
                    (None, Some(Value::String(b64))) => AttributeValue::Binary(
                        base64::engine::general_purpose::STANDARD
                            .decode(b64)
                            .map_err(|e| format!("binaryValue is not base64: {e}"))?,
                    ),
                    _ => return Err(
                        "an attribute object needs one of stringValue or binaryValue (a string)"
                            .to_owned(),
                    ),
                };
            Ok(MessageAttribute { data_type, value })
        }
        _ => Err("an attribute is a string, a number or an object with dataType".to_owned()),
    }
}
