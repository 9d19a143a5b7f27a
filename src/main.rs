//! `lambda-lab`: parses the command line, then opens the window or runs a headless command.

use std::process::ExitCode;

use clap::Parser;
use lambda_lab::cli::Cli;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    // Before any thread starts: the only time the local time zone can be read.
    lambda_lab::sources::schedule::remember_local_offset();
    let cli = Cli::parse();
    match &cli.command {
        None => match lambda_lab::app::run_window(&cli, started) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("lambda-lab: {error:#}");
                ExitCode::from(1)
            }
        },
        Some(command) => lambda_lab::cli::run(&cli, command),
    }
}
