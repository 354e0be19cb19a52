//! The engine's one error type: what went wrong, worded in the reader's language.

use crate::data::bundle::BundleError;
use crate::reading::query::StateError;
use crate::text::{Lang, Text};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum EngineError {
    /// The bundle cannot be loaded: the file, the record, the problem.
    Data(BundleError),
    /// A reading (query string, URL hash, sweep grid) has problems; one per key.
    State(Vec<StateError>),
    /// An unknown name of something: what kind, what was given, what is allowed.
    Unknown {
        what: Text,
        given: String,
        allowed: String,
    },
    /// A request that cannot be served now (no sweep has run, no reading flips a claim, …).
    Unavailable(Text),
    /// A chart could not be drawn.
    Drawing(String),
}

impl EngineError {
    pub fn unknown(what: Text, given: &str, allowed: &[&str]) -> EngineError {
        EngineError::Unknown {
            what,
            given: crate::reading::query::shorten(given),
            allowed: allowed.join(" | "),
        }
    }

    /// The message for a command line, in a language: a reading's problems name the keys and
    /// values as typed (see [`StateError::cli_message`]); anything else as [`Self::message`].
    pub fn cli_message(&self, lang: Lang) -> String {
        match self {
            EngineError::State(errors) => errors
                .iter()
                .map(|e| e.cli_message(lang))
                .collect::<Vec<_>>()
                .join("; "),
            other => other.message(lang),
        }
    }

    /// The message for a reader, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            EngineError::Data(e) => e.message(lang),
            EngineError::State(errors) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("; "),
            EngineError::Unknown {
                what,
                given,
                allowed,
            } => match lang {
                Lang::En => format!("unknown {} \"{given}\"; allowed: {allowed}", what.en),
                Lang::Ru => format!("{} «{given}» не существует; допустимо: {allowed}", what.ru),
            },
            EngineError::Unavailable(text) => text.get(lang).to_string(),
            EngineError::Drawing(e) => match lang {
                Lang::En => format!("the chart could not be drawn: {e}"),
                Lang::Ru => format!("график не удалось построить: {e}"),
            },
        }
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EngineError {}

impl From<BundleError> for EngineError {
    fn from(e: BundleError) -> EngineError {
        EngineError::Data(e)
    }
}

impl From<Vec<StateError>> for EngineError {
    fn from(errors: Vec<StateError>) -> EngineError {
        EngineError::State(errors)
    }
}
