use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::route::{Route, use_route};

/// The three steps of the flow as numbered navigation.
#[component]
pub fn StepNav() -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let label = move |step: Route| {
        let t = i18n.texts();
        match step {
            Route::Platform => t.step_platform,
            Route::Issuance => t.step_issuance,
            Route::Results => t.step_results,
            Route::Fetch => t.step_platform,
            Route::History => t.nav_history,
        }
    };
    view! {
        <nav class="step-nav" aria-label=move || i18n.texts().nav_label>
            <ol>
                {Route::STEPS
                    .into_iter()
                    .enumerate()
                    .map(|(index, step)| {
                        // The fetch page belongs to step 1.
                        let current = move || route.get() == step || (step == Route::Platform && route.get() == Route::Fetch);
                        view! {
                            <li>
                                <a
                                    href=step.href()
                                    class="step-link"
                                    class:current=current
                                    aria-current=move || current().then_some("step")
                                    data-testid=format!("nav-{}", step.slug())
                                >
                                    <span class="step-number">{index + 1}</span>
                                    <span class="step-label">{move || label(step)}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
