//! Application state: the current reconciliation, preferences, the route,
//! and the small browser services they use.

pub mod blob_reader;
pub mod clock;
pub mod download;
pub mod persist;
pub mod prefs;
pub mod route;
pub mod session;
pub mod storage;
