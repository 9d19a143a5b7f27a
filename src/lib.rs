//! Lambda Lab: learn AWS Lambda by doing.
//!
//! The layers, and what each may use (ARCHITECTURE.md has the map):
//! - [`model`]: pure, exact models of AWS (limits, pricing, cold starts, the simulator);
//!   uses nothing else of ours.
//! - [`content`]: lessons, quizzes, samples as data and their checker; uses `model`.
//! - [`runtime`]: the mini-runtime that runs handlers and makes invocation records; uses
//!   `model`.
//! - [`sources`]: event sources (HTTP front doors, a queue, a folder as a bucket, schedules)
//!   delivering to a function's pool; uses `model` and `runtime`.
//! - [`session`], [`jobs`], [`workspace`], [`state`], [`persist`]: this run's invocations,
//!   the work off the UI thread, the learner's files and settings.
//! - [`ui`]: egui pages that read an [`ui::AppView`] and push [`command::AppCommand`]s.
//! - [`export`]: writes a function as a deployable AWS SAM project (zips, template, README);
//!   uses `model` and `runtime`.
//! - [`app`]: owns all of the above and applies the commands; [`cli`] runs the same code
//!   headless.

pub mod app;
pub mod cli;
pub mod command;
pub mod content;
pub mod exercises;
pub mod export;
pub mod jobs;
pub mod model;
pub mod persist;
pub mod progress_report;
pub mod runtime;
pub mod session;
pub mod sources;
pub mod state;
pub mod ui;
pub mod workspace;
