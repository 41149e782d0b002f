//! Money text → integer fen, exactly (never through floats): `4`, `4.00`,
//! `¥4.00`, `￥4.00`, `4元`, `1,234.50`, `RMB 4`; or plain fen when the user
//! says so. Negative amounts and fractions of a fen are errors.

use crate::model::Fen;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FaceValueUnit {
    #[default]
    Yuan,
    Fen,
}

impl FaceValueUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yuan => "yuan",
            Self::Fen => "fen",
        }
    }
}

/// Parses money text. `Ok(None)` for an empty cell; `Err(reason)` otherwise
/// unusable. A `元`/`分` suffix in the cell overrides `unit`.
pub fn parse_money(text: &str, unit: FaceValueUnit) -> Result<Option<Fen>, String> {
    match plain_amount(text.as_bytes(), unit) {
        Some(fen) => Ok(Some(fen)),
        None => parse_any_money(text, unit),
    }
}

/// The cell nearly every row has, `5`, `5.0` or `5.00` in yuan (`500` in
/// fen): digits, for yuan a point and at most two more. Anything else,
/// white space included, is `None` and takes the general path, which gives
/// the same result for these (tested below) at ten times the cost.
fn plain_amount(b: &[u8], unit: FaceValueUnit) -> Option<Fen> {
    let (int_part, frac_part) = match b.iter().position(|&c| c == b'.') {
        Some(p) => (b.get(..p)?, Some(b.get(p + 1..)?)),
        None => (b, None),
    };
    let digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    // 15 digits times 100 cannot overflow an i64.
    if int_part.len() > 15 || !digits(int_part) {
        return None;
    }
    let number = |d: &[u8]| d.iter().fold(0i64, |n, &c| n * 10 + i64::from(c - b'0'));
    match (unit, frac_part) {
        (FaceValueUnit::Fen, None) => Some(Fen(number(int_part))),
        (FaceValueUnit::Yuan, None) => Some(Fen(number(int_part) * 100)),
        (FaceValueUnit::Yuan, Some(f)) if f.len() <= 2 && digits(f) => {
            let cents = if f.len() == 1 {
                number(f) * 10
            } else {
                number(f)
            };
            Some(Fen(number(int_part) * 100 + cents))
        }
        _ => None,
    }
}

fn parse_any_money(text: &str, unit: FaceValueUnit) -> Result<Option<Fen>, String> {
    let folded;
    let mut t = crate::table::trim(text);
    if !t.is_ascii() {
        // Full-width digits and ￥ typed with an IME.
        folded = t.nfkc().collect::<String>();
        t = folded.trim();
    }
    if t.is_empty() {
        return Ok(None);
    }
    let shown = Shown(text.trim());
    let mut unit = unit;
    let mut s = t;
    for prefix in ["¥", "RMB", "rmb", "CNY", "cny"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
            unit = FaceValueUnit::Yuan;
            break;
        }
    }
    if let Some(rest) = s.strip_suffix('元') {
        s = rest.trim_end();
        unit = FaceValueUnit::Yuan;
    } else if let Some(rest) = s.strip_suffix('分') {
        s = rest.trim_end();
        unit = FaceValueUnit::Fen;
    }
    if s.starts_with('-') || s.starts_with('−') || (s.starts_with('(') && s.ends_with(')')) {
        return Err(format!("negative amount {shown}"));
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let digits = strip_thousands(int_part).ok_or_else(|| format!("{shown} is not an amount"))?;
    if digits.is_empty() && frac_part.is_empty() {
        return Err(format!("{shown} is not an amount"));
    }
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{shown} is not an amount"));
    }
    let whole: i64 = if digits.is_empty() {
        0
    } else {
        digits
            .parse::<i64>()
            .map_err(|_| format!("amount {shown} is too large"))?
    };
    let (scale, kept) = match unit {
        FaceValueUnit::Yuan => (100i64, 2usize),
        FaceValueUnit::Fen => (1, 0),
    };
    let (keep, rest) = frac_part.split_at(frac_part.len().min(kept));
    if rest.bytes().any(|b| b != b'0') {
        return Err(format!("amount {shown} has a fraction of a fen"));
    }
    let mut frac: i64 = 0;
    for i in 0..kept {
        let d = keep
            .as_bytes()
            .get(i)
            .map(|b| i64::from(b - b'0'))
            .unwrap_or(0);
        frac = frac * 10 + d;
    }
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(frac))
        .map(|f| Some(Fen(f)))
        .ok_or_else(|| format!("amount {shown} is too large"))
}

/// The cell as shown in messages; formatted only when there is an error.
struct Shown<'a>(&'a str);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::platform::scalar::quote_cut(self.0))
    }
}

/// `1,234,567` → `1234567`; digits only, commas only between groups of three.
fn strip_thousands(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !s.contains(',') {
        return if s.bytes().all(|b| b.is_ascii_digit()) {
            Some(std::borrow::Cow::Borrowed(s))
        } else {
            None
        };
    }
    let mut groups = s.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    Some(std::borrow::Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path takes only what the general path reads the same way.
    #[test]
    fn plain_amounts_agree_with_the_general_path() {
        let ints = [
            "",
            "0",
            "5",
            "05",
            "1,234",
            "123456789012345",
            "1234567890123456",
            "9".repeat(18).leak(),
        ];
        let fracs = [
            "", ".", ".0", ".5", ".05", ".50", ".00", ".500", ".505", ".5a", "..5",
        ];
        let mut fast = 0;
        for int in ints {
            for frac in fracs {
                for around in ["", " ", "元"] {
                    let text = format!("{int}{frac}{around}");
                    for unit in [FaceValueUnit::Yuan, FaceValueUnit::Fen] {
                        let general = parse_any_money(&text, unit);
                        if let Some(f) = plain_amount(text.as_bytes(), unit) {
                            fast += 1;
                            assert_eq!(Ok(Some(f)), general, "{text:?} in {unit:?}");
                        }
                        assert_eq!(parse_money(&text, unit), general, "{text:?} in {unit:?}");
                    }
                }
            }
        }
        assert!(fast > 20, "the fast path took {fast} cells");
    }
}
