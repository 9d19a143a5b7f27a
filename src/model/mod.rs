//! Pure, deterministic models of what AWS does: pricing, the cold-start model and traffic
//! simulator, and the scenarios the Cold starts page builds from them. No egui, no tokio, no
//! I/O; every constant names its source and date.

pub mod coldstart;
pub mod format;
pub mod front_door;
pub mod lambda;
pub mod limits;
pub mod pricing;
pub mod scenario;
pub mod simulator;
pub mod tuning;
