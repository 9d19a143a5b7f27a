//! Small reusable widgets shared by pages.

pub mod chart_export;
pub mod chart_view;
pub mod code_area;
pub mod error_panel;
pub mod grip;
pub mod init_strip;
pub mod measured;
pub mod model_badge;
pub mod quiz;
pub mod share_bar;
pub mod stat;
pub mod timeline;
