//! Code normalisation (SPEC 3): Unicode NFKC (folds full-width letters and
//! digits typed with a Chinese IME), trim white space, drop one leading
//! apostrophe (Excel's text marker), ASCII upper-case. Matching is exact on
//! the result, never fuzzy.

use unicode_normalization::UnicodeNormalization;

/// Longest code accepted, in characters (platform codes are ~11).
pub const MAX_CODE_CHARS: usize = 64;

/// True when `raw` is already normal: printable ASCII without a leading
/// apostrophe and without lower-case letters. The hot path for 1M codes.
fn is_clean(raw: &str) -> bool {
    let b = raw.as_bytes();
    !b.is_empty()
        && b.first() != Some(&b'\'')
        && b.iter()
            .all(|&c| (0x21..=0x7e).contains(&c) && !c.is_ascii_lowercase())
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
    use super::{check_clean_code, check_code, normalise_into};

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
