//! Delimited text (CSV, semicolon, TSV, pasted cells): delimiter detection and
//! a row loop over the `csv` crate that reuses one record buffer (no
//! allocation per row for 1M-row lists).

use super::split::{Record, Splitter};
use super::{Cells, RowPos};
use crate::error::InputError;

/// Picks `,`, `;` or tab by how consistently each splits the first lines.
/// Ties go to tab (pasted cells), then comma.
pub fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    let mut best = (0usize, b',');
    for d in [b'\t', b',', b';'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        // The most common non-zero count, weighted by how many lines share it.
        let mut score = 0usize;
        for &c in counts.iter().filter(|&&c| c > 0) {
            let same = counts.iter().filter(|&&x| x == c).count();
            score = score.max(same * 1000 + c);
        }
        if score > best.0 {
            best = (score, d);
        }
    }
    best.1
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b'\t' => "tab",
        b';' => "semicolon",
        _ => "comma",
    }
}

/// Calls `f` for every record with its 1-based starting line. `f` returns
/// `Ok(false)` to stop early (previews).
pub fn for_each_record<F>(text: &str, delimiter: u8, mut f: F) -> Result<(), InputError>
where
    F: FnMut(RowPos, Cells<'_>) -> Result<bool, InputError>,
{
    let mut splitter = Splitter::new(text, delimiter);
    let mut rec = Record::default();
    while let Some(line) = splitter.next_record(&mut rec) {
        if !f(RowPos::Line(line), Cells::Split(text, &rec))? {
            break;
        }
    }
    Ok(())
}
