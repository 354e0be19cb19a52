//! Numbers written as text without core's float formatting (which would add ~20 KB to the wasm
//! module): fixed decimals by integer rounding, the shortest form through serde_json, and the
//! reader's format per language (English 380,961 and 17.88%; Russian 380 961 and 17,88%).

use super::Lang;

/// The digit-group separator of a language (Russian: a no-break space, as `Intl` writes it).
fn group_separator(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        Lang::Ru => '\u{a0}',
    }
}

fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::En => '.',
        Lang::Ru => ',',
    }
}

/// Digits grouped by three: "380961" → "380,961" / "380 961".
fn grouped(digits: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group_separator(lang));
        }
        out.push(c);
    }
    out
}

/// `x` with `decimals` decimals in the reader's format: 1,234.5 / 1 234,5; minus as "−".
pub fn decimal_text(x: f64, decimals: u8, lang: Lang) -> String {
    let plain = fixed(x, decimals);
    let (sign, body) = match plain.strip_prefix('-') {
        Some(rest) => ("−", rest),
        None => ("", plain.as_str()),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut out = format!("{sign}{}", grouped(whole, lang));
    if !frac.is_empty() {
        out.push(decimal_mark(lang));
        out.push_str(frac);
    }
    out
}

/// A whole count in the reader's format: 380,961 / 380 961.
/// `x` as an integer when it is one that an f64 holds exactly (|x| ≤ 2^53); never a wrapped or
/// saturated value.
pub fn exact_int(x: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    (x.fract() == 0.0 && x.abs() <= EXACT).then(|| {
        // Within ±2^53 the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        let n = x as i64;
        n
    })
}

pub fn count_text(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let sign = if n < 0 { "−" } else { "" };
    format!("{sign}{}", grouped(&digits, lang))
}

/// A weighted count: whole numbers as counts, fractions rounded to whole ballots.
pub fn ballots_text(x: f64, lang: Lang) -> String {
    decimal_text(x, 0, lang)
}

/// Percentage points as a percentage: 17.88% / 17,88%.
pub fn percent_text(points: f64, decimals: u8, lang: Lang) -> String {
    format!("{}%", decimal_text(points, decimals, lang))
}

/// A difference with its sign: +0.12 / −3 / ±0.
pub fn signed_text(x: f64, decimals: u8, lang: Lang) -> String {
    let magnitude = decimal_text(x.abs(), decimals, lang);
    let zero = fixed(x.abs(), decimals)
        .bytes()
        .all(|b| b == b'0' || b == b'.');
    let sign = if zero {
        "±"
    } else if x > 0.0 {
        "+"
    } else {
        "−"
    };
    format!("{sign}{magnitude}")
}

/// The difference between two figures as they are shown with `decimals` decimals: each rounded
/// first, as [`fixed`] rounds it, so "72.30%" against "72.25%" reads "+0.05", never the unrounded
/// "+0.04". With its sign, in the reader's format.
pub fn difference_text(now: f64, then: f64, decimals: u8, lang: Lang) -> String {
    if !now.is_finite() || !then.is_finite() {
        return signed_text(now - then, decimals, lang);
    }
    let scale = 10i64.pow(u32::from(decimals.min(12)));
    let units = rounded_units(now, scale) - rounded_units(then, scale);
    signed_text(units as f64 / scale as f64, decimals, lang)
}

/// `x` in units of 1/`scale`, halves away from zero (the rounding every shown figure takes).
fn rounded_units(x: f64, scale: i64) -> i64 {
    (x * scale as f64).round() as i64
}

/// `x` rounded to `decimals` decimals, halves away from zero: fixed(72.25071, 2) = "72.25".
pub fn fixed(x: f64, decimals: u8) -> String {
    if !x.is_finite() {
        return String::from("NaN");
    }
    let scale = 10i64.pow(u32::from(decimals.min(12)));
    let units = rounded_units(x, scale);
    let sign = if units < 0 { "-" } else { "" };
    let (whole, frac) = (
        units.unsigned_abs() / scale as u64,
        units.unsigned_abs() % scale as u64,
    );
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{frac:0width$}",
            width = usize::from(decimals)
        )
    }
}

/// The shortest text that reads back as `x` (integers without a fraction).
pub fn shortest(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    serde_json::to_string(&x).unwrap_or_else(|_| String::from("NaN"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_rounds_like_format() {
        for (x, d) in [
            (72.25071, 2),
            (0.005, 2),
            (85.02, 1),
            (12.4, 0),
            (12.6, 0),
            (1e-9, 3),
            (380961.0, 0),
            (-1.23456, 3),
        ] {
            assert_eq!(
                fixed(x, d),
                format!("{x:.*}", usize::from(d)).replace("-0.000", "0.000"),
                "{x} {d}"
            );
        }
        assert_eq!(fixed(-0.004, 2), "0.00");
    }

    #[test]
    fn reader_formats() {
        assert_eq!(count_text(380961, Lang::En), "380,961");
        assert_eq!(count_text(380961, Lang::Ru), "380\u{a0}961");
        assert_eq!(count_text(999, Lang::En), "999");
        assert_eq!(count_text(-1234567, Lang::En), "−1,234,567");
        assert_eq!(percent_text(17.8841, 2, Lang::Ru), "17,88%");
        assert_eq!(percent_text(72.2507, 2, Lang::En), "72.25%");
        assert_eq!(signed_text(-0.004, 2, Lang::En), "±0.00");
        assert_eq!(signed_text(160700.0, 0, Lang::Ru), "+160\u{a0}700");
        assert_eq!(signed_text(-0.5, 1, Lang::Ru), "−0,5");
    }

    #[test]
    fn a_difference_is_between_the_figures_as_shown() {
        // 72.29615 and 72.25123 show as 72.30 and 72.25: +0.05, though they differ by 0.04492.
        assert_eq!(signed_text(72.29615 - 72.25123, 2, Lang::En), "+0.04");
        assert_eq!(difference_text(72.29615, 72.25123, 2, Lang::En), "+0.05");
        assert_eq!(difference_text(23.5170, 23.5024, 2, Lang::Ru), "+0,02");
        assert_eq!(difference_text(10.004, 10.001, 2, Lang::En), "±0.00");
        assert_eq!(difference_text(41.0, 43.0, 0, Lang::En), "−2");
        assert_eq!(difference_text(0.994, 1.006, 2, Lang::En), "−0.02");
    }

    #[test]
    fn shortest_reads_back() {
        for x in [0.1, 72.25070850349, 1.0 / 3.0, -2.5, 380961.0] {
            assert_eq!(shortest(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(shortest(380961.0), "380961");
    }
}
