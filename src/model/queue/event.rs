//! The SQS event Lambda hands the function, record by record, in the shape of the shipped
//! samples (`sample-events/sqs/standard.json` and `fifo.json`), with SQS's MD5 digests.

use std::collections::BTreeMap;

use base64::Engine as _;
use md5::Digest as _;
use serde_json::{Map, Value, json};

use super::message::{AttributeValue, MessageAttribute};
use super::{Batch, Queue, Stored};

/// The `SenderId` of every message: the IAM user id of the example event in
/// [`super::limits::LAMBDA_WITH_SQS`]. The model has no producers with identities of their own.
const SENDER_ID: &str = "AIDAIENQZJOLO23YVJ4VO";

impl Queue {
    /// The event Lambda invokes the function with for `batch`, pretty-printed. (Lambda sends it
    /// compact; the payload limit is measured on the compact form.)
    pub fn event_json(&self, batch: &Batch) -> String {
        let records: Vec<&Value> = batch.records.iter().map(|r| &r.event_record).collect();
        let event = json!({ "Records": records });
        serde_json::to_string_pretty(&event).unwrap_or_else(|_| event.to_string())
    }

    /// One record of the event, its keys in the order the samples list them.
    pub(super) fn record_value(
        &self,
        stored: &Stored,
        receipt_handle: &str,
        receive_count: u32,
        first_receive_ms: u64,
    ) -> Value {
        let mut attributes = Map::new();
        attributes.insert(
            "ApproximateReceiveCount".into(),
            receive_count.to_string().into(),
        );
        attributes.insert("SentTimestamp".into(), stored.sent_ms.to_string().into());
        attributes.insert("SenderId".into(), SENDER_ID.into());
        attributes.insert(
            "ApproximateFirstReceiveTimestamp".into(),
            first_receive_ms.to_string().into(),
        );
        if self.config.fifo {
            let fifo_fields = [
                ("SequenceNumber", stored.sequence_number.as_deref()),
                ("MessageGroupId", stored.message.message_group_id.as_deref()),
                ("MessageDeduplicationId", stored.deduplication_id.as_deref()),
            ];
            for (key, value) in fifo_fields {
                if let Some(value) = value {
                    attributes.insert(key.into(), value.into());
                }
            }
        }

        let message_attributes: Map<String, Value> = stored
            .message
            .message_attributes
            .iter()
            .map(|(name, attribute)| (name.clone(), lambda_attribute(attribute)))
            .collect();

        let mut record = Map::new();
        record.insert("messageId".into(), stored.message_id.clone().into());
        record.insert("receiptHandle".into(), receipt_handle.into());
        record.insert("body".into(), stored.message.body.clone().into());
        record.insert("attributes".into(), Value::Object(attributes));
        record.insert(
            "messageAttributes".into(),
            Value::Object(message_attributes),
        );
        record.insert("md5OfBody".into(), md5_of_body(&stored.message.body).into());
        // The samples carry md5OfMessageAttributes only on messages that have attributes.
        if let Some(digest) = md5_of_message_attributes(&stored.message.message_attributes) {
            record.insert("md5OfMessageAttributes".into(), digest.into());
        }
        record.insert("eventSource".into(), "aws:sqs".into());
        record.insert("eventSourceARN".into(), self.config.arn().into());
        record.insert("awsRegion".into(), crate::model::lambda::REGION.into());
        Value::Object(record)
    }
}

/// An attribute as Lambda writes it in the event: the value, two empty list fields, the type.
fn lambda_attribute(attribute: &MessageAttribute) -> Value {
    let (key, value) = match &attribute.value {
        AttributeValue::String(s) => ("stringValue", Value::from(s.as_str())),
        // Unconfirmed: the samples have only String attributes; `binaryValue` in base64 is the
        // field name of Lambda's SQS event types (the aws_lambda_events crate, the Java library).
        AttributeValue::Binary(bytes) => (
            "binaryValue",
            Value::from(base64::engine::general_purpose::STANDARD.encode(bytes)),
        ),
    };
    let mut fields = Map::new();
    fields.insert(key.into(), value);
    fields.insert("stringListValues".into(), json!([]));
    fields.insert("binaryListValues".into(), json!([]));
    fields.insert("dataType".into(), attribute.data_type.clone().into());
    Value::Object(fields)
}

/// Lowercase hex MD5 of the body's UTF-8 bytes, SQS's `MD5OfBody`.
pub fn md5_of_body(body: &str) -> String {
    hex::encode(md5::Md5::digest(body.as_bytes()))
}

/// SQS's `MD5OfMessageAttributes`, or `None` when there are no attributes. The algorithm of
/// "Calculating the MD5 message digest for message attributes"
/// ([`super::limits::SQS_MESSAGE_METADATA`]): attributes sorted by name; for each, the name and
/// the data type as a 4-byte big-endian length and UTF-8 bytes, one transport byte (1 String,
/// 2 Binary), then the value as a 4-byte length and its bytes; the MD5 of the whole buffer.
pub fn md5_of_message_attributes(
    attributes: &BTreeMap<String, MessageAttribute>,
) -> Option<String> {
    if attributes.is_empty() {
        return None;
    }
    let mut buffer = Vec::new();
    // A `BTreeMap` iterates in ascending byte order of the names, the order SQS sorts by.
    for (name, attribute) in attributes {
        push_with_length(&mut buffer, name.as_bytes());
        push_with_length(&mut buffer, attribute.data_type.as_bytes());
        let transport_type: u8 = match attribute.value {
            AttributeValue::String(_) => 1,
            AttributeValue::Binary(_) => 2,
        };
        buffer.push(transport_type);
        push_with_length(&mut buffer, attribute.value.as_bytes());
    }
    Some(hex::encode(md5::Md5::digest(&buffer)))
}

fn push_with_length(buffer: &mut Vec<u8>, bytes: &[u8]) {
    // Attribute parts are far below 4 GiB (a whole message is at most 1 MiB).
    let length = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    buffer.extend_from_slice(&length.to_be_bytes());
    buffer.extend_from_slice(bytes);
}
