//! `lambda-lab`: parses the command line, then opens the window or runs a headless command.

use std::process::ExitCode;

use clap::Parser;
use lambda_lab::cli::{Cli, Command, LessonsAction};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    match cli.command {
        None => match lambda_lab::app::run_window(&cli, started) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("lambda-lab: {error:#}");
                ExitCode::from(1)
            }
        },
        Some(Command::Lessons {
            action: LessonsAction::Check { ref dir },
        }) => {
            let dir = dir.clone().unwrap_or_else(|| {
                lambda_lab::content::locate::locate_lessons(cli.lessons.as_deref()).dir
            });
            ExitCode::from(lambda_lab::lessons_check_report(
                &dir,
                &mut std::io::stdout(),
            ))
        }
        Some(Command::Invoke(ref args)) => ExitCode::from(lambda_lab::commands::invoke::run(
            args,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        )),
        Some(Command::Cost(ref args)) => ExitCode::from(lambda_lab::commands::cost::run(
            args,
            &mut std::io::stdout(),
        )),
        Some(Command::Simulate(ref args)) => ExitCode::from(lambda_lab::commands::simulate::run(
            args,
            &mut std::io::stdout(),
        )),
    }
}
