//! The one function every exported text cell goes through (SPEC 5): a cell
//! that starts with `=`, `+`, `-`, `@`, tab or CR is prefixed with an
//! apostrophe so Excel will not run it as a formula — unless it is a plain
//! number (`-1`, `-4.00`). A cell that already starts with an apostrophe is
//! prefixed too, so [`unescape_cell`] gives back exactly the original.

use std::borrow::Cow;

fn is_number(s: &str) -> bool {
    let t = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (i, f) = t.split_once('.').unwrap_or((t, ""));
    !i.is_empty()
        && i.bytes().all(|b| b.is_ascii_digit())
        && f.bytes().all(|b| b.is_ascii_digit())
        && (f.is_empty() || t.contains('.'))
}

/// Makes `s` safe to open in a spreadsheet.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !is_number(s) => {
            Cow::Owned(format!("'{s}"))
        }
        Some(b'\'') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// The inverse of [`safe_cell`], for reading an export back.
pub fn unescape_cell(s: &str) -> &str {
    s.strip_prefix('\'').unwrap_or(s)
}
