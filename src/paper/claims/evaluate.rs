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
    let s = &results.parsed_state;
    let na = Outcome::not_applicable();
    let judge = Outcome::judged;
    match &claim.test {
        Test::Value { metric, .. } | Test::Compare { metric, .. } => {
            metric_outcome(&claim.test, metric_places(metric, results).as_ref(), s)
        }
        Test::Count {
            level,
            within,
            predicates,
            op,
            value,
        } => match places(*level, within, results) {
            Some(list) => {
                let n = list
                    .iter()
                    .filter(|a| predicates.iter().all(|p| p.holds(&a.sums, s)))
                    .count() as f64;
                judge(op.holds(n, *value), Some(n))
            }
            None => na,
        },
        Test::Set {
            level,
            within,
            predicates,
            ids,
            kind,
        } => match places(*level, within, results) {
            Some(list) => {
                let matched: Vec<&str> = list
                    .iter()
                    .filter(|a| predicates.iter().all(|p| p.holds(&a.sums, s)))
                    .map(|a| a.id.as_ref())
                    .collect();
                let listed = |id: &String| matched.contains(&id.as_str());
                let holds = match kind {
                    SetKind::Includes => ids.iter().all(listed),
                    SetKind::Excludes => !ids.iter().any(listed),
                    SetKind::Equals => ids.iter().all(listed) && matched.len() == ids.len(),
                };
                judge(holds, Some(matched.len() as f64))
            }
            None => na,
        },
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
