//! Reusable pieces of the interface.

pub mod about;
pub mod error_banner;
pub mod file_drop;
pub mod header;
pub mod mapping_dialog;
pub mod progress_bar;
pub mod signoff;
pub mod step_nav;
pub mod code_table;
pub mod code_detail;
pub mod charts;
pub mod print_report;
