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
    let folded;
    let mut t = text.trim();
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
