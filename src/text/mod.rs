//! Words for readers, the lowest layer: the bilingual text type every label, reason and message
//! of the core is made of, the two languages, numbers as text, Russian plural forms.

pub mod numtext;
pub mod order;
pub mod plural;

use serde::Serialize;
use std::fmt;

/// The languages of the page, the CLI and the exports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
    pub fn pick<'a>(self, en: &'a str, ru: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ru => ru,
        }
    }
}

/// A text in English and Russian. Serialised as `{"en": ..., "ru": ...}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    pub en: String,
    pub ru: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ru: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ru: ru.into(),
        }
    }
    /// The same words in both languages (names, numbers, codes).
    pub fn same(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            en: text.clone(),
            ru: text,
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ru)
    }
    /// Both languages built by one function of the language.
    pub fn by(f: impl Fn(Lang) -> String) -> Text {
        Text {
            en: f(Lang::En),
            ru: f(Lang::Ru),
        }
    }
    /// `self` then `other`, separated by a space.
    pub fn then(&self, other: &Text) -> Text {
        Text::by(|l| format!("{} {}", self.get(l), other.get(l)))
    }
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ru.is_empty()
    }
}

/// An input quoted in a message: control characters escaped (nothing reaches a terminal as a
/// command), at most `max` characters written, escapes counted (a huge input is never echoed
/// whole, however it is made).
pub fn shorten(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut written = 0;
    for c in text.chars() {
        let piece: String = if c.is_control() {
            c.escape_default().collect()
        } else {
            c.to_string()
        };
        let width = piece.chars().count();
        if written + width > max {
            out.push('…');
            break;
        }
        out.push_str(&piece);
        written += width;
    }
    out
}

/// A text in Russian quotes: «…», with the quotes inside it made „…“ (Russian nests quotes that
/// way: «„Победа оппозиции“ означает», not ««Победа оппозиции» означает»).
pub fn quoted_ru(text: &str) -> String {
    format!("«{}»", text.replace('«', "„").replace('»', "“"))
}

/// A name or a value in the language's quotes: “…” / «…» (quotes inside nested ‘…’ / „…“).
pub fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "\u{201c}{}\u{201d}",
            text.replace('\u{201c}', "\u{2018}")
                .replace('\u{201d}', "\u{2019}")
        ),
        Lang::Ru => quoted_ru(text),
    }
}

/// Labels in the language's quotes, joined: “a”, “b”, “c”.
pub fn quoted_list<'a>(labels: impl IntoIterator<Item = &'a str>, lang: Lang) -> String {
    labels
        .into_iter()
        .map(|l| quoted(l, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tests' pseudo-random numbers (xorshift64): the same sequence for a seed, everywhere.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

impl fmt::Display for Text {
    /// The English text (logs and errors on the command line in English).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, quoted, quoted_ru, shorten};

    #[test]
    fn quotes_inside_english_quotes_are_the_inner_kind() {
        assert_eq!(quoted("Turnout", Lang::En), "“Turnout”");
        assert_eq!(
            quoted("“Russia” in comparisons", Lang::En),
            "“‘Russia’ in comparisons”"
        );
    }

    #[test]
    fn quotes_inside_russian_quotes_are_the_inner_kind() {
        assert_eq!(quoted_ru("Явка"), "«Явка»");
        assert_eq!(
            quoted_ru("«Победа оппозиции» означает"),
            "«„Победа оппозиции“ означает»"
        );
    }

    #[test]
    fn a_shortened_input_counts_its_escapes() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        assert_eq!(shorten("a\u{1b}[2J", 20), "a\\u{1b}[2J");
        // The fuzzer's case: a hundred DEL characters would have been 600 characters escaped.
        let shown = shorten(&"\u{7f}".repeat(100), 40);
        assert!(shown.chars().count() <= 41, "{shown}");
        assert!(shown.starts_with("\\u{7f}") && shown.ends_with('…'));
    }
}
