//! One view per step of the reconciliation flow.

pub mod history;
pub mod issuance;
pub mod platform;
pub mod results;

use leptos::prelude::*;

use crate::state::route::Route;

/// The page of one step.
#[component]
pub fn StepPage(step: Route) -> impl IntoView {
    match step {
        Route::Platform => view! { <platform::PlatformStep /> }.into_any(),
        Route::Issuance => view! { <issuance::IssuanceStep /> }.into_any(),
        Route::Results => view! { <results::ResultsStep /> }.into_any(),
        Route::Fetch => view! { <crate::fetch::FetchPage /> }.into_any(),
        Route::History => view! { <history::HistoryPage /> }.into_any(),
    }
}
