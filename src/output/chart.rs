//! Charts drawn by plotters to SVG. No caption and no right-hand axis: plotters would measure
//! their text through the DOM on wasm (slow, and an inline style the page's CSP forbids); titles
//! and legends are the page's HTML, and every chart has a table alternative there.

use crate::data::model::UNASSIGNED;
use crate::paper::tables::WinnerShare;
use crate::reading::aggregate::{Aggregate, Results};
use crate::text::Lang;
use crate::text::numtext::fixed;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;
use std::fmt;

/// The charts the page draws.
pub const CHART_KINDS: [&str; 3] = ["regions", "countries", "history"];

/// Neutral colours: neither side gets a party's colour.
pub const OPPOSITION_COLOUR: RGBColor = RGBColor(0xc2, 0x7c, 0x0e);
pub const PUTIN_COLOUR: RGBColor = RGBColor(0x3f, 0x5f, 0x8a);
const PUBLISHED_COLOUR: RGBColor = RGBColor(0x9b, 0x2c, 0x2c);
const GRID_COLOUR: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const TEXT_COLOUR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const FONT: FontFamily = FontFamily::SansSerif;

/// A drawn chart: the SVG and a one-line description for screen readers.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    pub kind: String,
    pub svg: String,
    pub description: String,
    /// The download's file name.
    pub file: String,
}

#[derive(Debug)]
pub enum ChartError {
    UnknownKind(String),
    Drawing(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::UnknownKind(k) => write!(
                f,
                "unknown chart \"{k}\"; allowed: {}",
                CHART_KINDS.join(" | ")
            ),
            ChartError::Drawing(e) => write!(f, "could not draw the chart: {e}"),
        }
    }
}

impl std::error::Error for ChartError {}

fn drawing<E: fmt::Display>(e: E) -> ChartError {
    ChartError::Drawing(e.to_string())
}

fn pick(lang: Lang, en: &str, ru: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ru => ru.to_string(),
    }
}

fn name(a: &Aggregate, lang: Lang) -> String {
    a.name.get(lang).to_string()
}

fn percent(share: Option<f64>) -> f64 {
    share.unwrap_or(0.0) * 100.0
}

/// The width charts are drawn at; the page shows them at most this wide, so the text keeps its
/// size on a desktop and stays at least 11 px on a 390 px phone.
pub const CHART_WIDTH: u32 = 480;
/// Text size in the charts, as plotters takes it (it writes 0.806 of this as the SVG font size:
/// 20 gives 16 px at full width, 12 px on a phone).
const TEXT_SIZE: u32 = 20;

/// Horizontal bars, one band per row: the row's name above its two bars, the opposition's share
/// (upper bar) and Putin's (lower), each with its value; a scale along the top and a 50% line.
fn share_bars(rows: &[(String, f64, f64)], lang: Lang) -> Result<String, ChartError> {
    let (left, right, top) = (8i32, 64i32, 40i32);
    let band = 60i32;
    let width = CHART_WIDTH as i32;
    let height = top + band * rows.len().max(1) as i32 + 8;
    let plot = width - left - right;
    let x_of =
        |share: f64| left + (share.clamp(0.0, 100.0) / 100.0 * f64::from(plot)).round() as i32;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (CHART_WIDTH, height as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let style = |colour: &RGBColor| (FONT, TEXT_SIZE).into_font().color(colour);
        // The scale: ticks every 25%, labelled above the plot; light lines down through it.
        for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
            let x = x_of(tick);
            let line = if tick == 50.0 {
                TEXT_COLOUR
            } else {
                GRID_COLOUR
            };
            root.draw(&PathElement::new(
                vec![(x, top - 6), (x, height - 8)],
                line.stroke_width(1),
            ))
            .map_err(drawing)?;
            let label = format!("{}%", fixed(tick, 0));
            let anchor = if tick == 0.0 {
                HPos::Left
            } else if tick == 100.0 {
                HPos::Right
            } else {
                HPos::Center
            };
            root.draw(&Text::new(
                label,
                (x, top - 10),
                style(&TEXT_COLOUR).pos(Pos::new(anchor, VPos::Bottom)),
            ))
            .map_err(drawing)?;
        }
        for (i, (name, opposition, putin)) in rows.iter().enumerate() {
            let y = top + band * i as i32;
            root.draw(&Text::new(
                name.clone(),
                (left, y + 4),
                style(&TEXT_COLOUR).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(drawing)?;
            for (value, colour, offset) in [
                (*opposition, OPPOSITION_COLOUR, 25),
                (*putin, PUTIN_COLOUR, 42),
            ] {
                let (y0, y1) = (y + offset, y + offset + 14);
                root.draw(&Rectangle::new(
                    [(left, y0), (x_of(value).max(left + 1), y1)],
                    colour.filled(),
                ))
                .map_err(drawing)?;
                root.draw(&Text::new(
                    crate::text::numtext::percent_text(value, 1, lang),
                    (x_of(value) + 4, y0 - 2),
                    (FONT, TEXT_SIZE)
                        .into_font()
                        .color(&TEXT_COLOUR)
                        .pos(Pos::new(HPos::Left, VPos::Top)),
                ))
                .map_err(drawing)?;
            }
        }
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// How many countries the ranked chart shows; the table beside it lists them all.
pub const COUNTRIES_SHOWN: usize = 30;

fn regions_chart(results: &Results, lang: Lang) -> Result<Chart, ChartError> {
    let rows: Vec<(String, f64, f64)> = results
        .regions
        .iter()
        .map(|r| {
            (
                name(r, lang),
                percent(r.opposition_share),
                percent(r.putin_share),
            )
        })
        .collect();
    let svg = share_bars(&rows, lang)?;
    let won: Vec<String> = results
        .regions
        .iter()
        .filter(|r| r.opposition_wins)
        .map(|r| name(r, lang))
        .collect();
    let description = match lang {
        Lang::En => format!(
            "Opposition and Putin shares in {} regions; the opposition wins in {}.",
            rows.len(),
            if won.is_empty() {
                "none".to_string()
            } else {
                won.join(", ")
            }
        ),
        Lang::Ru => format!(
            "Доли оппозиции и Путина в {} регионах; оппозиция побеждает: {}.",
            rows.len(),
            if won.is_empty() {
                "нигде".to_string()
            } else {
                won.join(", ")
            }
        ),
    };
    Ok(Chart {
        kind: "regions".into(),
        svg,
        description,
        file: super::export::safe_file_name("chart-regions", "svg"),
    })
}

fn countries_chart(results: &Results, lang: Lang) -> Result<Chart, ChartError> {
    let mut countries: Vec<&Aggregate> = results
        .countries
        .iter()
        .filter(|c| c.id != UNASSIGNED.id)
        .collect();
    crate::text::order::sort_by(&mut countries, |a, b| {
        percent(b.opposition_share)
            .total_cmp(&percent(a.opposition_share))
            .then_with(|| a.name.en.cmp(&b.name.en))
    });
    let rows: Vec<(String, f64, f64)> = countries
        .iter()
        .map(|c| {
            (
                name(c, lang),
                percent(c.opposition_share),
                percent(c.putin_share),
            )
        })
        .collect();
    let shown = &rows[..rows.len().min(COUNTRIES_SHOWN)];
    let svg = share_bars(shown, lang)?;
    let won = countries
        .iter()
        .filter(|c| c.opposition_wins && c.counted_in_wins)
        .count() as u64;
    let all = rows.len() as u64;
    let description = match lang {
        Lang::En => format!(
            "The {} of {} with the largest opposition share (every country is in the table below); the opposition wins in {}.",
            shown.len(),
            crate::text::plural::COUNTRY.count(all, lang),
            crate::text::plural::COUNTRY.count(won, lang),
        ),
        Lang::Ru => format!(
            "{} из {} {} с наибольшей долей оппозиции (все страны — в таблице ниже); всего оппозиция побеждает в {} {}.",
            shown.len(),
            crate::text::numtext::count_text(all as i64, lang),
            // Genitive after «из»: из 1 страны, из 2 стран, из 138 стран.
            crate::text::plural::ru_form(all, "страны", "стран", "стран"),
            crate::text::numtext::count_text(won as i64, lang),
            // Prepositional after «в»: в 1 стране, в 34 странах (of all, not of those shown).
            crate::text::plural::ru_form(won, "стране", "странах", "странах"),
        ),
    };
    Ok(Chart {
        kind: "countries".into(),
        svg,
        description,
        file: super::export::safe_file_name("chart-countries", "svg"),
    })
}

/// Table 1 as a chart: the winner's share per year, recomputed (line) and published (rings).
fn history_chart(shares: &[WinnerShare], lang: Lang) -> Result<Chart, ChartError> {
    let points: Vec<(i32, Option<f64>, Option<f64>)> = shares
        .iter()
        .filter_map(|s| {
            let year: i32 = s.year.parse().ok()?;
            Some((year, s.value, s.published.as_ref().map(|p| p.value)))
        })
        .collect();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (CHART_WIDTH, 280)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let years: Vec<i32> = points.iter().map(|p| p.0).collect();
        let first = *years.first().unwrap_or(&2004);
        let last = *years.last().unwrap_or(&2024);
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(34)
            .y_label_area_size(64)
            .build_cartesian_2d(first - 2..last + 2, 50f64..100f64)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(1)
            .bold_line_style(GRID_COLOUR)
            .x_labels(((last - first) / 2 + 3) as usize)
            .x_label_formatter(&|y| {
                if years.contains(y) {
                    y.to_string()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format!("{}%", fixed(*y, 0)))
            .label_style((FONT, TEXT_SIZE, &TEXT_COLOUR))
            .y_desc(pick(lang, "winner’s share", "доля победителя"))
            .draw()
            .map_err(drawing)?;
        let recomputed: Vec<(i32, f64)> = points.iter().filter_map(|p| Some((p.0, p.1?))).collect();
        chart
            .draw_series(LineSeries::new(
                recomputed.clone(),
                PUTIN_COLOUR.stroke_width(2),
            ))
            .map_err(drawing)?;
        chart
            .draw_series(
                recomputed
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 4, PUTIN_COLOUR.filled())),
            )
            .map_err(drawing)?;
        chart
            .draw_series(points.iter().filter_map(|p| {
                Some(Circle::new(
                    (p.0, p.2?),
                    7,
                    PUBLISHED_COLOUR.stroke_width(2),
                ))
            }))
            .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    let description = match lang {
        Lang::En => "The winner’s share abroad per election: recomputed (filled dots, line) and as published in Table 1 (rings).".to_string(),
        Lang::Ru => "Доля победителя за рубежом по годам: пересчитанная (точки, линия) и опубликованная в Таблице 1 (кольца).".to_string(),
    };
    Ok(Chart {
        kind: "history".into(),
        svg,
        description,
        file: super::export::safe_file_name("chart-history", "svg"),
    })
}

/// Draw one chart for a state's results (and Table 1's winner's shares, for the history chart).
pub fn draw(
    kind: &str,
    results: &Results,
    shares: Option<&[WinnerShare]>,
    lang: Lang,
) -> Result<Chart, ChartError> {
    match kind {
        "regions" => regions_chart(results, lang),
        "countries" => countries_chart(results, lang),
        "history" => history_chart(
            shares.ok_or_else(|| drawing("the history chart needs Table 1’s shares"))?,
            lang,
        ),
        other => Err(ChartError::UnknownKind(other.to_string())),
    }
}
