//! Comparing two readings: a reading pinned in the URL (`pin=`) is shown beside the current one
//! in the headline and in every recomputed cell (its value and the difference, current minus
//! pinned); one click pins the current reading, swaps the two, or clears the pin.

use super::Engine;
use super::view::{Location, with_changes};
use crate::output::words::reading_difference;
use crate::reading::aggregate::Results;
use crate::reading::state::State;
use crate::text::Lang;
use crate::text::numtext::{decimal_text, difference_text, percent_text};
use serde::Serialize;

/// The pin's controls and what is pinned.
#[derive(Clone, Debug, Serialize)]
pub struct PinView {
    /// The button that pins the current reading, and where it leads.
    pub pin_label: String,
    pub pin_hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<PinnedView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PinnedView {
    /// "Pinned for comparison: …" in words (how it differs from the paper's reading).
    pub text: String,
    pub swap_label: String,
    pub swap_hash: String,
    pub clear_label: String,
    pub clear_hash: String,
}

impl Engine {
    /// The pin's controls for a location.
    pub(super) fn pin_view(&self, location: &Location) -> PinView {
        let lang = location.view.lang;
        let go = |changes: &[(&str, &str)]| {
            let changes: Vec<(String, String)> = changes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            with_changes(location, &changes).canonical
        };
        let pinned = location.view.pin.as_deref().map(|pin| {
            let state = State::from_query(pin).unwrap_or_default();
            let words = if state == location.parsed {
                lang.pick("this same reading", "это же прочтение")
                    .to_string()
            } else if state.is_paper() {
                lang.pick("the paper’s reading", "прочтение автора")
                    .to_string()
            } else {
                reading_difference(&state, &State::paper())
                    .get(lang)
                    .to_string()
            };
            PinnedView {
                text: format!(
                    "{} {words}",
                    lang.pick("Pinned for comparison:", "Закреплено для сравнения:")
                ),
                swap_label: lang.pick("Swap", "Поменять местами").into(),
                swap_hash: go(&[("state", pin), ("pin", &location.state)]),
                clear_label: lang.pick("Unpin", "Открепить").into(),
                clear_hash: go(&[("pin", "")]),
            }
        });
        PinView {
            pin_label: lang
                .pick(
                    "Pin this reading to compare",
                    "Закрепить это прочтение для сравнения",
                )
                .into(),
            pin_hash: go(&[("pin", &location.state)]),
            pinned,
        }
    }
}

/// The headline's numbers: each figure's id, its value (percentage points or a count), and
/// whether it is a share.
fn headline_numbers(results: &Results) -> [(&'static str, Option<f64>, bool); 4] {
    let t = &results.total;
    [
        (
            "opposition-share",
            t.opposition_share.map(|x| x * 100.0),
            true,
        ),
        ("putin-share", t.putin_share.map(|x| x * 100.0), true),
        ("pecs-won", Some(f64::from(results.wins.pecs)), false),
        (
            "countries-won",
            Some(f64::from(results.wins.countries)),
            false,
        ),
    ]
}

/// For each headline figure (by id): the pinned reading's value, and the difference (this
/// reading minus the pinned one).
pub fn pinned_figures(
    current: &Results,
    pinned: &Results,
    lang: Lang,
) -> Vec<(&'static str, String, Option<String>)> {
    headline_numbers(current)
        .into_iter()
        .zip(headline_numbers(pinned))
        .filter_map(|((id, x, share), (_, y, _))| {
            let y = y?;
            let value = if share {
                percent_text(y, 2, lang)
            } else {
                decimal_text(y, 0, lang)
            };
            let diff = x.map(|x| {
                if share {
                    format!(
                        "{} {}",
                        difference_text(x, y, 2, lang),
                        lang.pick("pp", "п. п.")
                    )
                } else {
                    difference_text(x, y, 0, lang)
                }
            });
            Some((id, value, diff))
        })
        .collect()
}
