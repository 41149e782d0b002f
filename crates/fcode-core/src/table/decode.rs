//! Text encoding detection for CSV/TSV/XML/pasted text. Order (SPEC 2.2):
//! UTF-8 with BOM, UTF-8, then GBK/GB18030 (what Chinese Excel writes).
//! UTF-16 with a BOM (Excel's "Unicode text") is accepted too.

use crate::error::{InputError, InputErrorKind};
use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16le,
    Utf16be,
}

impl TextEncoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-bom",
            Self::Gb18030 => "gb18030",
            Self::Utf16le => "utf-16le",
            Self::Utf16be => "utf-16be",
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn binary_error(input: &str) -> InputError {
    InputError::new(
        input,
        InputErrorKind::Binary,
        "looks like a binary file, not text, CSV, JSON, XML or XLSX",
    )
}

/// What [`decode_text`] makes of bytes already known to be UTF-8: where the
/// text starts (after a byte-order mark) and its encoding, or the same error
/// for binary junk. (UTF-16's marks are not UTF-8, so they cannot occur.)
pub fn utf8_start(input: &str, text: &str) -> Result<(usize, TextEncoding), InputError> {
    let bytes = text.as_bytes();
    if bytes.starts_with(UTF8_BOM) {
        Ok((UTF8_BOM.len(), TextEncoding::Utf8Bom))
    } else if looks_binary(bytes) {
        Err(binary_error(input))
    } else {
        Ok((0, TextEncoding::Utf8))
    }
}

/// True when the bytes look like a binary file rather than text: a NUL byte
/// early on (UTF-16 text is recognised by its BOM before this check).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..8192).unwrap_or(bytes);
    head.contains(&0)
}

/// Decodes text, borrowing when it is UTF-8 already.
pub fn decode_text<'a>(
    input: &str,
    bytes: &'a [u8],
) -> Result<(Cow<'a, str>, TextEncoding), InputError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((Cow::Borrowed(s), TextEncoding::Utf8Bom)),
            Err(e) => {
                let at = e.valid_up_to() + UTF8_BOM.len();
                Err(InputError::new(
                    input,
                    InputErrorKind::Encoding,
                    format!(
                        "starts with a UTF-8 byte-order mark but byte {} is not UTF-8 (UTF-8 and GBK text mixed in one file?)",
                        at + 1
                    ),
                )
                .at_line(line_of(bytes, at)))
            }
        };
    }
    for (bom, enc, kind) in [
        (b"\xFF\xFE", UTF_16LE, TextEncoding::Utf16le),
        (b"\xFE\xFF", UTF_16BE, TextEncoding::Utf16be),
    ] {
        if let Some(rest) = bytes.strip_prefix(&bom[..]) {
            return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                Some(s) => Ok((Cow::Owned(s.into_owned()), kind)),
                None => Err(InputError::new(
                    input,
                    InputErrorKind::Encoding,
                    "starts with a UTF-16 byte-order mark but is not valid UTF-16",
                )),
            };
        }
    }
    if looks_binary(bytes) {
        return Err(binary_error(input));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(s), TextEncoding::Utf8));
    }
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((Cow::Owned(s.into_owned()), TextEncoding::Gb18030)),
        None => Err(InputError::new(
            input,
            InputErrorKind::Encoding,
            "is neither UTF-8 nor GBK/GB18030 text",
        )),
    }
}

fn line_of(bytes: &[u8], at: usize) -> u64 {
    let head = bytes.get(..at).unwrap_or(bytes);
    1 + head.iter().filter(|&&b| b == b'\n').count() as u64
}
