//! Pure, deterministic models of what AWS does: pricing, and the cold-start and traffic
//! simulator. No egui, no tokio, no I/O; every constant names its source and date.

pub mod coldstart;
pub mod pricing;
pub mod simulator;
