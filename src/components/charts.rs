//! Two charts as inline SVG (no script, no canvas, so they print crisply):
//! the status mix of each batch, and redemptions per day.
//!
//! Meaning never rests on colour alone: every class also has its own hatch
//! pattern, segments wide enough carry their count, bars and the amount line
//! differ in shape, and every mark has a `<title>` tooltip. Colours come from
//! the `class-<name>` rules of style/results.css, as in the table's tags.

use fcode_core::reconcile::Class;
use fcode_core::report::{ClassTallies, Report};
use fcode_core::time::BeijingTime;
use leptos::prelude::*;

use crate::format::{count, yuan};
use crate::i18n::results_text::{ResultsTexts, results_texts};
use crate::i18n::{Lang, labels, use_i18n};
use crate::worker::summaries::DayTally;

/// Width of both charts in SVG user units; they scale to their container.
const WIDTH: f64 = 760.0;

// ---- status mix per batch ----------------------------------------------------

const BAR_X: f64 = 210.0;
const BAR_W: f64 = 470.0;
const MIX_ROW_H: f64 = 40.0;
const MIX_BAR_H: f64 = 22.0;
const LEGEND_ROW_H: f64 = 22.0;
const LEGEND_COLUMNS: usize = 3;

/// One bar of the mix chart.
#[derive(Clone, Debug, PartialEq)]
pub struct MixBar {
    /// `None` for codes with no batch at all.
    pub mix_id: Option<String>,
    pub name: Option<String>,
    /// Only named by the issuance list (not loaded from the platform).
    pub issuance_only: bool,
    /// Codes per class, in `Class::ALL` order.
    pub counts: [u64; 9],
}

impl MixBar {
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

fn class_counts(tallies: &ClassTallies) -> [u64; 9] {
    Class::ALL.map(|c| tallies.get(c).count)
}

/// The bars: platform batches first, then batches only the issuance list
/// names, then codes with no batch.
pub fn mix_bars(report: &Report) -> Vec<MixBar> {
    let platform = report.batches.iter().map(|b| MixBar {
        mix_id: Some(b.mix_id.clone()),
        name: b.name.clone(),
        issuance_only: false,
        counts: class_counts(&b.classes),
    });
    let other = report.other_batches.iter().map(|b| MixBar {
        mix_id: b.mix_id.clone(),
        name: None,
        issuance_only: true,
        counts: class_counts(&b.classes),
    });
    platform.chain(other).collect()
}

/// `(x, width)` of each class's segment within a bar `BAR_W` wide; positions
/// come from cumulative counts, so segments meet without gaps or overlap.
pub fn segments(counts: &[u64; 9], bar_w: f64) -> [(f64, f64); 9] {
    let total: u64 = counts.iter().sum();
    let mut out = [(0.0, 0.0); 9];
    if total == 0 {
        return out;
    }
    let mut before = 0u64;
    for (slot, n) in out.iter_mut().zip(counts) {
        let x0 = bar_w * before as f64 / total as f64;
        before += n;
        let x1 = bar_w * before as f64 / total as f64;
        *slot = (x0, x1 - x0);
    }
    out
}

/// The hatch pattern of a class (SVG path in a 6×6 tile); redeemed is solid.
fn hatch(class: Class) -> Option<&'static str> {
    match class {
        Class::Redeemed => None,
        Class::Outstanding => Some("M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2"),
        Class::Expired => Some("M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2"),
        Class::Invalidated => Some("M0,0 l6,6 M6,0 l-6,6"),
        Class::MissingOnPlatform => Some("M1.5,1.5 h1 v1 h-1 z M4.5,4.5 h1 v1 h-1 z"),
        Class::NotRedeemed => Some("M0,3 h6"),
        Class::UnissuedRedeemed => Some("M3,0 v6"),
        Class::UnissuedBound => Some("M0,3 h6 M3,0 v6"),
        Class::Unissued => Some("M0,0.5 h6"),
    }
}

fn pattern_id(prefix: &str, class: Class) -> String {
    format!("{prefix}-hatch-{}", class.as_str())
}

/// The hatch patterns, one per class.
fn pattern_defs(prefix: &'static str) -> impl IntoView + use<> {
    let patterns = Class::ALL
        .into_iter()
        .filter_map(|c| hatch(c).map(|d| (c, d)))
        .map(|(c, d)| {
            view! {
                <pattern id=pattern_id(prefix, c) patternUnits="userSpaceOnUse" width="6" height="6">
                    <path class="hatch" d=d />
                </pattern>
            }
        })
        .collect_view();
    view! { <defs>{patterns}</defs> }
}

/// A class-coloured rectangle with its hatch on top.
fn swatch(prefix: &'static str, class: Class, x: f64, y: f64, w: f64, h: f64) -> impl IntoView + use<> {
    let hatch = hatch(class).map(|_| {
        view! { <rect class="hatch-fill" x=n(x) y=n(y) width=n(w) height=n(h) fill=format!("url(#{})", pattern_id(prefix, class)) /> }
    });
    view! {
        <g>
            <rect class=format!("seg class-{}", class.as_str()) x=n(x) y=n(y) width=n(w) height=n(h) />
            {hatch}
        </g>
    }
}

/// Status mix per batch: one 100%-stacked horizontal bar per batch.
/// `print` marks the copy inside the print view (its own hooks and ids).
#[component]
pub fn BatchMixChart(report: Report, #[prop(optional)] print: bool) -> impl IntoView {
    let i18n = use_i18n();
    let bars = StoredValue::new(mix_bars(&report));
    let testid = if print { "print-chart-batch-mix" } else { "chart-batch-mix" };
    let prefix = if print { "print-mix" } else { "mix" };
    view! {
        <figure class="chart chart-batch-mix" data-testid=testid>
            {move || bars.with_value(|bars| mix_figure(i18n.lang(), bars, prefix))}
        </figure>
    }
}

fn mix_figure(lang: Lang, bars: &[MixBar], prefix: &'static str) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let caption = view! {
        <figcaption>
            <strong id=format!("{prefix}-title")>{t.chart_mix_title}</strong>
            <span class="chart-desc">{t.chart_mix_desc}</span>
        </figcaption>
    };
    if bars.is_empty() {
        return view! { {caption} <p class="chart-empty">{t.chart_mix_empty}</p> }.into_any();
    }
    // The legend lists the classes that occur, in the bars' order.
    let present: Vec<Class> = Class::ALL.into_iter().filter(|c| bars.iter().any(|b| b.counts[c.index()] > 0)).collect();
    let legend_rows = present.len().div_ceil(LEGEND_COLUMNS);
    let bars_h = bars.len() as f64 * MIX_ROW_H;
    let height = 8.0 + bars_h + 12.0 + legend_rows as f64 * LEGEND_ROW_H;
    let rows = bars.iter().enumerate().map(|(i, bar)| mix_row(lang, t, bar, prefix, 8.0 + i as f64 * MIX_ROW_H)).collect_view();
    let legend = present
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let x = (i % LEGEND_COLUMNS) as f64 * (WIDTH / LEGEND_COLUMNS as f64);
            let y = 8.0 + bars_h + 12.0 + (i / LEGEND_COLUMNS) as f64 * LEGEND_ROW_H;
            view! {
                <g class="legend-item" data-class=c.as_str()>
                    {swatch(prefix, c, x, y, 16.0, 14.0)}
                    <text x=n(x + 22.0) y=n(y + 11.5)>{labels::class(lang, c)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        {caption}
        <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {}", n(height)) role="img" aria-labelledby=format!("{prefix}-title")
            xmlns="http://www.w3.org/2000/svg">
            {pattern_defs(prefix)}
            {rows}
            <g class="legend" aria-label=t.chart_legend>{legend}</g>
        </svg>
    }
    .into_any()
}

fn mix_row(lang: Lang, t: &ResultsTexts, bar: &MixBar, prefix: &'static str, y: f64) -> impl IntoView + use<> {
    let total = bar.total();
    let title = match (&bar.name, &bar.mix_id) {
        (Some(name), Some(mix_id)) => format!("{name} · {mix_id}"),
        (None, Some(mix_id)) => mix_id.clone(),
        _ => t.chart_no_batch.to_string(),
    };
    let (line1, line2) = match (&bar.name, &bar.mix_id, bar.issuance_only) {
        (Some(name), Some(mix_id), _) => (shorten(name, 14), shorten(mix_id, 26)),
        (None, Some(mix_id), true) => (shorten(mix_id, 26), t.chart_issuance_only.to_string()),
        (None, Some(mix_id), false) => (shorten(mix_id, 26), String::new()),
        (_, None, _) => (t.chart_no_batch.to_string(), t.chart_issuance_only.to_string()),
    };
    let bar_y = y + (MIX_ROW_H - MIX_BAR_H) / 2.0;
    let segs = segments(&bar.counts, BAR_W);
    let pieces = Class::ALL
        .into_iter()
        .zip(segs)
        .filter(|(c, _)| bar.counts[c.index()] > 0)
        .map(|(c, (x, w))| {
            let count_here = bar.counts[c.index()];
            let tip = (t.segment_tooltip)(labels::class(lang, c), count_here, total);
            // The count inside the segment when it fits (a digit is ~7 units).
            let label = (w >= 10.0 + 7.0 * count(count_here).len() as f64).then(|| {
                view! { <text class="seg-label" x=n(BAR_X + x + w / 2.0) y=n(bar_y + MIX_BAR_H / 2.0 + 4.0)>{count(count_here)}</text> }
            });
            view! {
                <g class="segment" data-class=c.as_str() data-count=count_here.to_string()>
                    {tooltip(tip)}
                    {swatch(prefix, c, BAR_X + x, bar_y, w, MIX_BAR_H)}
                    {label}
                </g>
            }
        })
        .collect_view();
    view! {
        <g class="bar-group" data-mix-id=bar.mix_id.clone().unwrap_or_default() data-total=total.to_string()>
            {tooltip(title)}
            <text class="bar-label" x="0" y=n(y + 17.0)>{line1}</text>
            <text class="bar-sublabel" x="0" y=n(y + 32.0)>{line2}</text>
            <rect class="bar-frame" x=n(BAR_X) y=n(bar_y) width=n(BAR_W) height=n(MIX_BAR_H) />
            {pieces}
            <text class="bar-total" x=n(WIDTH) y=n(bar_y + MIX_BAR_H / 2.0 + 4.0)>{count(total)}</text>
        </g>
    }
}

// ---- redemptions per day -----------------------------------------------------

const PLOT_LEFT: f64 = 56.0;
const PLOT_RIGHT: f64 = WIDTH - 84.0;
const PLOT_TOP: f64 = 14.0;
const PLOT_BOTTOM: f64 = 214.0;
const DAYS_HEIGHT: f64 = 264.0;
const Y_TICKS: u64 = 4;
/// At most this many date labels under the axis.
const MAX_X_LABELS: usize = 10;
/// Gaps between days are filled with zero days up to this span (ten years);
/// beyond it the days are drawn side by side.
const MAX_FILLED_DAYS: i64 = 3_660;

/// The days from the first to the last redemption, with zero days filled
/// in so the time axis is even. Days that are not dates are kept as given.
pub fn fill_days(days: &[DayTally]) -> Vec<DayTally> {
    let day_number = |d: &DayTally| BeijingTime::parse_date(&d.date).map(|t| t.0.div_euclid(86_400));
    let numbers: Option<Vec<i64>> = days.iter().map(day_number).collect();
    let (Some(numbers), Some(first), Some(last)) = (numbers, days.first(), days.last()) else { return days.to_vec() };
    let (Some(from), Some(to)) = (day_number(first), day_number(last)) else { return days.to_vec() };
    if to < from || to - from >= MAX_FILLED_DAYS || numbers.windows(2).any(|w| w[0] >= w[1]) {
        return days.to_vec();
    }
    let mut given = numbers.iter().zip(days).peekable();
    (from..=to)
        .map(|day| match given.peek() {
            Some((n, tally)) if **n == day => {
                let tally = (*tally).clone();
                given.next();
                tally
            }
            _ => DayTally { date: BeijingTime(day * 86_400).date_text(), count: 0, amount_cents: 0 },
        })
        .collect()
}

/// A round step (1, 2 or 5 × 10ⁿ) so that `ticks` steps cover `max`.
pub fn nice_step(max: u64, ticks: u64) -> u64 {
    let raw = max.div_ceil(ticks.max(1)).max(1);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude = magnitude.saturating_mul(10);
    }
    for factor in [1, 2, 5, 10] {
        let step = magnitude.saturating_mul(factor);
        if step >= raw {
            return step;
        }
    }
    magnitude.saturating_mul(10)
}

/// Every how many days a date label goes under the axis.
pub fn label_every(days: usize) -> usize {
    days.div_ceil(MAX_X_LABELS).max(1)
}

/// Codes redeemed per day (bars) and their amount (dashed line).
#[component]
pub fn RedemptionsChart(days: Vec<DayTally>, #[prop(optional)] print: bool) -> impl IntoView {
    let i18n = use_i18n();
    let total_count: u64 = days.iter().map(|d| d.count).sum();
    let total_cents: i64 = days.iter().fold(0i64, |sum, d| sum.saturating_add(d.amount_cents));
    let days = StoredValue::new(fill_days(&days));
    let testid = if print { "print-chart-redemptions" } else { "chart-redemptions" };
    let prefix = if print { "print-days" } else { "days" };
    view! {
        <figure class="chart chart-redemptions" data-testid=testid data-count=total_count.to_string() data-amount=total_cents.to_string()>
            {move || days.with_value(|days| days_figure(i18n.lang(), days, prefix, total_count, total_cents))}
        </figure>
    }
}

fn days_figure(lang: Lang, days: &[DayTally], prefix: &'static str, total_count: u64, total_cents: i64) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let range = match (days.first(), days.last()) {
        (Some(a), Some(b)) if a.date != b.date => format!(" · {} – {}", a.date, b.date),
        (Some(a), _) => format!(" · {}", a.date),
        _ => String::new(),
    };
    let caption = view! {
        <figcaption>
            <strong id=format!("{prefix}-title")>{t.chart_days_title}</strong>
            <span class="chart-desc">{t.chart_days_desc}</span>
            <span class="chart-total">{(t.codes_and_amount)(total_count, total_cents)}{range}</span>
        </figcaption>
    };
    if days.is_empty() {
        return view! { {caption} <p class="chart-empty">{t.chart_days_empty}</p> }.into_any();
    }
    let max_count = days.iter().map(|d| d.count).max().unwrap_or(0);
    let max_cents = days.iter().map(|d| d.amount_cents.max(0)).max().unwrap_or(0).unsigned_abs();
    let count_step = nice_step(max_count, Y_TICKS);
    let cents_step = nice_step(max_cents, Y_TICKS);
    let (count_top, cents_top) = (count_step * Y_TICKS, cents_step * Y_TICKS);
    let plot_h = PLOT_BOTTOM - PLOT_TOP;
    let y_of = |value: f64, top: u64| PLOT_BOTTOM - plot_h * value / top.max(1) as f64;
    let slot = (PLOT_RIGHT - PLOT_LEFT) / days.len() as f64;
    // Thin bars lose their gaps rather than vanish.
    let bar_w = if slot >= 6.0 { slot * 0.7 } else { slot.max(0.5) };
    let every = label_every(days.len());

    let grid = (0..=Y_TICKS)
        .map(|i| {
            let y = y_of((count_step * i) as f64, count_top);
            view! {
                <g class="tick">
                    <line class="grid" x1=n(PLOT_LEFT) x2=n(PLOT_RIGHT) y1=n(y) y2=n(y) />
                    <text class="axis-left" x=n(PLOT_LEFT - 6.0) y=n(y + 4.0)>{count(count_step * i)}</text>
                    <text class="axis-right" x=n(PLOT_RIGHT + 6.0) y=n(y + 4.0)>{yuan((cents_step * i).min(i64::MAX as u64) as i64)}</text>
                </g>
            }
        })
        .collect_view();
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = PLOT_LEFT + slot * i as f64;
            let y = y_of(d.count as f64, count_top);
            let label = (i % every == 0).then(|| {
                let short = d.date.get(5..).unwrap_or(&d.date).to_string();
                view! { <text class="axis-bottom" x=n(x + slot / 2.0) y=n(PLOT_BOTTOM + 16.0)>{short}</text> }
            });
            view! {
                <g class="day" data-date=d.date.clone() data-count=d.count.to_string() data-amount=d.amount_cents.to_string()>
                    {tooltip((t.day_tooltip)(&d.date, d.count, d.amount_cents))}
                    <rect class="hit" x=n(x) y=n(PLOT_TOP) width=n(slot) height=n(plot_h) />
                    <rect class="bar" x=n(x + (slot - bar_w) / 2.0) y=n(y) width=n(bar_w) height=n(PLOT_BOTTOM - y) />
                    {label}
                </g>
            }
        })
        .collect_view();
    let points = days
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{},{}", n(PLOT_LEFT + slot * (i as f64 + 0.5)), n(y_of(d.amount_cents.max(0) as f64, cents_top))))
        .collect::<Vec<_>>()
        .join(" ");
    let markers = (days.len() <= 62).then(|| {
        days.iter()
            .enumerate()
            .map(|(i, d)| {
                let (cx, cy) = (PLOT_LEFT + slot * (i as f64 + 0.5), y_of(d.amount_cents.max(0) as f64, cents_top));
                view! { <g><rect class="marker" x=n(cx - 2.5) y=n(cy - 2.5) width="5" height="5" /></g> }
            })
            .collect_view()
    });
    let legend_y = DAYS_HEIGHT - 4.0;
    view! {
        {caption}
        <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {DAYS_HEIGHT}") role="img" aria-labelledby=format!("{prefix}-title")
            xmlns="http://www.w3.org/2000/svg">
            {grid}
            <line class="axis" x1=n(PLOT_LEFT) x2=n(PLOT_RIGHT) y1=n(PLOT_BOTTOM) y2=n(PLOT_BOTTOM) />
            {bars}
            <polyline class="amount-line" points=points />
            {markers}
            <g class="legend">
                <rect class="bar" x=n(PLOT_LEFT) y=n(legend_y - 10.0) width="14" height="10" />
                <text x=n(PLOT_LEFT + 20.0) y=n(legend_y)>{t.chart_count_series}</text>
                <line class="amount-line" x1=n(PLOT_LEFT + 200.0) x2=n(PLOT_LEFT + 230.0) y1=n(legend_y - 5.0) y2=n(legend_y - 5.0) />
                <text x=n(PLOT_LEFT + 236.0) y=n(legend_y)>{t.chart_amount_series}</text>
            </g>
        </svg>
    }
    .into_any()
}

// ---- helpers -------------------------------------------------------------------

/// An SVG `<title>`: the browser's tooltip for the mark it is in. Built
/// directly because `view!` can make it an HTML `<title>`, which shows nothing.
fn tooltip(text: String) -> impl IntoView + use<> {
    leptos::svg::title().child(text)
}

/// A coordinate with one decimal: small markup, no visible rounding.
fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let text = format!("{v:.1}");
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

/// Long names and mix_ids keep their head and tail: `code_aaaa…0001`.
fn shorten(text: &str, max_chars: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max_chars || max_chars < 3 {
        return text.to_string();
    }
    let keep = max_chars - 1;
    let head: String = chars.iter().take(keep - keep / 2).collect();
    let tail: String = chars.iter().skip(chars.len() - keep / 2).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, count: u64, amount_cents: i64) -> DayTally {
        DayTally { date: date.into(), count, amount_cents }
    }

    #[test]
    fn segments_fill_the_bar_exactly() {
        let counts = [3, 1, 0, 0, 0, 0, 0, 0, 2];
        let s = segments(&counts, 600.0);
        assert_eq!(s[0], (0.0, 300.0));
        assert_eq!(s[1], (300.0, 100.0));
        assert_eq!(s[2].1, 0.0);
        assert_eq!(s[8].0 + s[8].1, 600.0);
        assert_eq!(segments(&[0; 9], 600.0), [(0.0, 0.0); 9]);
    }

    #[test]
    fn gaps_between_days_are_filled_with_zero_days() {
        let filled = fill_days(&[day("2026-07-30", 1, 100), day("2026-08-02", 2, 300)]);
        let dates: Vec<_> = filled.iter().map(|d| d.date.as_str()).collect();
        assert_eq!(dates, ["2026-07-30", "2026-07-31", "2026-08-01", "2026-08-02"]);
        assert_eq!(filled.iter().map(|d| d.count).sum::<u64>(), 3);
        // Nonsense stays as given rather than being guessed at.
        let odd = vec![day("someday", 1, 1)];
        assert_eq!(fill_days(&odd), odd);
        assert!(fill_days(&[]).is_empty());
    }

    #[test]
    fn axis_steps_are_round_and_cover_the_maximum() {
        assert_eq!(nice_step(0, 4), 1);
        assert_eq!(nice_step(3, 4), 1);
        assert_eq!(nice_step(7, 4), 2);
        assert_eq!(nice_step(18, 4), 5);
        assert_eq!(nice_step(2000, 4), 500);
        assert_eq!(nice_step(2001, 4), 1000);
        for max in [1, 9, 77, 12_345, 999_999] {
            assert!(nice_step(max, 4) * 4 >= max);
        }
        assert_eq!(label_every(5), 1);
        assert_eq!(label_every(365), 37);
    }

    #[test]
    fn long_labels_keep_head_and_tail() {
        assert_eq!(shorten("code_aaaaaaaaaaaaaaaa0001", 12), "code_a…a0001");
        assert_eq!(shorten("春节观影券", 14), "春节观影券");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.34), "12.3");
    }
}
