use leptos::prelude::*;

use crate::i18n::use_i18n;

/// What the app does and the promise that no data leaves the browser.
#[component]
pub fn AboutPanel(open: ReadSignal<bool>, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.texts();
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:click=move |_| on_close.run(())></div>
            <section class="dialog about" role="dialog" aria-modal="true" aria-labelledby="about-title" data-testid="about-panel">
                <h2 id="about-title">{move || t().about_title}</h2>
                <p>{move || t().about_what}</p>
                <h3>{move || t().about_privacy_title}</h3>
                <p data-testid="about-privacy">{move || t().about_privacy}</p>
                <h3>{move || t().about_steps_title}</h3>
                <ol>
                    <li>{move || t().about_step_platform}</li>
                    <li>{move || t().about_step_issuance}</li>
                    <li>{move || t().about_step_results}</li>
                </ol>
                <div class="dialog-actions">
                    <button class="button primary" data-testid="close-about" on:click=move |_| on_close.run(())>
                        {move || t().about_close}
                    </button>
                </div>
            </section>
        </Show>
    }
}
