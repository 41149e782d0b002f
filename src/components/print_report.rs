//! The printable audit report (A4): what finance files with the month-end
//! papers. Hidden on screen (`print-only`); style/results.css shows it, and
//! only it, when the page is printed.
//!
//! Everything a reviewer needs to reproduce and sign the result is on it:
//! the time and rules version, the figures per class and flag, the tie-out,
//! the batches and their completeness, every input with its SHA-256, and
//! lines for the preparer's and the reviewer's signatures.

use fcode_core::reconcile::{Class, Flag, Tally};
use fcode_core::report::{ReportPeriod, Report};
use leptos::prelude::*;

use crate::components::charts::{BatchMixChart, RedemptionsChart};
use crate::format::{count, yuan};
use crate::i18n::results_text::{ResultsTexts, completeness, input_role, results_texts};
use crate::i18n::{Lang, labels, use_i18n};
use crate::worker::summaries::DayTally;

/// Opens the browser's print dialog (the print view is what comes out).
pub fn print_now() {
    if let Some(window) = web_sys::window() {
        // Printing can be blocked (sandboxed frames); nothing to do then.
        let _ = window.print();
    }
}

/// `signoff`: preparer, reviewer and time, when the run was signed off;
/// the signature lines are then filled in.
#[component]
pub fn PrintReport(
    report: Report,
    #[prop(optional)] days: Vec<DayTally>,
    #[prop(default = None)] signoff: Option<(String, String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let report = StoredValue::new(report);
    let signoff = StoredValue::new(signoff);
    let days = StoredValue::new(days);
    view! {
        <article class="print-view print-only" data-testid="print-view">
            {move || {
                let lang = i18n.lang();
                report.with_value(|r| signoff.with_value(|s| days.with_value(|d| report_body(lang, r, d, s.as_ref()))))
            }}
        </article>
    }
}

fn report_body(lang: Lang, r: &Report, days: &[DayTally], signoff: Option<&(String, String, String)>) -> impl IntoView + use<> {
    let t = results_texts(lang);
    view! {
        <header class="print-head">
            <h1>{t.print_title}</h1>
            <dl class="print-meta">
                <dt>{t.print_generated}</dt>
                <dd data-testid="print-generated-at">{r.generated_at.clone()}</dd>
                <dt>{t.print_rules}</dt>
                <dd data-testid="print-rules-version">{r.rules_version.clone()}</dd>
                <dt>{t.print_schema}</dt>
                <dd>{r.schema.clone()}</dd>
            </dl>
        </header>
        {warnings(t, r)}
        {class_table(lang, t, r)}
        {flag_table(lang, t, r)}
        <section class="print-section">
            <h2>{t.print_tie_out}</h2>
            <p data-testid="print-tie-out" data-balanced=r.tie_out.balanced.to_string()>
                {(t.tie_out_line)(&r.tie_out)}
                " "
                <strong>{if r.tie_out.balanced { format!("✓ {}", t.balanced) } else { format!("✗ {}", t.unbalanced) }}</strong>
            </p>
        </section>
        {r.period.as_ref().map(|p| period_section(t, p))}
        {batch_table(lang, t, r)}
        {input_table(lang, t, r)}
        <section class="print-section print-charts">
            <h2>{t.print_charts}</h2>
            <BatchMixChart report=r.clone() print=true />
            <RedemptionsChart days=days.to_vec() print=true />
        </section>
        {signatures(t, signoff)}
        <footer class="print-foot">{t.print_footer}</footer>
    }
}

/// Incomplete batches first and loudly; then the engine's other warnings.
fn warnings(t: &'static ResultsTexts, r: &Report) -> impl IntoView + use<> {
    let incomplete: Vec<String> = r
        .batches
        .iter()
        .filter(|b| b.complete == Some(false))
        .map(|b| (t.print_incomplete)(&b.mix_id, b.loaded, b.total_count))
        .collect();
    if incomplete.is_empty() && r.warnings.is_empty() {
        return None;
    }
    Some(view! {
        <section class="print-section print-warnings" data-testid="print-warnings">
            <h2>{format!("⚠ {}", t.print_warnings)}</h2>
            <ul>
                {incomplete.into_iter().map(|w| view! { <li class="incomplete"><strong>{w}</strong></li> }).collect_view()}
                {r.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
            </ul>
        </section>
    })
}

/// A tally as three cells: count, amount (exact fen in `data-value`), unknown.
fn tally_cells(tally: Tally) -> impl IntoView + use<> {
    view! {
        <td class="num">{count(tally.count)}</td>
        <td class="num" data-value=tally.amount_cents.to_string()>{yuan(tally.amount_cents)}</td>
        <td class="num">{count(tally.amount_unknown)}</td>
    }
}

fn tally_head(t: &ResultsTexts, first: &'static str) -> impl IntoView + use<> {
    view! {
        <thead>
            <tr>
                <th scope="col">{first}</th>
                <th scope="col" class="num">{t.print_count}</th>
                <th scope="col" class="num">{t.print_amount}</th>
                <th scope="col" class="num">{t.print_amount_unknown}</th>
            </tr>
        </thead>
    }
}

fn class_table(lang: Lang, t: &'static ResultsTexts, r: &Report) -> impl IntoView + use<> {
    let mut total = Tally::default();
    let rows = Class::ALL
        .into_iter()
        .map(|c| {
            let tally = r.classes.get(c);
            total.merge(&tally);
            let split = (c == Class::Outstanding).then(|| {
                view! {
                    <tr class="sub">
                        <th scope="row">{t.print_bound}</th>
                        {tally_cells(r.outstanding.bound)}
                    </tr>
                    <tr class="sub">
                        <th scope="row">{t.print_unbound}</th>
                        {tally_cells(r.outstanding.unbound)}
                    </tr>
                }
            });
            view! {
                <tr data-class=c.as_str()>
                    <th scope="row">{labels::class(lang, c)}" "<span class="machine">{c.as_str()}</span></th>
                    {tally_cells(tally)}
                </tr>
                {split}
            }
        })
        .collect_view();
    view! {
        <section class="print-section">
            <h2>{t.print_classes}</h2>
            <table class="print-table" data-testid="print-classes">
                {tally_head(t, t.print_item)}
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t.print_total}</th>
                        {tally_cells(total)}
                    </tr>
                </tfoot>
            </table>
        </section>
    }
}

fn flag_table(lang: Lang, t: &'static ResultsTexts, r: &Report) -> impl IntoView + use<> {
    let rows = Flag::ALL
        .into_iter()
        .map(|f| {
            view! {
                <tr data-flag=f.as_str()>
                    <th scope="row">{labels::flag(lang, f)}" "<span class="machine">{f.as_str()}</span></th>
                    {tally_cells(r.flags.get(f))}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="print-section">
            <h2>{t.print_flags}</h2>
            <table class="print-table" data-testid="print-flags">
                {tally_head(t, t.print_item)}
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t.print_exceptions_total}</th>
                        {tally_cells(r.exceptions)}
                    </tr>
                </tfoot>
            </table>
        </section>
    }
}

fn period_section(t: &'static ResultsTexts, p: &ReportPeriod) -> impl IntoView + use<> {
    view! {
        <section class="print-section">
            <h2>{(t.print_period)(&p.from, &p.to)}</h2>
            <table class="print-table" data-testid="print-period">
                {tally_head(t, "")}
                <tbody>
                    <tr class="emphasis">
                        <th scope="row">{t.period_in}</th>
                        {tally_cells(p.redeemed_in_period)}
                    </tr>
                    <tr>
                        <th scope="row">{t.period_before}</th>
                        {tally_cells(p.redeemed_before)}
                    </tr>
                    <tr>
                        <th scope="row">{t.period_after}</th>
                        {tally_cells(p.redeemed_after)}
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

fn batch_table(lang: Lang, t: &'static ResultsTexts, r: &Report) -> impl IntoView + use<> {
    let rows = r
        .batches
        .iter()
        .map(|b| {
            let complete = match b.complete {
                Some(true) => "true",
                Some(false) => "false",
                None => "unknown",
            };
            view! {
                <tr class:incomplete=b.complete == Some(false) data-mix-id=b.mix_id.clone() data-complete=complete>
                    <td class="mono">{b.mix_id.clone()}</td>
                    <td>{b.name.clone().unwrap_or_default()}</td>
                    <td class="num">{b.denomination_cents.map(yuan).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{b.total_count.map(count).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{count(b.loaded)}</td>
                    <td>{completeness(lang, b.complete)}</td>
                    <td>{b.pull.map(|p| labels::pull(lang, p)).unwrap_or("—")}</td>
                </tr>
            }
        })
        .collect_view();
    let others = (!r.other_batches.is_empty()).then(|| {
        let items = r
            .other_batches
            .iter()
            .map(|b| {
                let codes: u64 = Class::ALL.iter().map(|c| b.classes.get(*c).count).sum();
                let label = b.mix_id.clone().unwrap_or_else(|| results_texts(lang).chart_no_batch.to_string());
                view! { <li><span class="mono">{label}</span>{format!(": {}", count(codes))}</li> }
            })
            .collect_view();
        view! {
            <h3>{t.print_other_batches}</h3>
            <ul class="print-list">{items}</ul>
        }
    });
    view! {
        <section class="print-section">
            <h2>{t.print_batches}</h2>
            <table class="print-table" data-testid="print-batches">
                <thead>
                    <tr>
                        <th scope="col">{t.col_mix_id}</th>
                        <th scope="col">{t.col_name}</th>
                        <th scope="col" class="num">{t.col_denomination}</th>
                        <th scope="col" class="num">{t.col_total_count}</th>
                        <th scope="col" class="num">{t.col_loaded}</th>
                        <th scope="col">{t.col_complete}</th>
                        <th scope="col">{t.col_pull}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {others}
        </section>
    }
}

fn input_table(lang: Lang, t: &'static ResultsTexts, r: &Report) -> impl IntoView + use<> {
    let rows = r
        .inputs
        .iter()
        .map(|i| {
            let role = match i.pull {
                Some(pull) => format!("{} · {}", input_role(lang, i.role), labels::pull(lang, pull)),
                None => input_role(lang, i.role).to_string(),
            };
            view! {
                <tr>
                    <td>{i.name.clone()}</td>
                    <td>{role}</td>
                    <td>{i.format.clone()}</td>
                    <td class="num">{count(i.rows)}</td>
                    <td class="num">{count(i.rejected_rows)}</td>
                    <td class="mono sha" data-testid="print-sha256">{i.sha256.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="print-section">
            <h2>{t.print_inputs}</h2>
            <table class="print-table inputs" data-testid="print-inputs">
                <thead>
                    <tr>
                        <th scope="col">{t.col_file}</th>
                        <th scope="col">{t.col_role}</th>
                        <th scope="col">{t.col_format}</th>
                        <th scope="col" class="num">{t.col_rows}</th>
                        <th scope="col" class="num">{t.col_rejected}</th>
                        <th scope="col">{t.col_sha256}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Lines to sign on paper; names and time filled in when the run was
/// signed off in the app (the ink signature still goes on the line).
fn signatures(t: &'static ResultsTexts, signoff: Option<&(String, String, String)>) -> impl IntoView + use<> {
    let (preparer, reviewer, at) = match signoff {
        Some((p, r, at)) => (p.clone(), r.clone(), at.clone()),
        None => Default::default(),
    };
    let date = at.get(..10).unwrap_or(&at).to_string();
    let line = move |role: &'static str, name: String, testid: &'static str| {
        view! {
            <div class="signature" data-testid=testid>
                <p class="signature-role">{role}</p>
                <p class="signature-line"><span class="label">{t.signature}</span><span class="fill">{name}</span></p>
                <p class="signature-line"><span class="label">{t.date}</span><span class="fill">{date.clone()}</span></p>
            </div>
        }
    };
    let stamp = (!at.is_empty()).then(|| view! { <p class="signed-off">{format!("{} {at}", t.signed_off_at)}</p> });
    view! {
        <section class="print-section print-signatures">
            <h2>{t.print_signatures}</h2>
            <div class="signature-grid">
                {line(t.preparer, preparer, "print-preparer")}
                {line(t.reviewer, reviewer, "print-reviewer")}
            </div>
            {stamp}
        </section>
    }
}
