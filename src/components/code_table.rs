//! The exceptions queue: one table over every code of the last
//! reconciliation, with filter chips, search, sortable columns and a detail
//! panel per code.
//!
//! The codes live in the engine worker (1M of them is normal). The table
//! asks for windows of rows as the user scrolls and keeps only the visible
//! window (plus a little overscan) in the DOM: a spacer as tall as all rows
//! gives the scroll bar its length, and the rendered rows are translated to
//! where the user is looking. Browsers cap element heights (~16–33M px), so
//! past [`MAX_SPACER_PX`] the spacer is capped and the scroll position is
//! mapped proportionally onto the rows ([`row_window`]).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use fcode_core::reconcile::{Class, CodeFilter, Flag};
use fcode_core::report::Report;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::code_detail::CodeDetailPanel;
use crate::format::{count, yuan};
use crate::i18n::results_text::results_texts;
use crate::i18n::{labels, use_i18n};
use crate::state::session::Session;
use crate::worker::protocol::SortKey;
use crate::worker::summaries::{CodeDetail, RowPage, TableRow};

// ---- window arithmetic (pure, tested natively) ------------------------------

/// Height of one row in CSS pixels; `style/results.css` uses the same.
pub const ROW_PX: f64 = 32.0;
/// The tallest spacer the table makes. Firefox stops at ~17.9M px and
/// Chrome at ~33.5M px; 10M stays clear of both with room for zoom.
pub const MAX_SPACER_PX: f64 = 10_000_000.0;
/// Rows rendered beyond each edge of the viewport, so a fast scroll does not
/// show blank space before the next frame.
pub const OVERSCAN: u32 = 8;

/// Which rows to render for a scroll position, and where.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowWindow {
    /// First row to render (inclusive).
    pub first: u32,
    /// One past the last row to render.
    pub end: u32,
    /// Where the first rendered row's top goes, in spacer pixels.
    pub offset_px: f64,
}

impl RowWindow {
    pub const EMPTY: RowWindow = RowWindow { first: 0, end: 0, offset_px: 0.0 };

    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.first)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Height of the scroll spacer for `total` rows: all of them, or the cap.
pub fn spacer_px(total: u32) -> f64 {
    (f64::from(total) * ROW_PX).min(MAX_SPACER_PX)
}

/// The rows visible at `scroll_top` in a viewport `viewport_px` tall, with
/// `overscan` rows either side.
///
/// Below the cap the mapping is the identity. Above it, the scrollable range
/// of the spacer (`spacer - viewport`) is mapped linearly onto the scrollable
/// range of the rows (`rows - viewport`), so the first and the last row are
/// both reachable, and the rows are placed so the row under the top edge
/// sits where it would without scaling.
pub fn row_window(total: u32, scroll_top: f64, viewport_px: f64, overscan: u32) -> RowWindow {
    if total == 0 {
        return RowWindow::EMPTY;
    }
    let content = f64::from(total) * ROW_PX;
    let spacer = spacer_px(total);
    let viewport = if viewport_px.is_finite() { viewport_px.max(ROW_PX) } else { ROW_PX };
    let scroll_range = (spacer - viewport).max(0.0);
    let scroll = if scroll_top.is_finite() { scroll_top.clamp(0.0, scroll_range) } else { 0.0 };
    let virtual_top = if spacer < content && scroll_range > 0.0 { scroll * (content - viewport) / scroll_range } else { scroll };
    // `as` saturates on floats; the min keeps the last row reachable.
    let first_visible = ((virtual_top / ROW_PX).floor() as u32).min(total - 1);
    let visible = (viewport / ROW_PX).ceil() as u32 + 1;
    let first = first_visible.saturating_sub(overscan);
    let end = first_visible.saturating_add(visible).saturating_add(overscan).min(total);
    let offset_px = scroll - virtual_top + f64::from(first) * ROW_PX;
    RowWindow { first, end, offset_px }
}

// ---- where rows come from ---------------------------------------------------

/// What the table shows: filter and order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowQuery {
    pub filter: CodeFilter,
    pub sort: SortKey,
    pub descending: bool,
}

pub type Pending<T> = Pin<Box<dyn Future<Output = Result<T, String>>>>;

/// Fetches rows and details. The app's source is the engine worker
/// ([`TableSource::of_session`]); tests give a synthetic one.
#[derive(Clone)]
pub struct TableSource {
    rows: Rc<dyn Fn(RowQuery, u32, u32) -> Pending<RowPage>>,
    detail: Rc<dyn Fn(u32) -> Pending<CodeDetail>>,
}

impl TableSource {
    /// `rows(query, offset, limit)` and `detail(code index)`.
    pub fn new(
        rows: impl Fn(RowQuery, u32, u32) -> Pending<RowPage> + 'static,
        detail: impl Fn(u32) -> Pending<CodeDetail> + 'static,
    ) -> Self {
        Self { rows: Rc::new(rows), detail: Rc::new(detail) }
    }

    pub fn of_session(session: Session) -> Self {
        Self::new(
            move |q: RowQuery, offset, limit| {
                Box::pin(async move { session.rows(q.filter, q.sort, q.descending, offset, limit).await })
            },
            move |index| Box::pin(async move { session.detail(index).await }),
        )
    }
}

/// Rows are fetched and cached in blocks of this many.
const BLOCK: u32 = 100;
/// Blocks kept; the ones farthest from the view are dropped first.
const MAX_BLOCKS: usize = 60;
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(250);
/// Used until the viewport has been measured: the CSS height (520px) less
/// the sticky header row.
const DEFAULT_VIEWPORT_PX: f64 = 484.0;
/// The most rows' height the table renders for (a tall screen at most).
const MAX_VIEWPORT_PX: f64 = 2_400.0;

/// The table's fetching state. All handles, so it is `Copy` and closures
/// can share it.
#[derive(Clone, Copy)]
struct Fetcher {
    query: Memo<RowQuery>,
    /// Bumped whenever the query or the results change: older answers are stale.
    epoch: RwSignal<u32>,
    total: RwSignal<Option<u32>>,
    blocks: RwSignal<HashMap<u32, Vec<TableRow>>>,
    window: Memo<RowWindow>,
    error: RwSignal<Option<String>>,
    /// One request at a time: fast scrolling then never queues hundreds of
    /// windows in the worker; the answer's handler asks for the next one.
    in_flight: StoredValue<bool>,
    source: StoredValue<TableSource, LocalStorage>,
}

impl Fetcher {
    /// Forgets everything fetched for an older query or older results.
    fn reset(&self) {
        self.epoch.update(|e| *e = e.wrapping_add(1));
        self.blocks.update(HashMap::clear);
        self.total.set(None);
        self.error.set(None);
    }

    /// The first block the view needs and the cache lacks.
    fn wanted_block(&self) -> Option<u32> {
        let Some(total) = self.total.get_untracked() else { return Some(0) };
        let window = self.window.get_untracked();
        if total == 0 || window.is_empty() {
            return None;
        }
        let (from, to) = (window.first / BLOCK, (window.end - 1) / BLOCK);
        self.blocks.with_untracked(|blocks| (from..=to).find(|b| !blocks.contains_key(b)))
    }

    /// Fetches the next missing block, if any and if nothing is in flight.
    fn ensure(self) {
        if self.in_flight.try_get_value() != Some(false) || self.error.try_with_untracked(Option::is_some) != Some(false) {
            return;
        }
        let Some(block) = self.wanted_block() else { return };
        let epoch = self.epoch.get_untracked();
        let query = self.query.get_untracked();
        let Some(fetch) = self.source.try_with_value(|s| (s.rows)(query, block * BLOCK, BLOCK)) else { return };
        self.in_flight.set_value(true);
        spawn_local(async move {
            let answer = fetch.await;
            // The table may be gone by now: every access below is `try_`.
            if self.in_flight.try_set_value(false).is_some() {
                return;
            }
            if self.epoch.try_get_untracked() != Some(epoch) {
                self.ensure();
                return;
            }
            match answer {
                Ok(page) => {
                    self.total.try_set(Some(page.total));
                    let center = self.window.try_get_untracked().map_or(0, |w| w.first / BLOCK);
                    self.blocks.try_update(|blocks| {
                        blocks.insert(page.offset / BLOCK, page.rows);
                        evict_far_blocks(blocks, center);
                    });
                }
                Err(message) => {
                    self.error.try_set(Some(message));
                }
            }
            self.ensure();
        });
    }

    /// The rendered rows: index and, once fetched, the row.
    fn visible_rows(&self) -> Vec<(u32, Option<TableRow>)> {
        let window = self.window.get();
        self.blocks.with(|blocks| {
            (window.first..window.end)
                .map(|i| (i, blocks.get(&(i / BLOCK)).and_then(|rows| rows.get((i % BLOCK) as usize)).cloned()))
                .collect()
        })
    }
}

fn evict_far_blocks(blocks: &mut HashMap<u32, Vec<TableRow>>, center: u32) {
    while blocks.len() > MAX_BLOCKS {
        let Some(farthest) = blocks.keys().copied().max_by_key(|b| b.abs_diff(center)) else { break };
        blocks.remove(&farthest);
    }
}

// ---- the component ----------------------------------------------------------

/// The exceptions queue over the session's last reconciliation.
#[component]
pub fn CodeTable() -> impl IntoView {
    let session = expect_context::<Session>();
    let report = Signal::derive(move || session.results.with(|r| r.as_ref().map(|r| r.report.clone())));
    view! { <CodeTableView source=TableSource::of_session(session) report /> }
}

/// The table over any row source; `report` gives the chip counts, and every
/// change of it starts the table afresh (a new reconciliation).
#[component]
pub fn CodeTableView(source: TableSource, #[prop(into)] report: Signal<Option<Report>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || results_texts(i18n.lang());

    let classes = RwSignal::new(Vec::<Class>::new());
    let flags = RwSignal::new(Vec::<Flag>::new());
    let exceptions_only = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new((SortKey::Code, false));
    let query = Memo::new(move |_| {
        let (key, descending) = sort.get();
        let search = search.with(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()));
        RowQuery {
            filter: CodeFilter { classes: classes.get(), flags: flags.get(), exceptions_only: exceptions_only.get(), batch: None, search },
            sort: key,
            descending,
        }
    });

    let viewport = NodeRef::<html::Div>::new();
    let head = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport_px = RwSignal::new(DEFAULT_VIEWPORT_PX);
    let total = RwSignal::new(None::<u32>);
    let window = Memo::new(move |_| row_window(total.get().unwrap_or(0), scroll_top.get(), viewport_px.get(), OVERSCAN));
    let fetcher = Fetcher {
        query,
        epoch: RwSignal::new(0),
        total,
        blocks: RwSignal::new(HashMap::new()),
        window,
        error: RwSignal::new(None),
        in_flight: StoredValue::new(false),
        source: StoredValue::new_local(source),
    };

    // Measures the rows' part of the viewport (below the sticky header).
    let measure = move || {
        let (Some(el), head_px) = (viewport.get_untracked(), head.get_untracked().map_or(0, |h| h.offset_height())) else { return };
        // Capped: should the stylesheet fail to load, the viewport would be
        // as tall as the spacer and every row would count as visible.
        let height = f64::from(el.client_height() - head_px).min(MAX_VIEWPORT_PX);
        if height > 0.0 {
            viewport_px.set(height);
        }
        scroll_top.set(f64::from(el.scroll_top()));
    };

    // A new query or new results: start again at the top. Reading `report`
    // subscribes to every new reconciliation, even one equal to the last.
    Effect::new(move |_| {
        query.track();
        report.track();
        fetcher.reset();
        if let Some(el) = viewport.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    Effect::new(move |_| {
        viewport.track();
        measure();
    });
    // Whenever the view moves or the data changes, fetch what is missing.
    Effect::new(move |_| {
        window.track();
        fetcher.epoch.track();
        fetcher.error.track();
        fetcher.ensure();
    });

    let detail = RwSignal::new(None::<CodeDetail>);
    let detail_error = RwSignal::new(None::<String>);
    let detail_token = StoredValue::new(0_u32);
    let open_detail = move |index: u32| {
        let token = detail_token.get_value().wrapping_add(1);
        detail_token.set_value(token);
        let Some(fetch) = fetcher.source.try_with_value(|s| (s.detail)(index)) else { return };
        spawn_local(async move {
            let answer = fetch.await;
            if detail_token.try_get_value() != Some(token) {
                return; // the user opened another code meanwhile
            }
            match answer {
                Ok(found) => {
                    detail.try_set(Some(found));
                }
                Err(message) => {
                    detail_error.try_set(Some(message));
                }
            }
        });
    };
    let close_detail = move |_| {
        detail_token.update_value(|t| *t = t.wrapping_add(1));
        detail.set(None);
    };

    let row_view = move |(position, row): (u32, Option<TableRow>)| match row {
        Some(row) => view! { <CodeRow position row on_open=Callback::new(open_detail) /> }.into_any(),
        None => view! {
            <div class="code-row placeholder" role="row" aria-rowindex=position + 2 aria-busy="true" data-testid="code-row-loading">
                <span class="cell" role="cell">"…"</span>
            </div>
        }
        .into_any(),
    };

    let detail_problem = move || {
        detail_error.get().map(|message| {
            view! {
                <p class="table-status error" role="alert">
                    {move || t().detail_failed}
                    {message}
                    <button class="button small" on:click=move |_| detail_error.set(None)>{move || t().detail_close}</button>
                </p>
            }
        })
    };
    let status_line = move || {
        let t = t();
        if let Some(message) = fetcher.error.get() {
            return view! {
                <p class="table-status error" role="alert">
                    {message}
                    <button class="button small" on:click=move |_| fetcher.error.set(None)>{t.retry}</button>
                </p>
            }
            .into_any();
        }
        let text = match (report.with(Option::is_none), total.get()) {
            (true, _) => t.no_results,
            (false, None) => t.loading,
            (false, Some(0)) => t.no_match,
            (false, Some(_)) => return ().into_any(),
        };
        view! { <p class="table-status" role="status">{text}</p> }.into_any()
    };

    view! {
        <section class="code-table" data-testid="code-table" aria-labelledby="code-table-title">
            <div class="code-table-bar">
                <h3 id="code-table-title">{move || t().table_title}</h3>
                <span class="code-table-total">
                    {move || t().total_label}
                    <strong
                        data-testid="code-table-total"
                        data-value=move || total.get().map(|n| n.to_string()).unwrap_or_default()
                        aria-live="polite"
                    >
                        {move || total.get().map_or_else(|| "…".to_string(), |n| count(u64::from(n)))}
                    </strong>
                </span>
            </div>
            <FilterChips report classes flags exceptions_only />
            <SearchBox search />
            <div class="code-table-viewport" node_ref=viewport on:scroll=move |_| measure() role="table"
                aria-labelledby="code-table-title" aria-rowcount=move || total.get().map_or(-1, |n| i64::from(n) + 1)>
                <div class="code-table-head code-grid" role="row" aria-rowindex="1" node_ref=head>
                    <HeaderCell label=move || t().col_code sort_key=Some(SortKey::Code) sort />
                    <HeaderCell label=move || t().col_class sort_key=Some(SortKey::Class) sort />
                    <HeaderCell label=move || t().col_flags sort_key=None sort />
                    <HeaderCell label=move || t().col_amount sort_key=Some(SortKey::Amount) sort />
                    <HeaderCell label=move || t().col_status sort_key=None sort />
                    <HeaderCell label=move || t().col_modified sort_key=Some(SortKey::Modified) sort />
                    <HeaderCell label=move || t().col_batch sort_key=Some(SortKey::Batch) sort />
                    <HeaderCell label=move || t().col_recipient sort_key=None sort />
                    <HeaderCell label=move || t().col_order_ref sort_key=None sort />
                </div>
                <div class="code-table-body" role="rowgroup" style:height=move || format!("{}px", spacer_px(total.get().unwrap_or(0)))>
                    <div class="code-table-window" style:transform=move || format!("translateY({}px)", window.get().offset_px)>
                        <For
                            each=move || fetcher.visible_rows()
                            key=|(position, row)| (*position, row.as_ref().map(|r| r.index))
                            children=row_view
                        />
                    </div>
                </div>
            </div>
            {status_line}
            {detail_problem}
            {move || detail.get().map(|d| view! { <CodeDetailPanel detail=d on_close=close_detail /> })}
        </section>
    }
}

/// One code. Click or Enter opens its detail panel.
#[component]
fn CodeRow(position: u32, row: TableRow, on_open: Callback<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let TableRow { index, code, class, flags, amount_cents, platform_status, gmt_modified, mix_id, recipient, order_ref } = row;
    let class_name = class.as_str();
    let code_attr = code.clone();
    let flag_tags = flags
        .into_iter()
        .map(|flag| {
            view! {
                <span class=format!("flag-tag flag-{}", flag.as_str()) title=flag.as_str()>
                    {move || labels::flag(i18n.lang(), flag)}
                </span>
            }
        })
        .collect_view();
    let amount_value = amount_cents.map(|c| c.to_string()).unwrap_or_default();
    let amount = move || amount_cents.map_or_else(|| results_texts(i18n.lang()).unknown_amount.to_string(), yuan);
    let status = move || platform_status.map(|s| labels::platform_status(i18n.lang(), s)).unwrap_or("—");
    let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            on_open.run(index);
        }
    };
    view! {
        <div
            class="code-row code-grid"
            role="row"
            tabindex="0"
            aria-rowindex=position + 2
            data-testid="code-row"
            data-code=code_attr
            data-class=class_name
            title=move || results_texts(i18n.lang()).open_detail_hint
            on:click=move |_| on_open.run(index)
            on:keydown=on_key
        >
            <span class="cell code mono" role="cell">{code}</span>
            <span class="cell" role="cell">
                <span class=format!("class-tag class-{class_name}") title=class_name>{move || labels::class(i18n.lang(), class)}</span>
            </span>
            <span class="cell flags" role="cell">{flag_tags}</span>
            <span class="cell amount num" role="cell" data-value=amount_value>{amount}</span>
            <span class="cell" role="cell">{status}</span>
            <span class="cell mono" role="cell">{dash(gmt_modified.unwrap_or_default())}</span>
            <span class="cell mono" role="cell">{dash(mix_id.unwrap_or_default())}</span>
            <span class="cell" role="cell">{dash(recipient)}</span>
            <span class="cell mono" role="cell">{dash(order_ref)}</span>
        </div>
    }
}

/// A column header; sortable ones are buttons that toggle the direction.
#[component]
fn HeaderCell(
    label: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    sort_key: Option<SortKey>,
    sort: RwSignal<(SortKey, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(key) = sort_key else {
        return view! { <span class="cell head" role="columnheader">{label}</span> }.into_any();
    };
    let aria_sort = move || match sort.get() {
        (k, false) if k == key => "ascending",
        (k, true) if k == key => "descending",
        _ => "none",
    };
    let indicator = move || match aria_sort() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    let toggle = move |_| sort.update(|(k, descending)| if *k == key { *descending = !*descending } else { (*k, *descending) = (key, false) });
    view! {
        <span class="cell head" role="columnheader" aria-sort=aria_sort>
            <button class="sort-button" data-testid=format!("sort-{}", sort_key_name(key)) title=move || results_texts(i18n.lang()).sort_hint on:click=toggle>
                {label}
                <span class="sort-indicator" aria-hidden="true">{indicator}</span>
            </button>
        </span>
    }
    .into_any()
}

fn sort_key_name(key: SortKey) -> &'static str {
    match key {
        SortKey::Code => "code",
        SortKey::Class => "class",
        SortKey::Amount => "amount",
        SortKey::Modified => "modified",
        SortKey::Batch => "batch",
    }
}

/// Multi-select chips per class and per flag, "exceptions only" and "all",
/// each with its count from the report.
#[component]
fn FilterChips(
    report: Signal<Option<Report>>,
    classes: RwSignal<Vec<Class>>,
    flags: RwSignal<Vec<Flag>>,
    exceptions_only: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || results_texts(i18n.lang());
    let class_count = move |c: Class| report.with(|r| r.as_ref().map_or(0, |r| r.classes.get(c).count));
    let flag_count = move |f: Flag| report.with(|r| r.as_ref().map_or(0, |r| r.flags.get(f).count));
    let nothing_chosen = move || classes.with(Vec::is_empty) && flags.with(Vec::is_empty) && !exceptions_only.get();
    let clear = move |_| {
        classes.set(Vec::new());
        flags.set(Vec::new());
        exceptions_only.set(false);
    };
    let class_chips = Class::ALL
        .into_iter()
        .map(|c| {
            let active = move || classes.with(|v| v.contains(&c));
            view! {
                <Chip
                    testid=format!("filter-class-{}", c.as_str())
                    extra_class=format!("class-{}", c.as_str())
                    active
                    label=move || labels::class(i18n.lang(), c)
                    title=c.as_str()
                    count=move || class_count(c)
                    on_toggle=move || classes.update(|v| toggle_in(v, c, &Class::ALL))
                />
            }
        })
        .collect_view();
    let flag_chips = Flag::ALL
        .into_iter()
        .map(|f| {
            let active = move || flags.with(|v| v.contains(&f));
            view! {
                <Chip
                    testid=format!("filter-flag-{}", f.as_str())
                    extra_class=format!("flag-{}", f.as_str())
                    active
                    label=move || labels::flag(i18n.lang(), f)
                    title=f.as_str()
                    count=move || flag_count(f)
                    on_toggle=move || flags.update(|v| toggle_in(v, f, &Flag::ALL))
                />
            }
        })
        .collect_view();
    view! {
        <div class="filter-chips">
            <div class="chip-group" role="group" aria-label=move || t().filter_classes>
                <button class="chip" class:active=nothing_chosen aria-pressed=move || nothing_chosen().to_string() data-testid="filter-all" on:click=clear>
                    {move || t().filter_all}
                    <span class="chip-count">{move || count(report.with(|r| r.as_ref().map_or(0, |r| r.tie_out.codes)))}</span>
                </button>
                <Chip
                    testid="filter-exceptions".to_string()
                    extra_class="exceptions".to_string()
                    active=move || exceptions_only.get()
                    label=move || t().filter_exceptions
                    title="exceptions"
                    count=move || report.with(|r| r.as_ref().map_or(0, |r| r.exceptions.count))
                    on_toggle=move || exceptions_only.update(|on| *on = !*on)
                />
                {class_chips}
            </div>
            <div class="chip-group" role="group" aria-label=move || t().filter_flags>{flag_chips}</div>
        </div>
    }
}

/// Adds or removes `item`, keeping `order` (so equal choices compare equal
/// and the worker's cached view is reused).
fn toggle_in<T: Copy + PartialEq>(chosen: &mut Vec<T>, item: T, order: &[T]) {
    if chosen.contains(&item) {
        chosen.retain(|x| *x != item);
    } else {
        chosen.push(item);
        chosen.sort_by_key(|x| order.iter().position(|o| o == x));
    }
}

#[component]
fn Chip(
    testid: String,
    extra_class: String,
    active: impl Fn() -> bool + Send + Sync + Copy + 'static,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    title: &'static str,
    count: impl Fn() -> u64 + Send + Sync + Copy + 'static,
    on_toggle: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button
            class=format!("chip {extra_class}")
            class:active=active
            class:zero=move || count() == 0
            aria-pressed=move || active().to_string()
            data-testid=testid
            title=title
            on:click=move |_| on_toggle()
        >
            <span class="chip-swatch" aria-hidden="true"></span>
            {label}
            <span class="chip-count">{move || crate::format::count(count())}</span>
        </button>
    }
}

/// The search box; the query follows typing after a short pause, so 1M codes
/// are not filtered once per keystroke. Enter searches at once.
#[component]
fn SearchBox(search: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || results_texts(i18n.lang());
    let token = StoredValue::new(0_u32);
    let on_input = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        let mine = token.get_value().wrapping_add(1);
        token.set_value(mine);
        set_timeout(
            move || {
                if token.try_get_value() == Some(mine) {
                    search.try_set(value);
                }
            },
            SEARCH_DEBOUNCE,
        );
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            token.update_value(|t| *t = t.wrapping_add(1));
            search.set(event_target_value(&ev));
        }
    };
    view! {
        <label class="code-search">
            <span class="visually-hidden">{move || t().search_label}</span>
            <input
                type="search"
                data-testid="code-search"
                placeholder=move || t().search_placeholder
                aria-label=move || t().search_label
                on:input=on_input
                on:keydown=on_key
            />
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: f64 = 480.0;

    #[test]
    fn small_tables_map_scroll_to_rows_one_to_one() {
        let w = row_window(100, 0.0, VIEW, 0);
        assert_eq!((w.first, w.end, w.offset_px), (0, 16, 0.0));
        let w = row_window(100, 320.0, VIEW, 2);
        assert_eq!((w.first, w.end), (8, 28));
        assert_eq!(w.offset_px, 8.0 * ROW_PX);
        assert_eq!(spacer_px(100), 3200.0);
    }

    #[test]
    fn the_window_is_clipped_to_the_table() {
        assert!(row_window(0, 0.0, VIEW, OVERSCAN).is_empty());
        let w = row_window(5, 0.0, VIEW, OVERSCAN);
        assert_eq!((w.first, w.end), (0, 5));
        // Scrolled past the end (a stale position after a filter): the last rows.
        let w = row_window(100, 1e9, VIEW, 0);
        assert_eq!(w.end, 100);
        let w = row_window(100, f64::NAN, f64::NAN, 0);
        assert_eq!(w.first, 0);
    }

    #[test]
    fn a_million_rows_fit_under_the_height_cap_and_every_row_is_reachable() {
        let total = 1_000_000;
        let spacer = spacer_px(total);
        assert!(spacer <= MAX_SPACER_PX && spacer < f64::from(total) * ROW_PX);
        let top = row_window(total, 0.0, VIEW, OVERSCAN);
        assert_eq!(top.first, 0);
        assert!(top.len() <= 16 + 2 * OVERSCAN + 1, "only the visible rows: {}", top.len());
        let bottom = row_window(total, spacer - VIEW, VIEW, OVERSCAN);
        assert_eq!(bottom.end, total);
        // The last row's bottom edge is exactly the spacer's bottom edge.
        assert!((bottom.offset_px + f64::from(bottom.len()) * ROW_PX - spacer).abs() < 1e-6);
        // Halfway down the scroll bar is halfway down the rows.
        let middle = row_window(total, (spacer - VIEW) / 2.0, VIEW, 0);
        let expected = (f64::from(total) * ROW_PX - VIEW) / 2.0 / ROW_PX;
        assert!((f64::from(middle.first) - expected).abs() <= 1.0, "{} vs {expected}", middle.first);
        // The row under the top edge sits at the top edge.
        let scroll = 1_234_567.0;
        let w = row_window(total, scroll, VIEW, 0);
        let row_top = w.offset_px;
        assert!(row_top <= scroll && scroll - row_top < ROW_PX);
    }

    #[test]
    fn chips_keep_a_canonical_order() {
        let mut chosen = vec![Class::Expired];
        toggle_in(&mut chosen, Class::Redeemed, &Class::ALL);
        assert_eq!(chosen, vec![Class::Redeemed, Class::Expired]);
        toggle_in(&mut chosen, Class::Expired, &Class::ALL);
        assert_eq!(chosen, vec![Class::Redeemed]);
    }
}
