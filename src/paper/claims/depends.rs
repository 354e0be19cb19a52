//! Which assumption keys a claim's outcome can depend on: a conservative set read off its test
//! (the components and places it sums, whether it shares of the base, who wins, which places
//! count), so the sweep judges each claim only over the keys it declares. tests/sweep_projection.rs
//! checks by brute force that a key left out never changes the outcome, verdict or value.

use super::{Claim, Level, Predicate, Test};
use crate::reading::keys::{KEY_COUNT, KEYS};
use crate::reading::scope::{Quantity, Scope};

/// One flag per key of the registry, in its order.
pub type KeySet = [bool; KEY_COUNT];

/// Whether a quantity divides by the reading's base (`Sums::share_parts`).
fn uses_base(q: Quantity) -> bool {
    matches!(q, Quantity::Share(c) if c.shared_of_base())
}

/// The regions the Baltic states join, by the `baltics` key (`aggregate::region_of`).
const BALTIC_REGIONS: [&str; 2] = ["post_soviet", "europe"];

/// The keys a paper region's PECs depend on: the scheme, and for the two regions the Baltic
/// states may join, where they fall.
fn region_keys(id: &str) -> &'static [&'static str] {
    if BALTIC_REGIONS.contains(&id) {
        &["baltics", "regions"]
    } else {
        &["regions"]
    }
}

/// The keys a place's PECs depend on beyond `disputed`.
fn scope_keys(scope: &Scope, names: &mut Vec<&str>) {
    match scope {
        Scope::Region(id) => names.extend(region_keys(id)),
        Scope::Union(parts) => parts.iter().for_each(|p| scope_keys(p, names)),
        _ => {}
    }
}

impl Claim {
    /// The keys its outcome (verdict and value) can depend on; it is the same for every value
    /// of the others. Every claim sums PECs abroad, so each depends on `disputed`.
    pub fn depends_on(&self) -> KeySet {
        let mut names: Vec<&str> = vec!["disputed"];
        if self.depends_on_weights() {
            names.extend(KEYS.iter().filter(|k| k.is_weight()).map(|k| k.name));
        }
        if self.depends_on_russia() {
            names.push("russia");
        }
        const REGIONS: [&str; 2] = ["baltics", "regions"];
        match &self.test {
            Test::Value { metric, .. } | Test::Compare { metric, .. } => {
                if uses_base(metric.quantity) {
                    names.push("base");
                }
                scope_keys(&metric.scope, &mut names);
                if let Some(v) = &metric.versus {
                    scope_keys(&v.scope, &mut names);
                }
            }
            Test::Count { .. } | Test::Set { .. } => {
                let (level, within, predicates) =
                    self.test.places().expect("a count or a set has places");
                // Who wins: the weights (above), the rule and, for a majority, the base.
                if predicates.iter().any(Predicate::depends_on_reading) {
                    names.extend(["base", "win"]);
                }
                match level {
                    Level::Total => {}
                    Level::Regions => names.extend(REGIONS),
                    Level::Countries | Level::Pecs => names.push("min_issued"),
                }
                if let Some(id) = within {
                    names.extend(region_keys(id));
                }
            }
            Test::Rank { by, .. } => {
                names.extend(REGIONS);
                if uses_base(Quantity::Share(*by)) {
                    names.push("base");
                }
            }
        }
        let mut set = [false; KEY_COUNT];
        for (k, key) in KEYS.iter().enumerate() {
            set[k] = names.contains(&key.name);
        }
        set
    }
}
