//! The robustness map: every claim judged under every reading of a grid over the assumption space.
//!
//! A state is a weighting of integer counts, so the sweep is cheap: the sums each claim needs are
//! taken once per grouping (disputed × baltics × region scheme), the win flags of every PEC and
//! country once per weight vector and rule, as bitsets; each state then costs a few dot products
//! and popcounts per claim. `fast_outcome` is checked against `claims::evaluate` in the tests.

mod bits;
mod fast;
mod grid;

use bits::Bits;
use fast::{Wins, fast_outcome, is_weight_free, prepare, wins_for};
pub use grid::{Digits, Grid, MAX_STATES, distance};

use super::importance::{self, Importance};
use crate::paper::claims::{self, ClaimSpec, Outcome, Verdict};
use crate::paper::study::Study;
use crate::reading::aggregate;
use crate::reading::keys::KEYS;
use crate::reading::state::State;
use serde::Serialize;

/// One claim across the grid.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimReport {
    /// The claim as written (id, place in the paper, quotes, test).
    #[serde(flatten)]
    pub spec: ClaimSpec,
    /// Readings where it holds (against a printed figure: reproduced).
    pub holds: u32,
    /// Against a printed figure: readings off in the last printed digit (0 for other claims).
    pub off_last_digit: u32,
    /// Readings where it fails (against a printed figure: differs).
    pub fails: u32,
    pub not_applicable: u32,
    /// holds / (holds + off_last_digit + fails).
    pub share_holding: Option<f64>,
    pub target: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Under the paper's own reading.
    pub paper: Outcome,
    /// The reading nearest the paper's where the verdict is the other one (canonical state).
    pub nearest_other: Option<String>,
    /// The share of readings whose verdict differs from the paper's reading's, split among the
    /// keys (Shapley values; see `analysis::importance`). None when the grid does not hold the
    /// paper's reading.
    pub importance: Option<Importance>,
}

/// A finished sweep: the report, and the verdict of every state (for charts and flips).
pub struct Sweep {
    pub grid: Grid,
    pub report: Vec<ClaimReport>,
    holds: Vec<Bits>,
    /// Off in the last printed digit.
    near: Vec<Bits>,
    applicable: Vec<Bits>,
}

/// One reading of the grid: where it is, its win flags, its position among the fixed keys.
struct Reading<'s> {
    index: usize,
    state: &'s State,
    wins: &'s Wins,
    /// The min_issued digit.
    min: usize,
    /// The combination of the non-weight keys (for claims that ignore the weights).
    slot: usize,
    /// Only the `russia` key changed since the previous reading.
    only_russia: bool,
}

/// What the sweep gathers as it goes: every claim's verdicts, counts and range of values.
struct Tally {
    holds: Vec<Bits>,
    near: Vec<Bits>,
    applicable: Vec<Bits>,
    counts: Vec<[u32; 4]>,
    ranges: Vec<Option<(f64, f64)>>,
    /// Outcomes of weight-free claims per slot.
    cache: Vec<Vec<Option<Outcome>>>,
    /// Each claim's outcome at the previous reading.
    last: Vec<Option<Outcome>>,
}

impl Tally {
    /// Judge every claim at one reading. Not inlined into the grid's loop: a browser compiles a
    /// wasm function with its optimizing tier only between calls, so the work of a sweep has to
    /// sit in a function called once per reading, not in one long-running loop.
    #[inline(never)]
    fn reading(
        &mut self,
        r: &Reading,
        claims: &[crate::paper::claims::Claim],
        tests: &[fast::FastTest],
        weight_free: &[bool],
        russia_free: &[bool],
    ) {
        for (c, claim) in claims.iter().enumerate() {
            let outcome = if r.only_russia
                && russia_free[c]
                && let Some(previous) = &self.last[c]
            {
                previous.clone()
            } else if weight_free[c] {
                self.cache[c][r.slot]
                    .get_or_insert_with(|| fast_outcome(claim, &tests[c], r.state, r.wins, r.min))
                    .clone()
            } else {
                fast_outcome(claim, &tests[c], r.state, r.wins, r.min)
            };
            match outcome.verdict {
                Verdict::Holds => {
                    self.holds[c].set(r.index);
                    self.applicable[c].set(r.index);
                    self.counts[c][0] += 1;
                }
                Verdict::OffLastDigit => {
                    self.near[c].set(r.index);
                    self.applicable[c].set(r.index);
                    self.counts[c][1] += 1;
                }
                Verdict::Fails => {
                    self.applicable[c].set(r.index);
                    self.counts[c][2] += 1;
                }
                Verdict::NotApplicable => self.counts[c][3] += 1,
            }
            if let Some(v) = outcome.value {
                self.ranges[c] =
                    Some(self.ranges[c].map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
            }
            self.last[c] = Some(outcome);
        }
    }
}

/// Run every claim over every state of the grid.
pub fn run(study: &Study, grid: &Grid) -> Sweep {
    let claims = &study.claims;
    let prep = prepare(&study.data, claims, grid);
    let n = grid.size();
    let min_key = grid.key_index("min_issued").expect("min_issued is a key");
    let weight_keys: Vec<usize> = (0..KEYS.len()).filter(|&k| KEYS[k].is_weight()).collect();
    let fixed_keys: Vec<usize> = (0..KEYS.len()).filter(|&k| !KEYS[k].is_weight()).collect();
    // Readings sharing a weight vector share their win flags: computed once per vector.
    let mut wins = None;
    let mut wins_digits: Option<Digits> = None;
    // Claims that do not depend on the weights are judged once per combination of the other keys.
    let slots: usize = fixed_keys.iter().map(|&k| grid.radix(k)).product();
    let weight_free: Vec<bool> = claims
        .iter()
        .zip(&prep.tests)
        .map(|(c, t)| is_weight_free(c, t))
        .collect();
    // Claims that do not compare with "Russia" keep their outcome from the previous reading when
    // only the `russia` key changed (it is the last key: its values are neighbours).
    let russia_key = grid.key_index("russia").expect("russia is a key");
    let russia_free: Vec<bool> = claims.iter().map(|c| !c.depends_on_russia()).collect();
    let mut tally = Tally {
        holds: vec![Bits::new(n); claims.len()],
        near: vec![Bits::new(n); claims.len()],
        applicable: vec![Bits::new(n); claims.len()],
        counts: vec![[0u32; 4]; claims.len()],
        ranges: vec![None; claims.len()],
        cache: claims.iter().map(|_| vec![None; slots]).collect(),
        last: vec![None; claims.len()],
    };
    let mut last_digits: Option<Digits> = None;
    grid.for_each(|index, s, digits| {
        let only_russia =
            last_digits.is_some_and(|d| (0..d.len()).all(|k| k == russia_key || d[k] == digits[k]));
        last_digits = Some(*digits);
        let same_weights =
            wins_digits.is_some_and(|d| weight_keys.iter().all(|&k| d[k] == digits[k]));
        if !same_weights {
            wins = Some(wins_for(&prep, s));
            wins_digits = Some(*digits);
        }
        let w = wins.as_ref().expect("set above");
        let slot = fixed_keys
            .iter()
            .fold(0, |acc, &k| acc * grid.radix(k) + digits[k]);
        tally.reading(
            &Reading {
                index,
                state: s,
                wins: w,
                min: digits[min_key],
                slot,
                only_russia,
            },
            claims,
            &prep.tests,
            &weight_free,
            &russia_free,
        );
    });
    let paper_results = &study.paper_results;
    let report = claims
        .iter()
        .enumerate()
        .map(|(c, claim)| {
            let paper = claims::evaluate(claim, paper_results);
            let decided = tally.counts[c][0] + tally.counts[c][1] + tally.counts[c][2];
            ClaimReport {
                spec: claim.spec.clone(),
                holds: tally.counts[c][0],
                off_last_digit: tally.counts[c][1],
                fails: tally.counts[c][2],
                not_applicable: tally.counts[c][3],
                share_holding: (decided > 0)
                    .then(|| f64::from(tally.counts[c][0]) / f64::from(decided)),
                target: claim.target(),
                min: tally.ranges[c].map(|r| r.0),
                max: tally.ranges[c].map(|r| r.1),
                nearest_other: None,
                paper,
                importance: None,
            }
        })
        .collect();
    let mut sweep = Sweep {
        grid: grid.clone(),
        report,
        holds: tally.holds,
        near: tally.near,
        applicable: tally.applicable,
    };
    let masks = sweep.paper_masks();
    let from_paper = sweep.distances(&State::paper());
    let splits: Vec<Option<Importance>> = (0..claims.len())
        .map(|c| {
            let (keys, masks) = masks.as_ref()?;
            let paper = sweep.report[c].paper.verdict;
            (paper != Verdict::NotApplicable).then(|| {
                importance::shapley(keys, masks, |r| match sweep.verdict(c, r) {
                    Verdict::NotApplicable => None,
                    v => Some(v != paper),
                })
            })
        })
        .collect();
    drop(masks);
    for (c, split) in splits.into_iter().enumerate() {
        sweep.report[c].importance = split;
        let paper_verdict = sweep.report[c].paper.verdict;
        sweep.report[c].nearest_other = sweep
            .nearest_other(c, &from_paper, paper_verdict)
            .map(|s| s.canonical());
    }
    sweep
}

/// One claim's outcome (verdict and number) under every reading of a grid, in index order:
/// the sweep's fast path for a single claim, for its specification curve.
pub fn outcomes(study: &Study, grid: &Grid, claim: usize) -> Vec<Outcome> {
    let one = std::slice::from_ref(&study.claims[claim]);
    let prep = prepare(&study.data, one, grid);
    let (claim, test) = (&one[0], &prep.tests[0]);
    let min_key = grid.key_index("min_issued").expect("min_issued is a key");
    let weight_keys: Vec<usize> = (0..KEYS.len()).filter(|&k| KEYS[k].is_weight()).collect();
    let needs_wins = !is_weight_free(claim, test);
    let mut wins = None;
    let mut wins_digits: Option<Digits> = None;
    let mut out = Vec::with_capacity(grid.size());
    grid.for_each(|_, s, digits| {
        let same = wins_digits.is_some_and(|d| weight_keys.iter().all(|&k| d[k] == digits[k]));
        if wins.is_none() || (needs_wins && !same) {
            wins = Some(wins_for(&prep, s));
            wins_digits = Some(*digits);
        }
        let w = wins.as_ref().expect("set above");
        out.push(fast_outcome(claim, test, s, w, digits[min_key]));
    });
    out
}

impl Sweep {
    pub fn verdict(&self, claim: usize, index: usize) -> Verdict {
        if !self.applicable[claim].get(index) {
            Verdict::NotApplicable
        } else if self.holds[claim].get(index) {
            Verdict::Holds
        } else if self.near[claim].get(index) {
            Verdict::OffLastDigit
        } else {
            Verdict::Fails
        }
    }

    /// The keys the grid varies, and for each reading the set of those keys (bit i for the
    /// i-th) whose value is not the paper's; None when the grid lacks a paper's value.
    fn paper_masks(&self) -> Option<(Vec<String>, Vec<u16>)> {
        let paper = self.grid.digits_of(&State::paper())?;
        let varying: Vec<usize> = (0..self.grid.keys.len())
            .filter(|&k| self.grid.radix(k) > 1)
            .collect();
        if varying.len() > importance::MAX_KEYS {
            return None;
        }
        let mut masks = Vec::with_capacity(self.grid.size());
        self.grid.for_each(|_, _, digits| {
            let mask = varying
                .iter()
                .enumerate()
                .filter(|(_, k)| digits[**k] != paper[**k])
                .fold(0u16, |m, (i, _)| m | 1 << i);
            masks.push(mask);
        });
        let keys = varying
            .iter()
            .map(|&k| self.grid.keys[k].0.clone())
            .collect();
        Some((keys, masks))
    }

    /// The distance of every grid reading from `from`.
    pub fn distances(&self, from: &State) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.grid.size());
        self.grid.for_each(|_, s, _| out.push(distance(from, s)));
        out
    }

    /// The grid reading nearest (by `distances`) with "the other verdict" than `verdict`: where
    /// it does not hold if it holds, else where it holds (from a rounding-level miss, the
    /// reading that reproduces the figure, not one that misses it further).
    pub fn nearest_other(
        &self,
        claim: usize,
        distances: &[f64],
        verdict: Verdict,
    ) -> Option<State> {
        let mut best: Option<(f64, usize)> = None;
        for (index, &d) in distances.iter().enumerate() {
            let v = self.verdict(claim, index);
            let other = match verdict {
                Verdict::Holds => v != Verdict::Holds,
                _ => v == Verdict::Holds,
            };
            if v == Verdict::NotApplicable || !other {
                continue;
            }
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, index));
            }
        }
        best.map(|(_, i)| self.grid.state(i))
    }

    /// The share of readings where a claim holds, over two keys' values (others varying):
    /// rows follow `y`'s values, columns `x`'s; None where nothing is applicable.
    pub fn map(&self, claim: usize, x: &str, y: &str) -> Option<Vec<Vec<Option<f64>>>> {
        let kx = self.grid.keys.iter().position(|(k, _)| k == x)?;
        let ky = self.grid.keys.iter().position(|(k, _)| k == y)?;
        let (rx, ry) = (self.grid.keys[kx].1.len(), self.grid.keys[ky].1.len());
        let (sx, sy) = (self.grid.stride(kx), self.grid.stride(ky));
        let mut holds = vec![vec![0u32; rx]; ry];
        let mut decided = vec![vec![0u32; rx]; ry];
        for index in 0..self.grid.size() {
            let v = self.verdict(claim, index);
            if v == Verdict::NotApplicable {
                continue;
            }
            let (dx, dy) = ((index / sx) % rx, (index / sy) % ry);
            decided[dy][dx] += 1;
            holds[dy][dx] += u32::from(v == Verdict::Holds);
        }
        Some(
            holds
                .iter()
                .zip(&decided)
                .map(|(h, d)| {
                    h.iter()
                        .zip(d)
                        .map(|(&h, &d)| (d > 0).then(|| f64::from(h) / f64::from(d)))
                        .collect()
                })
                .collect(),
        )
    }

    /// The index of a claim by id.
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.report.iter().position(|c| c.spec.id == id)
    }
}

/// What the page and the CLI show of a sweep: the grid and every claim's report.
#[derive(Serialize)]
pub struct Report<'a> {
    pub grid: &'a Grid,
    pub grid_query: String,
    pub readings: usize,
    pub claims: &'a [ClaimReport],
}

impl<'a> Report<'a> {
    pub fn of(sweep: &'a Sweep) -> Report<'a> {
        Report {
            grid: &sweep.grid,
            grid_query: sweep.grid.canonical(),
            readings: sweep.grid.size(),
            claims: &sweep.report,
        }
    }
}

/// The grid reading nearest `state` with claim `index`'s other verdict than under `state`: where
/// it does not hold if it holds there, else where it holds.
pub fn flip(study: &Study, sweep: &Sweep, index: usize, state: &State) -> Option<State> {
    let results = aggregate::compute(&study.data, state);
    let now = claims::evaluate(&study.claims[index], &results).verdict;
    let distances = sweep.distances(state);
    sweep.nearest_other(index, &distances, now)
}
