//! Gives every code an id, in order of first appearance, for 1M+ codes.
//!
//! A hash map over all codes at once is a cache miss per probe (tens of MB
//! of table). Instead the codes are radix-partitioned by hash into groups of
//! a few thousand (sequential writes), each group is de-duplicated with a
//! small table that stays in the CPU cache, and a last sequential pass turns
//! "first occurrence" links into ids. Codes longer than 15 bytes (no real
//! platform code is) use an ordinary map.

use rustc_hash::FxHashMap;

/// A code packed into 16 bytes (text + length), with its item index.
#[derive(Clone, Copy, Default)]
struct Packed {
    lo: u64,
    hi: u64,
    item: u32,
}

fn pack(code: &str) -> Option<(u64, u64)> {
    let b = code.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf.get_mut(..b.len())?.copy_from_slice(b);
    if let Some(last) = buf.last_mut() {
        *last = b.len() as u8;
    }
    let v = u128::from_le_bytes(buf);
    Some((v as u64, (v >> 64) as u64))
}

/// Folded multiply: every input bit reaches both the high bits (partition)
/// and the low bits (slot within a partition).
fn hash(lo: u64, hi: u64) -> u64 {
    let r = u128::from(lo ^ 0x243F_6A88_85A3_08D3) * u128::from(hi ^ 0x1319_8A2E_0370_7344);
    (r as u64) ^ ((r >> 64) as u64)
}

const NONE: u32 = u32::MAX;

/// `ids[i]` is the id of `codes[i]`; ids count up from 0 in order of first
/// appearance, so `ids[i] == distinct codes before i` exactly when `codes[i]`
/// is new.
pub(crate) fn assign_ids(codes: &[&str]) -> Vec<u32> {
    let n = codes.len();
    let bits = {
        let mut b = 0u32;
        while (n >> b) > 2048 && b < 16 {
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

    // first[i]: index of the first item with the same code.
    let mut first: Vec<u32> = vec![NONE; n];
    let mut long: FxHashMap<&str, u32> = FxHashMap::default();
    let mut hashes: Vec<u64> = Vec::with_capacity(n);
    let mut counts = vec![0u32; parts + 1];
    for (i, code) in codes.iter().enumerate() {
        match pack(code) {
            Some((lo, hi)) => {
                let h = hash(lo, hi);
                hashes.push(h);
                if let Some(c) = counts.get_mut(part_of(h) + 1) {
                    *c += 1;
                }
            }
            None => {
                hashes.push(0);
                let f = *long.entry(code).or_insert(i as u32);
                if let Some(slot) = first.get_mut(i) {
                    *slot = f;
                }
            }
        }
    }
    for p in 1..counts.len() {
        let prev = counts.get(p - 1).copied().unwrap_or(0);
        if let Some(c) = counts.get_mut(p) {
            *c += prev;
        }
    }
    // Scatter into partitions, keeping item order within each.
    let mut cursor = counts.clone();
    let short_items = counts.last().copied().unwrap_or(0) as usize;
    let mut grouped = vec![Packed::default(); short_items];
    for (i, code) in codes.iter().enumerate() {
        let Some((lo, hi)) = pack(code) else { continue };
        let h = hashes.get(i).copied().unwrap_or(0);
        if let Some(pos) = cursor.get_mut(part_of(h)) {
            if let Some(slot) = grouped.get_mut(*pos as usize) {
                *slot = Packed {
                    lo,
                    hi,
                    item: i as u32,
                };
            }
            *pos += 1;
        }
    }
    drop(hashes);

    // De-duplicate each partition with a small table of indices into it.
    let mut table: Vec<u32> = Vec::new();
    for p in 0..parts {
        let start = counts.get(p).copied().unwrap_or(0) as usize;
        let end = counts.get(p + 1).copied().unwrap_or(0) as usize;
        let Some(group) = grouped.get(start..end) else {
            continue;
        };
        let size = (group.len() * 2).next_power_of_two().max(8);
        table.clear();
        table.resize(size, NONE);
        let mask = size - 1;
        for (k, e) in group.iter().enumerate() {
            let mut s = (hash(e.lo, e.hi) as usize) & mask;
            while let Some(slot) = table.get_mut(s) {
                if *slot == NONE {
                    *slot = k as u32;
                    if let Some(f) = first.get_mut(e.item as usize) {
                        *f = e.item;
                    }
                    break;
                }
                let Some(other) = group.get(*slot as usize) else {
                    break;
                };
                if other.lo == e.lo && other.hi == e.hi {
                    if let Some(f) = first.get_mut(e.item as usize) {
                        *f = other.item;
                    }
                    break;
                }
                s = (s + 1) & mask;
            }
        }
    }
    drop(grouped);

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
