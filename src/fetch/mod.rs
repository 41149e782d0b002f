//! Live fetch of platform data through the company's proxy (SPEC 6).

use leptos::prelude::*;

/// The live-fetch page: settings and the fetch itself.
#[component]
pub fn FetchPage() -> impl IntoView {
    view! { <section class="step-page" data-testid="step-fetch"></section> }
}
