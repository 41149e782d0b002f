//! Step 1: platform data — many files at once, a row per file with what was
//! found in it and its pull type.

use fcode_core::model::PullType;
use leptos::prelude::*;

use crate::components::file_drop::FileDrop;
use crate::format;
use crate::i18n::{labels, use_i18n};
use crate::state::session::{InputStatus, PlatformEntry, Session};

#[component]
pub fn PlatformStep() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    view! {
        <section class="step-page" data-testid="step-platform">
            <h2>{move || t().platform_title}</h2>
            <p class="step-intro">{move || t().platform_intro}</p>
            <FileDrop
                testid="platform-files"
                label=Signal::derive(move || t().platform_drop.to_string())
                hint=Signal::derive(move || t().platform_drop_hint.to_string())
                accept=".json,.jsonl,.txt,.xml,.csv,.tsv,.xlsx,application/json,text/xml,text/csv"
                multiple=true
                on_files=move |files| session.add_platform_files(files)
            />
            <p class="fetch-link">
                <a class="button" href="#/fetch" data-testid="open-fetch">{move || t().open_fetch}</a>
                " "
                <span class="hint">{move || t().open_fetch_hint}</span>
            </p>
            <Show
                when=move || session.platform.with(|p| !p.is_empty())
                fallback=move || view! { <p class="empty">{move || t().platform_none}</p> }
            >
                <table class="file-table">
                    <thead>
                        <tr>
                            <th>{move || t().col_file}</th>
                            <th>{move || t().col_format}</th>
                            <th>{move || t().col_batches}</th>
                            <th class="num">{move || t().col_records}</th>
                            <th class="num">{move || t().col_rejected}</th>
                            <th>{move || t().col_pull}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || session.platform.get() key=|e| (e.id, status_key(e), e.pull) let:entry>
                            <PlatformRow entry=entry />
                        </For>
                    </tbody>
                </table>
            </Show>
            <div class="step-actions">
                <a class="button primary" href="#/issuance" data-testid="to-issuance">{move || t().next_issuance}</a>
            </div>
        </section>
    }
}

fn status_key(entry: &PlatformEntry) -> u8 {
    match entry.status {
        InputStatus::Reading => 0,
        InputStatus::Ready(_) => 1,
        InputStatus::Failed(_) => 2,
    }
}

#[component]
fn PlatformRow(entry: PlatformEntry) -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let id = entry.id;
    let (errors_open, set_errors_open) = signal(false);
    let summary = match &entry.status {
        InputStatus::Ready(summary) => Some(summary.clone()),
        _ => None,
    };
    let state = match &entry.status {
        InputStatus::Reading => "reading",
        InputStatus::Ready(_) => "ready",
        InputStatus::Failed(_) => "failed",
    };
    let failure = match &entry.status {
        InputStatus::Failed(message) => Some(message.clone()),
        _ => None,
    };
    let batches = summary.as_ref().map(|s| {
        s.batches
            .iter()
            .map(|b| match &b.name {
                Some(name) => format!("{name} ({})", b.mix_id),
                None => b.mix_id.clone(),
            })
            .collect::<Vec<_>>()
            .join("、")
    });
    let row_errors = summary.as_ref().map(|s| s.row_errors.clone()).unwrap_or_default();
    let rejected = summary.as_ref().map_or(0, |s| s.rejected);
    let suggested_consume = summary.as_ref().is_some_and(|s| s.suggested_pull == PullType::Consume);
    let on_pull = move |ev: web_sys::Event| {
        let pull = if event_target_value(&ev) == "CONSUME" { PullType::Consume } else { PullType::All };
        session.set_pull(id, pull);
    };
    view! {
        <tr data-testid="platform-file-row" data-state=state data-input-id=id.to_string()>
            <td>
                <div class="file-name" data-testid="file-name">{entry.name.clone()}</div>
                <div class="file-meta">{format::bytes(entry.size)}</div>
                {failure.map(|m| view! { <div class="file-error">{m}</div> })}
            </td>
            <td>
                {match (&entry.status, summary.as_ref()) {
                    (InputStatus::Reading, _) => t().reading.into_any(),
                    (_, Some(s)) => format!("{} · {} {}", s.format.to_uppercase(), s.pages, t().pages_unit).into_any(),
                    _ => "—".into_any(),
                }}
            </td>
            <td class="batches">{batches.unwrap_or_else(|| "—".into())}</td>
            <td class="num" data-testid="file-records">{summary.as_ref().map(|s| format::count(s.records))}</td>
            <td class="num" data-testid="file-rejected">
                {if rejected > 0 {
                    view! {
                        <button class="link-button warn" on:click=move |_| set_errors_open.update(|o| *o = !*o)>
                            {format::count(rejected)}
                        </button>
                    }
                        .into_any()
                } else {
                    "0".into_any()
                }}
            </td>
            <td>
                <select name="pull-type" data-testid="pull-type" class="pull-type" on:change=on_pull>
                    <option value="ALL" selected=entry.pull == PullType::All>{move || labels::pull(i18n.lang(), PullType::All)}</option>
                    <option value="CONSUME" selected=entry.pull == PullType::Consume>
                        {move || labels::pull(i18n.lang(), PullType::Consume)}
                    </option>
                </select>
                {suggested_consume.then(|| view! { <div class="hint">{move || t().consume_suggested}</div> })}
            </td>
            <td>
                <button class="icon-button" data-testid="remove-file" aria-label=move || t().remove on:click=move |_| session.remove_input(id)>
                    "×"
                </button>
            </td>
        </tr>
        <Show when=move || errors_open.get()>
            <tr class="row-errors">
                <td colspan="7">
                    <ul data-testid="row-errors">
                        {row_errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                    </ul>
                    {(rejected as usize > row_errors.len())
                        .then(|| view! { <p class="hint">{move || format!("{} {}", t().more_row_errors, format::count(rejected))}</p> })}
                </td>
            </tr>
        </Show>
    }
}
