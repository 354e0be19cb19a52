//! Typing slips: a printed figure that is another value with one digit changed, two adjacent
//! digits swapped, a digit inserted or left out, or the decimal point shifted. Finding that a
//! figure *could* be a slip proves nothing; the audit accepts one only when another printed
//! figure confirms the corrected value (see `audit`).

use super::published::Printed;
use crate::text::Lang;
use crate::text::numtext::{decimal_text, fixed};

/// The kinds of slip, each with its reason code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlipKind {
    Changed,
    Swapped,
    Inserted,
    Dropped,
    ShiftedPoint,
}

impl SlipKind {
    pub const ALL: [SlipKind; 5] = [
        SlipKind::Changed,
        SlipKind::Swapped,
        SlipKind::Inserted,
        SlipKind::Dropped,
        SlipKind::ShiftedPoint,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SlipKind::Changed => "changed_digit",
            SlipKind::Swapped => "swapped_digits",
            SlipKind::Inserted => "inserted_digit",
            SlipKind::Dropped => "dropped_digit",
            SlipKind::ShiftedPoint => "shifted_point",
        }
    }

    /// "with one digit changed" / "с одной изменённой цифрой".
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            SlipKind::Changed => ("with one digit changed", "с одной изменённой цифрой"),
            SlipKind::Swapped => (
                "with two adjacent digits swapped",
                "с переставленными соседними цифрами",
            ),
            SlipKind::Inserted => ("with one digit inserted", "с одной лишней цифрой"),
            SlipKind::Dropped => ("with one digit left out", "с пропущенной цифрой"),
            SlipKind::ShiftedPoint => (
                "with the decimal point shifted",
                "со сдвинутой десятичной запятой",
            ),
        }
    }
}

/// A slip found: its kind and the figure as it would have been printed without it.
#[derive(Clone, Debug, PartialEq)]
pub struct Slip {
    pub kind: SlipKind,
    pub corrected: Printed,
}

/// A number's digits (no sign, no separators) and how many stand before the decimal point.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Digits {
    digits: Vec<u8>,
    whole: usize,
}

impl Digits {
    /// The digits of `fixed`'s text (its bytes, the point taken out).
    fn of_fixed(text: String) -> Digits {
        let mut digits = text.into_bytes();
        let whole = match digits.iter().position(|&b| b == b'.') {
            Some(point) => {
                digits.remove(point);
                point
            }
            None => digits.len(),
        };
        Digits { digits, whole }
    }

    /// Without the digit at `i` (the point moves left if it was a whole digit).
    #[cfg(test)]
    fn without(&self, i: usize) -> Digits {
        let mut digits = self.digits.clone();
        digits.remove(i);
        Digits {
            digits,
            whole: if i < self.whole {
                self.whole - 1
            } else {
                self.whole
            },
        }
    }
}

/// The printed figure's digits.
fn printed_digits(p: &Printed) -> Digits {
    Digits::of_fixed(fixed(p.value, p.decimals))
}

/// `value` written as the paper writes figures ("53 269", "85,02"), with `decimals` decimals.
pub fn printed_as(value: f64, decimals: u8, percent: bool) -> Option<Printed> {
    let text = decimal_text(value, decimals, Lang::Ru).replace('\u{a0}', " ");
    let mut p = Printed::parse(&text).ok()?;
    p.percent = percent;
    if percent {
        p.text.push('%');
    }
    Some(p)
}

fn differ_in_one(a: &Digits, b: &Digits) -> bool {
    a.whole == b.whole
        && a.digits.len() == b.digits.len()
        && a.digits
            .iter()
            .zip(&b.digits)
            .filter(|(x, y)| x != y)
            .count()
            == 1
}

fn swapped(a: &Digits, b: &Digits) -> bool {
    if a.whole != b.whole || a.digits.len() != b.digits.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.digits.len())
        .filter(|&i| a.digits[i] != b.digits[i])
        .collect();
    matches!(diff[..], [i, j] if j == i + 1
        && a.digits[i] == b.digits[j]
        && a.digits[j] == b.digits[i])
}

/// Whether `short` is `long` with one digit taken out.
fn one_removed(long: &Digits, short: &Digits) -> bool {
    long.digits.len() == short.digits.len() + 1
        && (0..long.digits.len()).any(|i| {
            // `long.without(i) == *short`, without building it.
            let whole = if i < long.whole {
                long.whole - 1
            } else {
                long.whole
            };
            whole == short.whole
                && long.digits[..i] == short.digits[..i]
                && long.digits[i + 1..] == short.digits[i..]
        })
}

/// Every slip that turns `value` (in the printed figure's unit) into the printed figure.
pub fn slips(printed: &Printed, value: f64) -> Vec<Slip> {
    if !value.is_finite() || value < 0.0 || printed.qualifier.is_some() {
        return Vec::new();
    }
    let d = printed.decimals;
    let whole_count = d == 0 && value.fract() == 0.0;
    let shown = |decimals: u8| Digits::of_fixed(fixed(value, decimals));
    let corrected = |decimals: u8| printed_as(value, decimals, printed.percent);
    let p = printed_digits(printed);
    let mut out = Vec::new();
    let mut push = |kind: SlipKind, decimals: u8| {
        if let Some(c) = corrected(decimals)
            && c.text != printed.text
            && !out.iter().any(|s: &Slip| s.kind == kind)
        {
            out.push(Slip { kind, corrected: c });
        }
    };
    let same = shown(d);
    if differ_in_one(&same, &p) {
        push(SlipKind::Changed, d);
    }
    if swapped(&same, &p) {
        push(SlipKind::Swapped, d);
    }
    // A digit left out: the value shown with one decimal more (counts stay whole).
    let finer = if whole_count { d } else { d + 1 };
    if one_removed(&shown(finer), &p) {
        push(SlipKind::Dropped, finer);
    }
    // A digit inserted: in the whole part (same decimals) or in the fraction (one fewer).
    if one_removed(&p, &same) {
        push(SlipKind::Inserted, d);
    } else if d > 0 && one_removed(&p, &shown(d - 1)) {
        push(SlipKind::Inserted, d - 1);
    }
    // The point shifted by one to three places: the same digits, ten to a thousand times off.
    for k in [-3i32, -2, -1, 1, 2, 3] {
        let scaled = value * 10f64.powi(k);
        let decimals = i32::from(d) + k;
        if !(0..=6).contains(&decimals) || !printed.matches(scaled) {
            continue;
        }
        let digits_of = |x: &Digits| {
            let s: Vec<u8> = x
                .digits
                .iter()
                .copied()
                .skip_while(|&b| b == b'0')
                .collect();
            s
        };
        let decimals = u8::try_from(decimals).unwrap_or(0);
        if digits_of(&shown(decimals)) == digits_of(&p) {
            push(SlipKind::ShiftedPoint, decimals);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(printed: &str, value: f64) -> Vec<(SlipKind, String)> {
        slips(&Printed::parse(printed).unwrap(), value)
            .into_iter()
            .map(|s| (s.kind, s.corrected.text))
            .collect()
    }

    #[test]
    fn each_kind_is_found_with_the_corrected_figure() {
        let has = |printed: &str, value: f64, kind: SlipKind, corrected: &str| {
            let found = kinds(printed, value);
            assert!(
                found.contains(&(kind, corrected.to_string())),
                "{printed} from {value}: {found:?}"
            );
        };
        has("52 269", 53269.0, SlipKind::Changed, "53 269");
        has("53 296", 53269.0, SlipKind::Swapped, "53 269");
        has("17 806", 178506.0, SlipKind::Dropped, "178 506");
        has("85,2", 85.0198, SlipKind::Dropped, "85,02");
        has("532 269", 53269.0, SlipKind::Inserted, "53 269");
        has("69,211", 69.2147, SlipKind::Inserted, "69,21");
        has("4,35", 0.43501, SlipKind::ShiftedPoint, "0,435");
        has("8,5%", 0.85, SlipKind::ShiftedPoint, "0,85%");
        // One kind only where the digits allow one reading.
        assert_eq!(kinds("53 296", 53269.0).len(), 1);
        assert_eq!(kinds("17 806", 178506.0).len(), 1);
    }

    /// A digit taken out, against building the shorter figure.
    #[test]
    fn digits_as_written() {
        let mut next = crate::text::xorshift(0x1234_5678_9abc_def1);
        let mut all = Vec::new();
        for i in 0..3000 {
            let x = (next() % 10_000_000) as f64 / 10f64.powi(i % 7);
            let d = (i % 5) as u8;
            all.push(Digits::of_fixed(fixed(x, d)));
        }
        for (a, b) in all.iter().zip(all.iter().skip(1)) {
            for (long, short) in [(a, b), (b, a)] {
                let built = long.digits.len() == short.digits.len() + 1
                    && (0..long.digits.len()).any(|i| long.without(i) == *short);
                assert_eq!(one_removed(long, short), built, "{long:?} {short:?}");
            }
            // Each with one digit out: found.
            for i in 0..a.digits.len() {
                assert!(one_removed(a, &a.without(i)));
            }
        }
    }

    #[test]
    fn near_misses_are_no_slip() {
        // Two digits changed, a swap of digits that are not neighbours, two digits left out.
        assert!(kinds("52 169", 53269.0).is_empty());
        assert!(kinds("59 263", 53269.0).is_empty());
        assert!(kinds("1 706", 178506.0).is_empty());
        // The same digits, but not ten times off.
        assert!(kinds("4,35", 0.87).is_empty());
        // A figure that is the value at its precision is no slip at all.
        assert!(kinds("53 269", 53269.0).is_empty());
    }
}
