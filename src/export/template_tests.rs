use std::collections::BTreeMap;
use std::path::PathBuf;

use super::*;
use crate::export::source::{HttpRoute, S3Source, SqsSource};
use crate::model::lambda::Architecture;

fn config() -> FunctionConfig {
    FunctionConfig {
        function_name: "counter".to_owned(),
        runtime: "nodejs22.x".to_owned(),
        handler: "counter.handler".to_owned(),
        code_path: PathBuf::from("counter.mjs"),
        memory_size_mb: 256,
        timeout_secs: 10,
        ephemeral_storage_mb: 1024,
        architecture: Architecture::Arm64,
        ..FunctionConfig::default()
    }
}

fn layer(name: &str) -> LayerArchive {
    LayerArchive {
        source: PathBuf::from(name),
        name: name.to_owned(),
    }
}

#[test]
fn the_function_carries_every_setting_it_ran_with() {
    let text = render(&config(), &EventSource::None, &[]);
    assert!(text.starts_with(MARKER), "{text}");
    for line in [
        "AWSTemplateFormatVersion: \"2010-09-09\"",
        "Transform: AWS::Serverless-2016-10-31",
        "  Function:\n    Type: AWS::Serverless::Function\n    Properties:\n",
        "      FunctionName: counter\n",
        "      CodeUri: function.zip\n",
        "      Handler: counter.handler\n",
        "      Runtime: nodejs22.x\n",
        "      Architectures:\n        - arm64\n",
        "      MemorySize: 256\n",
        "      Timeout: 10\n",
        "      EphemeralStorage:\n        Size: 1024\n",
        "  FunctionArn:\n    Description: \"The function's ARN\"\n    Value: !GetAtt Function.Arn\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    for absent in [
        "Environment:",
        "Layers:",
        "Events:",
        "AutoPublishAlias",
        "Reserved",
    ] {
        assert!(!text.contains(absent), "{absent} in\n{text}");
    }
}

#[test]
fn environment_values_are_quoted_whatever_they_hold() {
    let mut environment = BTreeMap::new();
    environment.insert(
        "GREETING".to_owned(),
        "a: b # not a comment \"q\"\nline 2".to_owned(),
    );
    environment.insert("NO".to_owned(), "true".to_owned());
    environment.insert("PORT".to_owned(), "8080".to_owned());
    let config = FunctionConfig {
        environment,
        ..config()
    };
    let text = render(&config, &EventSource::None, &[]);
    assert!(
        text.contains(
            "      Environment:\n        Variables:\n          GREETING: \"a: b # not a comment \\\"q\\\"\\nline 2\"\n          \"NO\": \"true\"\n          PORT: \"8080\"\n"
        ),
        "{text}"
    );
}

#[test]
fn layers_are_layer_versions_referenced_in_order() {
    let layers = [layer("bakery-helpers-1"), layer("bakery_helpers_1")];
    let text = render(&config(), &EventSource::None, &layers);
    assert!(
        text.contains("      Layers:\n        - !Ref BakeryHelpers1Layer\n        - !Ref BakeryHelpers1Layer2\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  BakeryHelpers1Layer:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      LayerName: bakery-helpers-1\n      ContentUri: layers/bakery-helpers-1.zip\n      CompatibleRuntimes:\n        - nodejs22.x\n      CompatibleArchitectures:\n        - arm64\n      RetentionPolicy: Delete\n"
        ),
        "{text}"
    );
}

#[test]
fn concurrency_settings_and_the_alias_provisioned_concurrency_needs() {
    let config = FunctionConfig {
        reserved_concurrency: Some(5),
        provisioned_concurrency: 2,
        ..config()
    };
    let text = render(&config, &EventSource::None, &[]);
    assert!(
        text.contains(
            "      ReservedConcurrentExecutions: 5\n      AutoPublishAlias: live\n      ProvisionedConcurrencyConfig:\n        ProvisionedConcurrentExecutions: 2\n"
        ),
        "{text}"
    );
    assert!(text.contains("Value: !Ref Function.Alias\n"), "{text}");
}

#[test]
fn an_sqs_trigger_creates_its_queue_with_six_timeouts_of_visibility() {
    let source = EventSource::Sqs(SqsSource {
        batch_size: 100,
        batch_window_secs: 2,
        report_batch_item_failures: true,
    });
    let text = render(&config(), &source, &[]);
    assert!(
        text.contains(
            "      Events:\n        QueueMessages:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n            BatchSize: 100\n            MaximumBatchingWindowInSeconds: 2\n            FunctionResponseTypes:\n              - ReportBatchItemFailures\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 62\n"
        ),
        "{text}"
    );
    assert!(text.contains("  QueueUrl:"), "{text}");
}

#[test]
fn an_s3_trigger_creates_its_bucket_and_filters_keys() {
    let source = EventSource::S3(S3Source {
        events: vec!["s3:ObjectCreated:*".to_owned()],
        prefix: Some("holiday photos/".to_owned()),
        suffix: Some(".jpg".to_owned()),
    });
    let text = render(&config(), &source, &[]);
    assert!(
        text.contains(
            "          Type: S3\n          Properties:\n            Bucket: !Ref Bucket\n            Events:\n              - \"s3:ObjectCreated:*\"\n            Filter:\n              S3Key:\n                Rules:\n                  - Name: prefix\n                    Value: \"holiday+photos/\"\n                  - Name: suffix\n                    Value: \".jpg\"\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  Bucket:\n    Type: AWS::S3::Bucket\n"),
        "{text}"
    );
}

#[test]
fn schedule_and_http_api_triggers() {
    let schedule = EventSource::Schedule {
        expression: "cron(0 9 ? * MON-FRI *)".to_owned(),
    };
    let text = render(&config(), &schedule, &[]);
    assert!(
        text.contains("          Type: Schedule\n          Properties:\n            Schedule: \"cron(0 9 ? * MON-FRI *)\"\n"),
        "{text}"
    );
    let route = EventSource::HttpApi(HttpRoute {
        method: "GET".to_owned(),
        path: "/orders/{id}".to_owned(),
    });
    let text = render(&config(), &route, &[]);
    assert!(
        text.contains(
            "          Type: HttpApi\n          Properties:\n            Method: GET\n            Path: \"/orders/{id}\"\n            PayloadFormatVersion: \"2.0\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("${ServerlessHttpApi}.execute-api."), "{text}");
}
