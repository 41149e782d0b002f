//! Gives every code an id, in order of first appearance, for 1M+ codes.
//!
//! A hash map over all codes at once is a cache miss per probe (tens of MB
//! of table). Instead the codes are radix-partitioned by hash, as they are
//! read, into groups of a few thousand (each group written sequentially),
//! each group is de-duplicated with a small table that stays in the CPU
//! cache, and a last sequential pass turns "first occurrence" links into
//! ids. Codes of up to 11 bytes (the platform's codes have 11) travel in 16
//! bytes with their index, codes of 12 to 15 bytes in 24; longer ones (no
//! real platform code is) use an ordinary map.

use rustc_hash::FxHashMap;

/// One code in a partition: its packed text and the index of its item.
trait Entry: Copy {
    fn key(&self) -> (u64, u64);
    fn item(&self) -> u32;
}

/// A code of up to 11 bytes: `pack`'s `hi` uses only bits 0..24 (bytes
/// 8..11) and 56..64 (the length) then, so the item goes in between. At
/// 16 bytes instead of 24, a third less is written and read again.
#[derive(Clone, Copy)]
struct Short {
    lo: u64,
    hi_item: u64,
}

const ITEM_SHIFT: u32 = 24;
const ITEM_BITS: u64 = 0xFFFF_FFFF << ITEM_SHIFT;

impl Entry for Short {
    fn key(&self) -> (u64, u64) {
        (self.lo, self.hi_item & !ITEM_BITS)
    }

    fn item(&self) -> u32 {
        ((self.hi_item & ITEM_BITS) >> ITEM_SHIFT) as u32
    }
}

/// A code of 12 to 15 bytes with its item.
#[derive(Clone, Copy)]
struct Wide {
    lo: u64,
    hi: u64,
    item: u32,
}

impl Entry for Wide {
    fn key(&self) -> (u64, u64) {
        (self.lo, self.hi)
    }

    fn item(&self) -> u32 {
        self.item
    }
}

fn pack(code: &str) -> Option<(u64, u64)> {
    let b = code.as_bytes();
    let n = b.len();
    // Little-endian words of the code's bytes, read as whole (overlapping)
    // words rather than copied byte by byte into a buffer (a call to memcpy
    // for each of millions of records and rows).
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

/// Two 64-bit multiplies, folded: every input bit reaches the high bits
/// (partition) and, by the fold, the low bits (slot within a partition).
/// No 128-bit product: WebAssembly has none, and its library call would run
/// twice for each of millions of codes.
fn hash(lo: u64, hi: u64) -> u64 {
    let h = lo.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ hi.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^ (h >> 32)
}

const NONE: u32 = u32::MAX;

/// Codes per partition aimed at: a partition and its table stay in the CPU
/// cache while it is de-duplicated.
const PART_SIZE: usize = 2048;

/// `ids[i]` is the id of the `i`th of the `n` codes; ids count up from 0 in
/// order of first appearance, so `ids[i] == distinct codes before i` exactly
/// when code `i` is new.
///
/// One pass over the codes: each is packed and pushed straight into its
/// partition (no list of the codes, no counting pass, no zeroed scatter
/// buffer: each was a pass over tens of MB at 1M codes).
pub(crate) fn assign_ids<'a>(n: usize, codes: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
    let bits = {
        let mut b = 0u32;
        while (n >> b) > PART_SIZE && b < 16 {
            b += 1;
        }
        b
    };
    let parts = 1usize << bits;
    let part_of = |h: u64| {
        if bits == 0 {
            0
        } else {
            (h >> (64 - bits)) as usize
        }
    };
    // Room for the expected share and some more (a partition's size varies
    // by about its square root); a fuller one grows. Wide codes are rare:
    // their partitions get room when the first one comes.
    let room = n / parts + (n / parts) / 8 + 16;
    let mut short: Vec<Vec<Short>> = (0..parts).map(|_| Vec::with_capacity(room)).collect();
    let mut wide: Vec<Vec<Wide>> = (0..parts).map(|_| Vec::new()).collect();
    // first[i]: index of the first item with the same code.
    let mut first: Vec<u32> = vec![NONE; n];
    let mut long: FxHashMap<&str, u32> = FxHashMap::default();
    for (i, code) in codes.into_iter().enumerate().take(n) {
        let item = i as u32;
        match pack(code) {
            Some((lo, hi)) if code.len() <= 11 => {
                if let Some(group) = short.get_mut(part_of(hash(lo, hi))) {
                    group.push(Short {
                        lo,
                        hi_item: hi | (u64::from(item) << ITEM_SHIFT),
                    });
                }
            }
            Some((lo, hi)) => {
                if let Some(group) = wide.get_mut(part_of(hash(lo, hi))) {
                    if group.capacity() == 0 {
                        group.reserve(room);
                    }
                    group.push(Wide { lo, hi, item });
                }
            }
            None => {
                let f = *long.entry(code).or_insert(item);
                if let Some(slot) = first.get_mut(i) {
                    *slot = f;
                }
            }
        }
    }
    let mut table: Vec<u32> = Vec::new();
    link_repeats(&short, &mut table, &mut first);
    drop(short);
    link_repeats(&wide, &mut table, &mut first);
    drop(wide);

    // First occurrences get the next id; repeats copy it (first[i] <= i, so
    // the id there is already final).
    let mut next = 0u32;
    for i in 0..n {
        let f = first.get(i).copied().unwrap_or(NONE) as usize;
        let id = if f == i || f >= n {
            next += 1;
            next - 1
        } else {
            first.get(f).copied().unwrap_or(0)
        };
        if let Some(slot) = first.get_mut(i) {
            *slot = id;
        }
    }
    first
}

/// De-duplicates each partition with a small table of indices into it:
/// `first[item]` becomes the item of the code's first entry.
fn link_repeats<E: Entry>(groups: &[Vec<E>], table: &mut Vec<u32>, first: &mut [u32]) {
    for group in groups {
        let size = (group.len() * 2).next_power_of_two().max(8);
        table.clear();
        table.resize(size, NONE);
        let mask = size - 1;
        for (k, e) in group.iter().enumerate() {
            let key = e.key();
            let mut s = (hash(key.0, key.1) as usize) & mask;
            while let Some(slot) = table.get_mut(s) {
                if *slot == NONE {
                    *slot = k as u32;
                    if let Some(f) = first.get_mut(e.item() as usize) {
                        *f = e.item();
                    }
                    break;
                }
                let Some(other) = group.get(*slot as usize) else {
                    break;
                };
                if other.key() == key {
                    if let Some(f) = first.get_mut(e.item() as usize) {
                        *f = other.item();
                    }
                    break;
                }
                s = (s + 1) & mask;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, ITEM_SHIFT, Short, assign_ids, pack};
    use crate::swar::{pick, pick_many};

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
                assert_eq!(pack(&code), pack_by_bytes(&code), "{code:?}");
            }
        }
        // A code and the same code with a trailing NUL differ.
        assert_ne!(pack("AB12"), pack("AB12\0"));
    }

    /// An 11-byte code (its last bytes high ones) and the largest items
    /// share a short entry without touching each other.
    #[test]
    fn short_entry_keeps_code_and_item_apart() {
        for code in [
            "ABCDEFGH张",
            "\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}",
            "2X2QFKTZD2K",
            "A",
        ] {
            let (lo, hi) = pack(code).unwrap();
            for item in [0, 1, 0x8000_0000, u32::MAX - 1, u32::MAX] {
                let e = Short {
                    lo,
                    hi_item: hi | (u64::from(item) << ITEM_SHIFT),
                };
                assert_eq!(e.key(), (lo, hi), "{code:?} {item}");
                assert_eq!(e.item(), item, "{code:?}");
            }
        }
    }

    /// Ids count up in order of first appearance, whatever the lengths
    /// (short and wide codes packed, long ones by map) and however many partitions.
    #[test]
    fn ids_follow_first_appearance() {
        let mut seed = 9u64;
        for n in [0usize, 1, 7, 3000, 20_000] {
            let codes: Vec<String> = (0..n)
                .map(|_| {
                    let k = pick(&mut seed, n.max(1) / 2 + 1);
                    if k.is_multiple_of(5) {
                        format!("LONG-CODE-{k:012}")
                    } else if k % 5 == 1 {
                        // 12 to 15 bytes: the wide entries.
                        format!("W{k:0w$}", w = 11 + k % 4)
                    } else if k % 5 == 2 {
                        // 11 bytes, the platform's length: the last short one.
                        format!("S{k:010}")
                    } else {
                        format!("C{k}")
                    }
                })
                .collect();
            let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
            let mut seen = std::collections::HashMap::new();
            let want: Vec<u32> = refs
                .iter()
                .map(|c| {
                    let next = seen.len() as u32;
                    *seen.entry(*c).or_insert(next)
                })
                .collect();
            assert_eq!(
                assign_ids(refs.len(), refs.iter().copied()),
                want,
                "{n} codes"
            );
        }
    }
}
