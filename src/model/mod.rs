//! Pure, deterministic models of what AWS does: pricing, the cold-start model and traffic
//! simulator, the scenarios the Cold starts page builds from them, an SQS queue with its
//! Lambda event source mapping, schedule expressions and a folder seen as an S3 bucket. No
//! egui, no tokio, no I/O (except `bucket::scan`, which reads the folder it models); every
//! constant names its source and date.

pub mod bucket;
pub mod coldstart;
pub mod format;
pub mod front_door;
pub mod lambda;
pub mod limits;
pub mod pricing;
pub mod queue;
pub mod scenario;
pub mod schedule;
pub mod simulator;
pub mod tuning;
