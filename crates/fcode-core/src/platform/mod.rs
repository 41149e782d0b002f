//! Platform data (SPEC 2.1): TOP JSON (wrapped or simplified, one response,
//! an array of responses, or one per line), TOP XML, CSV/TSV and XLSX
//! exports. The format is recognised from the content, never the name.
//!
//! A platform error (`error_response`, or `result.return_code` ≠ "0") on
//! **any** page of a file makes the whole file an [`InputError`] that names
//! the file and the page and carries the platform's code and message: a file
//! with a failed page is an incomplete pull and must not be reconciled as if
//! it were whole. Bad rows (unknown status, missing code, bad date) are
//! [`RowError`](crate::error::RowError)s; the rest of the file loads.

mod builder;
mod detect;
mod json;
mod json_shape;
pub(crate) mod scalar;
mod tabular;
mod xml;

use crate::arena::{Span, TextArena};
use crate::code_keys::CodeKeys;
use crate::error::{InputError, InputErrorKind, MAX_INPUT_BYTES, RowErrors};
use crate::model::{BindStatus, CodeStatus, Fen, PullType};
use crate::table::{decode, delimited, sheet};
use crate::time::BeijingTime;
use builder::Builder;
pub use detect::{DetectedFormat, detect_format};
use serde::{Deserialize, Serialize};

/// The shape a platform file was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlatformFormat {
    /// One JSON document: a response or an array of responses.
    Json,
    /// Several JSON documents, one response per line.
    JsonLines,
    Xml,
    Csv,
    Xlsx,
}

impl PlatformFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::JsonLines => "json-lines",
            Self::Xml => "xml",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }
}

/// `return_value.basic` of a batch, merged over the pages of one file (the
/// first page that says something wins).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchInfo {
    pub mix_id: String,
    pub name: Option<String>,
    pub denomination: Option<Fen>,
    pub total_count: Option<u64>,
    /// `GENERAL` (fixed date) or `DAY` (valid days).
    pub valid_duration_type: Option<String>,
    pub valid_days: Option<i64>,
    pub coupon_expire_time: Option<BeijingTime>,
    pub bind_begin_time: Option<BeijingTime>,
    /// Pages of this file that belonged to the batch.
    pub pages: u32,
    /// `has_next` of the batch's last page in file order (`None`: never said).
    pub has_next_last: Option<bool>,
    /// Some page of the batch said `has_next = false`: the pull reached its end.
    pub final_page_seen: bool,
}

impl BatchInfo {
    pub fn new(mix_id: &str) -> Self {
        Self {
            mix_id: mix_id.to_string(),
            ..Self::default()
        }
    }

    /// The last moment a code of this batch may be used (SPEC 4,
    /// `redeemed_after_expiry`): `coupon_expire_time` for GENERAL, plus
    /// `valid_days` days for DAY. `None` when the batch does not say.
    pub fn last_valid_moment(&self) -> Option<BeijingTime> {
        let expire = self.coupon_expire_time?;
        match self
            .valid_duration_type
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            Some("DAY") => Some(expire.add_days(self.valid_days.unwrap_or(0))),
            _ => Some(expire),
        }
    }
}

/// One coupon as the platform reported it. Compact (32 bytes; 16 MB less
/// memory written once at 1M records than the first 48): text lives in the
/// file's arena (`PlatformFile::code`), the batch is read through
/// [`Self::batch`] (no `Option` tag), and the code as given, which few
/// records need, is kept beside the records ([`PlatformFile::raw_code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformRecord {
    /// The normalised code.
    pub code: Span,
    pub status: CodeStatus,
    pub bind: BindStatus,
    /// Normalisation changed the code (full-width, lower case, ...).
    pub normalised: bool,
    pub gmt_modified: BeijingTime,
    /// Index into `PlatformFile::batches`; [`Self::NO_BATCH`] for none.
    batch: u32,
    /// 1-based page (response) of the file; 1 for tables.
    pub page: u32,
    /// 1-based entry within the page's coupon_list, or the CSV line, or the
    /// spreadsheet row.
    pub row: u32,
}

impl PlatformRecord {
    /// No file has that many batches.
    const NO_BATCH: u32 = u32::MAX;

    /// Index into `PlatformFile::batches`, when the record's page named one.
    pub fn batch(&self) -> Option<u32> {
        (self.batch != Self::NO_BATCH).then_some(self.batch)
    }

    pub(crate) fn set_batch(&mut self, batch: u32) {
        self.batch = batch;
    }
}

/// A parsed platform file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformFile {
    pub name: String,
    pub format: PlatformFormat,
    pub pages: u32,
    pub batches: Vec<BatchInfo>,
    pub records: Vec<PlatformRecord>,
    /// The code as given of each normalised record, by record index (in
    /// the order of the records, so sorted): [`Self::raw_code`].
    #[serde(default)]
    pub raw_codes: Vec<(u32, Span)>,
    pub text: TextArena,
    /// The records' codes packed for matching (`records[i]` is item `i`);
    /// not serialised: matching makes them again when missing.
    #[serde(skip)]
    pub keys: CodeKeys,
    pub row_errors: RowErrors,
    /// Records whose code normalisation changed (full-width, lower case, ...).
    pub normalised_changed: u64,
    /// Every record is redeemed: suggest a CONSUME pull to the user.
    pub all_redeemed: bool,
    /// For pages without `basic.mix_id`: has_next of the last such page.
    pub unbatched_has_next_last: Option<bool>,
    pub unbatched_final_page_seen: bool,
    /// For spreadsheets: the sheet read and all sheet names.
    pub sheet: Option<String>,
}

impl PlatformFile {
    pub(crate) fn empty(name: &str, format: PlatformFormat) -> Self {
        Self {
            name: name.to_string(),
            format,
            pages: 0,
            batches: Vec::new(),
            records: Vec::new(),
            raw_codes: Vec::new(),
            text: TextArena::default(),
            keys: CodeKeys::default(),
            row_errors: RowErrors::default(),
            normalised_changed: 0,
            all_redeemed: false,
            unbatched_has_next_last: None,
            unbatched_final_page_seen: false,
            sheet: None,
        }
    }

    /// The normalised code of a record.
    pub fn code(&self, r: &PlatformRecord) -> &str {
        self.text.get(r.code)
    }

    /// The code as the file gave it, of `records[index]` (empty when there
    /// is no such record).
    pub fn raw_code(&self, index: usize) -> &str {
        let Some(r) = self.records.get(index) else {
            return "";
        };
        let given = r
            .normalised
            .then(|| {
                let at = u32::try_from(index).ok()?;
                let found = self.raw_codes.binary_search_by_key(&at, |&(i, _)| i);
                self.raw_codes.get(found.ok()?)
            })
            .flatten();
        match given {
            Some(&(_, span)) => self.text.get(span),
            None => self.code(r),
        }
    }

    pub fn batch(&self, r: &PlatformRecord) -> Option<&BatchInfo> {
        r.batch().and_then(|b| self.batches.get(b as usize))
    }

    /// The pull type to suggest for an imported file (SPEC 2.1): CONSUME
    /// when every row is redeemed, else ALL.
    pub fn suggested_pull(&self) -> PullType {
        if self.all_redeemed {
            PullType::Consume
        } else {
            PullType::All
        }
    }

    /// Where a record came from, for detail rows: `file.json p2 #17`.
    pub fn source_of(&self, r: &PlatformRecord) -> String {
        match self.format {
            PlatformFormat::Json | PlatformFormat::JsonLines | PlatformFormat::Xml => {
                format!("{} page {} record {}", self.name, r.page, r.row)
            }
            PlatformFormat::Csv => format!("{} line {}", self.name, r.row),
            PlatformFormat::Xlsx => format!("{} row {}", self.name, r.row),
        }
    }
}

/// Parses one platform file, recognising its format from the content.
pub fn parse_platform(name: &str, bytes: &[u8]) -> Result<PlatformFile, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::new(
            name,
            InputErrorKind::TooLarge,
            "is larger than 1 GiB",
        ));
    }
    match detect_format(name, bytes)? {
        DetectedFormat::Json => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let mut b = Builder::new(name, PlatformFormat::Json, bytes.len());
            let values = json::parse_json(&mut b, body)?;
            if values > 1 {
                b.file.format = PlatformFormat::JsonLines;
            }
            Ok(b.finish())
        }
        DetectedFormat::Xml => {
            let (text, _) = decode::decode_text(name, bytes)?;
            let mut b = Builder::new(name, PlatformFormat::Xml, bytes.len() / 2);
            xml::parse_xml(&mut b, &text)?;
            Ok(b.finish())
        }
        DetectedFormat::Delimited => {
            let (text, _) = decode::decode_text(name, bytes)?;
            let delimiter = delimited::detect_delimiter(&text);
            let mut b = Builder::new(name, PlatformFormat::Csv, bytes.len());
            tabular::parse_table(&mut b, |visit| {
                delimited::for_each_record(&text, delimiter, visit)
            })?;
            Ok(b.finish())
        }
        DetectedFormat::Spreadsheet => {
            let sh = sheet::open_sheet(name, bytes, None)?;
            let mut b = Builder::new(name, PlatformFormat::Xlsx, 0);
            b.sheet = Some(sh.name.clone());
            b.file.sheet = Some(sh.name.clone());
            tabular::parse_table(&mut b, |visit| sh.for_each_row(visit))?;
            Ok(b.finish())
        }
    }
}
