//! Places ordered by a share in the sweep, exactly, mostly without 128-bit arithmetic.
//!
//! `claims::sort_by_share` compares two shares `a/b` and `x/y` by the cross products `a·y` and
//! `x·b` in i128. In wasm a 128-bit multiplication is a library call (two with the crate's
//! overflow checks), which made the rank claims' sorting a fifth of the worker's sweep. Here
//! each share is also taken once as a float; two floats far enough apart decide the order (the
//! bound below is sound), and only near-ties fall back to the exact cross products.

use std::cmp::Ordering;

/// A place's share, `part / whole`, with its float value (0 when `whole` is not positive: then
/// the exact comparison decides, as the float says nothing about the cross products).
#[derive(Clone, Copy, Debug)]
pub(super) struct Share {
    pub(super) part: i64,
    pub(super) whole: i64,
    value: f64,
}

impl Share {
    #[inline(always)]
    pub(super) fn new(part: i64, whole: i64) -> Share {
        let value = if whole > 0 {
            part as f64 / whole as f64
        } else {
            0.0
        };
        Share { part, whole, value }
    }
}

/// A float relative gap above which two shares' floats order them as their exact values do.
///
/// With `u = 2^-53`, each of `part`, `whole` and their quotient is rounded once, so a share's
/// float is its exact value times `(1 + e)`, `|e| < 4u`, and off it by less than `5u` of the
/// float. The floats' difference is then off the exact one by less than `10u · m` (`m`: the
/// larger float in magnitude), and its own rounding adds a factor `1 + u`. A computed difference
/// above `32u · m` therefore has the exact difference's sign. Shares are at most 2^63 in
/// magnitude and at least 2^-63 when not zero, so no float overflows or becomes subnormal.
const GAP: f64 = 1.0 / (1u64 << 48) as f64;

/// `b.part · a.whole` against `a.part · b.whole` (so the higher share first when the wholes are
/// positive), exactly: the order `claims::sort_by_share` sorts by.
#[inline(always)]
pub(super) fn cmp_desc(a: &Share, b: &Share) -> Ordering {
    if a.whole > 0 && b.whole > 0 {
        let d = b.value - a.value;
        if d.abs() > GAP * a.value.abs().max(b.value.abs()) {
            return if d > 0.0 {
                Ordering::Greater
            } else {
                Ordering::Less
            };
        }
    }
    exact_desc(a, b)
}

/// The cross products in i128: a product of two i64 cannot overflow it, so the multiplication
/// is the plain (wrapping) one, without the overflow check's second library call.
#[inline(never)]
fn exact_desc(a: &Share, b: &Share) -> Ordering {
    let left = i128::from(b.part).wrapping_mul(i128::from(a.whole));
    let right = i128::from(a.part).wrapping_mul(i128::from(b.whole));
    left.cmp(&right)
}

/// Each item's rank among the distinct values of `ids` (equal ids share a rank): comparing ranks
/// orders as comparing the ids.
pub(super) fn ranks<T: Ord>(ids: &[T]) -> Vec<u32> {
    let mut sorted: Vec<&T> = ids.iter().collect();
    crate::text::order::sort_by(&mut sorted, |a, b| a.cmp(b));
    sorted.dedup();
    ids.iter()
        .map(|id| sorted.partition_point(|x| *x < id) as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order as `claims::sort_by_share`'s comparator takes it.
    fn reference(a: (i64, i64), b: (i64, i64)) -> Ordering {
        (i128::from(b.0) * i128::from(a.1)).cmp(&(i128::from(a.0) * i128::from(b.1)))
    }

    fn check(a: (i64, i64), b: (i64, i64)) {
        let (x, y) = (Share::new(a.0, a.1), Share::new(b.0, b.1));
        assert_eq!(cmp_desc(&x, &y), reference(a, b), "{a:?} against {b:?}");
        assert_eq!(cmp_desc(&y, &x), reference(b, a), "{b:?} against {a:?}");
    }

    /// Ties and near-ties with large counts, where the floats are equal or one unit apart and
    /// only the exact products can tell.
    #[test]
    fn near_ties_take_the_exact_order() {
        let big = (1i64 << 62) - 1;
        let cases = [
            ((1, 3), (2, 6)),
            ((1, 3), (1, 3)),
            ((0, 5), (0, 7)),
            ((0, 5), (1, 1 << 62)),
            ((-1, 5), (0, 7)),
            ((big, big - 1), (big - 1, big - 2)),
            ((big - 1, big), (big - 2, big - 1)),
            ((1 << 53, (1 << 53) + 1), ((1 << 53) - 1, 1 << 53)),
            (((1 << 53) + 1, 1 << 53), (1 << 53, (1 << 53) - 1)),
            ((i64::MAX, i64::MAX), (i64::MAX - 1, i64::MAX - 1)),
            ((i64::MAX, 1), (i64::MAX - 1, 1)),
            ((i64::MIN, 1), (i64::MIN + 1, 1)),
            ((i64::MIN, i64::MAX), (i64::MIN + 1, i64::MAX)),
            ((3, 0), (5, 0)),
            ((3, -2), (5, 7)),
            ((-3, -2), (5, -7)),
            ((3, -2), (-3, 2)),
        ];
        for (a, b) in cases {
            check(a, b);
        }
    }

    /// Shares one exact unit apart around every scale of count, in both orders: the float path
    /// must never decide against the exact one.
    #[test]
    fn fractions_a_step_apart_at_every_scale() {
        for shift in 0..62 {
            let w: i64 = 1 << shift;
            for (p, q) in [(w - 1, w), (w, w + 1), (w / 3 + 1, w), (2 * (w / 3) + 1, w)] {
                let q = q.max(1);
                for (dp, dq) in [(0, 0), (1, 0), (0, 1), (-1, 0), (1, 1), (-1, -1)] {
                    let b = (p + dp, (q + dq).max(1));
                    check((p, q), b);
                    // The same share scaled by a small factor: an exact tie of unequal parts.
                    if let (Some(p2), Some(q2)) = (p.checked_mul(3), q.checked_mul(3)) {
                        check((p, q), (p2, q2));
                        check(b, (p2 + dp, q2));
                    }
                }
            }
        }
    }

    /// Pseudo-random shares of the sizes the sweep meets (weighted counts up to 2^40), with many
    /// equal values.
    #[test]
    fn random_shares_as_the_reference() {
        let mut next = crate::text::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        for round in 0..200_000 {
            let bits = 1 + round % 62;
            let mut draw = || (next() >> (64 - bits)) as i64;
            let whole = draw().max(1);
            let part = draw() % (whole + 1);
            let other_whole = if round % 3 == 0 { whole } else { draw().max(1) };
            let other_part = if round % 5 == 0 {
                part
            } else {
                draw() % (other_whole + 1)
            };
            check((part, whole), (other_part, other_whole));
        }
    }

    #[test]
    fn ranks_order_as_the_ids() {
        let ids = ["b", "a", "c", "a", "bb"];
        let r = ranks(&ids);
        assert_eq!(r, vec![1, 0, 3, 0, 2]);
        for i in 0..ids.len() {
            for j in 0..ids.len() {
                assert_eq!(r[i].cmp(&r[j]), ids[i].cmp(ids[j]));
            }
        }
    }
}
