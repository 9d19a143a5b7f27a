//! The command line: no subcommand opens the window; subcommands run headless, each a thin
//! adapter that turns parsed arguments into calls of `runtime/`, `model/` and `content/`, and
//! their results into output and an exit code.

pub mod bucket;
pub mod cost;
pub mod course;
pub mod exercises;
pub mod export;
pub mod function;
pub mod http;
pub mod invoke;
pub mod lessons;
pub mod progress;
pub mod queue;
pub mod schedule;
pub mod serve;
pub mod simulate;
mod sources;
mod values;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::state::Page;

#[derive(Debug, Parser)]
#[command(
    name = "lambda-lab",
    version,
    about = "Learn AWS Lambda by doing: lessons, an embedded mini-runtime, cold-start and cost charts."
)]
pub struct Cli {
    /// Open the window on this page.
    #[arg(long, value_enum)]
    pub page: Option<Page>,

    /// Open this lesson (its id from lessons/index.toml); implies --page lessons.
    #[arg(long, value_name = "ID")]
    pub lesson: Option<String>,

    /// Open the Playground with this sample handler (its name in assets/handlers/index.toml).
    #[arg(long, value_name = "NAME")]
    pub handler: Option<String>,

    /// With --handler: start from this sample event (`service/event`, e.g. s3/put).
    #[arg(long, value_name = "SERVICE/EVENT", requires = "handler")]
    pub event: Option<String>,

    /// With --handler: invoke it once the Playground is set up, as a lesson's Try it does
    /// (scripted screenshots, demonstrations).
    #[arg(long, requires = "handler")]
    pub invoke: bool,
    /// Use the lesson pack in DIR (default: $LAMBDA_LAB_LESSONS, else the shipped lessons).
    #[arg(long, value_name = "DIR", global = true)]
    pub lessons: Option<PathBuf>,

    /// Save exported charts (PNG) and chart data (CSV) into DIR without asking with a file
    /// dialog (classrooms, scripted screenshots).
    #[arg(long, value_name = "DIR")]
    pub export_dir: Option<PathBuf>,

    /// Start in the presenter preset (for a projector): 150 % zoom, the lesson list hidden,
    /// high contrast. With --lessons and --lesson, a classroom's start page.
    #[arg(long)]
    pub presenter: bool,

    /// The teacher key: exercise solutions are shown in the lessons without passing first
    /// (preparing a class, or demonstrating on a projector).
    #[arg(long)]
    pub teacher: bool,

    /// Print the time from process start to the first painted frame, then quit (benchmarks).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Work with lesson packs.
    Lessons {
        #[command(subcommand)]
        action: LessonsAction,
    },
    /// Run a handler against an event, as Lambda would: in the embedded engine, or in a
    /// real runtime process (Python, Node.js, a custom `bootstrap`).
    Invoke(crate::cli::invoke::InvokeArgs),
    /// Keep a function running behind Lambda's Invoke endpoint on 127.0.0.1, like the
    /// Runtime Interface Emulator: POST /2015-03-31/functions/function/invocations.
    Serve(crate::cli::serve::ServeArgs),
    /// Put a handler behind a real HTTP endpoint on 127.0.0.1, as an HTTP API or a function
    /// URL does: each request becomes the event that front door sends, and the answer goes
    /// back as that front door converts it.
    Http(crate::cli::http::HttpArgs),
    /// Fire a handler on an EventBridge schedule (`rate(…)` or `cron(…)`), in real time or
    /// fast-forwarded; each firing is a Scheduled Event invoked asynchronously.
    Schedule(crate::cli::schedule::ScheduleArgs),
    /// Deliver messages to a handler through an SQS queue and its event source mapping:
    /// batches, visibility timeouts, partial batch responses, the dead-letter queue.
    Queue(crate::cli::queue::QueueArgs),
    /// Watch a folder as an S3 bucket: each file created, changed or deleted is the S3
    /// notification Lambda would get, invoked asynchronously.
    Bucket(crate::cli::bucket::BucketArgs),
    /// Course packs for authors: `course new DIR` writes a small working pack to start from.
    Course(crate::cli::course::CourseArgs),
    /// Graded exercises: `exercises check [PACK] [--solutions]` runs every check.
    Exercises(crate::cli::exercises::ExercisesArgs),
    /// Your progress report (to hand in), or `progress merge FILES…` for the class table.
    Progress(crate::cli::progress::ProgressArgs),
    /// Estimate a monthly Lambda bill, line by line, as AWS computes it.
    Cost(crate::cli::cost::CostArgs),
    /// Simulate cold starts, scaling and throttles for a traffic pattern (a model, not AWS).
    Simulate(crate::cli::simulate::SimulateArgs),
    /// Write the function as an AWS SAM project to deploy for real: function.zip, layers,
    /// template.yaml, event.json and a README with the commands.
    Export(crate::cli::export::ExportArgs),
}

#[derive(Debug, Subcommand)]
pub enum LessonsAction {
    /// Validate a lesson pack: ids, files, headings, images, code languages, orphans.
    /// Exits 0 when clean, 1 when problems were found.
    Check {
        /// The pack folder (default: the one the app would open).
        dir: Option<PathBuf>,
    },
}

/// Runs a headless subcommand and returns the process's exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    let mut out = std::io::stdout();
    let code = match command {
        Command::Lessons {
            action: LessonsAction::Check { dir },
        } => {
            let dir = dir.clone().unwrap_or_else(|| {
                crate::content::locate::locate_lessons(cli.lessons.as_deref()).dir
            });
            lessons::check_report(&dir, &mut out)
        }
        Command::Invoke(args) => invoke::run(args, &mut out, &mut std::io::stderr()),
        Command::Serve(args) => serve::run(args, &mut std::io::stderr()),
        Command::Http(args) => http::run(args, &mut std::io::stderr()),
        Command::Schedule(args) => schedule::run(args, &mut std::io::stderr()),
        Command::Queue(args) => queue::run(args, &mut std::io::stderr()),
        Command::Bucket(args) => bucket::run(args, &mut std::io::stderr()),
        Command::Progress(args) => {
            let dir = crate::content::locate::locate_lessons(cli.lessons.as_deref()).dir;
            progress::run(args, &dir, &mut out, &mut std::io::stderr())
        }
        Command::Course(args) => course::run(args, &mut out, &mut std::io::stderr()),
        Command::Exercises(args) => {
            let dir = crate::content::locate::locate_lessons(cli.lessons.as_deref()).dir;
            exercises::run(args, &dir, &mut out, &mut std::io::stderr())
        }
        Command::Cost(args) => cost::run(args, &mut out),
        Command::Simulate(args) => simulate::run(args, &mut out),
        Command::Export(args) => export::run(args, &mut out, &mut std::io::stderr()),
    };
    // Runtime processes end with the command, not when the process exit races their
    // environments' threads.
    crate::runtime::external::end_all_processes();
    ExitCode::from(code)
}
