//! What the learner set on the Event sources page, kept in `state.json` so a restart finds
//! the same endpoint, messages, folder and schedule.

use serde::{Deserialize, Serialize};

use super::http::Integration;

/// The page's tabs, one per source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceTab {
    #[default]
    Http,
    Queue,
    Bucket,
    Schedule,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSourcesSettings {
    pub tab: SourceTab,
    /// A Try it asked for the tab's source to start once the Playground's handler is ready
    /// (not saved: a restart does not start anything by itself).
    #[serde(skip)]
    pub start_requested: bool,
    pub http: HttpSettings,
    pub queue: QueueSettings,
    pub bucket: BucketSettings,
    pub schedule: ScheduleSettings,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    pub integration: Integration,
    /// One route per line (`GET /orders/{id}`); empty: `$default` or the catch-all.
    pub routes: String,
    pub multi_value_headers: bool,
    /// Empty: the front door's default.
    pub integration_timeout_ms: String,
    /// 0: any free port.
    pub port: u16,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            integration: Integration::HttpApi,
            routes: String::new(),
            multi_value_headers: false,
            integration_timeout_ms: String::new(),
            port: 3000,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueueSettings {
    /// JSON Lines: one message per line.
    pub messages: String,
    pub batch_size: u32,
    pub batch_window_secs: u32,
    pub visibility_timeout_secs: u32,
    /// 0: no dead-letter queue.
    pub max_receive_count: u32,
    pub report_batch_item_failures: bool,
    pub fifo: bool,
    /// How many times faster than real time the queue's clock runs.
    pub speed: f64,
}

impl Default for QueueSettings {
    fn default() -> Self {
        Self {
            messages: concat!(
                r#"{"body": "{\"orderId\": 1043, \"item\": \"coffee beans\"}"}"#,
                "\n",
                r#"{"body": "{\"orderId\": 1044, \"item\": \"green tea\"}"}"#,
                "\n",
                r#"{"body": "not json: a poison message"}"#,
                "\n"
            )
            .to_owned(),
            batch_size: 10,
            batch_window_secs: 0,
            visibility_timeout_secs: 30,
            max_receive_count: 3,
            report_batch_item_failures: false,
            fifo: false,
            speed: 10.0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BucketSettings {
    /// Empty: a `bucket` folder in the data folder.
    pub folder: String,
    pub prefix: String,
    pub suffix: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScheduleSettings {
    pub expression: String,
    /// A day of the schedule in 10 seconds.
    pub fast: bool,
    /// Stop after this many firings.
    pub count: u32,
}

impl Default for ScheduleSettings {
    fn default() -> Self {
        Self {
            expression: "cron(0/15 * * * ? *)".to_owned(),
            fast: true,
            count: 8,
        }
    }
}
