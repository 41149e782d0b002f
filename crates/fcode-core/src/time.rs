//! Beijing wall-clock time (UTC+8, no DST), as the platform writes it:
//! `YYYY-MM-DD HH:MM:SS`. Stored as seconds since 1970-01-01 00:00:00 *Beijing
//! time*, so comparing and adding days is integer arithmetic and no clock or
//! time-zone database is needed (the engine runs in WebAssembly).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A moment in Beijing time. Serialises as the integer seconds (compact for
/// 1M records); reports and detail rows format it as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BeijingTime(pub i64);

const SECS_PER_DAY: i64 = 86_400;

impl BeijingTime {
    /// From civil fields; `None` when a field is out of range.
    pub fn from_parts(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<Self> {
        if !(1..=12).contains(&mo)
            || d == 0
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || s > 59
        {
            return None;
        }
        if !(1000..=9999).contains(&y) {
            return None;
        }
        let days = days_from_civil(y, mo, d);
        Some(Self(
            days * SECS_PER_DAY + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s),
        ))
    }

    /// From seconds since the Unix epoch (UTC), e.g. the system clock of the CLI.
    pub fn from_unix_utc(secs: i64) -> Self {
        Self(secs.saturating_add(8 * 3600))
    }

    /// Parses `YYYY-MM-DD HH:MM:SS`; also accepts `T` or `/` variants,
    /// `HH:MM` without seconds and a bare date (midnight), which spreadsheet
    /// exports produce.
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(t) = Self::parse_exact(text.as_bytes()) {
            return Some(t);
        }
        let t = text.trim().as_bytes();
        let (date, rest) = match t.iter().position(|&b| b == b' ' || b == b'T') {
            Some(i) => (t.get(..i)?, t.get(i + 1..)?),
            None => (t, &b""[..]),
        };
        let (y, mo, d) = parse_date(date)?;
        let (h, mi, s) = if rest.is_empty() {
            (0, 0, 0)
        } else {
            parse_clock(rest)?
        };
        Self::from_parts(y, mo, d, h, mi, s)
    }

    /// The platform's own format, byte by byte (the hot path for 1M records).
    fn parse_exact(b: &[u8]) -> Option<Self> {
        let &[
            y0,
            y1,
            y2,
            y3,
            b'-',
            m0,
            m1,
            b'-',
            d0,
            d1,
            b' ',
            h0,
            h1,
            b':',
            i0,
            i1,
            b':',
            s0,
            s1,
        ] = b
        else {
            return None;
        };
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1, h0, h1, i0, i1, s0, s1];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = |a: u8, b: u8| u32::from(a - b'0') * 10 + u32::from(b - b'0');
        let y = i64::from(n(y0, y1)) * 100 + i64::from(n(y2, y3));
        Self::from_parts(y, n(m0, m1), n(d0, d1), n(h0, h1), n(i0, i1), n(s0, s1))
    }

    /// Parses a bare date `YYYY-MM-DD` (midnight), as used by periods.
    pub fn parse_date(text: &str) -> Option<Self> {
        let (y, mo, d) = parse_date(text.trim().as_bytes())?;
        Self::from_parts(y, mo, d, 0, 0, 0)
    }

    pub fn add_days(self, days: i64) -> Self {
        Self(self.0.saturating_add(days.saturating_mul(SECS_PER_DAY)))
    }

    /// Civil fields (year, month, day, hour, minute, second).
    pub fn parts(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(SECS_PER_DAY);
        let secs = self.0.rem_euclid(SECS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        (
            y,
            m,
            d,
            (secs / 3600) as u32,
            ((secs % 3600) / 60) as u32,
            (secs % 60) as u32,
        )
    }

    /// Date part only, `YYYY-MM-DD`.
    pub fn date_text(self) -> String {
        let (y, m, d, ..) = self.parts();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Display for BeijingTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d, h, mi, s) = self.parts();
        write!(f, "{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

fn parse_num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

fn parse_date(b: &[u8]) -> Option<(i64, u32, u32)> {
    let sep = if b.contains(&b'-') { b'-' } else { b'/' };
    let mut it = b.split(|&c| c == sep);
    let y = it.next()?;
    let m = it.next()?;
    let d = it.next()?;
    if it.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    Some((i64::from(parse_num(y)?), parse_num(m)?, parse_num(d)?))
}

fn parse_clock(b: &[u8]) -> Option<(u32, u32, u32)> {
    let mut it = b.split(|&c| c == b':');
    let h = it.next()?;
    let m = it.next()?;
    let s = it.next();
    if it.next().is_some() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let s = match s {
        Some(s) if s.len() == 2 => parse_num(s)?,
        Some(_) => return None,
        None => 0,
    };
    Some((parse_num(h)?, parse_num(m)?, s))
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}
