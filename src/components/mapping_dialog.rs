use fcode_core::issuance::{ColumnMapping, FaceValueUnit, IssuanceField, IssuanceOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Lang, use_i18n};
use crate::state::session::Session;

/// Which column holds which field, with a preview of the first rows; the
/// face-value unit; the sheet of a workbook. Opens by itself when the code
/// column cannot be recognised.
#[component]
pub fn MappingDialog() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let draft = RwSignal::new([None::<usize>; 8]);
    let unit = RwSignal::new(FaceValueUnit::Yuan);
    // Start from what the file's current options or detection say.
    Effect::new(move |_| {
        if !session.mapping_open.get() {
            return;
        }
        session.issuance.with_untracked(|entry| {
            let Some(entry) = entry else { return };
            let detected = entry.preview.as_ref().map(|p| p.mapping.as_array()).unwrap_or([None; 8]);
            let chosen = entry.options.mapping.as_ref().map(ColumnMapping::as_array);
            draft.set(chosen.unwrap_or(detected));
            unit.set(entry.options.face_value_unit.or(entry.preview.as_ref().and_then(|p| p.face_value_unit_hint)).unwrap_or_default());
        });
    });
    let preview = move || session.issuance.with(|e| e.as_ref().and_then(|e| e.preview.clone()));
    let apply = move |_| {
        let Some((id, sheet)) = session.issuance.with_untracked(|e| e.as_ref().map(|e| (e.id, e.options.sheet.clone()))) else { return };
        let mut mapping = ColumnMapping::default();
        for field in IssuanceField::ALL {
            if let Some(Some(column)) = draft.get_untracked().get(field.index()) {
                mapping.columns.insert(field, *column);
            }
        }
        mapping.header_row = preview().and_then(|p| p.header_row);
        let options = IssuanceOptions { mapping: Some(mapping), face_value_unit: Some(unit.get_untracked()), sheet };
        session.mapping_open.set(false);
        spawn_local(async move { session.load_issuance(id, options).await });
    };
    let code_missing = move || draft.with(|d| d.get(IssuanceField::Code.index()).copied().flatten().is_none());
    view! {
        <Show when=move || session.mapping_open.get() && preview().is_some()>
            <div class="dialog-backdrop"></div>
            <section class="dialog wide" role="dialog" aria-modal="true" data-testid="mapping-dialog">
                <h2>{move || t().mapping_title}</h2>
                <p>{move || t().mapping_intro}</p>
                {move || preview().map(|p| {
                    let headers = p.headers.clone();
                    let sheets = p.sheet_names.clone();
                    let current_sheet = p.sheet.clone();
                    view! {
                        {(sheets.len() > 1).then(|| {
                            let on_sheet = move |ev: web_sys::Event| {
                                let sheet = event_target_value(&ev);
                                let Some((id, name)) = session.issuance.with_untracked(|e| e.as_ref().map(|e| (e.id, e.name.clone()))) else { return };
                                spawn_local(async move { session.inspect_issuance(id, name, Some(sheet)).await });
                            };
                            view! {
                                <label class="field">
                                    <span>{move || t().sheet}</span>
                                    <select data-testid="mapping-sheet" on:change=on_sheet>
                                        {sheets.iter().map(|s| view! { <option value=s.clone() selected=current_sheet.as_deref() == Some(s.as_str())>{s.clone()}</option> }).collect_view()}
                                    </select>
                                </label>
                            }
                        })}
                        <div class="mapping-grid">
                            {IssuanceField::ALL.into_iter().map(|field| {
                                let headers = headers.clone();
                                view! {
                                    <label class="field">
                                        <span>{move || field_label(i18n.lang(), field)}{field.required().then_some(" *")}</span>
                                        <select
                                            data-testid=format!("map-{}", field.as_str())
                                            on:change=move |ev| {
                                                let value = event_target_value(&ev).parse::<usize>().ok();
                                                draft.update(|d| if let Some(slot) = d.get_mut(field.index()) { *slot = value });
                                            }
                                        >
                                            <option value="" selected=move || draft.with(|d| d.get(field.index()).copied().flatten().is_none())>
                                                {move || t().not_mapped}
                                            </option>
                                            {headers.iter().enumerate().map(|(i, h)| view! {
                                                <option value=i.to_string() selected=move || draft.with(|d| d.get(field.index()).copied().flatten() == Some(i))>
                                                    {format!("{} · {}", i + 1, h)}
                                                </option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                }
                            }).collect_view()}
                            <label class="field">
                                <span>{move || t().face_value_unit}</span>
                                <select data-testid="face-value-unit" on:change=move |ev| unit.set(if event_target_value(&ev) == "fen" { FaceValueUnit::Fen } else { FaceValueUnit::Yuan })>
                                    <option value="yuan" selected=move || unit.get() == FaceValueUnit::Yuan>{move || t().unit_yuan}</option>
                                    <option value="fen" selected=move || unit.get() == FaceValueUnit::Fen>{move || t().unit_fen}</option>
                                </select>
                            </label>
                        </div>
                        <div class="table-scroll">
                            <table class="preview-table">
                                <thead><tr>{headers.iter().map(|h| view! { <th>{h.clone()}</th> }).collect_view()}</tr></thead>
                                <tbody>
                                    {p.rows.iter().map(|row| view! { <tr>{row.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
                <div class="dialog-actions">
                    <button class="button" on:click=move |_| session.mapping_open.set(false)>{move || t().cancel}</button>
                    <button class="button primary" data-testid="mapping-apply" disabled=code_missing on:click=apply>{move || t().mapping_apply}</button>
                </div>
            </section>
        </Show>
    }
}

fn field_label(lang: Lang, field: IssuanceField) -> &'static str {
    let (zh, en) = match field {
        IssuanceField::Code => ("券码", "Code"),
        IssuanceField::IssuedAt => ("发放时间", "Issued at"),
        IssuanceField::Recipient => ("领取人", "Recipient"),
        IssuanceField::OrderRef => ("订单号", "Order reference"),
        IssuanceField::FaceValue => ("面值", "Face value"),
        IssuanceField::MixId => ("批次号", "Batch (mix_id)"),
        IssuanceField::LocalStatus => ("状态", "Local status"),
        IssuanceField::Note => ("备注", "Note"),
    };
    if lang == Lang::Zh { zh } else { en }
}
