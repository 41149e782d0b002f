//! The table's controls: sortable headers, filter chips, the search box.


use fcode_core::reconcile::{Class, Flag};
use fcode_core::report::Report;
use leptos::prelude::*;

use crate::format::count;
use crate::i18n::results_text::results_texts;
use crate::i18n::{labels, use_i18n};
use crate::worker::protocol::SortKey;
use super::source::SEARCH_DEBOUNCE;

/// A column header; sortable ones are buttons that toggle the direction.
#[component]
pub(super) fn HeaderCell(
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

pub(super) fn sort_key_name(key: SortKey) -> &'static str {
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
pub(super) fn FilterChips(
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
pub(super) fn toggle_in<T: Copy + PartialEq>(chosen: &mut Vec<T>, item: T, order: &[T]) {
    if chosen.contains(&item) {
        chosen.retain(|x| *x != item);
    } else {
        chosen.push(item);
        chosen.sort_by_key(|x| order.iter().position(|o| o == x));
    }
}

#[component]
pub(super) fn Chip(
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
pub(super) fn SearchBox(search: RwSignal<String>) -> impl IntoView {
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
mod tests;
