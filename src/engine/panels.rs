//! The page's other panels, written in the reader's language: the charts with their legends and
//! table alternatives, every claim's verdict, the PECs a cell sums, the sources, and the
//! robustness map's rows.

use super::{Engine, EngineError};
use crate::analysis::sweep::Sweep;
use crate::output::chart::{self, CHART_KINDS};
use crate::output::words::reading_difference;
use crate::paper::claims::{self, Claim, Test, Verdict};
use crate::paper::tables::Table;
use crate::reading::aggregate::{Aggregate, Results};
use crate::reading::keys::key;
use crate::reading::state::State;
use crate::text::numtext::{count_text, decimal_text, percent_text};
use crate::text::plural::{CLAIM, PEC, READING};
use crate::text::{Lang, Text};
use serde::Serialize;

/// One key of a chart's legend: the CSS class of its swatch and its words.
#[derive(Clone, Debug, Serialize)]
pub struct LegendKey {
    pub class: &'static str,
    pub label: String,
}

/// A chart's numbers as a table (the non-visual alternative).
#[derive(Clone, Debug, Serialize)]
pub struct NumbersTable {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChartView {
    pub kind: &'static str,
    pub title: String,
    pub legend: Vec<LegendKey>,
    pub svg: String,
    pub description: String,
    pub table: NumbersTable,
    /// The download's file name.
    pub file: String,
}

fn share_text(x: Option<f64>, lang: Lang) -> String {
    x.map_or("—".to_string(), |x| percent_text(x * 100.0, 2, lang))
}

fn shares_table(list: &[&Aggregate], lang: Lang) -> NumbersTable {
    NumbersTable {
        head: vec![
            String::new(),
            lang.pick("“Opposition”", "«Оппозиция»").to_string(),
            lang.pick("Putin", "Путин").to_string(),
        ],
        rows: list
            .iter()
            .map(|a| {
                vec![
                    a.name.get(lang).to_string(),
                    share_text(a.opposition_share, lang),
                    share_text(a.putin_share, lang),
                ]
            })
            .collect(),
    }
}

fn chart_title(kind: &str) -> Text {
    match kind {
        "regions" => Text::new(
            "Opposition and Putin by region",
            "Оппозиция и Путин по регионам",
        ),
        "countries" => Text::new(
            "Countries ranked by the opposition's share",
            "Страны по убыванию доли оппозиции",
        ),
        _ => Text::new(
            "The winner's share abroad, 2004-2024 (Table 1)",
            "Доля победителя за рубежом, 2004-2024 (Таблица 1)",
        ),
    }
}

/// The countries in the order the chart ranks them.
pub fn ranked_countries(results: &Results) -> Vec<&Aggregate> {
    let mut list: Vec<&Aggregate> = results
        .countries
        .iter()
        .filter(|c| c.id != "unassigned")
        .collect();
    list.sort_by(|a, b| {
        b.opposition_share
            .unwrap_or(0.0)
            .total_cmp(&a.opposition_share.unwrap_or(0.0))
            .then_with(|| a.name.en.cmp(&b.name.en))
    });
    list
}

/// Every chart of the page.
pub fn chart_views(
    results: &Results,
    table1: &Table,
    lang: Lang,
) -> Result<Vec<ChartView>, EngineError> {
    CHART_KINDS
        .iter()
        .map(|&kind| {
            let drawn = chart::draw(kind, results, Some(table1), lang)?;
            let (legend, table) = match kind {
                "history" => {
                    let col = table1.columns.iter().position(|c| c.id == "winner_share");
                    let rows = table1
                        .rows
                        .iter()
                        .map(|r| {
                            let cell = col.map(|c| &r.cells[c]);
                            vec![
                                r.id.clone(),
                                cell.and_then(|c| c.value.as_f64())
                                    .map_or("—".into(), |x| percent_text(x, 2, lang)),
                                cell.and_then(|c| c.published()).map_or("—".into(), |p| {
                                    super::table_view::printed_text(p, lang)
                                }),
                            ]
                        })
                        .collect();
                    (
                        vec![
                            LegendKey {
                                class: "putin",
                                label: lang.pick("recomputed", "пересчитано").into(),
                            },
                            LegendKey {
                                class: "published",
                                label: lang.pick("as published", "опубликовано").into(),
                            },
                        ],
                        NumbersTable {
                            head: vec![
                                String::new(),
                                lang.pick("recomputed", "пересчитано").into(),
                                lang.pick("as published", "опубликовано").into(),
                            ],
                            rows,
                        },
                    )
                }
                _ => {
                    let list: Vec<&Aggregate> = if kind == "regions" {
                        results.regions.iter().collect()
                    } else {
                        ranked_countries(results)
                    };
                    (
                        vec![
                            LegendKey {
                                class: "opposition",
                                label: lang.pick("“Opposition”", "«Оппозиция»").into(),
                            },
                            LegendKey {
                                class: "putin",
                                label: lang.pick("Putin", "Путин").into(),
                            },
                        ],
                        shares_table(&list, lang),
                    )
                }
            };
            Ok(ChartView {
                kind,
                title: chart_title(kind).get(lang).to_string(),
                legend,
                svg: drawn.svg,
                description: drawn.description,
                table,
                file: crate::output::export::safe_file_name(&format!("chart-{kind}"), "svg"),
            })
        })
        .collect()
}

/// A claim's verdict under the page's reading.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimVerdict {
    pub id: String,
    /// holds | fails | not_applicable
    pub verdict: Verdict,
    pub word: String,
    /// The number it was judged on, in the reader's format ("" if none).
    pub value: String,
}

pub fn verdict_word(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Holds => lang.pick("holds", "верно"),
        Verdict::Fails => lang.pick("fails", "неверно"),
        Verdict::NotApplicable => lang.pick("not applicable", "неприменимо"),
    }
}

/// Whether a claim's number is a share (percentage points) rather than a count.
fn is_share(claim: &Claim) -> bool {
    matches!(&claim.test, Test::Value { metric, .. } | Test::Compare { metric, .. } if metric.quantity.is_share())
}

/// A claim's number in the reader's format.
pub fn claim_value(claim: &Claim, value: Option<f64>, lang: Lang) -> String {
    match value {
        None => String::new(),
        Some(v) if is_share(claim) => percent_text(v, 2, lang),
        Some(v) => decimal_text(v, 0, lang),
    }
}

pub fn claim_verdicts(engine: &Engine, results: &Results, lang: Lang) -> Vec<ClaimVerdict> {
    engine
        .study()
        .claims
        .iter()
        .map(|c| {
            let outcome = claims::evaluate(c, results);
            ClaimVerdict {
                id: c.spec.id.clone(),
                verdict: outcome.verdict,
                word: verdict_word(outcome.verdict, lang).to_string(),
                value: claim_value(c, outcome.value, lang),
            }
        })
        .collect()
}

/// The PECs a cell sums, as the dialog shows them.
#[derive(Clone, Debug, Serialize)]
pub struct MembersView {
    pub title: String,
    pub summary: String,
    pub head: Vec<String>,
    /// Per PEC: number, country, city, evidence (words), ballots issued, evidence note.
    pub rows: Vec<Vec<String>>,
    /// Per row, the evidence level (for its CSS class).
    pub evidence: Vec<&'static str>,
}

fn evidence_words(id: &str, lang: Lang) -> &'static str {
    match id {
        "documented" => lang.pick("documented", "документально"),
        "matched" => lang.pick("matched", "сопоставлено"),
        "inferred" => lang.pick("inferred", "выведено"),
        _ => lang.pick("unknown", "неизвестно"),
    }
}

impl Engine {
    /// A scope ("region:europe", "country:KZ", "pec:8096", "total") in words.
    pub fn scope_name(&self, results: &Results, scope: &str) -> Text {
        let find = |list: &[Aggregate], id: &str| {
            list.iter().find(|a| a.id == id).map(|a| (*a.name).clone())
        };
        match scope.split_once(':') {
            None => Some((*results.total.name).clone()),
            Some(("region", id)) => find(&results.regions, id),
            Some(("country", id)) => find(&results.countries, id),
            Some(("pec", n)) => find(&results.pecs, n),
            Some(("countries", ids)) => {
                let names: Vec<Text> = ids
                    .split(',')
                    .filter_map(|id| find(&results.countries, id))
                    .collect();
                Some(Text::by(|l| {
                    names
                        .iter()
                        .map(|n| n.get(l).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                }))
            }
            _ => None,
        }
        .unwrap_or_else(|| Text::same(scope))
    }

    /// The dialog of the PECs a cell sums, under the reading of `hash`.
    pub fn members_view(&self, hash: &str, scope: &str) -> Result<MembersView, EngineError> {
        let location = self.locate(hash);
        let lang = location.view.lang;
        let results = self.compute(&location.parsed);
        let members = self.members(&location.parsed, scope)?;
        let issued: i64 = members.iter().map(|m| m.issued).sum();
        let name = self.scope_name(&results, scope);
        let n = u64::try_from(members.len()).unwrap_or(u64::MAX);
        Ok(MembersView {
            title: match lang {
                Lang::En => format!("PECs summed in {}", name.en),
                Lang::Ru => format!("УИК в сумме: {}", name.ru),
            },
            summary: match lang {
                Lang::En => format!(
                    "{}, {} ballots issued. Locations marked inferred or unknown are not established fact.",
                    PEC.count(n, lang),
                    count_text(issued, lang)
                ),
                Lang::Ru => format!(
                    "{}, выдано бюллетеней: {}. Места с пометкой «выведено» или «неизвестно» не являются установленным фактом.",
                    PEC.count(n, lang),
                    count_text(issued, lang)
                ),
            },
            head: [
                ("PEC", "УИК"),
                ("Country", "Страна"),
                ("City", "Город"),
                ("Location evidence", "Доказанность места"),
                ("Issued", "Выдано"),
                ("Evidence note", "Источник"),
            ]
            .iter()
            .map(|(en, ru)| lang.pick(en, ru).to_string())
            .collect(),
            evidence: members.iter().map(|m| m.evidence).collect(),
            rows: members
                .iter()
                .map(|m| {
                    vec![
                        m.pec.to_string(),
                        non_empty(m.country.get(lang)),
                        m.city.get(lang).to_string(),
                        evidence_words(m.evidence, lang).to_string(),
                        count_text(m.issued, lang),
                        m.note.get(lang).to_string(),
                    ]
                })
                .collect(),
        })
    }
}

fn non_empty(text: &str) -> String {
    if text.is_empty() {
        "—".into()
    } else {
        text.into()
    }
}

/// One claim of the robustness map, as the panel shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimRow {
    pub id: String,
    pub quote: String,
    /// "(reweigh's translation)" where the Russian is ours.
    pub translation: String,
    pub place: String,
    /// The share of readings where it holds, as text and as a bar width (a multiple of 5).
    pub holds_in: String,
    pub bar: u32,
    pub range: String,
    pub target: String,
    pub hinge: String,
    pub paper: String,
    /// The nearest reading with the other verdict, in words ("" if none).
    pub nearest: String,
    pub can_hold: bool,
    pub can_fail: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct SweepView {
    pub status: String,
    pub rows: Vec<ClaimRow>,
    /// The heat map's colour key: (CSS class, words).
    pub legend: Vec<(&'static str, String)>,
}

impl Engine {
    /// The robustness map's rows in the reader's language.
    pub fn sweep_view(&self, sweep: &Sweep, lang: Lang) -> SweepView {
        let rows = sweep
            .report
            .iter()
            .zip(&self.study().claims)
            .map(|(r, claim)| {
                let value = |x: Option<f64>| {
                    let t = claim_value(claim, x, lang);
                    if t.is_empty() { "—".into() } else { t }
                };
                let hinge = r
                    .hinges
                    .first()
                    .filter(|h| h.share > 0.0)
                    .and_then(|h| {
                        let k = key(&h.key)?;
                        Some(format!(
                            "{} ({})",
                            k.label().get(lang),
                            percent_text(h.share * 100.0, 0, lang)
                        ))
                    })
                    .unwrap_or_else(|| lang.pick("nothing flips it", "ничто не меняет").into());
                let nearest = r
                    .nearest_other
                    .as_deref()
                    .and_then(|q| State::from_query(q).ok())
                    .map(|s| {
                        format!(
                            "{}: {}",
                            match r.paper.verdict {
                                Verdict::Holds => lang.pick(
                                    "nearest reading where it fails",
                                    "ближайшее прочтение, где неверно"
                                ),
                                _ => lang.pick(
                                    "nearest reading where it holds",
                                    "ближайшее прочтение, где верно"
                                ),
                            },
                            reading_difference(&s, &State::paper()).get(lang)
                        )
                    })
                    .unwrap_or_default();
                ClaimRow {
                    id: r.spec.id.clone(),
                    quote: match lang {
                        Lang::En => format!("\u{201c}{}\u{201d}", r.spec.quote_en),
                        Lang::Ru => format!("«{}»", r.spec.quote_ru),
                    },
                    translation: if lang == Lang::Ru && r.spec.ru_is_translation {
                        "(перевод reweigh)".into()
                    } else {
                        String::new()
                    },
                    place: r.spec.location.clone(),
                    holds_in: r
                        .share_holding
                        .map_or("—".into(), |s| percent_text(s * 100.0, 1, lang)),
                    bar: r
                        .share_holding
                        .map_or(0, |s| ((s * 20.0).round() as u32) * 5),
                    range: match (r.min, r.max) {
                        (Some(lo), Some(hi)) => {
                            format!("{} – {}", value(Some(lo)), value(Some(hi)))
                        }
                        _ => "—".into(),
                    },
                    target: r
                        .target
                        .map(|t| format!("{} {}", lang.pick("paper:", "в статье:"), value(Some(t))))
                        .unwrap_or_default(),
                    hinge,
                    paper: format!(
                        "{}: {}{}",
                        lang.pick("Under the paper's own reading", "При прочтении автора"),
                        verdict_word(r.paper.verdict, lang),
                        r.paper
                            .value
                            .map(|v| format!(" ({})", value(Some(v))))
                            .unwrap_or_default()
                    ),
                    nearest,
                    can_hold: r.holds > 0,
                    can_fail: r.fails > 0,
                }
            })
            .collect();
        SweepView {
            status: match lang {
                Lang::En => format!(
                    "{} judged under {}.",
                    CLAIM.count(u64::try_from(sweep.report.len()).unwrap_or(u64::MAX), lang),
                    READING.count(u64::try_from(sweep.grid.size()).unwrap_or(u64::MAX), lang)
                ),
                Lang::Ru => format!(
                    "Проверено выводов: {}, прочтений: {}.",
                    count_text(i64::try_from(sweep.report.len()).unwrap_or(i64::MAX), lang),
                    count_text(i64::try_from(sweep.grid.size()).unwrap_or(i64::MAX), lang)
                ),
            },
            rows,
            legend: [
                (
                    "h0",
                    (
                        "holds in no reading of the cell",
                        "неверно во всех прочтениях клетки",
                    ),
                ),
                ("h50", ("holds in half", "верно в половине")),
                (
                    "h100",
                    ("holds in every reading", "верно во всех прочтениях"),
                ),
                ("hna", ("does not apply", "неприменимо")),
            ]
            .into_iter()
            .map(|(class, (en, ru))| (class, lang.pick(en, ru).to_string()))
            .collect(),
        }
    }
}
