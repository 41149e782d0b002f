//! One batch's row: state, progress bar, pages / codes / retries, the error
//! with its hint, and what can be done with the pages.

use fcode_core::model::PullType;
use leptos::prelude::*;

use super::controller::FetchController;
use super::messages::{describe_error, describe_failure};
use super::model::{BatchProgress, BatchState};
use crate::format;
use crate::i18n::fetch_text::{fetch_texts, of_total, retry_because, state_retrying};
use crate::i18n::{Lang, use_i18n};

#[component]
pub fn BatchRow(controller: FetchController, mix_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || fetch_texts(i18n.lang());
    let progress = Memo::new({
        let mix_id = mix_id.clone();
        move |_| controller.batches.with(|b| b.iter().find(|x| x.mix_id == mix_id).cloned())
    });
    let read = move |f: fn(&BatchProgress) -> String| progress.with(|p| p.as_ref().map(f).unwrap_or_default());
    let state = move || progress.with(|p| p.as_ref().map_or(BatchState::Waiting, |p| p.state));
    let pull = move || controller.run.with(|r| r.as_ref().map_or(PullType::All, |r| r.pull));
    let has_pages = move || progress.with(|p| p.as_ref().is_some_and(|p| p.pages > 0));
    let in_session = {
        let mix_id = mix_id.clone();
        move || controller.in_session(&mix_id)
    };
    // "Use" is offered for what is not in the platform data yet: a finished
    // batch (e.g. after a reload) or, explicitly, a partial one.
    let can_use = {
        let in_session = in_session.clone();
        move || has_pages() && !in_session() && !controller.running.get()
    };
    let (download_id, use_id) = (mix_id.clone(), mix_id.clone());
    view! {
        <li class="fetch-batch" data-testid="fetch-batch" data-mix-id=mix_id.clone() data-state=move || state().hook()>
            <div class="fetch-batch-head">
                <span class="mono fetch-mix-id">{mix_id.clone()}</span>
                <span class="fetch-batch-name">{move || read(|p| p.name.clone().unwrap_or_default())}</span>
                <span class="fetch-state" data-testid="fetch-state">
                    {move || state_label(i18n.lang(), state(), progress.with(|p| p.as_ref().map_or(0, |p| p.retry_in_secs)))}
                </span>
            </div>
            <progress
                class="fetch-bar"
                max=move || bar(&progress.get(), pull()).1
                value=move || bar(&progress.get(), pull()).0
                aria-label=move || t().codes
            ></progress>
            <dl class="fetch-figures">
                <div>
                    <dt>{move || t().pages}</dt>
                    <dd data-testid="fetch-pages" data-value=move || read(|p| p.pages.to_string())>
                        {move || read(|p| format::count(u64::from(p.pages)))}
                    </dd>
                </div>
                <div>
                    <dt>{move || t().codes}</dt>
                    <dd data-testid="fetch-codes" data-value=move || read(|p| p.codes.to_string())>
                        {move || codes_text(i18n.lang(), &progress.get(), pull())}
                    </dd>
                </div>
                <div>
                    <dt>{move || t().retries}</dt>
                    <dd data-testid="fetch-retries" data-value=move || read(|p| p.retries.to_string())>
                        {move || read(|p| format::count(u64::from(p.retries)))}
                    </dd>
                </div>
            </dl>
            {move || {
                progress
                    .with(|p| p.as_ref().filter(|p| p.state == BatchState::Retrying).and_then(|p| p.retrying_after.clone()))
                    .map(|failure| {
                        view! {
                            <p class="hint fetch-retry-note" data-testid="fetch-retry-note">
                                {retry_because(i18n.lang(), &describe_failure(i18n.lang(), &failure))}
                            </p>
                        }
                    })
            }}
            {move || {
                progress
                    .with(|p| p.as_ref().and_then(|p| p.error.clone().map(|e| (p.mix_id.clone(), e))))
                    .map(|(mix_id, error)| {
                        view! {
                            <p class="fetch-error" role="alert" data-testid="fetch-error">
                                {describe_error(i18n.lang(), &mix_id, &error)}
                            </p>
                        }
                    })
            }}
            <div class="fetch-batch-actions">
                <Show when=has_pages>
                    <button class="button small" data-testid="fetch-download" on:click={
                        let mix_id = download_id.clone();
                        move |_| controller.download(&mix_id)
                    }>
                        {move || t().download}
                    </button>
                </Show>
                <Show when=can_use.clone()>
                    <button class="button small" data-testid="fetch-use" on:click={
                        let mix_id = use_id.clone();
                        move |_| controller.use_batch(&mix_id)
                    }>
                        {move || if state() == BatchState::Done { t().use_fetched } else { t().use_partial }}
                    </button>
                </Show>
                <Show when=in_session.clone()>
                    <span class="fetch-in-platform" data-testid="fetch-in-platform">{move || t().in_platform}</span>
                </Show>
            </div>
        </li>
    }
}

fn state_label(lang: Lang, state: BatchState, retry_in_secs: u32) -> String {
    let t = fetch_texts(lang);
    match state {
        BatchState::Waiting => t.state_waiting.into(),
        BatchState::Fetching => t.state_fetching.into(),
        BatchState::Retrying => state_retrying(lang, retry_in_secs),
        BatchState::Done => t.state_done.into(),
        BatchState::Failed => t.state_failed.into(),
        BatchState::Cancelled => t.state_cancelled.into(),
    }
}

/// `(value, max)` of the bar. An ALL pull fills towards `total_count`; a
/// CONSUME pull cannot know how many of the codes are redeemed, so its bar
/// is indeterminate (no `value`) while running and full when done.
fn bar(progress: &Option<BatchProgress>, pull: PullType) -> (Option<String>, String) {
    let Some(p) = progress else { return (Some("0".into()), "1".into()) };
    match (pull, p.total_count, p.state) {
        (_, _, BatchState::Done) => (Some("1".into()), "1".into()),
        (PullType::All, Some(total), _) if total > 0 => (Some(p.codes.min(total).to_string()), total.to_string()),
        (_, _, state) if state.is_active() => (None, "1".into()),
        _ => (Some("0".into()), "1".into()),
    }
}

fn codes_text(lang: Lang, progress: &Option<BatchProgress>, pull: PullType) -> String {
    let Some(p) = progress else { return String::new() };
    match (pull, p.total_count) {
        (PullType::All, Some(total)) => of_total(lang, &format::count(p.codes), &format::count(total)),
        _ => format::count(p.codes),
    }
}
