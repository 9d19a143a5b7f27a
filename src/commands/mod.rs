//! Headless subcommands: each turns parsed arguments into output and an exit code.

pub mod cost;
pub mod invoke;
pub mod simulate;
