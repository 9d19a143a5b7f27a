//! What invokes the exported function on AWS, if anything: an SQS queue, S3 bucket
//! notifications, a schedule or an HTTP API route, each checked against the rules AWS applies
//! when the stack is created, so a bad setting fails here rather than halfway through a deploy.

use crate::model::front_door::request::Route;
use crate::model::queue::QueueConfig;
use crate::model::queue::limits::MAX_VISIBILITY_TIMEOUT_SECS;

/// The S3 event types a notification can name, e.g. `s3:ObjectCreated:*`.
/// Source: S3 User Guide, "Event notification types and destinations".
pub const S3_EVENT_TYPES: &str = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html";

/// The methods an HTTP API route can have (`ANY` matches all of them). Source: API Gateway
/// developer guide, "Create routes for HTTP APIs"
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html>),
/// which names `ANY`; the full list is the AWS CDK's `aws_apigatewayv2.HttpMethod`.
const HTTP_METHODS: [&str; 8] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY",
];

/// The trigger written into the template's `Events:` (with the queue or bucket it needs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum EventSource {
    /// Invoked only by hand (`aws lambda invoke`).
    #[default]
    None,
    /// A new standard queue, read by an event source mapping.
    Sqs(SqsSource),
    /// Notifications from a new bucket.
    S3(S3Source),
    /// An EventBridge rule on a `rate(...)` or `cron(...)` expression.
    Schedule { expression: String },
    /// A route of a new HTTP API (payload format 2.0).
    HttpApi(HttpRoute),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqsSource {
    pub batch_size: u32,
    /// `MaximumBatchingWindowInSeconds`; 0 for none.
    pub batch_window_secs: u32,
    /// Adds `ReportBatchItemFailures` to `FunctionResponseTypes`.
    pub report_batch_item_failures: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Source {
    /// S3 event types, e.g. `s3:ObjectCreated:*`.
    pub events: Vec<String>,
    /// Key name filters as plain text (`holiday photos/`); the template writes them encoded,
    /// as S3 asks (`model::bucket::Filter::from_plain`). Empty means no filter.
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRoute {
    /// Upper case, e.g. `GET` or `ANY`.
    pub method: String,
    /// e.g. `/orders/{id}`.
    pub path: String,
}

impl HttpRoute {
    /// Parses `GET /orders/{id}` as the local HTTP front door does.
    pub fn parse(text: &str) -> Result<HttpRoute, String> {
        let route = Route::parse(text).map_err(|error| error.to_string())?;
        let (method, path) = route.key().split_once(' ').unwrap_or(("", route.key()));
        if !HTTP_METHODS.contains(&method) {
            return Err(format!(
                "route {text:?}: {method} is not an HTTP API method (use one of {})",
                HTTP_METHODS.join(", ")
            ));
        }
        Ok(HttpRoute {
            method: method.to_owned(),
            path: path.to_owned(),
        })
    }
}

impl SqsSource {
    /// The queue as the template creates it: a visibility timeout of six times the function
    /// timeout plus the batching window, as AWS recommends, and never less than the function
    /// timeout (AWS refuses that mapping).
    pub fn queue(&self, function_timeout_secs: u32) -> QueueConfig {
        let mut queue = QueueConfig {
            batch_size: self.batch_size,
            batch_window_secs: self.batch_window_secs,
            report_batch_item_failures: self.report_batch_item_failures,
            function_timeout_secs,
            ..QueueConfig::standard("queue")
        };
        queue.visibility_timeout_secs = queue
            .recommended_visibility_timeout_secs()
            .min(MAX_VISIBILITY_TIMEOUT_SECS);
        queue
    }
}

impl EventSource {
    /// What AWS would refuse when creating the stack, worded for the command line.
    pub fn validate(&self, function_timeout_secs: u32) -> Result<(), String> {
        match self {
            EventSource::None => Ok(()),
            EventSource::Sqs(sqs) => {
                sqs.queue(function_timeout_secs)
                    .validate()
                    .map_err(|problems| {
                        problems
                            .iter()
                            .map(|problem| {
                                format!("SQS: {} ({})", problem.message, problem.doc_url)
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
            }
            EventSource::S3(s3) => {
                if s3.events.is_empty() {
                    return Err(
                        "S3: name at least one event type, e.g. s3:ObjectCreated:*".to_owned()
                    );
                }
                if let Some(bad) = s3.events.iter().find(|event| !event.starts_with("s3:")) {
                    return Err(format!(
                        "S3: {bad:?} is not an S3 event type; they look like s3:ObjectCreated:* or s3:ObjectRemoved:Delete ({S3_EVENT_TYPES})"
                    ));
                }
                Ok(())
            }
            EventSource::Schedule { expression } => crate::model::schedule::parse(expression)
                .map(|_| ())
                .map_err(|error| format!("schedule {expression:?}: {error}")),
            EventSource::HttpApi(route) => {
                HttpRoute::parse(&format!("{} {}", route.method, route.path)).map(|_| ())
            }
        }
    }

    /// Its name in the README and the CLI's summary.
    pub fn describe(&self) -> String {
        match self {
            EventSource::None => "no trigger".to_owned(),
            EventSource::Sqs(sqs) => format!("an SQS queue (batch size {})", sqs.batch_size),
            EventSource::S3(s3) => format!("S3 notifications ({})", s3.events.join(", ")),
            EventSource::Schedule { expression } => format!("the schedule {expression}"),
            EventSource::HttpApi(route) => {
                format!("the HTTP API route {} {}", route.method, route.path)
            }
        }
    }
}

/// The trigger an export gets when the app exports what the Playground runs: the one whose
/// event is in the editor (an SQS batch, an S3 notification, an HTTP API request), with
/// Lambda's defaults; anything else gets none. The README of the export says which.
pub fn suggested_for(event_json: &str) -> EventSource {
    let Ok(event) = serde_json::from_str::<serde_json::Value>(event_json) else {
        return EventSource::None;
    };
    let kind = crate::content::shape::detect(&event).map(|kind| kind.rust_type);
    match kind {
        // 10 is the SQS mapping's default batch size (CreateEventSourceMapping); the
        // lessons teach partial batch responses, which change nothing for a handler that
        // returns none.
        Some("sqs::SqsEvent") => EventSource::Sqs(SqsSource {
            batch_size: 10,
            batch_window_secs: 0,
            report_batch_item_failures: true,
        }),
        Some("s3::S3Event") => {
            let removed = event
                .pointer("/Records/0/eventName")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|name| name.starts_with("ObjectRemoved"));
            EventSource::S3(S3Source {
                events: vec![
                    if removed {
                        "s3:ObjectRemoved:*"
                    } else {
                        "s3:ObjectCreated:*"
                    }
                    .to_owned(),
                ],
                prefix: None,
                suffix: None,
            })
        }
        Some("apigw::ApiGatewayV2httpRequest") => event
            .get("routeKey")
            .and_then(serde_json::Value::as_str)
            .and_then(|route| HttpRoute::parse(route).ok())
            .map_or(EventSource::None, EventSource::HttpApi),
        _ => EventSource::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_parse_like_the_local_front_door_and_refuse_unknown_methods() {
        assert_eq!(
            HttpRoute::parse("get /orders/{id}"),
            Ok(HttpRoute {
                method: "GET".to_owned(),
                path: "/orders/{id}".to_owned()
            })
        );
        assert!(
            HttpRoute::parse("FETCH /x")
                .unwrap_err()
                .contains("not an HTTP API method")
        );
        assert!(HttpRoute::parse("GET orders").is_err());
    }

    #[test]
    fn sqs_queues_get_six_function_timeouts_of_visibility_and_aws_rules_apply() {
        let sqs = SqsSource {
            batch_size: 10,
            batch_window_secs: 0,
            report_batch_item_failures: true,
        };
        assert_eq!(sqs.queue(30).visibility_timeout_secs, 180);
        assert_eq!(EventSource::Sqs(sqs.clone()).validate(30), Ok(()));
        let large = EventSource::Sqs(SqsSource {
            batch_size: 100,
            ..sqs
        });
        assert!(
            large
                .validate(3)
                .unwrap_err()
                .contains("batching window of at least 1 s")
        );
    }

    #[test]
    fn schedules_and_s3_events_are_checked() {
        let schedule = |expression: &str| EventSource::Schedule {
            expression: expression.to_owned(),
        };
        assert_eq!(schedule("rate(5 minutes)").validate(3), Ok(()));
        assert!(schedule("every 5 minutes").validate(3).is_err());
        let s3 = |events: &[&str], prefix: Option<&str>| {
            EventSource::S3(S3Source {
                events: events.iter().map(|e| (*e).to_owned()).collect(),
                prefix: prefix.map(str::to_owned),
                suffix: None,
            })
        };
        assert_eq!(
            s3(&["s3:ObjectCreated:*"], Some("uploads/")).validate(3),
            Ok(())
        );
        assert!(s3(&["ObjectCreated"], None).validate(3).is_err());
        assert!(s3(&[], None).validate(3).is_err());
    }
}
