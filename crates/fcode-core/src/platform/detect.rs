//! Recognises a platform file's format from its first bytes.

use crate::error::{InputError, InputErrorKind};
use crate::table::{decode, sheet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetectedFormat {
    Json,
    Xml,
    Delimited,
    Spreadsheet,
}

/// Looks at the content: zip/OLE magic → spreadsheet; `{` or `[` → JSON;
/// `<` → XML (unless it is an HTML page, e.g. a login or gateway error page);
/// otherwise delimited text. Empty, binary and HTML inputs are errors.
pub fn detect_format(name: &str, bytes: &[u8]) -> Result<DetectedFormat, InputError> {
    if sheet::is_zip(bytes) || sheet::is_ole(bytes) {
        return Ok(DetectedFormat::Spreadsheet);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Err(InputError::new(name, InputErrorKind::Empty, "is empty"));
    };
    let head = body.get(start..).unwrap_or(b"");
    match head.first() {
        Some(b'{') | Some(b'[') => Ok(DetectedFormat::Json),
        Some(b'<') => {
            if looks_html(head) {
                Err(InputError::new(
                    name,
                    InputErrorKind::Html,
                    "is an HTML page (a login or gateway error page?), not platform data",
                ))
            } else {
                Ok(DetectedFormat::Xml)
            }
        }
        _ if decode::looks_binary(bytes)
            && !bytes.starts_with(b"\xFF\xFE")
            && !bytes.starts_with(b"\xFE\xFF") =>
        {
            Err(InputError::new(
                name,
                InputErrorKind::Binary,
                "looks like a binary file, not JSON, XML, CSV or XLSX",
            ))
        }
        _ => Ok(DetectedFormat::Delimited),
    }
}

fn looks_html(head: &[u8]) -> bool {
    let n = head.len().min(512);
    let lower: Vec<u8> = head.get(..n).unwrap_or(head).to_ascii_lowercase();
    let s = String::from_utf8_lossy(&lower);
    s.starts_with("<!doctype html")
        || s.contains("<html")
        || s.contains("<head")
        || s.contains("<body")
}
