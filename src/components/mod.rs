//! Reusable pieces of the interface.

pub mod about;
pub mod header;
pub mod step_nav;
