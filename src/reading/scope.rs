//! A small language for "which figure of which place": a scope (total, region, country, set of
//! countries, PEC, set of PECs, a country's disputed territory, a union of these; "Russia" as the
//! reading's `russia` key means it; for text figures also an earlier election abroad) and a
//! quantity (a count, a share of the base, or a share of another component). Text figures and
//! claims are written in it; it is parsed once at load, with errors naming the bad part. Text
//! figures add measures (`measure`): parts of a larger whole, counts of places, means.

use super::aggregate::{Aggregate, Component, Results, Sums, regions_of, share};
use super::state::{Base, RegionScheme, State, WEIGHT_SCALE};
use crate::data::bundle::Bundle;
use crate::data::model::PAPER_REGIONS;
use std::fmt;

/// Where a figure is taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Total,
    Region(String),
    Country(String),
    /// Several countries summed ("the three Baltic countries").
    Countries(Vec<String>),
    Pec(u32),
    /// Several PECs summed (`pecs:8205,8206`).
    Pecs(Vec<u32>),
    /// A country's PECs in disputed territory (`disputed:MD`: Transnistria).
    Disputed(String),
    /// Several scopes summed (`country:XA+disputed:MD`).
    Union(Vec<Scope>),
    /// "Russia" as the reading's `russia` key means it (by default the CEC's national totals,
    /// abroad included); never summed with places abroad.
    National,
    /// Every PEC abroad in an earlier election (text figures only: resolved by the paper).
    Year(u16),
}

/// What is measured there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    Count(Component),
    /// The component's share (see `Sums::share_of_base`).
    Share(Component),
    /// The first component as a share of the second, at the same place.
    Ratio(Component, Component),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Total => f.write_str("total"),
            Scope::Region(id) => write!(f, "region:{id}"),
            Scope::Country(id) => write!(f, "country:{id}"),
            Scope::Countries(ids) => write!(f, "countries:{}", ids.join(",")),
            Scope::Pec(n) => write!(f, "pec:{n}"),
            Scope::Pecs(ns) => {
                let list: Vec<String> = ns.iter().map(u32::to_string).collect();
                write!(f, "pecs:{}", list.join(","))
            }
            Scope::Disputed(id) => write!(f, "disputed:{id}"),
            Scope::Union(parts) => {
                let list: Vec<String> = parts.iter().map(Scope::to_string).collect();
                f.write_str(&list.join("+"))
            }
            Scope::National => f.write_str("national"),
            Scope::Year(y) => write!(f, "year:{y}"),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Count(c) => write!(f, "count:{}", c.id()),
            Quantity::Share(c) => write!(f, "share:{}", c.id()),
            Quantity::Ratio(c, d) => write!(f, "share:{}/{}", c.id(), d.id()),
        }
    }
}

impl Scope {
    /// Parse `total`, `region:europe`, `country:KZ`, `countries:EE,LV,LT`, `pec:8096`,
    /// `pecs:8205,8206`, `disputed:MD`, `national`, `year:2018`, or several joined by `+`,
    /// checking that the place exists in the bundle.
    pub fn parse(text: &str, bundle: &Bundle) -> Result<Scope, String> {
        if text.contains('+') {
            let parts = text
                .split('+')
                .map(|part| Scope::parse_one(part.trim(), bundle))
                .collect::<Result<Vec<_>, _>>()?;
            if parts
                .iter()
                .any(|p| matches!(p, Scope::National | Scope::Year(_)))
            {
                return Err(format!(
                    "\"{text}\": national and year:Y cannot be summed with places abroad"
                ));
            }
            return Ok(Scope::Union(parts));
        }
        Scope::parse_one(text, bundle)
    }

    fn parse_one(text: &str, bundle: &Bundle) -> Result<Scope, String> {
        let country = |id: &str| -> Result<String, String> {
            bundle
                .country(id)
                .map(|c| c.id.clone())
                .ok_or_else(|| format!("no country \"{id}\" in the locations"))
        };
        let pec = |n: &str| -> Result<u32, String> {
            let n: u32 = n
                .parse()
                .map_err(|_| format!("\"{n}\" is not a PEC number"))?;
            bundle
                .pec_index(n)
                .map(|_| n)
                .ok_or_else(|| format!("unknown PEC {n}"))
        };
        match text.split_once(':') {
            None if text == "total" => Ok(Scope::Total),
            None if text == "national" => Ok(Scope::National),
            Some(("region", id)) => {
                if PAPER_REGIONS.iter().any(|r| r.id == id) {
                    Ok(Scope::Region(id.to_string()))
                } else {
                    Err(format!("no paper region \"{id}\""))
                }
            }
            Some(("country", id)) => Ok(Scope::Country(country(id)?)),
            Some(("countries", ids)) => Ok(Scope::Countries(
                ids.split(',').map(country).collect::<Result<_, _>>()?,
            )),
            Some(("pec", n)) => Ok(Scope::Pec(pec(n)?)),
            Some(("pecs", ns)) => Ok(Scope::Pecs(
                ns.split(',').map(pec).collect::<Result<_, _>>()?,
            )),
            Some(("disputed", id)) => {
                let id = country(id)?;
                let any = bundle
                    .country(&id)
                    .is_some_and(|c| c.pecs.iter().any(|&i| bundle.pecs[i].location.disputed));
                if any {
                    Ok(Scope::Disputed(id))
                } else {
                    Err(format!("country \"{id}\" has no PEC in disputed territory"))
                }
            }
            Some(("year", y)) => {
                let y: u16 = y.parse().map_err(|_| format!("\"{y}\" is not a year"))?;
                if bundle.history.iter().any(|h| h.year == y) {
                    Ok(Scope::Year(y))
                } else {
                    Err(format!("no earlier election abroad in {y}"))
                }
            }
            _ => Err(format!(
                "\"{text}\" is not total, region:ID, country:ID, countries:ID,ID, pec:N, pecs:N,N, disputed:ID, national or year:Y"
            )),
        }
    }

    /// The sums and member PECs of the scope under a state's results; None when the scope has no
    /// PEC under this reading (a region of the other scheme, an excluded territory), and for the
    /// earlier years, which the results do not hold.
    pub fn resolve(&self, results: &Results) -> Option<Resolved> {
        let one = |a: &Aggregate| Resolved {
            sums: a.sums,
            members: a.members.clone(),
        };
        match self {
            Scope::Total => Some(one(&results.total)),
            Scope::Region(id) => {
                if results.parsed_state.regions != RegionScheme::Paper
                    || !regions_of(RegionScheme::Paper).iter().any(|r| r.id == id)
                {
                    return None;
                }
                results.regions.iter().find(|r| &r.id == id).map(one)
            }
            Scope::Country(id) => results.countries.iter().find(|c| &c.id == id).map(one),
            Scope::Countries(ids) => {
                let mut sums = Sums::default();
                let mut members = Vec::new();
                for id in ids {
                    let c = results.countries.iter().find(|c| &c.id == id)?;
                    sums.add(&c.sums);
                    members.extend(&c.members);
                }
                Some(Resolved { sums, members })
            }
            Scope::Pec(n) => {
                let id = n.to_string();
                results.pecs.iter().find(|p| p.id == id).map(one)
            }
            Scope::Pecs(ns) => {
                let parts = ns
                    .iter()
                    .map(|n| Scope::Pec(*n).resolve(results))
                    .collect::<Option<Vec<_>>>()?;
                Some(Resolved::sum(parts))
            }
            Scope::Disputed(id) => {
                let parts: Vec<Resolved> = results
                    .pecs
                    .iter()
                    .filter(|p| {
                        p.place.country_id.as_deref() == Some(id.as_str())
                            && p.place.disputed == Some(true)
                    })
                    .map(one)
                    .collect();
                (!parts.is_empty()).then(|| Resolved::sum(parts))
            }
            Scope::Union(scopes) => {
                let parts = scopes
                    .iter()
                    .map(|s| s.resolve(results))
                    .collect::<Option<Vec<_>>>()?;
                Some(Resolved::sum(parts))
            }
            Scope::National => Some(Resolved {
                sums: results.national,
                members: Vec::new(),
            }),
            Scope::Year(_) => None,
        }
    }

    /// The scopes a reader would try beside this one: a country's PECs, a PEC's country, the
    /// parts of a set. Places that hold one PEC only are not their own neighbours.
    pub fn neighbours(&self, bundle: &Bundle) -> Vec<Scope> {
        let pecs_of = |id: &str| -> Vec<Scope> {
            bundle
                .country(id)
                .map(|c| {
                    c.pecs
                        .iter()
                        .map(|&i| Scope::Pec(bundle.pecs[i].pec))
                        .collect()
                })
                .unwrap_or_default()
        };
        match self {
            Scope::Country(id) => {
                let pecs = pecs_of(id);
                if pecs.len() > 1 { pecs } else { Vec::new() }
            }
            Scope::Pec(n) => bundle
                .pec_index(*n)
                .and_then(|i| bundle.pec_country[i])
                .map(|c| &bundle.countries[c])
                .filter(|c| c.pecs.len() > 1)
                .map(|c| vec![Scope::Country(c.id.clone())])
                .unwrap_or_default(),
            Scope::Countries(ids) => ids.iter().map(|id| Scope::Country(id.clone())).collect(),
            Scope::Pecs(ns) => ns.iter().map(|&n| Scope::Pec(n)).collect(),
            Scope::Union(parts) => parts.clone(),
            Scope::Disputed(id) => vec![Scope::Country(id.clone())],
            _ => Vec::new(),
        }
    }
}

/// A scope's sums and the PECs they sum, under one state.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub sums: Sums,
    pub members: Vec<usize>,
}

impl Resolved {
    fn sum(parts: Vec<Resolved>) -> Resolved {
        let mut out = Resolved::default();
        for p in parts {
            out.sums.add(&p.sums);
            out.members.extend(p.members);
        }
        out
    }
}

impl Quantity {
    pub fn parse(text: &str) -> Result<Quantity, String> {
        let (kind, component) = text.split_once(':').ok_or_else(|| {
            format!(
                "\"{text}\" is not count:COMPONENT, share:COMPONENT or share:COMPONENT/COMPONENT"
            )
        })?;
        let parse = |c: &str| {
            Component::parse(c.trim()).ok_or_else(|| format!("unknown component \"{c}\""))
        };
        match (kind, component.split_once('/')) {
            ("count", None) => Ok(Quantity::Count(parse(component)?)),
            ("share", None) => Ok(Quantity::Share(parse(component)?)),
            ("share", Some((c, d))) => Ok(Quantity::Ratio(parse(c)?, parse(d)?)),
            _ => Err(format!("\"{text}\" is not count:C, share:C or share:C/D")),
        }
    }

    pub fn is_share(self) -> bool {
        matches!(self, Quantity::Share(_) | Quantity::Ratio(..))
    }

    /// The component it counts or shares.
    pub fn component(self) -> Component {
        match self {
            Quantity::Count(c) | Quantity::Share(c) | Quantity::Ratio(c, _) => c,
        }
    }

    /// A share's numerator and denominator in ballots (weighted parts may be fractional), as
    /// the share divides them; None for a count.
    pub fn parts(self, sums: &Sums, base: Base, s: &State) -> Option<(f64, f64)> {
        let (part, whole) = match self {
            Quantity::Count(_) => return None,
            Quantity::Share(c) => sums.share_parts(c, base, s),
            Quantity::Ratio(c, d) => (sums.scaled(c, s), sums.scaled(d, s)),
        };
        let ballots = |x: i64| x as f64 / WEIGHT_SCALE as f64;
        Some((ballots(part), ballots(whole)))
    }

    /// The value on these sums: a count, or a share as a fraction, under `base`.
    pub fn value(self, sums: &Sums, base: Base, s: &State) -> Option<f64> {
        match self {
            Quantity::Count(Component::Opposition) => {
                Some(sums.opposition_scaled(s) as f64 / WEIGHT_SCALE as f64)
            }
            Quantity::Count(c) => Some(sums.count(c, s) as f64),
            Quantity::Share(c) => sums.share_of_base(c, base, s),
            Quantity::Ratio(c, d) => share(sums.scaled(c, s), sums.scaled(d, s)),
        }
    }
}
