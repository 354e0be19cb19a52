//! The assumption vocabulary: one definition used by the URL, the CLI, exports and the UI.
//!
//! A state is a query string (`invalid=0.5&base=valid`). Missing keys take the paper's choice; the
//! canonical form lists every key in the order of [`KEYS`]. An unknown key, a malformed value or an
//! out-of-range number is an error naming the key and the allowed values.

use serde::Serialize;
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
        (0..=WEIGHT_SCALE)
            .contains(&units)
            .then_some(Weight(units as u16))
    }
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / WEIGHT_SCALE as f64
    }

    /// Parse a decimal in [0, 1] with at most four decimals ("0.25", "1", ".5").
    fn parse(text: &str) -> Result<Weight, &'static str> {
        let (int_part, frac_part) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty()) || !digits(int_part) || !digits(frac_part)
        {
            return Err("not a number");
        }
        if frac_part.len() > WEIGHT_DECIMALS {
            return Err("more than 4 decimals");
        }
        let int_value: i64 = match int_part.trim_start_matches('0') {
            "" => 0,
            "1" => 1,
            _ => return Err("out of range"),
        };
        let mut frac_units = 0i64;
        for (i, b) in frac_part.bytes().enumerate() {
            frac_units += i64::from(b - b'0') * 10i64.pow((WEIGHT_DECIMALS - 1 - i) as u32);
        }
        Weight::from_scaled(int_value * WEIGHT_SCALE + frac_units).ok_or("out of range")
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
}

impl Default for State {
    fn default() -> Self {
        State::paper()
    }
}

/// What kind of value a key takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KeyKind {
    /// A decimal from 0 to 1 with at most four decimals.
    Weight,
    /// One of the listed values.
    Choice { values: Vec<&'static str> },
    /// A whole number from `min` to `max`.
    Integer { min: u32, max: u32 },
}

/// One key of the vocabulary, with the paper's value and a short explanation in both languages.
#[derive(Clone, Debug, Serialize)]
pub struct KeyInfo {
    pub key: &'static str,
    #[serde(flatten)]
    pub kind: KeyKind,
    pub paper: String,
    pub label_en: &'static str,
    pub label_ru: &'static str,
    pub help_en: &'static str,
    pub help_ru: &'static str,
}

/// The keys, in canonical order.
pub const KEYS: [&str; 11] = [
    "invalid",
    "davankov",
    "slutsky",
    "kharitonov",
    "unreturned",
    "base",
    "baltics",
    "disputed",
    "win",
    "min_issued",
    "regions",
];

fn choice_values<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> KeyKind {
    KeyKind::Choice {
        values: all.iter().map(|&v| id(v)).collect(),
    }
}

/// The whole vocabulary, for documentation and for building the page's controls.
pub fn vocabulary() -> Vec<KeyInfo> {
    let paper = State::paper();
    let info = |key: &'static str, kind, label_en, label_ru, help_en, help_ru| KeyInfo {
        key,
        kind,
        paper: paper.value_of(key).unwrap_or_default(),
        label_en,
        label_ru,
        help_en,
        help_ru,
    };
    vec![
        info(
            "invalid",
            KeyKind::Weight,
            "Invalid (spoiled) ballots",
            "Недействительные (испорченные) бюллетени",
            "Share of invalid ballots counted as opposition votes. The paper counts all of them (1).",
            "Доля недействительных бюллетеней, засчитываемая оппозиции. В статье — все (1).",
        ),
        info(
            "davankov",
            KeyKind::Weight,
            "Votes for Davankov",
            "Голоса за Даванкова",
            "Share of Davankov's votes counted as opposition. The paper counts all of them (1).",
            "Доля голосов за Даванкова, засчитываемая оппозиции. В статье — все (1).",
        ),
        info(
            "slutsky",
            KeyKind::Weight,
            "Votes for Slutsky",
            "Голоса за Слуцкого",
            "Share of Slutsky's votes counted as opposition. The paper counts none (0).",
            "Доля голосов за Слуцкого, засчитываемая оппозиции. В статье — ни одного (0).",
        ),
        info(
            "kharitonov",
            KeyKind::Weight,
            "Votes for Kharitonov",
            "Голоса за Харитонова",
            "Share of Kharitonov's votes counted as opposition. The paper counts none (0).",
            "Доля голосов за Харитонова, засчитываемая оппозиции. В статье — ни одного (0).",
        ),
        info(
            "unreturned",
            KeyKind::Weight,
            "Ballots not returned",
            "Невозвращённые бюллетени",
            "Share of ballots issued but not found in the boxes (the paper's \"stolen\") counted as opposition. The paper counts none (0).",
            "Доля выданных, но не найденных в ящиках бюллетеней («унесённых», по статье), засчитываемая оппозиции. В статье — ни одного (0).",
        ),
        info(
            "base",
            choice_values(Base::ALL, Base::id),
            "Denominator of shares",
            "Знаменатель долей",
            "issued: ballots issued (the paper's \"voters\"); cast: ballots found in the boxes; valid: valid ballots. For the opposition's share, ballots counted as opposition but outside the base (invalid ones under valid) are added to it, so it never exceeds 100%.",
            "issued: выданные бюллетени («избиратели» в статье); cast: бюллетени в ящиках; valid: действительные. Для доли оппозиции засчитанные ей бюллетени вне знаменателя (недействительные при valid) к нему добавляются, так что она не превышает 100%.",
        ),
        info(
            "baltics",
            choice_values(Baltics::ALL, Baltics::id),
            "Estonia, Latvia, Lithuania",
            "Эстония, Латвия, Литва",
            "Which region the Baltic states join: the post-Soviet space (paper) or Europe.",
            "В какой регион входят страны Балтии: постсоветское пространство (как в статье) или Европа.",
        ),
        info(
            "disputed",
            choice_values(Disputed::ALL, Disputed::id),
            "Abkhazia, South Ossetia, Transnistria",
            "Абхазия, Южная Осетия, Приднестровье",
            "Whether the PECs in these disputed territories count (paper: include).",
            "Учитывать ли УИК на этих спорных территориях (в статье — да).",
        ),
        info(
            "win",
            choice_values(WinRule::ALL, WinRule::id),
            "\"Won by the opposition\" means",
            "«Победа оппозиции» означает",
            "plurality: opposition votes exceed Putin's (paper); majority: they exceed half of the base.",
            "plurality: голосов оппозиции больше, чем у Путина (как в статье); majority: больше половины знаменателя.",
        ),
        info(
            "min_issued",
            KeyKind::Integer {
                min: 0,
                max: MAX_MIN_ISSUED,
            },
            "Smallest PEC or country counted in wins",
            "Минимальный размер УИК или страны для подсчёта побед",
            "PECs and countries with fewer ballots issued are left out of the win counts (paper: 0).",
            "УИК и страны, где выдано меньше бюллетеней, не учитываются в подсчёте побед (в статье — 0).",
        ),
        info(
            "regions",
            choice_values(RegionScheme::ALL, RegionScheme::id),
            "Region scheme",
            "Схема регионов",
            "paper: the paper's seven regions; un: the UN M49 regions. Published region figures are compared only under paper.",
            "paper: семь регионов статьи; un: регионы ООН (M49). Опубликованные цифры по регионам сравниваются только при paper.",
        ),
    ]
}

/// One problem with one key of a query string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateError {
    /// The key as written (decoded); empty when the problem concerns the whole query.
    pub key: String,
    /// The value as written (decoded, shortened).
    pub value: String,
    pub problem: String,
    pub allowed: String,
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}; {}", self.problem, self.allowed)
        } else {
            write!(
                f,
                "`{}={}`: {}; allowed: {}",
                self.key, self.value, self.problem, self.allowed
            )
        }
    }
}

impl std::error::Error for StateError {}

/// A query string read leniently: the state (each bad key falls back to the paper's value), the
/// problems found, and the pairs whose keys are not assumptions (view keys, or unknown).
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedQuery {
    pub state: State,
    pub errors: Vec<StateError>,
    pub other: Vec<(String, String)>,
}

/// Shorten a user-supplied text for an error message.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Split a query string into decoded pairs; the leading `?` or `#` is optional.
pub fn query_pairs(query: &str) -> Result<Vec<(String, String)>, StateError> {
    if query.len() > MAX_QUERY_LEN {
        return Err(StateError {
            key: String::new(),
            value: String::new(),
            problem: format!("the query string is {} bytes long", query.len()),
            allowed: format!("at most {MAX_QUERY_LEN} bytes"),
        });
    }
    let query = query.trim_start_matches(['?', '#']);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if pairs.len() > MAX_QUERY_PAIRS {
        return Err(StateError {
            key: String::new(),
            value: String::new(),
            problem: format!("the query string has {} keys", pairs.len()),
            allowed: format!("at most {MAX_QUERY_PAIRS} keys"),
        });
    }
    Ok(pairs)
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
        }
    }

    /// Parse a query string strictly: any problem, including an unknown key, is an error.
    pub fn from_query(query: &str) -> Result<State, Vec<StateError>> {
        let parsed = State::parse_lenient(query);
        let mut errors = parsed.errors;
        for (key, value) in parsed.other {
            errors.push(unknown_key(&key, &value));
        }
        if errors.is_empty() {
            Ok(parsed.state)
        } else {
            Err(errors)
        }
    }

    /// Parse a query string leniently: each bad key is reported and keeps the paper's value;
    /// keys outside the vocabulary are returned in `other` for the caller (the page's view keys).
    pub fn parse_lenient(query: &str) -> ParsedQuery {
        let mut state = State::paper();
        let mut errors = Vec::new();
        let mut other = Vec::new();
        let pairs = match query_pairs(query) {
            Ok(pairs) => pairs,
            Err(e) => {
                return ParsedQuery {
                    state,
                    errors: vec![e],
                    other,
                };
            }
        };
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in &pairs {
            let Some(&known) = KEYS.iter().find(|k| **k == key.as_str()) else {
                other.push((key.clone(), value.clone()));
                continue;
            };
            if seen.contains(&known) {
                errors.push(StateError {
                    key: key.clone(),
                    value: shorten(value),
                    problem: "the key is given more than once".into(),
                    allowed: "each key once".into(),
                });
                continue;
            }
            seen.push(known);
            if let Err(e) = state.set(known, value) {
                errors.push(e);
            }
        }
        ParsedQuery {
            state,
            errors,
            other,
        }
    }

    /// Set one key from its text; on error the state is unchanged.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), StateError> {
        if !KEYS.contains(&key) {
            return Err(unknown_key(key, value));
        }
        // The vocabulary is built only to word an error.
        let fail = |problem: &str| StateError {
            key: key.to_string(),
            value: shorten(value),
            problem: problem.to_string(),
            allowed: vocabulary()
                .into_iter()
                .find(|k| k.key == key)
                .map_or_else(String::new, |k| allowed_text(&k.kind)),
        };
        match key {
            "invalid" | "davankov" | "slutsky" | "kharitonov" | "unreturned" => {
                let weight = Weight::parse(value).map_err(fail)?;
                *self.weight_mut(key).expect("weight key") = weight;
            }
            "base" => self.base = Base::parse(value).ok_or_else(|| fail("unknown value"))?,
            "baltics" => {
                self.baltics = Baltics::parse(value).ok_or_else(|| fail("unknown value"))?
            }
            "disputed" => {
                self.disputed = Disputed::parse(value).ok_or_else(|| fail("unknown value"))?
            }
            "win" => self.win = WinRule::parse(value).ok_or_else(|| fail("unknown value"))?,
            "regions" => {
                self.regions = RegionScheme::parse(value).ok_or_else(|| fail("unknown value"))?
            }
            "min_issued" => {
                if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(fail("not a whole number"));
                }
                let significant = value.trim_start_matches('0');
                let number: u64 = match significant.len() {
                    0 => 0,
                    1..=7 => significant
                        .parse()
                        .map_err(|_| fail("not a whole number"))?,
                    _ => return Err(fail("out of range")),
                };
                if number > u64::from(MAX_MIN_ISSUED) {
                    return Err(fail("out of range"));
                }
                self.min_issued = number as u32;
            }
            _ => unreachable!("every vocabulary key is handled"),
        }
        Ok(())
    }

    fn weight_mut(&mut self, key: &str) -> Option<&mut Weight> {
        Some(match key {
            "invalid" => &mut self.invalid,
            "davankov" => &mut self.davankov,
            "slutsky" => &mut self.slutsky,
            "kharitonov" => &mut self.kharitonov,
            "unreturned" => &mut self.unreturned,
            _ => return None,
        })
    }

    /// The value of one key as text, as the canonical form writes it.
    pub fn value_of(&self, key: &str) -> Option<String> {
        Some(match key {
            "invalid" => self.invalid.to_string(),
            "davankov" => self.davankov.to_string(),
            "slutsky" => self.slutsky.to_string(),
            "kharitonov" => self.kharitonov.to_string(),
            "unreturned" => self.unreturned.to_string(),
            "base" => self.base.to_string(),
            "baltics" => self.baltics.to_string(),
            "disputed" => self.disputed.to_string(),
            "win" => self.win.to_string(),
            "min_issued" => self.min_issued.to_string(),
            "regions" => self.regions.to_string(),
            _ => return None,
        })
    }

    /// Every key in canonical order: `invalid=1&davankov=1&...`.
    pub fn canonical(&self) -> String {
        KEYS.iter()
            .map(|k| format!("{k}={}", self.value_of(k).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The keys whose value differs from the paper's.
    pub fn differences_from_paper(&self) -> Vec<&'static str> {
        let paper = State::paper();
        KEYS.iter()
            .copied()
            .filter(|k| self.value_of(k) != paper.value_of(k))
            .collect()
    }

    pub fn is_paper(&self) -> bool {
        *self == State::paper()
    }

    /// What this reading counts as "opposition", and how, in plain words.
    pub fn describe(&self, lang: crate::export::Lang) -> String {
        use crate::export::Lang;
        let ru = lang == Lang::Ru;
        let amount = |w: Weight| {
            if w == Weight::ONE {
                (if ru { "все" } else { "all" }).to_string()
            } else {
                let percent = crate::numtext::shortest(w.scaled() as f64 / 100.0);
                if ru {
                    format!("{}%", percent.replace('.', ","))
                } else {
                    format!("{percent}% of")
                }
            }
        };
        let parts: Vec<String> = [
            (
                self.invalid,
                "invalid (spoiled) ballots",
                "недействительные (испорченные) бюллетени",
            ),
            (self.davankov, "Davankov's votes", "голоса за Даванкова"),
            (self.slutsky, "Slutsky's votes", "голоса за Слуцкого"),
            (
                self.kharitonov,
                "Kharitonov's votes",
                "голоса за Харитонова",
            ),
            (
                self.unreturned,
                "ballots issued but not returned",
                "выданные, но не возвращённые бюллетени",
            ),
        ]
        .iter()
        .filter(|(w, _, _)| *w != Weight::ZERO)
        .map(|(w, en, ru_text)| format!("{} {}", amount(*w), if ru { ru_text } else { en }))
        .collect();
        let opposition = if parts.is_empty() {
            (if ru {
                "ничего (все веса равны нулю)"
            } else {
                "nothing (every weight is 0)"
            })
            .to_string()
        } else {
            parts.join(" + ")
        };
        let base = match (self.base, ru) {
            (Base::Issued, false) => "ballots issued",
            (Base::Cast, false) => "ballots cast",
            (Base::Valid, false) => "valid ballots",
            (Base::Issued, true) => "выданных бюллетеней",
            (Base::Cast, true) => "бюллетеней в ящиках",
            (Base::Valid, true) => "действительных бюллетеней",
        };
        let win = match (self.win, ru) {
            (WinRule::Plurality, false) => "more votes than Putin",
            (WinRule::Majority, false) => "more than half of the base",
            (WinRule::Plurality, true) => "больше голосов, чем у Путина",
            (WinRule::Majority, true) => "больше половины знаменателя",
        };
        let mut text = if ru {
            format!(
                "«Оппозиция» = {opposition}. Доли — от числа {base}. «Победа оппозиции» — {win}."
            )
        } else {
            format!(
                "\"Opposition\" = {opposition}. Shares are of {base}. \"Won by the opposition\" means {win}."
            )
        };
        if self.disputed == Disputed::Exclude {
            text.push_str(if ru {
                " Абхазия, Южная Осетия и Приднестровье исключены."
            } else {
                " Abkhazia, South Ossetia and Transnistria are left out."
            });
        }
        if self.baltics == Baltics::Europe && self.regions == RegionScheme::Paper {
            text.push_str(if ru {
                " Страны Балтии — в Европе."
            } else {
                " The Baltic states count in Europe."
            });
        }
        if self.regions == RegionScheme::Un {
            text.push_str(if ru {
                " Регионы — по классификации ООН (M49)."
            } else {
                " Regions follow the UN M49 scheme."
            });
        }
        if self.min_issued > 0 {
            text.push_str(&if ru {
                format!(" УИК и страны, где выдано меньше {} бюллетеней, в подсчёте побед не участвуют.", self.min_issued)
            } else {
                format!(" PECs and countries with fewer than {} ballots issued are left out of the win counts.", self.min_issued)
            });
        }
        text
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

fn allowed_text(kind: &KeyKind) -> String {
    match kind {
        KeyKind::Weight => "a number from 0 to 1 with at most 4 decimals".into(),
        KeyKind::Choice { values } => values.join(" | "),
        KeyKind::Integer { min, max } => format!("a whole number from {min} to {max}"),
    }
}

fn unknown_key(key: &str, value: &str) -> StateError {
    StateError {
        key: shorten(key),
        value: shorten(value),
        problem: "unknown key".into(),
        allowed: KEYS.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_is_the_paper() {
        assert_eq!(State::from_query("").unwrap(), State::paper());
        assert_eq!(State::from_query("?").unwrap(), State::paper());
        assert_eq!(
            State::paper().canonical(),
            "invalid=1&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued&baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper"
        );
    }

    #[test]
    fn weights_parse_exactly() {
        let s =
            State::from_query("invalid=0.5&davankov=.25&slutsky=0.0001&kharitonov=1.0").unwrap();
        assert_eq!(s.invalid.scaled(), 5000);
        assert_eq!(s.davankov.scaled(), 2500);
        assert_eq!(s.slutsky.scaled(), 1);
        assert_eq!(s.kharitonov, Weight::ONE);
        assert!(
            s.canonical()
                .starts_with("invalid=0.5&davankov=0.25&slutsky=0.0001&kharitonov=1&")
        );
    }

    #[test]
    fn bad_values_name_the_key_and_the_allowed_values() {
        let errors =
            State::from_query("invalid=2&base=voters&colour=red&min_issued=-1").unwrap_err();
        let texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 4, "{texts:?}");
        assert!(texts[0].contains("`invalid=2`") && texts[0].contains("from 0 to 1"));
        assert!(texts[1].contains("`base=voters`") && texts[1].contains("issued | cast | valid"));
        assert!(texts[2].contains("`min_issued=-1`") && texts[2].contains("whole number"));
        assert!(
            texts[3].contains("`colour=red`: unknown key")
                && texts[3].contains("invalid, davankov")
        );
    }

    #[test]
    fn lenient_parse_falls_back_per_key() {
        let parsed = State::parse_lenient("invalid=0.5&davankov=abc&tab=pecs");
        assert_eq!(parsed.state.invalid.scaled(), 5000);
        assert_eq!(parsed.state.davankov, Weight::ONE);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.other, vec![("tab".to_string(), "pecs".to_string())]);
    }

    #[test]
    fn weight_edge_cases() {
        for bad in [
            "", ".", "1.0001", "01.5", "0.00001", "-0", "1e-1", "0x1", " 1", "nan", "2",
        ] {
            assert!(Weight::parse(bad).is_err(), "{bad:?} should fail");
        }
        for (good, units) in [
            ("0", 0),
            ("00.5", 5000),
            ("1.", 10000),
            ("0.1234", 1234),
            ("001", 10000),
        ] {
            assert_eq!(Weight::parse(good).unwrap().scaled(), units, "{good:?}");
        }
    }

    #[test]
    fn the_reading_in_plain_words() {
        use crate::export::Lang;
        let paper = State::paper().describe(Lang::En);
        assert!(
            paper.starts_with(
                "\"Opposition\" = all invalid (spoiled) ballots + all Davankov's votes."
            ),
            "{paper}"
        );
        let s = State::from_query("invalid=0.5&davankov=0&disputed=exclude").unwrap();
        let ru = s.describe(Lang::Ru);
        assert!(
            ru.contains("50% недействительные") && ru.contains("исключены"),
            "{ru}"
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let errors = State::from_query("base=cast&base=valid").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("more than once"));
    }

    #[test]
    fn oversized_queries_are_refused() {
        let long = "a".repeat(MAX_QUERY_LEN + 1);
        assert!(
            State::from_query(&long).unwrap_err()[0]
                .problem
                .contains("bytes long")
        );
        let many = vec!["x=1"; MAX_QUERY_PAIRS + 1].join("&");
        assert!(
            State::from_query(&many).unwrap_err()[0]
                .problem
                .contains("keys")
        );
    }
}
