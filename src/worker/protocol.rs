//! Messages between the page and the engine worker.
//!
//! File bytes never go through serde: they travel beside the message as a
//! transferred `ArrayBuffer` (see [`super::transport`]), so a 100 MB file is
//! neither copied on the page nor encoded.

use fcode_core::issuance::{IssuanceOptions, IssuancePreview};
use fcode_core::model::PullType;
use fcode_core::reconcile::{CodeFilter, Period};
use fcode_core::report::Report;
use serde::{Deserialize, Serialize};

use super::summaries::{CodeDetail, IssuanceSummary, PlatformSummary, RowPage, RunSummary};

/// The app's own id of an input file (stable across reloads).
pub type InputId = u32;

/// Page → worker. Requests marked "bytes" carry the file's bytes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Parse a platform file (bytes).
    LoadPlatform { input: InputId, name: String },
    /// Look at an issuance file before loading it: encoding, headers, mapping (bytes).
    InspectIssuance { name: String, sheet: Option<String> },
    /// Parse the issuance list with the confirmed options (bytes). Replaces
    /// any earlier issuance list.
    LoadIssuance { input: InputId, name: String, options: IssuanceOptions },
    /// Forget an input.
    Remove { input: InputId },
    /// Reconcile the loaded inputs. `platform` gives the files to use, in
    /// load order, with their pull types.
    Reconcile { platform: Vec<(InputId, PullType)>, period: Option<Period>, generated_at: String },
    /// A window of the filtered, sorted code table.
    Rows { filter: CodeFilter, sort: SortKey, descending: bool, offset: u32, limit: u32 },
    /// Everything about one code (by index into the reconciliation).
    Detail { index: u32 },
    /// An export of the current reconciliation (reply carries bytes).
    Export { kind: ExportKind },
    /// The worker's own figures, for the benchmark (`scripts/bench.sh`).
    /// Cheap and side-effect free; the app does not use it.
    Stats,
}

/// Columns the code table can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// The order of the reconciliation (by code).
    #[default]
    Code,
    Class,
    Amount,
    Modified,
    Batch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    DetailsCsv,
    ExceptionsCsv,
    Xlsx,
    ReportJson,
}

impl ExportKind {
    pub fn file_name(self) -> &'static str {
        match self {
            ExportKind::DetailsCsv => "fcode-recon-details.csv",
            ExportKind::ExceptionsCsv => "fcode-recon-exceptions.csv",
            ExportKind::Xlsx => "fcode-recon.xlsx",
            ExportKind::ReportJson => "fcode-recon-report.json",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportKind::DetailsCsv | ExportKind::ExceptionsCsv => "text/csv;charset=utf-8",
            ExportKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ExportKind::ReportJson => "application/json",
        }
    }
}

/// Worker → page: the answer to one request.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    PlatformLoaded(PlatformSummary),
    IssuancePreview(Box<IssuancePreview>),
    IssuanceLoaded(IssuanceSummary),
    Removed,
    Reconciled { report: Box<Report>, run: Box<RunSummary> },
    Rows(RowPage),
    Detail(Box<CodeDetail>),
    /// The export's bytes travel beside the message.
    Exported { kind: ExportKind },
    /// The request could not be done; `message` names the file, row and reason.
    Failed { message: String },
    /// The answer to [`Request::Stats`]: the size of the worker's WebAssembly
    /// memory (`memory.buffer.byteLength`). It only ever grows, so read after
    /// a run it is that run's peak.
    Stats {
        wasm_memory_bytes: u64,
        /// Files whose SHA-256 the hashing helper took (`super::digest`), not
        /// this thread: what the benchmark and a browser test check.
        #[serde(default)]
        files_hashed_off_thread: u32,
    },
}

/// Worker → page, while a request runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    /// Units done and in all (files, or codes); `total` 0 when unknown.
    pub done: u64,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    Reading { name: String },
    Parsing { name: String },
    Matching,
    Classifying,
    Writing,
}

/// The envelope of every message; `id` pairs a reply with its request.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Envelope {
    Request { id: u32, request: Request },
    Reply { id: u32, reply: Reply },
    Progress { id: u32, progress: Progress },
    /// Sent once when the worker's WebAssembly has started: messages sent
    /// before that would be lost.
    Ready,
}
