//! One view per step of the reconciliation flow.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::route::Route;

/// The page of one step: its title and what it is for.
#[component]
pub fn StepPage(step: Route) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || {
        let t = i18n.texts();
        match step {
            Route::Platform => (t.platform_title, t.platform_intro),
            Route::Issuance => (t.issuance_title, t.issuance_intro),
            Route::Results => (t.results_title, t.results_intro),
        }
    };
    view! {
        <section class="step-page" data-testid=format!("step-{}", step.slug())>
            <h2>{move || texts().0}</h2>
            <p class="step-intro">{move || texts().1}</p>
        </section>
    }
}
