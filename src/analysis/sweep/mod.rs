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
use fast::{fast_outcome, is_weight_free, prepare, wins_for};
pub use grid::{Digits, Grid, MAX_STATES, distance};

use crate::paper::claims::{self, ClaimSpec, Outcome, Verdict};
use crate::paper::study::Study;
use crate::reading::aggregate;
use crate::reading::keys::KEYS;
use crate::reading::state::State;
use serde::Serialize;

/// How often a key's change flips a claim's verdict.
#[derive(Clone, Debug, Serialize)]
pub struct Hinge {
    pub key: String,
    /// Flips over pairs of states that differ in this key alone (both applicable).
    pub share: f64,
    pub pairs: u64,
}

/// One claim across the grid.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimReport {
    /// The claim as written (id, place in the paper, quotes, test).
    #[serde(flatten)]
    pub spec: ClaimSpec,
    pub holds: u32,
    pub fails: u32,
    pub not_applicable: u32,
    /// holds / (holds + fails).
    pub share_holding: Option<f64>,
    pub target: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Under the paper's own reading.
    pub paper: Outcome,
    /// The reading nearest the paper's where the verdict is the other one (canonical state).
    pub nearest_other: Option<String>,
    /// Keys by how often their change flips the verdict, most first.
    pub hinges: Vec<Hinge>,
}

/// A finished sweep: the report, and the verdict of every state (for charts and flips).
pub struct Sweep {
    pub grid: Grid,
    pub report: Vec<ClaimReport>,
    holds: Vec<Bits>,
    applicable: Vec<Bits>,
}

/// Run every claim over every state of the grid.
pub fn run(study: &Study, grid: &Grid) -> Sweep {
    let claims = &study.claims;
    let prep = prepare(&study.data, claims, grid);
    let n = grid.size();
    let mut holds = vec![Bits::new(n); claims.len()];
    let mut applicable = vec![Bits::new(n); claims.len()];
    let mut counts = vec![[0u32; 3]; claims.len()];
    let mut ranges: Vec<Option<(f64, f64)>> = vec![None; claims.len()];
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
    let mut cache: Vec<Vec<Option<Outcome>>> = claims.iter().map(|_| vec![None; slots]).collect();
    grid.for_each(|index, s, digits| {
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
        for (c, claim) in claims.iter().enumerate() {
            let outcome = if weight_free[c] {
                cache[c][slot]
                    .get_or_insert_with(|| {
                        fast_outcome(claim, &prep.tests[c], s, w, digits[min_key])
                    })
                    .clone()
            } else {
                fast_outcome(claim, &prep.tests[c], s, w, digits[min_key])
            };
            match outcome.verdict {
                Verdict::Holds => {
                    holds[c].set(index);
                    applicable[c].set(index);
                    counts[c][0] += 1;
                }
                Verdict::Fails => {
                    applicable[c].set(index);
                    counts[c][1] += 1;
                }
                Verdict::NotApplicable => counts[c][2] += 1,
            }
            if let Some(v) = outcome.value {
                ranges[c] = Some(ranges[c].map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
            }
        }
    });
    let paper_results = &study.paper_results;
    let report = claims
        .iter()
        .enumerate()
        .map(|(c, claim)| {
            let paper = claims::evaluate(claim, paper_results);
            let decided = counts[c][0] + counts[c][1];
            ClaimReport {
                spec: claim.spec.clone(),
                holds: counts[c][0],
                fails: counts[c][1],
                not_applicable: counts[c][2],
                share_holding: (decided > 0).then(|| f64::from(counts[c][0]) / f64::from(decided)),
                target: claim.target(),
                min: ranges[c].map(|r| r.0),
                max: ranges[c].map(|r| r.1),
                nearest_other: None,
                paper,
                hinges: Vec::new(),
            }
        })
        .collect();
    let mut sweep = Sweep {
        grid: grid.clone(),
        report,
        holds,
        applicable,
    };
    let masks = sweep.neighbour_masks();
    let from_paper = sweep.distances(&State::paper());
    for c in 0..claims.len() {
        sweep.report[c].hinges = sweep.hinges(c, &masks);
        let paper_verdict = sweep.report[c].paper.verdict;
        sweep.report[c].nearest_other = sweep
            .nearest_other(c, &from_paper, paper_verdict)
            .map(|s| s.canonical());
    }
    sweep
}

impl Sweep {
    pub fn verdict(&self, claim: usize, index: usize) -> Verdict {
        if !self.applicable[claim].get(index) {
            Verdict::NotApplicable
        } else if self.holds[claim].get(index) {
            Verdict::Holds
        } else {
            Verdict::Fails
        }
    }

    /// Per key: the share of state pairs differing in that key alone whose verdicts differ.
    fn hinges(&self, claim: usize, masks: &[(usize, usize, Bits)]) -> Vec<Hinge> {
        let (holds, applicable) = (&self.holds[claim], &self.applicable[claim]);
        let mut per_key: Vec<(u64, u64)> = vec![(0, 0); self.grid.keys.len()];
        for (k, offset, valid) in masks {
            let (h2, a2) = (holds.shifted(*offset), applicable.shifted(*offset));
            let (mut flips, mut pairs) = (0u64, 0u64);
            for i in 0..valid.0.len() {
                let both = valid.0[i] & applicable.0[i] & a2.0[i];
                pairs += u64::from(both.count_ones());
                flips += u64::from(((holds.0[i] ^ h2.0[i]) & both).count_ones());
            }
            per_key[*k].0 += flips;
            per_key[*k].1 += pairs;
        }
        let mut list: Vec<Hinge> = per_key
            .iter()
            .enumerate()
            .filter(|(_, (_, pairs))| *pairs > 0)
            .map(|(k, &(flips, pairs))| Hinge {
                key: self.grid.keys[k].0.clone(),
                share: flips as f64 / pairs as f64,
                pairs,
            })
            .collect();
        list.sort_by(|a, b| b.share.total_cmp(&a.share).then_with(|| a.key.cmp(&b.key)));
        list
    }

    /// For each key and each step d along it: the offset of the neighbour d steps on, and the
    /// states that have one (the key's value is at least d from its last).
    fn neighbour_masks(&self) -> Vec<(usize, usize, Bits)> {
        let n = self.grid.size();
        let mut masks = Vec::new();
        for (k, (_, values)) in self.grid.keys.iter().enumerate() {
            let (radix, stride) = (values.len(), self.grid.stride(k));
            for d in 1..radix {
                // Runs of `stride` states share a digit: set whole runs.
                let mut valid = Bits::new(n);
                for run in 0..n / stride {
                    if run % radix + d < radix {
                        for i in run * stride..(run + 1) * stride {
                            valid.set(i);
                        }
                    }
                }
                masks.push((k, d * stride, valid));
            }
        }
        masks
    }

    /// The distance of every grid reading from `from`.
    pub fn distances(&self, from: &State) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.grid.size());
        self.grid.for_each(|_, s, _| out.push(distance(from, s)));
        out
    }

    /// The grid reading nearest (by `distances`) whose verdict is applicable and not `verdict`.
    pub fn nearest_other(
        &self,
        claim: usize,
        distances: &[f64],
        verdict: Verdict,
    ) -> Option<State> {
        let mut best: Option<(f64, usize)> = None;
        for (index, &d) in distances.iter().enumerate() {
            let v = self.verdict(claim, index);
            if v == Verdict::NotApplicable || v == verdict {
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

/// The grid reading nearest `state` where claim `index`'s verdict is not its verdict under
/// `state` (from a reading where it does not apply, the nearest where it does).
pub fn flip(study: &Study, sweep: &Sweep, index: usize, state: &State) -> Option<State> {
    let results = aggregate::compute(&study.data, state);
    let now = claims::evaluate(&study.claims[index], &results).verdict;
    let distances = sweep.distances(state);
    sweep.nearest_other(index, &distances, now)
}
