//! Gives every code an id, in order of first appearance, for 1M+ codes.
//!
//! A hash map over all codes at once is a cache miss per probe (tens of MB
//! of table). Instead the codes are radix-partitioned by hash, as they are
//! read (packed while their files were parsed,
//! [`CodeKeys`](crate::code_keys::CodeKeys), or packed here
//! from the text), into groups of a few thousand (each written sequentially),
//! each group is de-duplicated with a small table that stays in the CPU
//! cache, and a last sequential pass turns "first occurrence" links into
//! ids. Codes of up to 11 bytes (the platform's codes have 11) travel in 16
//! bytes with their index, codes of 12 to 15 bytes in 24; longer ones (no
//! real platform code is) use an ordinary map.

use crate::code_keys::{NOT_SHORT, ShortKey, pack, unpack_short};
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

/// The codes of one file, in load order.
pub(crate) struct IdSource<'a> {
    /// Their keys, when gathered while the file was parsed.
    pub keys: Option<&'a [ShortKey]>,
    pub len: usize,
    /// The code of item `i`: every code without a key, or not short.
    pub code_of: Box<dyn Fn(usize) -> &'a str + 'a>,
}

/// Codes pushed into their partitions.
struct Partitions<'a> {
    bits: u32,
    short: Vec<Vec<Short>>,
    wide: Vec<Vec<Wide>>,
    room: usize,
    long: FxHashMap<&'a str, u32>,
}

impl<'a> Partitions<'a> {
    fn part_of(&self, h: u64) -> usize {
        if self.bits == 0 {
            0
        } else {
            (h >> (64 - self.bits)) as usize
        }
    }

    fn push_short(&mut self, lo: u64, hi: u64, item: u32) {
        let part = self.part_of(hash(lo, hi));
        if let Some(group) = self.short.get_mut(part) {
            group.push(Short {
                lo,
                hi_item: hi | (u64::from(item) << ITEM_SHIFT),
            });
        }
    }

    /// A code from its text: short, wide, or (longer than 15 bytes) by map.
    fn push_text(&mut self, code: &'a str, item: u32, first: &mut [u32]) {
        match pack(code) {
            Some((lo, hi)) if code.len() <= 11 => self.push_short(lo, hi, item),
            Some((lo, hi)) => {
                let part = self.part_of(hash(lo, hi));
                let room = self.room;
                if let Some(group) = self.wide.get_mut(part) {
                    if group.capacity() == 0 {
                        group.reserve(room);
                    }
                    group.push(Wide { lo, hi, item });
                }
            }
            None => {
                let f = *self.long.entry(code).or_insert(item);
                if let Some(slot) = first.get_mut(item as usize) {
                    *slot = f;
                }
            }
        }
    }
}

/// The ids of the codes of some sources taken in order.
pub(crate) struct CodeIds {
    /// `of_item[i]` is the id of the `i`th code; ids count up from 0 in
    /// order of first appearance, so `of_item[i] == distinct codes before
    /// i` exactly when code `i` is new.
    pub of_item: Vec<u32>,
    /// How many distinct codes there are (the next id).
    pub distinct: usize,
}

/// Gives every code of `sources` its id ([`CodeIds`]).
///
/// One pass over the codes: each is pushed straight into its partition (no
/// list of the codes, no counting pass, no zeroed scatter buffer: each was a
/// pass over tens of MB at 1M codes).
pub(crate) fn assign_ids(sources: &[IdSource<'_>]) -> CodeIds {
    let n: usize = sources.iter().map(|s| s.len).sum();
    let bits = {
        let mut b = 0u32;
        while (n >> b) > PART_SIZE && b < 16 {
            b += 1;
        }
        b
    };
    let parts = 1usize << bits;
    // Room for the expected share and some more (a partition's size varies
    // by about its square root); a fuller one grows. Wide codes are rare:
    // their partitions get room when the first one comes.
    let room = n / parts + (n / parts) / 8 + 16;
    let mut p = Partitions {
        bits,
        short: (0..parts).map(|_| Vec::with_capacity(room)).collect(),
        wide: (0..parts).map(|_| Vec::new()).collect(),
        room,
        long: FxHashMap::default(),
    };
    // first[i]: index of the first item with the same code, NONE for that
    // first item itself.
    let mut first: Vec<u32> = vec![NONE; n];
    let mut item = 0u32;
    for s in sources {
        match s.keys {
            Some(keys) => {
                for (i, &k) in keys.iter().enumerate() {
                    if k == NOT_SHORT {
                        p.push_text((s.code_of)(i), item, &mut first);
                    } else {
                        let (lo, hi) = unpack_short(k);
                        p.push_short(lo, hi, item);
                    }
                    item = item.wrapping_add(1);
                }
            }
            None => {
                for i in 0..s.len {
                    p.push_text((s.code_of)(i), item, &mut first);
                    item = item.wrapping_add(1);
                }
            }
        }
    }
    let Partitions { short, wide, .. } = p;
    let mut table: Vec<u32> = Vec::new();
    link_repeats(&short, &mut table, &mut first);
    drop(short);
    link_repeats(&wide, &mut table, &mut first);
    drop(wide);

    // First occurrences (NONE, or their own item for long codes) get the
    // next id; repeats copy it (first[i] < i, so the id there is final).
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
    CodeIds {
        of_item: first,
        distinct: next as usize,
    }
}

/// De-duplicates each partition with a small table of indices into it:
/// for a repeated code, `first[item]` becomes the item of its first entry.
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
                    // A first occurrence: `first` stays NONE (one random
                    // write fewer per distinct code).
                    *slot = k as u32;
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
    use super::{Entry, ITEM_SHIFT, IdSource, Short, assign_ids};
    use crate::code_keys::{pack, short_key};
    use crate::swar::pick;

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
        for n in [0usize, 1, 7, 3000, 20_000, 70_000] {
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
            // One file; three; three of which the first and last were
            // parsed with keys.
            for (files, gathered) in [(1usize, &[][..]), (3, &[][..]), (3, &[0usize, 2][..])] {
                let chunks: Vec<&[&str]> = refs.chunks(n.div_ceil(files).max(1)).collect();
                let keys: Vec<Vec<_>> = chunks
                    .iter()
                    .map(|c| c.iter().map(|code| short_key(code)).collect())
                    .collect();
                let sources: Vec<IdSource<'_>> = chunks
                    .iter()
                    .zip(&keys)
                    .enumerate()
                    .map(|(k, (c, keys))| IdSource {
                        keys: gathered.contains(&k).then_some(keys.as_slice()),
                        len: c.len(),
                        code_of: Box::new(move |i| c.get(i).copied().unwrap_or("")),
                    })
                    .collect();
                let ids = assign_ids(&sources);
                assert_eq!(ids.distinct, seen.len(), "{n} codes in {files} files");
                assert_eq!(
                    ids.of_item, want,
                    "{n} codes in {files} files, keys gathered for {gathered:?}"
                );
            }
        }
    }
}
