//! The sweep judges each claim only over the keys it declares (`Claim::depends_on`) and takes
//! counts, heat maps, importance and the nearest other reading from that projection. Here, by
//! brute force with the full evaluation (`claims::evaluate` on `Engine::compute`, one reading at
//! a time): (1) on seeded random grids, some with every key varying, the whole report, every
//! verdict, the heat maps and flips equal a plain reference over the full grid; (2) every key a
//! claim declares itself independent of leaves its outcome, verdict and value, unchanged.

mod common;

use common::*;
use reweigh::State;
use reweigh::analysis::importance;
use reweigh::analysis::sweep::{self, Grid, distance};
use reweigh::paper::claims::{self, Outcome, Verdict};
use reweigh::reading::keys::KEYS;
use std::collections::HashMap;

/// The values a random grid draws from, per key of the registry, in its order.
const VALUES: [&[&str]; 12] = [
    &["0", "0.1", "0.25", "0.3333", "0.5", "0.75", "1"],
    &["0", "0.25", "0.5", "0.9999", "1"],
    &["0", "0.5", "1"],
    &["0", "0.5", "1"],
    &["0", "0.25", "1"],
    &["issued", "cast", "valid"],
    &["post_soviet", "europe"],
    &["include", "exclude"],
    &["plurality", "majority"],
    &["0", "1", "328", "350", "1000"],
    &["paper", "un"],
    &["cec_total", "without_abroad", "protocols"],
];

/// Every claim's outcome under each reading, computed once per reading.
struct Reference {
    outcomes: HashMap<State, Vec<Outcome>>,
}

impl Reference {
    fn new() -> Reference {
        Reference {
            outcomes: HashMap::new(),
        }
    }
    fn of(&mut self, state: &State) -> &[Outcome] {
        self.outcomes.entry(*state).or_insert_with(|| {
            let results = engine().compute(state);
            engine()
                .study()
                .claims
                .iter()
                .map(|c| claims::evaluate(c, &results))
                .collect()
        })
    }
}

/// A small deterministic generator (xorshift64*), so a failure names a reproducible grid.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random grid: each key takes one to `most` distinct values of its list, in a random order.
fn random_grid(rng: &mut Rng, most: usize, least: usize) -> Grid {
    let pairs: Vec<String> = KEYS
        .iter()
        .zip(VALUES)
        .map(|(k, values)| {
            let mut pool: Vec<&str> = values.to_vec();
            let take = (least + rng.below(most.min(pool.len()) + 1 - least)).min(pool.len());
            let mut chosen = Vec::new();
            for _ in 0..take {
                chosen.push(pool.remove(rng.below(pool.len())));
            }
            format!("{}={}", k.name, chosen.join(","))
        })
        .collect();
    Grid::parse(&pairs.join("&")).unwrap()
}

/// The readings nearest `from` with the other verdict than `verdict`, by enumeration: the first
/// in index order of the nearest.
fn nearest_by_enumeration(
    states: &[State],
    outcomes: &[Verdict],
    from: &State,
    verdict: Verdict,
) -> Option<String> {
    let mut best: Option<(f64, usize)> = None;
    for (i, s) in states.iter().enumerate() {
        let v = outcomes[i];
        let other = match verdict {
            Verdict::Holds => v != Verdict::Holds,
            _ => v == Verdict::Holds,
        };
        if v == Verdict::NotApplicable || !other {
            continue;
        }
        let d = distance(from, s);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, i));
        }
    }
    best.map(|(_, i)| states[i].canonical())
}

/// The whole sweep of `grid` against the reference; `from` is a reading to flip from.
fn check_grid(grid: &Grid, reference: &mut Reference, from: &State) {
    let engine = engine();
    let study = engine.study();
    let sweep = engine.sweep(grid);
    let states: Vec<State> = (0..grid.size()).map(|i| grid.state(i)).collect();
    let all: Vec<Vec<Outcome>> = states.iter().map(|s| reference.of(s).to_vec()).collect();
    let from_now = reference.of(from).to_vec();
    let paper = State::paper();
    let paper_digits = grid.digits_of(&paper);
    let varying: Vec<usize> = (0..KEYS.len()).filter(|&k| grid.radix(k) > 1).collect();
    let masks: Vec<u16> = states
        .iter()
        .map(|s| {
            varying
                .iter()
                .enumerate()
                .filter(|(_, k)| (KEYS[**k].get)(s) != (KEYS[**k].get)(&paper))
                .fold(0u16, |m, (i, _)| m | 1 << i)
        })
        .collect();
    let key_names: Vec<&str> = varying.iter().map(|&k| KEYS[k].name).collect();
    let name = grid.canonical();
    let digits: Vec<_> = (0..states.len()).map(|i| grid.digits(i)).collect();
    for (c, report) in sweep.report.iter().enumerate() {
        let id = &report.spec.id;
        let outcomes: Vec<&Outcome> = all.iter().map(|o| &o[c]).collect();
        let verdicts: Vec<Verdict> = outcomes.iter().map(|o| o.verdict).collect();
        let count = |v: Verdict| verdicts.iter().filter(|x| **x == v).count() as u32;
        assert_eq!(
            (
                report.holds,
                report.off_last_digit,
                report.fails,
                report.not_applicable
            ),
            (
                count(Verdict::Holds),
                count(Verdict::OffLastDigit),
                count(Verdict::Fails),
                count(Verdict::NotApplicable)
            ),
            "{id} on {name}"
        );
        let decided = report.holds + report.off_last_digit + report.fails;
        let share = (decided > 0).then(|| f64::from(report.holds) / f64::from(decided));
        assert_eq!(report.share_holding, share, "{id} on {name}");
        let values: Vec<f64> = outcomes.iter().filter_map(|o| o.value).collect();
        assert_eq!(
            (report.min, report.max),
            (
                values.iter().copied().reduce(f64::min),
                values.iter().copied().reduce(f64::max)
            ),
            "{id} on {name}"
        );
        for (i, v) in verdicts.iter().enumerate() {
            assert_eq!(sweep.verdict(c, i), *v, "{id} at {} on {name}", states[i]);
        }
        // The importance split: the full grid's masks through the same Shapley function.
        let want =
            (paper_digits.is_some() && report.paper.verdict != Verdict::NotApplicable).then(|| {
                importance::shapley(&key_names, &masks, |r| match verdicts[r] {
                    Verdict::NotApplicable => None,
                    v => Some(v != report.paper.verdict),
                })
            });
        assert_eq!(report.importance, want, "{id} on {name}");
        assert_eq!(
            report.nearest_other,
            nearest_by_enumeration(&states, &verdicts, &paper, report.paper.verdict),
            "{id} on {name}"
        );
        let flipped = sweep::flip(study, &sweep, c, from).map(|s| s.canonical());
        assert_eq!(
            flipped,
            nearest_by_enumeration(&states, &verdicts, from, from_now[c].verdict),
            "{id} from {from} on {name}"
        );
        // Heat maps over every pair of keys (a key with itself too).
        for &kx in &varying {
            for &ky in &varying {
                let (x, y) = (KEYS[kx].name, KEYS[ky].name);
                let (rx, ry) = (grid.radix(kx), grid.radix(ky));
                let mut holds = vec![vec![0usize; rx]; ry];
                let mut decided = vec![vec![0usize; rx]; ry];
                for (i, d) in digits.iter().enumerate() {
                    if verdicts[i] != Verdict::NotApplicable {
                        decided[d[ky]][d[kx]] += 1;
                        holds[d[ky]][d[kx]] += usize::from(verdicts[i] == Verdict::Holds);
                    }
                }
                let want: Vec<Vec<Option<f64>>> = holds
                    .iter()
                    .zip(&decided)
                    .map(|(h, d)| {
                        h.iter()
                            .zip(d)
                            .map(|(&h, &d)| (d > 0).then(|| h as f64 / d as f64))
                            .collect()
                    })
                    .collect();
                assert_eq!(
                    sweep.map(c, x, y).unwrap(),
                    want,
                    "{id} map {x}×{y} on {name}"
                );
            }
        }
    }
}

#[test]
fn random_grids_give_the_full_grids_report_verdicts_maps_and_flips() {
    let mut rng = Rng(0x5eed_0015);
    let mut reference = Reference::new();
    let mut grids = Vec::new();
    // Every key varying (two values each), then smaller grids with one to three values a key.
    grids.push(random_grid(&mut rng, 2, 2));
    while grids.len() < 14 {
        let g = random_grid(&mut rng, 3, 1);
        if g.size() <= 600 {
            grids.push(g);
        }
    }
    // The paper's reading in some grids (importance is computed), not in others.
    grids.push(
        Grid::parse(
            "invalid=1,0.5&davankov=1,0&slutsky=0,0.5&unreturned=0,0.25&base=issued,valid\
             &min_issued=0,328&win=plurality,majority&russia=cec_total,protocols&regions=paper,un",
        )
        .unwrap(),
    );
    for (n, grid) in grids.iter().enumerate() {
        // A reading to flip from: random values, not always on the grid.
        let from = random_grid(&mut rng, 1, 1).state(0);
        check_grid(grid, &mut reference, &from);
        eprintln!("grid {n}: {} readings checked", grid.size());
    }
}

/// Every key but the weights takes every value; the weights two each.
const EVERY_KEY: &str = "invalid=0,1&davankov=0.5,1&slutsky=0,1&kharitonov=0,1&unreturned=0,0.5\
    &min_issued=0,328";

#[test]
fn a_key_a_claim_declares_it_does_not_depend_on_never_changes_its_outcome() {
    let engine = engine();
    let claims = &engine.study().claims;
    let grid = Grid::parse(EVERY_KEY).unwrap();
    assert!(
        (0..KEYS.len()).all(|k| grid.radix(k) >= 2),
        "every key varies"
    );
    let mut reference = Reference::new();
    let states: Vec<State> = (0..grid.size()).map(|i| grid.state(i)).collect();
    let all: Vec<Vec<Outcome>> = states.iter().map(|s| reference.of(s).to_vec()).collect();
    let mut independent = 0;
    for (c, claim) in claims.iter().enumerate() {
        let depends = claim.depends_on();
        for (k, key) in KEYS.iter().enumerate() {
            if depends[k] {
                continue;
            }
            independent += 1;
            // Along the key: each value against the next (and the last against the first).
            let stride = grid.stride(k);
            let radix = grid.radix(k);
            for (i, outcomes) in all.iter().enumerate() {
                let digit = (i / stride) % radix;
                let next = i - digit * stride + ((digit + 1) % radix) * stride;
                assert_eq!(
                    outcomes[c], all[next][c],
                    "{} changes with {} between {} and {}",
                    claim.spec.id, key.name, states[i], states[next]
                );
            }
        }
    }
    // The declarations leave out something: most claims depend on a few keys only.
    assert!(independent > claims.len() * 5, "{independent}");
}
