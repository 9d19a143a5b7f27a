//! The mini-runtime: function configuration now; execution environments, the embedded
//! JavaScript engine and the Runtime API arrive with issue 3. Tokio allowed, no egui.

pub mod config;
pub mod engine;
pub mod pool;
pub mod record;
