//! Reusable pieces of the interface.

pub mod about;
pub mod error_banner;
pub mod file_drop;
pub mod header;
pub mod mapping_dialog;
pub mod progress_bar;
pub mod signoff;
pub mod step_nav;
