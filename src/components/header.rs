use leptos::prelude::*;

use crate::i18n::{Lang, use_i18n};
use crate::state::session::Session;

/// The top bar: product name, language switch and the about button.
#[component]
pub fn Header(#[prop(into)] on_about: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.texts();
    view! {
        <header class="app-header">
            <div class="brand">
                <img class="brand-mark" src="assets/favicon.svg" alt="" width="32" height="32" />
                <div>
                    <h1 class="brand-name" data-testid="app-name">{move || t().app_name}</h1>
                    <p class="brand-tagline">{move || t().app_tagline}</p>
                </div>
            </div>
            <div class="header-actions">
                <SaveStatus />
                <a class="button ghost" href="#/history" data-testid="open-history">{move || t().nav_history}</a>
                <LangSwitch />
                <button class="button ghost" data-testid="open-about" on:click=move |_| on_about.run(())>
                    {move || t().nav_about}
                </button>
            </div>
        </header>
    }
}

/// Whether every change is in this browser's storage yet ("saved": a reload
/// now keeps it). Storage is asynchronous; for a moment after each change,
/// and while a large file is written, it says "saving". Nothing before the
/// saved run is restored (`ready`), and nothing when saving fails (the
/// failure itself is reported).
#[component]
fn SaveStatus() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let state = move || {
        let p = session.persistence;
        if !p.ready.get() || p.problem.with(Option::is_some) {
            None
        } else if p.in_flight.get() > 0 {
            Some(("saving", i18n.texts().save_pending))
        } else {
            Some(("saved", i18n.texts().save_done))
        }
    };
    move || {
        state().map(|(name, label)| {
            view! { <span class="save-status" data-testid="save-status" data-state=name role="status">{label}</span> }
        })
    }
}

/// Two buttons, one per language, each labelled in its own language so a
/// user who cannot read the current one still finds theirs.
#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let option = move |lang: Lang, label: &'static str, testid: &'static str| {
        view! {
            <button
                class="lang-option"
                class:active=move || i18n.lang() == lang
                aria-pressed=move || (i18n.lang() == lang).to_string()
                lang=lang.tag()
                data-testid=testid
                on:click=move |_| i18n.set_lang(lang)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.texts().lang_switch_label>
            {option(Lang::Zh, "中文", "lang-zh")}
            {option(Lang::En, "English", "lang-en")}
        </div>
    }
}
