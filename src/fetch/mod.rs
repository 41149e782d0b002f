//! Live fetch of platform data through the company's proxy (SPEC 6).
//!
//! - [`settings`], [`config`], [`remembered`]: what to fetch and from where
//!   (config.json defaults, the user's edits in localStorage);
//! - [`form`], [`client`]: the HTTP call to the proxy;
//! - [`page`], [`failure`], [`retry`], [`pages`]: reading an answer, the
//!   retry policy, paging by cursor (pure, tested natively);
//! - [`controller`], [`runner`], [`saved`], [`handover`]: the fetch itself,
//!   kept in IndexedDB, handed to the session as platform data;
//! - [`settings_panel`], [`batch_row`], [`messages`]: the view.

pub mod batch_row;
pub mod client;
pub mod config;
pub mod controller;
pub mod failure;
pub mod form;
pub mod handover;
pub mod jsonl;
pub mod messages;
pub mod model;
pub mod page;
pub mod pages;
pub mod remembered;
pub mod retry;
pub mod runner;
pub mod saved;
pub mod settings;
pub mod settings_panel;
pub mod timer;

use leptos::prelude::*;

use crate::i18n::fetch_text::fetch_texts;
use crate::i18n::use_i18n;
use crate::state::session::Session;
use batch_row::BatchRow;
use controller::{FetchController, Storage};
use settings_panel::SettingsPanel;

/// The live-fetch page: settings, controls, and a progress row per batch.
#[component]
pub fn FetchPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let controller = FetchController::get_or_init(session, i18n);
    let t = move || fetch_texts(i18n.lang());
    view! {
        <section class="step-page fetch-page" data-testid="step-fetch">
            <h2>{move || t().title}</h2>
            <p class="step-intro">{move || t().intro}</p>
            <SettingsPanel controller />
            <div class="fetch-controls">
                <button
                    class="button primary"
                    data-testid="fetch-start"
                    disabled=move || !controller.can_start()
                    on:click=move |_| controller.start()
                >
                    {move || t().start}
                </button>
                <button
                    class="button"
                    data-testid="fetch-cancel"
                    disabled=move || !controller.running.get()
                    on:click=move |_| controller.cancel()
                >
                    {move || t().cancel}
                </button>
                <button
                    class="button"
                    data-testid="fetch-resume"
                    disabled=move || !controller.can_resume()
                    on:click=move |_| controller.resume()
                >
                    {move || t().resume}
                </button>
                <span class="hint">{move || t().start_hint}</span>
            </div>
            <Show when=move || controller.storage.get() == Storage::Unavailable>
                <p class="banner warn" data-testid="fetch-storage-warning">{move || t().storage_unavailable}</p>
            </Show>
            <h3>{move || t().progress_title}</h3>
            <Show
                when=move || controller.batches.with(|b| !b.is_empty())
                fallback=move || view! { <p class="empty">{move || t().nothing_fetched}</p> }
            >
                <ul class="fetch-batches" data-testid="fetch-batches">
                    <For
                        each=move || controller.batches.with(|b| b.iter().map(|b| b.mix_id.clone()).collect::<Vec<_>>())
                        key=|mix_id| mix_id.clone()
                        let:mix_id
                    >
                        <BatchRow controller mix_id />
                    </For>
                </ul>
            </Show>
            <div class="step-actions">
                <a class="button" href="#/platform" data-testid="fetch-back">{move || t().back_platform}</a>
            </div>
        </section>
    }
}
