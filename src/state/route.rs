//! Which step is shown, kept in the URL fragment (`#/issuance`), so that the
//! browser's back button, a bookmark and a reload all land on the same step.
//! A fragment also works unchanged when the app is hosted under a sub-path.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Platform,
    Issuance,
    Results,
    /// Live fetch through the proxy (reached from the platform step).
    Fetch,
    /// Saved reconciliations.
    History,
}

impl Route {
    /// The numbered steps of the flow, in order.
    pub const STEPS: [Route; 3] = [Route::Platform, Route::Issuance, Route::Results];
    /// Every page, numbered or not.
    pub const ALL: [Route; 5] = [Route::Platform, Route::Issuance, Route::Results, Route::Fetch, Route::History];

    pub fn slug(self) -> &'static str {
        match self {
            Route::Platform => "platform",
            Route::Issuance => "issuance",
            Route::Results => "results",
            Route::Fetch => "fetch",
            Route::History => "history",
        }
    }

    pub fn from_hash(hash: &str) -> Route {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        Route::ALL.into_iter().find(|r| r.slug() == slug).unwrap_or(Route::Platform)
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The current route as a signal that follows `hashchange` events.
pub fn use_route() -> ReadSignal<Route> {
    if let Some(route) = use_context::<ReadSignal<Route>>() {
        return route;
    }
    let (route, set_route) = signal(Route::from_hash(&current_hash()));
    if let Some(window) = web_sys::window() {
        let on_change = Closure::<dyn Fn()>::new(move || set_route.set(Route::from_hash(&current_hash())));
        let _ = window.add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
        // The listener lives as long as the page: the app never unmounts.
        on_change.forget();
    }
    provide_context(route);
    route
}
