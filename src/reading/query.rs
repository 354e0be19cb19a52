//! A reading as a query string (`invalid=0.5&base=valid`): parsing, the canonical form, errors.
//!
//! Missing keys take the paper's choice; the canonical form lists every key in the registry's
//! order ([`super::keys::KEYS`]). An unknown key, a malformed value or an out-of-range number is an
//! error naming the key and the allowed values, in both languages.

use super::keys::{KEY_COUNT, KEYS, KeyDef, KeyKind, KeyValue, key, key_index, key_names};
use super::state::{MAX_QUERY_LEN, MAX_QUERY_PAIRS, Problem, State, Weight};
use crate::text::numtext::count_text;
use crate::text::{Lang, Text, quoted, quoted_list};
use serde::Serialize;
use std::fmt;

/// One problem with one key of a query string.
///
/// Two wordings: [`StateError::message`] for a reader (the page), naming the key by its
/// control's label and the allowed values by their labels; [`StateError::cli_message`] for a
/// command line, whose user writes raw keys, naming the key and the allowed values as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateError {
    /// The key as written (decoded, control characters escaped); empty when the problem
    /// concerns the whole query.
    pub key: String,
    /// The value as written (decoded, shortened, control characters escaped).
    pub value: String,
    /// What a reader calls the key (its control's label); empty for a key outside the
    /// vocabulary, which is then quoted as written.
    pub subject: Text,
    pub problem: Text,
    /// What is allowed, in words (choices by their labels).
    pub allowed: Text,
    /// What is allowed as a link or a command line spells it (choices by their ids), when that
    /// differs from [`Self::allowed`]; empty otherwise.
    pub spelled: String,
}

impl StateError {
    /// An error about one key; an assumption key is named by its control's label, its choices
    /// by their labels.
    pub fn new(key: &str, value: &str, problem: Problem, allowed: Text) -> StateError {
        StateError {
            key: shorten(key),
            value: shorten(value),
            subject: super::keys::key(key).map(KeyDef::label).unwrap_or_default(),
            problem: problem.text(),
            allowed,
            spelled: String::new(),
        }
    }

    /// The same error naming its key `subject` (a view key's name).
    pub fn about(mut self, subject: Text) -> StateError {
        self.subject = subject;
        self
    }

    /// The same error with the allowed values as typed (ids), for the command line.
    pub fn spelled(mut self, spelled: String) -> StateError {
        self.spelled = spelled;
        self
    }

    /// The message for a reader: “Votes for Davankov”: 1.5 — out of range (allowed: …).
    /// No key or value id appears unless the reader wrote it (an unknown key is quoted whole).
    pub fn message(&self, lang: Lang) -> String {
        if self.key.is_empty() && self.value.is_empty() {
            return format!("{}; {}", self.problem.get(lang), self.allowed.get(lang));
        }
        let allowed = format!(
            "{} {}",
            lang.pick("allowed:", "допустимо:"),
            self.allowed.get(lang)
        );
        let problem = self.problem.get(lang);
        let subject = self.subject.get(lang);
        if subject.is_empty() {
            return format!(
                "{}: {problem} ({allowed})",
                quoted(&format!("{}={}", self.key, self.value), lang)
            );
        }
        if self.value.is_empty() {
            format!("{} — {problem} ({allowed})", quoted(subject, lang))
        } else {
            format!(
                "{}: {} — {problem} ({allowed})",
                quoted(subject, lang),
                self.value
            )
        }
    }

    /// The message for a command line, whose user writes raw keys: "`invalid=2`: out of range;
    /// allowed: …" (« » in Russian), the allowed values as typed.
    pub fn cli_message(&self, lang: Lang) -> String {
        let allowed = if self.spelled.is_empty() {
            self.allowed.get(lang)
        } else {
            &self.spelled
        };
        if self.key.is_empty() {
            return format!("{}; {allowed}", self.problem.get(lang));
        }
        let (open, close) = match lang {
            Lang::En => ("`", "`"),
            Lang::Ru => ("«", "»"),
        };
        format!(
            "{open}{}={}{close}: {}; {}: {allowed}",
            self.key,
            self.value,
            self.problem.get(lang),
            lang.pick("allowed", "допустимо"),
        )
    }
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.cli_message(Lang::En))
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

/// A user-supplied text made safe for a message: control characters escaped (so nothing reaches
/// a terminal as a command), at most 40 characters.
pub fn shorten(text: &str) -> String {
    crate::text::shorten(text, 40)
}

/// Split a query string into decoded pairs; the leading `?` or `#` is optional.
pub fn query_pairs(query: &str) -> Result<Vec<(String, String)>, StateError> {
    if query.len() > MAX_QUERY_LEN {
        return Err(StateError::new(
            "",
            "",
            Problem::TooLong(query.len()),
            Text::new(
                format!("at most {MAX_QUERY_LEN} bytes"),
                format!("не больше {MAX_QUERY_LEN} байт"),
            ),
        ));
    }
    let query = query.trim_start_matches(['?', '#']);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if pairs.len() > MAX_QUERY_PAIRS {
        return Err(StateError::new(
            "",
            "",
            Problem::TooManyKeys(pairs.len()),
            Text::new(
                format!("at most {MAX_QUERY_PAIRS} keys"),
                format!("не больше {MAX_QUERY_PAIRS}"),
            ),
        ));
    }
    Ok(pairs)
}

/// What a key accepts, in words: the choices by their labels.
pub fn allowed_text(k: &KeyDef) -> Text {
    match k.kind {
        KeyKind::Weight => Text::new(
            "a number from 0 to 1 with at most 4 decimals",
            "число от 0 до 1, не больше 4 знаков после запятой",
        ),
        KeyKind::Choice(values) => {
            Text::by(|lang| quoted_list(values.iter().map(|c| lang.pick(c.en, c.ru)), lang))
        }
        KeyKind::Integer { min, max } => Text::by(|lang| {
            let (min, max) = (
                count_text(i64::from(min), lang),
                count_text(i64::from(max), lang),
            );
            match lang {
                Lang::En => format!("a whole number from {min} to {max}"),
                Lang::Ru => format!("целое число от {min} до {max}"),
            }
        }),
    }
}

/// What a key accepts as typed in a link or a command line, when that differs from the words:
/// a choice's ids.
pub fn allowed_spelled(k: &KeyDef) -> String {
    match k.kind {
        KeyKind::Choice(values) => values.iter().map(|c| c.id).collect::<Vec<_>>().join(" | "),
        // The words group the digits as the language does; a command line takes them plain.
        KeyKind::Integer { min, max } => format!("{min}..{max}"),
        KeyKind::Weight => String::new(),
    }
}

/// The error for a key outside the vocabulary (or a value with no key at all).
pub fn unknown_key(key: &str, value: &str) -> StateError {
    unknown_key_among(key, value, key_names().collect::<Vec<_>>().join(", "))
}

/// The error for a key outside a vocabulary whose keys, as typed, are `spelled`.
pub fn unknown_key_among(key: &str, value: &str, spelled: String) -> StateError {
    let problem = if key.is_empty() {
        Problem::NoKey
    } else {
        Problem::UnknownKey
    };
    StateError::new(
        key,
        value,
        problem,
        Text::new(
            "only the settings the page writes into its links",
            "только настройки, которые страница записывает в ссылку",
        ),
    )
    .spelled(spelled)
}

/// Read one key's value from its text.
pub fn parse_value(k: &KeyDef, value: &str) -> Result<KeyValue, StateError> {
    let fail = |problem: Problem| {
        StateError::new(k.name, value, problem, allowed_text(k)).spelled(allowed_spelled(k))
    };
    match k.kind {
        KeyKind::Weight => Weight::parse(value).map(KeyValue::Weight).map_err(fail),
        KeyKind::Choice(choices) => choices
            .iter()
            .position(|c| c.id == value)
            .map(KeyValue::Choice)
            .ok_or_else(|| fail(Problem::UnknownValue)),
        KeyKind::Integer { min, max } => {
            let ungrouped = ungrouped_digits(value);
            let value = ungrouped.as_deref().unwrap_or(value);
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(fail(if value.contains(' ') {
                    Problem::Space
                } else if value.starts_with('-') {
                    Problem::OutOfRange
                } else {
                    Problem::NotAWholeNumber
                }));
            }
            let significant = value.trim_start_matches('0');
            let number: u32 = match significant.len() {
                0 => 0,
                1..=9 => significant
                    .parse()
                    .map_err(|_| fail(Problem::NotAWholeNumber))?,
                _ => return Err(fail(Problem::OutOfRange)),
            };
            if number < min || number > max {
                return Err(fail(Problem::OutOfRange));
            }
            Ok(KeyValue::Integer(number))
        }
    }
}

/// A whole number written with its digits grouped by spaces, as a Russian reader writes it
/// ("1 000", "12 500", also with a no-break space), or by commas, as an English reader (and the
/// page's own English messages) write it ("1,000"): its digits; `None` for anything else. One
/// kind of separator in a number, groups of three after the first.
fn ungrouped_digits(value: &str) -> Option<String> {
    let commas = value.contains(',');
    if commas && value.contains([' ', '\u{a0}', '\u{202f}']) {
        return None;
    }
    let value = value.replace([' ', '\u{a0}', '\u{202f}'], ",");
    let mut groups = value.split(',');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    (!rest.is_empty()
        && (1..=3).contains(&first.len())
        && digits(first)
        && rest.iter().all(|g| g.len() == 3 && digits(g)))
    .then(|| [first].into_iter().chain(rest).collect())
}

impl State {
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
        let mut seen = [false; KEY_COUNT];
        for (name, value) in &pairs {
            let Some(index) = key_index(name) else {
                if name.is_empty() {
                    errors.push(unknown_key(name, value));
                } else {
                    other.push((name.clone(), value.clone()));
                }
                continue;
            };
            if std::mem::replace(&mut seen[index], true) {
                errors.push(StateError::new(
                    name,
                    value,
                    Problem::Repeated,
                    Text::new("each key once", "каждый параметр один раз"),
                ));
                continue;
            }
            let k = &KEYS[index];
            match parse_value(k, value) {
                Ok(v) => (k.set)(&mut state, v),
                Err(e) => errors.push(e),
            }
        }
        ParsedQuery {
            state,
            errors,
            other,
        }
    }

    /// Set one key from its text; on error the state is unchanged.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), StateError> {
        let k = key(name).ok_or_else(|| unknown_key(name, value))?;
        let v = parse_value(k, value)?;
        (k.set)(self, v);
        Ok(())
    }

    /// The value of one key as text, as the canonical form writes it.
    pub fn value_of(&self, name: &str) -> Option<String> {
        key(name).map(|k| k.write((k.get)(self)))
    }

    /// Every key in canonical order: `invalid=1&davankov=1&...`.
    pub fn canonical(&self) -> String {
        KEYS.iter()
            .map(|k| format!("{}={}", k.name, k.write((k.get)(self))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The keys whose value differs from the paper's.
    pub fn differences_from_paper(&self) -> Vec<&'static KeyDef> {
        KEYS.iter().filter(|k| (k.get)(self) != k.paper()).collect()
    }

    pub fn is_paper(&self) -> bool {
        *self == State::paper()
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// A snake_case word, a backtick, or a key as a link writes it (`base=`): what a reader
/// must not see.
#[cfg(test)]
pub(crate) fn internal_word(message: &str) -> Option<String> {
    if message.contains('`') {
        return Some("`".into());
    }
    if let Some(k) = KEYS
        .iter()
        .find(|k| message.contains(&format!("{}=", k.name)))
    {
        return Some(k.name.to_string());
    }
    message
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| w.contains('_') && w.len() > 1)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_number_may_group_its_digits_with_spaces() {
        let min_issued = key("min_issued").unwrap();
        for typed in [
            "1 000",
            "1\u{a0}000",
            "1\u{202f}000",
            "1000",
            "001000",
            "1,000",
        ] {
            assert_eq!(
                parse_value(min_issued, typed).unwrap(),
                KeyValue::Integer(1000),
                "{typed:?}"
            );
        }
        assert_eq!(
            parse_value(min_issued, "12 500").unwrap(),
            KeyValue::Integer(12500)
        );
        assert_eq!(
            parse_value(min_issued, "1,000,000").unwrap(),
            KeyValue::Integer(1_000_000)
        );
        // Only groups of three after the first: anything else is not a number as written.
        for typed in [
            "1 00",
            "10 0000",
            " 100",
            "100 ",
            "1  000",
            "1 000,5",
            "+1 000",
            "1,5",
            "1,00",
            "1,000 000",
            "1 000,000",
            ",000",
            "1,,000",
        ] {
            let e = parse_value(min_issued, typed).unwrap_err();
            assert_eq!(e.value, typed);
        }
        let e = parse_value(min_issued, "1 000 001").unwrap_err();
        assert_eq!(
            e.message(Lang::Ru),
            "«Минимальный размер УИК или страны для подсчёта побед»: 1 000 001 — вне допустимого диапазона (допустимо: целое число от 0 до 1\u{a0}000\u{a0}000)"
        );
        assert!(
            e.message(Lang::En)
                .ends_with("(allowed: a whole number from 0 to 1,000,000)")
        );
        assert!(e.cli_message(Lang::En).ends_with("allowed: 0..1000000"));
    }

    #[test]
    fn empty_query_is_the_paper() {
        assert_eq!(State::from_query("").unwrap(), State::paper());
        assert_eq!(State::from_query("?").unwrap(), State::paper());
        assert_eq!(
            State::paper().canonical(),
            "invalid=1&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued&baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper&russia=cec_total"
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
        assert!(
            texts[2].contains("`min_issued=-1`")
                && texts[2].contains("out of range; allowed: 0..1000000")
        );
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
            "", ".", "1.0001", "01.5", "0.00001", "-0", "1e-1", "0x1", " 1", "nan", "2", "0,5.1",
            "0.5,1", ",",
        ] {
            assert!(Weight::parse(bad).is_err(), "{bad:?} should fail");
        }
        for (good, units) in [
            ("0,5", 5000),
            (",25", 2500),
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
    fn messages_say_what_is_wrong_in_both_languages() {
        let errors = State::from_query("davankov=-1&invalid=+0.5&=0.5").unwrap_err();
        let en: Vec<String> = errors.iter().map(|e| e.message(Lang::En)).collect();
        assert!(en[0].contains("out of range"), "{en:?}");
        assert!(
            en[1].contains("a space") && en[1].contains("\"+\""),
            "{en:?}"
        );
        assert!(en[2].contains("a value without a key"), "{en:?}");
        let ru = errors[0].cli_message(Lang::Ru);
        assert_eq!(
            ru,
            "«davankov=-1»: вне допустимого диапазона; допустимо: число от 0 до 1, не больше 4 знаков после запятой"
        );
        assert_eq!(
            errors[0].message(Lang::Ru),
            "«Голоса за Даванкова»: -1 — вне допустимого диапазона (допустимо: число от 0 до 1, не больше 4 знаков после запятой)"
        );
        let escaped = State::from_query("invalid=%1B%5B2J%0Afake").unwrap_err()[0].to_string();
        assert!(
            !escaped.contains('\u{1b}') && !escaped.contains('\n'),
            "{escaped:?}"
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
                .en
                .contains("bytes long")
        );
        let many = vec!["x=1"; MAX_QUERY_PAIRS + 1].join("&");
        assert!(
            State::from_query(&many).unwrap_err()[0]
                .problem
                .en
                .contains("keys")
        );
    }

    #[test]
    fn a_reader_sees_labels_not_ids() {
        let errors = State::from_query(
            "davankov=1,5&base=voters&min_issued=-1&russia=x&regions=1&invalid=0.12345&base=cast",
        )
        .unwrap_err();
        assert_eq!(errors.len(), 7);
        for e in &errors {
            for lang in [Lang::En, Lang::Ru] {
                let m = e.message(lang);
                assert_eq!(internal_word(&m), None, "{m}");
                assert!(
                    m.contains(&quoted(e.subject.get(lang), lang)) && !e.subject.en.is_empty(),
                    "{m}"
                );
            }
        }
        // A label with quotes of its own nests them: «„Россия“ в сравнениях», not ««Россия» …».
        let russia = errors.iter().find(|e| e.key == "russia").unwrap();
        assert!(
            russia
                .message(Lang::Ru)
                .starts_with("«„Россия“ в сравнениях»: x — неизвестное значение"),
            "{}",
            russia.message(Lang::Ru)
        );
        assert_eq!(
            errors[0].message(Lang::Ru),
            "«Голоса за Даванкова»: 1,5 — вне допустимого диапазона (допустимо: число от 0 до 1, не больше 4 знаков после запятой)"
        );
        assert_eq!(
            errors[0].message(Lang::En),
            "“Votes for Davankov”: 1,5 — out of range (allowed: a number from 0 to 1 with at most 4 decimals)"
        );
        assert_eq!(
            errors[1].message(Lang::Ru),
            "«Знаменатель долей»: voters — неизвестное значение (допустимо: «выданные бюллетени», «бюллетени в ящиках», «действительные бюллетени»)"
        );
        assert!(
            errors[1]
                .message(Lang::En)
                .starts_with("“Denominator of shares”: voters — unknown value (allowed: “ballots issued”, “ballots cast"),
            "{}",
            errors[1].message(Lang::En)
        );
        assert!(errors[2].message(Lang::Ru).starts_with(
            "«Минимальный размер УИК или страны для подсчёта побед»: -1 — вне допустимого диапазона"
        ));
        // The command line keeps the keys and the ids a user types.
        assert!(
            errors[1].to_string().contains("`base=voters`")
                && errors[1].to_string().contains("issued | cast | valid")
        );
        // An unknown key is quoted as written; the key list only on the command line.
        let unknown = unknown_key("colour", "red");
        for lang in [Lang::En, Lang::Ru] {
            let m = unknown.message(lang);
            assert_eq!(internal_word(&m), None, "{m}");
            assert!(m.contains("colour=red"), "{m}");
        }
        assert!(unknown.to_string().contains("min_issued"));
        let no_key = State::from_query("=0.5").unwrap_err();
        assert_eq!(
            no_key[0].message(Lang::Ru),
            "«=0.5»: значение без имени параметра (допустимо: только настройки, которые страница записывает в ссылку)"
        );
    }
}
