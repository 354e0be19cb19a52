//! The control relations of a PEC protocol, checked at import and again at load.

use super::model::Protocol;
use serde::{Deserialize, Serialize};

/// One control relation, named so a failure can say which one broke.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Relation {
    pub id: &'static str,
    pub text: &'static str,
}

pub const RELATIONS: [Relation; 4] = [
    Relation {
        id: "received",
        text: "received = issued (early + inside + mobile) + cancelled + lost - unaccounted",
    },
    Relation {
        id: "cast",
        text: "cast (portable + stationary) = invalid + valid",
    },
    Relation {
        id: "valid",
        text: "valid = sum of the votes for every candidate (and \"against all\" in 2004)",
    },
    Relation {
        id: "issued",
        text: "cast <= issued (no more ballots in the boxes than were issued; unreturned >= 0)",
    },
];

/// A protocol that breaks a relation: which PEC, which relation, by how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    pub year: u16,
    pub pec: u32,
    pub relation: String,
    pub detail: String,
}

impl Failure {
    /// "breaks `cast` (cast = invalid + valid): cast 1683 but invalid + valid = 1684".
    pub fn breach(&self) -> String {
        let text = RELATIONS
            .iter()
            .find(|r| r.id == self.relation)
            .map_or("", |r| r.text);
        format!("breaks `{}` ({text}): {}", self.relation, self.detail)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} PEC {}: {}", self.year, self.pec, self.breach())
    }
}

/// Every relation the protocol breaks; `votes_total` is the sum over all ballot options.
pub fn check_protocol(year: u16, pec: u32, p: &Protocol, votes_total: i64) -> Vec<Failure> {
    let n = i64::from;
    let mut failures = Vec::new();
    let mut fail = |relation: &str, detail: String| {
        failures.push(Failure {
            year,
            pec,
            relation: relation.to_string(),
            detail,
        })
    };
    let accounted = p.issued() + n(p.cancelled) + n(p.lost) - n(p.unaccounted);
    if n(p.received) != accounted {
        fail(
            "received",
            format!(
                "received {} but the other lines give {accounted}",
                p.received
            ),
        );
    }
    if p.cast() != n(p.invalid) + n(p.valid) {
        fail(
            "cast",
            format!(
                "cast {} but invalid + valid = {}",
                p.cast(),
                n(p.invalid) + n(p.valid)
            ),
        );
    }
    if n(p.valid) != votes_total {
        fail(
            "valid",
            format!("valid {} but the votes sum to {votes_total}", p.valid),
        );
    }
    if p.cast() > p.issued() {
        fail(
            "issued",
            format!("cast {} exceeds issued {}", p.cast(), p.issued()),
        );
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean() -> Protocol {
        Protocol {
            registered: 100,
            received: 120,
            early: 10,
            inside: 80,
            mobile: 5,
            cancelled: 25,
            portable: 14,
            stationary: 80,
            invalid: 4,
            valid: 90,
            lost: 0,
            unaccounted: 0,
        }
    }

    #[test]
    fn a_clean_protocol_passes() {
        assert!(check_protocol(2024, 8000, &clean(), 90).is_empty());
    }

    #[test]
    fn each_relation_is_named() {
        let mut p = clean();
        p.received += 1;
        p.valid += 1;
        p.portable = 200;
        let ids: Vec<String> = check_protocol(2024, 8000, &p, 90)
            .into_iter()
            .map(|f| f.relation)
            .collect();
        assert_eq!(ids, ["received", "cast", "valid", "issued"]);
    }
}
