//! One stable sort for the whole crate. Each `slice::sort_by` call on its own element type and
//! closure is its own copy of the standard library's sort, about 9 KB of wasm each; these sort
//! positions with a single comparator type (`&mut dyn FnMut`), so a module carries the sort's
//! code once, whatever it sorts (issue 15: the page's module had a dozen copies). Equal items
//! keep their order, as with `sort_by`.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, stably.
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts `items` by a key, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one instance of the standard library's stable sort.
#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts the item at `order[i]` at `i`, in place: the item an earlier step moved away from
/// `order[i]` is found by following `order` from there (each step swapped the item at its
/// position `k` with the one it wanted, which therefore moved to `order[k]`'s place).
fn permute<T>(items: &mut [T], order: &[usize]) {
    for i in 0..items.len() {
        let mut from = order[i];
        while from < i {
            from = order[from];
        }
        items.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the standard library's stable sort, on lists of every length up to 40 with many
    /// equal keys (the second field tells equal items apart, so stability is checked too).
    #[test]
    fn sorts_as_the_standard_library_does() {
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d_u64);
        for len in 0..=40 {
            for round in 0..50 {
                let spread = 1 + round % 7;
                let items: Vec<(u64, usize)> = (0..len).map(|i| (next() % spread, i)).collect();
                let mut expected = items.clone();
                expected.sort_by_key(|a| a.0);
                let mut got = items.clone();
                sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                assert_eq!(got, expected, "{items:?}");
                let mut by_key = items.clone();
                sort_by_key(&mut by_key, |x| std::cmp::Reverse(x.0));
                expected.sort_by_key(|b| std::cmp::Reverse(b.0));
                assert_eq!(by_key, expected, "{items:?}");
            }
        }
    }
}
