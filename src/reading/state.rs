//! A reading of the data, typed: the weights (exact in 1/10 000), the choices, the paper's own
//! reading, and the words for what can be wrong with a value.

use crate::text::Text;
use std::fmt;

/// Weights are exact multiples of 1/10 000, so weighted counts stay integers.
pub const WEIGHT_SCALE: i64 = 10_000;
/// At most this many decimals in a weight (1/WEIGHT_SCALE).
const WEIGHT_DECIMALS: usize = 4;
/// The largest `min_issued` accepted: no PEC abroad issued more than 10^6 ballots.
pub const MAX_MIN_ISSUED: u32 = 1_000_000;
/// A query string longer than this is refused before it is parsed.
pub const MAX_QUERY_LEN: usize = 4096;
/// A query with more pairs than this is refused before it is parsed.
pub const MAX_QUERY_PAIRS: usize = 64;

/// A weight in [0, 1], held as an integer number of 1/10 000.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Weight(u16);

impl Weight {
    pub const ZERO: Weight = Weight(0);
    pub const ONE: Weight = Weight(WEIGHT_SCALE as u16);

    /// The weight in units of 1/WEIGHT_SCALE.
    #[inline(always)]
    pub fn scaled(self) -> i64 {
        i64::from(self.0)
    }
    pub fn from_scaled(units: i64) -> Option<Weight> {
        u16::try_from(units)
            .ok()
            .filter(|u| i64::from(*u) <= WEIGHT_SCALE)
            .map(Weight)
    }
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / WEIGHT_SCALE as f64
    }

    /// Parse a decimal in [0, 1] with at most four decimals ("0.25", "1", ".5"); a decimal
    /// comma reads as a point ("0,25"), as a Russian reader types it.
    pub fn parse(text: &str) -> Result<Weight, Problem> {
        let mark = if text.contains('.') { '.' } else { ',' };
        let (int_part, frac_part) = match text.split_once(mark) {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty()) || !digits(int_part) || !digits(frac_part)
        {
            let negative = text
                .strip_prefix('-')
                .is_some_and(|rest| Weight::parse(rest).is_ok_and(|w| w != Weight::ZERO));
            return Err(if negative {
                Problem::OutOfRange
            } else if text.contains(' ') {
                Problem::Space
            } else {
                Problem::NotANumber
            });
        }
        if frac_part.len() > WEIGHT_DECIMALS {
            return Err(Problem::TooManyDecimals);
        }
        let int_value: i64 = match int_part.trim_start_matches('0') {
            "" => 0,
            "1" => 1,
            _ => return Err(Problem::OutOfRange),
        };
        let mut frac_units = 0i64;
        for (i, b) in frac_part.bytes().enumerate() {
            frac_units += i64::from(b - b'0') * 10i64.pow((WEIGHT_DECIMALS - 1 - i) as u32);
        }
        Weight::from_scaled(int_value * WEIGHT_SCALE + frac_units).ok_or(Problem::OutOfRange)
    }
}

impl fmt::Display for Weight {
    /// The shortest decimal: 0, 1, 0.5, 0.125.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = self.scaled();
        let int_part = units / WEIGHT_SCALE;
        let frac = units % WEIGHT_SCALE;
        if frac == 0 {
            return write!(f, "{int_part}");
        }
        let frac_text = format!("{frac:04}");
        write!(f, "{int_part}.{}", frac_text.trim_end_matches('0'))
    }
}

/// Defines a choice enum with its URL spellings, in the order the vocabulary lists them.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.id() == text)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.id()) }
        }
    };
}

choice!(
    /// The denominator of every share.
    Base { Issued => "issued", Cast => "cast", Valid => "valid" }
);
choice!(
    /// Where Estonia, Latvia and Lithuania are grouped.
    Baltics { PostSoviet => "post_soviet", Europe => "europe" }
);
choice!(
    /// Whether the PECs in Abkhazia, South Ossetia and Transnistria count.
    Disputed { Include => "include", Exclude => "exclude" }
);
choice!(
    /// The rule for a PEC, country or region "won by the opposition".
    WinRule { Plurality => "plurality", Majority => "majority" }
);
choice!(
    /// Which region scheme groups the countries.
    RegionScheme { Paper => "paper", Un => "un" }
);
choice!(
    /// What "Russia" means wherever the vote abroad is compared with it: the CEC's national total
    /// (abroad included, as the paper), that total without the PECs abroad, or the PEC protocols
    /// inside Russia plus the remote electronic vote (no annexed regions: they have no protocols).
    Russia { CecTotal => "cec_total", WithoutAbroad => "without_abroad", Protocols => "protocols" }
);

/// A reading of the data: every assumption the tables depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct State {
    pub invalid: Weight,
    pub davankov: Weight,
    pub slutsky: Weight,
    pub kharitonov: Weight,
    pub unreturned: Weight,
    pub base: Base,
    pub baltics: Baltics,
    pub disputed: Disputed,
    pub win: WinRule,
    pub min_issued: u32,
    pub regions: RegionScheme,
    pub russia: Russia,
}

impl Default for State {
    fn default() -> Self {
        State::paper()
    }
}

/// What is wrong with one value or with the whole query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    UnknownKey,
    Repeated,
    NotANumber,
    /// A space in the value: a `+` in a link decodes to a space.
    Space,
    TooManyDecimals,
    OutOfRange,
    UnknownValue,
    NotAWholeNumber,
    NoKey,
    TooLong(usize),
    TooManyKeys(usize),
}

impl Problem {
    pub fn text(self) -> Text {
        match self {
            Problem::UnknownKey => Text::new("unknown key", "неизвестный параметр"),
            Problem::Repeated => Text::new(
                "the key is given more than once",
                "параметр указан больше одного раза",
            ),
            Problem::NotANumber => Text::new("not a number", "не число"),
            Problem::Space => Text::new(
                "contains a space (a \"+\" in a link stands for a space)",
                "содержит пробел (знак «+» в ссылке означает пробел)",
            ),
            Problem::TooManyDecimals => {
                Text::new("more than 4 decimals", "больше 4 знаков после запятой")
            }
            Problem::OutOfRange => Text::new("out of range", "вне допустимого диапазона"),
            Problem::UnknownValue => Text::new("unknown value", "неизвестное значение"),
            Problem::NotAWholeNumber => Text::new("not a whole number", "не целое число"),
            Problem::NoKey => Text::new("a value without a key", "значение без имени параметра"),
            Problem::TooLong(n) => Text::new(
                format!("the link’s settings are {n} bytes long"),
                format!(
                    "параметры ссылки занимают {n} {}",
                    crate::text::plural::ru_form(n as u64, "байт", "байта", "байт")
                ),
            ),
            Problem::TooManyKeys(n) => Text::new(
                format!("the link has {n} keys"),
                format!("в ссылке параметров: {n}"),
            ),
        }
    }
}

impl State {
    /// The paper's own reading.
    pub const fn paper() -> State {
        State {
            invalid: Weight::ONE,
            davankov: Weight::ONE,
            slutsky: Weight::ZERO,
            kharitonov: Weight::ZERO,
            unreturned: Weight::ZERO,
            base: Base::Issued,
            baltics: Baltics::PostSoviet,
            disputed: Disputed::Include,
            win: WinRule::Plurality,
            min_issued: 0,
            regions: RegionScheme::Paper,
            russia: Russia::CecTotal,
        }
    }
}
