//! The page's other panels, written in the reader's language: the charts with their legends and
//! table alternatives, the PECs a cell sums. (The claims and the robustness map: `claims_view`,
//! `robustness`.)

use super::{Engine, EngineError};
use crate::output::chart::{self, CHART_KINDS};
use crate::paper::tables::WinnerShare;
use crate::reading::aggregate::{Aggregate, Results};
use crate::text::numtext::{count_text, percent_text};
use crate::text::plural::PEC;
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
            "Countries ranked by the opposition’s share",
            "Страны по убыванию доли оппозиции",
        ),
        _ => Text::new(
            "The winner’s share abroad, 2004–2024 (Table 1)",
            "Доля победителя за рубежом, 2004–2024 (Таблица 1)",
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
    crate::text::order::sort_by(&mut list, |a, b| {
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
    shares: &[WinnerShare],
    lang: Lang,
) -> Result<Vec<ChartView>, EngineError> {
    CHART_KINDS
        .iter()
        .map(|&kind| {
            let drawn = chart::draw(kind, results, Some(shares), lang)?;
            let (legend, table) = match kind {
                "history" => {
                    let rows = shares
                        .iter()
                        .map(|s| {
                            vec![
                                s.year.to_string(),
                                s.value.map_or("—".into(), |x| percent_text(x, 2, lang)),
                                s.published.as_ref().map_or("—".into(), |p| {
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
