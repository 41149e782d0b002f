//! Everything about one code, in a side panel: the platform's record, the
//! issuance list's row(s), where each came from (file and row), the
//! exception flags with what they mean, and the code as it was written when
//! normalisation changed it.

use fcode_core::reconcile::DetailRow;
use leptos::html;
use leptos::prelude::*;

use crate::format::yuan;
use crate::i18n::results_text::{ResultsTexts, bind_status, flag_hint, local_status, results_texts};
use crate::i18n::{Lang, labels, use_i18n};
use crate::worker::summaries::CodeDetail;

#[component]
pub fn CodeDetailPanel(detail: CodeDetail, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let row = StoredValue::new(detail.row);
    let close_button = NodeRef::<html::Button>::new();
    // Focus moves into the panel so Escape and Tab work from the keyboard.
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    };
    let code = row.with_value(|r| r.code.clone());
    let code_attr = code.clone();
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(())></div>
        <aside
            class="code-detail"
            role="dialog"
            aria-modal="true"
            aria-labelledby="code-detail-title"
            data-testid="code-detail"
            data-code=code_attr
            on:keydown=on_key
        >
            <header class="code-detail-head">
                <div>
                    <p class="eyebrow">{move || results_texts(i18n.lang()).detail_title}</p>
                    <h2 id="code-detail-title" class="mono">{code}</h2>
                </div>
                <button class="button" node_ref=close_button data-testid="close-detail" on:click=move |_| on_close.run(())>
                    {move || results_texts(i18n.lang()).detail_close}
                </button>
            </header>
            {move || row.with_value(|r| detail_body(i18n.lang(), r))}
        </aside>
    }
}

/// The panel's content in one language (rebuilt when the language changes).
fn detail_body(lang: Lang, r: &DetailRow) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let class = r.class;
    let as_given = (!r.code_as_given.is_empty()).then(|| {
        view! {
            <p class="as-given" data-testid="code-as-given">
                <span class="label">{t.detail_as_given}</span>
                " "
                <code class="mono">{format!("“{}”", r.code_as_given)}</code>
                <span class="hint">{t.detail_as_given_hint}</span>
            </p>
        }
    });
    let flags: Vec<_> = r.flags.iter().collect();
    let flag_list = if flags.is_empty() {
        view! { <p class="muted">{t.detail_no_flags}</p> }.into_any()
    } else {
        view! {
            <ul class="flag-list">
                {flags
                    .into_iter()
                    .map(|f| {
                        view! {
                            <li data-flag=f.as_str()>
                                <span class=format!("flag-tag flag-{}", f.as_str()) title=f.as_str()>{labels::flag(lang, f)}</span>
                                " "
                                <span>{flag_hint(lang, f)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p class="detail-class">
            <span class=format!("class-tag class-{}", class.as_str()) title=class.as_str()>{labels::class(lang, class)}</span>
            " "
            <span class="hint">{labels::class_hint(lang, class)}</span>
        </p>
        {as_given}
        <section>
            <h3>{t.detail_flags}</h3>
            {flag_list}
        </section>
        {platform_section(lang, t, r)}
        {issuance_section(t, lang, r)}
    }
}

fn platform_section(lang: Lang, t: &'static ResultsTexts, r: &DetailRow) -> impl IntoView + use<> {
    let Some(status) = r.platform_status else {
        return view! {
            <section data-testid="detail-platform">
                <h3>{t.detail_platform}</h3>
                <p class="muted">{t.detail_not_on_platform}</p>
                <dl class="fields">
                    {field(t.detail_batch, r.mix_id.clone().unwrap_or_default())}
                    {field(t.detail_amount, amount_text(t, r.amount.map(|a| a.0)))}
                </dl>
            </section>
        }
        .into_any();
    };
    view! {
        <section data-testid="detail-platform">
            <h3>{t.detail_platform}</h3>
            <dl class="fields">
                {field(t.detail_status, format!("{} ({})", labels::platform_status(lang, status.code()), status.code()))}
                {field(t.detail_bind, r.bind_status.map(|b| format!("{} ({})", bind_status(lang, b), b.code())).unwrap_or_default())}
                {field(t.detail_modified, r.gmt_modified.map(|m| m.to_string()).unwrap_or_default())}
                {field(t.detail_batch, r.mix_id.clone().unwrap_or_default())}
                {field(t.detail_batch_name, r.batch_name.clone().unwrap_or_default())}
                {field(t.detail_amount, amount_text(t, r.amount.map(|a| a.0)))}
                {field(t.detail_source, r.platform_source.clone())}
            </dl>
        </section>
    }
    .into_any()
}

fn issuance_section(t: &'static ResultsTexts, lang: Lang, r: &DetailRow) -> impl IntoView + use<> {
    let Some(status) = r.local_status else {
        return view! {
            <section data-testid="detail-issuance">
                <h3>{t.detail_issuance}</h3>
                <p class="muted">{t.detail_not_issued}</p>
            </section>
        }
        .into_any();
    };
    // Several sources means the code is on several rows (duplicate issue).
    let several = r.issuance_source.contains("; ").then(|| view! { <p class="hint">{t.detail_several_rows}</p> });
    view! {
        <section data-testid="detail-issuance">
            <h3>{t.detail_issuance}</h3>
            {several}
            <dl class="fields">
                {field(t.detail_issued_at, r.issued_at.clone())}
                {field(t.detail_recipient, r.recipient.clone())}
                {field(t.detail_order_ref, r.order_ref.clone())}
                {field(t.detail_face_value, r.local_face_value.map(|f| yuan(f.0)).unwrap_or_default())}
                {field(t.detail_local_status, local_status(lang, status).to_string())}
                {field(t.detail_local_batch, r.local_mix_id.clone())}
                {field(t.detail_note, r.note.clone())}
                {field(t.detail_source, r.issuance_source.clone())}
            </dl>
        </section>
    }
    .into_any()
}

/// One label and value; an empty value shows as a dash.
fn field(label: &'static str, value: String) -> impl IntoView + use<> {
    let value = if value.trim().is_empty() { "—".to_string() } else { value };
    view! {
        <dt>{label}</dt>
        <dd>{value}</dd>
    }
}

fn amount_text(t: &ResultsTexts, cents: Option<i64>) -> String {
    cents.map_or_else(|| t.unknown_amount.to_string(), yuan)
}
