//! Pure, deterministic models of what AWS does: pricing, the cold-start model and traffic
//! simulator, the scenarios the Cold starts page builds from them, and an SQS queue with its
//! Lambda event source mapping. No egui, no tokio, no I/O; every constant names its source and
//! date.

pub mod coldstart;
pub mod format;
pub mod front_door;
pub mod lambda;
pub mod limits;
pub mod pricing;
pub mod queue;
pub mod scenario;
pub mod simulator;
pub mod tuning;
