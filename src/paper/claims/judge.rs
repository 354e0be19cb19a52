//! A claim about a number, judged exactly: the metric as a fraction of two integers, compared
//! with the printed figure or threshold by cross-multiplication, so no float decides a verdict
//! near its edge (the tipping points rely on it).

use super::{Metric, Outcome, Places, Test, Verdict, parts};
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
    let (here, _) = exact_at(metric.quantity, &places.here, s)?;
    let Some(versus) = &metric.versus else {
        return Some(here);
    };
    let (there, _) = exact_at(metric.quantity, places.there.as_ref()?, s)?;
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

/// A quantity on one place's sums, exactly, with its value as `Quantity::value` takes it in the
/// display unit (`quantity_on`: shares and ratios in percentage points), from the same integers
/// (`parts`: without checked multiplications where none can overflow).
#[inline(always)]
fn exact_at(quantity: Quantity, sums: &Sums, s: &State) -> Option<(Fraction, f64)> {
    let percent = |part: i64, whole: i64| {
        (whole > 0).then(|| {
            let f = Fraction {
                num: hundred_times(part),
                den: i128::from(whole),
            };
            (f, part as f64 / whole as f64 * 100.0)
        })
    };
    match quantity {
        Quantity::Count(Component::Opposition) => {
            let num = parts::opposition_scaled(sums, s);
            let f = Fraction {
                num: i128::from(num),
                den: i128::from(WEIGHT_SCALE),
            };
            Some((f, num as f64 / WEIGHT_SCALE as f64))
        }
        Quantity::Count(c) => {
            let n = parts::count(sums, c, s);
            Some((
                Fraction {
                    num: i128::from(n),
                    den: 1,
                },
                n as f64,
            ))
        }
        Quantity::Share(c) => {
            let (part, whole) = parts::share_parts(sums, c, s.base, s);
            percent(part, whole)
        }
        Quantity::Ratio(c, d) => percent(parts::scaled(sums, c, s), parts::scaled(sums, d, s)),
    }
}

/// `100 · x` in i128: below 2^70 in magnitude, so the plain multiplication is exact (the checked
/// one is a library call in wasm, which the sweep makes per reading).
#[inline(always)]
fn hundred_times(x: i64) -> i128 {
    i128::from(x).wrapping_mul(100)
}

/// Bounds under which `against_printed` and `against_threshold` work in i64: a numerator and a
/// denominator below 2^40 in magnitude, at most 6 printed decimals (10^6 < 2^20), a mantissa
/// below 2^22. Then `2 · num · 10^d + den` < 2^62 and `mantissa · den` < 2^62. The places abroad
/// are far inside (a share's numerator, weighted and ·100, below 2^40 up to about 2^20 ballots);
/// Russia's national figures (about 76 million ballots) are not, and take the i128 path.
const SMALL: u128 = 1 << 40;
const SMALL_DECIMALS: u8 = 6;
const SMALL_MANTISSA: u128 = 1 << 22;

/// The value's numerator and denominator as i64 and 10^decimals, when within `SMALL`.
#[inline(always)]
fn small(value: Fraction, decimals: u8) -> Option<(i64, i64, i64)> {
    (value.num.unsigned_abs() < SMALL
        && value.den > 0
        && value.den.unsigned_abs() < SMALL
        && decimals <= SMALL_DECIMALS)
        .then(|| {
            (
                value.num as i64,
                value.den as i64,
                10i64.pow(u32::from(decimals)),
            )
        })
}

/// A printed figure as the judging reads it: its digits as an integer and how many decimals.
/// `Printed::mantissa` rounds and converts a float (library calls in wasm), so a sweep takes it
/// once per claim (`metric_figure`), not once per reading.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    mantissa: i128,
    decimals: u8,
}

impl Figure {
    pub fn of(printed: &Printed) -> Figure {
        Figure {
            mantissa: printed.mantissa(),
            decimals: printed.decimals,
        }
    }
}

/// The figure a value or compare test is judged against (None for other tests).
pub fn metric_figure(test: &Test) -> Option<Figure> {
    match test {
        Test::Value { published, .. } => Some(Figure::of(published)),
        Test::Compare { than, .. } => Some(Figure::of(than)),
        _ => None,
    }
}

/// A value against a printed figure, by the value rounded (half up) to the printed digits:
/// reproduced when it shows as the printed figure; off in the last printed digit when the two
/// differ by one unit of that digit (rounding or truncation: 16.64 against a printed 16,65);
/// differs otherwise.
pub fn against_printed(value: Fraction, printed: &Printed) -> Verdict {
    against_figure(value, Figure::of(printed))
}

fn against_figure(value: Fraction, figure: Figure) -> Verdict {
    // round(scaled / den) = floor((2·scaled + den) / 2·den), in i64 when it fits (`small`).
    let rounded = match small(value, figure.decimals) {
        Some((num, den, unit)) => {
            i128::from((2 * num.wrapping_mul(unit) + den).div_euclid(2 * den))
        }
        None => {
            let scaled = value.num * 10i128.pow(u32::from(figure.decimals));
            (2 * scaled + value.den).div_euclid(2 * value.den)
        }
    };
    match (rounded - figure.mantissa).abs() {
        0 => Verdict::Holds,
        1 => Verdict::OffLastDigit,
        _ => Verdict::Fails,
    }
}

/// A value against a threshold, exactly.
pub fn against_threshold(value: Fraction, op: super::Op, than: &Printed) -> bool {
    threshold_holds(value, op, Figure::of(than))
}

fn threshold_holds(value: Fraction, op: super::Op, than: Figure) -> bool {
    let mantissa = than.mantissa;
    if let Some((num, den, unit)) = small(value, than.decimals)
        && mantissa.unsigned_abs() < SMALL_MANTISSA
    {
        return op.holds(num.wrapping_mul(unit), (mantissa as i64).wrapping_mul(den));
    }
    let scaled = value.num * 10i128.pow(u32::from(than.decimals));
    op.holds(scaled, mantissa * value.den)
}

/// A value or compare test judged on its places' sums (None: a place is absent under this
/// reading).
pub fn metric_outcome(test: &Test, places: Option<&Places>, s: &State) -> Outcome {
    metric_outcome_at(test, places, s, metric_figure(test))
}

/// `metric_outcome` with the test's figure taken beforehand (`metric_figure`).
#[inline(always)]
pub fn metric_outcome_at(
    test: &Test,
    places: Option<&Places>,
    s: &State,
    figure: Option<Figure>,
) -> Outcome {
    let (metric, places, figure) = match (test, places, figure) {
        (Test::Value { metric, .. } | Test::Compare { metric, .. }, Some(p), Some(f)) => {
            (metric, p, f)
        }
        _ => return Outcome::not_applicable(),
    };
    // `exact_quantity` and `quantity_on`, each place's integers taken once.
    let (exact, value) = match &metric.versus {
        None => match exact_at(metric.quantity, &places.here, s) {
            Some((exact, value)) => (exact, Some(value)),
            None => return Outcome::not_applicable(),
        },
        Some(_) => match exact_quantity(metric, places, s) {
            Some(exact) => (exact, Some(exact.num as f64 / exact.den as f64)),
            None => return Outcome::not_applicable(),
        },
    };
    let verdict = match test {
        Test::Value { .. } => against_figure(exact, figure),
        Test::Compare { op, .. } => {
            if threshold_holds(exact, *op, figure) {
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

    /// `exact_at` against the checked way: the fraction from `Sums`' own methods, the value from
    /// `Quantity::value` (×100 for shares and ratios, as `quantity_on`), bit for bit, on sums on
    /// both sides of `parts`' bound, at weights from 0 to 1.
    #[test]
    fn a_quantity_as_the_checked_way_takes_it() {
        use crate::data::model::Candidate;
        use crate::reading::state::{Base, Weight};
        let mut next = crate::text::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let mut components: Vec<Component> = [
            "issued",
            "cast",
            "valid",
            "invalid",
            "unreturned",
            "opposition",
            "registered",
            "lost",
        ]
        .iter()
        .map(|n| Component::parse(n).unwrap())
        .collect();
        components.extend(Candidate::ALL.iter().map(|&c| Component::Candidate(c)));
        let weights = [0, 1, 2_500, 5_000, 9_999, 10_000].map(|u| Weight::from_scaled(u).unwrap());
        for round in 0..3000 {
            let bits = 4 + round % 38;
            let mut draw = || ((next() >> 20) % (1u64 << bits)) as i64;
            let sums = Sums {
                pecs: 1,
                registered: draw(),
                received: draw(),
                early: draw(),
                inside: draw(),
                mobile: draw(),
                cancelled: draw(),
                portable: draw(),
                stationary: draw(),
                invalid: draw(),
                valid: draw(),
                lost: draw(),
                unaccounted: draw(),
                votes: [draw(), draw(), draw(), draw()],
            };
            let mut s = State::paper();
            let mut w = || weights[(next() >> 30) as usize % weights.len()];
            (s.invalid, s.davankov, s.slutsky, s.kharitonov, s.unreturned) =
                (w(), w(), w(), w(), w());
            s.base = Base::ALL[round as usize % 3];
            let mut quantities: Vec<Quantity> = Vec::new();
            for &c in &components {
                quantities.extend([Quantity::Count(c), Quantity::Share(c)]);
                for &d in &components {
                    quantities.push(Quantity::Ratio(c, d));
                }
            }
            for q in quantities {
                let checked = match q {
                    Quantity::Count(Component::Opposition) => Some(Fraction {
                        num: i128::from(sums.opposition_scaled(&s)),
                        den: i128::from(WEIGHT_SCALE),
                    }),
                    Quantity::Count(c) => Some(Fraction {
                        num: i128::from(sums.count(c, &s)),
                        den: 1,
                    }),
                    Quantity::Share(c) => {
                        let (part, whole) = sums.share_parts(c, s.base, &s);
                        (whole > 0).then(|| Fraction {
                            num: 100 * i128::from(part),
                            den: i128::from(whole),
                        })
                    }
                    Quantity::Ratio(c, d) => {
                        let (part, whole) = (sums.scaled(c, &s), sums.scaled(d, &s));
                        (whole > 0).then(|| Fraction {
                            num: 100 * i128::from(part),
                            den: i128::from(whole),
                        })
                    }
                };
                let value = q
                    .value(&sums, s.base, &s)
                    .map(|v| if q.is_share() { v * 100.0 } else { v });
                let fast = exact_at(q, &sums, &s);
                assert_eq!(fast.map(|f| f.0), checked, "{q:?} on {sums:?}");
                if let Some((_, v)) = fast {
                    assert_eq!(
                        Some(v.to_bits()),
                        value.map(f64::to_bits),
                        "{q:?} on {sums:?}"
                    );
                }
            }
        }
    }

    /// The i64 path of `against_printed` and `against_threshold` against the i128 formulas, on
    /// values around every rounding edge and on both sides of the bound.
    #[test]
    fn small_values_judged_as_the_wide_formula() {
        let wide_printed = |v: Fraction, p: &Printed| {
            let scaled = v.num * 10i128.pow(u32::from(p.decimals));
            let rounded = (2 * scaled + v.den).div_euclid(2 * v.den);
            match (rounded - p.mantissa()).abs() {
                0 => Verdict::Holds,
                1 => Verdict::OffLastDigit,
                _ => Verdict::Fails,
            }
        };
        let wide_threshold = |v: Fraction, op: super::super::Op, p: &Printed| {
            op.holds(
                v.num * 10i128.pow(u32::from(p.decimals)),
                p.mantissa() * v.den,
            )
        };
        use super::super::Op;
        let edge = SMALL as i128;
        let figures = [
            "16,65",
            "16,5",
            "25",
            "0,001",
            "90 000",
            "4194303",
            "4194304",
            "12,345678",
            "1,2345678",
        ];
        let dens = [1, 3, 7, 10_000, 380_961, edge - 1, edge, edge + 1];
        for text in figures {
            let p = printed(text);
            for &den in &dens {
                let m = p.mantissa() * den / 10i128.pow(u32::from(p.decimals));
                for centre in [m, -m, 0, edge - 1, edge, -edge, -(edge - 1)] {
                    for d in -3..=3 {
                        let unit = 10i128.pow(u32::from(p.decimals));
                        for half in [
                            0,
                            den / 2,
                            den / 20,
                            den / 200,
                            den / (2 * unit),
                            (den + 1) / (2 * unit),
                        ] {
                            let v = Fraction {
                                num: centre + d + half,
                                den,
                            };
                            assert_eq!(against_printed(v, &p), wide_printed(v, &p), "{v:?} {text}");
                            for op in [Op::Eq, Op::Lt, Op::Le, Op::Gt, Op::Ge] {
                                assert_eq!(
                                    against_threshold(v, op, &p),
                                    wide_threshold(v, op, &p),
                                    "{v:?} {text}"
                                );
                            }
                        }
                    }
                }
            }
        }
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
