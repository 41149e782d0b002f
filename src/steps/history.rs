//! Saved reconciliations: reopen, rename, delete, or start a new one.
//! Switching runs reloads the page, which restores the chosen run through
//! the same path as any reload — one way in, well tested.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::format;
use crate::i18n::use_i18n;
use crate::state::persist::{RunRecord, describe, set_current_run_id};
use crate::state::session::Session;

/// Makes `run` (or a new, empty run) the current one and reloads the page.
/// Saving stops first: the page goes on handling events until it unloads,
/// and an answer from the engine arriving meanwhile would save the run being
/// left and make it current again (seen on a slow machine).
fn switch_run(session: Session, run: Option<&str>) {
    session.persistence.ready.set(false);
    set_current_run_id(run);
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash("#/platform");
        let _ = window.location().reload();
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let runs = RwSignal::new(None::<Vec<RunRecord>>);
    let refresh = move || {
        spawn_local(async move {
            match session.persistence.list_runs().await {
                Ok(list) => runs.set(Some(list)),
                Err(error) => {
                    session.notify(describe(&error));
                    runs.set(Some(Vec::new()));
                }
            }
        })
    };
    refresh();
    let new_run = move |_| switch_run(session, None);
    view! {
        <section class="step-page" data-testid="step-history">
            <h2>{move || t().history_title}</h2>
            <p class="step-intro">{move || t().history_intro}</p>
            <div class="run-bar">
                <button class="button primary" data-testid="new-run" on:click=new_run>{move || t().new_run}</button>
            </div>
            {move || match runs.get() {
                None => view! { <p>{move || t().reading}</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="empty">{move || t().history_empty}</p> }.into_any(),
                Some(list) => view! {
                    <table class="history-table">
                        <thead>
                            <tr>
                                <th>{move || t().col_run_name}</th>
                                <th>{move || t().col_updated}</th>
                                <th class="num">{move || t().col_files}</th>
                                <th class="num">{move || t().col_codes}</th>
                                <th class="num">{move || t().col_redeemed}</th>
                                <th>{move || t().col_signoff}</th>
                                <th></th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|run| view! { <HistoryRow run=run current=session.run_id.get_untracked() on_change=refresh /> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn HistoryRow(run: RunRecord, current: String, on_change: impl Fn() + Copy + 'static) -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let is_current = run.id == current;
    let id = run.id.clone();
    let files = run.platform.len() + usize::from(run.issuance.is_some());
    let codes = run.run.as_ref().map(|r| format::count(r.codes)).unwrap_or_else(|| "—".into());
    let redeemed = run.report.as_ref().map(|r| format::yuan(r.classes.redeemed.amount_cents)).unwrap_or_else(|| "—".into());
    let signoff = run.signoff.as_ref().map(|s| format!("{} / {} · {}", s.preparer, s.reviewer, s.signed_at));
    let name = RwSignal::new(run.name.clone());
    let default_name = run.created_at.clone();
    let open = {
        let id = id.clone();
        move |_| switch_run(session, Some(&id))
    };
    let rename = {
        let run = run.clone();
        move |ev: web_sys::Event| {
            let new_name = event_target_value(&ev).trim().to_string();
            name.set(new_name.clone());
            if is_current {
                session.run_name.set(new_name);
            } else {
                let mut record = run.clone();
                record.name = new_name;
                spawn_local(async move {
                    if let Err(error) = session.persistence.save_record(&record).await {
                        session.notify(describe(&error));
                    }
                });
            }
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(t().confirm_delete_run).ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            let id = id.clone();
            spawn_local(async move {
                match session.persistence.delete_run(&id).await {
                    Ok(()) if is_current => switch_run(session, None),
                    Ok(()) => on_change(),
                    Err(error) => session.notify(describe(&error)),
                }
            });
        }
    };
    view! {
        <tr data-testid="history-row" data-run-id=id.clone() class:current=is_current>
            <td>
                <input
                    class="run-name"
                    data-testid="run-name"
                    prop:value=move || name.get()
                    placeholder=default_name
                    on:change=rename
                />
                {is_current.then(|| view! { <span class="tag">{move || t().current_run}</span> })}
            </td>
            <td>{run.updated_at.clone()}</td>
            <td class="num">{files}</td>
            <td class="num">{codes}</td>
            <td class="num">{redeemed}</td>
            <td>{signoff.unwrap_or_default()}</td>
            <td class="row-actions">
                {(!is_current).then(|| view! { <button class="button small" data-testid="open-run" on:click=open.clone()>{move || t().open_run}</button> })}
                <button class="button small ghost" data-testid="delete-run" on:click=delete>{move || t().delete_run}</button>
            </td>
        </tr>
    }
}
