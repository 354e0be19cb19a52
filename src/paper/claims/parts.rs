//! `Sums`' weighted counts and share parts, the same integers, with the machine's plain
//! multiplication when no product can overflow.
//!
//! Under the crate's overflow checks an i64 multiplication is a 128-bit library call in wasm;
//! the sweep takes these parts once per claim and reading, so the checked multiplications were a
//! large part of the worker's sweep. With every count of a place's sums below `SMALL` (every
//! real place's), a weight at most 2^16, each product stays below 2^55 and each sum of five
//! below 2^58: the plain multiplication is exact. Other sums take `Sums`' own (checked) methods.

use crate::data::model::Candidate;
use crate::reading::aggregate::{Component, Sums};
use crate::reading::state::{Base, State, WEIGHT_SCALE};

/// Counts below this in absolute value: a derived count (issued, cast, unreturned) below 2^39.
pub const SMALL: u64 = 1 << 36;
const _: () = assert!(SMALL.is_power_of_two());

/// Whether every count of the sums is below `SMALL` (then `Small` takes the parts).
#[inline(always)]
pub fn is_small(s: &Sums) -> bool {
    // `SMALL` is a power of two: every count is below it when their magnitudes' bits together
    // are (one comparison, no branch per count). Written out, not folded over an iterator chain:
    // the sweep asks this per place and reading, and the fold was a call of its own (the native
    // sweep −3%).
    let m = i64::unsigned_abs;
    let bits = m(s.registered)
        | m(s.received)
        | m(s.early)
        | m(s.inside)
        | m(s.mobile)
        | m(s.cancelled)
        | m(s.portable)
        | m(s.stationary)
        | m(s.invalid)
        | m(s.valid)
        | m(s.lost)
        | m(s.unaccounted)
        | m(s.votes[0])
        | m(s.votes[1])
        | m(s.votes[2])
        | m(s.votes[3]);
    bits < SMALL
}

#[inline(always)]
fn times(a: i64, b: i64) -> i64 {
    a.wrapping_mul(b)
}

/// `Sums::opposition_scaled`.
#[inline(always)]
pub fn opposition_scaled(sums: &Sums, s: &State) -> i64 {
    if !is_small(sums) {
        return sums.opposition_scaled(s);
    }
    opposition_small(sums, s)
}

#[inline(always)]
fn opposition_small(sums: &Sums, s: &State) -> i64 {
    times(s.invalid.scaled(), sums.invalid)
        + times(s.davankov.scaled(), sums.votes(Candidate::Davankov))
        + times(s.slutsky.scaled(), sums.votes(Candidate::Slutsky))
        + times(s.kharitonov.scaled(), sums.votes(Candidate::Kharitonov))
        + times(s.unreturned.scaled(), sums.unreturned())
}

/// `Sums::count`.
#[inline(always)]
pub fn count(sums: &Sums, c: Component, s: &State) -> i64 {
    match c {
        Component::Opposition => opposition_scaled(sums, s) / WEIGHT_SCALE,
        other => sums.count(other, s),
    }
}

/// `Sums::scaled`.
#[inline(always)]
pub fn scaled(sums: &Sums, c: Component, s: &State) -> i64 {
    if !is_small(sums) {
        return sums.scaled(c, s);
    }
    match c {
        Component::Opposition => opposition_small(sums, s),
        other => times(sums.count(other, s), WEIGHT_SCALE),
    }
}

/// `Sums::share_parts`.
#[inline(always)]
pub fn share_parts(sums: &Sums, c: Component, base: Base, s: &State) -> (i64, i64) {
    if !is_small(sums) {
        return sums.share_parts(c, base, s);
    }
    let base_scaled = times(
        match base {
            Base::Issued => sums.issued(),
            Base::Cast => sums.cast(),
            Base::Valid => sums.valid,
        },
        WEIGHT_SCALE,
    );
    let whole = match c {
        Component::Opposition => {
            let outside_unreturned = times(s.unreturned.scaled(), sums.unreturned());
            base_scaled
                + match base {
                    Base::Issued => 0,
                    Base::Cast => outside_unreturned,
                    Base::Valid => times(s.invalid.scaled(), sums.invalid) + outside_unreturned,
                }
        }
        c if c.shared_of_base() => base_scaled,
        _ => times(sums.issued(), WEIGHT_SCALE),
    };
    (scaled(sums, c, s), whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::state::Weight;

    fn components() -> Vec<Component> {
        let mut list: Vec<Component> = [
            "registered",
            "received",
            "issued",
            "early",
            "inside",
            "mobile",
            "cancelled",
            "portable",
            "stationary",
            "cast",
            "valid",
            "invalid",
            "lost",
            "unaccounted",
            "unreturned",
            "opposition",
        ]
        .iter()
        .map(|n| Component::parse(n).unwrap_or_else(|| panic!("{n} is a component")))
        .collect();
        list.extend(Candidate::ALL.iter().map(|&c| Component::Candidate(c)));
        list
    }

    /// Every component and base, at weights from 0 to 1, on sums whose counts lie on both sides
    /// of `SMALL` (the largest ones taking `Sums`' own methods), against `Sums`' methods.
    #[test]
    fn the_same_integers_as_sums() {
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let edge = SMALL as i64;
        let picks = [
            0,
            1,
            7,
            1 << 20,
            edge - 1,
            edge,
            edge + 1,
            -(edge - 1),
            -edge,
        ];
        let weights = [0, 1, 2_500, 3_333, 9_999, 10_000].map(|u| Weight::from_scaled(u).unwrap());
        let mut small_seen = [false; 2];
        for round in 0..4000 {
            // Mostly counts of a real place's size; now and then one at the edge.
            let mut draw = || {
                let r = next();
                if r % 11 == 0 {
                    picks[(r >> 8) as usize % picks.len()]
                } else {
                    ((r >> 20) % (1 << (8 + round % 28))) as i64
                }
            };
            let sums = Sums {
                pecs: 1,
                registered: draw(),
                received: draw(),
                early: draw(),
                inside: draw(),
                mobile: draw(),
                cancelled: draw(),
                portable: draw(),
                stationary: draw(),
                invalid: draw(),
                valid: draw(),
                lost: draw(),
                unaccounted: draw(),
                votes: [draw(), draw(), draw(), draw()],
            };
            small_seen[usize::from(is_small(&sums))] = true;
            let mut s = State::paper();
            let mut w = || weights[(next() >> 30) as usize % weights.len()];
            (s.invalid, s.davankov, s.slutsky, s.kharitonov, s.unreturned) =
                (w(), w(), w(), w(), w());
            assert_eq!(opposition_scaled(&sums, &s), sums.opposition_scaled(&s));
            for c in components() {
                assert_eq!(count(&sums, c, &s), sums.count(c, &s), "{c:?}");
                assert_eq!(scaled(&sums, c, &s), sums.scaled(c, &s), "{c:?}");
                for base in Base::ALL {
                    assert_eq!(
                        share_parts(&sums, c, *base, &s),
                        sums.share_parts(c, *base, &s),
                        "{c:?} over {base:?} of {sums:?}"
                    );
                }
            }
        }
        assert_eq!(small_seen, [true, true], "both paths taken");
    }

    /// At the bound itself: the largest small counts, every weight 1, against `Sums` (whose
    /// checked multiplication would panic on an overflow).
    #[test]
    fn the_largest_small_counts() {
        let top = SMALL as i64 - 1;
        let sums = Sums {
            pecs: 1,
            registered: top,
            received: top,
            early: top,
            inside: top,
            mobile: top,
            cancelled: top,
            portable: -top,
            stationary: -top,
            invalid: top,
            valid: top,
            lost: top,
            unaccounted: top,
            votes: [top; 4],
        };
        assert!(is_small(&sums));
        let mut s = State::paper();
        (s.invalid, s.davankov, s.slutsky, s.kharitonov, s.unreturned) = (
            Weight::ONE,
            Weight::ONE,
            Weight::ONE,
            Weight::ONE,
            Weight::ONE,
        );
        for c in components() {
            for base in Base::ALL {
                assert_eq!(
                    share_parts(&sums, c, *base, &s),
                    sums.share_parts(c, *base, &s)
                );
            }
        }
    }
}
