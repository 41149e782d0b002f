//! The reconciliation the user is working on: its inputs, their parse
//! results, the last results, and the actions that change them.
//!
//! The page keeps summaries in signals; the parsed data and the per-code
//! results live in the engine worker. File contents are kept as `File`
//! handles (no copy in wasm memory) so a restarted worker can be reloaded.

use std::collections::HashMap;

use fcode_core::issuance::{IssuanceOptions, IssuancePreview, PREVIEW_TEXT_BYTES, preview_len};
use fcode_core::model::PullType;
use fcode_core::report::Report;
use js_sys::{ArrayBuffer, Uint8Array};
use leptos::prelude::*;

use crate::state::blob_reader::{BlobReader, UNREADABLE};
use crate::state::clock::beijing_now;
use crate::state::persist::{Persistence, SignOff, new_run_id};
use crate::worker::client::{WorkerClient, WorkerError};
use crate::worker::protocol::{InputId, Progress, Reply, Request};
use crate::worker::summaries::{IssuanceSummary, PlatformSummary, RunSummary};

mod issuance;
mod platform;
mod run;
mod saving;

/// Where one input stands.
#[derive(Clone, Debug, PartialEq)]
pub enum InputStatus<T> {
    Reading,
    Ready(T),
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlatformEntry {
    pub id: InputId,
    pub name: String,
    pub size: u64,
    pub pull: PullType,
    /// The source said which pull it was (a live fetch): no suggestion applies.
    pub pull_known: bool,
    pub status: InputStatus<PlatformSummary>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IssuanceEntry {
    pub id: InputId,
    pub name: String,
    pub size: u64,
    pub options: IssuanceOptions,
    /// What the file looks like: shown in the mapping dialog.
    pub preview: Option<IssuancePreview>,
    pub status: InputStatus<IssuanceSummary>,
}

/// The outcome of the last run.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub report: Report,
    pub run: RunSummary,
}

/// Progress over a batch of platform files (one worker request per file).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FileBatch {
    pub done: u32,
    pub total: u32,
    pub records: u64,
    /// `Date.now()` when the batch started, for the rows-per-second figure.
    pub started_ms: f64,
}

impl FileBatch {
    pub fn records_per_second(&self) -> Option<u64> {
        let seconds = (js_sys::Date::now() - self.started_ms) / 1000.0;
        (seconds > 0.2 && self.records > 0).then(|| (self.records as f64 / seconds) as u64)
    }
}

/// A problem to show in the error banner: which input, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub message: String,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub platform: RwSignal<Vec<PlatformEntry>>,
    pub issuance: RwSignal<Option<IssuanceEntry>>,
    /// The mapping dialog is open for the issuance list.
    pub mapping_open: RwSignal<bool>,
    pub results: RwSignal<Option<Results>>,
    /// Inputs changed since the results were computed.
    pub stale: RwSignal<bool>,
    /// Settlement period, as typed (`YYYY-MM-DD`), `[from, to)`.
    pub period: RwSignal<(String, String)>,
    pub notices: RwSignal<Vec<Notice>>,
    /// What the worker is doing, while it works.
    pub progress: RwSignal<Option<Progress>>,
    /// A request is running (the cancel button shows).
    pub busy: RwSignal<u32>,
    /// Several platform files are being parsed: how far along, how fast.
    pub file_batch: RwSignal<Option<FileBatch>>,
    /// Which saved reconciliation this is, and what it is called.
    pub run_id: RwSignal<String>,
    pub run_name: RwSignal<String>,
    pub created_at: RwSignal<String>,
    /// Signed off: read-only until explicitly unlocked.
    pub signoff: RwSignal<Option<SignOff>>,
    pub persistence: Persistence,
    next_id: StoredValue<u32>,
    /// Counts cancellations, so a loop over queued files knows to stop.
    cancels: StoredValue<u32>,
    worker: StoredValue<WorkerClient, LocalStorage>,
    /// Reads the files' bytes off the main thread.
    reader: StoredValue<BlobReader, LocalStorage>,
    files: StoredValue<HashMap<InputId, web_sys::Blob>, LocalStorage>,
}

impl Session {
    pub fn new() -> Session {
        let progress = RwSignal::new(None);
        let worker = WorkerClient::start(move |p| progress.set(p));
        Session {
            platform: RwSignal::new(Vec::new()),
            issuance: RwSignal::new(None),
            mapping_open: RwSignal::new(false),
            results: RwSignal::new(None),
            stale: RwSignal::new(false),
            period: RwSignal::new((String::new(), String::new())),
            notices: RwSignal::new(Vec::new()),
            progress,
            busy: RwSignal::new(0),
            file_batch: RwSignal::new(None),
            run_id: RwSignal::new(new_run_id()),
            run_name: RwSignal::new(String::new()),
            created_at: RwSignal::new(beijing_now()),
            signoff: RwSignal::new(None),
            persistence: Persistence::new(),
            next_id: StoredValue::new(1),
            cancels: StoredValue::new(0),
            worker: StoredValue::new_local(worker),
            reader: StoredValue::new_local(BlobReader::default()),
            files: StoredValue::new_local(HashMap::new()),
        }
    }

    pub(super) fn next_id(&self) -> InputId {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        id
    }

    /// The status of an input whose load failed: a cancel shows as
    /// cancelled (and is no error to announce), anything else is announced.
    pub(super) fn failed_status<T>(&self, message: String) -> InputStatus<T> {
        if message == CANCELLED {
            InputStatus::Failed(CANCELLED_BY_USER.to_string())
        } else {
            self.notify(message.clone());
            InputStatus::Failed(message)
        }
    }

    pub fn notify(&self, message: impl Into<String>) {
        let id = self.next_id();
        let message = message.into();
        self.notices.update(|n| n.push(Notice { id, message }));
    }

    pub fn dismiss(&self, id: u32) {
        self.notices.update(|n| n.retain(|notice| notice.id != id));
    }

    pub(super) fn inputs_changed(&self) {
        if self.results.with_untracked(Option::is_some) {
            self.stale.set(true);
        }
    }

    /// Sends a request with a stored file's bytes: all of them, or for the
    /// mapping preview only those it reads.
    pub(super) async fn call(&self, request: Request, file: Option<InputId>) -> Result<(Reply, Option<ArrayBuffer>), String> {
        let bytes = match file {
            Some(id) => {
                let blob = self.files.with_value(|files| files.get(&id).cloned()).ok_or("the file is no longer available")?;
                let reader = self.reader.get_value();
                Some(match request {
                    Request::InspectIssuance { .. } => read_preview(&reader, &blob).await?,
                    _ => reader.read(&blob).await?,
                })
            }
            None => None,
        };
        self.busy.update(|b| *b += 1);
        let worker = self.worker.get_value();
        let result = worker.call(request, bytes).await;
        self.busy.update(|b| *b = b.saturating_sub(1));
        result.map_err(|error| match error {
            WorkerError::Cancelled => CANCELLED.to_string(),
            WorkerError::Crashed(message) => format!("the engine stopped unexpectedly ({message}); your inputs are kept — try again"),
        })
    }

}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The message of a cancelled request; never shown as an error.
const CANCELLED: &str = "cancelled";
/// What an input shows when the user cancelled reading it.
const CANCELLED_BY_USER: &str = "已取消 · Cancelled";

/// The bytes the mapping preview reads: for a text list, the whole lines of
/// its first megabyte (the engine's `preview_len` says how many); for a
/// spreadsheet, all of it. Reading all of a million-row list for its first
/// rows cost a second 88 MB read.
async fn read_preview(reader: &BlobReader, blob: &web_sys::Blob) -> Result<ArrayBuffer, String> {
    let total = blob.size();
    if total <= PREVIEW_TEXT_BYTES as f64 {
        return reader.read(blob).await;
    }
    let head_blob = blob.slice_with_f64_and_f64(0.0, PREVIEW_TEXT_BYTES as f64).map_err(|_| UNREADABLE.to_string())?;
    let head = reader.read(&head_blob).await?;
    match preview_len(&Uint8Array::new(&head).to_vec(), total as usize) {
        // A copy of at most a megabyte, so the worker gets whole lines only.
        Some(len) => Ok(head.slice_with_end(0, u32::try_from(len).unwrap_or(u32::MAX))),
        None => reader.read(blob).await,
    }
}
