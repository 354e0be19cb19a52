//! The control relations of a PEC protocol, checked at import and again at load.

use super::model::Protocol;
use crate::text::numtext::count_text;
use crate::text::{Lang, Text};
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

impl Failure {
    /// The two numbers of the breach as `check_protocol` words it (for a received, cast or valid
    /// breach: the line and what the other lines give; for issued: cast and issued).
    pub fn numbers(&self) -> Option<(i64, i64)> {
        let (first, middle) = match self.relation.as_str() {
            "received" => ("received ", " but the other lines give "),
            "cast" => ("cast ", " but invalid + valid = "),
            "valid" => ("valid ", " but the votes sum to "),
            "issued" => ("cast ", " exceeds issued "),
            _ => return None,
        };
        let (a, b) = self.detail.strip_prefix(first)?.split_once(middle)?;
        Some((a.parse().ok()?, b.parse().ok()?))
    }

    /// The breach for readers, in both languages ("valid 1,313, but the votes add up to
    /// 101,313"); the detail as written if it is not worded as `check_protocol` words it.
    pub fn breach_text(&self) -> Text {
        let Some((a, b)) = self.numbers() else {
            return Text::same(&self.detail);
        };
        Text::by(|lang| {
            let (a, b) = (count_text(a, lang), count_text(b, lang));
            match (self.relation.as_str(), lang) {
                ("received", Lang::En) => format!("received {a}, but the other lines give {b}"),
                ("received", Lang::Ru) => format!("получено {a}, а по остальным строкам {b}"),
                ("cast", Lang::En) => format!("{a} in the boxes, but invalid + valid = {b}"),
                ("cast", Lang::Ru) => {
                    format!("в ящиках {a}, а недействительных и действительных {b}")
                }
                ("valid", Lang::En) => format!("valid {a}, but the votes add up to {b}"),
                ("valid", Lang::Ru) => format!("действительных {a}, а сумма голосов {b}"),
                (_, Lang::En) => format!("{a} in the boxes, more than the {b} issued"),
                (_, Lang::Ru) => format!("в ящиках {a}, больше чем выдано ({b})"),
            }
        })
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
    fn a_breach_reads_back_as_its_numbers() {
        let mut p = clean();
        p.received += 1;
        p.valid += 1;
        p.portable = 200;
        let numbers: Vec<Option<(i64, i64)>> = check_protocol(2024, 8000, &p, 90)
            .iter()
            .map(Failure::numbers)
            .collect();
        assert_eq!(
            numbers,
            [
                Some((121, 120)),
                Some((280, 95)),
                Some((91, 90)),
                Some((280, 95))
            ]
        );
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
