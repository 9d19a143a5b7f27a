//! Small reusable widgets shared by pages.

pub mod error_panel;
pub mod quiz;
