//! Where rows come from: the worker, fetched in cached blocks, one request
//! in flight, stale answers ignored.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use fcode_core::reconcile::CodeFilter;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::session::Session;
use crate::worker::protocol::SortKey;
use crate::worker::summaries::{CodeDetail, RowPage, TableRow};
use super::window::RowWindow;

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
    pub(super) rows: Rc<dyn Fn(RowQuery, u32, u32) -> Pending<RowPage>>,
    pub(super) detail: Rc<dyn Fn(u32) -> Pending<CodeDetail>>,
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
pub(super) const BLOCK: u32 = 100;
/// Blocks kept; the ones farthest from the view are dropped first.
pub(super) const MAX_BLOCKS: usize = 60;
pub(super) const SEARCH_DEBOUNCE: Duration = Duration::from_millis(250);
/// Used until the viewport has been measured: the CSS height (520px) less
/// the sticky header row.
pub(super) const DEFAULT_VIEWPORT_PX: f64 = 484.0;
/// The most rows' height the table renders for (a tall screen at most).
pub(super) const MAX_VIEWPORT_PX: f64 = 2_400.0;

/// The table's fetching state. All handles, so it is `Copy` and closures
/// can share it.
#[derive(Clone, Copy)]
pub(super) struct Fetcher {
    pub(super) query: Memo<RowQuery>,
    /// Bumped whenever the query or the results change: older answers are stale.
    pub(super) epoch: RwSignal<u32>,
    pub(super) total: RwSignal<Option<u32>>,
    pub(super) blocks: RwSignal<HashMap<u32, Vec<TableRow>>>,
    pub(super) window: Memo<RowWindow>,
    pub(super) error: RwSignal<Option<String>>,
    /// One request at a time: fast scrolling then never queues hundreds of
    /// windows in the worker; the answer's handler asks for the next one.
    pub(super) in_flight: StoredValue<bool>,
    pub(super) source: StoredValue<TableSource, LocalStorage>,
}

impl Fetcher {
    /// Forgets everything fetched for an older query or older results.
    pub(super) fn reset(&self) {
        self.epoch.update(|e| *e = e.wrapping_add(1));
        self.blocks.update(HashMap::clear);
        self.total.set(None);
        self.error.set(None);
    }

    /// The first block the view needs and the cache lacks.
    pub(super) fn wanted_block(&self) -> Option<u32> {
        let Some(total) = self.total.get_untracked() else { return Some(0) };
        let window = self.window.get_untracked();
        if total == 0 || window.is_empty() {
            return None;
        }
        let (from, to) = (window.first / BLOCK, (window.end - 1) / BLOCK);
        self.blocks.with_untracked(|blocks| (from..=to).find(|b| !blocks.contains_key(b)))
    }

    /// Fetches the next missing block, if any and if nothing is in flight.
    pub(super) fn ensure(self) {
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
    pub(super) fn visible_rows(&self) -> Vec<(u32, Option<TableRow>)> {
        let window = self.window.get();
        self.blocks.with(|blocks| {
            (window.first..window.end)
                .map(|i| (i, blocks.get(&(i / BLOCK)).and_then(|rows| rows.get((i % BLOCK) as usize)).cloned()))
                .collect()
        })
    }
}

pub(super) fn evict_far_blocks(blocks: &mut HashMap<u32, Vec<TableRow>>, center: u32) {
    while blocks.len() > MAX_BLOCKS {
        let Some(farthest) = blocks.keys().copied().max_by_key(|b| b.abs_diff(center)) else { break };
        blocks.remove(&farthest);
    }
}
