//! What every bundle file must respect before its schema is read: a size limit, no key twice in
//! one JSON object, no text longer than a limit. One linear pass over the file; an error names
//! the place (a JSON path, and serde_json's line and column) and never echoes the input whole.

use super::files::{
    CLAIMS_FILE, HISTORY_FILE, MANIFEST_FILE, NATIONAL_FILE, PAPER_FILE, PECS_FILE, RUSSIA_FILE,
};
use foldhash::fast::FixedState;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

/// The largest file the loader reads, per bundle file: about five times the committed size, so
/// a better locations file or a few more claims fit and a runaway file is refused before it is
/// parsed. (The page fetches these files; the CLI reads them from `--data`.)
pub const FILE_LIMITS: [(&str, usize); 7] = [
    (PECS_FILE, 1 << 20),
    (HISTORY_FILE, 512 << 10),
    (MANIFEST_FILE, 64 << 10),
    (PAPER_FILE, 256 << 10),
    (RUSSIA_FILE, 16 << 10),
    (CLAIMS_FILE, 128 << 10),
    (NATIONAL_FILE, 512 << 10),
];

/// The longest text (a JSON string or key) in any bundle file, in characters. The longest
/// committed one is a location note of 580.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The size limit of a bundle file (a file the list does not know gets the smallest).
pub fn file_limit(name: &str) -> usize {
    FILE_LIMITS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(16 << 10, |&(_, limit)| limit)
}

/// A file's size against its limit.
pub fn check_size(name: &str, text: &str) -> Result<(), String> {
    let limit = file_limit(name);
    if text.len() > limit {
        return Err(format!(
            "{} bytes; a bundle file of this kind holds at most {limit} bytes",
            text.len()
        ));
    }
    Ok(())
}

/// Check a file's text: size, duplicate keys, text lengths. The problem in words on failure.
pub fn check_json(name: &str, text: &str) -> Result<(), String> {
    check_size(name, text)?;
    let path = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Guard { path: &path }
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end())
        .map_err(|e| {
            if e.is_eof() {
                format!("the file ends too early (truncated?): {e}")
            } else if e.is_syntax() {
                format!("not valid JSON: {e}")
            } else {
                e.to_string()
            }
        })
}

/// One step of the path to a value: an object key or a list index.
enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

fn path_text(path: &[Step<'_>]) -> String {
    if path.is_empty() {
        return "the top level".into();
    }
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&crate::text::shorten(key, 40));
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Walks any JSON value, keeping the path so an error can say where it is.
#[derive(Clone, Copy)]
struct Guard<'p, 'de> {
    path: &'p RefCell<Vec<Step<'de>>>,
}

/// An object's key, borrowed from the file's text when it holds no escape (most do): checking
/// keys then allocates nothing.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }
    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_string()))
    }
}

/// The keys of one object seen so far: a short list scanned (most objects have a few keys), a
/// hash set once it grows.
enum Seen<'de> {
    Few(Vec<Cow<'de, str>>),
    Many(HashSet<Cow<'de, str>, FixedState>),
}

impl<'de> Seen<'de> {
    /// False if the key was seen before.
    fn insert(&mut self, key: Cow<'de, str>) -> bool {
        match self {
            Seen::Few(keys) if keys.contains(&key) => false,
            Seen::Few(keys) if keys.len() < 16 => {
                keys.push(key);
                true
            }
            Seen::Few(keys) => {
                let mut set: HashSet<Cow<'de, str>, FixedState> = keys.drain(..).collect();
                set.insert(key);
                *self = Seen::Many(set);
                true
            }
            Seen::Many(set) => set.insert(key),
        }
    }
}

impl Guard<'_, '_> {
    fn text<E: de::Error>(&self, text: &str) -> Result<(), E> {
        // Byte length first: a short text is never counted.
        if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
            return Err(E::custom(format!(
                "{}: a text of {} characters; at most {MAX_TEXT_CHARS}",
                path_text(&self.path.borrow()),
                text.chars().count()
            )));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Guard<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Guard<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.text(text)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.path.borrow_mut().push(Step::Index(index));
            let more = seq.next_element_seed(self)?;
            self.path.borrow_mut().pop();
            if more.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Seen::Few(Vec::new());
        while let Some(key) = map.next_key_seed(Key)? {
            self.text::<A::Error>(&key)?;
            if !seen.insert(key.clone()) {
                let mut path = path_text(&self.path.borrow());
                path = if self.path.borrow().is_empty() {
                    String::new()
                } else {
                    format!(" in {path}")
                };
                return Err(de::Error::custom(format!(
                    "key \"{}\" appears twice{path} (a repeated key would silently replace the first)",
                    crate::text::shorten(&key, 40)
                )));
            }
            self.path.borrow_mut().push(Step::Key(key));
            map.next_value_seed(self)?;
            self.path.borrow_mut().pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_named_with_its_place() {
        let e = check_json(
            "paper.json",
            r#"{"tables": {"1": {"cells": {"2004": {"pecs": "353", "pecs": "999"}}}}}"#,
        )
        .unwrap_err();
        assert!(
            e.starts_with("key \"pecs\" appears twice in tables.1.cells.2004"),
            "{e}"
        );
        assert!(check_json("paper.json", r#"{"a": [{"b": 1}, {"b": 2}]}"#).is_ok());
        let e = check_json("paper.json", r#"{"a": [{"b": 1, "b": 2}]}"#).unwrap_err();
        assert!(e.contains("in a[0]"), "{e}");
    }

    #[test]
    fn a_repeated_key_is_found_in_a_long_object_and_an_escaped_one() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let long = format!("{{{}}}", keys.join(", "));
        assert!(check_json("paper.json", &long).is_ok());
        for repeated in ["k0", "k15", "k16", "k39"] {
            let twice = format!("{{{}, \"{repeated}\": 0}}", keys.join(", "));
            let e = check_json("paper.json", &twice).unwrap_err();
            assert!(
                e.starts_with(&format!("key \"{repeated}\" appears twice")),
                "{e}"
            );
        }
        // The same key written with an escape is the same key.
        let e = check_json("paper.json", r#"{"ab": 1, "a\u0062": 2}"#).unwrap_err();
        assert!(e.starts_with("key \"ab\" appears twice"), "{e}");
    }

    #[test]
    fn limits_are_refused_without_echoing_the_input() {
        let long = "7".repeat(MAX_TEXT_CHARS + 1);
        let e = check_json("claims.json", &format!(r#"{{"x": ["{long}"]}}"#)).unwrap_err();
        assert!(e.contains("x[0]: a text of 2001 characters"), "{e}");
        assert!(!e.contains(&"7".repeat(50)), "{e}");
        let big = format!("[{}0]", "0,".repeat(10_000));
        let e = check_json("russia-2024.json", &big).unwrap_err();
        assert!(e.contains("at most 16384 bytes"), "{e}");
    }

    #[test]
    fn trailing_text_and_truncation_are_errors() {
        assert!(check_json("paper.json", "{} {}").is_err());
        assert!(
            check_json("paper.json", "{\"a\": [1,")
                .unwrap_err()
                .starts_with("the file ends too early")
        );
    }
}
