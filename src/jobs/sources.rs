//! The event sources the window runs for the current handler: each on its own thread with its
//! own pool of environments, started and stopped from the Event sources page. Every delivery
//! comes back to the app as an [`AppCommand::SourceUpdate`], which adds its invocations to
//! the session (so History, the Cold starts timeline and the Cost page show them) and keeps
//! what the page shows: where the source listens, its latest deliveries, its counts, and the
//! summary it ended with.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::command::AppCommand;
use crate::model::queue::{OutgoingMessage, QueueConfig};
use crate::model::schedule::Expression;
use crate::runtime::config::FunctionConfig;
use crate::runtime::pool::Pool;
use crate::runtime::record::InvocationRecord;
use crate::session::{RunRequest, Session, Source};
use crate::sources::bucket::Watch;
use crate::sources::http::{HttpDelivery, HttpOptions};
use crate::sources::queue::{QueueRun, QueueUpdate};
use crate::sources::{Clock, StopFlag};

use super::Inbox;

/// Delivery lines kept per source for the page (the session keeps the records).
const LOG_LIMIT: usize = 200;

/// The four sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Http,
    Queue,
    Bucket,
    Schedule,
}

impl SourceKind {
    pub const ALL: [Self; 4] = [Self::Http, Self::Queue, Self::Bucket, Self::Schedule];

    pub fn label(self) -> &'static str {
        match self {
            Self::Http => "HTTP endpoint",
            Self::Queue => "SQS queue",
            Self::Bucket => "Folder as S3 bucket",
            Self::Schedule => "Schedule",
        }
    }
}

/// What to start, with its settings.
#[derive(Clone, Debug)]
pub enum SourceStart {
    /// The HTTP front door on 127.0.0.1:`port` (0: any free port).
    Http { options: HttpOptions, port: u16 },
    /// A schedule rule firing `count` times (None: until stopped), fast or in real time.
    Schedule {
        expression: Expression,
        text: String,
        fast: bool,
        count: Option<u32>,
    },
    /// A folder watched as a bucket (created if it does not exist).
    Bucket {
        dir: std::path::PathBuf,
        prefix: String,
        suffix: String,
    },
    /// A queue holding `messages`, its clock `speed` times real time.
    Queue {
        config: QueueConfig,
        messages: Vec<OutgoingMessage>,
        speed: f64,
    },
}

impl SourceStart {
    pub fn kind(&self) -> SourceKind {
        match self {
            Self::Http { .. } => SourceKind::Http,
            Self::Queue { .. } => SourceKind::Queue,
            Self::Schedule { .. } => SourceKind::Schedule,
            Self::Bucket { .. } => SourceKind::Bucket,
        }
    }
}

/// News from a running source.
#[derive(Clone, Debug)]
pub struct SourceUpdate {
    pub kind: SourceKind,
    pub change: SourceChange,
}

#[derive(Clone, Debug)]
pub enum SourceChange {
    /// Running: where it listens or what it watches, in a sentence.
    Started(String),
    Delivered(Delivery),
    /// A line for the page's list that is not a delivery (a warning, a retry).
    Note(String),
    /// The queue's counts at a moment of its clock (seconds since it started).
    QueueCounts {
        clock_secs: f64,
        visible: usize,
        in_flight: usize,
        dead_lettered: usize,
    },
    /// Stopped, with what it says about where everything went.
    Stopped(Vec<String>),
    /// Could not start, or failed while running.
    Failed(String),
}

/// One delivery: what the page lists, and the invocations it made (none when the front door
/// answered on its own).
#[derive(Clone, Debug)]
pub struct Delivery {
    /// One line for people ("GET /orders/1 → 200 · cold · 12 ms").
    pub line: String,
    /// What the session's History calls the event ("queue: batch of 3").
    pub event_label: String,
    pub event_json: Arc<str>,
    pub records: Vec<InvocationRecord>,
}

/// A source's thread and how to stop it.
struct Runner {
    stop: StopFlag,
    thread: std::thread::JoinHandle<()>,
}

/// What the page shows for one source.
#[derive(Default)]
pub struct SourceSlot {
    runner: Option<Runner>,
    /// The handler the source delivers to.
    pub handler: String,
    pub started: Option<String>,
    /// Newest last.
    pub log: VecDeque<String>,
    pub deliveries: usize,
    pub summary: Vec<String>,
    pub error: Option<String>,
    /// (clock seconds, visible, in flight, dead-lettered), for the queue's chart.
    pub queue_counts: Vec<[f64; 4]>,
}

impl SourceSlot {
    pub fn is_running(&self) -> bool {
        self.runner
            .as_ref()
            .is_some_and(|runner| !runner.thread.is_finished())
    }

    fn reset(&mut self, handler: &str) {
        *self = Self {
            handler: handler.to_owned(),
            ..Self::default()
        };
    }
}

/// Every source's slot.
pub struct Sources {
    inbox: Inbox,
    pub http: SourceSlot,
    pub queue: SourceSlot,
    pub bucket: SourceSlot,
    pub schedule: SourceSlot,
}

impl Sources {
    pub fn new(inbox: Inbox) -> Self {
        Self {
            inbox,
            http: SourceSlot::default(),
            queue: SourceSlot::default(),
            bucket: SourceSlot::default(),
            schedule: SourceSlot::default(),
        }
    }

    pub fn slot(&self, kind: SourceKind) -> &SourceSlot {
        match kind {
            SourceKind::Http => &self.http,
            SourceKind::Queue => &self.queue,
            SourceKind::Bucket => &self.bucket,
            SourceKind::Schedule => &self.schedule,
        }
    }

    fn slot_mut(&mut self, kind: SourceKind) -> &mut SourceSlot {
        match kind {
            SourceKind::Http => &mut self.http,
            SourceKind::Queue => &mut self.queue,
            SourceKind::Bucket => &mut self.bucket,
            SourceKind::Schedule => &mut self.schedule,
        }
    }

    /// Asks a source to stop; its thread reports `Stopped` when it has.
    pub fn stop(&mut self, kind: SourceKind) {
        if let Some(runner) = &self.slot(kind).runner {
            runner.stop.set();
        }
    }

    /// Asks every source to stop (the window is closing).
    pub fn stop_all(&mut self) {
        for kind in SourceKind::ALL {
            self.stop(kind);
        }
    }

    /// Starts `run` on its own thread as `kind`'s runner (stopping one already running).
    /// `run` gets the pool, the stop flag and a way to report.
    pub fn start(
        &mut self,
        kind: SourceKind,
        config: FunctionConfig,
        run: impl FnOnce(Pool, StopFlag, Reporter) + Send + 'static,
    ) {
        self.stop(kind);
        let stop = StopFlag::default();
        let reporter = Reporter {
            kind,
            inbox: self.inbox.clone(),
            handler: config.function_name.clone(),
        };
        let slot = self.slot_mut(kind);
        slot.reset(&config.function_name);
        slot.started = Some("Starting…".to_owned());
        let flag = stop.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("source-{kind:?}").to_lowercase())
            .spawn(move || {
                let pool = Pool::new(config);
                if let Some(refusal) = pool.refused() {
                    reporter.send(SourceChange::Failed(refusal.to_string()));
                    return;
                }
                run(pool, flag, reporter);
            });
        match spawned {
            Ok(thread) => slot.runner = Some(Runner { stop, thread }),
            Err(error) => {
                slot.started = None;
                slot.error = Some(format!("Could not start a thread: {error}"));
            }
        }
    }

    /// Starts the source `start` describes, delivering to `config`'s function.
    pub fn start_source(&mut self, config: FunctionConfig, start: SourceStart) {
        match start {
            SourceStart::Http { options, port } => {
                self.start(SourceKind::Http, config, run_http(options, port));
            }
            SourceStart::Queue {
                config: queue,
                messages,
                speed,
            } => self.start(SourceKind::Queue, config, run_queue(queue, messages, speed)),
            SourceStart::Bucket {
                dir,
                prefix,
                suffix,
            } => self.start(SourceKind::Bucket, config, run_bucket(dir, prefix, suffix)),
            SourceStart::Schedule {
                expression,
                text,
                fast,
                count,
            } => self.start(
                SourceKind::Schedule,
                config,
                run_schedule(expression, text, fast, count),
            ),
        }
    }

    /// Applies a source's news: its invocations go to the session.
    pub fn apply(&mut self, update: SourceUpdate, session: &mut Session) {
        let slot = self.slot_mut(update.kind);
        match update.change {
            SourceChange::Started(detail) => slot.started = Some(detail),
            SourceChange::Note(line) => {
                slot.log.push_back(line);
                while slot.log.len() > LOG_LIMIT {
                    slot.log.pop_front();
                }
            }
            SourceChange::Delivered(delivery) => {
                slot.deliveries += 1;
                slot.log.push_back(delivery.line);
                while slot.log.len() > LOG_LIMIT {
                    slot.log.pop_front();
                }
                if !delivery.records.is_empty() {
                    session.add_delivery(
                        Source::EventSource,
                        delivery.records,
                        RunRequest {
                            handler: slot.handler.clone(),
                            event_label: delivery.event_label,
                            event_json: delivery.event_json,
                        },
                    );
                }
            }
            SourceChange::QueueCounts {
                clock_secs,
                visible,
                in_flight,
                dead_lettered,
            } => slot.queue_counts.push([
                clock_secs,
                visible as f64,
                in_flight as f64,
                dead_lettered as f64,
            ]),
            SourceChange::Stopped(summary) => {
                slot.summary = summary;
                slot.started = None;
            }
            SourceChange::Failed(error) => {
                slot.error = Some(error);
                slot.started = None;
            }
        }
    }
}

/// How a source's thread reports to the app.
#[derive(Clone)]
pub struct Reporter {
    kind: SourceKind,
    inbox: Inbox,
    handler: String,
}

impl Reporter {
    pub fn send(&self, change: SourceChange) {
        self.inbox.send(AppCommand::SourceUpdate(SourceUpdate {
            kind: self.kind,
            change,
        }));
    }

    /// The handler the source delivers to.
    pub fn handler(&self) -> &str {
        &self.handler
    }
}

/// Serves the HTTP front door on 127.0.0.1:`port` (0: any free port) until stopped.
pub fn run_http(options: HttpOptions, port: u16) -> impl FnOnce(Pool, StopFlag, Reporter) + Send {
    move |pool, stop, reporter| {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
        {
            Ok(runtime) => runtime,
            Err(error) => return reporter.send(SourceChange::Failed(error.to_string())),
        };
        let listener = match std::net::TcpListener::bind(("127.0.0.1", port)) {
            Ok(listener) => listener,
            Err(error) => {
                return reporter.send(SourceChange::Failed(format!(
                    "Cannot listen on 127.0.0.1:{port}: {error}"
                )));
            }
        };
        let address = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        reporter.send(SourceChange::Started(format!("http://{address}/")));
        let deliveries = reporter.clone();
        let app = crate::sources::http::router(
            options,
            pool,
            Arc::new(move |delivery: HttpDelivery| {
                deliveries.send(SourceChange::Delivered(http_delivery(delivery)));
            }),
        );
        let stopped = async move {
            while !stop.is_set() {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        };
        let served = runtime.block_on(crate::sources::http::serve_until(listener, app, stopped));
        runtime.shutdown_timeout(std::time::Duration::from_secs(1));
        reporter.send(match served {
            Ok(()) => SourceChange::Stopped(vec!["The server stopped.".to_owned()]),
            Err(error) => SourceChange::Failed(error.to_string()),
        });
    }
}

/// Delivers `messages` through a queue until each is deleted or dead-lettered, or stopped.
pub fn run_queue(
    queue: QueueConfig,
    messages: Vec<OutgoingMessage>,
    speed: f64,
) -> impl FnOnce(Pool, StopFlag, Reporter) + Send {
    move |mut pool, stop, reporter| {
        let clock = Clock::real_time(speed);
        let count = messages.len();
        let mut run = match QueueRun::new(queue, messages, &clock) {
            Ok(run) => run,
            Err(error) => return reporter.send(SourceChange::Failed(error)),
        };
        reporter.send(SourceChange::Started(format!(
            "Delivering {} at {}× real time",
            crate::model::format::counted(count, "message", "messages"),
            crate::model::format::decimals(clock.speed(), 1)
        )));
        for warning in run.warnings() {
            reporter.send(SourceChange::Note(format!("Warning: {warning}")));
        }
        run.deliver(&mut pool, &clock, &stop, &mut |update| match update {
            QueueUpdate::Counts { clock_secs, counts } => {
                reporter.send(SourceChange::QueueCounts {
                    clock_secs,
                    visible: counts.visible + counts.delayed,
                    in_flight: counts.in_flight,
                    dead_lettered: counts.dead_lettered,
                });
            }
            QueueUpdate::Delivered(delivery) => {
                let record = &delivery.record;
                let line = format!(
                    "{} → {} · {} · {:.2} ms · {}",
                    delivery.label,
                    if record.status == crate::runtime::record::Status::Success {
                        "ok".to_owned()
                    } else {
                        record
                            .error
                            .as_ref()
                            .map_or("failed".to_owned(), |e| e.error_type.clone())
                    },
                    if record.cold { "cold" } else { "warm" },
                    record.duration_ms,
                    delivery.verdict.join("; ")
                );
                reporter.send(SourceChange::Delivered(Delivery {
                    line,
                    event_label: format!("queue: {}", delivery.label),
                    event_json: Arc::from(delivery.event_json.as_str()),
                    records: vec![delivery.record.clone()],
                }));
            }
        });
        reporter.send(SourceChange::Stopped(run.summary_lines(&clock).lines));
    }
}

/// Watches the folder as a bucket until stopped.
pub fn run_bucket(
    dir: std::path::PathBuf,
    prefix: String,
    suffix: String,
) -> impl FnOnce(Pool, StopFlag, Reporter) + Send {
    move |mut pool, stop, reporter| {
        if let Err(error) = std::fs::create_dir_all(&dir) {
            return reporter.send(SourceChange::Failed(format!(
                "Cannot create {}: {error}",
                dir.display()
            )));
        }
        let watch = match Watch::new(&dir, Some(&prefix), Some(&suffix)) {
            Ok(watch) => watch,
            Err(error) => return reporter.send(SourceChange::Failed(error)),
        };
        let baseline = match crate::sources::bucket::baseline(&watch) {
            Ok(baseline) => baseline,
            Err(error) => {
                return reporter.send(SourceChange::Failed(format!("{}: {error}", dir.display())));
            }
        };
        reporter.send(SourceChange::Started(format!(
            "Watching {} as the bucket \"{}\"",
            dir.display(),
            watch.bucket
        )));
        let mut failed = 0;
        let watched =
            crate::sources::bucket::run(&mut pool, &watch, baseline, &stop, &mut |event| {
                let attempts = event.invocation.attempts.len();
                let outcome = match &event.invocation.failure {
                    Some(_) => format!("failed all {attempts} attempts: on-failure destination"),
                    None if attempts > 1 => format!("ok on attempt {attempts}"),
                    None => "ok".to_owned(),
                };
                if event.invocation.failure.is_some() {
                    failed += 1;
                }
                let what = format!("{} {}", event.change.event_name(), event.change.key());
                reporter.send(SourceChange::Delivered(Delivery {
                    line: format!("{what} → {outcome}"),
                    event_label: format!("bucket: {what}"),
                    event_json: Arc::from(event.event_json.as_str()),
                    records: event.invocation.attempts.clone(),
                }));
            });
        reporter.send(match watched {
            Ok(sent) => SourceChange::Stopped(vec![format!(
                "{} sent; {failed} failed every attempt.",
                crate::model::format::counted(sent as usize, "event", "events")
            )]),
            Err(error) => SourceChange::Failed(format!("{}: {error}", dir.display())),
        });
    }
}

/// Fires the schedule on its clock until `count` firings or stopped.
pub fn run_schedule(
    expression: Expression,
    text: String,
    fast: bool,
    count: Option<u32>,
) -> impl FnOnce(Pool, StopFlag, Reporter) + Send {
    move |mut pool, stop, reporter| {
        let speed = if fast {
            crate::sources::schedule::fast_speed()
        } else {
            1.0
        };
        let clock = Clock::real_time(speed);
        let rule_name = format!("{}-schedule", reporter.handler());
        reporter.send(SourceChange::Started(format!(
            "Rule {rule_name}: {text}, {}",
            if fast {
                "a day in 10 seconds"
            } else {
                "in real time"
            }
        )));
        let mut failed = 0;
        let rule = crate::sources::schedule::Rule {
            expression,
            name: rule_name,
            created: crate::sources::schedule::clock_time(clock.now_ms()),
        };
        let fired =
            crate::sources::schedule::run(&mut pool, &rule, &clock, count, &stop, &mut |firing| {
                let time = crate::sources::schedule::describe_time(firing.fire_time);
                let attempts = firing.invocation.attempts.len();
                let outcome = match &firing.invocation.failure {
                    Some(failure) => format!(
                        "failed all {attempts} attempts ({}): on-failure destination",
                        failure
                            .error
                            .as_ref()
                            .map_or("error", |error| error.error_type.as_str())
                    ),
                    None if attempts > 1 => format!("ok on attempt {attempts}"),
                    None => "ok".to_owned(),
                };
                if firing.invocation.failure.is_some() {
                    failed += 1;
                }
                let cold = firing
                    .invocation
                    .attempts
                    .first()
                    .is_some_and(|record| record.cold);
                reporter.send(SourceChange::Delivered(Delivery {
                    line: format!(
                        "fired {time} → {outcome} · {}",
                        if cold { "cold" } else { "warm" }
                    ),
                    event_label: format!("schedule: {time}"),
                    event_json: Arc::from(firing.event_json.as_str()),
                    records: firing.invocation.attempts.clone(),
                }));
            });
        reporter.send(SourceChange::Stopped(vec![format!(
            "{} fired; {failed} failed every attempt.",
            crate::model::format::counted(fired as usize, "firing", "firings")
        )]));
    }
}

fn http_delivery(delivery: HttpDelivery) -> Delivery {
    let line = match (&delivery.record, delivery.late) {
        (Some(record), true) => format!(
            "{} ended after the front door's timeout answer ({:.2} ms)",
            delivery.request_line, record.duration_ms
        ),
        (Some(record), false) => format!(
            "{} → {} · {} · {:.2} ms",
            delivery.request_line,
            delivery.status,
            if record.cold { "cold" } else { "warm" },
            record.duration_ms
        ),
        (None, _) => format!(
            "{} → {} · {}",
            delivery.request_line, delivery.status, delivery.rule
        ),
    };
    Delivery {
        line,
        event_label: format!("http: {}", delivery.request_line),
        event_json: delivery.event_json.unwrap_or_else(|| Arc::from("")),
        records: delivery.record.into_iter().collect(),
    }
}
