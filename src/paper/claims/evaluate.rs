//! A compiled claim judged under one reading's results.

use super::*;
use crate::data::model::UNASSIGNED;
use crate::reading::aggregate::{Aggregate, Results};
use crate::reading::state::RegionScheme;

pub fn metric_value(metric: &Metric, results: &Results) -> Option<f64> {
    quantity_on(
        metric,
        &metric_places(metric, results)?,
        &results.parsed_state,
    )
}

/// The places of a level (within a paper region) under a reading, counted in wins only; None
/// when the region does not exist under the reading's scheme.
pub fn places<'r>(
    level: Level,
    within: &Option<String>,
    results: &'r Results,
) -> Option<Vec<&'r Aggregate>> {
    if within.is_some() && results.parsed_state.regions != RegionScheme::Paper {
        return None;
    }
    let inside = |a: &&Aggregate| within.as_deref().is_none_or(|r| a.place.region == Some(r));
    Some(match level {
        Level::Total => vec![&results.total],
        Level::Regions => results
            .regions
            .iter()
            .filter(|r| r.id != UNASSIGNED.id)
            .collect(),
        Level::Countries => results
            .countries
            .iter()
            .filter(|c| c.counted_in_wins)
            .filter(inside)
            .collect(),
        Level::Pecs => results
            .pecs
            .iter()
            .filter(|p| p.counted_in_wins)
            .filter(inside)
            .collect(),
    })
}

/// A claim's outcome under one reading, from the full results.
pub fn evaluate(claim: &Claim, results: &Results) -> Outcome {
    Shared::new(results).evaluate(claim)
}

/// The outcome of a claim that is neither a count nor a set.
fn judged_alone(claim: &Claim, results: &Results) -> Outcome {
    let s = &results.parsed_state;
    let na = Outcome::not_applicable();
    let judge = Outcome::judged;
    match &claim.test {
        Test::Value { metric, .. } | Test::Compare { metric, .. } => {
            metric_outcome(&claim.test, metric_places(metric, results).as_ref(), s)
        }
        Test::Count { .. } | Test::Set { .. } => evaluate(claim, results),
        Test::Rank { by, top, bottom } => {
            if s.regions != RegionScheme::Paper {
                return na;
            }
            let order = region_order(results, *by);
            judge(
                rank_holds(&order.iter().collect::<Vec<_>>(), top, bottom),
                None,
            )
        }
    }
}

/// Every claim's outcome under one reading: the same as [`evaluate`] on each, with the places
/// of a (level, region) and each predicate's outcome on them found once for all the claims
/// over them (several counts and sets range over the same countries with the same predicate).
pub fn evaluate_all(claims: &[Claim], results: &Results) -> Vec<Outcome> {
    let mut shared = Shared::new(results);
    claims.iter().map(|c| shared.evaluate(c)).collect()
}

/// The places of a level within a region (None where the region does not exist).
type PlaceList<'r> = Option<Vec<&'r Aggregate>>;

/// What claims over the same places share within one [`evaluate_all`], for its one reading.
struct Shared<'c, 'r> {
    results: &'r Results,
    /// Per (level, region): the places (None where the region does not exist).
    lists: Vec<(Level, &'c Option<String>, PlaceList<'r>)>,
    /// Per (level, region, predicate): whether it holds at each of those places.
    tests: Vec<(Level, &'c Option<String>, &'c Predicate, Vec<bool>)>,
}

impl<'c, 'r> Shared<'c, 'r> {
    fn new(results: &'r Results) -> Shared<'c, 'r> {
        Shared {
            results,
            lists: Vec::new(),
            tests: Vec::new(),
        }
    }

    /// The index of (level, region) in `lists`, found or added.
    fn list_at(&mut self, level: Level, within: &'c Option<String>) -> usize {
        match self
            .lists
            .iter()
            .position(|(l, w, _)| *l == level && *w == within)
        {
            Some(at) => at,
            None => {
                let list = places(level, within, self.results);
                self.lists.push((level, within, list));
                self.lists.len() - 1
            }
        }
    }

    /// Which places of (level, region) satisfy every predicate, and the places; None where the
    /// region does not exist.
    fn matched(
        &mut self,
        level: Level,
        within: &'c Option<String>,
        predicates: &'c [Predicate],
    ) -> Option<(Vec<bool>, &[&'r Aggregate])> {
        let s = self.results.parsed_state;
        let at = self.list_at(level, within);
        let list = self.lists[at].2.as_deref()?;
        let mut all = vec![true; list.len()];
        for p in predicates {
            let known = self
                .tests
                .iter()
                .position(|(l, w, q, _)| *l == level && *w == within && *q == p);
            let holds = match known {
                Some(t) => &self.tests[t].3,
                None => {
                    // Who wins each place is in its aggregate already (the same rule).
                    let holds = list
                        .iter()
                        .map(|a| match p {
                            Predicate::OppositionWins => a.opposition_wins,
                            _ => p.holds(&a.sums, &s),
                        })
                        .collect();
                    self.tests.push((level, within, p, holds));
                    &self.tests[self.tests.len() - 1].3
                }
            };
            for (x, &h) in all.iter_mut().zip(holds) {
                *x &= h;
            }
        }
        Some((all, list))
    }

    fn evaluate(&mut self, claim: &'c Claim) -> Outcome {
        let judge = Outcome::judged;
        match &claim.test {
            Test::Count {
                level,
                within,
                predicates,
                op,
                value,
            } => match self.matched(*level, within, predicates) {
                Some((matched, _)) => {
                    let n = matched.iter().filter(|&&x| x).count() as f64;
                    judge(op.holds(n, *value), Some(n))
                }
                None => Outcome::not_applicable(),
            },
            Test::Set {
                level,
                within,
                predicates,
                ids,
                kind,
            } => match self.matched(*level, within, predicates) {
                Some((matched, list)) => {
                    let matched: Vec<&str> = list
                        .iter()
                        .zip(matched)
                        .filter(|(_, x)| *x)
                        .map(|(a, _)| a.id.as_ref())
                        .collect();
                    let listed = |id: &String| matched.contains(&id.as_str());
                    let holds = match kind {
                        SetKind::Includes => ids.iter().all(listed),
                        SetKind::Excludes => !ids.iter().any(listed),
                        SetKind::Equals => ids.iter().all(listed) && matched.len() == ids.len(),
                    };
                    judge(holds, Some(matched.len() as f64))
                }
                None => Outcome::not_applicable(),
            },
            _ => judged_alone(claim, self.results),
        }
    }
}

/// The paper's regions ordered by a share, highest first (compared exactly; ties by id).
pub fn region_order(results: &Results, by: Component) -> Vec<String> {
    let s = &results.parsed_state;
    let mut regions: Vec<(&Sums, &str)> = results
        .regions
        .iter()
        .filter(|r| r.id != UNASSIGNED.id)
        .map(|r| (&r.sums, r.id.as_ref()))
        .collect();
    sort_by_share(&mut regions, by, s);
    regions.into_iter().map(|(_, id)| id.to_string()).collect()
}

/// Places sorted by a share, highest first, compared exactly; ties by id.
pub fn sort_by_share<I: Ord>(places: &mut [(&Sums, I)], by: Component, s: &State) {
    crate::text::order::sort_by(places, |a, b| {
        b.0.cmp_share(a.0, by, s.base, s)
            .then_with(|| a.1.cmp(&b.1))
    });
}

/// Whether `top` are the first regions and `bottom` the last (each as a set).
pub fn rank_holds(order: &[&String], top: &[String], bottom: &[String]) -> bool {
    let first = &order[..top.len().min(order.len())];
    let last = &order[order.len().saturating_sub(bottom.len())..];
    top.iter().all(|id| first.contains(&id)) && bottom.iter().all(|id| last.contains(&id))
}
