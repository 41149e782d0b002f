//! The worker's side: owns the parsed inputs and the reconciliation and
//! answers the page's requests. Nothing here may panic on input — the
//! engine returns errors, and so does every step here.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use fcode_core::issuance::{IssuanceFile, IssuanceOptions, PREVIEW_TEXT_BYTES, inspect, parse_issuance_owned, preview_len};
use fcode_core::model::PullType;
use fcode_core::platform::{PlatformFile, parse_platform};
use fcode_core::reconcile::{CodeFilter, Inputs, Period, PlatformInput, Reconciliation, ReconcileOptions, reconcile};
use fcode_core::report::{self, InputMeta, Report, ReportMeta, sha256_hex};
use fcode_core::generator::{GenOptions, generate};
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::digest::DigestWorker;
use super::protocol::{Envelope, ExportKind, InputId, Progress, Reply, Request, SortKey, Stage};
use super::summaries::{CodeDetail, IssuanceSummary, PlatformSummary, RowPage, RunSummary, TableRow};
use super::table_view::{TableView, redemptions_per_day, sort_indices};
use super::transport::{self, buffer_of};

/// The largest window of rows one request may ask for.
const MAX_ROWS_PER_REQUEST: u32 = 2_000;

struct LoadedPlatform {
    id: InputId,
    file: PlatformFile,
    sha256: String,
}

struct LoadedIssuance {
    id: InputId,
    file: IssuanceFile,
    sha256: String,
}

/// The parsed inputs, in the order they were loaded.
#[derive(Default)]
struct Loaded {
    platform: Vec<LoadedPlatform>,
    issuance: Option<LoadedIssuance>,
}

impl Loaded {
    /// The engine's inputs for a platform order (files and pull types).
    fn inputs(&self, order: &[(InputId, PullType)]) -> Result<Inputs<'_>, String> {
        let mut platform = Vec::with_capacity(order.len());
        for (id, pull) in order {
            let loaded = self.platform.iter().find(|p| p.id == *id).ok_or("a platform file is no longer loaded")?;
            platform.push(PlatformInput { file: &loaded.file, pull: *pull });
        }
        Ok(Inputs { platform, issuance: self.issuance.iter().map(|i| &i.file).collect() })
    }

    /// The report's list of inputs, with the hashes taken at load time.
    fn metas(&self, order: &[(InputId, PullType)]) -> Vec<InputMeta> {
        let platform = order.iter().filter_map(|(id, pull)| {
            let p = self.platform.iter().find(|p| p.id == *id)?;
            Some(InputMeta::platform_with_hash(&p.file, p.sha256.clone(), *pull))
        });
        let issuance = self.issuance.iter().map(|i| InputMeta::issuance_with_hash(&i.file, i.sha256.clone()));
        platform.chain(issuance).collect()
    }
}

/// The last reconciliation and the inputs (by id) it was made from.
struct Computed {
    order: Vec<(InputId, PullType)>,
    rec: Reconciliation,
    report: Report,
    /// The last filtered and sorted table, kept while the user scrolls.
    view: Option<TableView>,
}

#[derive(Default)]
pub struct Engine {
    loaded: Loaded,
    computed: Option<Computed>,
}

/// What a request produced: the reply and, for exports, the bytes.
pub struct Answer {
    pub reply: Reply,
    pub bytes: Option<Vec<u8>>,
}

impl From<Reply> for Answer {
    fn from(reply: Reply) -> Self {
        Answer { reply, bytes: None }
    }
}

impl From<Result<Answer, String>> for Answer {
    fn from(result: Result<Answer, String>) -> Self {
        result.unwrap_or_else(|message| Reply::Failed { message }.into())
    }
}

/// The hash when the engine takes it; left empty for the browser's.
fn hash_of(bytes: &[u8], hashing: Hashing) -> String {
    match hashing {
        Hashing::Engine => sha256_hex(bytes),
        Hashing::Browser => String::new(),
    }
}

fn missing_bytes(name: &str) -> String {
    format!("{name}: no file content arrived")
}

#[cfg(test)]
mod tests;

/// Who takes the SHA-256 of a file being loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hashing {
    /// The engine, in Rust, before it answers.
    Engine,
    /// The browser, while the engine parses (`super::digest`); the caller
    /// then hands the hash to [`Engine::settle_sha256`].
    Browser,
}

impl Engine {
    /// Handles one request. `file` is the request's file: a load that keeps
    /// the file's text as it came takes it (the issuance list, see
    /// [`Self::hash_kept_input`]). `progress` reports what is happening;
    /// `hashing` says who hashes a file to load.
    pub fn handle(
        &mut self,
        request: Request,
        file: &mut Option<Vec<u8>>,
        hashing: Hashing,
        progress: &mut dyn FnMut(Progress),
    ) -> Answer {
        let bytes = file.as_deref();
        let result = match request {
            Request::LoadPlatform { input, name } => {
                let bytes = bytes.ok_or_else(|| missing_bytes(&name));
                bytes.and_then(|bytes| {
                    progress(Progress { stage: Stage::Parsing { name: name.clone() }, done: 0, total: bytes.len() as u64 });
                    self.load_platform(input, &name, bytes, hashing)
                })
            }
            Request::InspectIssuance { name, sheet } => bytes.ok_or_else(|| missing_bytes(&name)).and_then(|bytes| {
                let preview = inspect(&name, bytes, sheet.as_deref()).map_err(|e| e.to_string())?;
                Ok(Reply::IssuancePreview(Box::new(preview)).into())
            }),
            Request::LoadIssuance { input, name, options } => {
                let size = bytes.map_or(0, <[u8]>::len) as u64;
                progress(Progress { stage: Stage::Parsing { name: name.clone() }, done: 0, total: size });
                self.load_issuance(input, &name, file, &options, hashing)
            }
            Request::Remove { input } => {
                self.loaded.platform.retain(|p| p.id != input);
                if self.loaded.issuance.as_ref().is_some_and(|i| i.id == input) {
                    self.loaded.issuance = None;
                }
                self.computed = None;
                Ok(Reply::Removed.into())
            }
            Request::Reconcile { platform, period, generated_at } => self.reconcile(platform, period, generated_at, progress),
            Request::Rows { filter, sort, descending, offset, limit } => self.rows(filter, sort, descending, offset, limit),
            Request::Detail { index } => self.detail(index),
            Request::Export { kind } => {
                progress(Progress { stage: Stage::Writing, done: 0, total: 0 });
                self.export(kind)
            }
            Request::Stats => Ok(Reply::Stats { wasm_memory_bytes: wasm_memory_bytes(), files_hashed_off_thread: 0 }.into()),
        };
        result.into()
    }

    fn load_platform(&mut self, input: InputId, name: &str, bytes: &[u8], hashing: Hashing) -> Result<Answer, String> {
        let file = parse_platform(name, bytes).map_err(|e| e.to_string())?;
        let sha256 = hash_of(bytes, hashing);
        let summary = PlatformSummary::of(input, &file, bytes.len() as u64, sha256.clone());
        self.loaded.platform.retain(|p| p.id != input);
        self.loaded.platform.push(LoadedPlatform { id: input, file, sha256 });
        self.computed = None;
        Ok(Reply::PlatformLoaded(summary).into())
    }

    /// Loads the issuance list, taking its bytes: UTF-8 text stays in the
    /// parsed list as it came (a million-row list is not copied again).
    fn load_issuance(
        &mut self,
        input: InputId,
        name: &str,
        bytes: &mut Option<Vec<u8>>,
        options: &IssuanceOptions,
        hashing: Hashing,
    ) -> Result<Answer, String> {
        let owned = bytes.take().ok_or_else(|| missing_bytes(name))?;
        let size = owned.len() as u64;
        let sha256 = hash_of(&owned, hashing);
        let (parsed, not_kept) = parse_issuance_owned(name, owned, options);
        *bytes = not_kept;
        let file = parsed.map_err(|e| e.to_string())?;
        let summary = IssuanceSummary::of(input, &file, size, sha256.clone());
        self.loaded.issuance = Some(LoadedIssuance { id: input, file, sha256 });
        self.computed = None;
        Ok(Reply::IssuanceLoaded(summary).into())
    }

    /// The SHA-256 of the file a load reply announces, when the engine took
    /// and kept its bytes ([`Self::handle`]): for when the browser could not
    /// hash it after all.
    pub fn hash_kept_input(&self, reply: &Reply) -> Option<String> {
        let Reply::IssuanceLoaded(summary) = reply else { return None };
        let loaded = self.loaded.issuance.as_ref().filter(|i| i.id == summary.input)?;
        loaded.file.input_bytes().map(sha256_hex)
    }

    /// Unloads the file a load reply announces, which nobody could hash (the
    /// report must name every input's SHA-256): the reply that says so.
    pub fn unload_unhashed(&mut self, reply: Reply) -> Reply {
        let (input, name) = match reply {
            Reply::PlatformLoaded(summary) => (summary.input, summary.name),
            Reply::IssuanceLoaded(summary) => (summary.input, summary.name),
            other => return other,
        };
        self.loaded.platform.retain(|p| p.id != input);
        if self.loaded.issuance.as_ref().is_some_and(|i| i.id == input) {
            self.loaded.issuance = None;
        }
        self.computed = None;
        Reply::Failed { message: format!("{name}: the browser could not take the file's SHA-256; load it again") }
    }

    /// Records the SHA-256 the browser took of a file just loaded, in the
    /// loaded input and in the reply that announces it.
    pub fn settle_sha256(&mut self, reply: &mut Reply, sha256: String) {
        let (input, slot) = match reply {
            Reply::PlatformLoaded(summary) => (summary.input, &mut summary.sha256),
            Reply::IssuanceLoaded(summary) => (summary.input, &mut summary.sha256),
            _ => return,
        };
        if let Some(p) = self.loaded.platform.iter_mut().find(|p| p.id == input) {
            p.sha256 = sha256.clone();
        }
        if let Some(i) = self.loaded.issuance.as_mut().filter(|i| i.id == input) {
            i.sha256 = sha256.clone();
        }
        *slot = sha256;
    }

    fn reconcile(
        &mut self,
        order: Vec<(InputId, PullType)>,
        period: Option<Period>,
        generated_at: String,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Answer, String> {
        if self.loaded.issuance.is_none() {
            return Err("load the issuance list first".into());
        }
        progress(Progress { stage: Stage::Matching, done: 0, total: 0 });
        let inputs = self.loaded.inputs(&order)?;
        let rec = reconcile(&inputs, &ReconcileOptions { period });
        progress(Progress { stage: Stage::Classifying, done: rec.len() as u64, total: rec.len() as u64 });
        let report = report::build_report(&rec, &ReportMeta { generated_at, inputs: self.loaded.metas(&order) });
        let run = RunSummary {
            codes: rec.len() as u64,
            tie_out: rec.tie_out.clone(),
            redemptions_per_day: redemptions_per_day(&rec),
        };
        let reply = Reply::Reconciled { report: Box::new(report.clone()), run: Box::new(run) };
        self.computed = Some(Computed { order, rec, report, view: None });
        Ok(reply.into())
    }

    fn computed(&self) -> Result<(&Computed, Inputs<'_>), String> {
        let computed = self.computed.as_ref().ok_or("run the reconciliation first")?;
        Ok((computed, self.loaded.inputs(&computed.order)?))
    }

    fn rows(&mut self, filter: CodeFilter, sort: SortKey, descending: bool, offset: u32, limit: u32) -> Result<Answer, String> {
        let computed = self.computed.as_mut().ok_or("run the reconciliation first")?;
        let inputs = self.loaded.inputs(&computed.order)?;
        if !computed.view.as_ref().is_some_and(|v| v.is_for(&filter, sort, descending)) {
            let mut indices = computed.rec.filter(&inputs, &filter);
            sort_indices(&computed.rec, &inputs, &mut indices, sort, descending);
            computed.view = Some(TableView::new(filter, sort, descending, indices));
        }
        let view = computed.view.as_ref().ok_or("the table view is missing")?;
        let window = view.window(offset, limit.min(MAX_ROWS_PER_REQUEST));
        let rows = computed.rec.detail_rows_for(&inputs, window);
        let rows = rows.iter().zip(window).map(|(row, index)| TableRow::of(*index, row)).collect();
        Ok(Reply::Rows(RowPage { total: view.len(), offset, rows }).into())
    }

    fn detail(&self, index: u32) -> Result<Answer, String> {
        let (computed, inputs) = self.computed()?;
        let row = computed.rec.detail_row(&inputs, index as usize).ok_or_else(|| format!("no code number {index}"))?;
        Ok(Reply::Detail(Box::new(CodeDetail { index, row })).into())
    }

    fn export(&self, kind: ExportKind) -> Result<Answer, String> {
        let (computed, inputs) = self.computed()?;
        let bytes = match kind {
            ExportKind::DetailsCsv => report::details_csv(&computed.rec, &inputs),
            ExportKind::ExceptionsCsv => report::exceptions_csv(&computed.rec, &inputs),
            ExportKind::Xlsx => report::xlsx(&computed.rec, &inputs, &computed.report)
                .map_err(|e| format!("the workbook could not be written: {e}"))?,
            ExportKind::ReportJson => computed.report.to_json().into_bytes(),
        };
        Ok(Answer { reply: Reply::Exported { kind }, bytes: Some(bytes) })
    }
}

/// The size of this instance's WebAssembly memory in bytes (what
/// `memory.buffer.byteLength` shows in JavaScript); 0 off WebAssembly.
fn wasm_memory_bytes() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        const PAGE: u64 = 64 * 1024;
        core::arch::wasm32::memory_size::<0>() as u64 * PAGE
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// The worker's state: the engine and the requests waiting for it.
struct WorkerState {
    scope: DedicatedWorkerGlobalScope,
    engine: RefCell<Engine>,
    /// Requests in arrival order, with their file bytes.
    queue: RefCell<VecDeque<(u32, Request, Option<ArrayBuffer>)>>,
    /// A task is answering the queue.
    draining: Cell<bool>,
    /// Hashes loaded files on another thread; `None` where it cannot run.
    digests: Option<DigestWorker>,
    /// Files the helper hashed (`Reply::Stats`).
    hashed_off_thread: Cell<u32>,
}

/// Starts the worker: listens for requests and announces that it is ready.
///
/// Requests are answered one at a time, in arrival order, by one task that
/// drains a queue: answering a file load waits for its SHA-256 from WebCrypto
/// (asynchronous), and no later request may overtake it.
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        web_sys::console::error_1(&"the engine worker must run in a dedicated worker".into());
        return;
    };
    let state = Rc::new(WorkerState {
        scope: scope.clone(),
        engine: RefCell::new(Engine::default()),
        queue: RefCell::new(VecDeque::new()),
        draining: Cell::new(false),
        digests: DigestWorker::start(&scope),
        hashed_off_thread: Cell::new(0),
    });
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let incoming = match transport::decode(&event.data()) {
            Ok(incoming) => incoming,
            Err(message) => {
                web_sys::console::error_1(&message.into());
                return;
            }
        };
        let Envelope::Request { id, request } = incoming.envelope else { return };
        state.queue.borrow_mut().push_back((id, request, incoming.bytes));
        if !state.draining.replace(true) {
            wasm_bindgen_futures::spawn_local(drain(state.clone()));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    warm_up();
    post(&scope, &Envelope::Ready, None);
}

/// Answers queued requests until none is left.
async fn drain(state: Rc<WorkerState>) {
    loop {
        let next = state.queue.borrow_mut().pop_front();
        let Some((id, request, buffer)) = next else { break };
        let mut bytes = match (&request, &buffer) {
            (Request::InspectIssuance { .. }, Some(buffer)) => Some(preview_bytes(buffer)),
            (_, buffer) => buffer.as_ref().map(|buffer| Uint8Array::new(buffer).to_vec()),
        };
        // A file to load, now copied into WebAssembly memory, is hashed by the
        // browser while the engine parses it (src/worker/digest.rs).
        let digest = match (&request, &buffer) {
            (Request::LoadPlatform { .. } | Request::LoadIssuance { .. }, Some(buffer)) => DigestWorker::digest(state.digests.as_ref(), buffer),
            _ => None,
        };
        let hashing = if digest.is_some() { Hashing::Browser } else { Hashing::Engine };
        let scope = &state.scope;
        let mut progress = |progress: Progress| post(scope, &Envelope::Progress { id, progress }, None);
        let mut answer = match state.engine.try_borrow_mut() {
            Ok(mut engine) => engine.handle(request, &mut bytes, hashing, &mut progress),
            Err(_) => Reply::Failed { message: "the engine is busy".into() }.into(),
        };
        if let Some(digest) = digest
            && !matches!(answer.reply, Reply::Failed { .. })
        {
            // Should the browser fail after all, the file is hashed in Rust:
            // the copy here, or the text the engine kept.
            let off_thread = digest.is_off_thread();
            let browser = digest.finish().await;
            if browser.is_some() && off_thread {
                state.hashed_off_thread.set(state.hashed_off_thread.get().saturating_add(1));
            }
            match state.engine.try_borrow_mut() {
                Ok(mut engine) => {
                    let sha256 = browser
                        .or_else(|| bytes.as_deref().map(sha256_hex))
                        .or_else(|| engine.hash_kept_input(&answer.reply));
                    match sha256 {
                        Some(sha256) => engine.settle_sha256(&mut answer.reply, sha256),
                        None => answer.reply = engine.unload_unhashed(answer.reply),
                    }
                }
                Err(_) => answer = Reply::Failed { message: "the engine is busy".into() }.into(),
            }
        }
        drop(bytes);
        if let Reply::Stats { files_hashed_off_thread, .. } = &mut answer.reply {
            *files_hashed_off_thread = state.hashed_off_thread.get();
        }
        post(scope, &Envelope::Reply { id, reply: answer.reply }, answer.bytes.as_deref().map(buffer_of));
    }
    state.draining.set(false);
}

/// The bytes the mapping dialog's preview needs: for a text list, whole lines
/// of its first megabyte (copying and decoding all of a million-row list
/// cost about 70 ms at 1M codes); for a spreadsheet, everything. The app's
/// page already sends only those (`read_preview` in src/state/session); the
/// cut here holds for any caller that sends the whole file.
fn preview_bytes(buffer: &ArrayBuffer) -> Vec<u8> {
    let all = Uint8Array::new(buffer);
    let head_len = all.length().min(PREVIEW_TEXT_BYTES as u32);
    let mut head = all.subarray(0, head_len).to_vec();
    match preview_len(&head, all.length() as usize) {
        Some(n) => {
            head.truncate(n);
            head
        }
        None => all.to_vec(),
    }
}

/// Runs every hot path once on a small generated data set before the first
/// request. V8 first runs WebAssembly in its baseline compiler and only calls
/// that start after a function was optimised use the optimised code, so
/// without this the first million-row parse and reconciliation run wholly in
/// baseline code: 1.3–1.5× slower (scripts/bench.sh). Costs a few tens of
/// milliseconds once per worker, before it says it is ready.
fn warm_up() {
    let data = generate(&GenOptions { codes: 5_000, batches: 3, seed: 1, page_size: 1_000 });
    let mut engine = Engine::default();
    let mut quiet = |_: Progress| {};
    let mut order = Vec::new();
    for (input, file) in (1..).zip(&data.platform) {
        let request = Request::LoadPlatform { input, name: file.name.clone() };
        engine.handle(request, &mut Some(file.bytes.clone()), Hashing::Engine, &mut quiet);
        order.push((input, file.pull));
    }
    let name = data.issued.name.clone();
    let inspect = Request::InspectIssuance { name: name.clone(), sheet: None };
    engine.handle(inspect, &mut Some(data.issued.bytes.clone()), Hashing::Engine, &mut quiet);
    let load = Request::LoadIssuance { input: 0, name, options: IssuanceOptions::default() };
    engine.handle(load, &mut Some(data.issued.bytes), Hashing::Engine, &mut quiet);
    let reconcile = Request::Reconcile { platform: order, period: None, generated_at: String::new() };
    engine.handle(reconcile, &mut None, Hashing::Engine, &mut quiet);
}

fn post(scope: &DedicatedWorkerGlobalScope, envelope: &Envelope, bytes: Option<ArrayBuffer>) {
    match transport::encode(envelope, bytes) {
        Ok(out) => {
            if scope.post_message_with_transfer(&out.message, &out.transfer).is_err() {
                web_sys::console::error_1(&JsValue::from_str("the engine worker could not answer"));
            }
        }
        Err(message) => web_sys::console::error_1(&message.into()),
    }
}
