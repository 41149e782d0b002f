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

/// `str::trim`, with a fast path for the usual cell: one that begins with a
/// byte no white-space character begins with and ends with a byte none ends
/// with is returned as it is. `str::trim` decodes a character at each end to
/// ask whether it is white space, and a million-row list trims eight cells a
/// row (a tenth of reading it).
///
/// White space is Unicode's White_Space, as `char::is_whitespace` says:
/// ASCII 09–0D and 20, and U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000, whose UTF-8 forms begin with C2, E1, E2
/// or E3 and end with 80–8A, 9F, A0, A8, A9 or AF.
pub(crate) fn trim(s: &str) -> &str {
    if needs_no_trim(s.as_bytes()) {
        s
    } else {
        s.trim()
    }
}

/// Whether `trim` gives these bytes back unchanged by its fast path's test
/// (not empty, and no white space can begin or end them).
pub(crate) fn needs_no_trim(b: &[u8]) -> bool {
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) => !may_begin_space(first) && !may_end_space(last),
        _ => false,
    }
}

fn may_begin_space(b: u8) -> bool {
    b <= 0x20 || matches!(b, 0xc2 | 0xe1..=0xe3)
}

fn may_end_space(b: u8) -> bool {
    b <= 0x20 || matches!(b, 0x80..=0x8a | 0x9f | 0xa0 | 0xa8 | 0xa9 | 0xaf)
}

impl<'r> Cells<'r> {
    pub fn get(&self, i: usize) -> Option<&'r str> {
        match self {
            Self::Split(text, r) => r.get(text, i),
            Self::Sheet(s) => s.get(i).map(String::as_str),
        }
    }

    /// Cell `i` as its offset in the split text and its bytes, when it is a
    /// piece of that text (a spreadsheet's cells and unescaped quoted cells
    /// are not): a row reader can take its span from where it lies.
    pub fn piece(&self, i: usize) -> Option<(usize, &'r [u8])> {
        match self {
            Self::Split(text, r) => {
                let (a, b) = r.range(i)?;
                Some((a, text.as_bytes().get(a..b)?))
            }
            Self::Sheet(_) => None,
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
        (0..self.len()).all(|i| self.get(i).is_none_or(|c| trim(c).is_empty()))
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
        while n > 0 && self.get(n - 1).is_none_or(|c| trim(c).is_empty()) {
            n -= 1;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::trim;

    /// Every Unicode scalar value alone, before and after text, and
    /// doubled: the fast path gives `str::trim`'s answer.
    #[test]
    fn trim_agrees_with_str_trim_for_every_character() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}员工"),
                format!("x{c}"),
                format!("{c}1{c}"),
                format!("{c}{c}"),
            ] {
                assert_eq!(trim(&s), s.trim(), "U+{:04X} in {s:?}", c as u32);
            }
        }
        assert_eq!(trim(""), "");
        assert_eq!(trim("已发放"), "已发放");
        assert_eq!(trim("\u{3000}已发放\u{a0}"), "已发放");
    }
}
