//! Win flags of every PEC and country under every weight vector of the grid, per win rule (and
//! disputed variant for countries), as bitsets in one table.
//!
//! The weighted opposition is linear in the five weights. Each place is taken once, by a
//! function of its own (a browser optimizes a wasm function only between calls), and its
//! opposition under each vector built incrementally over the weight keys: per key and value the
//! product of the weight and the place's count is taken once, so the innermost key costs an
//! addition per vector. Places with large counts (`WinCounts::of` is None) take `rule_wins`,
//! the exact way, per vector.

use super::grid::{Digits, Grid};
use crate::data::model::Candidate;
use crate::reading::aggregate::Sums;
use crate::reading::keys::{KEY_COUNT, KEYS, KeyValue};
use crate::reading::state::{Base, State, WEIGHT_SCALE, WinRule};

/// A place's counts the win rules read, taken once: the invalid ballots, the three other
/// candidates' votes and the unreturned ballots (the opposition's parts, in the weights' order),
/// Putin's votes and the three bases, both in units of 1/WEIGHT_SCALE. Only for small counts.
#[derive(Clone, Copy)]
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

/// Every PEC's and country's sums, and their counts for the win rules (None: too large for
/// `WinCounts`).
pub(super) struct WinPlaces {
    pub(super) pec_sums: Vec<Sums>,
    /// Per disputed variant: each country's sums (None if it has no PEC then).
    pub(super) country_sums: [Vec<Option<Sums>>; 2],
    pec_counts: Vec<Option<WinCounts>>,
    country_counts: [Vec<Option<WinCounts>>; 2],
}

impl WinPlaces {
    pub(super) fn new(pec_sums: Vec<Sums>, country_sums: [Vec<Option<Sums>>; 2]) -> WinPlaces {
        WinPlaces {
            pec_counts: pec_sums.iter().map(WinCounts::of).collect(),
            country_counts: country_sums.each_ref().map(|list| {
                list.iter()
                    .map(|s| s.as_ref().and_then(WinCounts::of))
                    .collect()
            }),
            pec_sums,
            country_sums,
        }
    }
}

/// The win rules (`rule_index`): plurality, then majority over each base.
pub(super) const RULES: usize = 4;

/// Counts below this (in absolute value) keep the win rules' weighted sums far inside i64: a
/// weight is at most 10 000 < 2^14, a derived count (issued, cast, unreturned) below 2^39, so each
/// product is below 2^53 and each margin below 2^57.
const SMALL: u64 = 1 << 36;

/// Whether every count of the sums is below `SMALL`.
#[inline(always)]
pub(super) fn is_small(s: &Sums) -> bool {
    let lines = [
        s.invalid,
        s.valid,
        s.early,
        s.inside,
        s.mobile,
        s.portable,
        s.stationary,
    ];
    lines
        .iter()
        .chain(&s.votes)
        .all(|x| x.unsigned_abs() < SMALL)
}

/// Whether the opposition wins a place under each rule at these weights (`rule_index`'s order):
/// `Sums::win_margin`'s sums, the weighted opposition taken once for the four rules. With small
/// counts (`is_small`, as every real place's) the products cannot overflow, so they are taken
/// with the machine's plain multiplication: under the crate's overflow checks a multiplication
/// costs a 128-bit library call in wasm, which made these sums most of the worker's sweep.
#[inline(always)]
pub(super) fn rule_wins(sums: &Sums, weights: &State) -> [bool; RULES] {
    use crate::data::model::Candidate;
    use crate::reading::state::WEIGHT_SCALE;
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

/// The weight vectors of the table: the moving weight keys (in key order, the last fastest),
/// each with the part it weighs and its scaled values, and the fixed weights of the others.
struct Plan {
    moving: Vec<(usize, Vec<i64>)>,
    /// The weights at the grid's first value, per part (those of moving keys unused).
    fixed: [i64; 5],
    /// Every vector's state, in order (for places with large counts).
    states: Vec<State>,
}

/// The opposition's part a weight key weighs, in `WinCounts::parts`' order.
fn part_of(key: usize) -> usize {
    ["invalid", "davankov", "slutsky", "kharitonov", "unreturned"]
        .iter()
        .position(|n| *n == KEYS[key].name)
        .expect("a weight key weighs one of the opposition's parts")
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
    pub(super) fn new(prep: &WinPlaces, grid: &Grid, all: bool) -> WinsTable {
        let weight_keys: Vec<usize> = (0..KEYS.len())
            .filter(|&k| all && KEYS[k].is_weight())
            .collect();
        let mut strides = [0; KEY_COUNT];
        let mut stride = 1;
        for &k in weight_keys.iter().rev() {
            strides[k] = stride;
            stride *= grid.radix(k);
        }
        let mut states = Vec::new();
        grid.for_each_over(&weight_keys, |_, s, _| states.push(*s));
        let first = states.first().copied().unwrap_or_else(State::paper);
        let fixed = [
            first.invalid,
            first.davankov,
            first.slutsky,
            first.kharitonov,
            first.unreturned,
        ]
        .map(|w| w.scaled());
        let moving = weight_keys
            .iter()
            .map(|&k| {
                let values = grid.values[k]
                    .iter()
                    .map(|v| match v {
                        KeyValue::Weight(w) => w.scaled(),
                        _ => unreachable!("a weight key holds weights"),
                    })
                    .collect();
                (part_of(k), values)
            })
            .collect();
        let plan = Plan {
            moving,
            fixed,
            states,
        };
        let pec_words = prep.pec_sums.len().div_ceil(64);
        let country_words = prep.country_sums[0].len().div_ceil(64);
        let block = RULES * pec_words + RULES * 2 * country_words;
        let mut table = WinsTable {
            strides,
            block,
            pec_words,
            country_words,
            words: vec![0; block * plan.states.len()],
        };
        for (i, sums) in prep.pec_sums.iter().enumerate() {
            let at = [0, 1, 2, 3].map(|r| r * pec_words + i / 64);
            table.place(&plan, at, i % 64, prep.pec_counts[i].as_ref(), sums);
        }
        for (variant, list) in prep.country_sums.iter().enumerate() {
            for (c, sums) in list.iter().enumerate() {
                let Some(sums) = sums else { continue };
                let at = [0, 1, 2, 3]
                    .map(|r| RULES * pec_words + (r * 2 + variant) * country_words + c / 64);
                table.place(
                    &plan,
                    at,
                    c % 64,
                    prep.country_counts[variant][c].as_ref(),
                    sums,
                );
            }
        }
        table
    }

    /// One place's flags under every vector: `at` its word in a vector's block per rule, `bit`
    /// its bit there.
    #[inline(never)]
    fn place(
        &mut self,
        plan: &Plan,
        at: [usize; RULES],
        bit: usize,
        counts: Option<&WinCounts>,
        sums: &Sums,
    ) {
        let Some(c) = counts else {
            for (v, s) in plan.states.iter().enumerate() {
                for (r, won) in rule_wins(sums, s).into_iter().enumerate() {
                    self.words[v * self.block + at[r]] |= u64::from(won) << bit;
                }
            }
            return;
        };
        let times = |a: i64, b: i64| a.wrapping_mul(b);
        // Each moving key's products with its part, per value; the fixed parts' sum.
        let terms: Vec<Vec<i64>> = plan
            .moving
            .iter()
            .map(|(part, values)| values.iter().map(|&w| times(w, c.parts[*part])).collect())
            .collect();
        let mut term = [0i64; 5];
        let mut moves = [usize::MAX; 5];
        for (part, t) in term.iter_mut().enumerate() {
            *t = times(plan.fixed[part], c.parts[part]);
        }
        for (j, (part, _)) in plan.moving.iter().enumerate() {
            moves[*part] = j;
        }
        let fixed_sum: i64 = (0..5)
            .filter(|&p| moves[p] == usize::MAX)
            .map(|p| term[p])
            .sum();
        let m = terms.len();
        let mut digits = [0usize; 5];
        // prefix[j]: the fixed parts plus the first j moving keys' terms at their digits.
        let mut prefix = [0i64; 6];
        prefix[0] = fixed_sum;
        for j in 0..m {
            prefix[j + 1] = prefix[j] + terms[j][0];
        }
        let part_term = |part: usize, digits: &[usize; 5]| match moves[part] {
            usize::MAX => term[part],
            j => terms[j][digits[j]],
        };
        for v in 0..plan.states.len() {
            let opposition = prefix[m];
            let invalid = part_term(0, &digits);
            let unreturned = part_term(4, &digits);
            let outside = [0, unreturned, invalid + unreturned];
            let block = &mut self.words[v * self.block..(v + 1) * self.block];
            block[at[0]] |= u64::from(opposition - c.putin_scaled > 0) << bit;
            for b in 0..3 {
                let won = 2 * opposition - (c.bases_scaled[b] + outside[b]) > 0;
                block[at[1 + b]] |= u64::from(won) << bit;
            }
            // The next vector: advance the last key, carrying into the ones before it.
            let mut j = m;
            while j > 0 {
                j -= 1;
                digits[j] += 1;
                if digits[j] < terms[j].len() {
                    break;
                }
                digits[j] = 0;
            }
            for i in j..m {
                prefix[i + 1] = prefix[i] + terms[i][digits[i]];
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bit(words: &[u64], i: usize) -> bool {
        words[i / 64] >> (i % 64) & 1 == 1
    }

    /// Every flag of the table against `Sums::opposition_wins` (the exact way, per state and
    /// rule), on places with small counts full of ties (margins of 0) and a few with counts past
    /// `SMALL`, over grids with uneven radices, fixed weights, and no moving key.
    #[test]
    fn every_flag_as_the_exact_rule() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
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
                        for (i, sums) in prep.pec_sums.iter().enumerate() {
                            assert_eq!(bit(wins.pecs(r), i), sums.opposition_wins(&s), "{query}");
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
