//! Pure, deterministic models of what AWS does: pricing, the cold-start model and traffic
//! simulator, the scenarios the Cold starts page builds from them, schedule expressions and a
//! folder seen as an S3 bucket. No egui, no tokio, no I/O (except `bucket::scan`, which reads
//! the folder it models); every constant names its source and date.

pub mod bucket;
pub mod coldstart;
pub mod format;
pub mod front_door;
pub mod lambda;
pub mod limits;
pub mod pricing;
pub mod scenario;
pub mod schedule;
pub mod simulator;
pub mod tuning;
