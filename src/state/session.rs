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
use crate::state::persist::{Persistence, RunRecord, SavedIssuance, SavedPlatform, SignOff, describe, new_run_id};
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
    /// Which saved reconciliation this is, and what it is called.
    pub run_id: RwSignal<String>,
    pub run_name: RwSignal<String>,
    pub created_at: RwSignal<String>,
    /// Signed off: read-only until explicitly unlocked.
    pub signoff: RwSignal<Option<SignOff>>,
    pub persistence: Persistence,
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
            run_id: RwSignal::new(new_run_id()),
            run_name: RwSignal::new(String::new()),
            created_at: RwSignal::new(beijing_now()),
            signoff: RwSignal::new(None),
            persistence: Persistence::new(),
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
        let blobs = files.into_iter().map(|file| (file.name(), web_sys::Blob::from(file), None)).collect();
        self.add_platform_blobs(blobs);
    }

    /// Adds platform data from any source (files, a live fetch): name, bytes
    /// and, when the source knows it, the pull type (a fetch does; for a file
    /// the engine suggests one and the user confirms).
    pub fn add_platform_blobs(&self, blobs: Vec<(String, web_sys::Blob, Option<PullType>)>) {
        if self.refuse_if_locked() {
            return;
        }
        let session = *self;
        let mut ids = Vec::new();
        for (name, blob, pull) in blobs {
            let id = self.next_id();
            let size = blob.size() as u64;
            self.save_input(id, &blob);
            self.files.update_value(|f| {
                f.insert(id, blob);
            });
            self.platform.update(|p| {
                p.push(PlatformEntry { id, name: name.clone(), size, pull: pull.unwrap_or(PullType::All), pull_known: pull.is_some(), status: InputStatus::Reading })
            });
            ids.push((id, name));
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
                if let (InputStatus::Ready(summary), false) = (&status, entry.pull_known) {
                    entry.pull = summary.suggested_pull;
                }
                entry.status = status;
            }
        });
    }

    pub fn set_pull(&self, id: InputId, pull: PullType) {
        if self.refuse_if_locked() {
            return;
        }
        self.platform.update(|p| {
            if let Some(entry) = p.iter_mut().find(|e| e.id == id) {
                entry.pull = pull;
                entry.pull_known = true;
            }
        });
        self.inputs_changed();
    }

    pub fn remove_input(&self, id: InputId) {
        if self.refuse_if_locked() {
            return;
        }
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
            let _ = session.persistence.delete_input(&session.run_id.get_untracked(), id).await;
        });
    }

    // ---- issuance list ---------------------------------------------------

    /// A new issuance list (file or pasted text): inspect it, then load it
    /// with the detected or remembered mapping, or ask the user to map.
    pub fn set_issuance(&self, blob: web_sys::Blob, name: String) {
        if self.refuse_if_locked() {
            return;
        }
        let id = self.next_id();
        self.save_input(id, &blob);
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
        if self.refuse_if_locked() {
            return;
        }
        let session = *self;
        spawn_local(async move { session.run_now().await });
    }

    pub async fn run_now(&self) {
        self.reconcile_at(beijing_now()).await;
    }

    /// Reconciles with a given report time (a restored run keeps its own).
    async fn reconcile_at(&self, generated_at: String) {
        let period = match parse_period(&self.period.get_untracked()) {
            Ok(period) => period,
            Err(message) => {
                self.notify(message);
                return;
            }
        };
        let request = Request::Reconcile { platform: self.ready_platform(), period, generated_at };
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

// ---- the code table (src/components/code_table.rs) ---------------------------

impl Session {
    /// A window of the filtered, sorted code table.
    pub async fn rows(
        &self,
        filter: fcode_core::reconcile::CodeFilter,
        sort: crate::worker::protocol::SortKey,
        descending: bool,
        offset: u32,
        limit: u32,
    ) -> Result<crate::worker::summaries::RowPage, String> {
        match self.quiet_call(Request::Rows { filter, sort, descending, offset, limit }).await? {
            Reply::Rows(page) => Ok(page),
            Reply::Failed { message } => Err(message),
            _ => Err("unexpected answer from the engine".into()),
        }
    }

    /// Everything about one code, for the detail panel.
    pub async fn detail(&self, index: u32) -> Result<crate::worker::summaries::CodeDetail, String> {
        match self.quiet_call(Request::Detail { index }).await? {
            Reply::Detail(detail) => Ok(*detail),
            Reply::Failed { message } => Err(message),
            _ => Err("unexpected answer from the engine".into()),
        }
    }

    /// Like `call`, without marking the session busy: the table fetches
    /// windows while the user scrolls, and the progress bar must not flicker.
    async fn quiet_call(&self, request: Request) -> Result<Reply, String> {
        let worker = self.worker.get_value();
        match worker.call(request, None).await {
            Ok((reply, _)) => Ok(reply),
            Err(WorkerError::Cancelled) => Err(CANCELLED.to_string()),
            Err(WorkerError::Crashed(message)) => Err(format!("the engine stopped unexpectedly ({message})")),
        }
    }
}

// ---- saving, restoring, signing off ----------------------------------------

impl Session {
    /// A signed-off run is read-only: says so and refuses the change.
    fn refuse_if_locked(&self) -> bool {
        let locked = self.signoff.with_untracked(Option::is_some);
        if locked {
            self.notify("本次对账已签核锁定，请先解锁。 · This run is signed off and locked: unlock it first.");
        }
        locked
    }

    pub fn locked(&self) -> bool {
        self.signoff.with(Option::is_some)
    }

    pub fn sign_off(&self, preparer: String, reviewer: String) {
        self.signoff.set(Some(SignOff { preparer, reviewer, signed_at: beijing_now() }));
    }

    pub fn unlock(&self) {
        self.signoff.set(None);
    }

    fn save_input(&self, id: InputId, blob: &web_sys::Blob) {
        let session = *self;
        let blob = blob.clone();
        spawn_local(async move {
            let run = session.run_id.get_untracked();
            if let Err(error) = session.persistence.save_input(&run, id, &blob).await {
                session.storage_problem(describe(&error));
            }
        });
    }

    fn storage_problem(&self, message: String) {
        // Say it once, not on every keystroke that saves.
        if self.persistence.problem.get_untracked().as_deref() != Some(message.as_str()) {
            self.notify(message.clone());
        }
        self.persistence.problem.set(Some(message));
    }

    /// The run as it stands, for saving. Reads signals without tracking.
    pub fn snapshot(&self) -> RunRecord {
        let results = self.results.get_untracked();
        RunRecord {
            id: self.run_id.get_untracked(),
            name: self.run_name.get_untracked(),
            created_at: self.created_at.get_untracked(),
            updated_at: beijing_now(),
            platform: self.platform.with_untracked(|p| {
                p.iter()
                    .map(|e| SavedPlatform { id: e.id, name: e.name.clone(), pull: e.pull, pull_known: e.pull_known })
                    .collect()
            }),
            issuance: self.issuance.with_untracked(|i| {
                i.as_ref().map(|i| SavedIssuance { id: i.id, name: i.name.clone(), options: i.options.clone() })
            }),
            period: self.period.get_untracked(),
            report: results.as_ref().map(|r| r.report.clone()),
            run: results.map(|r| r.run),
            stale: self.stale.get_untracked(),
            signoff: self.signoff.get_untracked(),
        }
    }

    /// Saves whenever something the record holds changes (after the saved
    /// run, if any, has been restored).
    pub fn autosave(&self) {
        let session = *self;
        Effect::new(move |_| {
            // Track everything the record holds.
            session.platform.track();
            session.issuance.track();
            session.period.track();
            session.results.track();
            session.stale.track();
            session.signoff.track();
            session.run_name.track();
            if !session.persistence.ready.get() {
                return;
            }
            let record = session.snapshot();
            crate::state::persist::set_current_run_id(Some(&record.id));
            spawn_local(async move {
                match session.persistence.save_record(&record).await {
                    Ok(()) => session.persistence.problem.set(None),
                    Err(error) => session.storage_problem(describe(&error)),
                }
            });
        });
    }

    /// Brings back the run saved last (if any), then starts saving.
    pub async fn restore_current(&self) {
        if let Some(run) = crate::state::persist::current_run_id() {
            match self.persistence.load_record(&run).await {
                Ok(Some(record)) => self.restore(record).await,
                Ok(None) => {}
                Err(error) => self.storage_problem(describe(&error)),
            }
        }
        self.persistence.ready.set(true);
    }

    async fn restore(&self, record: RunRecord) {
        let blobs = match self.persistence.load_inputs(&record).await {
            Ok(blobs) => blobs,
            Err(error) => {
                self.storage_problem(describe(&error));
                return;
            }
        };
        let max_id = record.platform.iter().map(|p| p.id).chain(record.issuance.iter().map(|i| i.id)).max().unwrap_or(0);
        self.next_id.set_value(max_id.wrapping_add(1));
        self.run_id.set(record.id.clone());
        self.run_name.set(record.name.clone());
        self.created_at.set(record.created_at.clone());
        self.period.set(record.period.clone());
        self.signoff.set(record.signoff.clone());
        self.stale.set(record.stale);
        if let (Some(report), Some(run)) = (record.report.clone(), record.run.clone()) {
            self.results.set(Some(Results { report, run }));
        }
        let missing: Vec<String> = record
            .platform
            .iter()
            .map(|p| (p.id, &p.name))
            .chain(record.issuance.iter().map(|i| (i.id, &i.name)))
            .filter(|(id, _)| !blobs.contains_key(id))
            .map(|(_, name)| name.clone())
            .collect();
        if !missing.is_empty() {
            self.notify(format!(
                "以下文件未能从浏览器存储中恢复，请重新导入 · These files could not be restored from browser storage, import them again: {}",
                missing.join(", ")
            ));
        }
        self.files.set_value(blobs.clone());
        self.platform.set(
            record
                .platform
                .iter()
                .filter(|p| blobs.contains_key(&p.id))
                .map(|p| PlatformEntry {
                    id: p.id,
                    name: p.name.clone(),
                    size: blobs.get(&p.id).map_or(0, |b| b.size() as u64),
                    pull: p.pull,
                    pull_known: p.pull_known,
                    status: InputStatus::Reading,
                })
                .collect(),
        );
        let issuance = record.issuance.clone().filter(|i| blobs.contains_key(&i.id));
        self.issuance.set(issuance.as_ref().map(|i| IssuanceEntry {
            id: i.id,
            name: i.name.clone(),
            size: blobs.get(&i.id).map_or(0, |b| b.size() as u64),
            options: i.options.clone(),
            preview: None,
            status: InputStatus::Reading,
        }));
        // Loading is asynchronous; saving may start right away (the record
        // written back is the same run).
        self.persistence.ready.set(true);
        for p in record.platform.iter().filter(|p| blobs.contains_key(&p.id)) {
            self.load_platform(p.id, p.name.clone()).await;
        }
        if let Some(i) = issuance {
            if let Ok((Reply::IssuancePreview(preview), _)) =
                self.call(Request::InspectIssuance { name: i.name.clone(), sheet: i.options.sheet.clone() }, Some(i.id)).await
            {
                self.update_issuance(i.id, |entry| entry.preview = Some(*preview));
            }
            self.load_issuance(i.id, i.options.clone()).await;
        }
        // Rebuild the worker's per-code results, reproducing the saved report.
        if let Some(report) = record.report.filter(|_| !record.stale) {
            if self.issuance_ready() {
                self.reconcile_at(report.generated_at).await;
                self.stale.set(false);
            }
        }
    }
}
