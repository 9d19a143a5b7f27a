//! The README of an export: the exact commands that check, deploy, invoke and delete the
//! function on AWS, in order, with what each prompt of `sam deploy --guided` wants.

use super::bundle::LayerArchive;
use super::source::EventSource;
use super::template::ALIAS;
use crate::model::limits::MIN_UNRESERVED_CONCURRENCY;
use crate::runtime::config::{Executor, FunctionConfig};

/// AWS CLI v2 reads `--payload` as base64 unless told otherwise, so a JSON file needs
/// `--cli-binary-format raw-in-base64-out`. Source: AWS CLI user guide, "Migrating to AWS CLI
/// version 2", binary parameters.
pub const CLI_BINARY_FORMAT: &str = "https://docs.aws.amazon.com/cli/latest/userguide/cliv2-migration-changes.html#cliv2-migration-binaryparam";

/// The stack name the README suggests.
pub fn stack_name(config: &FunctionConfig) -> String {
    format!("lambda-lab-{}", config.function_name)
}

/// The `aws lambda invoke` line; the alias when provisioned concurrency is configured, because
/// it is configured on the alias and an unqualified invoke runs $LATEST without it.
pub fn invoke_command(config: &FunctionConfig) -> String {
    let name = if config.provisioned_concurrency > 0 {
        format!("{}:{ALIAS}", config.function_name)
    } else {
        config.function_name.clone()
    };
    format!(
        "aws lambda invoke --function-name {name} --cli-binary-format raw-in-base64-out --payload file://{} response.json",
        super::EVENT_FILE
    )
}

/// The README text. `event_given`: whether event.json is the learner's event or `{}`.
pub fn render(
    config: &FunctionConfig,
    source: &EventSource,
    layers: &[LayerArchive],
    event_given: bool,
) -> String {
    let name = &config.function_name;
    let stack = stack_name(config);
    let mut out = String::new();
    let mut add = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    add(&format!("# {name} on AWS Lambda\n"));
    add(&format!(
        "Exported by Lambda Lab: `{name}` ({}, handler `{}`, {} MB, {} s timeout, {}) with {}.\n",
        config.runtime,
        config.handler,
        config.memory_size_mb,
        config.timeout_secs,
        config.architecture,
        source.describe()
    ));
    add("## What is here\n");
    add(&format!(
        "- `{}`: the code, as Lambda extracts it into /var/task",
        super::FUNCTION_ZIP
    ));
    for layer in layers {
        add(&format!(
            "- `{}`: a layer, extracted into /opt",
            layer.relative_path()
        ));
    }
    add(&format!(
        "- `{}`: an AWS SAM template with the same settings",
        super::TEMPLATE_FILE
    ));
    add(&format!(
        "- `{}`: {}\n",
        super::EVENT_FILE,
        if event_given {
            "the test event"
        } else {
            "an empty test event (`{}`); put your own in it"
        }
    ));
    add("## Before you start\n");
    add(
        "You need an AWS account, the AWS CLI version 2 with credentials (`aws configure`) and the AWS SAM CLI (`pip install aws-sam-cli`). Deploying creates real resources in your account: delete them when you are done (step 5).\n",
    );
    if config.provisioned_concurrency > 0 {
        add(
            "Provisioned concurrency is billed for as long as it is configured, whether or not the function is invoked (https://aws.amazon.com/lambda/pricing/).\n",
        );
    }
    if config.reserved_concurrency.is_some() || config.provisioned_concurrency > 0 {
        add(&format!(
            "Lambda keeps {MIN_UNRESERVED_CONCURRENCY} of the account's concurrency unreserved, so a new account with a low concurrency quota may refuse reserved or provisioned concurrency (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).\n"
        ));
    }
    if config.executor == Executor::Embedded {
        add(&format!(
            "Lambda Lab ran this handler in its embedded engine behaving like {}; on AWS it runs on the real {} runtime.\n",
            config.runtime, config.runtime
        ));
    }
    add("## 1. Check the template\n");
    add("    sam validate --lint\n");
    add("## 2. Deploy\n");
    add("    sam deploy --guided\n");
    add("Answer the questions:\n");
    add(&format!("- Stack Name: `{stack}`"));
    add("- AWS Region: the Region to deploy to (use the same one below)");
    add("- Confirm changes before deploy: `y` (you see what will be created)");
    add("- Allow SAM CLI IAM role creation: `Y` (SAM creates the function's execution role)");
    add("- Disable rollback: `N`");
    if matches!(source, EventSource::HttpApi(_)) {
        add(
            "- … has no authentication. Is this okay?: `y` (the route is public: anyone with its URL can call it)",
        );
    }
    add(
        "- Save arguments to configuration file: `Y` (later `sam deploy` and `sam delete` need no answers)\n",
    );
    add("## 3. Invoke it\n");
    add(&format!("    {}", invoke_command(config)));
    add("    cat response.json\n");
    add(&format!(
        "`--cli-binary-format raw-in-base64-out` makes the AWS CLI send event.json as it is ({CLI_BINARY_FORMAT}). Add `--region REGION` to `aws` commands if your CLI's default Region is not the one you deployed to.\n"
    ));
    if config.provisioned_concurrency > 0 {
        add(&format!(
            "`{name}:{ALIAS}` is the alias with provisioned concurrency; `--function-name {name}` alone runs $LATEST on on-demand environments.\n"
        ));
    }
    add("Its log lines (START, your output, END, REPORT with AWS's own durations):\n");
    add(&format!(
        "    aws logs tail /aws/lambda/{name} --since 10m\n"
    ));
    add("## 4. Use its trigger\n");
    trigger_steps(&mut add, source, &stack);
    add("## 5. Clean up\n");
    if let EventSource::S3(_) = source {
        // "You can only delete empty buckets. Deletion fails for buckets that have contents."
        // CloudFormation, AWS::S3::Bucket
        // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html).
        add(
            "Empty the bucket first: CloudFormation cannot delete a bucket that still holds objects.\n",
        );
        add("    aws s3 rm s3://BUCKET --recursive\n");
    }
    add(&format!("    sam delete --stack-name {stack}\n"));
    // Lambda writes to /aws/lambda/NAME, creating it with the execution role's
    // logs:CreateLogGroup (SAM's default role has it), so the group is not a stack resource.
    add(&format!(
        "Lambda creates the log group on the first invoke, outside the stack, so it stays; delete it too:\n\n    aws logs delete-log-group --log-group-name /aws/lambda/{name}"
    ));
    out
}

fn trigger_steps(add: &mut dyn FnMut(&str), source: &EventSource, stack: &str) {
    let outputs = format!("    sam list stack-outputs --stack-name {stack}\n");
    match source {
        EventSource::None => {
            add("None: the function runs when you invoke it (step 3).\n");
        }
        EventSource::Sqs(sqs) => {
            add(
                "Find the queue's URL (QueueUrl) and send a message; Lambda polls the queue and invokes the function with a batch:\n",
            );
            add(&outputs);
            add(
                "    aws sqs send-message --queue-url QUEUE_URL --message-body '{\"hello\": \"world\"}'\n",
            );
            if sqs.report_batch_item_failures {
                add(
                    "The mapping has ReportBatchItemFailures: return `{\"batchItemFailures\": [{\"itemIdentifier\": messageId}]}` to retry only those messages.\n",
                );
            }
        }
        EventSource::S3(s3) => {
            let key = format!(
                "{}example{}",
                s3.prefix.as_deref().unwrap_or(""),
                s3.suffix.as_deref().unwrap_or(".txt")
            );
            add(
                "Find the bucket's name (BucketName) and upload an object; S3 invokes the function asynchronously:\n",
            );
            add(&outputs);
            add(&format!("    aws s3 cp FILE \"s3://BUCKET/{key}\"\n"));
            add(
                "Do not let the function write to the same bucket under a key that matches the trigger: every write would invoke it again, in a loop (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html).\n",
            );
        }
        EventSource::Schedule { expression } => {
            add(&format!(
                "EventBridge invokes the function on `{expression}` (cron times are UTC). Watch it run in the logs (step 3).\n"
            ));
        }
        EventSource::HttpApi(route) => {
            add(
                "Find the API's URL (ApiUrl) and call the route (fill in any {parameters} of the path):\n",
            );
            add(&outputs);
            let path = route.path.trim_start_matches('/');
            let method = if route.method == "ANY" {
                "GET"
            } else {
                &route.method
            };
            add(&format!("    curl -i -X {method} \"API_URL{path}\"\n"));
        }
    }
}
