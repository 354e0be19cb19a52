//! Claims prepared for the sweep: the sums each needs per grouping, win flags as bitsets, and a
//! claim's outcome in one reading from them (the same verdicts as `claims::evaluate`).

use super::bits::Bits;
use super::grid::Grid;
use super::order;
use super::wins::{WinCounts, WinPlaces, Wins, rule_wins, scaled_weights};
use crate::data::model::UNASSIGNED;
use crate::paper::claims::{self, Claim, Level, Outcome, Predicate, SetKind, Test};
use crate::reading::aggregate::{self, Component, Sums};
use crate::reading::dataset::Dataset;
use crate::reading::state::{Baltics, Disputed, RegionScheme, Russia, State, WinRule};

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
        /// The printed figure or threshold (`claims::metric_figure`), taken once.
        figure: Option<claims::Figure>,
    },
    Places(PlaceQuery),
    Regions {
        sums: Vec<Vec<(String, Sums)>>,
        /// The same regions' counts for the win rules (`WinCounts::of`).
        counts: Vec<Vec<Option<WinCounts>>>,
    },
    Total {
        sums: Vec<Sums>,
    },
    Rank {
        sums: Vec<Vec<(String, Sums)>>,
        /// Per grouping: each region's id's rank among the ids (`order::ranks`).
        ranks: Vec<Vec<u32>>,
    },
}

/// Each metric claim's places (`claims::metric_places`) per grouping and meaning of "Russia"
/// (index `metric_index`; None for other claims): each grouping's results taken with each
/// meaning in turn, without copying them.
fn metric_sums(
    bundle: &Dataset,
    claims: &[Claim],
    results: &mut [Option<aggregate::Results>],
) -> Vec<Vec<Option<claims::Places>>> {
    let mut out: Vec<Vec<Option<claims::Places>>> = claims
        .iter()
        .map(|_| Vec::with_capacity(results.len() * Russia::ALL.len()))
        .collect();
    for r in results.iter_mut() {
        let paper = r.as_ref().map(|r| r.national);
        for &russia in Russia::ALL {
            if let Some(r) = r.as_mut() {
                r.national = bundle.national.of(russia);
            }
            for (claim, list) in claims.iter().zip(out.iter_mut()) {
                if let Test::Value { metric, .. } | Test::Compare { metric, .. } = &claim.test {
                    list.push(r.as_ref().and_then(|r| claims::metric_places(metric, r)));
                }
            }
        }
        if let (Some(r), Some(paper)) = (r.as_mut(), paper) {
            r.national = paper;
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
    /// Every PEC's and country's sums, for the win flags.
    pub(super) places: WinPlaces,
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
    let mut results: Vec<Option<aggregate::Results>> = groupings
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
    let mut metric_sums = metric_sums(bundle, claims, &mut results);
    let tests = claims
        .iter()
        .zip(metric_sums.iter_mut())
        .map(|(claim, metric_sums)| match &claim.test {
            Test::Value { .. } | Test::Compare { .. } => FastTest::Metric {
                sums: std::mem::take(metric_sums),
                figure: claims::metric_figure(&claim.test),
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
            } => {
                let sums = region_sums(&results);
                let counts = sums
                    .iter()
                    .map(|list| list.iter().map(|(_, x)| WinCounts::of(x)).collect())
                    .collect();
                FastTest::Regions { sums, counts }
            }
            Test::Rank { .. } => {
                let sums = region_sums(&results);
                let ranks = sums
                    .iter()
                    .map(|list| {
                        let ids: Vec<&String> = list.iter().map(|(id, _)| id).collect();
                        order::ranks(&ids)
                    })
                    .collect();
                FastTest::Rank { sums, ranks }
            }
            Test::Count { .. } | Test::Set { .. } => {
                let (level, within, predicates) =
                    claim.test.places().expect("a count or a set has places");
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
                                let mut bits = Bits::new(if level == Level::Pecs {
                                    n_pecs
                                } else {
                                    n_countries
                                });
                                let in_region = |pec: usize| {
                                    within.as_deref().is_none_or(|r| {
                                        aggregate::region_of(&bundle.pecs[pec], &gs) == Some(r)
                                    })
                                };
                                if level == Level::Pecs {
                                    for (i, pec) in bundle.pecs.iter().enumerate() {
                                        let sums = &bundle.pec_sums[i];
                                        if aggregate::included(pec, &gs)
                                            && sums.issued() >= i64::from(min)
                                            && in_region(i)
                                            && fixed.iter().all(|p| holds(p, sums, &paper_state))
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
                                            && fixed.iter().all(|p| holds(p, sums, &paper_state))
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
                    level,
                    members,
                    needs_wins: predicates.iter().any(Predicate::depends_on_reading),
                    listed,
                })
            }
        })
        .collect();
    Prepared {
        places: WinPlaces::new(bundle.pec_sums.clone(), country_sums),
        tests,
    }
}

/// A predicate on a place's sums (`Predicate::holds`), who wins by `rule_wins`.
#[inline(always)]
fn holds(p: &Predicate, sums: &Sums, s: &State) -> bool {
    match p {
        Predicate::OppositionWins => rule_wins(sums, s)[rule_index(s)],
        // `Predicate::holds`, the counts by `claims::parts` (no checked multiplication).
        Predicate::Compare {
            left,
            op,
            right,
            negate,
        } => {
            let total = |cs: &[Component]| {
                cs.iter()
                    .map(|&c| claims::parts::count(sums, c, s))
                    .sum::<i64>()
            };
            op.holds(total(left), total(right)) != *negate
        }
    }
}

/// `claims::sort_by_share` and `claims::rank_holds` on a grouping's regions, with each region's
/// share taken once (as `Sums::cmp_share` takes it: a region without a base counts as 0) and
/// compared by `order::cmp_desc`, ties by id through the ids' ranks. A stable insertion sort in
/// place (a dozen regions), so a reading allocates one list, not four.
#[inline(never)]
fn rank(
    sums: &[(String, Sums)],
    ranks: &[u32],
    by: Component,
    top: &[String],
    bottom: &[String],
    s: &State,
) -> bool {
    let mut regions: Vec<(order::Share, u32, usize)> = sums
        .iter()
        .zip(ranks)
        .enumerate()
        .map(
            |(i, ((_, x), &rank))| match claims::parts::share_parts(x, by, s.base, s) {
                (_, 0) => (order::Share::new(0, 1), rank, i),
                (part, whole) => (order::Share::new(part, whole), rank, i),
            },
        )
        .collect();
    for i in 1..regions.len() {
        let mut j = i;
        while j > 0 && {
            let (a, b) = (&regions[j - 1], &regions[j]);
            order::cmp_desc(&a.0, &b.0).then_with(|| a.1.cmp(&b.1)) == std::cmp::Ordering::Greater
        } {
            regions.swap(j - 1, j);
            j -= 1;
        }
    }
    // `rank_holds`: the first `top.len()` and the last `bottom.len()`, each as a set.
    let n = regions.len();
    let first = &regions[..top.len().min(n)];
    let last = &regions[n.saturating_sub(bottom.len())..];
    let within = |list: &[(order::Share, u32, usize)], id: &String| {
        list.iter().any(|&(_, _, i)| &sums[i].0 == id)
    };
    top.iter().all(|id| within(first, id)) && bottom.iter().all(|id| within(last, id))
}

/// Whether a claim's verdict is the same for every weight vector.
pub(super) fn is_weight_free(claim: &Claim, test: &FastTest) -> bool {
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
    wins: Wins<'_>,
    min_index: usize,
) -> Outcome {
    let g = Grouping::of(s).index();
    let na = Outcome::not_applicable();
    let judge = Outcome::judged;
    match (test, &claim.test) {
        (FastTest::Metric { sums, figure }, Test::Value { .. } | Test::Compare { .. }) => {
            claims::metric_outcome_at(&claim.test, sums[metric_index(s)].as_ref(), s, *figure)
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
            FastTest::Regions { sums, counts },
            Test::Count {
                predicates,
                op,
                value,
                ..
            },
        ) => {
            // Who wins a region from its counts taken once, under the reading's rule only.
            let (w, rule) = (scaled_weights(s), rule_index(s));
            let n = sums[g]
                .iter()
                .zip(&counts[g])
                .filter(|((_, r), c)| {
                    predicates.iter().all(|p| match (p, c) {
                        (Predicate::OppositionWins, Some(c)) => c.wins_under(&w, rule),
                        _ => holds(p, r, s),
                    })
                })
                .count() as f64;
            judge(op.holds(n, *value), Some(n))
        }
        (FastTest::Rank { sums, ranks }, Test::Rank { by, top, bottom }) => {
            if s.regions != RegionScheme::Paper {
                return na;
            }
            judge(rank(&sums[g], &ranks[g], *by, top, bottom, s), None)
        }
        (FastTest::Places(q), test) => {
            let Some(members) = &q.members[g][min_index] else {
                return na;
            };
            let wins_bits = q.needs_wins.then(|| match q.level {
                Level::Pecs => wins.pecs(rule_index(s)),
                _ => wins.countries(rule_index(s), s.disputed as usize),
            });
            let matched = members.count(wins_bits) as f64;
            match test {
                Test::Count { op, value, .. } => judge(op.holds(matched, *value), Some(matched)),
                Test::Set { kind, ids, .. } => {
                    let hit =
                        |i: usize| members.get(i) && wins_bits.is_none_or(|w| Bits::get_in(w, i));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Candidate;
    use crate::reading::state::{Base, Weight};

    /// `rank` against `claims::sort_by_share` and `claims::rank_holds`, on regions with tied
    /// shares, shares without a base, repeated ids, and every top and bottom of one or two ids.
    #[test]
    fn rank_as_sort_by_share() {
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d_u64);
        for round in 0..600 {
            let n = 1 + round % 12;
            let modulus = if round % 4 == 0 { 5 } else { 13 };
            let mut draw = || (next() % 4) as i64;
            let sums: Vec<(String, Sums)> = (0..n)
                .map(|i| {
                    let x = Sums {
                        early: draw(),
                        inside: draw(),
                        portable: draw(),
                        stationary: draw(),
                        invalid: draw(),
                        valid: draw(),
                        votes: [draw(), draw(), draw(), draw()],
                        ..Sums::default()
                    };
                    (format!("r{}", (i * 7 + round) % modulus), x)
                })
                .collect();
            let ids: Vec<&String> = sums.iter().map(|(id, _)| id).collect();
            let ranks = order::ranks(&ids);
            let mut s = State::paper();
            let weights = [0, 5_000, 10_000].map(|u| Weight::from_scaled(u).unwrap());
            s.unreturned = weights[round % 3];
            s.invalid = weights[(round / 3) % 3];
            s.base = Base::ALL[round % 3];
            let picks: Vec<Vec<String>> = ids
                .iter()
                .map(|id| vec![id.to_string()])
                .chain([
                    vec!["r0".to_string(), "r1".to_string()],
                    vec!["none".into()],
                ])
                .collect();
            for by in [
                Component::Candidate(Candidate::Davankov),
                Component::Opposition,
                Component::Invalid,
            ] {
                let mut places: Vec<(&Sums, &String)> =
                    sums.iter().map(|(id, x)| (x, id)).collect();
                claims::sort_by_share(&mut places, by, &s);
                let order: Vec<&String> = places.iter().map(|(_, id)| *id).collect();
                for top in &picks {
                    for bottom in &picks {
                        assert_eq!(
                            rank(&sums, &ranks, by, top, bottom, &s),
                            claims::rank_holds(&order, top, bottom),
                            "{by:?} {top:?} {bottom:?} {order:?}"
                        );
                    }
                }
            }
        }
    }
}
