//! Numbers written as text without core's float formatting (which would add ~20 KB to the wasm
//! module): fixed decimals by integer rounding, the shortest form through serde_json.

/// `x` rounded to `decimals` decimals, halves away from zero: fixed(72.25071, 2) = "72.25".
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
    fn shortest_reads_back() {
        for x in [0.1, 72.25070850349, 1.0 / 3.0, -2.5, 380961.0] {
            assert_eq!(shortest(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(shortest(380961.0), "380961");
    }
}
