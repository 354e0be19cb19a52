//! The robustness map: every claim judged under every reading of a grid over the assumption space.
//!
//! A state is a weighting of integer counts, so the sweep is cheap: the sums each claim needs are
//! taken once per grouping (disputed × baltics × region scheme), the win flags of every PEC and
//! country once per weight vector and rule, as bitsets; each state then costs a few dot products
//! and popcounts per claim. `fast_outcome` is checked against `claims::evaluate` in the tests.

use crate::aggregate::{self, Sums};
use crate::bundle::Bundle;
use crate::claims::{self, Claim, Level, Outcome, Predicate, SetKind, Test, Verdict};
use crate::model::UNASSIGNED;
use crate::state::{
    Baltics, Base, Disputed, KEYS, RegionScheme, State, StateError, Weight, WinRule,
};
use serde::Serialize;

/// The values each key takes in a sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grid {
    /// Per key of the vocabulary, in canonical order: the values, as the state writes them.
    pub keys: Vec<(String, Vec<String>)>,
    /// The same values parsed: for each key, a state per value with only that key set.
    #[serde(skip)]
    axes: Vec<Vec<State>>,
}

/// The weight steps of the default grid.
pub const DEFAULT_STEPS: [&str; 5] = ["0", "0.25", "0.5", "0.75", "1"];
/// The most states a grid may hold (the default has 150 000).
pub const MAX_STATES: usize = 2_000_000;

impl Grid {
    /// The default grid: every weight over 0, 0.25, 0.5, 0.75, 1; every choice; `min_issued` 0.
    pub fn default_grid() -> Grid {
        Grid::parse("").expect("the default grid is valid")
    }

    /// Parse `invalid=0,0.5,1&base=issued,cast&min_issued=0,100`; missing keys take the default
    /// (weights: 0, 0.25, 0.5, 0.75, 1; choices: every value; min_issued: 0).
    pub fn parse(query: &str) -> Result<Grid, Vec<StateError>> {
        let pairs = crate::state::query_pairs(query).map_err(|e| vec![e])?;
        let vocabulary = crate::state::vocabulary();
        let mut errors = Vec::new();
        let mut keys = Vec::new();
        for info in &vocabulary {
            let given: Vec<&(String, String)> =
                pairs.iter().filter(|(k, _)| k == info.key).collect();
            let values: Vec<String> = match given.as_slice() {
                [] => match &info.kind {
                    crate::state::KeyKind::Weight => {
                        DEFAULT_STEPS.iter().map(|s| s.to_string()).collect()
                    }
                    crate::state::KeyKind::Choice { values } => {
                        values.iter().map(|s| s.to_string()).collect()
                    }
                    crate::state::KeyKind::Integer { .. } => vec!["0".into()],
                },
                [(_, text)] => {
                    let mut values = Vec::new();
                    for part in text.split(',') {
                        let mut probe = State::paper();
                        match probe.set(info.key, part.trim()) {
                            Ok(()) => {
                                let canonical = probe.value_of(info.key).unwrap_or_default();
                                if !values.contains(&canonical) {
                                    values.push(canonical);
                                }
                            }
                            Err(e) => errors.push(e),
                        }
                    }
                    values
                }
                _ => {
                    errors.push(StateError {
                        key: info.key.to_string(),
                        value: String::new(),
                        problem: "the key is given more than once".into(),
                        allowed: "each key once, its values separated by commas".into(),
                    });
                    Vec::new()
                }
            };
            keys.push((info.key.to_string(), values));
        }
        for (key, value) in &pairs {
            if !KEYS.contains(&key.as_str()) {
                errors.push(StateError {
                    key: key.clone(),
                    value: value.chars().take(40).collect(),
                    problem: "unknown key".into(),
                    allowed: KEYS.join(", "),
                });
            }
        }
        let axes = keys
            .iter()
            .map(|(key, values)| {
                values
                    .iter()
                    .map(|v| {
                        let mut s = State::paper();
                        let _ = s.set(key, v);
                        s
                    })
                    .collect()
            })
            .collect();
        let grid = Grid { keys, axes };
        if grid.size() > MAX_STATES {
            errors.push(StateError {
                key: String::new(),
                value: String::new(),
                problem: format!("the grid holds {} states", grid.size()),
                allowed: format!("at most {MAX_STATES}"),
            });
        }
        if errors.is_empty() {
            Ok(grid)
        } else {
            Err(errors)
        }
    }

    pub fn size(&self) -> usize {
        self.keys.iter().map(|(_, v)| v.len()).product()
    }

    /// The grid as a query string (`invalid=0,0.25,...&base=issued,cast,valid&...`).
    pub fn canonical(&self) -> String {
        self.keys
            .iter()
            .map(|(k, v)| format!("{k}={}", v.join(",")))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The digits of state `index` (mixed radix, last key fastest).
    fn digits(&self, mut index: usize) -> [usize; KEYS.len()] {
        let mut digits = [0; KEYS.len()];
        for (i, (_, values)) in self.keys.iter().enumerate().rev() {
            digits[i] = index % values.len();
            index /= values.len();
        }
        digits
    }

    /// How far apart, in states, two neighbours along a key lie.
    fn stride(&self, key: usize) -> usize {
        self.keys[key + 1..].iter().map(|(_, v)| v.len()).product()
    }

    /// Visit every state in index order, with its digits (an odometer: no division per state).
    pub fn for_each(&self, mut visit: impl FnMut(usize, &State, &[usize; KEYS.len()])) {
        let n = self.size();
        let mut digits = [0usize; KEYS.len()];
        let mut state = self.state_of(&digits);
        for index in 0..n {
            visit(index, &state, &digits);
            // Advance the last key, carrying into the ones before it.
            for k in (0..self.keys.len()).rev() {
                digits[k] += 1;
                if digits[k] < self.keys[k].1.len() {
                    break;
                }
                digits[k] = 0;
            }
            state = self.state_of(&digits);
        }
    }

    /// The state at `index`.
    pub fn state(&self, index: usize) -> State {
        self.state_of(&self.digits(index))
    }

    fn state_of(&self, d: &[usize; KEYS.len()]) -> State {
        let a = |k: usize| &self.axes[k][d[k]];
        State {
            invalid: a(0).invalid,
            davankov: a(1).davankov,
            slutsky: a(2).slutsky,
            kharitonov: a(3).kharitonov,
            unreturned: a(4).unreturned,
            base: a(5).base,
            baltics: a(6).baltics,
            disputed: a(7).disputed,
            win: a(8).win,
            min_issued: a(9).min_issued,
            regions: a(10).regions,
        }
    }
}

/// One grouping of PECs: which count, and where the Baltic states and regions fall.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Grouping {
    disputed: Disputed,
    baltics: Baltics,
    regions: RegionScheme,
}

impl Grouping {
    fn of(s: &State) -> Grouping {
        Grouping {
            disputed: s.disputed,
            baltics: s.baltics,
            regions: s.regions,
        }
    }
    fn state(&self) -> State {
        State {
            disputed: self.disputed,
            baltics: self.baltics,
            regions: self.regions,
            ..State::paper()
        }
    }
    fn index(&self) -> usize {
        (self.disputed as usize) * 4 + (self.baltics as usize) * 2 + self.regions as usize
    }
}

/// A fixed-size bitset over PECs or countries.
#[derive(Clone, Debug, Default, PartialEq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    #[inline(always)]
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    #[inline(always)]
    fn get(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }
    /// How many bits are set here (and in `mask`, if given).
    fn count(&self, mask: Option<&Bits>) -> u32 {
        match mask {
            Some(m) => self
                .0
                .iter()
                .zip(&m.0)
                .map(|(x, y)| (x & y).count_ones())
                .sum(),
            None => self.0.iter().map(|x| x.count_ones()).sum(),
        }
    }
    /// This bitset moved down by `offset` bits: bit i of the result is bit i + offset here.
    fn shifted(&self, offset: usize) -> Bits {
        let (words, bits) = (offset / 64, offset % 64);
        let at = |i: usize| self.0.get(i).copied().unwrap_or(0);
        Bits(
            (0..self.0.len())
                .map(|i| {
                    let lo = at(i + words) >> bits;
                    let hi = if bits == 0 {
                        0
                    } else {
                        at(i + words + 1) << (64 - bits)
                    };
                    lo | hi
                })
                .collect(),
        )
    }
}

/// The win rules a grid can hold: plurality, or majority over one base.
fn rule_index(s: &State) -> usize {
    match s.win {
        WinRule::Plurality => 0,
        WinRule::Majority => 1 + s.base as usize,
    }
}

/// Everything a claim over PECs or countries needs that does not depend on the weights.
struct PlaceQuery {
    level: Level,
    /// Places that satisfy the fixed predicates, are counted, and lie within the claim's region,
    /// per grouping and min_issued value; None where the region does not exist.
    members: Vec<Vec<Option<Bits>>>,
    needs_wins: bool,
    /// Indices of the listed ids (sets).
    listed: Vec<usize>,
}

/// A claim prepared for the sweep.
enum FastTest {
    /// Value or compare: the scope's sums per grouping (None: no such place there).
    Metric {
        sums: Vec<Option<Sums>>,
    },
    Places(PlaceQuery),
    Regions {
        sums: Vec<Vec<(String, Sums)>>,
    },
    Total {
        sums: Vec<Sums>,
    },
    Rank {
        sums: Vec<Vec<(String, Sums)>>,
    },
}

/// The sweep's precomputed data.
struct Prepared {
    pec_sums: Vec<Sums>,
    /// Per disputed variant: each country's sums (None if it has no PEC then).
    country_sums: [Vec<Option<Sums>>; 2],
    tests: Vec<FastTest>,
}

/// Each grouping's regions (without the unassigned PECs) and their sums.
fn region_sums(results: &[aggregate::Results]) -> Vec<Vec<(String, Sums)>> {
    let named = |r: &aggregate::Results| -> Vec<(String, Sums)> {
        r.regions
            .iter()
            .filter(|a| a.id != UNASSIGNED.id)
            .map(|a| (a.id.to_string(), a.sums))
            .collect()
    };
    results.iter().map(named).collect()
}

fn grouping_list() -> Vec<Grouping> {
    let mut list = Vec::new();
    for disputed in Disputed::ALL {
        for baltics in Baltics::ALL {
            for regions in RegionScheme::ALL {
                list.push(Grouping {
                    disputed: *disputed,
                    baltics: *baltics,
                    regions: *regions,
                });
            }
        }
    }
    list.sort_by_key(|g| g.index());
    list
}

fn prepare(bundle: &Bundle, claims: &[Claim], grid: &Grid) -> Prepared {
    let groupings = grouping_list();
    let results: Vec<_> = groupings
        .iter()
        .map(|g| aggregate::compute(bundle, &g.state()))
        .collect();
    let min_issued: Vec<u32> = grid
        .keys
        .iter()
        .find(|(k, _)| k == "min_issued")
        .map_or(vec![0], |(_, v)| {
            v.iter().map(|x| x.parse().unwrap_or(0)).collect()
        });
    let n_pecs = bundle.pecs.len();
    let n_countries = bundle.countries.len();
    let country_sums: [Vec<Option<Sums>>; 2] = [Disputed::Include, Disputed::Exclude].map(|d| {
        bundle
            .countries
            .iter()
            .map(|c| {
                let mut sums = Sums::default();
                let mut any = false;
                for &i in &c.pecs {
                    if d == Disputed::Include || !bundle.pecs[i].location.disputed {
                        sums.add(&bundle.pec_sums[i]);
                        any = true;
                    }
                }
                any.then_some(sums)
            })
            .collect()
    });
    let paper_state = State::paper();
    let tests = claims
        .iter()
        .map(|claim| match &claim.test {
            Test::Value { metric, .. } | Test::Compare { metric, .. } => FastTest::Metric {
                sums: results
                    .iter()
                    .map(|r| metric.scope.resolve(r).map(|x| x.sums))
                    .collect(),
            },
            Test::Count {
                level: Level::Total,
                ..
            } => FastTest::Total {
                sums: results.iter().map(|r| r.total.sums).collect(),
            },
            Test::Count {
                level: Level::Regions,
                ..
            } => FastTest::Regions {
                sums: region_sums(&results),
            },
            Test::Rank { .. } => FastTest::Rank {
                sums: region_sums(&results),
            },
            Test::Count {
                level,
                within,
                predicates,
                ..
            }
            | Test::Set {
                level,
                within,
                predicates,
                ..
            } => {
                let listed = match &claim.test {
                    Test::Set { ids, .. } => ids
                        .iter()
                        .filter_map(|id| match level {
                            Level::Countries => bundle.countries.iter().position(|c| &c.id == id),
                            _ => id.parse().ok().and_then(|n| bundle.pec_index(n)),
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let fixed: Vec<&Predicate> = predicates
                    .iter()
                    .filter(|p| !p.depends_on_reading())
                    .collect();
                let members = groupings
                    .iter()
                    .map(|g| {
                        let gs = g.state();
                        min_issued
                            .iter()
                            .map(|&min| {
                                if within.is_some() && g.regions != RegionScheme::Paper {
                                    return None;
                                }
                                let mut bits = Bits::new(if *level == Level::Pecs {
                                    n_pecs
                                } else {
                                    n_countries
                                });
                                let in_region = |pec: usize| {
                                    within.as_deref().is_none_or(|r| {
                                        aggregate::region_of(&bundle.pecs[pec], &gs) == Some(r)
                                    })
                                };
                                if *level == Level::Pecs {
                                    for (i, pec) in bundle.pecs.iter().enumerate() {
                                        let sums = &bundle.pec_sums[i];
                                        if aggregate::included(pec, &gs)
                                            && sums.issued() >= i64::from(min)
                                            && in_region(i)
                                            && fixed.iter().all(|p| p.holds(sums, &paper_state))
                                        {
                                            bits.set(i);
                                        }
                                    }
                                } else {
                                    let variant = g.disputed as usize;
                                    for (c, country) in bundle.countries.iter().enumerate() {
                                        let Some(sums) = &country_sums[variant][c] else {
                                            continue;
                                        };
                                        let first =
                                            country.pecs.iter().copied().find(|&i| {
                                                aggregate::included(&bundle.pecs[i], &gs)
                                            });
                                        if sums.issued() >= i64::from(min)
                                            && first.is_some_and(in_region)
                                            && fixed.iter().all(|p| p.holds(sums, &paper_state))
                                        {
                                            bits.set(c);
                                        }
                                    }
                                }
                                Some(bits)
                            })
                            .collect()
                    })
                    .collect();
                FastTest::Places(PlaceQuery {
                    level: *level,
                    members,
                    needs_wins: predicates.iter().any(Predicate::depends_on_reading),
                    listed,
                })
            }
        })
        .collect();
    Prepared {
        pec_sums: bundle.pec_sums.clone(),
        country_sums,
        tests,
    }
}

/// Win flags of every PEC and country for one weight vector, per rule (and disputed variant).
struct Wins {
    pecs: Vec<Bits>,
    /// [rule][disputed]
    countries: Vec<[Bits; 2]>,
}

fn wins_for(prep: &Prepared, weights: &State) -> Wins {
    let rules = 4;
    let mut pecs = vec![Bits::new(prep.pec_sums.len()); rules];
    let mut countries = vec![
        [
            Bits::new(prep.country_sums[0].len()),
            Bits::new(prep.country_sums[0].len())
        ];
        rules
    ];
    let rule_state = |r: usize| -> State {
        let mut s = *weights;
        if r == 0 {
            s.win = WinRule::Plurality;
        } else {
            s.win = WinRule::Majority;
            s.base = Base::ALL[r - 1];
        }
        s
    };
    let states: Vec<State> = (0..rules).map(rule_state).collect();
    for (i, sums) in prep.pec_sums.iter().enumerate() {
        for (r, s) in states.iter().enumerate() {
            if sums.opposition_wins(s) {
                pecs[r].set(i);
            }
        }
    }
    for (variant, list) in prep.country_sums.iter().enumerate() {
        for (c, sums) in list.iter().enumerate() {
            let Some(sums) = sums else { continue };
            for (r, s) in states.iter().enumerate() {
                if sums.opposition_wins(s) {
                    countries[r][variant].set(c);
                }
            }
        }
    }
    Wins { pecs, countries }
}

/// Whether a claim's verdict is the same for every weight vector.
fn is_weight_free(claim: &Claim, test: &FastTest) -> bool {
    use crate::aggregate::Component;
    let fixed = |ps: &[Predicate]| ps.iter().all(|p| !p.depends_on_reading());
    match (&claim.test, test) {
        (Test::Value { metric, .. } | Test::Compare { metric, .. }, _) => !matches!(
            metric.quantity,
            crate::metric::Quantity::Count(Component::Opposition)
                | crate::metric::Quantity::Share(Component::Opposition)
        ),
        (_, FastTest::Places(q)) => !q.needs_wins,
        (Test::Count { predicates, .. }, _) => fixed(predicates),
        (Test::Rank { by, .. }, _) => *by != Component::Opposition,
        _ => false,
    }
}

/// A claim's outcome in one state of the sweep (same verdicts as `claims::evaluate`).
fn fast_outcome(
    claim: &Claim,
    test: &FastTest,
    s: &State,
    wins: &Wins,
    min_index: usize,
) -> Outcome {
    let g = Grouping::of(s).index();
    let na = Outcome::not_applicable();
    let judge = Outcome::judged;
    match (test, &claim.test) {
        (FastTest::Metric { sums }, Test::Value { metric, .. } | Test::Compare { metric, .. }) => {
            let value = sums[g]
                .as_ref()
                .and_then(|x| claims::quantity_on(metric, x, s));
            claims::judge_metric(&claim.test, value)
        }
        (
            FastTest::Total { sums },
            Test::Count {
                predicates,
                op,
                value,
                ..
            },
        ) => {
            let sums = &sums[g];
            let n = f64::from(u8::from(predicates.iter().all(|p| p.holds(sums, s))));
            judge(op.holds(n, *value), Some(n))
        }
        (
            FastTest::Regions { sums },
            Test::Count {
                predicates,
                op,
                value,
                ..
            },
        ) => {
            let n = sums[g]
                .iter()
                .filter(|(_, r)| predicates.iter().all(|p| p.holds(r, s)))
                .count() as f64;
            judge(op.holds(n, *value), Some(n))
        }
        (FastTest::Rank { sums }, Test::Rank { by, top, bottom }) => {
            if s.regions != RegionScheme::Paper {
                return na;
            }
            let mut shares: Vec<(f64, &String)> = sums[g]
                .iter()
                .map(|(id, x)| (x.share_of_base(*by, s.base, s).unwrap_or(0.0), id))
                .collect();
            shares.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let order: Vec<&String> = shares.into_iter().map(|(_, id)| id).collect();
            judge(claims::rank_holds(&order, top, bottom), None)
        }
        (FastTest::Places(q), test) => {
            let Some(members) = &q.members[g][min_index] else {
                return na;
            };
            let wins_bits = q.needs_wins.then(|| match q.level {
                Level::Pecs => &wins.pecs[rule_index(s)],
                _ => &wins.countries[rule_index(s)][s.disputed as usize],
            });
            let matched = members.count(wins_bits) as f64;
            match test {
                Test::Count { op, value, .. } => judge(op.holds(matched, *value), Some(matched)),
                Test::Set { kind, ids, .. } => {
                    let hit = |i: usize| members.get(i) && wins_bits.is_none_or(|w| w.get(i));
                    let all = q.listed.iter().all(|&i| hit(i)) && q.listed.len() == ids.len();
                    let holds = match kind {
                        SetKind::Includes => all,
                        SetKind::Excludes => !q.listed.iter().any(|&i| hit(i)),
                        SetKind::Equals => all && matched as usize == ids.len(),
                    };
                    judge(holds, Some(matched))
                }
                _ => unreachable!("places queries come from count and set tests"),
            }
        }
        _ => unreachable!("each test is prepared by its own kind"),
    }
}

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
    pub spec: crate::claims::ClaimSpec,
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

/// Distance between two readings: each differing choice counts 1, weights by how far they move,
/// min_issued by thousands of ballots.
pub fn distance(a: &State, b: &State) -> f64 {
    let w = |x: Weight, y: Weight| (x.as_f64() - y.as_f64()).abs();
    let choice = |x: bool| if x { 0.0 } else { 1.0 };
    w(a.invalid, b.invalid)
        + w(a.davankov, b.davankov)
        + w(a.slutsky, b.slutsky)
        + w(a.kharitonov, b.kharitonov)
        + w(a.unreturned, b.unreturned)
        + choice(a.base == b.base)
        + choice(a.baltics == b.baltics)
        + choice(a.disputed == b.disputed)
        + choice(a.win == b.win)
        + choice(a.regions == b.regions)
        + (f64::from(a.min_issued) - f64::from(b.min_issued)).abs() / 1000.0
}

/// Run every claim over every state of the grid.
pub fn run(bundle: &Bundle, grid: &Grid) -> Sweep {
    let claims = &bundle.claims;
    let prep = prepare(bundle, claims, grid);
    let n = grid.size();
    let mut holds = vec![Bits::new(n); claims.len()];
    let mut applicable = vec![Bits::new(n); claims.len()];
    let mut counts = vec![[0u32; 3]; claims.len()];
    let mut ranges: Vec<Option<(f64, f64)>> = vec![None; claims.len()];
    // Weights are the first five keys: states sharing a weight vector are contiguous, so their
    // win flags are computed once.
    let min_key = grid
        .keys
        .iter()
        .position(|(k, _)| k == "min_issued")
        .expect("min_issued is a key");
    let mut wins: Option<(State, Wins)> = None;
    // Claims that do not depend on the weights are judged once per other-key combination.
    let n_min = grid.keys[min_key].1.len();
    let weight_free: Vec<bool> = claims
        .iter()
        .zip(&prep.tests)
        .map(|(c, t)| is_weight_free(c, t))
        .collect();
    let mut cache: Vec<Vec<Option<Outcome>>> = claims
        .iter()
        .map(|_| vec![None; 8 * 3 * 2 * n_min])
        .collect();
    grid.for_each(|index, s, digits| {
        let same_weights = wins.as_ref().is_some_and(|(w, _)| {
            (w.invalid, w.davankov, w.slutsky, w.kharitonov, w.unreturned)
                == (s.invalid, s.davankov, s.slutsky, s.kharitonov, s.unreturned)
        });
        if !same_weights {
            wins = Some((*s, wins_for(&prep, s)));
        }
        let (_, w) = wins.as_ref().expect("set above");
        let slot = ((Grouping::of(s).index() * 3 + s.base as usize) * 2 + s.win as usize) * n_min
            + digits[min_key];
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
    let paper_results = aggregate::compute(bundle, &State::paper());
    let report = claims
        .iter()
        .enumerate()
        .map(|(c, claim)| {
            let paper = claims::evaluate(claim, &paper_results);
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

/// The grid reading nearest `state` where the claim's verdict is not its verdict under `state`.
pub fn flip(
    engine: &crate::Engine,
    sweep: &Sweep,
    claim: &str,
    state: &State,
) -> Result<String, String> {
    let index = sweep
        .claim_index(claim)
        .ok_or_else(|| format!("unknown claim \"{claim}\""))?;
    let now = claims::evaluate(&engine.bundle.claims[index], &engine.compute(state)).verdict;
    let distances = sweep.distances(state);
    let other = match now {
        // From a reading where the claim does not apply, any applicable one flips it.
        Verdict::NotApplicable => sweep.nearest_other(index, &distances, Verdict::NotApplicable),
        v => sweep.nearest_other(index, &distances, v),
    };
    other
        .map(|s| s.canonical())
        .ok_or_else(|| "no reading in the grid gives this claim another verdict".to_string())
}
