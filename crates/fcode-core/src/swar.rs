//! Eight bytes at a time ("SIMD within a register"): the byte scans that
//! dominate reading a million-row list or a million JSON records.
//! WebAssembly without SIMD has no vector loop for them, and 64-bit integer
//! arithmetic is native there, so one word of eight bytes does the work of
//! eight compares.

/// The eight bytes at `i`, little-endian (the first byte lowest), if there
/// are eight.
pub(crate) fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let chunk = b.get(i..i.checked_add(8)?)?;
    <[u8; 8]>::try_from(chunk).ok().map(u64::from_le_bytes)
}

/// 0x80 in each byte of `x` that equals `byte`, 0 elsewhere — exactly: the
/// low seven bits are added separately, so no carry crosses into the next
/// byte (Hacker's Delight, "find a zero byte").
pub(crate) fn equal_bytes(x: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let v = x ^ (0x0101_0101_0101_0101 * u64::from(byte));
    !(((v & LOW7) + LOW7) | v | LOW7)
}

/// 0x80 in each byte of `x` that is below `n` (`n` ≤ 0x80), 0 elsewhere —
/// exactly, like [`equal_bytes`], and cheaper than asking for several low
/// bytes one by one.
pub(crate) fn bytes_below(x: u64, n: u8) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // A byte's low seven bits plus 0x80 - n reach 0x80 exactly when they
    // are n or more; a byte with its top bit set is 0x80 or more anyway.
    let lifted = (x & LOW7) + 0x0101_0101_0101_0101 * u64::from(0x80 - n.min(0x80));
    !(lifted | x) & !LOW7
}

/// 0x80 in the first (lowest) byte of `x` that is below `n` (`n` ≤ 0x80).
/// Only that first mark is exact: the subtraction's borrow may also mark
/// bytes after it, so use it for "where is the first", never for counting.
pub(crate) fn first_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(0x0101_0101_0101_0101 * u64::from(n)) & !x & 0x8080_8080_8080_8080
}

/// Index of the first byte at or after `i` that `hit` marks (or the end),
/// where `hit` maps a word to its marks (of which the lowest must be exact)
/// and `is_hit` says the same of one byte for the tail.
pub(crate) fn find(
    b: &[u8],
    mut i: usize,
    hit: impl Fn(u64) -> u64,
    is_hit: impl Fn(u8) -> bool,
) -> usize {
    while let Some(x) = word_at(b, i) {
        let m = hit(x);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if is_hit(c) {
            break;
        }
        i += 1;
    }
    i
}

/// A test's pseudo-random pick in `0..n` (a linear congruential step, so
/// the cases are the same on every run).
#[cfg(test)]
pub(crate) fn pick(seed: &mut u64, n: usize) -> usize {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 33) as usize % n.max(1)
}

/// `len` pieces picked from `from`, put together: a test's random text.
#[cfg(test)]
pub(crate) fn pick_many<T: Copy, B: FromIterator<T>>(seed: &mut u64, from: &[T], len: usize) -> B {
    (0..len).map(|_| from[pick(seed, from.len())]).collect()
}

#[cfg(test)]
mod tests {
    use super::{bytes_below, equal_bytes, find, first_below, pick_many};

    /// Every byte value in every position, among neighbours that are below
    /// and not below: each byte is marked exactly when it is below `n`.
    #[test]
    fn bytes_below_marks_exactly_the_low_bytes() {
        for n in [0u8, 1, 0x0e, 0x20, 0x7f, 0x80] {
            for c in 0..=255u8 {
                for at in 0..8 {
                    for fill in [0x00u8, 0x0d, 0x41, 0x7f, 0x80, 0xff] {
                        let mut bytes = [fill; 8];
                        bytes[at] = c;
                        let got = bytes_below(u64::from_le_bytes(bytes), n).to_le_bytes();
                        for (k, &b) in bytes.iter().enumerate() {
                            let want = if b < n { 0x80 } else { 0 };
                            assert_eq!(got[k], want, "{bytes:?} below {n:#x}");
                        }
                    }
                }
            }
        }
    }

    /// Every start, every length, bytes around the thresholds and
    /// multi-byte UTF-8: the word scan finds what a byte scan finds.
    #[test]
    fn find_matches_a_byte_scan() {
        let alphabet: &[u8] = b"ab\"\\\x1f\x20\x00\x7f\x80\xe5\xbc\xa0,\n";
        let mut seed = 7u64;
        for len in 0..40 {
            for _ in 0..50 {
                let text: Vec<u8> = pick_many(&mut seed, alphabet, len);
                for start in 0..=len {
                    let is_hit = |c: u8| c == b'"' || c == b'\\' || c < 0x20;
                    let want = (start..len).find(|&k| is_hit(text[k])).unwrap_or(len);
                    let got = find(
                        &text,
                        start,
                        |x| equal_bytes(x, b'"') | equal_bytes(x, b'\\') | first_below(x, 0x20),
                        is_hit,
                    );
                    assert_eq!(got, want, "{text:?} from {start}");
                }
            }
        }
    }
}
