//! Tables shared by the platform CSV/XLSX reader and the issuance reader:
//! encoding, delimiter, rows from text or spreadsheet, header matching.

pub mod decode;
pub mod delimited;
pub mod headers;
pub mod sheet;
pub mod split;

use crate::error::Location;

/// Where a row starts: a text line or a spreadsheet row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowPos {
    Line(u64),
    SheetRow(u32),
}

impl RowPos {
    pub fn location(self, sheet: Option<&str>) -> Location {
        match self {
            Self::Line(line) => Location::Line { line },
            Self::SheetRow(row) => Location::SheetRow {
                sheet: sheet.unwrap_or("").to_string(),
                row,
            },
        }
    }

    /// The number shown to people (line or row).
    pub fn number(self) -> u64 {
        match self {
            Self::Line(l) => l,
            Self::SheetRow(r) => u64::from(r),
        }
    }
}

/// One row's cells, borrowed from the reader's buffer.
#[derive(Clone, Copy)]
pub enum Cells<'r> {
    /// A delimited-text record: fields borrowed from the text.
    Split(&'r str, &'r split::Record),
    Sheet(&'r [String]),
}

impl<'r> Cells<'r> {
    pub fn get(&self, i: usize) -> Option<&'r str> {
        match self {
            Self::Split(text, r) => r.get(text, i),
            Self::Sheet(s) => s.get(i).map(String::as_str),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Self::Split(_, r) => r.len(),
            Self::Sheet(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A row of only empty or white-space cells (spreadsheet padding).
    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.get(i).is_none_or(|c| c.trim().is_empty()))
    }

    pub fn to_vec(&self) -> Vec<String> {
        (0..self.len())
            .map(|i| self.get(i).unwrap_or("").to_string())
            .collect()
    }

    /// Number of cells up to the last non-empty one (trailing delimiters and
    /// empty spreadsheet columns do not make a row ragged).
    pub fn used_len(&self) -> usize {
        let mut n = self.len();
        while n > 0 && self.get(n - 1).is_none_or(|c| c.trim().is_empty()) {
            n -= 1;
        }
        n
    }
}
