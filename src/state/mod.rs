//! Application state that outlives a single view: preferences and the route.

pub mod prefs;
pub mod route;
