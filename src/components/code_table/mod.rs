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

mod controls;
mod source;
mod window;

use std::collections::HashMap;

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
use crate::worker::summaries::{CodeDetail, TableRow};

pub use source::{Pending, RowQuery, TableSource};
use controls::{FilterChips, HeaderCell, SearchBox};
use source::{DEFAULT_VIEWPORT_PX, Fetcher, MAX_VIEWPORT_PX};
pub use window::{MAX_SPACER_PX, OVERSCAN, ROW_PX, RowWindow, row_window, spacer_px};

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
    // Also called a frame later, when the table may be gone: `try_` throughout.
    let measure = move || {
        let Some(el) = viewport.try_get_untracked().flatten() else { return };
        let head_px = head.try_get_untracked().flatten().map_or(0, |h| h.offset_height());
        // Capped: should the stylesheet fail to load, the viewport would be
        // as tall as the spacer and every row would count as visible.
        let height = f64::from(el.client_height() - head_px).min(MAX_VIEWPORT_PX);
        if height > 0.0 {
            _ = viewport_px.try_set(height);
        }
        _ = scroll_top.try_set(f64::from(el.scroll_top()));
    };

    // A new query or new results: start again at the top. Reading `report`
    // subscribes to every new reconciliation, even one equal to the last.
    // A table not scrolled is left alone: touching `scrollTop` (or measuring,
    // below) while the results page is being built would force the browser
    // to lay out the whole page inside that task (30–40 ms at 1M codes).
    Effect::new(move |_| {
        query.track();
        report.track();
        fetcher.reset();
        if scroll_top.get_untracked() != 0.0
            && let Some(el) = viewport.get_untracked()
        {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    // Measured in the next frame, where the layout is done anyway.
    Effect::new(move |_| {
        viewport.track();
        request_animation_frame(measure);
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
