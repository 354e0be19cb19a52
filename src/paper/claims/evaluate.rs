//! A compiled claim judged under one reading's results.

use super::*;
use crate::data::model::UNASSIGNED;
use crate::reading::aggregate::{Aggregate, Results};
use crate::reading::state::RegionScheme;

pub fn metric_value(metric: &Metric, results: &Results) -> Option<f64> {
    quantity_on(
        metric,
        &metric.scope.resolve(results)?.sums,
        &results.parsed_state,
    )
}

/// The places of a level (within a paper region) under a reading, counted in wins only.
fn places<'r>(
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
            judge_metric(&claim.test, metric_value(metric, results))
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

/// The paper's regions ordered by a share, highest first.
pub fn region_order(results: &Results, by: Component) -> Vec<String> {
    let s = &results.parsed_state;
    let mut shares: Vec<(f64, &str)> = results
        .regions
        .iter()
        .filter(|r| r.id != UNASSIGNED.id)
        .map(|r| {
            (
                r.sums.share_of_base(by, s.base, s).unwrap_or(0.0),
                r.id.as_ref(),
            )
        })
        .collect();
    shares.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    shares.into_iter().map(|(_, id)| id.to_string()).collect()
}

/// Whether `top` are the first regions and `bottom` the last (each as a set).
pub fn rank_holds(order: &[&String], top: &[String], bottom: &[String]) -> bool {
    let first = &order[..top.len().min(order.len())];
    let last = &order[order.len().saturating_sub(bottom.len())..];
    top.iter().all(|id| first.contains(&id)) && bottom.iter().all(|id| last.contains(&id))
}
