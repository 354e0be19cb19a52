//! The page's view keys (which table, sort, search, language, drill-down), read from the same
//! URL hash as the state. Parsed here, not in JavaScript, so a malformed link gets the same clear
//! message as a malformed state, and the canonical hash is written in one place.

use crate::paper::tables::TABLE_IDS;
use crate::reading::keys::{KEYS, KeyValue, key_names};
use crate::reading::query::{StateError, query_pairs, unknown_key_among};
use crate::reading::state::{Problem, State};
use crate::text::quoted_list;
use crate::text::{Lang, Text};
use serde::Serialize;

/// The longest search text kept.
const MAX_SEARCH: usize = 100;

/// What the page shows (as opposed to how the data are read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct View {
    pub tab: String,
    /// Sort column; `None` keeps the table's own order.
    pub sort: Option<String>,
    pub descending: bool,
    pub search: String,
    pub lang: Lang,
    /// Drill-down filters of the countries and PECs tables.
    pub region: Option<String>,
    pub country: Option<String>,
    /// The claim open in the robustness panel.
    pub claim: Option<String>,
    /// A reading pinned for comparison (canonical): the headline and every recomputed cell
    /// also show its value and the difference.
    pub pin: Option<String>,
}

impl Default for View {
    fn default() -> Self {
        View {
            tab: "3".into(),
            sort: None,
            descending: false,
            search: String::new(),
            lang: Lang::En,
            region: None,
            country: None,
            claim: None,
            pin: None,
        }
    }
}

pub const VIEW_KEYS: [&str; 8] = [
    "tab", "sort", "q", "lang", "region", "country", "claim", "pin",
];

/// What a reader calls a view key, for messages.
pub fn view_key_label(key: &str) -> Text {
    match key {
        "tab" => Text::new("Tab", "Вкладка"),
        "sort" => Text::new("Sort order", "Сортировка"),
        "q" => Text::new("Search", "Поиск"),
        "lang" => Text::new("Language", "Язык"),
        "region" => Text::new("Region", "Регион"),
        "country" => Text::new("Country", "Страна"),
        "claim" => Text::new("Conclusion", "Вывод"),
        "pin" => Text::new("Pinned reading", "Закреплённое прочтение"),
        _ => Text::default(),
    }
}

/// A tab's name: a table of the paper, or one of the page's own views.
pub fn tab_label(id: &str) -> Text {
    match id {
        "text" => Text::new("Figures in the text", "Числа в тексте"),
        "countries" => Text::new("Countries", "Страны"),
        "pecs" => Text::new("PECs", "УИК"),
        "russia" => Text::new(
            "Abroad among Russia’s regions",
            "Зарубежье среди регионов России",
        ),
        n => Text::new(format!("Table {n}"), format!("Таблица {n}")),
    }
}

fn id_like(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl View {
    /// Set one view key; an error names the key and the allowed values.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), StateError> {
        let fail = |problem: Text, allowed: Text| StateError {
            key: crate::reading::query::shorten(key),
            value: crate::reading::query::shorten(value),
            subject: view_key_label(key),
            problem,
            allowed,
            spelled: String::new(),
        };
        let unknown = |allowed: Text| fail(Problem::UnknownValue.text(), allowed);
        match key {
            "tab" => {
                let known = TABLE_IDS.iter().find(|t| **t == value);
                let tabs = Text::by(|l| {
                    let labels: Vec<String> = TABLE_IDS
                        .iter()
                        .map(|t| tab_label(t).get(l).to_string())
                        .collect();
                    quoted_list(labels.iter().map(String::as_str), l)
                });
                self.tab = known
                    .ok_or_else(|| {
                        let mut e = unknown(tabs);
                        e.spelled = TABLE_IDS.join(" | ");
                        e
                    })?
                    .to_string();
            }
            "sort" => {
                let (column, descending) = match value.strip_prefix('-') {
                    Some(c) => (c, true),
                    None => (value, false),
                };
                if !id_like(column) {
                    return Err(unknown(Text::new(
                        "a column of the table (a click on its heading sorts by it)",
                        "столбец таблицы (щелчок по заголовку сортирует по нему)",
                    )));
                }
                self.sort = Some(column.to_string());
                self.descending = descending;
            }
            "q" => {
                if value.chars().count() > MAX_SEARCH {
                    return Err(fail(
                        Text::new("too long", "слишком длинно"),
                        Text::new(
                            format!("at most {MAX_SEARCH} characters"),
                            format!("не больше {MAX_SEARCH} знаков"),
                        ),
                    ));
                }
                self.search = value.to_string();
            }
            "lang" => {
                self.lang = Lang::parse(value).ok_or_else(|| {
                    let mut e = unknown(Text::new("English, Russian", "английский, русский"));
                    e.spelled = "en | ru".into();
                    e
                })?;
            }
            "pin" => {
                let state = State::from_query(value).map_err(|errors| {
                    let first = errors
                        .first()
                        .map(|e| Text::by(|l| e.message(l)))
                        .unwrap_or_default();
                    fail(
                        Text::new(
                            format!("not a reading ({})", first.en),
                            format!("не прочтение ({})", first.ru),
                        ),
                        Text::new(
                            "a reading as the page’s link writes it",
                            "прочтение так, как его записывает ссылка страницы",
                        ),
                    )
                })?;
                self.pin = Some(state.canonical());
            }
            "region" | "country" | "claim" => {
                if !id_like(value) {
                    return Err(unknown(Text::new(
                        "letters, digits and _",
                        "латинские буквы, цифры и _",
                    )));
                }
                let slot = match key {
                    "region" => &mut self.region,
                    "country" => &mut self.country,
                    _ => &mut self.claim,
                };
                *slot = Some(value.to_string());
            }
            _ => {
                return Err(unknown_key_among(
                    key,
                    value,
                    key_names().chain(VIEW_KEYS).collect::<Vec<_>>().join(", "),
                ));
            }
        }
        Ok(())
    }

    /// The view keys that differ from the defaults, `tab` and `lang` always.
    pub fn canonical(&self) -> String {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        pairs.append_pair("tab", &self.tab);
        if let Some(sort) = &self.sort {
            pairs.append_pair(
                "sort",
                &format!("{}{sort}", if self.descending { "-" } else { "" }),
            );
        }
        if !self.search.is_empty() {
            pairs.append_pair("q", &self.search);
        }
        pairs.append_pair("lang", self.lang.id());
        if let Some(region) = &self.region {
            pairs.append_pair("region", region);
        }
        if let Some(country) = &self.country {
            pairs.append_pair("country", country);
        }
        if let Some(claim) = &self.claim {
            pairs.append_pair("claim", claim);
        }
        if let Some(pin) = &self.pin {
            pairs.append_pair("pin", pin);
        }
        pairs.finish()
    }
}

/// A URL hash read leniently: each bad key is reported and falls back alone.
#[derive(Clone, Debug, Serialize)]
pub struct Location {
    /// The state's canonical query string.
    pub state: String,
    #[serde(skip)]
    pub parsed: State,
    pub view: View,
    pub errors: Vec<StateError>,
    /// `state&view`: what the page writes back into the URL.
    pub canonical: String,
}

/// A weight as the reader types it: "0.5" / "0,5".
pub fn typed_weight(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Ru => text.replace('.', ","),
    }
}

impl Location {
    /// A bad part of the link, and what the page uses instead: the value in force (the paper's
    /// choice, or the first of a repeated key), the default tab or language, or nothing.
    pub fn message_with_use(&self, e: &StateError, lang: Lang) -> String {
        let view = &self.view;
        let used = if e.key.is_empty() {
            Some(
                lang.pick("the paper’s assumptions", "допущения статьи")
                    .to_string(),
            )
        } else if let Some(k) = KEYS.iter().find(|k| k.name == e.key) {
            Some(match (k.get)(&self.parsed) {
                KeyValue::Weight(w) => typed_weight(&w.to_string(), lang),
                v @ KeyValue::Choice(_) => crate::text::quoted(k.words(v).get(lang), lang),
                v => k.words(v).get(lang).to_string(),
            })
        } else {
            match e.key.as_str() {
                "tab" => Some(crate::text::quoted(tab_label(&view.tab).get(lang), lang)),
                "lang" => Some(view.lang.pick("English", "русский").to_string()),
                _ => None,
            }
        };
        match used {
            Some(used) => format!(
                "{}; {} {used}",
                e.message(lang),
                lang.pick("using", "используется:")
            ),
            None => format!(
                "{}; {}",
                e.message(lang),
                lang.pick("left out", "не учтено")
            ),
        }
    }
}

/// Read a whole URL hash: state keys and view keys.
pub fn parse_hash(hash: &str) -> Location {
    let parsed = State::parse_lenient(hash);
    let mut errors = parsed.errors;
    let mut view = View::default();
    // An oversized hash was refused whole by the state parser; don't read it twice.
    if errors.iter().all(|e| !e.key.is_empty()) && query_pairs(hash).is_ok() {
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in &parsed.other {
            if seen.contains(key) {
                errors.push(
                    StateError::new(
                        key,
                        value,
                        Problem::Repeated,
                        Text::new("each key once", "каждый параметр один раз"),
                    )
                    .about(view_key_label(key)),
                );
                continue;
            }
            seen.push(key.clone());
            if let Err(e) = view.set(key, value) {
                errors.push(e);
            }
        }
    }
    let state = parsed.state.canonical();
    let canonical = format!("{state}&{}", view.canonical());
    Location {
        state,
        parsed: parsed.state,
        view,
        errors,
        canonical,
    }
}

impl Location {
    /// Drop a view key that names nothing (an unknown region, country, column or claim),
    /// reporting it as `key=value` would be, and write the canonical hash again.
    pub fn refuse(&mut self, key: &str, allowed: Text) {
        let value = match key {
            "region" => self.view.region.take(),
            "country" => self.view.country.take(),
            "claim" => self.view.claim.take(),
            "pin" => self.view.pin.take(),
            "sort" => self.view.sort.take(),
            _ => None,
        };
        if key == "sort" {
            self.view.descending = false;
        }
        self.errors.push(
            StateError::new(
                key,
                value.as_deref().unwrap_or_default(),
                Problem::UnknownValue,
                allowed,
            )
            .about(view_key_label(key)),
        );
        self.canonical = format!("{}&{}", self.state, self.view.canonical());
    }
}

/// A location with some keys changed: `state` replaces the whole reading with a query string;
/// any other key (a state key or a view key) is set, or removed when its value is empty. Each
/// bad value is reported and falls back alone, as in a typed link.
pub fn with_changes(from: &Location, changes: &[(String, String)]) -> Location {
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(from.state.as_bytes())
        .chain(form_urlencoded::parse(from.view.canonical().as_bytes()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    for (key, value) in changes {
        if key == "state" {
            let view: Vec<(String, String)> = pairs
                .iter()
                .filter(|(k, _)| VIEW_KEYS.contains(&k.as_str()))
                .cloned()
                .collect();
            pairs = form_urlencoded::parse(value.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .chain(view)
                .collect();
            continue;
        }
        pairs.retain(|(k, _)| k != key);
        if !value.is_empty() || !VIEW_KEYS.contains(&key.as_str()) {
            pairs.push((key.clone(), value.clone()));
        }
    }
    let hash = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    parse_hash(&hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_hash_round_trips() {
        let hash =
            "#invalid=0.5&base=valid&tab=pecs&sort=-issued&q=Haifa%20%26%20co&lang=ru&country=IL";
        let loc = parse_hash(hash);
        assert!(loc.errors.is_empty(), "{:?}", loc.errors);
        assert_eq!(loc.view.tab, "pecs");
        assert_eq!(loc.view.sort.as_deref(), Some("issued"));
        assert!(loc.view.descending);
        assert_eq!(loc.view.search, "Haifa & co");
        let again = parse_hash(&loc.canonical);
        assert_eq!(again.canonical, loc.canonical);
        assert_eq!(again.view, loc.view);
    }

    #[test]
    fn bad_keys_fall_back_alone() {
        let loc = parse_hash("invalid=7&tab=9&lang=de&base=cast&zoom=2");
        let keys: Vec<&str> = loc.errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["invalid", "tab", "lang", "zoom"]);
        assert!(loc.state.contains("invalid=1&") && loc.state.contains("base=cast"));
        assert_eq!(loc.view.tab, "3");
        assert_eq!(loc.view.lang, Lang::En);
    }

    #[test]
    fn an_absurd_hash_is_refused_whole() {
        let loc = parse_hash(&"a=1&".repeat(100_000));
        assert_eq!(loc.errors.len(), 1);
        assert!(loc.errors[0].problem.en.contains("bytes long"));
        assert_eq!(loc.state, State::paper().canonical());
    }

    #[test]
    fn a_broken_link_names_things_by_their_labels() {
        use crate::reading::query::internal_word;
        let loc = parse_hash("#invalid=2&tab=9&base=x&lang=ru&zoom=2&min_issued=1&min_issued=2");
        let ru: Vec<String> = loc.errors.iter().map(|e| e.message(Lang::Ru)).collect();
        let en: Vec<String> = loc.errors.iter().map(|e| e.message(Lang::En)).collect();
        assert_eq!(ru.len(), 5, "{ru:?}");
        for m in ru.iter().chain(&en) {
            assert_eq!(internal_word(m), None, "{m}");
        }
        assert!(
            ru[0].starts_with(
                "«Недействительные (испорченные) бюллетени»: 2 — вне допустимого диапазона"
            ),
            "{ru:?}"
        );
        assert!(ru.iter().any(|m| m.starts_with("«Знаменатель долей»: x — неизвестное значение (допустимо: «выданные бюллетени», «бюллетени в ящиках», «действительные бюллетени»)")), "{ru:?}");
        assert!(ru.iter().any(|m| m.starts_with("«Вкладка»: 9 — неизвестное значение (допустимо: «Таблица 1», «Таблица 2», «Таблица 3», «Таблица 4», «Числа в тексте», «Зарубежье среди регионов России», «Страны», «УИК»)")), "{ru:?}");
        assert!(
            ru.iter()
                .any(|m| m.starts_with("«zoom=2»: неизвестный параметр")),
            "{ru:?}"
        );
        assert!(
            en.iter()
                .any(|m| m.starts_with("“Tab”: 9 — unknown value (allowed: “Table 1”, “Table 2”")),
            "{en:?}"
        );
        assert!(
            en.iter().any(|m| m.starts_with(
                "“Smallest PEC or country counted in wins”: 2 — the key is given more than once"
            )),
            "{en:?}"
        );
        let lang = parse_hash("lang=de").errors[0].message(Lang::En);
        assert_eq!(
            lang,
            "“Language”: de — unknown value (allowed: English, Russian)"
        );
        // The command line keeps what its user types.
        let tab = loc.errors.iter().find(|e| e.key == "tab").unwrap();
        assert!(tab.cli_message(Lang::En).contains("1 | 2 | 3 | 4 | text"));
    }
}
