//! What a text figure measures at its place, beyond a quantity (`scope`): a part of a larger
//! whole, a multiple of the same quantity elsewhere, how many PECs or countries (all, or those
//! meeting a condition), a mean per PEC. Parsed once at load; errors name the bad part.
//!
//! ```text
//! count:C | share:C | share:C/D          a quantity (see `scope::Quantity`)
//! part:C of WHOLE                        C here as a share of C in WHOLE (a scope, or base:ID:
//!                                        a number the paper quotes from elsewhere); C may also
//!                                        be pecs or countries
//! QUANTITY vs SCOPE                      the quantity here divided by the same quantity there
//! pecs | countries                       how many PECs / established countries the place holds
//! [share of] pecs|countries where COND [and COND]
//!                                        how many of them meet every condition (or their share)
//! mean:C                                 C per PEC
//! COND: QUANTITY OP NUMBER | QUANTITY OP QUANTITY | QUANTITY in LO..HI (LO ≤ x < HI)
//! ```
//! Numbers compare in the quantity's display unit: ballots, or percentage points for shares.

use super::aggregate::{Component, Results, Sums, share};
use super::dataset::Dataset;
use super::scope::{Quantity, Resolved, Scope};
use super::state::{Base, WEIGHT_SCALE};
use crate::data::bundle::Bundle;
use serde::Serialize;
use std::fmt;

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
}

impl Op {
    pub fn parse(text: &str) -> Option<Op> {
        Some(match text {
            "=" => Op::Eq,
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            _ => return None,
        })
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
    #[inline(always)]
    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }
}

/// The unit a figure is shown in: ballots (or places), percentage points, or a multiple.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    Percent,
    Times,
}

impl Unit {
    /// A raw value (count, fraction, multiple) as this unit's number.
    pub fn from_raw(self, raw: f64) -> f64 {
        match self {
            Unit::Percent => raw * 100.0,
            Unit::Count | Unit::Times => raw,
        }
    }
}

/// PECs or countries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Pecs,
    Countries,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::Pecs => "pecs",
            Level::Countries => "countries",
        }
    }
}

/// What a part counts: a component, or places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Component(Component),
    Places(Level),
}

impl Counted {
    pub fn id(self) -> &'static str {
        match self {
            Counted::Component(c) => c.id(),
            Counted::Places(l) => l.id(),
        }
    }
}

/// What a part is taken of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Whole {
    Scope(Scope),
    /// A number transcribed with its source (paper.json `bases`).
    Base(String),
}

impl fmt::Display for Whole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Whole::Scope(s) => write!(f, "{s}"),
            Whole::Base(id) => write!(f, "base:{id}"),
        }
    }
}

/// The right side of a condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Than {
    /// In the quantity's display unit (percentage points for shares).
    Number(f64),
    Quantity(Quantity),
}

/// One condition on a place's sums.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub quantity: Quantity,
    pub op: Op,
    pub than: Than,
}

impl Condition {
    fn holds(&self, sums: &Sums, env: &Env) -> bool {
        let s = &env.results.parsed_state;
        let shown = |q: Quantity| {
            q.value(sums, env.base, s)
                .map(|v| if q.is_share() { v * 100.0 } else { v })
        };
        let Some(left) = shown(self.quantity) else {
            return false;
        };
        match &self.than {
            Than::Number(x) => self.op.holds(left, *x),
            Than::Quantity(q) => shown(*q).is_some_and(|right| self.op.holds(left, right)),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.than {
            Than::Number(x) => write!(f, "{} {} {x}", self.quantity, self.op.symbol()),
            Than::Quantity(q) => write!(f, "{} {} {q}", self.quantity, self.op.symbol()),
        }
    }
}

/// What a figure measures at its place.
#[derive(Clone, Debug, PartialEq)]
pub enum Measure {
    Of(Quantity),
    Part(Counted, Whole),
    Times(Quantity, Scope),
    Places(Level),
    PlacesWhere {
        level: Level,
        conditions: Vec<Condition>,
        as_share: bool,
    },
    PerPec(Component),
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Of(q) => write!(f, "{q}"),
            Measure::Part(c, w) => write!(f, "part:{} of {w}", c.id()),
            Measure::Times(q, s) => write!(f, "{q} vs {s}"),
            Measure::Places(l) => f.write_str(l.id()),
            Measure::PlacesWhere {
                level,
                conditions,
                as_share,
            } => {
                let list: Vec<String> = conditions.iter().map(Condition::to_string).collect();
                write!(
                    f,
                    "{}{} where {}",
                    if *as_share { "share of " } else { "" },
                    level.id(),
                    list.join(" and ")
                )
            }
            Measure::PerPec(c) => write!(f, "mean:{}", c.id()),
        }
    }
}

/// What a measure is evaluated against: the reading's results, the data, the base to share by,
/// and what the results do not hold (national totals, earlier years, transcribed numbers).
pub struct Env<'a> {
    pub results: &'a Results,
    pub data: &'a Dataset,
    pub base: Base,
    pub outside: &'a dyn Fn(&Scope) -> Option<Resolved>,
    pub transcribed: &'a dyn Fn(&str) -> Option<i64>,
}

impl Env<'_> {
    pub fn resolve(&self, scope: &Scope) -> Option<Resolved> {
        scope
            .resolve(self.results)
            .or_else(|| (self.outside)(scope))
    }
}

fn parse_number(text: &str) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    compact.parse().ok().filter(|x: &f64| x.is_finite())
}

fn parse_conditions(text: &str) -> Result<Vec<Condition>, String> {
    let mut out = Vec::new();
    for part in text.split(" and ") {
        let part = part.trim();
        if let Some((q, range)) = part.split_once(" in ") {
            let quantity = Quantity::parse(q.trim())?;
            let (lo, hi) = range
                .split_once("..")
                .and_then(|(lo, hi)| Some((parse_number(lo)?, parse_number(hi)?)))
                .ok_or_else(|| format!("\"{range}\" is not a range LO..HI"))?;
            out.push(Condition {
                quantity,
                op: Op::Ge,
                than: Than::Number(lo),
            });
            out.push(Condition {
                quantity,
                op: Op::Lt,
                than: Than::Number(hi),
            });
            continue;
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        let [q, op, than] = words[..] else {
            return Err(format!(
                "\"{part}\" is not QUANTITY OP NUMBER, QUANTITY OP QUANTITY or QUANTITY in LO..HI"
            ));
        };
        let op = Op::parse(op).ok_or_else(|| format!("unknown comparison \"{op}\""))?;
        let than = match parse_number(than) {
            Some(x) => Than::Number(x),
            None => Than::Quantity(Quantity::parse(than)?),
        };
        out.push(Condition {
            quantity: Quantity::parse(q)?,
            op,
            than,
        });
    }
    Ok(out)
}

impl Measure {
    pub fn parse(text: &str, bundle: &Bundle) -> Result<Measure, String> {
        let text = text.trim();
        let component = |c: &str| {
            Component::parse(c.trim()).ok_or_else(|| format!("unknown component \"{c}\""))
        };
        if let Some(rest) = text.strip_prefix("part:") {
            let (c, whole) = rest
                .split_once(" of ")
                .ok_or_else(|| format!("\"{text}\" is not part:C of WHOLE"))?;
            let whole = match whole.trim().strip_prefix("base:") {
                Some(id) => Whole::Base(id.to_string()),
                None => Whole::Scope(Scope::parse(whole.trim(), bundle)?),
            };
            let counted = match c.trim() {
                "pecs" => Counted::Places(Level::Pecs),
                "countries" => Counted::Places(Level::Countries),
                other => Counted::Component(component(other)?),
            };
            return Ok(Measure::Part(counted, whole));
        }
        if let Some((q, scope)) = text.split_once(" vs ") {
            return Ok(Measure::Times(
                Quantity::parse(q.trim())?,
                Scope::parse(scope.trim(), bundle)?,
            ));
        }
        if let Some(c) = text.strip_prefix("mean:") {
            return Ok(Measure::PerPec(component(c)?));
        }
        let (as_share, rest) = match text.strip_prefix("share of ") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (level, conditions) = match rest.split_once(" where ") {
            Some((level, conditions)) => (level.trim(), Some(conditions)),
            None => (rest, None),
        };
        let level = match level {
            "pecs" => Some(Level::Pecs),
            "countries" => Some(Level::Countries),
            _ => None,
        };
        match (level, conditions, as_share) {
            (Some(level), None, false) => Ok(Measure::Places(level)),
            (Some(level), Some(conditions), _) => Ok(Measure::PlacesWhere {
                level,
                conditions: parse_conditions(conditions)?,
                as_share,
            }),
            (_, _, true) => Err(format!(
                "\"{text}\" is not share of pecs|countries where CONDITION"
            )),
            _ => Ok(Measure::Of(Quantity::parse(text)?)),
        }
    }

    pub fn unit(&self) -> Unit {
        match self {
            Measure::Of(q) if q.is_share() => Unit::Percent,
            Measure::Part(..) => Unit::Percent,
            Measure::PlacesWhere { as_share: true, .. } => Unit::Percent,
            Measure::Times(..) => Unit::Times,
            _ => Unit::Count,
        }
    }

    /// The quantity, where the measure is one.
    pub fn quantity(&self) -> Option<Quantity> {
        match self {
            Measure::Of(q) => Some(*q),
            _ => None,
        }
    }

    /// The raw value at a resolved place: a count, a fraction or a multiple.
    /// A share's numerator and denominator, where the measure is a plain share of the place.
    pub fn parts(&self, here: &Resolved, env: &Env) -> Option<(f64, f64)> {
        match self {
            Measure::Of(q) => q.parts(&here.sums, env.base, &env.results.parsed_state),
            _ => None,
        }
    }

    pub fn value(&self, here: &Resolved, env: &Env) -> Option<f64> {
        let s = &env.results.parsed_state;
        match self {
            Measure::Of(q) => q.value(&here.sums, env.base, s),
            Measure::Part(counted, whole) => {
                // In 1/WEIGHT_SCALE units, so a weighted opposition stays exact.
                let amount = |r: &Resolved| -> Option<i64> {
                    match counted {
                        Counted::Component(c) => Some(r.sums.scaled(*c, s)),
                        Counted::Places(level) => {
                            let n = count_places(*level, r, env)?;
                            i64::try_from(n).ok()?.checked_mul(WEIGHT_SCALE)
                        }
                    }
                };
                let whole = match whole {
                    Whole::Scope(scope) => amount(&env.resolve(scope)?)?,
                    Whole::Base(id) => (env.transcribed)(id)?.checked_mul(WEIGHT_SCALE)?,
                };
                share(amount(here)?, whole)
            }
            Measure::Times(q, there) => {
                let there = env.resolve(there)?;
                match q {
                    Quantity::Count(c) => share(here.sums.scaled(*c, s), there.sums.scaled(*c, s)),
                    _ => {
                        let a = q.value(&here.sums, env.base, s)?;
                        let b = q.value(&there.sums, env.base, s)?;
                        (b != 0.0).then(|| a / b)
                    }
                }
            }
            Measure::Places(level) => count_places(*level, here, env).map(|n| n as f64),
            Measure::PlacesWhere {
                level,
                conditions,
                as_share,
            } => {
                let all = places(*level, here, env);
                let meeting = all
                    .iter()
                    .filter(|sums| conditions.iter().all(|c| c.holds(sums, env)))
                    .count();
                let (meeting, all) = (i64::try_from(meeting).ok()?, i64::try_from(all.len()).ok()?);
                if *as_share {
                    share(meeting, all)
                } else {
                    Some(meeting as f64)
                }
            }
            Measure::PerPec(c) => share(here.sums.count(*c, s), here.sums.pecs),
        }
    }
}

/// How many PECs or established countries a resolved place holds (None for the national totals
/// and, for countries, for earlier years, whose PECs carry no location).
fn count_places(level: Level, here: &Resolved, env: &Env) -> Option<usize> {
    match level {
        Level::Pecs if here.members.is_empty() && here.sums.pecs > 0 => {
            usize::try_from(here.sums.pecs).ok()
        }
        _ if here.members.is_empty() => None,
        _ => Some(places(level, here, env).len()),
    }
}

/// The sums of each PEC, or of each established country (its PECs within the place), of a
/// resolved place.
fn places(level: Level, here: &Resolved, env: &Env) -> Vec<Sums> {
    match level {
        Level::Pecs => here.members.iter().map(|&i| env.data.pec_sums[i]).collect(),
        Level::Countries => {
            let mut by_country: std::collections::BTreeMap<usize, Sums> = Default::default();
            for &i in &here.members {
                if let Some(c) = env.data.pec_country[i] {
                    by_country.entry(c).or_default().add(&env.data.pec_sums[i]);
                }
            }
            by_country.into_values().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_parse_ranges_and_comparisons() {
        let c =
            parse_conditions("count:issued in 100..1000 and share:putin > share:davankov").unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].op, Op::Ge);
        assert_eq!(c[0].than, Than::Number(100.0));
        assert_eq!(c[1].op, Op::Lt);
        assert_eq!(c[1].than, Than::Number(1000.0));
        assert_eq!(
            c[2].to_string(),
            "share:putin > share:davankov",
            "a comparison of two quantities"
        );
        for bad in [
            "count:issued",
            "count:issued in 1..x",
            "count:nobody > 3",
            "count:issued ~ 3",
        ] {
            assert!(parse_conditions(bad).is_err(), "{bad}");
        }
    }
}
