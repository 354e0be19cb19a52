//! Claims prepared for the sweep: the sums each needs per grouping, win flags as bitsets, and a
//! claim's outcome in one reading from them (the same verdicts as `claims::evaluate`).

use super::bits::Bits;
use super::grid::Grid;
use crate::data::model::UNASSIGNED;
use crate::paper::claims::{self, Claim, Level, Outcome, Predicate, SetKind, Test};
use crate::reading::aggregate::{self, Sums};
use crate::reading::dataset::Dataset;
use crate::reading::state::{Baltics, Base, Disputed, RegionScheme, Russia, State, WinRule};

/// One grouping of PECs: which count, and where the Baltic states and regions fall.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Grouping {
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

/// The win rules a grid can hold: plurality, or majority over one base.
pub(super) fn rule_index(s: &State) -> usize {
    match s.win {
        WinRule::Plurality => 0,
        WinRule::Majority => 1 + s.base as usize,
    }
}

/// Everything a claim over PECs or countries needs that does not depend on the weights.
pub(super) struct PlaceQuery {
    level: Level,
    /// Places that satisfy the fixed predicates, are counted, and lie within the claim's region,
    /// per grouping and min_issued value; None where the region does not exist.
    members: Vec<Vec<Option<Bits>>>,
    needs_wins: bool,
    /// Indices of the listed ids (sets).
    listed: Vec<usize>,
}

/// A claim prepared for the sweep.
pub(super) enum FastTest {
    /// Value or compare: the scope's sums (and the other place's, for a comparison of two
    /// places) per grouping and meaning of "Russia" (None: no such place there).
    Metric {
        sums: Vec<Option<claims::Places>>,
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

/// Each grouping's results once per meaning of "Russia" (index `metric_index`).
fn by_meaning(
    bundle: &Dataset,
    results: &[Option<aggregate::Results>],
) -> Vec<Option<aggregate::Results>> {
    let mut out = Vec::with_capacity(results.len() * Russia::ALL.len());
    for r in results {
        for &russia in Russia::ALL {
            out.push(r.as_ref().map(|r| {
                let mut r = r.clone();
                r.national = bundle.national.of(russia);
                r
            }));
        }
    }
    out
}

/// The index of a reading's grouping and meaning of "Russia" in `FastTest::Metric`.
fn metric_index(s: &State) -> usize {
    Grouping::of(s).index() * Russia::ALL.len() + s.russia as usize
}

/// The sweep's precomputed data.
pub(super) struct Prepared {
    pub(super) pec_sums: Vec<Sums>,
    /// Per disputed variant: each country's sums (None if it has no PEC then).
    pub(super) country_sums: [Vec<Option<Sums>>; 2],
    /// The same places' counts for the win rules (None: too large for `WinCounts`).
    pub(super) pec_counts: Vec<Option<WinCounts>>,
    pub(super) country_counts: [Vec<Option<WinCounts>>; 2],
    pub(super) tests: Vec<FastTest>,
}

/// Each grouping's regions (without the unassigned PECs) and their sums.
pub(super) fn region_sums(results: &[Option<aggregate::Results>]) -> Vec<Vec<(String, Sums)>> {
    let named = |r: &Option<aggregate::Results>| -> Vec<(String, Sums)> {
        r.iter()
            .flat_map(|r| &r.regions)
            .filter(|a| a.id != UNASSIGNED.id)
            .map(|a| (a.id.to_string(), a.sums))
            .collect()
    };
    results.iter().map(named).collect()
}

pub(super) fn grouping_list() -> Vec<Grouping> {
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

pub(super) fn prepare(bundle: &Dataset, claims: &[Claim], grid: &Grid) -> Prepared {
    let groupings = grouping_list();
    // Only the groupings the grid holds are computed (a small grid costs little); the others are
    // never looked up.
    let results: Vec<Option<aggregate::Results>> = groupings
        .iter()
        .map(|g| {
            let s = g.state();
            ["disputed", "baltics", "regions"]
                .iter()
                .all(|k| grid.holds_value_of(k, &s))
                .then(|| aggregate::compute(bundle, &s))
        })
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
    let by_meaning = by_meaning(bundle, &results);
    let tests = claims
        .iter()
        .map(|claim| match &claim.test {
            Test::Value { metric, .. } | Test::Compare { metric, .. } => FastTest::Metric {
                sums: by_meaning
                    .iter()
                    .map(|r| r.as_ref().and_then(|r| claims::metric_places(metric, r)))
                    .collect(),
            },
            Test::Count {
                level: Level::Total,
                ..
            } => FastTest::Total {
                sums: results
                    .iter()
                    .map(|r| r.as_ref().map(|r| r.total.sums).unwrap_or_default())
                    .collect(),
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
                    .zip(&results)
                    .map(|(g, computed)| {
                        let gs = g.state();
                        min_issued
                            .iter()
                            .map(|&min| {
                                if computed.is_none()
                                    || (within.is_some() && g.regions != RegionScheme::Paper)
                                {
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
        pec_counts: bundle.pec_sums.iter().map(WinCounts::of).collect(),
        country_counts: country_sums.each_ref().map(|list| {
            list.iter()
                .map(|s| s.as_ref().and_then(WinCounts::of))
                .collect()
        }),
        country_sums,
        tests,
    }
}

/// Win flags of every PEC and country for one weight vector, per rule (and disputed variant).
pub(super) struct Wins {
    pecs: Vec<Bits>,
    /// [rule][disputed]
    countries: Vec<[Bits; 2]>,
}

pub(super) fn wins_for(prep: &Prepared, weights: &State) -> Wins {
    let mut pecs = vec![Bits::new(prep.pec_sums.len()); RULES];
    let mut countries = vec![
        [
            Bits::new(prep.country_sums[0].len()),
            Bits::new(prep.country_sums[0].len())
        ];
        RULES
    ];
    let w = [
        weights.invalid,
        weights.davankov,
        weights.slutsky,
        weights.kharitonov,
        weights.unreturned,
    ]
    .map(|x| x.scaled());
    let wins = |counts: &Option<WinCounts>, sums: &Sums| match counts {
        Some(c) => c.wins(&w),
        None => rule_wins(sums, weights),
    };
    for (i, sums) in prep.pec_sums.iter().enumerate() {
        for (r, won) in wins(&prep.pec_counts[i], sums).into_iter().enumerate() {
            if won {
                pecs[r].set(i);
            }
        }
    }
    for (variant, list) in prep.country_sums.iter().enumerate() {
        for (c, sums) in list.iter().enumerate() {
            let Some(sums) = sums else { continue };
            for (r, won) in wins(&prep.country_counts[variant][c], sums)
                .into_iter()
                .enumerate()
            {
                if won {
                    countries[r][variant].set(c);
                }
            }
        }
    }
    Wins { pecs, countries }
}

/// A place's counts the win rules read, taken once: the invalid ballots, the three other
/// candidates' votes and the unreturned ballots (the opposition's parts, in the weights' order),
/// Putin's votes, and the three bases. Only for small counts (`is_small`).
#[derive(Clone, Copy)]
pub(super) struct WinCounts {
    parts: [i64; 5],
    putin: i64,
    bases: [i64; 3],
}

impl WinCounts {
    pub(super) fn of(sums: &Sums) -> Option<WinCounts> {
        use crate::data::model::Candidate;
        is_small(sums).then(|| WinCounts {
            parts: [
                sums.invalid,
                sums.votes(Candidate::Davankov),
                sums.votes(Candidate::Slutsky),
                sums.votes(Candidate::Kharitonov),
                sums.unreturned(),
            ],
            putin: sums.votes(Candidate::Putin),
            bases: [sums.issued(), sums.cast(), sums.valid],
        })
    }

    /// `rule_wins` at the weights in units of 1/10 000 (`weights`, in the parts' order).
    #[inline(always)]
    fn wins(&self, w: &[i64; 5]) -> [bool; RULES] {
        use crate::reading::state::WEIGHT_SCALE;
        let times = |a: i64, b: i64| a.wrapping_mul(b);
        let p = &self.parts;
        let invalid = times(w[0], p[0]);
        let unreturned = times(w[4], p[4]);
        let opposition =
            invalid + times(w[1], p[1]) + times(w[2], p[2]) + times(w[3], p[3]) + unreturned;
        let outside = [0, unreturned, invalid + unreturned];
        let mut out = [opposition - times(self.putin, WEIGHT_SCALE) > 0; RULES];
        for b in 0..3 {
            out[1 + b] =
                times(2, opposition) - (times(self.bases[b], WEIGHT_SCALE) + outside[b]) > 0;
        }
        out
    }
}

/// The win rules (`rule_index`): plurality, then majority over each base.
const RULES: usize = 4;

/// Counts below this (in absolute value) keep the win rules' weighted sums far inside i64: a
/// weight is at most 10 000 < 2^14, a derived count (issued, cast, unreturned) below 2^39, so each
/// product is below 2^53 and each margin below 2^57.
const SMALL: u64 = 1 << 36;

/// Whether every count of the sums is below `SMALL`.
#[inline(always)]
fn is_small(s: &Sums) -> bool {
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
fn rule_wins(sums: &Sums, weights: &State) -> [bool; RULES] {
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

/// A predicate on a place's sums (`Predicate::holds`), who wins by `rule_wins`.
#[inline(always)]
fn holds(p: &Predicate, sums: &Sums, s: &State) -> bool {
    match p {
        Predicate::OppositionWins => rule_wins(sums, s)[rule_index(s)],
        other => other.holds(sums, s),
    }
}

/// Whether a claim's verdict is the same for every weight vector.
pub(super) fn is_weight_free(claim: &Claim, test: &FastTest) -> bool {
    use crate::reading::aggregate::Component;
    let fixed = |ps: &[Predicate]| ps.iter().all(|p| !p.depends_on_reading());
    match (&claim.test, test) {
        (Test::Value { .. } | Test::Compare { .. }, _) => !claim.depends_on_weights(),
        (_, FastTest::Places(q)) => !q.needs_wins,
        (Test::Count { predicates, .. }, _) => fixed(predicates),
        (Test::Rank { by, .. }, _) => *by != Component::Opposition,
        _ => false,
    }
}

/// A claim's outcome in one state of the sweep (same verdicts as `claims::evaluate`). Called once
/// per reading, never inlined (see `sweep::judge`).
#[inline(never)]
pub(super) fn fast_outcome(
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
        (FastTest::Metric { sums }, Test::Value { .. } | Test::Compare { .. }) => {
            claims::metric_outcome(&claim.test, sums[metric_index(s)].as_ref(), s)
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
            let n = f64::from(u8::from(predicates.iter().all(|p| holds(p, sums, s))));
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
                .filter(|(_, r)| predicates.iter().all(|p| holds(p, r, s)))
                .count() as f64;
            judge(op.holds(n, *value), Some(n))
        }
        (FastTest::Rank { sums }, Test::Rank { by, top, bottom }) => {
            if s.regions != RegionScheme::Paper {
                return na;
            }
            // `claims::sort_by_share` with each region's fraction taken once (as
            // `Sums::cmp_share` takes it: a region without a base counts as 0).
            let mut regions: Vec<(i128, i128, &String)> = sums[g]
                .iter()
                .map(|(id, x)| match x.share_parts(*by, s.base, s) {
                    (_, 0) => (0, 1, id),
                    (part, whole) => (i128::from(part), i128::from(whole), id),
                })
                .collect();
            crate::text::order::sort_by(&mut regions, |a, b| {
                (b.0 * a.1).cmp(&(a.0 * b.1)).then_with(|| a.2.cmp(b.2))
            });
            let order: Vec<&String> = regions.into_iter().map(|(_, _, id)| id).collect();
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
