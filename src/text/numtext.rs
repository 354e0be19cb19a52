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

/// The decimal digits of `n`, written into the end of `buf`: the slice they fill.
fn digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// Digits grouped by three: "380961" → "380,961" / "380 961".
fn push_grouped(out: &mut String, digits: &[u8], lang: Lang) {
    for (i, &c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group_separator(lang));
        }
        out.push(char::from(c));
    }
}

/// `x` rounded to `decimals` decimals, halves away from zero, in units of the last decimal
/// (None if not finite), and the number of those units in one.
fn units(x: f64, decimals: u8) -> Option<(i64, u64)> {
    if !x.is_finite() {
        return None;
    }
    let scale = 10i64.pow(u32::from(decimals.min(12)));
    Some(((x * scale as f64).round() as i64, scale as u64))
}

/// The fraction's `decimals` digits of `units`, zero-padded.
fn push_fraction(out: &mut String, frac: u64, decimals: u8) {
    let mut buf = [0u8; 20];
    let d = digits(frac, &mut buf);
    for _ in d.len()..usize::from(decimals) {
        out.push('0');
    }
    out.extend(d.iter().map(|&c| char::from(c)));
}

/// `decimal_text`, written into `out`.
pub fn push_decimal(out: &mut String, x: f64, decimals: u8, lang: Lang) {
    let Some((units, scale)) = units(x, decimals) else {
        out.push_str("NaN");
        return;
    };
    if units < 0 {
        out.push('−');
    }
    let mut buf = [0u8; 20];
    push_grouped(out, digits(units.unsigned_abs() / scale, &mut buf), lang);
    if decimals > 0 {
        out.push(decimal_mark(lang));
        push_fraction(out, units.unsigned_abs() % scale, decimals);
    }
}

/// `x` with `decimals` decimals in the reader's format: 1,234.5 / 1 234,5; minus as "−".
pub fn decimal_text(x: f64, decimals: u8, lang: Lang) -> String {
    let mut out = String::with_capacity(24);
    push_decimal(&mut out, x, decimals, lang);
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
    let mut out = String::with_capacity(24);
    if n < 0 {
        out.push('−');
    }
    let mut buf = [0u8; 20];
    push_grouped(&mut out, digits(n.unsigned_abs(), &mut buf), lang);
    out
}

/// A weighted count: whole numbers as counts, fractions rounded to whole ballots.
pub fn ballots_text(x: f64, lang: Lang) -> String {
    decimal_text(x, 0, lang)
}

/// Percentage points as a percentage: 17.88% / 17,88%.
pub fn percent_text(points: f64, decimals: u8, lang: Lang) -> String {
    let mut out = String::with_capacity(24);
    push_decimal(&mut out, points, decimals, lang);
    out.push('%');
    out
}

/// A difference with its sign: +0.12 / −3 / ±0.
pub fn signed_text(x: f64, decimals: u8, lang: Lang) -> String {
    let zero = units(x.abs(), decimals).is_some_and(|(u, _)| u == 0);
    let mut out = String::with_capacity(24);
    out.push(if zero {
        '±'
    } else if x > 0.0 {
        '+'
    } else {
        '−'
    });
    push_decimal(&mut out, x.abs(), decimals, lang);
    out
}

/// The difference between two figures as they are shown with `decimals` decimals: each rounded
/// first, as [`fixed`] rounds it, so "72.30%" against "72.25%" reads "+0.05", never the unrounded
/// "+0.04". With its sign, in the reader's format.
pub fn difference_text(now: f64, then: f64, decimals: u8, lang: Lang) -> String {
    match (units(now, decimals), units(then, decimals)) {
        (Some((now, scale)), Some((then, _))) => {
            signed_text((now - then) as f64 / scale as f64, decimals, lang)
        }
        _ => signed_text(now - then, decimals, lang),
    }
}

/// `x` rounded to `decimals` decimals, halves away from zero: fixed(72.25071, 2) = "72.25".
pub fn fixed(x: f64, decimals: u8) -> String {
    let Some((units, scale)) = units(x, decimals) else {
        return String::from("NaN");
    };
    let mut out = String::with_capacity(24);
    if units < 0 {
        out.push('-');
    }
    let mut buf = [0u8; 20];
    out.extend(
        digits(units.unsigned_abs() / scale, &mut buf)
            .iter()
            .map(|&c| char::from(c)),
    );
    if decimals > 0 {
        out.push('.');
        push_fraction(&mut out, units.unsigned_abs() % scale, decimals);
    }
    out
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

    /// The formatting as it was written with `format!`, for comparison.
    mod by_format {
        use super::super::{Lang, decimal_mark, group_separator};

        fn grouped(digits: &str, lang: Lang) -> String {
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(group_separator(lang));
                }
                out.push(c);
            }
            out
        }
        pub fn fixed(x: f64, decimals: u8) -> String {
            if !x.is_finite() {
                return String::from("NaN");
            }
            let scale = 10i64.pow(u32::from(decimals.min(12)));
            let units = (x * scale as f64).round() as i64;
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
        pub fn count_text(n: i64, lang: Lang) -> String {
            let digits = n.unsigned_abs().to_string();
            let sign = if n < 0 { "−" } else { "" };
            format!("{sign}{}", grouped(&digits, lang))
        }
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
    }

    /// Every formatter against the same text written with `format!`: random values of every
    /// size and sign, every number of decimals, both languages, the edges.
    #[test]
    fn the_same_text_as_format() {
        let mut next = crate::text::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            0.004,
            -0.004,
            999.5,
            1e15,
            -1e15,
            9.3e18,
            -9.3e18,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ];
        for _ in 0..20_000 {
            let r = next();
            let magnitude = 10f64.powi((r % 17) as i32 - 4);
            let unit = (next() >> 11) as f64 / (1u64 << 53) as f64;
            let sign = if r & (1 << 40) == 0 { 1.0 } else { -1.0 };
            values.push(sign * unit * magnitude);
        }
        for (i, &x) in values.iter().enumerate() {
            for lang in [Lang::En, Lang::Ru] {
                let d = (i % 15) as u8;
                assert_eq!(fixed(x, d), by_format::fixed(x, d), "{x} {d}");
                assert_eq!(
                    decimal_text(x, d, lang),
                    by_format::decimal_text(x, d, lang),
                    "{x} {d}"
                );
                assert_eq!(
                    percent_text(x, d, lang),
                    format!("{}%", by_format::decimal_text(x, d, lang))
                );
                assert_eq!(
                    signed_text(x, d, lang),
                    by_format::signed_text(x, d, lang),
                    "{x} {d}"
                );
                for d in [0, 1, 2] {
                    assert_eq!(
                        decimal_text(x, d, lang),
                        by_format::decimal_text(x, d, lang),
                        "{x} {d}"
                    );
                }
            }
        }
        let mut ints = vec![0, 1, -1, 999, 1000, -1000, i64::MAX, i64::MIN, i64::MIN + 1];
        ints.extend((0..5_000).map(|_| (next() as i64) >> (next() % 64)));
        for n in ints {
            for lang in [Lang::En, Lang::Ru] {
                assert_eq!(count_text(n, lang), by_format::count_text(n, lang), "{n}");
            }
        }
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
