//! Lambda Lab's integration tests, as one test binary (one link instead of thirteen): one
//! module per area. UI tests drive the real app with egui_kittest, without a display; CLI
//! tests run the built `lambda-lab` binary; runtime tests talk to the engine directly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

mod bootstraps;
mod bucket_cli;

mod cost_cli;
mod course_pack;
mod curriculum;
mod engine_conformance;
mod exercises;
mod http_cli;
mod http_doors;
mod layers;
mod lessons_check;
mod node_answers;
mod node_builtins;
mod pack_material;
mod power_tuning;
mod process_runtimes;
mod progress_cli;
mod queue_cli;
mod runtime;
mod sample_events;
mod sample_handlers;
mod schedule_cli;
mod serve_cli;
mod simulate_cli;
mod ui;
mod ui_cold_starts;
mod ui_cost;
mod ui_event_sources;
mod ui_exercises;
mod ui_export;
mod ui_layers;
mod ui_lessons;
mod ui_no_silent_failures;
mod ui_playground;
mod ui_playground_room;
