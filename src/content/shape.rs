//! What kind of event a JSON document is, and whether it has the shape AWS sends: the
//! Playground's badge ("S3 · ObjectCreated:Put") and shape check ("/Records/0/s3/object/size:
//! invalid type: string, expected i64"). Types come from the `aws_lambda_events` crate.

use aws_lambda_events::event::{
    alb, apigw, cloudformation, cloudwatch_alarms, cloudwatch_logs, code_commit, cognito, dynamodb,
    eventbridge, firehose, kafka, kinesis, lambda_function_urls, s3, secretsmanager, ses, sns, sqs,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The `rust_type` for events with no AWS shape (direct invokes send any JSON).
pub const ANY_JSON: &str = "serde_json::Value";

/// A recognised event: a label for the badge and the type its shape is checked against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventKind {
    pub label: String,
    pub rust_type: &'static str,
}

/// The first place the JSON differs from the type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeMismatch {
    /// JSON path of the field, like `Records[0].s3.object.size` (`.` for the whole event).
    pub path: String,
    pub message: String,
}

fn kind(label: impl Into<String>, rust_type: &'static str) -> Option<EventKind> {
    Some(EventKind {
        label: label.into(),
        rust_type,
    })
}

fn text<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value.pointer(pointer).and_then(Value::as_str)
}

/// Recognises an event by the fields AWS services put in it.
pub fn detect(event: &Value) -> Option<EventKind> {
    if let Some(source) =
        text(event, "/Records/0/eventSource").or_else(|| text(event, "/Records/0/EventSource"))
    {
        let name = text(event, "/Records/0/eventName").unwrap_or("");
        return match source {
            "aws:s3" => kind(format!("S3 · {name}"), "s3::S3Event"),
            "aws:sqs" => {
                let fifo = text(event, "/Records/0/eventSourceARN")
                    .is_some_and(|arn| arn.ends_with(".fifo"));
                kind(
                    if fifo {
                        "SQS · FIFO queue"
                    } else {
                        "SQS · standard queue"
                    },
                    "sqs::SqsEvent",
                )
            }
            "aws:sns" => kind("SNS · Notification", "sns::SnsEvent"),
            "aws:dynamodb" => kind(format!("DynamoDB Streams · {name}"), "dynamodb::Event"),
            "aws:kinesis" => kind("Kinesis Data Streams · records", "kinesis::KinesisEvent"),
            "aws:ses" => kind("SES · received email", "ses::SimpleEmailEvent"),
            "aws:codecommit" => kind("CodeCommit · trigger", "code_commit::CodeCommitEvent"),
            _ => None,
        };
    }
    if event.get("awslogs").is_some() {
        return kind(
            "CloudWatch Logs · subscription",
            "cloudwatch_logs::LogsEvent",
        );
    }
    if event.get("eventSource").and_then(Value::as_str) == Some("aws:kafka")
        || event.get("eventSource").and_then(Value::as_str) == Some("SelfManagedKafka")
    {
        return kind("Kafka (MSK) · records", "kafka::KafkaEvent");
    }
    if event.get("deliveryStreamArn").is_some() {
        return kind(
            "Data Firehose · transformation",
            "firehose::KinesisFirehoseEvent",
        );
    }
    if let Some(trigger) = event.get("triggerSource").and_then(Value::as_str) {
        let rust_type = if trigger.starts_with("PostConfirmation") {
            "cognito::CognitoEventUserPoolsPostConfirmation"
        } else {
            "cognito::CognitoEventUserPoolsPreSignup"
        };
        return kind(format!("Cognito · {trigger}"), rust_type);
    }
    if event.get("ResponseURL").is_some() && event.get("RequestType").is_some() {
        let request = text(event, "/RequestType").unwrap_or("");
        return kind(
            format!("CloudFormation custom resource · {request}"),
            "cloudformation::CloudFormationCustomResourceRequest",
        );
    }
    if event.get("alarmData").is_some() {
        return kind(
            "CloudWatch alarm",
            "cloudwatch_alarms::CloudWatchMetricAlarm",
        );
    }
    if event.get("Step").is_some() && event.get("SecretId").is_some() {
        return kind(
            "Secrets Manager · rotation",
            "secretsmanager::SecretsManagerSecretRotationEvent",
        );
    }
    if let (Some(detail_type), Some(source)) = (
        event.get("detail-type").and_then(Value::as_str),
        event.get("source").and_then(Value::as_str),
    ) {
        let label = if detail_type == "Scheduled Event" {
            "EventBridge · scheduled".to_owned()
        } else {
            format!("EventBridge · {source} · {detail_type}")
        };
        return kind(label, "eventbridge::EventBridgeEvent");
    }
    if event.get("type").and_then(Value::as_str) == Some("TOKEN") {
        return kind(
            "API Gateway · TOKEN authorizer",
            "apigw::ApiGatewayCustomAuthorizerRequest",
        );
    }
    if event.get("type").and_then(Value::as_str) == Some("REQUEST")
        && event.get("methodArn").is_some()
    {
        return kind(
            "API Gateway · REQUEST authorizer",
            "apigw::ApiGatewayCustomAuthorizerRequestTypeRequest",
        );
    }
    if event.get("version").and_then(Value::as_str) == Some("2.0") {
        if event.get("routeArn").is_some() {
            return kind(
                "API Gateway · HTTP API authorizer",
                "apigw::ApiGatewayV2CustomAuthorizerV2Request",
            );
        }
        let domain = text(event, "/requestContext/domainName").unwrap_or("");
        if domain.contains(".lambda-url.") {
            return kind(
                "Lambda function URL",
                "lambda_function_urls::LambdaFunctionUrlRequest",
            );
        }
        if event.get("routeKey").is_some() {
            return kind(
                "API Gateway · HTTP API v2",
                "apigw::ApiGatewayV2httpRequest",
            );
        }
    }
    if event.pointer("/requestContext/elb").is_some() {
        return kind("Application Load Balancer", "alb::AlbTargetGroupRequest");
    }
    if event.get("httpMethod").is_some() && event.get("resource").is_some() {
        return kind("API Gateway · REST API v1", "apigw::ApiGatewayProxyRequest");
    }
    None
}

fn check<T: DeserializeOwned>(json: &str) -> Result<(), ShapeMismatch> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize::<_, T>(&mut deserializer)
        .map(drop)
        .map_err(|error| ShapeMismatch {
            path: error.path().to_string(),
            message: error.inner().to_string(),
        })
}

/// Deserialises `json` into the named type. `Err(None)` means the type name is unknown.
pub fn check_shape(rust_type: &str, json: &str) -> Result<(), Option<ShapeMismatch>> {
    let result = match rust_type {
        "alb::AlbTargetGroupRequest" => check::<alb::AlbTargetGroupRequest>(json),
        "apigw::ApiGatewayProxyRequest" => check::<apigw::ApiGatewayProxyRequest>(json),
        "apigw::ApiGatewayV2httpRequest" => check::<apigw::ApiGatewayV2httpRequest>(json),
        "apigw::ApiGatewayCustomAuthorizerRequest" => {
            check::<apigw::ApiGatewayCustomAuthorizerRequest>(json)
        }
        "apigw::ApiGatewayCustomAuthorizerRequestTypeRequest" => {
            check::<apigw::ApiGatewayCustomAuthorizerRequestTypeRequest>(json)
        }
        "apigw::ApiGatewayV2CustomAuthorizerV2Request" => {
            check::<apigw::ApiGatewayV2CustomAuthorizerV2Request>(json)
        }
        "cloudformation::CloudFormationCustomResourceRequest" => {
            check::<cloudformation::CloudFormationCustomResourceRequest>(json)
        }
        "cloudwatch_alarms::CloudWatchMetricAlarm" => {
            check::<cloudwatch_alarms::CloudWatchMetricAlarm>(json)
        }
        "cloudwatch_logs::LogsEvent" => check::<cloudwatch_logs::LogsEvent>(json),
        "code_commit::CodeCommitEvent" => check::<code_commit::CodeCommitEvent>(json),
        "cognito::CognitoEventUserPoolsPreSignup" => {
            check::<cognito::CognitoEventUserPoolsPreSignup>(json)
        }
        "cognito::CognitoEventUserPoolsPostConfirmation" => {
            check::<cognito::CognitoEventUserPoolsPostConfirmation>(json)
        }
        "dynamodb::Event" => check::<dynamodb::Event>(json),
        "eventbridge::EventBridgeEvent" => check::<eventbridge::EventBridgeEvent>(json),
        "firehose::KinesisFirehoseEvent" => check::<firehose::KinesisFirehoseEvent>(json),
        "kafka::KafkaEvent" => check::<kafka::KafkaEvent>(json),
        "kinesis::KinesisEvent" => check::<kinesis::KinesisEvent>(json),
        "lambda_function_urls::LambdaFunctionUrlRequest" => {
            check::<lambda_function_urls::LambdaFunctionUrlRequest>(json)
        }
        "s3::S3Event" => check::<s3::S3Event>(json),
        "secretsmanager::SecretsManagerSecretRotationEvent" => {
            check::<secretsmanager::SecretsManagerSecretRotationEvent>(json)
        }
        "ses::SimpleEmailEvent" => check::<ses::SimpleEmailEvent>(json),
        "sns::SnsEvent" => check::<sns::SnsEvent>(json),
        "sqs::SqsEvent" => check::<sqs::SqsEvent>(json),
        ANY_JSON => check::<Value>(json),
        _ => return Err(None),
    };
    result.map_err(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_type_is_named_by_its_json_path() {
        let json = r#"{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
            "eventTime":"2026-03-14T10:15:30.000Z","eventName":"ObjectCreated:Put",
            "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"b","arn":"arn:aws:s3:::b"},
            "object":{"key":"k","size":"big"}}}]}"#;
        let value: Value = serde_json::from_str(json).unwrap_or_default();
        let kind = detect(&value).unwrap_or_else(|| panic!("an S3 event"));
        assert_eq!(kind.label, "S3 · ObjectCreated:Put");
        let mismatch = check_shape(kind.rust_type, json).err().flatten();
        assert_eq!(
            mismatch.map(|m| m.path),
            Some("Records[0].s3.object.size".to_owned())
        );
    }

    #[test]
    fn an_unknown_shape_is_not_forced_into_a_type() {
        let value: Value = serde_json::from_str(r#"{"hello": "world"}"#).unwrap_or_default();
        assert_eq!(detect(&value), None);
    }
}
