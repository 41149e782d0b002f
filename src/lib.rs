//! The fcode-recon browser app (Leptos, client-side rendered).
//!
//! A thin shell over `fcode-core`: the views collect inputs and present what
//! the engine returns. The library form lets browser unit tests mount parts.

pub mod app;
pub mod components;
pub mod fetch;
pub mod format;
pub mod i18n;
pub mod panic_screen;
pub mod state;
pub mod steps;
pub mod worker;

pub use app::App;
