//! Errors that name the input, the place and the reason. Two kinds:
//! an [`InputError`] makes a whole file unusable (empty, binary, not JSON, a
//! platform error page); a [`RowError`] rejects one row and the rest loads.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The platform's own error (`error_response`, or `result.return_code` ≠ "0").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformError {
    pub code: Option<String>,
    pub msg: Option<String>,
    pub sub_code: Option<String>,
    pub sub_msg: Option<String>,
}

impl fmt::Display for PlatformError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code.as_deref().unwrap_or("?");
        write!(f, "platform error {code}")?;
        if let Some(msg) = self.msg.as_deref().filter(|m| !m.is_empty()) {
            write!(f, " {msg}")?;
        }
        match (self.sub_code.as_deref(), self.sub_msg.as_deref()) {
            (Some(c), Some(m)) if !m.is_empty() => write!(f, " ({c}: {m})"),
            (Some(c), _) => write!(f, " ({c})"),
            (None, Some(m)) if !m.is_empty() => write!(f, " ({m})"),
            _ => Ok(()),
        }
    }
}

/// What kind of problem made an input unusable; lets the app pick an icon or
/// a hint without parsing the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputErrorKind {
    Empty,
    Binary,
    Html,
    Encoding,
    Syntax,
    Schema,
    Platform,
    TooLarge,
    Header,
    Mapping,
    Option,
}

/// A whole input is unusable. `message()` / `Display` is one line that names
/// the file (and page or line where known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    pub input: String,
    pub kind: InputErrorKind,
    /// 1-based page (response) within a multi-page file.
    pub page: Option<u32>,
    /// 1-based line of a text file.
    pub line: Option<u64>,
    pub reason: String,
    /// Set for [`InputErrorKind::Platform`] (boxed: keeps `Result`s small).
    pub platform: Option<Box<PlatformError>>,
}

impl InputError {
    pub fn new(input: &str, kind: InputErrorKind, reason: impl Into<String>) -> Self {
        Self {
            input: input.to_string(),
            kind,
            page: None,
            line: None,
            reason: reason.into(),
            platform: None,
        }
    }

    pub fn at_page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn platform(input: &str, page: u32, err: PlatformError) -> Self {
        Self {
            input: input.to_string(),
            kind: InputErrorKind::Platform,
            page: Some(page),
            line: None,
            reason: err.to_string(),
            platform: Some(Box::new(err)),
        }
    }

    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.input)?;
        if let Some(p) = self.page {
            write!(f, ", page {p}")?;
        }
        if let Some(l) = self.line {
            write!(f, ", line {l}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for InputError {}

/// Where a row sits in its input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum Location {
    /// The n-th entry (1-based) of `coupon_list` on a page of a JSON/XML file.
    Record { page: u32, index: u32 },
    /// A line of a CSV/TSV text (1-based, where the row starts).
    Line { line: u64 },
    /// A row of a spreadsheet (1-based, as Excel numbers rows).
    SheetRow { sheet: String, row: u32 },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Record { page, index } => write!(f, "page {page}, record {index}"),
            Self::Line { line } => write!(f, "line {line}"),
            Self::SheetRow { sheet, row } => write!(f, "sheet {sheet}, row {row}"),
        }
    }
}

/// One rejected row; listed and counted, never silently dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub input: String,
    pub location: Location,
    pub column: Option<String>,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.input, self.location)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// At most this many row errors are kept per input (all are counted): a file
/// of a million bad rows must not turn into a million error strings.
pub const MAX_LISTED_ROW_ERRORS: usize = 10_000;

/// Collects row errors for one input: lists the first
/// [`MAX_LISTED_ROW_ERRORS`], counts all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowErrors {
    pub listed: Vec<RowError>,
    pub count: u64,
}

impl RowErrors {
    pub fn push(&mut self, e: RowError) {
        self.count = self.count.saturating_add(1);
        if self.listed.len() < MAX_LISTED_ROW_ERRORS {
            self.listed.push(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Largest input accepted (1 GiB): keeps every offset within `u32`.
pub const MAX_INPUT_BYTES: usize = 1 << 30;
