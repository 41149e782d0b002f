//! Sizing the big lists a parse fills (records, rows) from an estimate.

/// Gives back room a list was reserved and did not use, unless that room is
/// at most an eighth of it. Giving room back moves a list of this size
/// (WebAssembly's allocator cannot shrink a block of megabytes in place), so
/// the margin a good estimate leaves is kept: room never written costs
/// address space, not memory the page touches.
pub(crate) fn shrink_if_roomy<T>(list: &mut Vec<T>) {
    if list.capacity() - list.len() > list.capacity() / 8 {
        list.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::shrink_if_roomy;

    #[test]
    fn keeps_a_small_margin_and_gives_back_a_large_one() {
        let mut list: Vec<u64> = Vec::with_capacity(1000);
        list.extend(0..900);
        shrink_if_roomy(&mut list);
        assert_eq!(list.capacity(), 1000);
        let mut list: Vec<u64> = Vec::with_capacity(1000);
        list.extend(0..800);
        shrink_if_roomy(&mut list);
        assert!(list.capacity() < 1000);
        assert_eq!(list, (0..800).collect::<Vec<u64>>());
    }
}
