//! The fcode-recon engine: bytes in, reconciliation out (SPEC sections 2–5).
//!
//! No file I/O, no threads, no clock: every function takes byte slices and
//! options and returns values or typed errors, so the same code runs in the
//! native CLI and in a browser Web Worker (wasm32-unknown-unknown). Nothing
//! reachable from input panics; bad input is an [`error::InputError`] (the
//! whole file is unusable) or a [`error::RowError`] (one row rejected, the
//! rest loads). Money is integer fen ([`model::Fen`]), never a float.
//! Every public result type is `serde` Serialize + Deserialize.
//!
//! # The flow
//!
//! ```text
//! platform::parse_platform(name, &bytes)            -> PlatformFile   (per platform file)
//! issuance::inspect(name, &bytes, sheet)            -> IssuancePreview (for the mapping dialog)
//! issuance::parse_issuance(name, &bytes, &options)  -> IssuanceFile
//! issuance::parse_issuance_owned(name, bytes, &options) -> (result, bytes not kept)  (no copy of UTF-8 text)
//! reconcile::reconcile(&Inputs { platform: vec![PlatformInput { file, pull }], issuance: vec![&file] },
//!                      &ReconcileOptions { period })  -> Reconciliation
//! report::build_report(&rec, &ReportMeta { generated_at, inputs }) -> Report  (schema fcode-recon/report/v1)
//! report::details_csv(&rec, &inputs) / exceptions_csv(..) -> Vec<u8>   (UTF-8 with BOM)
//! report::xlsx(&rec, &inputs, &report)               -> Result<Vec<u8>, XlsxError>
//! ```
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use fcode_core::issuance::{parse_issuance, IssuanceOptions};
//! use fcode_core::model::PullType;
//! use fcode_core::platform::parse_platform;
//! use fcode_core::reconcile::{reconcile, Inputs, PlatformInput, ReconcileOptions};
//! use fcode_core::report::{build_report, InputMeta, ReportMeta};
//!
//! let page = br#"{"result":{"return_code":"0","return_value":{
//!     "basic":{"mix_id":"m1","denomination":400,"total_count":1},
//!     "coupon_list":[{"code":"2X2QFKTZD2K","code_status":2,"gmt_modified":"2026-08-01 10:00:00","bind_status":0}],
//!     "has_next":false}}}"#;
//! let issued = "券码,面值(元)\n2x2qfktzd2k,4.00\n".as_bytes();
//! let p = parse_platform("page.json", page)?;
//! let i = parse_issuance("issued.csv", issued, &IssuanceOptions::default())?;
//! let inputs = Inputs { platform: vec![PlatformInput { file: &p, pull: PullType::All }], issuance: vec![&i] };
//! let rec = reconcile(&inputs, &ReconcileOptions::default());
//! let meta = ReportMeta {
//!     generated_at: "2026-09-01 10:00:00".into(), // the caller's clock, Beijing time
//!     inputs: vec![InputMeta::platform(&p, page, PullType::All), InputMeta::issuance(&i, issued)],
//! };
//! let report = build_report(&rec, &meta);
//! assert_eq!(report.classes.redeemed.count, 1);
//! assert_eq!(report.classes.redeemed.amount_cents, 400);
//! assert_eq!(report.batches[0].complete, Some(true));
//! # Ok(())
//! # }
//! ```
//!
//! # For the app
//!
//! - **Parsed inputs** ([`platform::PlatformFile`], [`issuance::IssuanceFile`])
//!   are compact: text lives in one arena per file ([`arena::TextArena`]),
//!   rows hold spans; use `file.code(&record)` etc. Store them in IndexedDB
//!   as they are (serde). Their codes' matching keys ([`code_keys::CodeKeys`],
//!   gathered while parsing) are not serialised: a file from serde has its
//!   codes packed again when it is matched.
//! - **The reconciliation** ([`reconcile::Reconciliation`]) holds one
//!   [`reconcile::CodeResult`] per distinct code (class, flag bit set,
//!   amount, batch index, winning platform record, issuance row range) plus
//!   summaries, batches, period split, tie-out and warnings. It refers to the
//!   inputs by index, so **detail rows need the same `Inputs`** (same files,
//!   same order): `rec.detail_row(&inputs, i)`, `rec.detail_rows(&inputs,
//!   start, count)` (a window of the virtual table), `rec.filter(&inputs,
//!   &CodeFilter { classes, flags, exceptions_only, batch, search })` → code
//!   indices. With other inputs they return nothing rather than wrong rows.
//! - **Hashes**: [`report::sha256_hex`] is fast natively (SHA-NI) but slow in
//!   WebAssembly; in the browser hash with WebCrypto at load time and use
//!   `InputMeta::platform_with_hash` / `issuance_with_hash`.
//! - **Pull type** of an imported file: suggest `file.suggested_pull()`
//!   (CONSUME when every row is redeemed), default ALL.
//! - **Warnings** (`rec.warnings`, `report.warnings`): incomplete batches
//!   first; every export carries them (CSV: `# ` lines before the header;
//!   XLSX: first rows of every sheet).
//! - **Synthetic data**: [`generator::generate`] (deterministic, seeded) for
//!   demos and the browser benchmark.

pub mod arena;
pub mod code;
pub mod code_keys;
pub mod error;
pub mod generator;
pub mod issuance;
pub mod model;
pub mod platform;
pub mod reconcile;
pub mod report;
mod swar;
pub mod table;
pub mod time;
