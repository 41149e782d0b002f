//! Code normalisation (SPEC 3): Unicode NFKC (folds full-width letters and
//! digits typed with a Chinese IME), trim white space, drop one leading
//! apostrophe (Excel's text marker), ASCII upper-case. Matching is exact on
//! the result, never fuzzy.

use crate::swar::{bytes_below, equal_bytes, word_at};
use unicode_normalization::UnicodeNormalization;

/// Longest code accepted, in characters (platform codes are ~11).
pub const MAX_CODE_CHARS: usize = 64;

/// True when `raw` is already normal: printable ASCII without a leading
/// apostrophe and without lower-case letters. The hot path for 1M codes
/// (each platform record and issuance row): a code of eight bytes or more
/// is read eight bytes at a time, its last word overlapping the one before.
fn is_clean(raw: &str) -> bool {
    let b = raw.as_bytes();
    if b.first() == Some(&b'\'') {
        return false;
    }
    if b.len() < 8 {
        return !b.is_empty() && b.iter().all(|&c| is_clean_byte(c));
    }
    let last = b.len() - 8;
    let mut at = 0;
    loop {
        match word_at(b, at.min(last)) {
            Some(x) if unclean_bytes(x) == 0 => {}
            _ => return false,
        }
        if at >= last {
            return true;
        }
        at += 8;
    }
}

fn is_clean_byte(c: u8) -> bool {
    (0x21..=0x7e).contains(&c) && !c.is_ascii_lowercase()
}

/// 0x80 in each byte of `x` that [`is_clean_byte`] refuses, 0 elsewhere.
fn unclean_bytes(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lower_case = bytes_below(x, b'z' + 1) & !bytes_below(x, b'a');
    (x & HIGH) | equal_bytes(x, 0x7f) | bytes_below(x, 0x21) | lower_case
}

/// Normalises `raw` into `out` (cleared first) unless it is already normal.
/// Returns `None` when `raw` is already normal (use it as is), else `Some(changed)`
/// with the normal form in `out`.
pub fn normalise_into(raw: &str, out: &mut String) -> Option<bool> {
    if is_clean(raw) {
        return None;
    }
    out.clear();
    if raw.is_ascii() {
        push_trimmed(raw, out);
    } else {
        let folded: String = raw.nfkc().collect();
        push_trimmed(&folded, out);
    }
    Some(out.as_str() != raw)
}

fn push_trimmed(s: &str, out: &mut String) {
    let t = s.trim();
    let t = t.strip_prefix('\'').unwrap_or(t);
    out.push_str(t);
    out.make_ascii_uppercase();
}

/// Convenience: the normal form of a code as a new string.
pub fn normalise_code(raw: &str) -> String {
    let mut out = String::new();
    match normalise_into(raw, &mut out) {
        None => raw.to_string(),
        Some(_) => out,
    }
}

/// Checks a code that [`normalise_into`] found already normal (`None`): it
/// is printable ASCII, so only its length can be wrong. The same verdict as
/// [`check_code`] without reading the code a second time (a tenth of the
/// cost of a platform record).
pub fn check_clean_code(code: &str) -> Result<(), String> {
    if code.len() <= MAX_CODE_CHARS {
        Ok(())
    } else {
        check_code(code)
    }
}

/// Checks a normalised code; returns the reason it is unusable.
pub fn check_code(code: &str) -> Result<(), String> {
    if code.is_empty() {
        return Err("missing code".to_string());
    }
    if code.len() <= MAX_CODE_CHARS && code.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Ok(());
    }
    let n = code.chars().count();
    if n > MAX_CODE_CHARS {
        return Err(format!(
            "code is {n} characters long (at most {MAX_CODE_CHARS})"
        ));
    }
    if code.chars().any(char::is_control) {
        return Err("code contains a control character".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check_clean_code, check_code, is_clean, is_clean_byte, normalise_into};

    /// Every ASCII character and some multi-byte ones, at every place of
    /// codes of every length around the word size: the word-at-a-time
    /// check says what the byte-by-byte definition says.
    #[test]
    fn is_clean_agrees_with_the_byte_definition() {
        let base = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        let odd: Vec<char> = (0..=0x7fu8)
            .map(char::from)
            .chain(['é', '张', 'Ａ', '\u{85}'])
            .collect();
        for len in 0..=20 {
            let code = &base[..len];
            let by_bytes =
                |s: &str| !s.is_empty() && !s.starts_with('\'') && s.bytes().all(is_clean_byte);
            assert_eq!(is_clean(code), by_bytes(code), "{code:?}");
            for at in 0..=len {
                for &c in &odd {
                    let s = format!("{}{c}{}", &code[..at], &code[at..]);
                    assert_eq!(is_clean(&s), by_bytes(&s), "{s:?}");
                }
            }
        }
    }

    /// Wherever `normalise_into` says "already normal", the short check
    /// agrees with the full one, at every length around the limit.
    #[test]
    fn clean_codes_get_the_full_check_verdict() {
        let mut scratch = String::new();
        let mut clean = 0;
        for len in 0..70 {
            for seed in ["A", "9", "~", "!", "Z-", "a", "'", " ", "\u{7f}", "Ａ"] {
                let code: String = seed.chars().cycle().take(len).collect();
                if normalise_into(&code, &mut scratch).is_none() {
                    clean += 1;
                    assert_eq!(check_clean_code(&code), check_code(&code), "{code:?}");
                }
            }
        }
        assert!(clean > 200, "too few clean codes to mean anything: {clean}");
    }
}
