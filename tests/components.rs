//! Browser unit tests for the results components (charts, print view, the
//! virtual code table), run in headless Chromium by `wasm-bindgen-test-runner`.
//! The report comes from the real engine run over tests/fixtures, so the
//! figures asserted here are the ones the user would see.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use fcode_core::issuance::{IssuanceFile, IssuanceOptions, parse_issuance};
use fcode_core::model::PullType;
use fcode_core::platform::{PlatformFile, parse_platform};
use fcode_core::reconcile::{Class, Inputs, Period, PlatformInput, ReconcileOptions, Reconciliation, reconcile};
use fcode_core::report::{InputMeta, Report, ReportMeta, build_report};
use fcode_recon_app::components::charts::{BatchMixChart, RedemptionsChart};
use fcode_recon_app::components::code_table::{
    CodeTableView, MAX_SPACER_PX, OVERSCAN, ROW_PX, RowQuery, TableSource, row_window, spacer_px,
};
use fcode_recon_app::components::print_report::PrintReport;
use fcode_recon_app::format::yuan;
use fcode_recon_app::worker::summaries::{CodeDetail, DayTally, RowPage, TableRow};
use fcode_recon_app::worker::table_view::redemptions_per_day;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---- the fixture set through the engine --------------------------------------

const PLATFORM: [(&str, &[u8], PullType); 6] = [
    ("platform-a-wrapped.json", include_bytes!("fixtures/platform-a-wrapped.json"), PullType::All),
    ("platform-b-simplified.json", include_bytes!("fixtures/platform-b-simplified.json"), PullType::All),
    ("platform-c-pages.ndjson", include_bytes!("fixtures/platform-c-pages.ndjson"), PullType::All),
    ("platform-d.xml", include_bytes!("fixtures/platform-d.xml"), PullType::All),
    ("platform-e.csv", include_bytes!("fixtures/platform-e.csv"), PullType::All),
    ("consume-f.json", include_bytes!("fixtures/consume-f.json"), PullType::Consume),
];
const ISSUED: (&str, &[u8]) = ("issued-gbk.csv", include_bytes!("fixtures/issued-gbk.csv"));

struct Fixture {
    platform: Vec<(PlatformFile, PullType)>,
    issued: IssuanceFile,
}

impl Fixture {
    fn load() -> Fixture {
        let platform = PLATFORM
            .iter()
            .map(|(name, bytes, pull)| (parse_platform(name, bytes).expect("platform fixture parses"), *pull))
            .collect();
        let issued = parse_issuance(ISSUED.0, ISSUED.1, &IssuanceOptions::default()).expect("issuance fixture parses");
        Fixture { platform, issued }
    }

    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            platform: self.platform.iter().map(|(file, pull)| PlatformInput { file, pull: *pull }).collect(),
            issuance: vec![&self.issued],
        }
    }

    fn reconcile(&self) -> Reconciliation {
        let period = Period::parse("2026-08-01..2026-09-01").expect("a period");
        reconcile(&self.inputs(), &ReconcileOptions { period: Some(period) })
    }

    fn report(&self, rec: &Reconciliation) -> Report {
        let mut inputs: Vec<InputMeta> = self
            .platform
            .iter()
            .zip(PLATFORM.iter())
            .map(|((file, pull), (_, bytes, _))| InputMeta::platform(file, bytes, *pull))
            .collect();
        inputs.push(InputMeta::issuance(&self.issued, ISSUED.1));
        build_report(rec, &ReportMeta { generated_at: "2026-09-01 10:00:00".into(), inputs })
    }
}

// ---- DOM helpers ---------------------------------------------------------------

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

fn container() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").expect("div").dyn_into().expect("an HtmlElement");
    document().body().expect("body").append_child(&el).expect("append");
    el
}

fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let root = container();
    // Keep the view alive for the rest of the test.
    std::mem::forget(leptos::mount::mount_to(root.clone(), view));
    root
}

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()).collect()
}

fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .expect("an HtmlElement")
}

/// The text of the first match (HTML or SVG).
fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// The app's stylesheet for the results, as the page links it: the table's
/// fixed-height viewport depends on it.
fn load_results_css() {
    let style = document().create_element("style").expect("style");
    style.set_text_content(Some(include_str!("../style/results.css")));
    document().body().expect("body").append_child(&style).expect("append");
}

/// Lets the reactive system and spawned tasks run.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("a window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .expect("setTimeout");
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.expect("the timer");
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_1(&resolve, ms, &wasm_bindgen::JsValue::NULL)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("the timer");
}

// ---- charts --------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_batch_mix_chart_has_one_bar_per_batch_with_every_code() {
    let fixture = Fixture::load();
    let report = fixture.report(&fixture.reconcile());
    let shown = report.clone();
    let root = mount(move || view! { <BatchMixChart report=shown /> });
    settle().await;

    let chart = one(&root, "[data-testid='chart-batch-mix']");
    let groups = all(&chart, ".bar-group");
    assert_eq!(groups.len(), report.batches.len() + report.other_batches.len());
    for batch in &report.batches {
        let group = groups
            .iter()
            .find(|g| g.get_attribute("data-mix-id").as_deref() == Some(batch.mix_id.as_str()))
            .unwrap_or_else(|| panic!("no bar for batch {}", batch.mix_id));
        let classes_total: u64 = Class::ALL.iter().map(|c| batch.classes.get(*c).count).sum();
        assert_eq!(group.get_attribute("data-total"), Some(classes_total.to_string()));
        // The segments add up to the bar.
        let segments = group.query_selector_all(".segment").expect("segments");
        let sum: u64 = (0..segments.length())
            .filter_map(|i| segments.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-count")?.parse::<u64>().ok())
            .sum();
        assert_eq!(sum, classes_total, "segments of {}", batch.mix_id);
    }
    // Every class drawn is in the legend, by name, not only by colour.
    assert!(text(&root, ".legend").contains("已核销"));
    // Tooltips are SVG titles (in the SVG namespace, so browsers show them).
    let title = chart.query_selector(".segment title").expect("selector").expect("a segment title");
    assert_eq!(title.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_redemptions_chart_totals_what_the_platform_redeemed() {
    let fixture = Fixture::load();
    let rec = fixture.reconcile();
    let report = fixture.report(&rec);
    let days = redemptions_per_day(&rec);
    let shown = days.clone();
    let root = mount(move || view! { <RedemptionsChart days=shown /> });
    settle().await;

    // The platform settles on redemptions: redeemed + redeemed-never-issued.
    let redeemed = report.classes.redeemed;
    let unissued = report.classes.unissued_redeemed;
    let chart = one(&root, "[data-testid='chart-redemptions']");
    assert_eq!(chart.get_attribute("data-count"), Some((redeemed.count + unissued.count).to_string()));
    let amount = redeemed.amount_cents + unissued.amount_cents;
    assert!(text(&root, ".chart-total").contains(&yuan(amount)), "{}", text(&root, ".chart-total"));
    // One column per calendar day from the first redemption to the last.
    let columns = all(&chart, "g.day");
    assert!(columns.len() >= days.len());
    let first = &days[0].date;
    let last = &days[days.len() - 1].date;
    assert_eq!(columns[0].get_attribute("data-date").as_ref(), Some(first));
    assert_eq!(columns[columns.len() - 1].get_attribute("data-date").as_ref(), Some(last));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_year_of_days_gets_thin_bars_and_sparse_labels() {
    let days: Vec<DayTally> = (0..366)
        .map(|i| DayTally {
            date: fcode_core::time::BeijingTime::parse_date("2026-01-01").expect("a date").add_days(i).date_text(),
            count: (i % 7) as u64,
            amount_cents: (i % 7) * 400,
        })
        .collect();
    let root = mount(move || view! { <RedemptionsChart days=days /> });
    settle().await;
    assert_eq!(all(&root, "g.day").len(), 366);
    let labels = all(&root, ".axis-bottom").len();
    assert!((5..=12).contains(&labels), "{labels} date labels");
    // Without markers the line stays readable.
    assert!(all(&root, ".marker").is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn no_redemptions_says_so() {
    let root = mount(|| view! { <RedemptionsChart days=Vec::new() /> });
    settle().await;
    assert!(text(&root, ".chart-empty").contains("没有核销记录"));
    root.remove();
}

// ---- the print view ------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_print_view_carries_the_figures_the_hashes_and_the_signatures() {
    let fixture = Fixture::load();
    let rec = fixture.reconcile();
    let report = fixture.report(&rec);
    let days = redemptions_per_day(&rec);
    let shown = report.clone();
    let signoff = Some(("张三".to_string(), "李四".to_string(), "2026-09-02 09:30:00".to_string()));
    let root = mount(move || view! { <PrintReport report=shown days=days signoff=signoff /> });
    settle().await;

    let view = one(&root, "[data-testid='print-view']");
    assert!(view.class_list().contains("print-only"));
    // Hidden on screen (results.css is not loaded here, so check the class only).
    let all_text = view.text_content().unwrap_or_default();
    assert!(all_text.contains(&yuan(report.classes.redeemed.amount_cents)), "redeemed amount");
    assert!(all_text.contains(&report.rules_version));
    assert!(all_text.contains("2026-09-01 10:00:00"));
    let redeemed_row = one(&view, "[data-testid='print-classes'] tr[data-class='redeemed']");
    let cells = all(&redeemed_row, "td");
    assert_eq!(cells[1].get_attribute("data-value"), Some(report.classes.redeemed.amount_cents.to_string()));
    assert_eq!(cells[2].text_content().as_deref(), Some("0"));

    // Every input with its SHA-256.
    let hashes: Vec<String> = all(&view, "[data-testid='print-sha256']").iter().filter_map(|e| e.text_content()).collect();
    assert_eq!(hashes.len(), report.inputs.len());
    for input in &report.inputs {
        assert!(hashes.contains(&input.sha256), "hash of {}", input.name);
        assert!(all_text.contains(&input.name));
    }
    // The incomplete batch is a warning, and its row says so in words.
    assert!(text(&view, "[data-testid='print-warnings']").contains("不完整"));
    let incomplete = all(&view, "[data-testid='print-batches'] tr[data-complete='false']");
    assert_eq!(incomplete.len(), report.batches.iter().filter(|b| b.complete == Some(false)).count());
    // The settlement split.
    let period = report.period.as_ref().expect("a period");
    assert!(text(&view, "[data-testid='print-period']").contains(&yuan(period.redeemed_in_period.amount_cents)));
    // The tie-out line with the distinct codes.
    assert!(text(&view, "[data-testid='print-tie-out']").contains(&report.tie_out.codes.to_string()));
    // Signature lines, prefilled from the sign-off.
    assert!(text(&view, "[data-testid='print-preparer']").contains("张三"));
    assert!(text(&view, "[data-testid='print-reviewer']").contains("李四"));
    assert!(text(&view, "[data-testid='print-reviewer']").contains("2026-09-02"));
    assert!(text(&view, "[data-testid='print-preparer']").contains("制表人"));
    // Its charts have their own hooks, not the page's.
    assert!(view.query_selector("[data-testid='print-chart-batch-mix']").expect("selector").is_some());
    assert!(view.query_selector("[data-testid='chart-batch-mix']").expect("selector").is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_print_view_without_a_signoff_leaves_the_lines_blank() {
    let fixture = Fixture::load();
    let report = fixture.report(&fixture.reconcile());
    let root = mount(move || view! { <PrintReport report=report /> });
    settle().await;
    let preparer = one(&root, "[data-testid='print-preparer']");
    let fills = all(&preparer, ".fill");
    assert_eq!(fills.len(), 2);
    assert!(fills.iter().all(|f| f.text_content().unwrap_or_default().is_empty()));
    root.remove();
}

// ---- the virtual table -----------------------------------------------------------

#[wasm_bindgen_test]
fn the_window_arithmetic_scales_a_million_rows() {
    let total = 1_000_000;
    assert!(spacer_px(total) <= MAX_SPACER_PX);
    let view = 480.0;
    let top = row_window(total, 0.0, view, OVERSCAN);
    assert_eq!(top.first, 0);
    let bottom = row_window(total, spacer_px(total) - view, view, OVERSCAN);
    assert_eq!(bottom.end, total);
    assert!(bottom.len() < 50);
    let small = row_window(10, 0.0, view, OVERSCAN);
    assert_eq!((small.first, small.end), (0, 10));
    assert_eq!(spacer_px(10), 10.0 * ROW_PX);
}

/// A row source of `total` synthetic codes that records what it was asked.
fn synthetic_source(total: u32, filtered_total: u32, detail_row: CodeDetail, asked: Rc<RefCell<Vec<(RowQuery, u32)>>>) -> TableSource {
    TableSource::new(
        move |query: RowQuery, offset, limit| {
            asked.borrow_mut().push((query.clone(), offset));
            let total = if query.filter == Default::default() { total } else { filtered_total };
            let end = offset.saturating_add(limit).min(total);
            let rows = (offset.min(end)..end)
                .map(|i| TableRow {
                    index: i,
                    code: format!("SYN{i:07}"),
                    class: Class::ALL[(i % 9) as usize],
                    flags: Vec::new(),
                    amount_cents: Some(400),
                    platform_status: Some(2),
                    gmt_modified: Some("2026-08-01 10:00:00".into()),
                    mix_id: Some("code_synthetic".into()),
                    recipient: format!("recipient {i}"),
                    order_ref: format!("ORDER-{i}"),
                })
                .collect();
            Box::pin(async move { Ok(RowPage { total, offset, rows }) })
        },
        move |index| {
            let mut detail = detail_row.clone();
            detail.index = index;
            Box::pin(async move { Ok(detail) })
        },
    )
}

#[wasm_bindgen_test]
async fn a_million_codes_scroll_with_only_a_window_in_the_dom() {
    let fixture = Fixture::load();
    let rec = fixture.reconcile();
    let report = fixture.report(&rec);
    let row = rec.detail_row(&fixture.inputs(), 0).expect("a detail row");
    let detail = CodeDetail { index: 0, row: row.clone() };
    let asked = Rc::new(RefCell::new(Vec::new()));
    let source = synthetic_source(1_000_000, 1_234, detail, asked.clone());
    load_results_css();
    let root = mount(move || view! { <CodeTableView source report=Signal::stored(Some(report)) /> });
    settle().await;

    assert_eq!(text(&root, "[data-testid='code-table-total']"), "1,000,000");
    let rows = all(&root, "[data-testid='code-row']");
    assert!(!rows.is_empty() && rows.len() < 60, "{} rows in the DOM", rows.len());
    assert_eq!(rows[0].get_attribute("data-code").as_deref(), Some("SYN0000000"));
    // Chips show the report's counts.
    assert!(text(&root, "[data-testid='filter-class-redeemed']").contains("10"));
    assert!(text(&root, "[data-testid='filter-exceptions']").contains("15"));

    // Scroll to the very end: the last code is rendered, still only a window.
    let viewport = one(&root, ".code-table-viewport");
    viewport.set_scroll_top(i32::MAX);
    viewport.dispatch_event(&web_sys::Event::new("scroll").expect("an event")).expect("dispatch");
    settle().await;
    let rows = all(&root, "[data-testid='code-row']");
    assert!(rows.len() < 60, "{} rows in the DOM", rows.len());
    let codes: Vec<String> = rows.iter().filter_map(|r| r.get_attribute("data-code")).collect();
    assert!(codes.contains(&"SYN0999999".to_string()), "last rows: {codes:?}");
    // Only the windows around the view were fetched, never the whole table.
    assert!(asked.borrow().len() < 10, "{} requests", asked.borrow().len());

    // A class chip filters; the total follows and the table starts at the top.
    one(&root, "[data-testid='filter-class-redeemed']").click();
    settle().await;
    assert_eq!(text(&root, "[data-testid='code-table-total']"), "1,234");
    let (last_query, offset) = asked.borrow().last().cloned().expect("a request");
    assert_eq!(last_query.filter.classes, vec![Class::Redeemed]);
    assert_eq!(offset, 0);
    assert_eq!(one(&root, "[data-testid='filter-class-redeemed']").get_attribute("aria-pressed").as_deref(), Some("true"));

    // Sorting: a click sorts ascending, another descending.
    one(&root, "[data-testid='sort-amount']").click();
    settle().await;
    one(&root, "[data-testid='sort-amount']").click();
    settle().await;
    let (last_query, _) = asked.borrow().last().cloned().expect("a request");
    assert_eq!((last_query.sort, last_query.descending), (fcode_recon_app::worker::protocol::SortKey::Amount, true));

    // Search is debounced, then sent.
    let search: web_sys::HtmlInputElement = one(&root, "[data-testid='code-search']").dyn_into().expect("an input");
    search.set_value("ORDER-7");
    search.dispatch_event(&web_sys::Event::new("input").expect("an event")).expect("dispatch");
    settle().await;
    assert_ne!(asked.borrow().last().and_then(|(q, _)| q.filter.search.clone()).as_deref(), Some("ORDER-7"));
    sleep(300).await;
    settle().await;
    assert_eq!(asked.borrow().last().and_then(|(q, _)| q.filter.search.clone()).as_deref(), Some("ORDER-7"));

    // A row opens the detail panel; Close closes it.
    one(&root, "[data-testid='code-row']").click();
    settle().await;
    let panel = one(&root, "[data-testid='code-detail']");
    assert_eq!(panel.get_attribute("data-code"), Some(row.code.clone()));
    let panel_text = panel.text_content().unwrap_or_default();
    assert!(panel_text.contains(&row.platform_source) && panel_text.contains(&row.issuance_source), "{panel_text}");
    one(&root, "[data-testid='close-detail']").click();
    settle().await;
    assert!(root.query_selector("[data-testid='code-detail']").expect("selector").is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_detail_panel_explains_flags_and_shows_the_code_as_given() {
    let fixture = Fixture::load();
    let rec = fixture.reconcile();
    let inputs = fixture.inputs();
    // FCA002: voided on the list but redeemed; fca004: normalised from lower case.
    let find = |code: &str| (0..rec.len()).find(|&i| rec.code(&inputs, i) == code).expect("the code is in the fixture");
    let voided = rec.detail_row(&inputs, find("FCA002")).expect("a row");
    let lowered = rec.detail_row(&inputs, find("FCA004")).expect("a row");
    use fcode_recon_app::components::code_detail::CodeDetailPanel;
    let root = mount(move || {
        view! {
            <CodeDetailPanel detail=CodeDetail { index: 1, row: voided } on_close=|_| {} />
            <CodeDetailPanel detail=CodeDetail { index: 3, row: lowered } on_close=|_| {} />
        }
    });
    settle().await;
    let panels = all(&root, "[data-testid='code-detail']");
    assert_eq!(panels.len(), 2);
    let first = panels[0].text_content().unwrap_or_default();
    assert!(first.contains("已作废仍被核销") && first.contains("发放清单标记作废"), "{first}");
    assert!(first.contains("作废"));
    let second = panels[1].text_content().unwrap_or_default();
    assert!(second.contains("fca004"), "the code as given: {second}");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_print_view_speaks_english_with_the_same_figures() {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).expect("localStorage");
    storage.set_item("fcode-recon.lang", "en").expect("remember English");
    let fixture = Fixture::load();
    let report = fixture.report(&fixture.reconcile());
    let redeemed = yuan(report.classes.redeemed.amount_cents);
    let root = mount(move || {
        fcode_recon_app::i18n::provide_i18n();
        view! { <PrintReport report=report /> }
    });
    settle().await;
    let all_text = text(&root, "[data-testid='print-view']");
    assert!(all_text.contains("F-code reconciliation report"));
    assert!(all_text.contains("Prepared by") && all_text.contains("Reviewed by"));
    assert!(all_text.contains("INCOMPLETE"));
    assert!(all_text.contains(&redeemed));
    let _ = storage.remove_item("fcode-recon.lang");
    root.remove();
}
