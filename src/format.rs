//! Numbers and money as finance users read them. Money is integer fen all
//! the way; formatting is integer arithmetic, never floats.

/// `¥1,234.56` (negative: `-¥1,234.56`). Both interface languages group
/// digits in thousands with commas, as Chinese finance documents do.
pub fn yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}¥{}.{:02}", grouped(abs / 100), abs % 100)
}

/// `1,234,567`.
pub fn count(n: u64) -> String {
    grouped(n)
}

fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// File sizes: `512 B`, `12.3 KB`, `4.5 MB` (one decimal, integer maths).
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut unit = 0;
    let mut scaled = n;
    while scaled >= 1024 * 1024 && unit + 1 < UNITS.len() {
        scaled /= 1024;
        unit += 1;
    }
    let tenths = scaled * 10 / 1024;
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

#[cfg(test)]
mod tests;
