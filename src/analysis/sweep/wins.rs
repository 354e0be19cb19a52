//! Win flags of every PEC and country under every weight vector of the grid, per win rule (and
//! disputed variant for countries), as bitsets in one table.
//!
//! Each vector is taken by a function of its own (a browser optimizes a wasm function only
//! between calls), which builds its flags 64 places at a time without a branch per flag. Places
//! with small counts (every real place) take `WinCounts`, their counts read once; others
//! `rule_wins`, the exact way.

use super::grid::{Digits, Grid};
use crate::data::model::Candidate;
use crate::paper::claims::parts::is_small;
use crate::reading::aggregate::Sums;
use crate::reading::keys::{KEY_COUNT, KEYS};
use crate::reading::state::{Base, State, WEIGHT_SCALE, WinRule};

/// A place's counts the win rules read, taken once: the invalid ballots, the three other
/// candidates' votes and the unreturned ballots (the opposition's parts, in the weights' order),
/// Putin's votes and the three bases, both in units of 1/WEIGHT_SCALE. Only for small counts.
#[derive(Clone, Copy, Default)]
pub(super) struct WinCounts {
    parts: [i64; 5],
    putin_scaled: i64,
    bases_scaled: [i64; 3],
}

impl WinCounts {
    pub(super) fn of(sums: &Sums) -> Option<WinCounts> {
        let small = is_small(sums);
        small.then(|| WinCounts {
            parts: [
                sums.invalid,
                sums.votes(Candidate::Davankov),
                sums.votes(Candidate::Slutsky),
                sums.votes(Candidate::Kharitonov),
                sums.unreturned(),
            ],
            putin_scaled: sums.votes(Candidate::Putin) * WEIGHT_SCALE,
            bases_scaled: [sums.issued(), sums.cast(), sums.valid].map(|b| b * WEIGHT_SCALE),
        })
    }
}

/// Every PEC's and country's sums, and their counts for the win rules: one row per place, all
/// zeros (which win nothing) for a place without sums or with counts too large for `WinCounts`;
/// the latter listed apart, for `rule_wins`.
pub(super) struct WinPlaces {
    pub(super) pec_sums: Vec<Sums>,
    /// Per disputed variant: each country's sums (None if it has no PEC then).
    pub(super) country_sums: [Vec<Option<Sums>>; 2],
    pec_rows: Vec<WinCounts>,
    pec_large: Vec<usize>,
    country_rows: [Vec<WinCounts>; 2],
    country_large: [Vec<usize>; 2],
}

/// Each place's row (`WinPlaces`) and the places with large counts.
fn rows<'a>(sums: impl Iterator<Item = Option<&'a Sums>>) -> (Vec<WinCounts>, Vec<usize>) {
    let mut rows = Vec::new();
    let mut large = Vec::new();
    for (i, sums) in sums.enumerate() {
        let counts = sums.map(WinCounts::of);
        if counts.is_some_and(|c| c.is_none()) {
            large.push(i);
        }
        rows.push(counts.flatten().unwrap_or_default());
    }
    (rows, large)
}

impl WinPlaces {
    pub(super) fn new(pec_sums: Vec<Sums>, country_sums: [Vec<Option<Sums>>; 2]) -> WinPlaces {
        let (pec_rows, pec_large) = rows(pec_sums.iter().map(Some));
        let [c0, c1] = country_sums
            .each_ref()
            .map(|list| rows(list.iter().map(Option::as_ref)));
        WinPlaces {
            pec_rows,
            pec_large,
            country_rows: [c0.0, c1.0],
            country_large: [c0.1, c1.1],
            pec_sums,
            country_sums,
        }
    }
}

/// The win rules (`rule_index`): plurality, then majority over each base.
pub(super) const RULES: usize = 4;

/// Whether the opposition wins a place under each rule at these weights (`rule_index`'s order):
/// `Sums::win_margin`'s sums, the weighted opposition taken once for the four rules. With small
/// counts (`parts::is_small`: every count below 2^36, as every real place's; a weight is at most
/// 10 000 < 2^14, a derived count below 2^39, so each product is below 2^53 and each margin below
/// 2^57) the products cannot overflow, so they are taken
/// with the machine's plain multiplication: under the crate's overflow checks a multiplication
/// costs a 128-bit library call in wasm, which made these sums most of the worker's sweep.
#[inline(always)]
pub(super) fn rule_wins(sums: &Sums, weights: &State) -> [bool; RULES] {
    if !is_small(sums) {
        return [0, 1, 2, 3].map(|r| {
            let mut s = *weights;
            s.win = if r == 0 {
                WinRule::Plurality
            } else {
                WinRule::Majority
            };
            s.base = Base::ALL[r.max(1) - 1];
            sums.opposition_wins(&s)
        });
    }
    let times = |w: i64, x: i64| w.wrapping_mul(x);
    let unreturned = sums.unreturned();
    let opposition = times(weights.invalid.scaled(), sums.invalid)
        + times(weights.davankov.scaled(), sums.votes(Candidate::Davankov))
        + times(weights.slutsky.scaled(), sums.votes(Candidate::Slutsky))
        + times(
            weights.kharitonov.scaled(),
            sums.votes(Candidate::Kharitonov),
        )
        + times(weights.unreturned.scaled(), unreturned);
    // `Sums::opposition_base_scaled`: the base plus the counted ballots outside it.
    let outside_unreturned = times(weights.unreturned.scaled(), unreturned);
    let outside = [
        0,
        outside_unreturned,
        times(weights.invalid.scaled(), sums.invalid) + outside_unreturned,
    ];
    let bases = [sums.issued(), sums.cast(), sums.valid];
    let mut out = [opposition - times(sums.votes(Candidate::Putin), WEIGHT_SCALE) > 0; RULES];
    for b in 0..3 {
        out[1 + b] = times(2, opposition) - (times(bases[b], WEIGHT_SCALE) + outside[b]) > 0;
    }
    out
}

/// Win flags per weight vector of the grid (numbered over the weight keys, last fastest), all
/// of them when a claim needs them, else the first one only.
pub(super) struct WinsTable {
    /// Each weight key's stride in that numbering (0 for the other keys, or with one vector).
    strides: Digits,
    /// Words of one vector's flags: `RULES` bitsets over PECs, then `RULES` × 2 over countries.
    block: usize,
    pec_words: usize,
    country_words: usize,
    words: Vec<u64>,
}

/// One weight vector's flags.
#[derive(Clone, Copy)]
pub(super) struct Wins<'a> {
    words: &'a [u64],
    pec_words: usize,
    country_words: usize,
}

impl<'a> Wins<'a> {
    /// The PECs the opposition wins under a rule (`rule_index`).
    #[inline(always)]
    pub(super) fn pecs(&self, rule: usize) -> &'a [u64] {
        &self.words[rule * self.pec_words..(rule + 1) * self.pec_words]
    }
    /// The countries it wins under a rule, in a disputed variant.
    #[inline(always)]
    pub(super) fn countries(&self, rule: usize, variant: usize) -> &'a [u64] {
        let at = RULES * self.pec_words + (rule * 2 + variant) * self.country_words;
        &self.words[at..at + self.country_words]
    }
}

impl WinsTable {
    pub(super) fn new(places: &WinPlaces, grid: &Grid, all: bool) -> WinsTable {
        let weight_keys: Vec<usize> = (0..KEYS.len())
            .filter(|&k| all && KEYS[k].is_weight())
            .collect();
        let mut strides = [0; KEY_COUNT];
        let mut stride = 1;
        for &k in weight_keys.iter().rev() {
            strides[k] = stride;
            stride *= grid.radix(k);
        }
        let pec_words = places.pec_sums.len().div_ceil(64);
        let country_words = places.country_sums[0].len().div_ceil(64);
        let block = RULES * pec_words + RULES * 2 * country_words;
        // The innermost weight key's values are taken together (`vectors`): the others' part of
        // the opposition once per place for all of them.
        let (inner, outer) = match weight_keys.split_last() {
            Some((&k, outer)) => (Some(k), outer),
            None => (None, &weight_keys[..]),
        };
        let layout = Layout {
            pec_words,
            country_words,
            block,
        };
        let mut words = Vec::new();
        grid.for_each_over(outer, |_, s, _| {
            let states: Vec<State> = match inner {
                Some(k) => grid.values[k]
                    .iter()
                    .map(|&v| {
                        let mut at = *s;
                        (KEYS[k].set)(&mut at, v);
                        at
                    })
                    .collect(),
                None => vec![*s],
            };
            let at = words.len();
            words.resize(at + block * states.len(), 0);
            vectors(
                places,
                &states,
                inner.map_or(0, part_of),
                &mut words[at..],
                layout,
            );
        });
        WinsTable {
            strides,
            block,
            pec_words,
            country_words,
            words,
        }
    }

    /// The flags of the vector at a reading's digits.
    #[inline(always)]
    pub(super) fn get(&self, digits: &Digits) -> Wins<'_> {
        let at: usize = digits.iter().zip(&self.strides).map(|(d, s)| d * s).sum();
        Wins {
            words: &self.words[at * self.block..(at + 1) * self.block],
            pec_words: self.pec_words,
            country_words: self.country_words,
        }
    }
}

/// Where a vector's flags lie in its block.
#[derive(Clone, Copy)]
struct Layout {
    pec_words: usize,
    country_words: usize,
    block: usize,
}

/// The opposition's part a weight key weighs, in `WinCounts::parts`' order.
fn part_of(key: usize) -> usize {
    ["invalid", "davankov", "slutsky", "kharitonov", "unreturned"]
        .iter()
        .position(|n| *n == KEYS[key].name)
        .expect("a weight key weighs one of the opposition’s parts")
}

/// The flags of consecutive weight vectors (`states`, which differ only in the weight of part
/// `part`) into their blocks (zeroed), 64 places at a time: each word built without a branch per
/// flag (a place's flags are as good as random, so a branch per flag was mispredicted half the
/// time), then stored once; the places with large counts after. One call per group of vectors
/// (a browser optimizes a wasm function only between calls).
#[inline(never)]
fn vectors(places: &WinPlaces, states: &[State], part: usize, out: &mut [u64], layout: Layout) {
    let Layout {
        pec_words,
        country_words,
        block,
    } = layout;
    let weights: Vec<i64> = states.iter().map(|s| scaled_weights(s)[part]).collect();
    let mut w = scaled_weights(&states[0]);
    w[part] = 0;
    let mut flags = vec![[0u64; RULES]; states.len()];
    let mut fill = |rows: &[WinCounts], at: &dyn Fn(usize) -> usize, word: usize| {
        words_of(rows, &w, part, &weights, &mut flags);
        for (d, f) in flags.iter().enumerate() {
            for (r, &f) in f.iter().enumerate() {
                out[d * block + at(r) + word] = f;
            }
        }
    };
    let pec_at = |r: usize| r * pec_words;
    for (word, rows) in places.pec_rows.chunks(64).enumerate() {
        fill(rows, &pec_at, word);
    }
    let country_at =
        [0, 1].map(|variant| move |r: usize| RULES * pec_words + (r * 2 + variant) * country_words);
    for (rows, at) in places.country_rows.iter().zip(&country_at) {
        for (word, rows) in rows.chunks(64).enumerate() {
            fill(rows, at, word);
        }
    }
    for (d, s) in states.iter().enumerate() {
        let out = &mut out[d * block..(d + 1) * block];
        for &i in &places.pec_large {
            for (r, won) in rule_wins(&places.pec_sums[i], s).into_iter().enumerate() {
                out[pec_at(r) + i / 64] |= u64::from(won) << (i % 64);
            }
        }
        for variant in 0..2 {
            for &c in &places.country_large[variant] {
                let Some(sums) = &places.country_sums[variant][c] else {
                    continue;
                };
                for (r, won) in rule_wins(sums, s).into_iter().enumerate() {
                    out[country_at[variant](r) + c / 64] |= u64::from(won) << (c % 64);
                }
            }
        }
    }
}

/// Up to 64 places' flags per vector and rule (`WinCounts::wins_under`), bit `j` for the `j`-th
/// row: `w` the weights with part `part`'s at 0, `weights` that part's weight in each vector.
/// The sums cannot overflow (`parts::SMALL`), so they are taken with the plain operations, not the
/// checked ones (a compare and branch each).
#[inline(always)]
fn words_of(
    rows: &[WinCounts],
    w: &[i64; 5],
    part: usize,
    weights: &[i64],
    flags: &mut [[u64; RULES]],
) {
    flags.fill([0; RULES]);
    for (j, c) in rows.iter().enumerate() {
        let p = &c.parts;
        let (invalid, unreturned) = (w[0].wrapping_mul(p[0]), w[4].wrapping_mul(p[4]));
        let others = invalid
            .wrapping_add(w[1].wrapping_mul(p[1]))
            .wrapping_add(w[2].wrapping_mul(p[2]))
            .wrapping_add(w[3].wrapping_mul(p[3]))
            .wrapping_add(unreturned);
        let b = &c.bases_scaled;
        for (f, &x) in flags.iter_mut().zip(weights) {
            let term = x.wrapping_mul(p[part]);
            let opposition = others.wrapping_add(term);
            let invalid = if part == 0 { term } else { invalid };
            let unreturned = if part == 4 { term } else { unreturned };
            let twice = opposition.wrapping_mul(2);
            f[0] |= u64::from(opposition > c.putin_scaled) << j;
            f[1] |= u64::from(twice > b[0]) << j;
            f[2] |= u64::from(twice > b[1].wrapping_add(unreturned)) << j;
            f[3] |= u64::from(twice > b[2].wrapping_add(invalid).wrapping_add(unreturned)) << j;
        }
    }
}

/// A state's weights in units of 1/10 000, in `WinCounts::parts`' order.
#[inline(always)]
pub(super) fn scaled_weights(s: &State) -> [i64; 5] {
    [s.invalid, s.davankov, s.slutsky, s.kharitonov, s.unreturned].map(|x| x.scaled())
}

impl WinCounts {
    /// `wins(w)[rule]`, the one rule's margin only.
    #[inline(always)]
    pub(super) fn wins_under(&self, w: &[i64; 5], rule: usize) -> bool {
        let times = |a: i64, b: i64| a.wrapping_mul(b);
        let p = &self.parts;
        let invalid = times(w[0], p[0]);
        let unreturned = times(w[4], p[4]);
        let opposition =
            invalid + times(w[1], p[1]) + times(w[2], p[2]) + times(w[3], p[3]) + unreturned;
        match rule {
            0 => opposition - self.putin_scaled > 0,
            1 => 2 * opposition - self.bases_scaled[0] > 0,
            2 => 2 * opposition - (self.bases_scaled[1] + unreturned) > 0,
            _ => 2 * opposition - (self.bases_scaled[2] + (invalid + unreturned)) > 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paper::claims::parts::SMALL;

    fn bit(words: &[u64], i: usize) -> bool {
        words[i / 64] >> (i % 64) & 1 == 1
    }

    /// Every flag of the table against `Sums::opposition_wins` (the exact way, per state and
    /// rule), on places with small counts full of ties (margins of 0) and a few with counts past
    /// `SMALL`, over grids with uneven radices, fixed weights, and no moving key.
    #[test]
    fn every_flag_as_the_exact_rule() {
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let mut draw = |round: usize| -> Sums {
            let mut n = || {
                let r = next();
                if round % 17 == 5 && r % 3 == 0 {
                    (SMALL as i64) + (r % 5) as i64
                } else {
                    (r % 9) as i64
                }
            };
            Sums {
                pecs: 1,
                registered: 0,
                received: 0,
                early: n(),
                inside: n(),
                mobile: n(),
                cancelled: 0,
                portable: n(),
                stationary: n(),
                invalid: n(),
                valid: n(),
                lost: 0,
                unaccounted: 0,
                votes: [n(), n(), n(), n()],
            }
        };
        let pec_sums: Vec<Sums> = (0..150).map(&mut draw).collect();
        let country_sums: [Vec<Option<Sums>>; 2] = [0, 1].map(|v| {
            (0..70)
                .map(|c| (c % 7 != v).then(|| draw(c + 3 * v)))
                .collect()
        });
        assert!(pec_sums.iter().any(|s| WinCounts::of(s).is_none()));
        assert!(pec_sums.iter().any(|s| WinCounts::of(s).is_some()));
        let prep = WinPlaces::new(pec_sums, country_sums);
        let grids = [
            "",
            "invalid=0,0.3333,1&davankov=0.5&slutsky=0,1&kharitonov=1,0,0.25&unreturned=0,0.5,0.75,1",
            "invalid=1&davankov=0.5&slutsky=0.25&kharitonov=1&unreturned=0.5",
        ];
        for query in grids {
            let grid = Grid::parse(query).expect("a valid grid");
            for all in [true, false] {
                let table = WinsTable::new(&prep, &grid, all);
                let weight_keys: Vec<usize> = (0..KEY_COUNT)
                    .filter(|&k| all && KEYS[k].is_weight())
                    .collect();
                let mut vectors = 0;
                grid.for_each_over(&weight_keys, |_, s, digits| {
                    vectors += 1;
                    let wins = table.get(digits);
                    for r in 0..RULES {
                        let mut s = *s;
                        s.win = if r == 0 {
                            WinRule::Plurality
                        } else {
                            WinRule::Majority
                        };
                        s.base = Base::ALL[r.max(1) - 1];
                        let w = scaled_weights(&s);
                        for (i, sums) in prep.pec_sums.iter().enumerate() {
                            let exact = sums.opposition_wins(&s);
                            assert_eq!(bit(wins.pecs(r), i), exact, "{query}");
                            if let Some(c) = WinCounts::of(sums) {
                                assert_eq!(c.wins_under(&w, r), exact, "{query}");
                            }
                        }
                        for variant in 0..2 {
                            for (c, sums) in prep.country_sums[variant].iter().enumerate() {
                                let expected = sums.as_ref().is_some_and(|x| x.opposition_wins(&s));
                                assert_eq!(bit(wins.countries(r, variant), c), expected);
                            }
                        }
                    }
                });
                assert_eq!(vectors * table.block, table.words.len());
            }
        }
    }
}
