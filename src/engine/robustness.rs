//! The robustness map as the page and the CLI show it, in the reader's language: each claim by
//! its title and place, its verdicts over the grid counted apart, the split of its changes among
//! the assumptions (importance bars), its specification curve, and the exact tipping points of a
//! reading.

use super::claims_view::{claim_value, verdict_word};
use super::panels::{LegendKey, NumbersTable};
use super::{Engine, EngineError};
use crate::analysis::curve::{self, Curve};
use crate::analysis::importance::Importance;
use crate::analysis::location::{self, LocationCheck};
use crate::analysis::sweep::{self, Sweep};
use crate::analysis::tipping::{self, ClaimTipping, TippingDocument};
use crate::output::curve_chart::{CurveLabels, curve_svg, row_label};
use crate::output::sweep_export::{ExportReading, sweep_text};
use crate::output::words::reading_difference;
use crate::paper::claims::{Claim, Verdict};
use crate::reading::keys::{KEYS, key};
use crate::reading::state::State;
use crate::text::numtext::{count_text, percent_text};
use crate::text::plural::{CLAIM, READING, ru_form};
use crate::text::{Lang, Text};
use serde::Serialize;

/// One key's part of a claim's changes, as a bar segment.
#[derive(Clone, Debug, Serialize)]
pub struct PartView {
    pub key: String,
    /// Its width in the bar, in percent of all readings (a multiple of 5).
    pub width: u32,
    pub label: String,
}

/// What a claim's changes over the grid rest on.
#[derive(Clone, Debug, Serialize)]
pub struct ImportanceView {
    /// "—" when nothing changes its verdict.
    pub text: String,
    pub parts: Vec<PartView>,
}

/// One claim of the robustness map, as the panel shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimRow {
    /// For the page's links and the URL only: never shown.
    pub id: String,
    pub title: String,
    pub place: String,
    pub quote: String,
    /// "(reweigh's translation)" where the Russian is ours.
    pub translation: String,
    /// Judged against a printed figure (three verdicts).
    pub against_printed: bool,
    /// The share of readings where it holds (is reproduced), as text and as a bar width (a
    /// multiple of 5); against a printed figure, the readings off in the last digit follow.
    pub holds_in: String,
    pub bar: u32,
    pub bar_off: u32,
    /// The verdicts counted apart, in words.
    pub counts: String,
    pub range: String,
    pub target: String,
    pub importance: ImportanceView,
    pub paper: String,
    /// The nearest reading with the other verdict, in words ("" if none).
    pub nearest: String,
    pub can_hold: bool,
    pub can_fail: bool,
    /// Whether it has a number to draw a specification curve of.
    pub has_curve: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct SweepView {
    pub status: String,
    pub rows: Vec<ClaimRow>,
    /// The heat map's colour key: (CSS class, words).
    pub legend: Vec<(&'static str, String)>,
}

/// A count of things for the reader (usize to the text's integer types, saturating).
fn wide(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn count_words(n: usize, lang: Lang) -> String {
    count_text(i64::try_from(n).unwrap_or(i64::MAX), lang)
}

/// A specification curve with its words.
#[derive(Clone, Debug, Serialize)]
pub struct CurveView {
    pub title: String,
    pub svg: String,
    pub description: String,
    pub legend: Vec<LegendKey>,
    pub table: NumbersTable,
    pub file: String,
}

fn share_text(x: f64, lang: Lang) -> String {
    percent_text(x * 100.0, 1, lang)
}

/// The widths of the parts in a bar of 5% steps, rounded so that they add up to the rounded
/// whole.
fn part_widths(shares: &[f64]) -> Vec<u32> {
    let mut out = Vec::with_capacity(shares.len());
    let (mut cumulative, mut drawn) = (0.0, 0u32);
    for &s in shares {
        cumulative += s.max(0.0);
        let edge = ((cumulative * 20.0).round() as u32).min(20) * 5;
        out.push(edge.saturating_sub(drawn));
        drawn = drawn.max(edge);
    }
    out
}

/// The importance split in words and bar segments.
fn importance_view(importance: &Option<Importance>, lang: Lang) -> ImportanceView {
    let none = || ImportanceView {
        text: "—".into(),
        parts: Vec::new(),
    };
    let Some(imp) = importance else {
        return none();
    };
    if imp.differs <= 0.0 {
        return none();
    }
    let shown: Vec<_> = imp
        .keys
        .iter()
        .filter(|k| k.share.abs() >= 0.0005)
        .collect();
    let label = |name: &str| key(name).map_or(name.to_string(), |k| k.label().get(lang).into());
    let positive: Vec<_> = shown.iter().filter(|k| k.share > 0.0).collect();
    let widths = part_widths(&positive.iter().map(|k| k.share).collect::<Vec<_>>());
    let parts = positive
        .iter()
        .zip(widths)
        .map(|(k, width)| PartView {
            key: k.key.clone(),
            width,
            label: format!("{} {}", label(&k.key), share_text(k.share, lang)),
        })
        .collect();
    let list: Vec<String> = shown
        .iter()
        .map(|k| {
            let sign = if k.share < 0.0 { "−" } else { "" };
            format!(
                "{} {sign}{}",
                label(&k.key),
                share_text(k.share.abs(), lang)
            )
        })
        .collect();
    ImportanceView {
        text: match lang {
            Lang::En => format!(
                "verdict differs from the one under the paper’s assumptions in {}: {}",
                share_text(imp.differs, lang),
                list.join(", ")
            ),
            Lang::Ru => format!(
                "вердикт отличается от вердикта при допущениях статьи в {}: {}",
                share_text(imp.differs, lang),
                list.join(", ")
            ),
        },
        parts,
    }
}

/// The verdicts over the grid, counted apart, in words.
fn counts_text(claim: &Claim, r: &sweep::ClaimReport, lang: Lang) -> String {
    let decided = r.holds + r.off_last_digit + r.fails;
    let share = |n: u32| {
        if decided == 0 {
            "—".to_string()
        } else {
            share_text(f64::from(n) / f64::from(decided), lang)
        }
    };
    let mut parts = vec![
        format!(
            "{} {}",
            verdict_word(claim, Verdict::Holds, lang),
            share(r.holds)
        ),
        format!(
            "{} {}",
            verdict_word(claim, Verdict::Fails, lang),
            share(r.fails)
        ),
    ];
    if claim.against_printed() {
        parts.insert(
            1,
            format!(
                "{} {}",
                verdict_word(claim, Verdict::OffLastDigit, lang),
                share(r.off_last_digit)
            ),
        );
    }
    if r.not_applicable > 0 {
        parts.push(format!(
            "{}: {}",
            lang.pick("not applicable", "неприменимо"),
            READING.count(u64::from(r.not_applicable), lang)
        ));
    }
    parts.join("; ")
}

impl Engine {
    /// The exact tipping points of every claim under a reading.
    pub fn tipping(&self, state: &State) -> Vec<ClaimTipping> {
        tipping::tipping(&self.study().claims, &self.compute(state))
    }

    /// The tipping points as `reweigh tipping --format json` writes them.
    pub fn tipping_document(&self, state: &State) -> TippingDocument {
        TippingDocument::of(&self.study().claims, state, &self.tipping(state))
    }

    /// Every claim's location check under a reading.
    pub fn location_checks(&self, state: &State) -> Vec<LocationCheck> {
        let study = self.study();
        location::check_state(&study.claims, &study.data, &self.established, state)
    }

    /// The tipping points as Markdown: per claim, its verdict and where it turns along each
    /// weight, in words.
    pub fn tipping_markdown(&self, state: &State, lang: Lang) -> String {
        let study = self.study();
        let results = self.compute(state);
        let tipping = tipping::tipping(&study.claims, &results);
        let checks = location::check(&study.claims, &results, &self.established);
        let uncertain = location::uncertain_count(&study.data);
        let escape = |s: &str| s.replace('|', "\\|");
        let mut out = format!(
            "## {}\n\n{}: `{}`\n\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            lang.pick("Where each conclusion turns", "Где меняется каждый вывод"),
            lang.pick("reading", "прочтение"),
            state.canonical(),
            lang.pick("claim", "вывод"),
            lang.pick("where", "где"),
            lang.pick("verdict", "вердикт"),
            lang.pick("tipping points", "точки перелома"),
            lang.pick("location", "места УИК"),
        );
        for (i, t) in tipping.iter().enumerate() {
            let c = &study.claims[t.index];
            let words = super::claims_view::tipping_sentences(c, t, lang);
            let (flag, _) = super::claims_view::location_words(c, &checks[i], uncertain, lang);
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                escape(c.title().get(lang)),
                escape(c.place().get(lang)),
                verdict_word(c, t.verdict, lang),
                escape(&words.join(" ")),
                if flag.is_empty() { "—".into() } else { flag },
            ));
        }
        out
    }

    /// The robustness map's rows in the reader's language.
    pub fn sweep_view(&self, sweep: &Sweep, lang: Lang) -> SweepView {
        let claims = &self.study().claims;
        let rows = sweep
            .report
            .iter()
            .zip(claims)
            .map(|(r, claim)| {
                let value = |x: Option<f64>| {
                    let t = claim_value(claim, x, lang);
                    if t.is_empty() { "—".into() } else { t }
                };
                let nearest = r
                    .nearest_other
                    .as_deref()
                    .and_then(|q| State::from_query(q).ok())
                    .map(|s| {
                        let to = match (r.paper.verdict == Verdict::Holds, claim.against_printed())
                        {
                            (true, true) => lang.pick(
                                "Nearest reading of the grid where it is not reproduced",
                                "Ближайшее прочтение сетки, где оно не воспроизводится",
                            ),
                            (true, false) => lang.pick(
                                "Nearest reading of the grid where it fails",
                                "Ближайшее прочтение сетки, где это неверно",
                            ),
                            (false, true) => lang.pick(
                                "Nearest reading of the grid where it is reproduced",
                                "Ближайшее прочтение сетки, где оно воспроизводится",
                            ),
                            (false, false) => lang.pick(
                                "Nearest reading of the grid where it holds",
                                "Ближайшее прочтение сетки, где это верно",
                            ),
                        };
                        format!(
                            "{to}: {}",
                            reading_difference(&s, &State::paper()).get(lang)
                        )
                    })
                    .unwrap_or_default();
                let decided = r.holds + r.off_last_digit + r.fails;
                let width = |n: u32| {
                    if decided == 0 {
                        0
                    } else {
                        ((f64::from(n) / f64::from(decided) * 20.0).round() as u32) * 5
                    }
                };
                let bar = width(r.holds);
                let bar_off = width(r.holds + r.off_last_digit).saturating_sub(bar);
                ClaimRow {
                    id: r.spec.id.clone(),
                    title: claim.title().get(lang).to_string(),
                    place: claim.place().get(lang).to_string(),
                    quote: match lang {
                        Lang::En => format!("\u{201c}{}\u{201d}", r.spec.quote_en),
                        Lang::Ru => format!("«{}»", r.spec.quote_ru),
                    },
                    translation: if lang == Lang::Ru && r.spec.ru_is_translation {
                        "(наш перевод)".into()
                    } else {
                        String::new()
                    },
                    against_printed: claim.against_printed(),
                    holds_in: r.share_holding.map_or("—".into(), |s| share_text(s, lang)),
                    bar,
                    bar_off,
                    counts: counts_text(claim, r, lang),
                    range: match (r.min, r.max) {
                        // A set or a ranking has no number to range over.
                        (Some(lo), Some(hi)) if !claim_value(claim, Some(lo), lang).is_empty() => {
                            format!("{} – {}", value(Some(lo)), value(Some(hi)))
                        }
                        _ => "—".into(),
                    },
                    target: r
                        .target
                        .map(|t| value(Some(t)))
                        .filter(|t| t != "—")
                        .map(|t| format!("{} {t}", lang.pick("paper:", "в статье:")))
                        .unwrap_or_default(),
                    importance: importance_view(&r.importance, lang),
                    paper: format!(
                        "{}: {}{}",
                        lang.pick("Under the paper’s own reading", "При прочтении автора"),
                        verdict_word(claim, r.paper.verdict, lang),
                        // A claim with no number of its own (a set, a ranking) has no value
                        // to show: no "(—)".
                        r.paper
                            .value
                            .map(|v| value(Some(v)))
                            .filter(|v| v != "—")
                            .map(|v| format!(" ({v})"))
                            .unwrap_or_default()
                    ),
                    nearest,
                    can_hold: r.holds > 0,
                    can_fail: r.fails + r.off_last_digit > 0,
                    has_curve: r.min.is_some(),
                }
            })
            .collect();
        let tally = |printed: bool, v: Option<Verdict>| {
            sweep
                .report
                .iter()
                .zip(claims)
                .filter(|(r, c)| {
                    c.against_printed() == printed && v.is_none_or(|v| r.paper.verdict == v)
                })
                .count()
        };
        let n = |x: usize| count_words(x, lang);
        let (figures, others) = (tally(true, None), tally(false, None));
        let paper = match lang {
            Lang::En => format!(
                "Under the paper’s own reading: of {} printed {}, {} reproduced, {} off in the last printed digit, {} different; of {} other {}, {} holding, {} failing.",
                n(figures),
                if figures == 1 { "figure" } else { "figures" },
                n(tally(true, Some(Verdict::Holds))),
                n(tally(true, Some(Verdict::OffLastDigit))),
                n(tally(true, Some(Verdict::Fails))),
                n(others),
                if others == 1 { "claim" } else { "claims" },
                n(tally(false, Some(Verdict::Holds))),
                n(tally(false, Some(Verdict::Fails))),
            ),
            Lang::Ru => format!(
                "При прочтении автора: из {} {}: воспроизводится — {}, расходится в последнем знаке — {}, расходится — {}; из {} {}: верно — {}, неверно — {}.",
                n(figures),
                ru_form(
                    wide(figures),
                    "напечатанного числа",
                    "напечатанных чисел",
                    "напечатанных чисел"
                ),
                n(tally(true, Some(Verdict::Holds))),
                n(tally(true, Some(Verdict::OffLastDigit))),
                n(tally(true, Some(Verdict::Fails))),
                n(others),
                ru_form(
                    wide(others),
                    "другого вывода",
                    "других выводов",
                    "других выводов"
                ),
                n(tally(false, Some(Verdict::Holds))),
                n(tally(false, Some(Verdict::Fails))),
            ),
        };
        SweepView {
            status: match lang {
                Lang::En => format!(
                    "{} judged under {}. {paper}",
                    CLAIM.count(wide(sweep.report.len()), lang),
                    READING.count(wide(sweep.grid.size()), lang)
                ),
                Lang::Ru => format!(
                    "Проверено выводов: {}, прочтений: {}. {paper}",
                    count_words(sweep.report.len(), lang),
                    count_words(sweep.grid.size(), lang)
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

    /// A sweep written as CSV, JSON or Markdown, from the paper's own reading.
    pub fn sweep_export(&self, sweep: &Sweep, format: super::Format, generated: &str) -> String {
        self.sweep_export_from(sweep, format, generated, "")
    }

    /// A sweep written as CSV, JSON or Markdown, from the reading of `hash` (its verdicts and
    /// location checks, and the pinned reading in the header).
    pub fn sweep_export_from(
        &self,
        sweep: &Sweep,
        format: super::Format,
        generated: &str,
        hash: &str,
    ) -> String {
        let location = self.locate(hash);
        let from = ExportReading {
            state: location.state.clone(),
            dialect: crate::output::sheets::Dialect::of(crate::output::spreadsheet::sheets_lang(
                location.view.lang,
            )),
            pin: location.view.pin.clone(),
            checks: self.location_checks(&location.parsed),
            bundle: crate::output::export::bundle_line(self.bundle()),
        };
        sweep_text(sweep, format, generated, &from)
    }

    /// A claim's specification curve over the sweep's grid, the reading of `hash` marked.
    pub fn curve_view(
        &self,
        sweep: &Sweep,
        claim: &str,
        hash: &str,
    ) -> Result<CurveView, EngineError> {
        let index = self.claim_index(claim)?;
        let location = self.locate(hash);
        let (lang, state) = (location.view.lang, location.parsed);
        let c = &self.study().claims[index];
        let unavailable = || {
            EngineError::Unavailable(Text::new(
                "this claim has no number to draw a curve of",
                "у этого вывода нет числа для кривой",
            ))
        };
        let curve =
            curve::curve(self.study(), &sweep.grid, index, &state).ok_or_else(unavailable)?;
        let percent = matches!(&c.test, crate::paper::claims::Test::Value { metric, .. } | crate::paper::claims::Test::Compare { metric, .. } if metric.is_percent());
        let multiple = matches!(&c.test, crate::paper::claims::Test::Value { metric, .. } | crate::paper::claims::Test::Compare { metric, .. } if metric.is_multiple());
        let rows = curve
            .panel
            .iter()
            .map(|row| row_label(&KEYS[row.key], row.value.as_deref(), lang))
            .collect();
        let labels = CurveLabels {
            y_axis: lang.pick("the claim’s number", "число вывода").to_string(),
            x_axis: lang
                .pick(
                    "readings of the grid, sorted by the number",
                    "прочтения сетки по возрастанию числа",
                )
                .to_string(),
            rows,
            percent,
            multiple,
            lang,
        };
        let svg = curve_svg(&curve, &labels).map_err(|e| EngineError::Drawing(e.to_string()))?;
        let title = c.title().get(lang).to_string();
        let holds = curve
            .sorted
            .iter()
            .filter(|x| x.1 == Verdict::Holds)
            .count();
        let n = curve.readings;
        let description = match lang {
            Lang::En => format!(
                "\u{201c}{title}\u{201d}: its number under each of {} of the grid, sorted (coloured by verdict, a column by the best among its readings; it holds in {}). The red line is the paper’s figure; the black ring and line mark the paper’s reading, the blue ones this reading. Beneath, each reading’s choices: a darker cell means more of that column’s readings make the choice (for a weight: a larger weight).",
                READING.count(wide(n), lang),
                count_words(holds, lang)
            ),
            Lang::Ru => format!(
                "«{title}»: его число при каждом из {} сетки, по возрастанию (цвет — вердикт, у столбца — лучший из его прочтений; верно в {}). Красная линия — число статьи; чёрные кольцо и линия — прочтение автора, синие — это прочтение. Ниже — выбор каждого прочтения: чем темнее клетка, тем больше прочтений столбца делают этот выбор (для веса — тем больше вес).",
                READING.count_of(wide(n), lang),
                count_words(holds, lang)
            ),
        };
        Ok(CurveView {
            title: match lang {
                Lang::En => format!("Specification curve: \u{201c}{title}\u{201d}"),
                Lang::Ru => format!("Кривая спецификаций: «{title}»"),
            },
            svg,
            description,
            legend: vec![
                LegendKey {
                    class: "holds",
                    label: verdict_word(c, Verdict::Holds, lang).into(),
                },
                LegendKey {
                    class: "off_last_digit",
                    label: verdict_word(c, Verdict::OffLastDigit, lang).into(),
                },
                LegendKey {
                    class: "fails",
                    label: verdict_word(c, Verdict::Fails, lang).into(),
                },
                LegendKey {
                    class: "target",
                    label: lang.pick("the paper’s figure", "число статьи").into(),
                },
                LegendKey {
                    class: "paper-reading",
                    label: lang.pick("the paper’s reading", "прочтение автора").into(),
                },
                LegendKey {
                    class: "this-reading",
                    label: lang.pick("this reading", "это прочтение").into(),
                },
            ]
            .into_iter()
            .filter(|k| c.against_printed() || k.class != "off_last_digit")
            .filter(|k| curve.target.is_some() || k.class != "target")
            .collect(),
            table: self.curve_table(c, &curve, &sweep.grid, lang),
            file: crate::output::export::safe_file_name(&format!("curve-{claim}"), "svg"),
        })
    }

    /// The curve's table alternative: the number at the lowest, the quartiles, the highest, and
    /// the paper's and this reading, each with its verdict and the reading in words.
    fn curve_table(
        &self,
        c: &Claim,
        curve: &Curve,
        grid: &sweep::Grid,
        lang: Lang,
    ) -> NumbersTable {
        let n = curve.readings;
        let paper = State::paper();
        let mut rows = Vec::new();
        for (label, q) in [
            (("lowest", "наименьшее"), 0.0),
            (
                ("a quarter of readings below", "четверть прочтений ниже"),
                0.25,
            ),
            (("median", "медиана"), 0.5),
            (
                ("a quarter of readings above", "четверть прочтений выше"),
                0.75,
            ),
            (("highest", "наибольшее"), 1.0),
        ] {
            let position = ((n - 1) as f64 * q).round() as usize;
            let (value, verdict, index) = curve.sorted[position];
            rows.push(vec![
                lang.pick(label.0, label.1).to_string(),
                claim_value(c, Some(value), lang),
                verdict_word(c, verdict, lang).to_string(),
                reading_difference(&grid.state(index), &paper)
                    .get(lang)
                    .to_string(),
            ]);
        }
        for (label, mark) in [
            (("the paper’s reading", "прочтение автора"), &curve.paper),
            (("this reading", "это прочтение"), &curve.current),
        ] {
            if let Some(m) = mark {
                rows.push(vec![
                    format!(
                        "{} ({} {} {} {})",
                        lang.pick(label.0, label.1),
                        lang.pick("position", "место"),
                        count_words(m.position.saturating_add(1), lang),
                        lang.pick("of", "из"),
                        count_words(n, lang)
                    ),
                    claim_value(c, Some(m.value), lang),
                    verdict_word(c, m.verdict, lang).to_string(),
                    String::new(),
                ]);
            }
        }
        NumbersTable {
            head: vec![
                lang.pick("where on the curve", "место на кривой").into(),
                lang.pick("number", "число").into(),
                lang.pick("verdict", "вердикт").into(),
                lang.pick(
                    "reading (differences from the paper’s)",
                    "прочтение (отличия от авторского)",
                )
                .into(),
            ],
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_parts_add_up_to_the_rounded_whole() {
        assert_eq!(part_widths(&[0.31, 0.12]), vec![30, 15]);
        assert_eq!(part_widths(&[0.02, 0.02, 0.02]), vec![0, 5, 0]);
        assert_eq!(part_widths(&[0.6, 0.6]), vec![60, 40]);
    }
}
