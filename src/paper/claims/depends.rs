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

/// Whether a place's PECs depend on the region scheme and where the Baltic states fall.
fn uses_regions(scope: &Scope) -> bool {
    match scope {
        Scope::Region(_) => true,
        Scope::Union(parts) => parts.iter().any(uses_regions),
        _ => false,
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
                let there = metric.versus.as_ref().map(|v| &v.scope);
                if uses_regions(&metric.scope) || there.is_some_and(uses_regions) {
                    names.extend(REGIONS);
                }
            }
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
                // Who wins: the weights (above), the rule and, for a majority, the base.
                if predicates.iter().any(Predicate::depends_on_reading) {
                    names.extend(["base", "win"]);
                }
                match level {
                    Level::Total => {}
                    Level::Regions => names.extend(REGIONS),
                    Level::Countries | Level::Pecs => names.push("min_issued"),
                }
                if within.is_some() {
                    names.extend(REGIONS);
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
