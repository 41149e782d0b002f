//! The settings form. Every field shows the setting in effect and records
//! what the user types as their own edit (remembered in this browser).

use fcode_core::model::PullType;
use leptos::prelude::*;

use super::config::ConfigNote;
use super::controller::{DefaultsSource, FetchController};
use super::settings::{Field, Problem, Settings};
use crate::i18n::fetch_text::{FetchTexts, bad_mix_id, config_unknown_pull, fetch_texts};
use crate::i18n::{Lang, use_i18n};

#[component]
pub fn SettingsPanel(controller: FetchController) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || fetch_texts(i18n.lang());
    let text_field = move |field: Field, testid: &'static str, label: fn(&FetchTexts) -> &'static str, hint: Option<fn(&FetchTexts) -> &'static str>, kind: &'static str| {
        view! {
            <label class="field fetch-field">
                <span class="field-label">
                    {move || label(t())}
                    <Show when=move || controller.edited(field)>
                        <span class="fetch-edited">{move || t().edited_note}</span>
                    </Show>
                </span>
                <input
                    type=kind
                    data-testid=testid
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || value_of(&controller.settings(), field)
                    on:input=move |ev| controller.edit(field, event_target_value(&ev))
                />
                {hint.map(|hint| view! { <span class="hint">{move || hint(t())}</span> })}
                <FieldProblems controller field />
            </label>
        }
    };
    view! {
        <section class="fetch-settings" aria-labelledby="fetch-settings-title">
            <h3 id="fetch-settings-title">{move || t().settings_title}</h3>
            <p class="hint" data-testid="fetch-defaults-source">{move || defaults_note(i18n.lang(), &controller.defaults_source.get())}</p>
            <div class="fetch-settings-grid">
                {text_field(Field::ProxyUrl, "setting-proxy-url", |t| t.proxy_url, Some(|t| t.proxy_url_hint), "url")}
                // A password field: the token is not shown on screen, and
                // `prop:value` keeps it out of the page's HTML.
                {text_field(Field::Token, "setting-token", |t| t.token, Some(|t| t.token_hint), "password")}
                {text_field(Field::PartnerCode, "setting-partner-code", |t| t.partner_code, None, "text")}
                <label class="field fetch-field fetch-batches-field">
                    <span class="field-label">
                        {move || t().batches}
                        <Show when=move || controller.edited(Field::Batches)>
                            <span class="fetch-edited">{move || t().edited_note}</span>
                        </Show>
                    </span>
                    <textarea
                        data-testid="setting-batches"
                        rows="4"
                        spellcheck="false"
                        prop:value=move || controller.settings().batches
                        on:input=move |ev| controller.edit(Field::Batches, event_target_value(&ev))
                    ></textarea>
                    <span class="hint">{move || t().batches_hint}</span>
                    <FieldProblems controller field=Field::Batches />
                </label>
                <label class="field fetch-field">
                    <span class="field-label">{move || t().pull}</span>
                    <select data-testid="setting-pull" on:change=move |ev| controller.edit(Field::Pull, event_target_value(&ev))>
                        <option value="ALL" prop:selected=move || controller.settings().pull == PullType::All>
                            {move || t().pull_all}
                        </option>
                        <option value="CONSUME" prop:selected=move || controller.settings().pull == PullType::Consume>
                            {move || t().pull_consume}
                        </option>
                    </select>
                </label>
                {text_field(Field::CursorKey, "setting-cursor-key", |t| t.cursor_key, Some(|t| t.cursor_key_hint), "text")}
                {text_field(Field::MaxPages, "setting-max-pages", |t| t.max_pages, Some(|t| t.max_pages_hint), "number")}
            </div>
            <button class="button small" data-testid="setting-reset" on:click=move |_| controller.reset_settings()>
                {move || t().reset_defaults}
            </button>
        </section>
    }
}

/// The problems of one field, under it.
#[component]
fn FieldProblems(controller: FetchController, field: Field) -> impl IntoView {
    let i18n = use_i18n();
    let problems = move || {
        let mut problems = controller.problems();
        problems.retain(|p| p.field() == field);
        problems
    };
    view! {
        <For
            each=problems
            key=|p| format!("{p:?}")
            let:problem
        >
            <span class="fetch-problem" data-testid="setting-problem">{move || problem_text(i18n.lang(), &problem)}</span>
        </For>
    }
}

fn value_of(settings: &Settings, field: Field) -> String {
    match field {
        Field::ProxyUrl => settings.proxy_url.clone(),
        Field::Token => settings.token.clone(),
        Field::PartnerCode => settings.partner_code.clone(),
        Field::Batches => settings.batches.clone(),
        Field::Pull => match settings.pull {
            PullType::All => "ALL".into(),
            PullType::Consume => "CONSUME".into(),
        },
        Field::CursorKey => settings.cursor_key.clone(),
        Field::MaxPages => settings.max_pages.clone(),
    }
}

fn problem_text(lang: Lang, problem: &Problem) -> String {
    let t = fetch_texts(lang);
    match problem {
        Problem::ProxyUrlMissing => t.problem_proxy_url_missing.into(),
        Problem::ProxyUrlScheme => t.problem_proxy_url_scheme.into(),
        Problem::TokenUnsendable => t.problem_token_unsendable.into(),
        Problem::PartnerCodeMissing => t.problem_partner_code_missing.into(),
        Problem::NoBatches => t.problem_no_batches.into(),
        Problem::BadMixId(mix_id) => bad_mix_id(lang, mix_id),
        Problem::CursorKeyMissing => t.problem_cursor_key_missing.into(),
        Problem::MaxPagesInvalid => t.problem_max_pages_invalid.into(),
    }
}

fn defaults_note(lang: Lang, source: &DefaultsSource) -> String {
    let t = fetch_texts(lang);
    match source {
        DefaultsSource::Loading => String::new(),
        DefaultsSource::Config(notes) => {
            let mut text = t.defaults_from_config.to_owned();
            for note in notes {
                text.push(' ');
                text.push_str(&match note {
                    ConfigNote::UnknownPull(pull) => config_unknown_pull(lang, pull),
                    ConfigNote::BadMaxPages => t.config_bad_max_pages.to_owned(),
                });
            }
            text
        }
        DefaultsSource::BuiltIn { invalid } => {
            if *invalid {
                format!("{} {}", t.config_invalid, t.defaults_built_in)
            } else {
                t.defaults_built_in.to_owned()
            }
        }
    }
}
