//! The Playground's results panel: the invocation shown (status, cold or warm and why, the
//! REPORT numbers, the error explained, the response, the CloudWatch log lines), the outcome
//! of asynchronous invokes, and the session's history.

use super::PlaygroundPage;
use super::client_view::{self, ClientView};
use super::history::{self, HistoryAction};
use super::run_table;
use crate::command::AppCommand;
use crate::model::lambda::Architecture;
use crate::model::limits::ASYNC_RETRY_DELAYS_SECS;
use crate::runtime::pool::AsyncInvocation;
use crate::runtime::record::{InvocationRecord, Status};
use crate::session::Source;
use crate::state::PlaygroundSettings;
use crate::ui::AppView;
use crate::ui::theme;

/// One line on what an error means and what to try, for the error types learners meet.
pub fn explain_error(error_type: &str) -> &'static str {
    match error_type {
        "Runtime.OutOfMemory" => {
            "The function used more memory than its memory size. Raise the memory, or process the data in pieces (stream it) instead of holding it all."
        }
        "Sandbox.Timedout" => {
            "The handler ran past the timeout and Lambda stopped it; the environment is reset, so the next invoke is cold. Raise the timeout or find what waits too long."
        }
        "Runtime.UserCodeSyntaxError" => {
            "The module does not parse. Look at the line in the message; nothing ran."
        }
        "Runtime.ImportModuleError" => {
            "A module could not be found or loaded. Check the handler's file name and its imports."
        }
        "Runtime.HandlerNotFound" => {
            "The module loaded but does not export the function the handler string names. Check `export const handler` and the handler setting."
        }
        "Runtime.MalformedHandlerName" => {
            "The handler setting must look like file.export, e.g. index.handler."
        }
        "TooManyRequestsException" => {
            "Throttled: every environment allowed by the concurrency limit was busy. Lower the burst, or raise reserved concurrency."
        }
        "RequestEntityTooLargeException" => {
            "The event is larger than Lambda accepts: 6 MB for a synchronous invoke, 1 MB for an asynchronous one."
        }
        "Function.ResponseSizeTooLarge" => {
            "The response is over 6 MB. Return less, or store the result (in S3) and return where it is."
        }
        "Runtime.UnmarshalError" => "The event could not be read as JSON. Check the event text.",
        "Runtime.JSONStringifyError" => {
            "The response could not be turned into JSON (a circular object or a BigInt?). Return plain data."
        }
        "Runtime.NodeJsExit" => {
            "Nothing was left running that could settle the async handler's promise (a Promise that never resolves, or a callback API whose callback never fires). Await a promise that finishes, or wrap the callback API in a promise."
        }
        "Runtime.CallbackHandlerDeprecated" => {
            "From nodejs24.x Lambda refuses handlers that take (event, context, callback). Make the handler async and return the result (or throw)."
        }
        "Runtime.UnhandledPromiseRejection" => {
            "A promise was rejected and nothing handled it. Await every promise you start (or add .catch); the runtime then restarts, so the next invoke is cold."
        }
        "Runtime.ExitError" => {
            "The runtime process ended in the middle of the invoke (process.exit, or Node crashed on an uncaught error). The environment is reset: the next invoke is cold."
        }
        "RangeError" => {
            "Often endless recursion (Maximum call stack size exceeded). Check the function calls itself only with a way out."
        }
        _ => {
            "Your code threw this error (or rejected its promise). The trace shows where; Lambda reports it as a function error."
        }
    }
}

/// The cost of one invoke at the first x86_64 tier, before the free tier (the Cost page has
/// the full model).
pub fn invoke_cost_usd(record: &InvocationRecord) -> f64 {
    let streamed = record.stream.as_ref().map_or(0.0, |stream| {
        crate::model::pricing::streamed_usd(stream.body().len())
    });
    crate::model::pricing::invocation_usd(
        record.billed_duration_ms,
        record.memory_size_mb,
        Architecture::X86_64,
    ) + streamed
}

impl PlaygroundPage {
    pub(super) fn results(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        next: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let session = view.session;
        // New invocations arrived: show the newest run again, from the top, as the console
        // does after a test.
        let mut area = egui::ScrollArea::vertical()
            .id_salt("playground_results_scroll")
            .auto_shrink([false, false]);
        if session.generation() != self.seen_generation {
            self.seen_generation = session.generation();
            self.shown = None;
            area = area.vertical_scroll_offset(0.0);
        }
        let handler = next.handler.clone();
        area.show(ui, |ui| {
            for invocation in session.asynchronous() {
                async_summary(ui, invocation);
            }
            let live = crate::runtime::pool::live_stream();
            if !live.is_empty() {
                ui.label(
                    egui::RichText::new(format!(
                        "Streaming… {} chunks so far, as the handler writes them",
                        live.len()
                    ))
                    .strong(),
                );
                chunk_grid(ui, &live, "live_chunk_grid");
                ui.separator();
            }
            // Only this handler's results: another handler's would be a stale screen.
            let latest = session.latest_run_of(&handler);
            if let Some((run, records)) = &latest
                && records.len() > 1
                && let Some(clicked) = run_table::show(ui, run, records, self.shown.as_ref())
            {
                self.shown = Some(clicked);
            }
            // The entry shown: the one clicked, else this handler's newest.
            let shown: Option<&crate::session::Entry> = match &self.shown {
                Some((id, started)) => session
                    .by_hand_entries()
                    .rev()
                    .find(|e| &e.record.request_id == id && e.record.started_at_ms == *started),
                None => latest.as_ref().and_then(|(run, _)| {
                    session
                        .by_hand_entries()
                        .rev()
                        .find(|e| e.run.as_ref().is_some_and(|r| r.id == run.id))
                }),
            };
            match shown {
                Some(entry) => {
                    let record = &entry.record;
                    if latest.as_ref().is_some_and(|(_, records)| records.len() > 1) {
                        ui.add_space(4.0);
                        ui.label(
                            egui::RichText::new(format!(
                                "Invoke {}",
                                short_id(&record.request_id)
                            ))
                            .weak(),
                        );
                    }
                    let key = (record.request_id.clone(), record.started_at_ms);
                    if self.client_view.as_ref().is_none_or(|(known, _)| *known != key) {
                        let view = entry
                            .run
                            .as_ref()
                            .and_then(|run| client_view::compute(record, &run.request.event_json));
                        self.client_view = Some((key, view));
                    }
                    let client = self.client_view.as_ref().and_then(|(_, view)| view.as_ref());
                    record_view(ui, record, client);
                }
                None => {
                    ui.label(format!(
                        "No invoke of {handler} yet in this session: press Invoke (Ctrl+Enter) to run it with this event."
                    ));
                }
            }
            ui.add_space(8.0);
            match history::show(ui, session, &mut self.history_filter, &handler) {
                Some(HistoryAction::Open(id, started)) => self.shown = Some((id, started)),
                Some(HistoryAction::Rerun {
                    event_label,
                    event_json,
                }) => {
                    self.invoke(
                        view,
                        next,
                        Source::Playground,
                        Some((event_label, event_json)),
                        commands,
                    );
                }
                Some(HistoryAction::SwitchTo(other)) => {
                    next.handler = other;
                    next.leave_try_it();
                }
                None => {}
            }
            if session.by_hand_count() > 0 && ui.small_button("Clear history").clicked() {
                commands.push(AppCommand::ClearHistory);
                self.shown = None;
            }
        });
    }
}

pub(super) fn status_text(record: &InvocationRecord) -> &'static str {
    match record.status {
        Status::Success => "success",
        Status::Error => "error",
        Status::Timeout => "timeout",
        Status::OutOfMemory => "out of memory",
        Status::Throttled => "throttled",
    }
}

fn async_summary(ui: &mut egui::Ui, invocation: &AsyncInvocation) {
    let attempts = invocation.attempts.len();
    let text = match (invocation.status_code, &invocation.failure) {
        (202, None) => format!(
            "Event accepted (HTTP 202) as request {}; it ran in the background and succeeded{}.",
            short_id(&invocation.request_id),
            if attempts > 1 {
                format!(" on attempt {attempts}")
            } else {
                String::new()
            }
        ),
        (202, Some(_)) => format!(
            "Event accepted (HTTP 202) as request {}; all {attempts} attempts failed (on AWS the retries come about {} s and {} s later), so it went to the on-failure list with the original event.",
            short_id(&invocation.request_id),
            ASYNC_RETRY_DELAYS_SECS[0],
            ASYNC_RETRY_DELAYS_SECS[1]
        ),
        (code, _) => {
            format!("Rejected with HTTP {code}: the event is over the 1 MB asynchronous limit.")
        }
    };
    ui.label(egui::RichText::new(text).strong());
}

fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// A response indented for reading, made once while it is on screen rather than every frame
/// (a response may be 6 MB). Key order is kept, so fields read in the order the handler wrote them.
#[derive(Default)]
struct PrettyJson;

impl egui::cache::ComputerMut<&str, std::sync::Arc<str>> for PrettyJson {
    fn compute(&mut self, json: &str) -> std::sync::Arc<str> {
        serde_json::from_str::<serde_json::Value>(json)
            .and_then(|value| serde_json::to_string_pretty(&value))
            .map_or_else(|_| json.into(), Into::into)
    }
}

fn record_view(ui: &mut egui::Ui, record: &InvocationRecord, client: Option<&ClientView>) {
    ui.horizontal_wrapped(|ui| {
        let (status_colour, status) = if record.status == Status::Success {
            (theme::success(ui), "✔ Succeeded")
        } else {
            (ui.visuals().error_fg_color, "✖ Failed")
        };
        ui.label(egui::RichText::new(status).strong().color(status_colour));
        ui.separator();
        let cold = match (record.cold, record.cold_reason) {
            (true, Some(reason)) => format!("❄ cold: {}", reason.explain()),
            (true, None) => "❄ cold".to_owned(),
            (false, _) if record.status == Status::Throttled => "no environment (throttled)".to_owned(),
            (false, _) => "warm: reused an environment".to_owned(),
        };
        ui.label(cold);
        ui.separator();
        if let Some(init) = record.init_duration_ms {
            ui.label(format!("init {init:.2} ms"));
        }
        ui.label(format!("duration {:.2} ms", record.duration_ms));
        ui.label(format!("billed {} ms", record.billed_duration_ms));
        ui.label(format!("memory {} of {} MB", record.max_memory_used_mb, record.memory_size_mb));
        ui.label(format!("≈ ${:.10}", invoke_cost_usd(record)))
            .on_hover_text("One request plus the billed GB-s at the first x86_64 price tier, before the free tier (modelled from the published prices).");
    });
    if let Some(error) = &record.error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                egui::RichText::new(format!("{}: {}", error.error_type, error.error_message))
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            if let Some(reason) = &record.throttle_reason {
                ui.label(format!("Reason: {reason}"));
            }
            ui.label(explain_error(&error.error_type));
            if !error.trace.is_empty() {
                ui.label(
                    egui::RichText::new(error.trace.join("\n"))
                        .monospace()
                        .small(),
                );
            }
        });
    }
    if let Some(response) = &record.response {
        ui.label(egui::RichText::new("Response").strong());
        let pretty = ui.ctx().memory_mut(|memory| {
            memory
                .caches
                .cache::<egui::cache::FrameCache<std::sync::Arc<str>, PrettyJson>>()
                .get(response.text())
                .clone()
        });
        let mut shown: &str = &pretty;
        ui.add(
            egui::TextEdit::multiline(&mut shown)
                .code_editor()
                .desired_width(f32::INFINITY)
                .desired_rows(2),
        );
    }
    if let Some(client) = client {
        client_view::show(ui, client);
    }
    if let Some(stream) = &record.stream {
        stream_view(ui, stream);
    }
    if !record.runtime_api.is_empty() {
        runtime_api_view(ui, record);
    }
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Log output").strong());
        if ui
            .small_button("Copy")
            .on_hover_text("Copy the log lines")
            .clicked()
        {
            ui.ctx().copy_text(record.logs.join("\n"));
        }
    });
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let accent = theme::accent(ui);
    for line in &record.logs {
        let platform =
            line.starts_with("START ") || line.starts_with("END ") || line.starts_with("REPORT ");
        let colour = if platform {
            accent
        } else if line.contains("\tERROR\t") {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().text_color()
        };
        job.append(
            &format!("{line}\n"),
            0.0,
            egui::TextFormat::simple(font.clone(), colour),
        );
    }
    ui.add(egui::Label::new(job).selectable(true).wrap());
}

/// The HTTP requests the runtime process made for this invoke, as Lambda's Runtime API saw
/// them: the loop every runtime runs, shown rather than described.
fn runtime_api_view(ui: &mut egui::Ui, record: &InvocationRecord) {
    let title = format!(
        "Runtime API: how the runtime fetched this event and answered ({} requests)",
        record.runtime_api.len()
    );
    egui::CollapsingHeader::new(title)
        .id_salt(("runtime_api", &record.request_id))
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(
                    "The runtime process asks for work with GET …/next (held open until an event comes), runs the handler, then posts the result to …/response (or …/error). Headers as sent; the event's own bytes and the answer are above and below.",
                )
                .weak()
                .small(),
            );
            let font = egui::TextStyle::Monospace.resolve(ui.style());
            let accent = theme::accent(ui);
            let mut job = egui::text::LayoutJob::default();
            let mut add = |text: String, colour: egui::Color32| {
                job.append(&text, 0.0, egui::TextFormat::simple(font.clone(), colour));
            };
            let plain = ui.visuals().text_color();
            let weak = ui.visuals().weak_text_color();
            for exchange in &record.runtime_api {
                add(format!("{} HTTP/1.1\n", exchange.request_line), accent);
                for (name, value) in &exchange.request_headers {
                    add(format!("  {name}: {value}\n"), weak);
                }
                add(format!("← {}\n", exchange.status), accent);
                for (name, value) in &exchange.response_headers {
                    add(format!("  {name}: {value}\n"), plain);
                }
                add("\n".to_owned(), plain);
            }
            ui.add(egui::Label::new(job).selectable(true).wrap());
        });
}

/// Chunks shown at most (a handler may write thousands).
const MAX_CHUNKS_SHOWN: usize = 200;

/// A streamed response: what a function URL client receives (status and headers first for an
/// HTTP integration response), then every chunk with when it was written.
fn stream_view(ui: &mut egui::Ui, stream: &crate::runtime::record::StreamedResponse) {
    use crate::model::format;
    use crate::model::limits::MAX_STREAMED_RESPONSE_BYTES;
    use crate::model::pricing::STREAMED_FREE_BYTES_PER_RESPONSE;
    let body = stream.body();
    ui.label(
        egui::RichText::new(format!(
            "Streamed response · {} · {} chunks · {}",
            stream.content_type,
            stream.chunks.len(),
            format::bytes(body.len())
        ))
        .strong(),
    );
    let mut notes = Vec::new();
    if body.len() > STREAMED_FREE_BYTES_PER_RESPONSE {
        notes.push(format!(
            "Beyond the first {} MB each streamed response costs $0.008 per GB.",
            STREAMED_FREE_BYTES_PER_RESPONSE / (1024 * 1024)
        ));
    }
    if body.len() > MAX_STREAMED_RESPONSE_BYTES {
        notes.push(format!(
            "Over Lambda's {} MB limit for a streamed response: a function URL would cut it there.",
            MAX_STREAMED_RESPONSE_BYTES / (1024 * 1024)
        ));
    }
    for note in notes {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
    let (prelude, client_body) = match stream.http_parts() {
        Some((prelude, rest)) => (Some(prelude), rest),
        None => (None, body),
    };
    if let Some(prelude) = prelude {
        ui.label(format!(
            "HTTP status {} · headers {}",
            prelude
                .get("statusCode")
                .map_or("200".to_owned(), |s| s.to_string()),
            prelude
                .get("headers")
                .map_or_else(|| "{}".to_owned(), |h| h.to_string())
        ));
    }
    let mut text: &str = &String::from_utf8_lossy(&client_body);
    ui.add(
        egui::TextEdit::multiline(&mut text)
            .code_editor()
            .desired_width(f32::INFINITY)
            .desired_rows(2),
    );
    egui::CollapsingHeader::new(format!("Chunks as written ({})", stream.chunks.len()))
        .id_salt("stream_chunks")
        .default_open(true)
        .show(ui, |ui| {
            chunk_grid(ui, &stream.chunks, "stream_chunk_grid");
        });
}

/// Chunks with when each was written, their size and the start of their text.
fn chunk_grid(ui: &mut egui::Ui, chunks: &[crate::runtime::record::StreamChunk], id: &str) {
    egui::Grid::new(id).striped(true).show(ui, |ui| {
        ui.label(egui::RichText::new("at").strong());
        ui.label(egui::RichText::new("bytes").strong());
        ui.label(egui::RichText::new("text").strong());
        ui.end_row();
        for chunk in chunks.iter().take(MAX_CHUNKS_SHOWN) {
            ui.monospace(format!("+{:.1} ms", chunk.at_ms));
            ui.monospace(chunk.bytes.len().to_string());
            let preview: String = String::from_utf8_lossy(&chunk.bytes)
                .chars()
                .take(60)
                .map(|c| if c == '\0' { '·' } else { c })
                .collect();
            ui.monospace(preview);
            ui.end_row();
        }
    });
    if chunks.len() > MAX_CHUNKS_SHOWN {
        ui.label(format!("… and {} more", chunks.len() - MAX_CHUNKS_SHOWN));
    }
}
