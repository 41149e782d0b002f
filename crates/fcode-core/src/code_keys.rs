//! Codes packed for matching, gathered while a file is parsed.
//!
//! Matching gives every code an id by radix-partitioning the codes by hash
//! (`reconcile::code_ids`). Reading a million records' and rows' codes back
//! out of the parsed files at reconcile time reads every record, every row
//! and the text where each code lies, about 170 MB at 1M codes, most of it
//! cache misses: 55 of reconcile's 200 ms natively. So a parser packs each
//! code as it stores it, while the code is in the cache, into its file's
//! [`CodeKeys`]: one dense array, written in order, read in order. (Putting
//! them straight into partitions while parsing was measured too: the
//! scattered writes then miss the cache, parsing grew by about what
//! matching saved.) Files too small to be worth it, and files that come
//! from serde (which skips keys), get their codes packed at matching.

/// Files with fewer records or rows expected than this gather no keys:
/// packing theirs at matching costs little, and memory matters more there
/// (it is measured against the input's size).
pub(crate) const MIN_ITEMS: usize = 1 << 15;

/// A code of up to 11 bytes (the platform's codes have 11) in 12 bytes:
/// bytes 0..8 in words 0 and 1, bytes 8..11 in the low 24 bits of word 2
/// and the length in its top byte. Longer codes are [`NOT_SHORT`].
pub(crate) type ShortKey = [u32; 3];

/// The key of a code longer than 11 bytes (no length is 255): matching
/// packs such a code from its text.
pub(crate) const NOT_SHORT: ShortKey = [0, 0, u32::MAX];

/// A code's bytes in two little-endian words, its length in the top byte
/// of the second; `None` for codes of more than 15 bytes.
pub(crate) fn pack(code: &str) -> Option<(u64, u64)> {
    let b = code.as_bytes();
    let n = b.len();
    // Whole (overlapping) words of the code's bytes rather than a copy byte
    // by byte into a buffer (a call to memcpy for each of millions of codes).
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
    };
    let half = |at: usize| -> Option<u64> {
        Some(u64::from(u32::from_le_bytes(
            b.get(at..at + 4)?.try_into().ok()?,
        )))
    };
    let (lo, hi) = match n {
        // Bytes 8..n are the top n - 8 bytes of the word that ends the code.
        9..=15 => (word(0)?, word(n - 8)? >> (8 * (16 - n))),
        8 => (word(0)?, 0),
        // Bytes 4..n are the top n - 4 bytes of the half word that ends it.
        4..=7 => (half(0)? | ((half(n - 4)? >> (8 * (8 - n))) << 32), 0),
        0..=3 => (
            b.iter()
                .rev()
                .fold(0u64, |acc, &c| (acc << 8) | u64::from(c)),
            0,
        ),
        _ => return None,
    };
    // The length in the top byte: codes that are prefixes of others differ.
    Some((lo, hi | ((n as u64) << 56)))
}

/// The short key of a code, or [`NOT_SHORT`].
pub(crate) fn short_key(code: &str) -> ShortKey {
    match pack(code) {
        Some((lo, hi)) if code.len() <= 11 => [
            lo as u32,
            (lo >> 32) as u32,
            (hi & 0xFF_FFFF) as u32 | (((hi >> 56) as u32) << 24),
        ],
        _ => NOT_SHORT,
    }
}

/// A short key back in `pack`'s two words.
pub(crate) fn unpack_short(k: ShortKey) -> (u64, u64) {
    let lo = u64::from(k[0]) | (u64::from(k[1]) << 32);
    let hi = u64::from(k[2] & 0xFF_FFFF) | (u64::from(k[2] >> 24) << 56);
    (lo, hi)
}

/// The codes of one file's records or rows, in order (`keys()[i]` is
/// record or row `i`).
#[derive(Clone, Default)]
pub struct CodeKeys {
    keys: Vec<ShortKey>,
    gathering: bool,
}

impl CodeKeys {
    /// Keys for a file expected to hold about `expected` codes: gathered
    /// from [`MIN_ITEMS`] on, else not.
    pub(crate) fn for_file(expected: usize) -> Self {
        if expected < MIN_ITEMS {
            Self::default()
        } else {
            Self {
                keys: Vec::with_capacity(expected + expected / 8),
                gathering: true,
            }
        }
    }

    /// Adds the next item's key (a no-op when not gathering).
    pub(crate) fn push(&mut self, key: ShortKey) {
        if self.gathering {
            self.keys.push(key);
        }
    }

    /// Forgets every key (to read a file again another way).
    pub(crate) fn clear(&mut self) {
        self.keys.clear();
    }

    /// Gives back the room a generous size hint left.
    pub(crate) fn shrink_roomy(&mut self) {
        if self.keys.capacity() - self.keys.len() > self.keys.len() / 8 + 64 {
            self.keys.shrink_to_fit();
        }
    }

    /// The keys of all of a file's `items` codes, if gathered.
    pub(crate) fn all_of(&self, items: usize) -> Option<&[ShortKey]> {
        (self.gathering && self.keys.len() == items).then_some(self.keys.as_slice())
    }
}

/// Keys are derived from a file's codes, a cache for matching: two files
/// with the same records are equal whether or not they carry keys (a file
/// from serde has none and has its codes packed when matched).
impl PartialEq for CodeKeys {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for CodeKeys {}

impl std::fmt::Debug for CodeKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeKeys")
            .field("gathering", &self.gathering)
            .field("len", &self.keys.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{NOT_SHORT, pack, short_key, unpack_short};
    use crate::swar::pick_many;

    /// The code's bytes in a 16-byte buffer, its length in the last byte:
    /// what `pack` computes from whole words.
    fn pack_by_bytes(code: &str) -> Option<(u64, u64)> {
        let b = code.as_bytes();
        if b.len() > 15 {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..b.len()].copy_from_slice(b);
        buf[15] = b.len() as u8;
        let v = u128::from_le_bytes(buf);
        Some((v as u64, (v >> 64) as u64))
    }

    #[test]
    fn pack_keeps_every_byte_and_the_length() {
        let alphabet: Vec<char> = "AZaz09-_ ~\u{7f}é张".chars().collect();
        let mut seed = 5u64;
        for len in 0..20 {
            for _ in 0..300 {
                let code: String = pick_many(&mut seed, &alphabet, len);
                let packed = pack(&code);
                assert_eq!(packed, pack_by_bytes(&code), "{code:?}");
                // Short keys are the same two words in 12 bytes.
                let key = short_key(&code);
                if code.len() <= 11 {
                    assert_ne!(key, NOT_SHORT);
                    assert_eq!(Some(unpack_short(key)), packed, "{code:?}");
                } else {
                    assert_eq!(key, NOT_SHORT, "{code:?}");
                }
            }
        }
        // A code and the same code with a trailing NUL differ.
        assert_ne!(pack("AB12"), pack("AB12\0"));
        assert_ne!(short_key("AB12"), short_key("AB12\0"));
    }
}
