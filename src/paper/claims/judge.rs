//! A claim about a number, judged exactly: the metric as a fraction of two integers, compared
//! with the printed figure or threshold by cross-multiplication, so no float decides a verdict
//! near its edge (the tipping points rely on it).

use super::{Metric, Outcome, Places, Test, Verdict, quantity_on};
use crate::paper::published::Printed;
use crate::reading::aggregate::{Component, Sums};
use crate::reading::scope::Quantity;
use crate::reading::state::{State, WEIGHT_SCALE};

/// A metric's exact value in its display unit (percentage points for shares): `num / den`,
/// `den > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fraction {
    pub num: i128,
    pub den: i128,
}

/// The metric on its places, exactly; None when a share has no base (or the other place of a
/// comparison has none of the quantity).
pub fn exact_quantity(metric: &Metric, places: &Places, s: &State) -> Option<Fraction> {
    let here = exact_at(metric.quantity, &places.here, s)?;
    let Some(versus) = &metric.versus else {
        return Some(here);
    };
    let there = exact_at(metric.quantity, places.there.as_ref()?, s)?;
    // here / there, both in the same unit: (a/b) / (c/d) = a·d / (b·c); a part in percent.
    let scale = if versus.part { 100 } else { 1 };
    let num = scale * here.num * there.den;
    let den = here.den * there.num;
    match den.signum() {
        0 => None,
        1 => Some(Fraction { num, den }),
        _ => Some(Fraction {
            num: -num,
            den: -den,
        }),
    }
}

/// A quantity on one place's sums, exactly.
fn exact_at(quantity: Quantity, sums: &Sums, s: &State) -> Option<Fraction> {
    match quantity {
        Quantity::Count(Component::Opposition) => Some(Fraction {
            num: i128::from(sums.opposition_scaled(s)),
            den: i128::from(WEIGHT_SCALE),
        }),
        Quantity::Count(c) => Some(Fraction {
            num: i128::from(sums.count(c, s)),
            den: 1,
        }),
        Quantity::Share(c) => {
            let (part, whole) = sums.share_parts(c, s.base, s);
            (whole > 0).then(|| Fraction {
                num: 100 * i128::from(part),
                den: i128::from(whole),
            })
        }
        Quantity::Ratio(c, d) => {
            let (part, whole) = (sums.scaled(c, s), sums.scaled(d, s));
            (whole > 0).then(|| Fraction {
                num: 100 * i128::from(part),
                den: i128::from(whole),
            })
        }
    }
}

/// A value against a printed figure, by the value rounded (half up) to the printed digits:
/// reproduced when it shows as the printed figure; off in the last printed digit when the two
/// differ by one unit of that digit (rounding or truncation: 16.64 against a printed 16,65);
/// differs otherwise.
pub fn against_printed(value: Fraction, printed: &Printed) -> Verdict {
    let scaled = value.num * 10i128.pow(u32::from(printed.decimals));
    // round(scaled / den) = floor((2·scaled + den) / 2·den).
    let rounded = (2 * scaled + value.den).div_euclid(2 * value.den);
    match (rounded - printed.mantissa()).abs() {
        0 => Verdict::Holds,
        1 => Verdict::OffLastDigit,
        _ => Verdict::Fails,
    }
}

/// A value against a threshold, exactly.
pub fn against_threshold(value: Fraction, op: super::Op, than: &Printed) -> bool {
    let scaled = value.num * 10i128.pow(u32::from(than.decimals));
    op.holds(scaled, than.mantissa() * value.den)
}

/// A value or compare test judged on its places' sums (None: a place is absent under this
/// reading).
pub fn metric_outcome(test: &Test, places: Option<&Places>, s: &State) -> Outcome {
    let (metric, places) = match (test, places) {
        (Test::Value { metric, .. } | Test::Compare { metric, .. }, Some(p)) => (metric, p),
        _ => return Outcome::not_applicable(),
    };
    let Some(exact) = exact_quantity(metric, places, s) else {
        return Outcome::not_applicable();
    };
    let value = quantity_on(metric, places, s);
    let verdict = match test {
        Test::Value { published, .. } => against_printed(exact, published),
        Test::Compare { op, than, .. } => {
            if against_threshold(exact, *op, than) {
                Verdict::Holds
            } else {
                Verdict::Fails
            }
        }
        _ => unreachable!("matched above"),
    };
    Outcome { verdict, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(text: &str) -> Printed {
        Printed::parse(text).unwrap()
    }

    #[test]
    fn three_verdicts_against_a_printed_figure() {
        let f = |num: i128, den: i128| Fraction { num, den };
        let p = printed("16,65");
        // 16.645 rounds half up to 16.65; 16.6549… too; 16.655 rounds to 16.66.
        assert_eq!(against_printed(f(16645, 1000), &p), Verdict::Holds);
        assert_eq!(against_printed(f(166549, 10000), &p), Verdict::Holds);
        assert_eq!(against_printed(f(16655, 1000), &p), Verdict::OffLastDigit);
        // 16.6389… (Davankov's share of ballots issued) shows as 16.64: a rounding-level miss.
        assert_eq!(
            against_printed(f(6338800, 380961), &p),
            Verdict::OffLastDigit
        );
        assert_eq!(against_printed(f(16644, 1000), &p), Verdict::OffLastDigit);
        assert_eq!(
            against_printed(f(16644999, 1000000), &p),
            Verdict::OffLastDigit
        );
        // 16.6349… shows as 16.63: two units off.
        assert_eq!(against_printed(f(166349, 10000), &p), Verdict::Fails);
        assert_eq!(against_printed(f(1667, 100), &p), Verdict::Fails);
        // Against "16,5" a value of 16.64 shows as 16.6: one unit off in the printed digit.
        assert_eq!(
            against_printed(f(1664, 100), &printed("16,5")),
            Verdict::OffLastDigit
        );
        assert_eq!(
            against_printed(f(1675, 100), &printed("16,5")),
            Verdict::Fails
        );
        // Whole numbers: 25 against 16.64 differs.
        assert_eq!(
            against_printed(f(1664, 100), &printed("25")),
            Verdict::Fails
        );
    }

    #[test]
    fn thresholds_are_exact() {
        let than = printed("90 000");
        let just_under = Fraction {
            num: 899_999_999,
            den: 10_000,
        };
        assert!(against_threshold(just_under, super::super::Op::Lt, &than));
        let exactly = Fraction {
            num: 900_000_000,
            den: 10_000,
        };
        assert!(!against_threshold(exactly, super::super::Op::Lt, &than));
        assert!(against_threshold(exactly, super::super::Op::Le, &than));
    }
}
