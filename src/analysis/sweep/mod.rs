//! The robustness map: every claim judged under every reading of a grid over the assumption space.
//!
//! A state is a weighting of integer counts, so the sweep is cheap: the sums each claim needs are
//! taken once per grouping (disputed × baltics × region scheme), the win flags of every PEC and
//! country once per weight vector and rule, as bitsets; each state then costs a few dot products
//! and popcounts per claim. `fast_outcome` is checked against `claims::evaluate` in the tests.
//! Each claim is judged only over the grid's projection onto the keys it depends on
//! (`Claim::depends_on`, `project`): a claim about Davankov's share is judged 6 times on the
//! default grid, not 450 000; its counts, heat map, importance split and nearest other reading
//! are taken from the projection by multiplicity, equal to the full grid's.

mod bits;
mod fast;
mod grid;
mod order;
mod project;
mod wins;

use bits::Bits;
use fast::{fast_outcome, is_weight_free, prepare};
pub use grid::{Digits, Grid, MAX_STATES, distance};
use project::Projection;
use wins::WinsTable;

use super::importance::{self, Importance};
use crate::paper::claims::{self, ClaimSpec, Outcome, Verdict};
use crate::paper::study::Study;
use crate::reading::aggregate;
use crate::reading::keys::{KEY_COUNT, KEYS};
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
    /// Per claim: the grid projected onto the keys it depends on; the verdicts below are over
    /// its readings.
    projections: Vec<Projection>,
    holds: Vec<Bits>,
    /// Off in the last printed digit.
    near: Vec<Bits>,
    applicable: Vec<Bits>,
}

/// One claim over its projection: its verdicts, counts (by multiplicity) and range of values.
struct Judged {
    holds: Bits,
    near: Bits,
    applicable: Bits,
    counts: [u32; 4],
    range: Option<(f64, f64)>,
}

impl Judged {
    fn new(size: usize) -> Judged {
        Judged {
            holds: Bits::new(size),
            near: Bits::new(size),
            applicable: Bits::new(size),
            counts: [0; 4],
            range: None,
        }
    }

    /// Judge the claim at one projected reading. Not inlined into the projection's loop: a
    /// browser compiles a wasm function with its optimizing tier only between calls, so the work
    /// of a sweep has to sit in a function called once per reading, not in one long-running loop.
    #[inline(never)]
    fn reading(&mut self, index: usize, multiplicity: u32, outcome: Outcome) {
        let slot = match outcome.verdict {
            Verdict::Holds => {
                self.holds.set(index);
                self.applicable.set(index);
                0
            }
            Verdict::OffLastDigit => {
                self.near.set(index);
                self.applicable.set(index);
                1
            }
            Verdict::Fails => {
                self.applicable.set(index);
                2
            }
            Verdict::NotApplicable => 3,
        };
        self.counts[slot] += multiplicity;
        if let Some(v) = outcome.value {
            self.range = Some(self.range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        }
    }
}

/// Judge one claim over its projection. Each claim's loop, and the judging of each reading, sit
/// in functions of their own (not inlined into `run`): a browser compiles a wasm function with its
/// optimizing tier only between calls, so work done in one long-running call stays in its
/// baseline code.
#[inline(never)]
fn judge(
    grid: &Grid,
    claim: &claims::Claim,
    test: &fast::FastTest,
    p: &Projection,
    wins: &WinsTable,
    min_key: usize,
) -> Judged {
    let mut j = Judged::new(p.size);
    grid.for_each_over(&p.keys, |index, s, digits| {
        let outcome = fast_outcome(claim, test, s, wins.get(digits), digits[min_key]);
        j.reading(index, p.multiplicity, outcome);
    });
    j
}

/// Run every claim over every state of the grid: each claim over its projection.
pub fn run(study: &Study, grid: &Grid) -> Sweep {
    let claims = &study.claims;
    let prep = prepare(&study.data, claims, grid);
    let min_key = grid.key_index("min_issued").expect("min_issued is a key");
    let projections: Vec<Projection> = claims
        .iter()
        .map(|c| Projection::new(grid, &c.depends_on()))
        .collect();
    let needs_wins = prep.tests.iter().enumerate().any(|(c, t)| {
        !is_weight_free(&claims[c], t)
            && (0..KEYS.len()).any(|k| KEYS[k].is_weight() && projections[c].depends(k))
    });
    let wins = (grid.size() > 0).then(|| WinsTable::new(&prep.places, grid, needs_wins));
    let judged: Vec<Judged> = claims
        .iter()
        .enumerate()
        .map(|(c, claim)| {
            let p = &projections[c];
            match &wins {
                Some(wins) => judge(grid, claim, &prep.tests[c], p, wins, min_key),
                None => Judged::new(p.size),
            }
        })
        .collect();
    let paper_results = &study.paper_results;
    let report = claims
        .iter()
        .zip(&judged)
        .map(|(claim, j)| {
            let paper = claims::evaluate(claim, paper_results);
            let decided = j.counts[0] + j.counts[1] + j.counts[2];
            ClaimReport {
                spec: claim.spec.clone(),
                holds: j.counts[0],
                off_last_digit: j.counts[1],
                fails: j.counts[2],
                not_applicable: j.counts[3],
                share_holding: (decided > 0).then(|| f64::from(j.counts[0]) / f64::from(decided)),
                target: claim.target(),
                min: j.range.map(|r| r.0),
                max: j.range.map(|r| r.1),
                nearest_other: None,
                paper,
                importance: None,
            }
        })
        .collect();
    let mut holds = Vec::with_capacity(claims.len());
    let mut near = Vec::with_capacity(claims.len());
    let mut applicable = Vec::with_capacity(claims.len());
    for j in judged {
        holds.push(j.holds);
        near.push(j.near);
        applicable.push(j.applicable);
    }
    let mut sweep = Sweep {
        grid: grid.clone(),
        report,
        projections,
        holds,
        near,
        applicable,
    };
    let paper = State::paper();
    for c in 0..claims.len() {
        let paper_verdict = sweep.report[c].paper.verdict;
        let importance = (paper_verdict != Verdict::NotApplicable)
            .then(|| sweep.importance(c, paper_verdict))
            .flatten();
        sweep.report[c].importance = importance;
        sweep.report[c].nearest_other = sweep
            .nearest_other(c, &paper, paper_verdict)
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
    let needs_wins = !is_weight_free(claim, test);
    let mut out = Vec::with_capacity(grid.size());
    if grid.size() == 0 {
        return out;
    }
    let wins = WinsTable::new(&prep.places, grid, needs_wins);
    grid.for_each(|_, s, digits| {
        out.push(fast_outcome(
            claim,
            test,
            s,
            wins.get(digits),
            digits[min_key],
        ));
    });
    out
}

impl Sweep {
    /// A claim's verdict at a grid reading.
    pub fn verdict(&self, claim: usize, index: usize) -> Verdict {
        let digits = self.grid.digits(index);
        self.verdict_at(claim, self.projections[claim].index(&digits))
    }

    /// A claim's verdict at a reading of its projection.
    #[inline(always)]
    fn verdict_at(&self, claim: usize, index: usize) -> Verdict {
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

    /// The Shapley split of the readings whose verdict differs from `paper` (see
    /// `analysis::importance`); None when the grid lacks a paper's value or varies too many keys.
    /// Each reading is filed under the keys in which it leaves the paper's reading: a projected
    /// reading stands, for each varying key outside the projection, for one reading at the
    /// paper's value and radix − 1 readings elsewhere.
    #[inline(never)]
    fn importance(&self, claim: usize, paper: Verdict) -> Option<Importance> {
        let paper_digits = self.grid.digits_of(&State::paper())?;
        let varying: Vec<usize> = (0..self.grid.keys.len())
            .filter(|&k| self.grid.radix(k) > 1)
            .collect();
        if varying.len() > importance::MAX_KEYS {
            return None;
        }
        let p = &self.projections[claim];
        let subsets = 1usize << varying.len();
        let mut applicable = vec![0u64; subsets];
        let mut differing = vec![0u64; subsets];
        // Per key of the projection (in its order): its bit in the mask (none if it does not
        // vary), and its radix. The mask is kept as the odometer moves: a key's bit is set when
        // the key leaves the paper's digit.
        let keys: Vec<(usize, usize, usize)> = p
            .keys
            .iter()
            .map(|&k| {
                let bit = varying
                    .iter()
                    .position(|&v| v == k)
                    .map_or(0, |i| 1usize << i);
                (bit, paper_digits[k], self.grid.radix(k))
            })
            .collect();
        let mut digits = vec![0usize; keys.len()];
        let bit_at =
            |(bit, paper, _): (usize, usize, usize), d: usize| bit * usize::from(d != paper);
        let mut mask = keys.iter().fold(0, |m, &key| m | bit_at(key, 0));
        for index in 0..p.size {
            let v = self.verdict_at(claim, index);
            if v != Verdict::NotApplicable {
                applicable[mask] += 1;
                differing[mask] += u64::from(v != paper);
            }
            // The next reading: advance the last key, carrying into the ones before it.
            let mut j = keys.len();
            while j > 0 {
                j -= 1;
                let key = keys[j];
                digits[j] += 1;
                if digits[j] == key.2 {
                    digits[j] = 0;
                }
                mask = (mask & !key.0) | bit_at(key, digits[j]);
                if digits[j] != 0 {
                    break;
                }
            }
        }
        for (i, &k) in varying.iter().enumerate() {
            if p.depends(k) {
                continue;
            }
            // A product is at most the grid's size (`MAX_STATES`), far inside u64: the plain
            // multiplication (the checked one is a library call in wasm). Entries with the bit
            // are still 0 here, so an empty subset is skipped.
            let (bit, elsewhere) = (1usize << i, self.grid.radix(k) as u64 - 1);
            for s in (0..subsets).filter(|s| s & bit == 0) {
                if applicable[s] != 0 {
                    applicable[s | bit] = applicable[s].wrapping_mul(elsewhere);
                    differing[s | bit] = differing[s].wrapping_mul(elsewhere);
                }
            }
        }
        let keys: Vec<&str> = varying
            .iter()
            .map(|&k| self.grid.keys[k].0.as_str())
            .collect();
        Some(importance::shapley_counts(&keys, applicable, differing))
    }

    /// The grid reading nearest `from` (by `distance`; of equally near ones the first in index
    /// order) with "the other verdict" than `verdict`: where it does not hold if it holds, else
    /// where it holds (from a rounding-level miss, the reading that reproduces the figure, not
    /// one that misses it further).
    #[inline(never)]
    pub fn nearest_other(&self, claim: usize, from: &State, verdict: Verdict) -> Option<State> {
        let p = &self.projections[claim];
        let table = project::distance_table(&self.grid, from);
        let free = project::nearest_free_values(p, &table);
        // Keys with one nearest value are set once per reading, not through `each_choice`'s
        // recursion (the visiting order of the others' combinations is the same).
        let (single, several): (Vec<_>, Vec<_>) =
            free.into_iter().partition(|(_, values)| values.len() == 1);
        let mut best: Option<(f64, usize, Digits)> = None;
        self.grid.for_each_digits(&p.keys, |index, digits| {
            let v = self.verdict_at(claim, index);
            let other = match verdict {
                Verdict::Holds => v != Verdict::Holds,
                _ => v == Verdict::Holds,
            };
            if v == Verdict::NotApplicable || !other {
                return;
            }
            let mut at = *digits;
            for (k, values) in &single {
                at[*k] = values[0];
            }
            let mut visit = |at: &Digits| {
                let d = project::distance_at(&table, at);
                if best.is_some_and(|(bd, _, _)| d > bd) {
                    return;
                }
                let i = self.grid.index_of_digits(at);
                if best.is_none_or(|(bd, bi, _)| d < bd || i < bi) {
                    best = Some((d, i, *at));
                }
            };
            if several.is_empty() {
                visit(&at);
            } else {
                project::each_choice(&several, &mut at, &mut visit);
            }
        });
        best.map(|(_, _, digits)| self.grid.state_of(&digits))
    }

    /// The share of readings where a claim holds, over two keys' values (others varying):
    /// rows follow `y`'s values, columns `x`'s; None where nothing is applicable.
    pub fn map(&self, claim: usize, x: &str, y: &str) -> Option<Vec<Vec<Option<f64>>>> {
        let kx = self.grid.keys.iter().position(|(k, _)| k == x)?;
        let ky = self.grid.keys.iter().position(|(k, _)| k == y)?;
        let (rx, ry) = (self.grid.radix(kx), self.grid.radix(ky));
        let p = &self.projections[claim];
        // Each projected reading stands for every value of the keys outside the projection: the
        // map's keys among them spread it over their cells, the others multiply it.
        let rest: u32 = (0..KEY_COUNT)
            .filter(|&k| !p.depends(k) && k != kx && k != ky)
            .map(|k| self.grid.radix(k) as u32)
            .product();
        let mut holds = vec![vec![0u32; rx]; ry];
        let mut decided = vec![vec![0u32; rx]; ry];
        self.grid.for_each_digits(&p.keys, |index, digits| {
            let v = self.verdict_at(claim, index);
            if v == Verdict::NotApplicable {
                return;
            }
            let xs = if p.depends(kx) {
                digits[kx]..digits[kx] + 1
            } else {
                0..rx
            };
            for dx in xs {
                let dy_range = if kx == ky {
                    dx..dx + 1
                } else if p.depends(ky) {
                    digits[ky]..digits[ky] + 1
                } else {
                    0..ry
                };
                for dy in dy_range {
                    decided[dy][dx] += rest;
                    holds[dy][dx] += rest * u32::from(v == Verdict::Holds);
                }
            }
        });
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
    sweep.nearest_other(index, state, now)
}
