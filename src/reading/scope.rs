//! A small language for "which figure of which place": a scope (total, region, country, set of
//! countries, PEC) and a quantity (a count or a share of one component). Text figures and claims
//! are written in it; it is parsed once at load, with errors naming the bad part.

use super::aggregate::{Aggregate, Component, Results, Sums, regions_of};
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
}

/// What is measured there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    Count(Component),
    /// The component's share (see `Sums::share_of_base`).
    Share(Component),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Total => f.write_str("total"),
            Scope::Region(id) => write!(f, "region:{id}"),
            Scope::Country(id) => write!(f, "country:{id}"),
            Scope::Countries(ids) => write!(f, "countries:{}", ids.join(",")),
            Scope::Pec(n) => write!(f, "pec:{n}"),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Count(c) => write!(f, "count:{}", c.id()),
            Quantity::Share(c) => write!(f, "share:{}", c.id()),
        }
    }
}

impl Scope {
    /// Parse `total`, `region:europe`, `country:KZ`, `countries:EE,LV,LT` or `pec:8096`, checking
    /// that the place exists in the bundle.
    pub fn parse(text: &str, bundle: &Bundle) -> Result<Scope, String> {
        let country = |id: &str| -> Result<String, String> {
            bundle
                .country(id)
                .map(|c| c.id.clone())
                .ok_or_else(|| format!("no country \"{id}\" in the locations"))
        };
        match text.split_once(':') {
            None if text == "total" => Ok(Scope::Total),
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
            Some(("pec", n)) => {
                let n: u32 = n
                    .parse()
                    .map_err(|_| format!("\"{n}\" is not a PEC number"))?;
                bundle
                    .pec_index(n)
                    .map(|_| Scope::Pec(n))
                    .ok_or_else(|| format!("unknown PEC {n}"))
            }
            _ => Err(format!(
                "\"{text}\" is not total, region:ID, country:ID, countries:ID,ID or pec:N"
            )),
        }
    }

    /// The sums and member PECs of the scope under a state's results; None when the scope has no
    /// PEC under this reading (a region of the other scheme, an excluded territory).
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
        }
    }
}

/// A scope's sums and the PECs they sum, under one state.
pub struct Resolved {
    pub sums: Sums,
    pub members: Vec<usize>,
}

impl Quantity {
    pub fn parse(text: &str) -> Result<Quantity, String> {
        let (kind, component) = text
            .split_once(':')
            .ok_or_else(|| format!("\"{text}\" is not count:COMPONENT or share:COMPONENT"))?;
        let c = Component::parse(component)
            .ok_or_else(|| format!("unknown component \"{component}\""))?;
        match kind {
            "count" => Ok(Quantity::Count(c)),
            "share" => Ok(Quantity::Share(c)),
            _ => Err(format!("\"{kind}\" is not count or share")),
        }
    }

    pub fn is_share(self) -> bool {
        matches!(self, Quantity::Share(_))
    }

    /// The value on these sums: a count, or a share as a fraction, under `base`.
    pub fn value(self, sums: &Sums, base: Base, s: &State) -> Option<f64> {
        match self {
            Quantity::Count(Component::Opposition) => {
                Some(sums.opposition_scaled(s) as f64 / WEIGHT_SCALE as f64)
            }
            Quantity::Count(c) => Some(sums.count(c, s) as f64),
            Quantity::Share(c) => sums.share_of_base(c, base, s),
        }
    }
}
