//! The reconciliation the user is working on: its inputs, their parse
//! results, the last results, and the actions that change them.
//!
//! The page keeps summaries in signals; the parsed data and the per-code
//! results live in the engine worker. File contents are kept as `File`
//! handles (no copy in wasm memory) so a restarted worker can be reloaded.

use std::collections::HashMap;

use fcode_core::issuance::{IssuanceOptions, IssuancePreview};
use fcode_core::model::PullType;
use fcode_core::report::Report;
use js_sys::ArrayBuffer;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::clock::beijing_now;
use crate::state::download::save_bytes;
use crate::worker::client::{WorkerClient, WorkerError};
use crate::worker::protocol::{ExportKind, InputId, Progress, Reply, Request};
use crate::worker::summaries::{IssuanceSummary, PlatformSummary, RunSummary};

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
    next_id: StoredValue<u32>,
    worker: StoredValue<WorkerClient, LocalStorage>,
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
            next_id: StoredValue::new(1),
            worker: StoredValue::new_local(worker),
            files: StoredValue::new_local(HashMap::new()),
        }
    }

    fn next_id(&self) -> InputId {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        id
    }

    pub fn notify(&self, message: impl Into<String>) {
        let id = self.next_id();
        let message = message.into();
        self.notices.update(|n| n.push(Notice { id, message }));
    }

    pub fn dismiss(&self, id: u32) {
        self.notices.update(|n| n.retain(|notice| notice.id != id));
    }

    fn inputs_changed(&self) {
        if self.results.with_untracked(Option::is_some) {
            self.stale.set(true);
        }
    }

    /// Sends a request with a stored file's bytes.
    async fn call(&self, request: Request, file: Option<InputId>) -> Result<(Reply, Option<ArrayBuffer>), String> {
        let bytes = match file {
            Some(id) => {
                let blob = self.files.with_value(|files| files.get(&id).cloned()).ok_or("the file is no longer available")?;
                Some(read_blob(&blob).await?)
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

    // ---- platform data ---------------------------------------------------

    /// Adds platform files and parses each in the worker, in the order given.
    pub fn add_platform_files(&self, files: Vec<web_sys::File>) {
        let session = *self;
        let mut ids = Vec::new();
        for file in &files {
            let id = self.next_id();
            self.files.update_value(|f| {
                f.insert(id, file.clone().into());
            });
            self.platform.update(|p| {
                p.push(PlatformEntry { id, name: file.name(), size: file.size() as u64, pull: PullType::All, status: InputStatus::Reading })
            });
            ids.push((id, file.name()));
        }
        self.inputs_changed();
        spawn_local(async move {
            for (id, name) in ids {
                session.load_platform(id, name).await;
            }
        });
    }

    async fn load_platform(&self, id: InputId, name: String) {
        let result = self.call(Request::LoadPlatform { input: id, name: name.clone() }, Some(id)).await;
        let status = match result {
            Ok((Reply::PlatformLoaded(summary), _)) => {
                for error in summary.row_errors.iter().take(3) {
                    self.notify(error.clone());
                }
                if summary.rejected > 3 {
                    self.notify(format!("{}: {} rows rejected in all (see the file's list)", summary.name, summary.rejected));
                }
                InputStatus::Ready(summary)
            }
            Ok((Reply::Failed { message }, _)) | Err(message) => {
                self.notify(message.clone());
                InputStatus::Failed(message)
            }
            Ok(_) => InputStatus::Failed("unexpected answer from the engine".into()),
        };
        self.platform.update(|p| {
            if let Some(entry) = p.iter_mut().find(|e| e.id == id) {
                if let InputStatus::Ready(summary) = &status {
                    entry.pull = summary.suggested_pull;
                }
                entry.status = status;
            }
        });
    }

    pub fn set_pull(&self, id: InputId, pull: PullType) {
        self.platform.update(|p| {
            if let Some(entry) = p.iter_mut().find(|e| e.id == id) {
                entry.pull = pull;
            }
        });
        self.inputs_changed();
    }

    pub fn remove_input(&self, id: InputId) {
        let session = *self;
        self.platform.update(|p| p.retain(|e| e.id != id));
        if self.issuance.with_untracked(|i| i.as_ref().is_some_and(|i| i.id == id)) {
            self.issuance.set(None);
        }
        self.files.update_value(|f| {
            f.remove(&id);
        });
        self.inputs_changed();
        spawn_local(async move {
            let _ = session.call(Request::Remove { input: id }, None).await;
        });
    }

    // ---- issuance list ---------------------------------------------------

    /// A new issuance list (file or pasted text): inspect it, then load it
    /// with the detected or remembered mapping, or ask the user to map.
    pub fn set_issuance(&self, blob: web_sys::Blob, name: String) {
        let id = self.next_id();
        let old = self.issuance.with_untracked(|i| i.as_ref().map(|i| i.id));
        self.files.update_value(|f| {
            if let Some(old) = old {
                f.remove(&old);
            }
            f.insert(id, blob.clone());
        });
        self.issuance.set(Some(IssuanceEntry {
            id,
            name: name.clone(),
            size: blob.size() as u64,
            options: IssuanceOptions::default(),
            preview: None,
            status: InputStatus::Reading,
        }));
        self.inputs_changed();
        let session = *self;
        spawn_local(async move { session.inspect_issuance(id, name, None).await });
    }

    /// Looks at the list (again, e.g. for another sheet) and loads it when
    /// every required column is known.
    pub async fn inspect_issuance(&self, id: InputId, name: String, sheet: Option<String>) {
        let result = self.call(Request::InspectIssuance { name: name.clone(), sheet: sheet.clone() }, Some(id)).await;
        match result {
            Ok((Reply::IssuancePreview(preview), _)) => {
                let remembered = crate::state::prefs::load_mapping(&preview.header_signature);
                let options = IssuanceOptions {
                    mapping: remembered.clone(),
                    face_value_unit: preview.face_value_unit_hint,
                    sheet: sheet.or_else(|| preview.sheet.clone()),
                };
                let needs_mapping = remembered.is_none() && !preview.unmapped_required.is_empty();
                self.update_issuance(id, |entry| {
                    entry.preview = Some(*preview);
                    entry.options = options.clone();
                });
                if needs_mapping {
                    self.mapping_open.set(true);
                } else {
                    self.load_issuance(id, options).await;
                }
            }
            Ok((Reply::Failed { message }, _)) | Err(message) => self.issuance_failed(id, message),
            Ok(_) => self.issuance_failed(id, "unexpected answer from the engine".into()),
        }
    }

    /// Loads the list with the given options (after the mapping dialog).
    pub async fn load_issuance(&self, id: InputId, options: IssuanceOptions) {
        let Some(name) = self.issuance.with_untracked(|i| i.as_ref().filter(|i| i.id == id).map(|i| i.name.clone())) else {
            return;
        };
        self.update_issuance(id, |entry| {
            entry.options = options.clone();
            entry.status = InputStatus::Reading;
        });
        self.inputs_changed();
        let result = self.call(Request::LoadIssuance { input: id, name, options: options.clone() }, Some(id)).await;
        match result {
            Ok((Reply::IssuanceLoaded(summary), _)) => {
                for error in summary.row_errors.iter().take(3) {
                    self.notify(error.clone());
                }
                if summary.rejected > 3 {
                    self.notify(format!("{}: {} rows rejected in all (see the list)", summary.name, summary.rejected));
                }
                if let (Some(mapping), Some(signature)) = (
                    options.mapping.as_ref(),
                    self.issuance.with_untracked(|i| i.as_ref().and_then(|i| i.preview.as_ref()).map(|p| p.header_signature.clone())),
                ) {
                    crate::state::prefs::save_mapping(&signature, mapping);
                }
                self.update_issuance(id, |entry| entry.status = InputStatus::Ready(summary));
            }
            Ok((Reply::Failed { message }, _)) | Err(message) => self.issuance_failed(id, message),
            Ok(_) => self.issuance_failed(id, "unexpected answer from the engine".into()),
        }
    }

    fn update_issuance(&self, id: InputId, change: impl FnOnce(&mut IssuanceEntry)) {
        self.issuance.update(|i| {
            if let Some(entry) = i.as_mut().filter(|e| e.id == id) {
                change(entry);
            }
        });
    }

    fn issuance_failed(&self, id: InputId, message: String) {
        if message != CANCELLED {
            self.notify(message.clone());
        }
        self.update_issuance(id, |entry| entry.status = InputStatus::Failed(message));
    }

    // ---- reconciliation ---------------------------------------------------

    /// The platform files that parsed, in load order, with their pull types.
    pub fn ready_platform(&self) -> Vec<(InputId, PullType)> {
        self.platform.with(|p| {
            p.iter().filter(|e| matches!(e.status, InputStatus::Ready(_))).map(|e| (e.id, e.pull)).collect()
        })
    }

    pub fn issuance_ready(&self) -> bool {
        self.issuance.with(|i| i.as_ref().is_some_and(|i| matches!(i.status, InputStatus::Ready(_))))
    }

    pub fn run(&self) {
        let session = *self;
        spawn_local(async move { session.run_now().await });
    }

    pub async fn run_now(&self) {
        let period = match parse_period(&self.period.get_untracked()) {
            Ok(period) => period,
            Err(message) => {
                self.notify(message);
                return;
            }
        };
        let request = Request::Reconcile { platform: self.ready_platform(), period, generated_at: beijing_now() };
        match self.call(request, None).await {
            Ok((Reply::Reconciled { report, run }, _)) => {
                self.results.set(Some(Results { report: *report, run: *run }));
                self.stale.set(false);
            }
            Ok((Reply::Failed { message }, _)) => self.notify(message),
            Err(message) if message != CANCELLED => self.notify(message),
            _ => {}
        }
    }

    /// Writes an export and hands it to the browser as a download.
    pub fn export(&self, kind: ExportKind) {
        let session = *self;
        spawn_local(async move {
            match session.call(Request::Export { kind }, None).await {
                Ok((Reply::Exported { kind }, Some(bytes))) => {
                    if let Err(message) = save_bytes(&bytes, kind.file_name(), kind.mime()) {
                        session.notify(message);
                    }
                }
                Ok((Reply::Failed { message }, _)) => session.notify(message),
                Err(message) if message != CANCELLED => session.notify(message),
                _ => {}
            }
        });
    }

    /// Stops the running work and reloads the inputs into a fresh worker.
    pub fn cancel(&self) {
        self.worker.with_value(WorkerClient::cancel);
        let session = *self;
        spawn_local(async move { session.reload_worker().await });
    }

    /// Gives a fresh worker every input again, in load order.
    async fn reload_worker(&self) {
        let platform: Vec<(InputId, String)> = self.platform.with_untracked(|p| p.iter().map(|e| (e.id, e.name.clone())).collect());
        for (id, name) in platform {
            self.load_platform(id, name).await;
        }
        let issuance = self.issuance.with_untracked(|i| i.as_ref().map(|i| (i.id, i.options.clone())));
        if let Some((id, options)) = issuance {
            self.load_issuance(id, options).await;
        }
        self.stale.set(self.results.with_untracked(Option::is_some));
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The message of a cancelled request; never shown as an error.
const CANCELLED: &str = "cancelled";

/// Reads a `Blob`'s bytes (the browser reads the file; no copy in wasm).
async fn read_blob(blob: &web_sys::Blob) -> Result<ArrayBuffer, String> {
    let value = JsFuture::from(blob.array_buffer()).await.map_err(|_| "the file could not be read".to_string())?;
    value.dyn_into::<ArrayBuffer>().map_err(|_| "the file could not be read".to_string())
}

/// `[from, to)` from two dates; both empty means no period.
fn parse_period((from, to): &(String, String)) -> Result<Option<fcode_core::reconcile::Period>, String> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() && to.is_empty() {
        return Ok(None);
    }
    fcode_core::reconcile::Period::parse(&format!("{from}..{to}")).map(Some).map_err(|e| e.to_string())
}
