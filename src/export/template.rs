//! The SAM `template.yaml` of an export: one `AWS::Serverless::Function` with the settings the
//! function ran with here, its layers as `AWS::Serverless::LayerVersion`s, the queue or bucket
//! its trigger needs, and outputs naming what was created.
//!
//! Property names follow the AWS SAM specification:
//! - Function: <https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html>
//! - LayerVersion: <https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-layerversion.html>
//! - Events: `sam-property-function-sqs`, `-s3`, `-schedule`, `-httpapi` pages of the same guide.

use super::bundle::LayerArchive;
use super::source::EventSource;
use super::yaml::{quoted, scalar};
use crate::model::bucket::Filter;
use crate::runtime::config::FunctionConfig;

/// The first line of every template `lambda-lab export` writes: how a later export recognises a
/// folder it may write into again.
pub const MARKER: &str = "# Written by lambda-lab export";

/// The function's logical ID.
pub const FUNCTION_ID: &str = "Function";

/// The alias `AutoPublishAlias` creates when the function has provisioned concurrency: SAM
/// accepts `ProvisionedConcurrencyConfig` only with `AutoPublishAlias` (SAM Function page,
/// ProvisionedConcurrencyConfig; `sam validate` refuses it otherwise), because provisioned
/// concurrency is configured on "a function's alias or version", with a required qualifier
/// (<https://docs.aws.amazon.com/lambda/latest/api/API_PutProvisionedConcurrencyConfig.html>).
pub const ALIAS: &str = "live";

/// The template text.
pub fn render(config: &FunctionConfig, source: &EventSource, layers: &[LayerArchive]) -> String {
    let mut out = Template::default();
    out.line(
        0,
        &format!(
            "{MARKER}: the function {} as Lambda Lab ran it.",
            config.function_name
        ),
    );
    out.line(
        0,
        "# Check it with `sam validate --lint`; deploy it with `sam deploy --guided` (README.md).",
    );
    out.line(0, "AWSTemplateFormatVersion: \"2010-09-09\"");
    out.line(0, "Transform: AWS::Serverless-2016-10-31");
    out.line(
        0,
        &format!(
            "Description: {}",
            quoted(&format!(
                "{}, exported from Lambda Lab",
                config.function_name
            ))
        ),
    );
    out.line(0, "");
    out.line(0, "Resources:");
    out.function(config, source, layers);
    for (layer, id) in layers.iter().zip(layer_ids(layers)) {
        out.layer(config, layer, &id);
    }
    match source {
        EventSource::Sqs(sqs) => {
            out.line(0, "");
            out.line(1, "Queue:");
            out.line(2, "Type: AWS::SQS::Queue");
            out.line(2, "Properties:");
            // Six function timeouts, as AWS recommends, so a throttled batch can be retried
            // before the message shows again (`SqsSource::queue`).
            let visibility = sqs.queue(config.timeout_secs).visibility_timeout_secs;
            out.line(3, &format!("VisibilityTimeout: {visibility}"));
        }
        EventSource::S3(_) => {
            // No BucketName: bucket names are global, so CloudFormation makes a unique one.
            out.line(0, "");
            out.line(1, "Bucket:");
            out.line(2, "Type: AWS::S3::Bucket");
        }
        _ => {}
    }
    out.line(0, "");
    out.outputs(config, source);
    out.text
}

/// Logical IDs for the layers: the name in PascalCase plus `Layer` (IDs are alphanumeric),
/// numbered when two names only differ in punctuation.
pub fn layer_ids(layers: &[LayerArchive]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for layer in layers {
        let pascal: String = layer
            .name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or(String::new(), |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect();
        let base = format!("{pascal}Layer");
        let mut id = base.clone();
        let mut number = 2;
        while ids.contains(&id) {
            id = format!("{base}{number}");
            number += 1;
        }
        ids.push(id);
    }
    ids
}

#[derive(Default)]
struct Template {
    text: String,
}

impl Template {
    /// One line, indented two spaces per level.
    fn line(&mut self, level: usize, text: &str) {
        if !text.is_empty() {
            self.text.push_str(&"  ".repeat(level));
            self.text.push_str(text);
        }
        self.text.push('\n');
    }

    fn function(&mut self, config: &FunctionConfig, source: &EventSource, layers: &[LayerArchive]) {
        self.line(1, &format!("{FUNCTION_ID}:"));
        self.line(2, "Type: AWS::Serverless::Function");
        self.line(2, "Properties:");
        self.line(
            3,
            &format!("FunctionName: {}", scalar(&config.function_name)),
        );
        // A .zip file is uploaded as it is by `sam deploy` (a folder or another file is zipped
        // first), so the archive Lambda gets is the one written here. SAM guide, "How AWS SAM
        // uploads local files at deployment"
        // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/deploy-upload-local-files.html);
        // in SAM CLI 1.170.0, `ResourceZip.export` zips only `not is_zip_file(...)`.
        self.line(3, &format!("CodeUri: {}", super::FUNCTION_ZIP));
        self.line(3, &format!("Handler: {}", scalar(&config.handler)));
        self.line(3, &format!("Runtime: {}", scalar(&config.runtime)));
        self.line(3, "Architectures:");
        self.line(4, &format!("- {}", config.architecture.as_str()));
        self.line(3, &format!("MemorySize: {}", config.memory_size_mb));
        self.line(3, &format!("Timeout: {}", config.timeout_secs));
        self.line(3, "EphemeralStorage:");
        self.line(4, &format!("Size: {}", config.ephemeral_storage_mb));
        if !config.environment.is_empty() {
            self.line(3, "Environment:");
            self.line(4, "Variables:");
            for (key, value) in &config.environment {
                // Values are always quoted: CloudFormation wants strings, and `1` or `true`
                // written plain would be a number or a boolean.
                self.line(5, &format!("{}: {}", scalar(key), quoted(value)));
            }
        }
        if !layers.is_empty() {
            self.line(3, "Layers:");
            for id in layer_ids(layers) {
                self.line(4, &format!("- !Ref {id}"));
            }
        }
        if let Some(reserved) = config.reserved_concurrency {
            self.line(3, &format!("ReservedConcurrentExecutions: {reserved}"));
        }
        if config.provisioned_concurrency > 0 {
            self.line(3, &format!("AutoPublishAlias: {ALIAS}"));
            self.line(3, "ProvisionedConcurrencyConfig:");
            self.line(
                4,
                &format!(
                    "ProvisionedConcurrentExecutions: {}",
                    config.provisioned_concurrency
                ),
            );
        }
        self.events(source);
    }

    fn events(&mut self, source: &EventSource) {
        let (name, kind) = match source {
            EventSource::None => return,
            EventSource::Sqs(_) => ("QueueMessages", "SQS"),
            EventSource::S3(_) => ("BucketNotifications", "S3"),
            EventSource::Schedule { .. } => ("Timer", "Schedule"),
            EventSource::HttpApi(_) => ("HttpRoute", "HttpApi"),
        };
        self.line(3, "Events:");
        self.line(4, &format!("{name}:"));
        self.line(5, &format!("Type: {kind}"));
        self.line(5, "Properties:");
        match source {
            EventSource::None => {}
            EventSource::Sqs(sqs) => {
                self.line(6, "Queue: !GetAtt Queue.Arn");
                self.line(6, &format!("BatchSize: {}", sqs.batch_size));
                if sqs.batch_window_secs > 0 {
                    self.line(
                        6,
                        &format!("MaximumBatchingWindowInSeconds: {}", sqs.batch_window_secs),
                    );
                }
                if sqs.report_batch_item_failures {
                    self.line(6, "FunctionResponseTypes:");
                    self.line(7, "- ReportBatchItemFailures");
                }
            }
            EventSource::S3(s3) => {
                // SAM accepts only a bucket created in the same template here.
                self.line(6, "Bucket: !Ref Bucket");
                self.line(6, "Events:");
                for event in &s3.events {
                    self.line(7, &format!("- {}", scalar(event)));
                }
                // Encoded: S3 wants a space as `+` and other special characters
                // percent-encoded in filter values (model::bucket::KEY_FILTERING).
                let filter = Filter::from_plain(s3.prefix.as_deref(), s3.suffix.as_deref());
                let rules: Vec<(&str, String)> =
                    [("prefix", filter.prefix), ("suffix", filter.suffix)]
                        .into_iter()
                        .filter_map(|(name, value)| {
                            value.filter(|v| !v.is_empty()).map(|v| (name, v))
                        })
                        .collect();
                if !rules.is_empty() {
                    self.line(6, "Filter:");
                    self.line(7, "S3Key:");
                    self.line(8, "Rules:");
                    for (name, value) in rules {
                        self.line(9, &format!("- Name: {name}"));
                        self.line(10, &format!("Value: {}", quoted(&value)));
                    }
                }
            }
            EventSource::Schedule { expression } => {
                self.line(6, &format!("Schedule: {}", quoted(expression.trim())));
            }
            EventSource::HttpApi(route) => {
                self.line(6, &format!("Method: {}", route.method));
                self.line(6, &format!("Path: {}", scalar(&route.path)));
                // SAM's default too; written out because the function's code depends on it.
                self.line(6, "PayloadFormatVersion: \"2.0\"");
            }
        }
    }

    fn layer(&mut self, config: &FunctionConfig, layer: &LayerArchive, id: &str) {
        self.line(0, "");
        self.line(1, &format!("{id}:"));
        self.line(2, "Type: AWS::Serverless::LayerVersion");
        self.line(2, "Properties:");
        self.line(3, &format!("LayerName: {}", scalar(&layer.name)));
        self.line(
            3,
            &format!("ContentUri: {}", scalar(&layer.relative_path())),
        );
        self.line(3, "CompatibleRuntimes:");
        self.line(4, &format!("- {}", scalar(&config.runtime)));
        self.line(3, "CompatibleArchitectures:");
        self.line(4, &format!("- {}", config.architecture.as_str()));
        // Without it the transform gives the layer version `DeletionPolicy: Retain` (SAM CLI
        // 1.170.0's translator), which leaves every version behind after `sam delete`.
        self.line(3, "RetentionPolicy: Delete");
    }

    fn outputs(&mut self, config: &FunctionConfig, source: &EventSource) {
        self.line(0, "Outputs:");
        let mut output = |name: &str, description: &str, value: &str| {
            self.line(1, &format!("{name}:"));
            self.line(2, &format!("Description: {}", quoted(description)));
            self.line(2, &format!("Value: {value}"));
        };
        output(
            "FunctionName",
            "The function's name, for aws lambda invoke",
            &format!("!Ref {FUNCTION_ID}"),
        );
        output(
            "FunctionArn",
            "The function's ARN",
            &format!("!GetAtt {FUNCTION_ID}.Arn"),
        );
        if config.provisioned_concurrency > 0 {
            // `Function.Alias` is how SAM names the alias AutoPublishAlias generates.
            output(
                "AliasArn",
                "The alias with provisioned concurrency: invoke it, not $LATEST",
                &format!("!Ref {FUNCTION_ID}.Alias"),
            );
        }
        match source {
            EventSource::Sqs(_) => output(
                "QueueUrl",
                "Send messages here (aws sqs send-message)",
                "!Ref Queue",
            ),
            EventSource::S3(_) => output(
                "BucketName",
                "Upload objects here (aws s3 cp)",
                "!Ref Bucket",
            ),
            EventSource::HttpApi(_) => output(
                "ApiUrl",
                "The HTTP API's default stage",
                // ServerlessHttpApi is the API SAM creates for HttpApi events without ApiId.
                "!Sub \"https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/\"",
            ),
            EventSource::None | EventSource::Schedule { .. } => {}
        }
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
