use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::session::Session;

/// Preparer and reviewer sign the run off; it is then read-only until
/// someone unlocks it (which clears the sign-off).
#[component]
pub fn SignOffPanel() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let preparer = RwSignal::new(String::new());
    let reviewer = RwSignal::new(String::new());
    let can_sign = move || !preparer.get().trim().is_empty() && !reviewer.get().trim().is_empty() && !session.stale.get();
    let sign = move |_| session.sign_off(preparer.get_untracked().trim().to_string(), reviewer.get_untracked().trim().to_string());
    view! {
        <Show when=move || !session.locked()>
            <section class="signoff" data-testid="signoff-panel">
                <h3>{move || t().signoff_title}</h3>
                <div class="run-bar">
                    <label class="field inline">
                        <span>{move || t().preparer}</span>
                        <input data-testid="signoff-preparer" prop:value=preparer on:input=move |ev| preparer.set(event_target_value(&ev)) />
                    </label>
                    <label class="field inline">
                        <span>{move || t().reviewer}</span>
                        <input data-testid="signoff-reviewer" prop:value=reviewer on:input=move |ev| reviewer.set(event_target_value(&ev)) />
                    </label>
                    <button class="button primary" data-testid="sign-off" disabled=move || !can_sign() on:click=sign>
                        {move || t().sign_off}
                    </button>
                </div>
            </section>
        </Show>
    }
}

/// Shown on every step while the run is locked.
#[component]
pub fn LockBanner() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let unlock = move |_| {
        let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(t().confirm_unlock).ok()).unwrap_or(false);
        if confirmed {
            session.unlock();
        }
    };
    move || {
        session.signoff.get().map(|s| {
            view! {
                <div class="banner locked" data-testid="lock-banner">
                    <strong>{move || t().locked_banner}</strong>
                    {format!(" {} {} · {} {} · {}", t().preparer, s.preparer, t().reviewer, s.reviewer, s.signed_at)}
                    <button class="button small" data-testid="unlock" on:click=unlock>{move || t().unlock}</button>
                </div>
            }
        })
    }
}
