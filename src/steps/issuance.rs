//! Step 2: the company's issuance list — a file (CSV in UTF-8 or GBK, XLSX)
//! or text pasted from a spreadsheet; columns detected, mapped when needed.

use leptos::prelude::*;

use crate::components::file_drop::FileDrop;
use crate::components::mapping_dialog::MappingDialog;
use crate::format;
use crate::i18n::use_i18n;
use crate::state::session::{InputStatus, Session};

#[component]
pub fn IssuanceStep() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let (pasted, set_pasted) = signal(String::new());
    let load_pasted = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        match text_blob(&text) {
            Ok(blob) => {
                session.set_issuance(blob, t().pasted_name.to_string());
                set_pasted.set(String::new());
            }
            Err(message) => session.notify(message),
        }
    };
    let on_file = move |files: Vec<web_sys::File>| {
        if let Some(file) = files.into_iter().next() {
            let name = file.name();
            session.set_issuance(file.into(), name);
        }
    };
    view! {
        <section class="step-page" data-testid="step-issuance">
            <h2>{move || t().issuance_title}</h2>
            <p class="step-intro">{move || t().issuance_intro}</p>
            <div class="two-columns">
                <FileDrop
                    testid="issued-file"
                    label=Signal::derive(move || t().issuance_drop.to_string())
                    hint=Signal::derive(move || t().issuance_drop_hint.to_string())
                    accept=".csv,.tsv,.txt,.xlsx,text/csv"
                    multiple=false
                    on_files=on_file
                />
                <div class="paste-box">
                    <label for="paste-issuance">{move || t().paste_label}</label>
                    <textarea
                        id="paste-issuance"
                        data-testid="issued-paste"
                        rows="6"
                        placeholder=move || t().paste_placeholder
                        prop:value=pasted
                        on:input=move |ev| set_pasted.set(event_target_value(&ev))
                    ></textarea>
                    <button class="button" data-testid="issued-paste-load" on:click=load_pasted>{move || t().paste_load}</button>
                </div>
            </div>
            <IssuanceStatus />
            <MappingDialog />
            <div class="step-actions">
                <a class="button" href="#/platform">{move || t().back_platform}</a>
                <a class="button primary" href="#/results" data-testid="to-results">{move || t().next_results}</a>
            </div>
        </section>
    }
}

/// The loaded list: what was found, its encoding, and the rejected rows.
#[component]
fn IssuanceStatus() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    move || {
        let entry = session.issuance.get()?;
        let id = entry.id;
        let body = match &entry.status {
            InputStatus::Reading => view! { <p>{move || t().reading}</p> }.into_any(),
            InputStatus::Failed(message) => view! { <p class="file-error">{message.clone()}</p> }.into_any(),
            InputStatus::Ready(summary) => {
                let encoding = summary.encoding.clone().unwrap_or_else(|| summary.format.to_uppercase());
                let errors = summary.row_errors.clone();
                let rejected = summary.rejected;
                let warnings = summary.warnings.clone();
                view! {
                    <dl class="facts">
                        <dt>{move || t().col_format}</dt>
                        <dd data-testid="issued-encoding">{encoding}</dd>
                        <dt>{move || t().col_rows}</dt>
                        <dd data-testid="issued-rows">{format::count(summary.rows)}</dd>
                        <dt>{move || t().col_rejected}</dt>
                        <dd data-testid="issued-rejected">{format::count(rejected)}</dd>
                        <dt>{move || t().face_value_unit}</dt>
                        <dd>{summary.face_value_unit.as_str()}</dd>
                    </dl>
                    {(!warnings.is_empty()).then(|| view! { <ul class="warnings">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul> })}
                    {(!errors.is_empty()).then(|| view! {
                        <details class="row-errors">
                            <summary>{move || t().show_row_errors}</summary>
                            <ul data-testid="row-errors">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                        </details>
                    })}
                }
                .into_any()
            }
        };
        Some(view! {
            <div class="issuance-status" data-testid="issued-status">
                <div class="file-name">{entry.name.clone()} <span class="file-meta">{format::bytes(entry.size)}</span></div>
                {body}
                <div class="row-actions">
                    <button class="button small" data-testid="open-mapping" disabled=entry.preview.is_none() on:click=move |_| session.mapping_open.set(true)>
                        {move || t().change_mapping}
                    </button>
                    <button class="button small ghost" on:click=move |_| session.remove_input(id)>{move || t().remove}</button>
                </div>
            </div>
        })
    }
}

/// Pasted text as a file: UTF-8, tab-separated as spreadsheets copy it.
fn text_blob(text: &str) -> Result<web_sys::Blob, String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/tab-separated-values;charset=utf-8");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "the pasted text could not be read".to_string())
}
