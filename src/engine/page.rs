//! The whole page for one URL hash, in one call: the location read (bad keys named), the
//! controls with their values, the headline with each share's true numerator and denominator,
//! the reading in words, the tabs, the active table as shown, the charts and every claim's
//! verdict — all written in the reader's language, so the page only renders.

use super::Engine;
use super::claims_view::ClaimVerdict;
use super::panels::ChartView;
use super::pin::PinView;
use super::table_view::{DATA_TABLES, TableView, table_view};
use super::view::{Location, View, parse_hash, tab_label, typed_weight};
use crate::data::model::Candidate;
use crate::paper::tables::{self, TABLE_IDS};
use crate::reading::aggregate::{Component, Results, total_sums};
use crate::reading::dataset::Dataset;
use crate::reading::keys::{KEYS, KeyKind, KeyValue};
use crate::reading::state::{State, WEIGHT_SCALE, Weight};
use crate::text::numtext::{count_text, decimal_text, difference_text, percent_text};
use crate::text::plural::{COUNTRY, PEC};
use crate::text::quoted_list;
use crate::text::{Lang, Text};
use serde::Serialize;

/// Where the page is: the hash to write, and the parts the page's own widgets read.
#[derive(Clone, Debug, Serialize)]
pub struct Here {
    /// `state&view`, canonical: what goes into the URL.
    pub canonical: String,
    /// The reading alone, canonical.
    pub state: String,
    pub lang: Lang,
    pub tab: String,
    pub search: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// The pinned reading, canonical.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    pub is_paper: bool,
}

/// A value of a weight where some claim's verdict turns (the others as set).
#[derive(Clone, Debug, Serialize)]
pub struct TickView {
    /// As the URL writes it ("0.3752").
    pub value: String,
    /// As the reader reads it ("37.52%").
    pub label: String,
}

/// One value of a choice control.
#[derive(Clone, Debug, Serialize)]
pub struct OptionView {
    pub id: &'static str,
    pub label: String,
    pub checked: bool,
    pub paper: bool,
}

/// One assumption control, with its current value.
#[derive(Clone, Debug, Serialize)]
pub struct ControlView {
    pub key: &'static str,
    /// weight | choice | integer
    pub kind: &'static str,
    pub label: String,
    pub help: String,
    /// The value as the URL writes it ("0.5").
    pub value: String,
    /// The value as the reader types it ("0,5" in Russian).
    pub shown: String,
    /// "the paper: 100%".
    pub paper: String,
    /// The mark beside the paper's choice: "the paper".
    pub paper_mark: &'static str,
    pub changed: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// Weights: the values where some claim's verdict turns, the others as set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ticks: Vec<TickView>,
    /// The same as marks under the slider (an SVG data URL; "" for none), and in words.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ticks_image: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ticks_text: String,
}

/// Tick marks under a slider from 0 to 1: a strip 1000 units wide, one line per value (the
/// strokes keep their width however the strip is stretched).
fn ticks_image(ticks: &[Weight]) -> String {
    if ticks.is_empty() {
        return String::new();
    }
    let path: String = ticks
        .iter()
        .map(|w| format!("M{} 0V10", w.scaled() as f64 / 10.0))
        .collect();
    format!(
        "data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1000 10' preserveAspectRatio='none'><path d='{path}' stroke='rgb(155,44,44)' stroke-width='2' vector-effect='non-scaling-stroke'/></svg>"
    )
}

/// A headline figure: its label, value and what it is made of; beside it, when the reading is
/// not the paper's, the value under the paper's reading and the difference.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    pub id: &'static str,
    pub label: String,
    pub value: String,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper: Option<String>,
    /// Under the pinned reading, and the difference (this reading minus the pinned one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned_diff: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Headline {
    pub figures: Vec<Figure>,
    /// Said where the figures stand when the two shares have different denominators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The change of this reading that moves the headline most, in one sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biggest: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Tab {
    pub id: &'static str,
    pub label: String,
    pub selected: bool,
}

/// Everything one redraw shows.
#[derive(Serialize)]
pub struct Page {
    pub here: Here,
    /// Each bad key of the link, in the reader's language.
    pub errors: Vec<String>,
    pub controls: Vec<ControlView>,
    pub description: String,
    pub headline: Headline,
    pub tabs: Vec<Tab>,
    pub table: TableView,
    pub charts: Vec<ChartView>,
    pub claims: Vec<ClaimVerdict>,
    pub pin: PinView,
    pub map: super::map_view::MapView,
}

pub(super) fn controls(
    state: &State,
    ticks: &[(&str, Vec<Weight>)],
    lang: Lang,
) -> Vec<ControlView> {
    KEYS.iter()
        .map(|k| {
            let edges: &[Weight] = ticks
                .iter()
                .find(|(name, _)| *name == k.name)
                .map_or(&[], |(_, list)| list.as_slice());
            // In the slider's own unit, as its box shows a weight (0.1198 / 0,1198): a reader
            // can type a mark to land on it.
            let ticks: Vec<TickView> = edges
                .iter()
                .map(|&w| {
                    let value = w.to_string();
                    TickView {
                        label: typed_weight(&value, lang),
                        value,
                    }
                })
                .collect();
            let ticks_text = if ticks.is_empty() {
                String::new()
            } else {
                let list: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
                format!(
                    "{} {}",
                    lang.pick(
                        "Marks: a claim’s verdict turns at",
                        "Отметки: вердикт одного из выводов меняется при"
                    ),
                    list.join(", ")
                )
            };
            let value = (k.get)(state);
            let paper = k.paper();
            let written = k.write(value);
            let (kind, options, min, max) = match k.kind {
                KeyKind::Weight => ("weight", Vec::new(), None, None),
                KeyKind::Choice(choices) => (
                    "choice",
                    choices
                        .iter()
                        .enumerate()
                        .map(|(i, c)| OptionView {
                            id: c.id,
                            label: lang.pick(c.en, c.ru).to_string(),
                            checked: value == KeyValue::Choice(i),
                            paper: paper == KeyValue::Choice(i),
                        })
                        .collect(),
                    None,
                    None,
                ),
                KeyKind::Integer { min, max } => ("integer", Vec::new(), Some(min), Some(max)),
            };
            ControlView {
                key: k.name,
                kind,
                label: k.label().get(lang).to_string(),
                help: k.help().get(lang).to_string(),
                shown: match k.kind {
                    KeyKind::Weight => typed_weight(&written, lang),
                    _ => written.clone(),
                },
                value: written,
                paper: format!(
                    "{} {}",
                    lang.pick("the paper:", "в статье:"),
                    k.words(paper).get(lang)
                ),
                paper_mark: lang.pick("the paper", "в статье"),
                changed: value != paper,
                options,
                min,
                max,
                ticks_image: ticks_image(edges),
                ticks_text,
                ticks,
            }
        })
        .collect()
}

/// "under the paper's assumptions: 72.25% (−8.81 pp)" beside a share; "…: 41 (+1)" beside a
/// count. Recomputed, not printed: the paper prints rounder figures. The difference is the one
/// between the two figures as shown (each rounded to two decimals first).
fn against_paper(now: f64, paper: f64, percent: bool, lang: Lang) -> String {
    let label = lang.pick("under the paper’s assumptions:", "при допущениях статьи:");
    if percent {
        format!(
            "{label} {} ({} {})",
            percent_text(paper, 2, lang),
            difference_text(now, paper, 2, lang),
            lang.pick("pp", "п. п.")
        )
    } else {
        format!(
            "{label} {} ({})",
            decimal_text(paper, 0, lang),
            difference_text(now, paper, 0, lang)
        )
    }
}

/// Of the keys where the reading leaves the paper's, the one that alone moves the opposition's
/// or Putin's share most, said in one sentence.
pub(super) fn biggest_change(data: &Dataset, state: &State, lang: Lang) -> Option<String> {
    let paper = State::paper();
    let shares = |s: &State| {
        let sums = total_sums(data, s);
        (
            sums.share_of_base(Component::Opposition, s.base, s),
            sums.share_of_base(Component::Candidate(Candidate::Putin), s.base, s),
        )
    };
    let (paper_opposition, paper_putin) = shares(&paper);
    let mut best: Option<(f64, String)> = None;
    for k in KEYS.iter().filter(|k| (k.get)(state) != k.paper()) {
        let mut alone = paper;
        (k.set)(&mut alone, (k.get)(state));
        let (opposition, putin) = shares(&alone);
        for (label, before, after) in [
            (
                lang.pick("the opposition’s share", "долю оппозиции"),
                paper_opposition,
                opposition,
            ),
            (
                lang.pick("Putin’s share", "долю Путина"),
                paper_putin,
                putin,
            ),
        ] {
            let (Some(before), Some(after)) = (before, after) else {
                continue;
            };
            let moved = (after - before).abs();
            if moved < 0.00005 || best.as_ref().is_some_and(|(m, _)| *m >= moved) {
                continue;
            }
            let verb = match (after > before, lang) {
                (true, Lang::En) => "raises",
                (false, Lang::En) => "lowers",
                (true, Lang::Ru) => "повышает",
                (false, Lang::Ru) => "снижает",
            };
            let setting = format!(
                "{}: {}",
                k.label().get(lang),
                k.words((k.get)(state)).get(lang)
            );
            let (from, to) = (
                percent_text(before * 100.0, 2, lang),
                percent_text(after * 100.0, 2, lang),
            );
            let sentence = match lang {
                Lang::En => format!(
                    "Of this reading’s changes, “{setting}” moves the figures most: alone, it {verb} {label} from {from} to {to}."
                ),
                Lang::Ru => format!(
                    "Из изменений этого прочтения сильнее всего действует {}: само по себе оно {verb} {label} с {from} до {to}.",
                    crate::text::quoted_ru(&setting)
                ),
            };
            best = Some((moved, sentence));
        }
    }
    best.map(|(_, s)| s)
}

pub(super) fn headline(results: &Results, paper: &Results, state: &State, lang: Lang) -> Headline {
    let t = &results.total;
    let s = &t.sums;
    let scaled = |x: i64| x as f64 / WEIGHT_SCALE as f64;
    let opposition_den = s.opposition_base_scaled(state.base, state);
    let base_den = s.base_scaled(state.base);
    let share = |x: Option<f64>| x.map_or("—".to_string(), |x| percent_text(x * 100.0, 2, lang));
    let of = lang.pick("of", "из");
    // The base agrees with the number before it: из 380 961 выданного бюллетеня.
    let base_of = |den: i64| {
        let n = u64::try_from(scaled(den).round() as i64).unwrap_or(0);
        crate::output::words::base_words_of(state.base, n, lang)
    };
    let outside = opposition_den != base_den;
    let opposition_detail = if outside {
        let counted = scaled(opposition_den - base_den).round() as u64;
        let extra = match lang {
            Lang::En => "counted as opposition outside the base",
            // After a number: 21 засчитанный, 5 засчитанных (бюллетень).
            Lang::Ru => crate::text::plural::ru_form(
                counted,
                "засчитанный оппозиции вне знаменателя",
                "засчитанных оппозиции вне знаменателя",
                "засчитанных оппозиции вне знаменателя",
            ),
        };
        format!(
            "{} {of} {} ({} + {} {extra})",
            decimal_text(scaled(s.opposition_scaled(state)), 0, lang),
            decimal_text(scaled(opposition_den), 0, lang),
            base_of(opposition_den),
            decimal_text(scaled(opposition_den - base_den), 0, lang),
        )
    } else {
        format!(
            "{} {of} {} {}",
            decimal_text(scaled(s.opposition_scaled(state)), 0, lang),
            decimal_text(scaled(opposition_den), 0, lang),
            base_of(opposition_den),
        )
    };
    let putin = t.votes.putin;
    let figures = vec![
        Figure {
            id: "opposition-share",
            label: lang
                .pick(
                    "\u{201c}Opposition\u{201d} share abroad",
                    "Доля «оппозиции» за рубежом",
                )
                .to_string(),
            value: share(t.opposition_share),
            detail: opposition_detail,
            pinned: None,
            pinned_diff: None,
            paper: None,
        },
        Figure {
            id: "putin-share",
            label: lang
                .pick("Putin’s share abroad", "Доля Путина за рубежом")
                .to_string(),
            value: share(t.putin_share),
            detail: format!(
                "{} {of} {} {}",
                count_text(putin, lang),
                decimal_text(scaled(base_den), 0, lang),
                base_of(base_den),
            ),
            pinned: None,
            pinned_diff: None,
            paper: None,
        },
        Figure {
            id: "pecs-won",
            label: lang
                .pick(
                    "PECs won by the \u{201c}opposition\u{201d}",
                    "УИК, где победила «оппозиция»",
                )
                .to_string(),
            value: count_text(i64::from(results.wins.pecs), lang),
            detail: format!(
                "{of} {}",
                PEC.count_of(u64::from(results.wins.pecs_counted), lang)
            ),
            pinned: None,
            pinned_diff: None,
            paper: None,
        },
        Figure {
            id: "countries-won",
            label: lang
                .pick(
                    "Countries won by the \u{201c}opposition\u{201d}",
                    "Страны, где победила «оппозиция»",
                )
                .to_string(),
            value: count_text(i64::from(results.wins.countries), lang),
            detail: format!(
                "{of} {}",
                COUNTRY.count_of(u64::from(results.wins.countries_counted), lang)
            ),
            pinned: None,
            pinned_diff: None,
            paper: None,
        },
    ];
    let note = outside.then(|| {
        lang.pick(
            "The two shares have different denominators: the opposition’s adds the ballots it counts outside the base, so they need not add up to 100%.",
            "У двух долей разные знаменатели: к знаменателю доли оппозиции добавлены засчитанные ей бюллетени вне базы, поэтому в сумме они не обязаны давать 100%.",
        )
        .to_string()
    });
    let mut figures = figures;
    if !state.is_paper() {
        let p = &paper.total;
        let pct = |x: Option<f64>| x.map(|x| x * 100.0);
        let pairs = [
            (pct(t.opposition_share), pct(p.opposition_share), true),
            (pct(t.putin_share), pct(p.putin_share), true),
            (
                Some(f64::from(results.wins.pecs)),
                Some(f64::from(paper.wins.pecs)),
                false,
            ),
            (
                Some(f64::from(results.wins.countries)),
                Some(f64::from(paper.wins.countries)),
                false,
            ),
        ];
        for (figure, (now, then, percent)) in figures.iter_mut().zip(pairs) {
            if let (Some(now), Some(then)) = (now, then) {
                figure.paper = Some(against_paper(now, then, percent, lang));
            }
        }
    }
    Headline {
        figures,
        note,
        biggest: None,
    }
}

/// Check the view keys that name things against what exists under this reading.
fn check_view(engine: &Engine, location: &mut Location, results: &Results) {
    if let Some(region) = location.view.region.clone()
        && !results.regions.iter().any(|r| r.id == region)
    {
        // The regions by their names (a link's ids only for the command line).
        let named = Text::by(|l| {
            let names: Vec<&str> = results.regions.iter().map(|r| r.name.get(l)).collect();
            quoted_list(names, l)
        });
        location.refuse("region", named);
    }
    if let Some(country) = location.view.country.clone()
        && engine.bundle().country(&country).is_none()
    {
        location.refuse(
            "country",
            Text::new(
                "a country code of the countries table",
                "код страны из таблицы стран",
            ),
        );
    }
    if let Some(claim) = location.view.claim.clone()
        && !engine.study().claims.iter().any(|c| c.spec.id == claim)
    {
        location.refuse(
            "claim",
            Text::new(
                "one of the paper’s conclusions, as the robustness panel links them",
                "один из выводов статьи, как на него ссылается панель устойчивости",
            ),
        );
    }
}

impl Engine {
    /// Read a URL hash leniently: each bad key is named and falls back alone.
    pub fn locate(&self, hash: &str) -> Location {
        parse_hash(hash)
    }

    /// The location reached from `hash` by changing some keys (see `view::with_changes`); the
    /// errors are worded in the page's language.
    pub fn navigate(&self, hash: &str, changes: &[(String, String)]) -> Navigation {
        let next = super::view::with_changes(&parse_hash(hash), changes);
        let lang = next.view.lang;
        Navigation {
            canonical: next.canonical,
            errors: next
                .errors
                .iter()
                .map(|e| NavigationError {
                    key: e.key.clone(),
                    message: e.message(lang),
                })
                .collect(),
        }
    }

    /// Everything the page shows for a URL hash.
    pub fn page(&self, hash: &str) -> Result<Page, super::EngineError> {
        let mut location = parse_hash(hash);
        let state = location.parsed;
        let ctx = self.context(&state);
        check_view(self, &mut location, &ctx.current);
        let view: &View = &location.view;
        let lang = view.lang;
        let table = tables::build(&ctx, &view.tab).expect("the view’s tab is a table id");
        if let Some(sort) = view.sort.clone()
            && DATA_TABLES.contains(&view.tab.as_str())
            && !table.columns.iter().any(|c| c.id == sort)
        {
            let named = Text::by(|l| {
                let labels: Vec<&str> = table.columns.iter().map(|c| c.label.get(l)).collect();
                quoted_list(labels, l)
            });
            location.refuse("sort", named);
        }
        let view: &View = &location.view;
        let filter = self.filter_label(view, &ctx.current);
        // The pinned reading: its aggregates and the active table, to show beside these.
        let pinned_state = view.pin.as_deref().and_then(|p| State::from_query(p).ok());
        let pinned_ctx = pinned_state.map(|p| self.context(&p));
        let pinned_table = pinned_ctx
            .as_ref()
            .and_then(|c| tables::build(c, &view.tab));
        let table_shown = table_view(&table, view, filter, pinned_table.as_ref());
        let parts = self.reading_parts(&ctx, pinned_ctx.as_ref(), lang)?;
        Ok(Page {
            here: Here {
                canonical: location.canonical.clone(),
                state: location.state.clone(),
                lang,
                tab: view.tab.clone(),
                search: view.search.clone(),
                claim: view.claim.clone(),
                pin: view.pin.clone(),
                is_paper: state.is_paper(),
            },
            errors: location
                .errors
                .iter()
                .map(|e| location.message_with_use(e, lang))
                .collect(),
            controls: parts.controls,
            description: parts.description,
            headline: parts.headline,
            tabs: TABLE_IDS
                .iter()
                .map(|&id| Tab {
                    id,
                    label: tab_label(id).get(lang).to_string(),
                    selected: id == view.tab,
                })
                .collect(),
            table: table_shown,
            charts: parts.charts,
            claims: parts.claims,
            map: parts.map,
            pin: self.pin_view(&location),
        })
    }

    /// "Showing only: Europe, France" for a drilled-down data table.
    fn filter_label(&self, view: &View, results: &Results) -> Option<String> {
        if !DATA_TABLES.contains(&view.tab.as_str()) {
            return None;
        }
        let lang = view.lang;
        let mut names = Vec::new();
        if let Some(region) = &view.region
            && let Some(r) = results.regions.iter().find(|r| &r.id == region)
        {
            names.push(r.name.get(lang).to_string());
        }
        if view.tab == "pecs"
            && let Some(country) = &view.country
            && let Some(c) = self.bundle().country(country)
        {
            names.push(lang.pick(&c.name_en, &c.name_ru).to_string());
        }
        (!names.is_empty()).then(|| {
            format!(
                "{} {}",
                lang.pick("Showing only:", "Показаны только:"),
                names.join(", ")
            )
        })
    }
}

/// Where a change leads: the canonical hash, and the problems of the values changed.
#[derive(Clone, Debug, Serialize)]
pub struct Navigation {
    pub canonical: String,
    pub errors: Vec<NavigationError>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NavigationError {
    pub key: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_weights_take_the_readers_decimal_mark() {
        assert_eq!(typed_weight("0.5", Lang::Ru), "0,5");
        assert_eq!(typed_weight("0.5", Lang::En), "0.5");
    }
}
