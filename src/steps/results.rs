//! Step 3: run the reconciliation and present it — summary per class and
//! flag, the tie-out, batches and their completeness, exports.

use fcode_core::reconcile::{Class, Flag, Tally};
use fcode_core::report::Report;
use leptos::prelude::*;

use crate::components::charts::{BatchMixChart, RedemptionsChart};
use crate::components::code_table::CodeTable;
use crate::components::print_report::{PrintReport, print_now};
use crate::format;
use crate::i18n::results_text::results_texts;
use crate::i18n::{labels, use_i18n};
use crate::state::session::{Results, Session};
use crate::worker::protocol::ExportKind;

#[component]
pub fn ResultsStep() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let can_run = move || session.issuance_ready() && session.busy.get() == 0 && !session.locked();
    view! {
        <section class="step-page" data-testid="step-results">
            <h2>{move || t().results_title}</h2>
            <p class="step-intro">{move || t().results_intro}</p>
            <div class="run-bar">
                <label class="field inline">
                    <span>{move || t().period_from}</span>
                    <input type="date" data-testid="period-from" prop:value=move || session.period.get().0
                        on:change=move |ev| session.period.update(|p| p.0 = event_target_value(&ev)) />
                </label>
                <label class="field inline">
                    <span>{move || t().period_to}</span>
                    <input type="date" data-testid="period-to" prop:value=move || session.period.get().1
                        on:change=move |ev| session.period.update(|p| p.1 = event_target_value(&ev)) />
                </label>
                <button class="button primary" data-testid="run-reconcile" disabled=move || !can_run() on:click=move |_| session.run()>
                    {move || t().run}
                </button>
                <Show when=move || !session.issuance_ready()>
                    <span class="hint">{move || t().run_needs_issuance}</span>
                </Show>
            </div>
            <Show when=move || session.stale.get()>
                <p class="banner warn" data-testid="stale-banner">{move || t().results_stale}</p>
            </Show>
            {move || session.results.get().map(|results| view! { <ResultsBody results=results /> })}
        </section>
    }
}

#[component]
fn ResultsBody(results: Results) -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let t = move || i18n.texts();
    let report = results.report.clone();
    let incomplete: Vec<String> = report
        .batches
        .iter()
        .filter(|b| b.complete == Some(false))
        .map(|b| format!("{} ({}/{})", b.mix_id, b.loaded, b.total_count.map_or("?".into(), |c| c.to_string())))
        .collect();
    let tie = report.tie_out.clone();
    let balanced = tie.balanced;
    let export = move |kind: ExportKind| move |_| session.export(kind);
    let details_report = report.clone();
    let charts_report = report.clone();
    let days = results.run.redemptions_per_day.clone();
    let print_copy = report.clone();
    let print_days = days.clone();
    // The page is built in five tasks, so that none holds the main thread
    // long (the benchmark's longest task): the figures; once they are
    // painted, the tables and actions; then each chart (hundreds of SVG
    // elements and attributes: the largest part of the tables' task when it
    // held them too, and at 1M codes the two together were the longest of
    // the tasks, 27 ms); then the print view, which repeats every figure and
    // chart.
    let details_ready = RwSignal::new(false);
    let mix_chart_ready = RwSignal::new(false);
    let days_chart_ready = RwSignal::new(false);
    let print_ready = RwSignal::new(false);
    reveal_in_turn(vec![details_ready, mix_chart_ready, days_chart_ready, print_ready]);
    view! {
        {(!incomplete.is_empty()).then(|| view! {
            <div class="banner bad" role="alert" data-testid="incomplete-banner">
                <strong>{move || t().incomplete_title}</strong>
                " "
                {incomplete.join("、")}
            </div>
        })}
        <p class="tie-out" class:balanced=balanced data-testid="tie-out" data-balanced=balanced.to_string()>
            {move || { let mark = if balanced { "✓ " } else { "✗ " }; format!("{mark}{}", (results_texts(i18n.lang()).tie_out_line)(&tie)) }}
        </p>
        <h3>{move || t().classes_title}</h3>
        <div class="cards">
            {Class::ALL.into_iter().map(|class| {
                let tally = report.classes.get(class);
                view! {
                    <Card
                        kind="summary"
                        name=class.as_str()
                        label=Signal::derive(move || labels::class(i18n.lang(), class).to_string())
                        hint=Signal::derive(move || labels::class_hint(i18n.lang(), class).to_string())
                        tally=tally
                        exception=matches!(class, Class::MissingOnPlatform | Class::UnissuedRedeemed | Class::UnissuedBound)
                    />
                }
            }).collect_view()}
        </div>
        {report.period.clone().map(|p| view! {
            <div class="period-split" data-testid="period-split">
                <h3>{move || format!("{} {} – {}", t().period_title, p.from, p.to)}</h3>
                <dl class="facts">
                    <dt>{move || t().period_in}</dt>
                    <dd data-testid="period-in" data-value=p.redeemed_in_period.amount_cents.to_string()>
                        {format!("{} · {}", format::count(p.redeemed_in_period.count), format::yuan(p.redeemed_in_period.amount_cents))}
                    </dd>
                    <dt>{move || t().period_before}</dt>
                    <dd>{format!("{} · {}", format::count(p.redeemed_before.count), format::yuan(p.redeemed_before.amount_cents))}</dd>
                    <dt>{move || t().period_after}</dt>
                    <dd>{format!("{} · {}", format::count(p.redeemed_after.count), format::yuan(p.redeemed_after.amount_cents))}</dd>
                </dl>
            </div>
        })}
        <h3>{move || t().flags_title}</h3>
        <div class="cards">
            {Flag::ALL.into_iter().map(|flag| {
                let tally = report.flags.get(flag);
                view! {
                    <Card
                        kind="flag"
                        name=flag.as_str()
                        label=Signal::derive(move || labels::flag(i18n.lang(), flag).to_string())
                        hint=Signal::derive(String::new)
                        tally=tally
                        exception=true
                    />
                }
            }).collect_view()}
        </div>
        {move || details_ready.get().then(|| view! {
            <BatchTable report=details_report.clone() />
            <div class="charts">
                {
                    let report = charts_report.clone();
                    move || mix_chart_ready.get().then(|| view! { <BatchMixChart report=report.clone() /> })
                }
                {
                    let days = days.clone();
                    move || days_chart_ready.get().then(|| view! { <RedemptionsChart days=days.clone() /> })
                }
            </div>
            <CodeTable />
            <h3>{move || t().exports_title}</h3>
            <div class="exports">
                <button class="button" data-testid="export-details-csv" on:click=export(ExportKind::DetailsCsv)>{move || t().export_details}</button>
                <button class="button" data-testid="export-exceptions-csv" on:click=export(ExportKind::ExceptionsCsv)>{move || t().export_exceptions}</button>
                <button class="button" data-testid="export-xlsx" on:click=export(ExportKind::Xlsx)>{move || t().export_xlsx}</button>
                <button class="button" data-testid="export-report-json" on:click=export(ExportKind::ReportJson)>{move || t().export_report}</button>
                <button class="button" data-testid="print-report" on:click=move |_| print_now()>{move || t().print}</button>
            </div>
            <crate::components::signoff::SignOffPanel />
        })}
        {move || print_ready.get().then(|| {
            let signoff = session.signoff.get().map(|s| (s.preparer, s.reviewer, s.signed_at));
            view! { <PrintReport report=print_copy.clone() days=print_days.clone() signoff=signoff /> }
        })}
    }
}

/// Sets each flag in a task of its own, the next only after the page with
/// the one before it has been painted.
fn reveal_in_turn(flags: Vec<RwSignal<bool>>) {
    let mut rest = flags.into_iter();
    if let Some(flag) = rest.next() {
        after_paint(move || {
            // The page may be gone by then (another step opened).
            _ = flag.try_set(true);
            reveal_in_turn(rest.collect());
        });
    }
}

/// Runs `f` in a task of its own after the next frame is painted.
fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// One figure: count and amount (exact fen in `data-value`).
#[component]
fn Card(
    kind: &'static str,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    tally: Tally,
    exception: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let highlighted = exception && tally.count > 0;
    view! {
        <div class=format!("card {kind}-card class-{name}") class:exception=highlighted title=hint>
            <div class="card-label">{label}</div>
            <div class="card-count" data-testid=format!("{kind}-count-{name}") data-value=tally.count.to_string()>
                {format::count(tally.count)}
            </div>
            <div class="card-amount" data-testid=format!("{kind}-amount-{name}") data-value=tally.amount_cents.to_string()>
                {format::yuan(tally.amount_cents)}
            </div>
            {(tally.amount_unknown > 0).then(|| view! {
                <div class="card-unknown" data-testid=format!("{kind}-unknown-{name}")>
                    {move || format!("{} {}", format::count(tally.amount_unknown), i18n.texts().amount_unknown)}
                </div>
            })}
        </div>
    }
}

#[component]
fn BatchTable(report: Report) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.texts();
    view! {
        <h3>{move || t().batches_title}</h3>
        <div class="table-scroll">
            <table class="batch-table">
                <thead>
                    <tr>
                        <th>"mix_id"</th>
                        <th>{move || t().col_batch_name}</th>
                        <th class="num">{move || t().col_denomination}</th>
                        <th class="num">{move || t().col_total}</th>
                        <th class="num">{move || t().col_loaded}</th>
                        <th>{move || t().col_complete}</th>
                        <th>{move || t().col_pull}</th>
                        <th class="num">{move || labels::class(i18n.lang(), Class::Redeemed)}</th>
                        <th class="num">{move || t().col_exceptions}</th>
                    </tr>
                </thead>
                <tbody>
                    {report.batches.iter().map(|b| {
                        let complete = match b.complete { Some(true) => "true", Some(false) => "false", None => "unknown" };
                        let redeemed = b.classes.get(Class::Redeemed);
                        let exceptions: u64 = Flag::ALL.iter().map(|f| b.flags.get(*f).count).sum();
                        let pull = b.pull;
                        view! {
                            <tr data-testid="batch-row" data-mix-id=b.mix_id.clone() data-complete=complete class=format!("complete-{complete}")>
                                <td class="mono">{b.mix_id.clone()}</td>
                                <td>{b.name.clone().unwrap_or_default()}</td>
                                <td class="num">{b.denomination_cents.map(format::yuan)}</td>
                                <td class="num">{b.total_count.map(format::count)}</td>
                                <td class="num">{format::count(b.loaded)}</td>
                                <td>{move || match complete { "true" => t().complete_yes, "false" => t().complete_no, _ => t().complete_unknown }}</td>
                                <td>{move || pull.map(|p| labels::pull(i18n.lang(), p))}</td>
                                <td class="num">{format!("{} · {}", format::count(redeemed.count), format::yuan(redeemed.amount_cents))}</td>
                                <td class="num">{format::count(exceptions)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

