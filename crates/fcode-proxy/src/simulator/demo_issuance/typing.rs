//! How people type codes and amounts into a spreadsheet.

/// Yuan as people type it; `spelling` picks the form: mostly `40.00`, sometimes
/// `¥40.00`, `40元` or a bare `40`.
pub fn yuan_text(fen: i64, spelling: u64) -> String {
    let yuan = fen / 100;
    let cents = fen.rem_euclid(100);
    let plain = format!("{yuan}.{cents:02}");
    match spelling {
        1 | 2 => format!("¥{plain}"),
        3 if cents == 0 => format!("{yuan}元"),
        4 if cents == 0 => yuan.to_string(),
        _ => plain,
    }
}

/// Full-width forms (U+FF01..U+FF5E) of ASCII letters and digits, as a Chinese IME types.
pub fn to_full_width(code: &str) -> String {
    code.chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                char::from_u32(u32::from(ch) + 0xFEE0).unwrap_or(ch)
            } else {
                ch
            }
        })
        .collect()
}
