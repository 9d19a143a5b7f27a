//! The mini-runtime: function configuration, execution environments (one QuickJS engine
//! per thread) with Node-compatible built-ins, the pool that decides cold or warm, and the
//! invocation record. No egui here.

pub mod api;
pub mod config;
pub mod engine;
pub mod environment;
pub mod external;
pub mod heap;
pub mod job;
pub mod layers;
mod live;
pub mod node;
pub mod pool;
pub mod record;
pub mod tuning;
