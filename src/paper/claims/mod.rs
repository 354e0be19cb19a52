//! The paper's conclusions as data (data/claims.json), in a small language, and their verdict
//! under one reading.
//!
//! A claim's `test` is one of:
//! - `{"value": METRIC, "published": "16,65"}`: the metric against a printed figure (shares in
//!   percentage points, counts in ballots), with three verdicts: reproduced at the printed
//!   precision, off in the last printed digit, or differs (see `judge`);
//! - `{"compare": METRIC, "op": OP, "than": "90 000"}`: the metric against a number;
//! - `{"count": LEVEL, "in": "region:ID"?, "where": [PREDICATE...], "op": OP, "target": "41"}`: how
//!   many of the level's places satisfy every predicate;
//! - `{"set": "countries"|"pecs", "in"?, "where": [...], "includes"|"equals"|"excludes": [IDS]}`;
//! - `{"rank": "regions", "by": "share:COMPONENT", "top": [IDS], "bottom": [IDS]}`.
//!
//! METRIC is `QUANTITY@SCOPE` (`share:davankov@total`, `count:opposition@region:europe`); LEVEL is
//! `total`, `regions`, `countries` or `pecs`; OP is one of `= < <= > >=`; a PREDICATE is
//! `opposition_wins` (under the reading's weights and win rule) or a comparison of sums of counts,
//! `count:davankov + count:invalid > count:putin`, optionally preceded by `not`. Places left out of
//! win counts (`min_issued`, no established country) are left out of counts and sets. A region
//! named in a claim is the paper's: under `regions=un` such a claim is not applicable.

mod depends;
mod evaluate;
mod judge;
pub mod parts;

pub use depends::KeySet;

pub use evaluate::{
    evaluate, evaluate_all, metric_value, places, rank_holds, region_order, sort_by_share,
};
pub use judge::{
    Figure, Fraction, against_printed, against_threshold, exact_quantity, metric_figure,
    metric_outcome, metric_outcome_at,
};

use super::published::Printed;
pub use crate::data::bundle::CLAIMS_FILE;
use crate::data::bundle::{Bundle, BundleError, bundle_error};
pub use crate::data::files::{ClaimSpec, ClaimsFile, TestSpec};
use crate::data::model::PAPER_REGIONS;
use crate::reading::aggregate::{Component, Sums};
use crate::reading::scope::{Quantity, Scope};
use crate::reading::state::State;
use serde::Serialize;

pub use crate::reading::measure::Op;

/// A quantity at a place, or the same quantity at two places compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub quantity: Quantity,
    pub scope: Scope,
    /// `vs SCOPE` (a multiple) or `of SCOPE` (a percentage): the quantity here against the same
    /// quantity there.
    pub versus: Option<Versus>,
}

/// The other place of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Versus {
    pub scope: Scope,
    /// `part:C@HERE of THERE`: a count here as a percentage of the count there; otherwise
    /// `Q@HERE vs THERE`, the quantity here divided by the quantity there (a multiple).
    pub part: bool,
}

impl Metric {
    /// Whether the metric shows as a percentage (a share, or a part of another place's count).
    pub fn is_percent(&self) -> bool {
        match &self.versus {
            None => self.quantity.is_share(),
            Some(v) => v.part,
        }
    }
    /// Whether it shows as a multiple (`vs`).
    pub fn is_multiple(&self) -> bool {
        self.versus.as_ref().is_some_and(|v| !v.part)
    }
}

/// The sums a metric is taken on: its place's, and for a comparison the other place's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Places {
    pub here: Sums,
    pub there: Option<Sums>,
}

/// A metric's places under a reading's results; None when one of them is absent.
pub fn metric_places(
    metric: &Metric,
    results: &crate::reading::aggregate::Results,
) -> Option<Places> {
    let here = metric.scope.resolve(results)?.sums;
    let there = match &metric.versus {
        None => None,
        Some(v) => Some(v.scope.resolve(results)?.sums),
    };
    Some(Places { here, there })
}

/// What a count or set ranges over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Total,
    Regions,
    Countries,
    Pecs,
}

/// A condition on one place's sums.
#[derive(Clone, Debug, PartialEq)]
pub enum Predicate {
    OppositionWins,
    Compare {
        left: Vec<Component>,
        op: Op,
        right: Vec<Component>,
        negate: bool,
    },
}

impl Predicate {
    pub fn holds(&self, sums: &Sums, state: &State) -> bool {
        match self {
            Predicate::OppositionWins => sums.opposition_wins(state),
            Predicate::Compare {
                left,
                op,
                right,
                negate,
            } => {
                let total =
                    |cs: &[Component]| cs.iter().map(|&c| sums.count(c, state)).sum::<i64>();
                op.holds(total(left), total(right)) != *negate
            }
        }
    }
    /// Whether the predicate depends on the weights and the win rule.
    pub fn depends_on_reading(&self) -> bool {
        matches!(self, Predicate::OppositionWins)
    }
}

/// A compiled test.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    Value {
        metric: Metric,
        published: Printed,
    },
    Compare {
        metric: Metric,
        op: Op,
        than: Printed,
    },
    Count {
        level: Level,
        within: Option<String>,
        predicates: Vec<Predicate>,
        op: Op,
        value: f64,
    },
    Set {
        level: Level,
        within: Option<String>,
        predicates: Vec<Predicate>,
        ids: Vec<String>,
        kind: SetKind,
    },
    Rank {
        by: Component,
        top: Vec<String>,
        bottom: Vec<String>,
    },
}

impl Test {
    /// A count's or a set's places: their level, the region they lie within, and what each must
    /// satisfy; None for the other tests.
    pub fn places(&self) -> Option<(Level, &Option<String>, &[Predicate])> {
        match self {
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
            } => Some((*level, within, predicates)),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetKind {
    Includes,
    Equals,
    Excludes,
}

/// A claim, compiled.
#[derive(Clone, Debug)]
pub struct Claim {
    pub spec: ClaimSpec,
    pub test: Test,
}

impl Claim {
    /// The printed figure or threshold it is about, in its display unit.
    pub fn target(&self) -> Option<f64> {
        match &self.test {
            Test::Value { published, .. } => Some(published.value),
            Test::Compare { than, .. } => Some(than.value),
            Test::Count { value, .. } => Some(*value),
            _ => None,
        }
    }
    /// Whether it is judged against a printed figure (three verdicts: reproduced, off in the
    /// last printed digit, differs) rather than holding or failing.
    pub fn against_printed(&self) -> bool {
        matches!(self.test, Test::Value { .. })
    }
    /// Whether its verdict can depend on the weights (the opposition's count or share, or who
    /// wins a place); if not, it is the same at every weight.
    pub fn depends_on_weights(&self) -> bool {
        let opposition = |q: Quantity| {
            matches!(
                q,
                Quantity::Count(Component::Opposition)
                    | Quantity::Share(Component::Opposition)
                    | Quantity::Ratio(Component::Opposition, _)
                    | Quantity::Ratio(_, Component::Opposition)
            )
        };
        match &self.test {
            Test::Value { metric, .. } | Test::Compare { metric, .. } => {
                opposition(metric.quantity)
            }
            Test::Count { predicates, .. } | Test::Set { predicates, .. } => {
                predicates.iter().any(Predicate::depends_on_reading)
            }
            Test::Rank { by, .. } => *by == Component::Opposition,
        }
    }
    /// Whether its verdict can depend on what "Russia" means (it compares with `national`).
    pub fn depends_on_russia(&self) -> bool {
        match &self.test {
            Test::Value { metric, .. } | Test::Compare { metric, .. } => {
                metric.scope == Scope::National
                    || metric
                        .versus
                        .as_ref()
                        .is_some_and(|v| v.scope == Scope::National)
            }
            _ => false,
        }
    }
    /// Its short title in a language.
    pub fn title(&self) -> crate::text::Text {
        crate::text::Text::new(&self.spec.title_en, &self.spec.title_ru)
    }
    /// Where it stands in the paper (section, table), in a language.
    pub fn place(&self) -> crate::text::Text {
        crate::text::Text::new(&self.spec.location, &self.spec.location_ru)
    }
}

/// A claim's verdict under one reading. Against a printed figure, `Holds` is "reproduced",
/// `OffLastDigit` a miss in the last printed digit and `Fails` "differs".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Holds,
    /// Against a printed figure: less than one unit of its last digit away (rounding, truncation).
    OffLastDigit,
    Fails,
    /// The claim's place does not exist under this reading (a paper region under UN regions).
    NotApplicable,
}

/// A claim's verdict and, for numeric claims, the number it was judged on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Percentage points for shares, ballots or places for counts.
    pub value: Option<f64>,
}

impl Outcome {
    pub fn not_applicable() -> Outcome {
        Outcome {
            verdict: Verdict::NotApplicable,
            value: None,
        }
    }
    pub fn judged(holds: bool, value: Option<f64>) -> Outcome {
        Outcome {
            verdict: if holds {
                Verdict::Holds
            } else {
                Verdict::Fails
            },
            value,
        }
    }
}

/// A metric's quantity on its places, in its display unit (percentage points for shares and
/// parts, a multiple for `vs`).
pub fn quantity_on(metric: &Metric, places: &Places, state: &State) -> Option<f64> {
    if metric.versus.is_some() {
        let f = exact_quantity(metric, places, state)?;
        return Some(f.num as f64 / f.den as f64);
    }
    let raw = metric.quantity.value(&places.here, state.base, state)?;
    Some(if metric.quantity.is_share() {
        raw * 100.0
    } else {
        raw
    })
}

fn parse_level(text: &str) -> Option<Level> {
    Some(match text {
        "total" => Level::Total,
        "regions" => Level::Regions,
        "countries" => Level::Countries,
        "pecs" => Level::Pecs,
        _ => return None,
    })
}

fn parse_sum(text: &str) -> Result<Vec<Component>, String> {
    text.split('+')
        .map(|part| {
            let part = part.trim();
            let c = part
                .strip_prefix("count:")
                .and_then(Component::parse)
                .ok_or_else(|| format!("\"{part}\" is not count:COMPONENT"))?;
            if c == Component::Opposition {
                return Err(
                    "count:opposition belongs in opposition_wins, not in a comparison".into(),
                );
            }
            Ok(c)
        })
        .collect()
}

fn parse_predicate(text: &str) -> Result<Predicate, String> {
    let text = text.trim();
    if text == "opposition_wins" {
        return Ok(Predicate::OppositionWins);
    }
    let (negate, body) = match text.strip_prefix("not ") {
        Some(rest) => (true, rest.trim()),
        None => (false, text),
    };
    for (symbol, op) in [
        (">=", Op::Ge),
        ("<=", Op::Le),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ] {
        if let Some((left, right)) = body.split_once(symbol) {
            return Ok(Predicate::Compare {
                left: parse_sum(left)?,
                op,
                right: parse_sum(right)?,
                negate,
            });
        }
    }
    Err(format!(
        "\"{text}\" is neither opposition_wins nor a comparison like count:davankov > count:putin"
    ))
}

fn parse_metric(text: &str, bundle: &Bundle) -> Result<Metric, String> {
    let (text, versus) = if let Some(rest) = text.strip_prefix("part:") {
        let (here, there) = rest
            .split_once(" of ")
            .ok_or_else(|| format!("\"part:{rest}\" is not part:COMPONENT@SCOPE of SCOPE"))?;
        (format!("count:{here}"), Some((there, true)))
    } else if let Some((here, there)) = text.split_once(" vs ") {
        (here.to_string(), Some((there, false)))
    } else {
        (text.to_string(), None)
    };
    let (quantity, scope) = text
        .split_once('@')
        .ok_or_else(|| format!("\"{text}\" is not QUANTITY@SCOPE"))?;
    let quantity = Quantity::parse(quantity)?;
    let versus = match versus {
        None => None,
        Some((there, part)) => {
            let involves = |c: Component| match quantity {
                Quantity::Count(x) | Quantity::Share(x) => x == c,
                Quantity::Ratio(x, y) => x == c || y == c,
            };
            // Two places' shares of the opposition multiply two weighted sums: the tipping
            // points' linear algebra does not reach them.
            if involves(Component::Opposition) {
                return Err(format!(
                    "\"{text}\": a comparison of two places takes a component other than the opposition"
                ));
            }
            Some(Versus {
                scope: Scope::parse(there.trim(), bundle)?,
                part,
            })
        }
    };
    Ok(Metric {
        quantity,
        scope: Scope::parse(scope, bundle)?,
        versus,
    })
}

fn parse_number(text: &str) -> Result<f64, String> {
    Printed::parse(text).map(|p| p.value)
}

fn parse_region(within: &Option<String>) -> Result<Option<String>, String> {
    match within {
        None => Ok(None),
        Some(text) => {
            let id = text
                .strip_prefix("region:")
                .ok_or_else(|| format!("\"in\" must be region:ID, not \"{text}\""))?;
            if PAPER_REGIONS.iter().any(|r| r.id == id) {
                Ok(Some(id.to_string()))
            } else {
                Err(format!("no paper region \"{id}\""))
            }
        }
    }
}

fn compile(spec: &TestSpec, bundle: &Bundle) -> Result<Test, String> {
    let op = || {
        let text = spec.op.as_deref().ok_or("missing \"op\"")?;
        Op::parse(text).ok_or_else(|| format!("unknown op \"{text}\"; allowed: = < <= > >="))
    };
    let predicates = || -> Result<Vec<Predicate>, String> {
        let list = spec.predicates.as_ref().ok_or("missing \"where\"")?;
        if list.is_empty() {
            return Err("\"where\" is empty".into());
        }
        list.iter().map(|p| parse_predicate(p)).collect()
    };
    let kinds = [
        spec.value.is_some(),
        spec.compare.is_some(),
        spec.count.is_some(),
        spec.set.is_some(),
        spec.rank.is_some(),
    ];
    if kinds.iter().filter(|&&k| k).count() != 1 {
        return Err("a test has exactly one of value, compare, count, set, rank".into());
    }
    if let Some(metric) = &spec.value {
        let published = Printed::parse(spec.published.as_deref().ok_or("missing \"published\"")?)?;
        return Ok(Test::Value {
            metric: parse_metric(metric, bundle)?,
            published,
        });
    }
    if let Some(metric) = &spec.compare {
        return Ok(Test::Compare {
            metric: parse_metric(metric, bundle)?,
            op: op()?,
            than: Printed::parse(spec.than.as_deref().ok_or("missing \"than\"")?)?,
        });
    }
    if let Some(level) = &spec.count {
        return Ok(Test::Count {
            level: parse_level(level).ok_or_else(|| {
                format!("unknown level \"{level}\"; allowed: total, regions, countries, pecs")
            })?,
            within: parse_region(&spec.within)?,
            predicates: predicates()?,
            op: op()?,
            value: parse_number(spec.target.as_deref().ok_or("missing \"target\"")?)?,
        });
    }
    if let Some(level) = &spec.set {
        let level = match parse_level(level) {
            Some(l @ (Level::Countries | Level::Pecs)) => l,
            _ => {
                return Err(format!(
                    "a set ranges over countries or pecs, not \"{level}\""
                ));
            }
        };
        let (kind, ids) = match (&spec.includes, &spec.equals, &spec.excludes) {
            (Some(ids), None, None) => (SetKind::Includes, ids),
            (None, Some(ids), None) => (SetKind::Equals, ids),
            (None, None, Some(ids)) => (SetKind::Excludes, ids),
            _ => return Err("a set test has exactly one of includes, equals, excludes".into()),
        };
        for id in ids {
            let known = match level {
                Level::Countries => bundle.country(id).is_some(),
                _ => id.parse().ok().and_then(|n| bundle.pec_index(n)).is_some(),
            };
            if !known {
                return Err(format!(
                    "unknown {} \"{id}\"",
                    if level == Level::Countries {
                        "country"
                    } else {
                        "PEC"
                    }
                ));
            }
        }
        return Ok(Test::Set {
            level,
            within: parse_region(&spec.within)?,
            predicates: predicates()?,
            ids: ids.clone(),
            kind,
        });
    }
    let rank = spec.rank.as_deref().unwrap_or_default();
    if rank != "regions" {
        return Err(format!("a rank ranges over regions, not \"{rank}\""));
    }
    let by = spec.by.as_deref().ok_or("missing \"by\"")?;
    let by = match Quantity::parse(by)? {
        Quantity::Share(c) => c,
        _ => return Err("rank regions by a share of the base (share:COMPONENT)".into()),
    };
    let regions = |list: &Option<Vec<String>>| -> Result<Vec<String>, String> {
        let list = list.clone().unwrap_or_default();
        for id in &list {
            parse_region(&Some(format!("region:{id}")))?;
        }
        Ok(list)
    };
    Ok(Test::Rank {
        by,
        top: regions(&spec.top)?,
        bottom: regions(&spec.bottom)?,
    })
}

/// Read and compile a claims file's text against the bundle's places (the loader's path for
/// data/claims.json, on its own).
pub fn load(text: &str, bundle: &Bundle) -> Result<Vec<Claim>, BundleError> {
    compile_all(&crate::data::bundle::parse_claims(text)?, bundle)
}

/// Compile every claim of the file against the bundle's places; errors name the claim.
pub fn compile_all(file: &ClaimsFile, bundle: &Bundle) -> Result<Vec<Claim>, BundleError> {
    let mut claims: Vec<Claim> = Vec::with_capacity(file.claims.len());
    let mut ids = std::collections::BTreeSet::new();
    for spec in file.claims.iter().cloned() {
        let record = Some(format!("claim {}", spec.id));
        if !ids.insert(spec.id.clone()) {
            return Err(bundle_error(CLAIMS_FILE, record, "duplicate id"));
        }
        let test = compile(&spec.test, bundle).map_err(|e| bundle_error(CLAIMS_FILE, record, e))?;
        claims.push(Claim { spec, test });
    }
    Ok(claims)
}

/// A metric's value under a reading's results, in its display unit.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates_parse() {
        assert_eq!(
            parse_predicate("opposition_wins").unwrap(),
            Predicate::OppositionWins
        );
        let p = parse_predicate("not count:davankov + count:invalid >= count:putin").unwrap();
        assert_eq!(
            p,
            Predicate::Compare {
                left: vec![
                    Component::Candidate(crate::data::model::Candidate::Davankov),
                    Component::Invalid
                ],
                op: Op::Ge,
                right: vec![Component::Candidate(crate::data::model::Candidate::Putin)],
                negate: true,
            }
        );
        for bad in [
            "count:davankov",
            "count:nobody > count:putin",
            "count:opposition > count:putin",
            "wins",
        ] {
            assert!(parse_predicate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranks() {
        let order: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let order: Vec<&String> = order.iter().collect();
        assert!(rank_holds(&order, &v(&["b", "a"]), &v(&["d"])));
        assert!(!rank_holds(&order, &v(&["a", "c"]), &v(&["d"])));
        assert!(!rank_holds(&order, &v(&["a"]), &v(&["c"])));
    }
}
