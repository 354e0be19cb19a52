//! The specification curve drawn by plotters: above, a claim's number under every reading of the
//! grid, sorted, coloured by verdict (a column by the best verdict among its readings), with the printed figure as a line and the paper's and the
//! current reading marked; beneath, the panel of choices, one row per weight (darker: larger
//! weights in that column) and per value of a choice (darker: more of the column's readings make
//! it). Columns of equal numbers of readings; runs of equal shade are merged to keep the SVG
//! small. The rows' labels are measured ([`super::measure`]) and wrapped to the room left of
//! the curve, so none is clipped in either language; the axes write numbers as the page does.

use super::chart::{ChartError, PUTIN_COLOUR};
use super::heat_map::font_px;
use super::measure::{text_width, widest, wrap};
use crate::analysis::curve::Curve;
use crate::reading::keys::KeyDef;
use crate::reading::query::parse_value;
use crate::text::Lang;
use crate::text::numtext::{decimal_text, percent_text};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const HOLDS_COLOUR: RGBColor = PUTIN_COLOUR;
const OFF_COLOUR: RGBColor = RGBColor(0xc2, 0x7c, 0x0e);
const FAILS_COLOUR: RGBColor = RGBColor(0xa8, 0xa8, 0xa8);
const TARGET_COLOUR: RGBColor = RGBColor(0x9b, 0x2c, 0x2c);
const PAPER_COLOUR: RGBColor = RGBColor(0x1d, 0x1f, 0x24);
const CURRENT_COLOUR: RGBColor = RGBColor(0x1a, 0x73, 0xe8);
const TEXT_COLOUR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID_COLOUR: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const FONT: FontFamily = FontFamily::SansSerif;
/// The chart's width.
pub const WIDTH: i32 = 900;
const MARGIN: i32 = 8;
/// Between a row's label and the curve's left edge.
const GAP: i32 = 8;
/// The rows' labels as plotters takes the size (the SVG's font size is `size / 1.24`: 10.5 px).
const ROW_SIZE: f64 = 13.0;
/// A line of a row's label, and the least height of a row.
const ROW_LINE: i32 = 13;
const MIN_ROW: i32 = 14;
/// The most of the width the rows' labels take unless a single word needs more.
const LABEL_SHARE: f64 = 0.4;
/// The least room left of the curve (its numbers and the y axis's title).
const LEAST_LABEL_AREA: i32 = 150;
const TOP_HEIGHT: i32 = 280;

/// What the chart writes: the y axis, the x axis, and one label per panel row.
pub struct CurveLabels {
    pub y_axis: String,
    pub x_axis: String,
    pub rows: Vec<String>,
    /// Numbers on the y axis as shares (percent) or counts.
    pub percent: bool,
    /// Numbers on the y axis as multiples ("4.33×": one place against another).
    pub multiple: bool,
    /// The numbers' language (groups and decimal mark as the page writes them).
    pub lang: Lang,
}

/// A panel row's label: "Votes for Davankov (weight)", "Denominator of shares: valid ballots".
pub fn row_label(k: &KeyDef, value: Option<&str>, lang: Lang) -> String {
    match value {
        None => format!("{} ({})", k.label().get(lang), lang.pick("weight", "вес")),
        Some(v) => parse_value(k, v).map_or(v.to_string(), |x| {
            format!("{}: {}", k.label().get(lang), k.words(x).get(lang))
        }),
    }
}

/// Where the panel's rows go: the room left of the curve from the measured labels, each label
/// wrapped to it.
#[derive(Debug)]
pub struct CurveLayout {
    /// The room left of the curve (plotters' label area), from the left margin.
    pub label_area: i32,
    /// The rows' labels end here, right-aligned.
    pub label_right: i32,
    /// Each row's label in lines.
    pub rows: Vec<Vec<String>>,
    /// Each row's top and height, from the panel's top.
    pub row_top: Vec<i32>,
    pub row_height: Vec<i32>,
    pub panel_height: i32,
    pub height: i32,
}

/// The layout for these rows' labels: as wide as the longest needs, up to [`LABEL_SHARE`] of the
/// width (more only for a word); longer labels wrap at spaces, their rows taller.
pub fn layout(rows: &[String]) -> CurveLayout {
    let px = font_px(ROW_SIZE);
    let widest = |words: bool| widest(rows, px, words);
    let label_width = widest(false)
        .min((f64::from(WIDTH) * LABEL_SHARE) as i32)
        .max(widest(true));
    let label_area = (label_width + GAP).max(LEAST_LABEL_AREA);
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| wrap(r, px, f64::from(label_width)))
        .collect();
    let row_height: Vec<i32> = lines
        .iter()
        .map(|l| (l.len() as i32 * ROW_LINE + 2).max(MIN_ROW))
        .collect();
    let row_top: Vec<i32> = row_height
        .iter()
        .scan(0, |top, h| {
            let this = *top;
            *top += h;
            Some(this)
        })
        .collect();
    let panel_height = row_height.iter().sum::<i32>().max(MIN_ROW);
    CurveLayout {
        label_area,
        label_right: MARGIN + label_area - GAP,
        rows: lines,
        row_top,
        row_height,
        panel_height,
        height: TOP_HEIGHT + 4 + panel_height + 10,
    }
}

fn drawing<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Drawing(e.to_string())
}

/// The colour of a column: the best verdict any of its readings has (a few readings that hold
/// among thousands must still show).
fn column_colour(holds: u32, off: u32) -> RGBColor {
    if holds > 0 {
        HOLDS_COLOUR
    } else if off > 0 {
        OFF_COLOUR
    } else {
        FAILS_COLOUR
    }
}

/// A shade from white (0) to the ink (1), in ten steps.
fn shade_colour(level: u8) -> RGBColor {
    let mix = |a: u8, b: u8| {
        let t = f64::from(level) / 10.0;
        (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8
    };
    RGBColor(mix(0xff, 0x2b), mix(0xff, 0x3a), mix(0xff, 0x52))
}

/// The specification curve as SVG.
pub fn curve_svg(curve: &Curve, labels: &CurveLabels) -> Result<String, ChartError> {
    let n = curve.readings as f64;
    let l = layout(&labels.rows);
    let mut lo = curve
        .columns
        .iter()
        .map(|c| c.min)
        .fold(f64::INFINITY, f64::min);
    let mut hi = curve
        .columns
        .iter()
        .map(|c| c.max)
        .fold(f64::NEG_INFINITY, f64::max);
    for extra in [curve.target, curve.current.as_ref().map(|m| m.value)]
        .into_iter()
        .flatten()
    {
        lo = lo.min(extra);
        hi = hi.max(extra);
    }
    let pad = ((hi - lo) * 0.08).max(if labels.percent { 0.5 } else { 1.0 });
    let (lo, hi) = (lo - pad, hi + pad);
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, l.height as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let (upper, _) = root.split_vertically(TOP_HEIGHT);
        let mut chart = ChartBuilder::on(&upper)
            .margin(MARGIN as u32)
            .x_label_area_size(30)
            .y_label_area_size(l.label_area as u32)
            .build_cartesian_2d(0f64..n, lo..hi)
            .map_err(drawing)?;
        let (percent, multiple, lang) = (labels.percent, labels.multiple, labels.lang);
        // Decimals enough to tell the numbers of a narrow range apart.
        let decimals = match hi - lo {
            span if span < 1.0 => 2,
            span if span < 10.0 => 1,
            _ => 0,
        };
        let y_number = |y: &f64| {
            if percent {
                percent_text(*y, 1, lang)
            } else if multiple {
                format!("{}×", decimal_text(*y, 2, lang))
            } else {
                decimal_text(*y, decimals, lang)
            }
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(1)
            .bold_line_style(GRID_COLOUR)
            .x_labels(5)
            .y_labels(6)
            .x_label_formatter(&|x| decimal_text(*x, 0, lang))
            .y_label_formatter(&y_number)
            .label_style((FONT, 12, &TEXT_COLOUR))
            .x_desc(labels.x_axis.as_str())
            .draw()
            .map_err(drawing)?;
        // The y axis's title beside its numbers (plotters would put it at the far left of the
        // room the rows' labels take).
        let widest_number = [lo, hi, (lo + hi) / 2.0]
            .iter()
            .map(|y| text_width(&y_number(y), font_px(12.0)))
            .fold(0.0, f64::max)
            .ceil() as i32;
        let (x_range, y_range) = chart.plotting_area().get_pixel_range();
        let title_x = (x_range.start - 10 - widest_number - 8 - font_px(12.0).ceil() as i32).max(0);
        root.draw(&Text::new(
            labels.y_axis.clone(),
            (title_x, (y_range.start + y_range.end) / 2),
            (FONT, 12)
                .into_font()
                .transform(FontTransform::Rotate270)
                .color(&TEXT_COLOUR)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(drawing)?;
        // Each column: a bar from its lowest to its highest number (at least a hairline).
        let min_height = (hi - lo) / 120.0;
        chart
            .draw_series(curve.columns.iter().map(|c| {
                let (bottom, top) = if c.max - c.min < min_height {
                    let mid = (c.max + c.min) / 2.0;
                    (mid - min_height / 2.0, mid + min_height / 2.0)
                } else {
                    (c.min, c.max)
                };
                Rectangle::new(
                    [(c.first as f64, bottom), (c.end as f64, top)],
                    column_colour(c.holds, c.off_last_digit).filled(),
                )
            }))
            .map_err(drawing)?;
        if let Some(t) = curve.target {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(0.0, t), (n, t)],
                    TARGET_COLOUR.stroke_width(2),
                )))
                .map_err(drawing)?;
        }
        let marks = [
            (curve.paper.as_ref(), PAPER_COLOUR),
            (curve.current.as_ref(), CURRENT_COLOUR),
        ];
        for (mark, colour) in marks {
            let Some(m) = mark else { continue };
            let x = m.position as f64 + 0.5;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, lo), (x, hi)],
                    colour.stroke_width(1),
                )))
                .map_err(drawing)?;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (x, m.value),
                    6,
                    colour.stroke_width(3),
                )))
                .map_err(drawing)?;
        }
        // The panel of choices, drawn in pixels under the curve, its x axis the curve's.
        let x_px = |x: f64| {
            x_range.start
                + ((x / n.max(1.0)) * f64::from(x_range.end - x_range.start)).round() as i32
        };
        let panel_top = TOP_HEIGHT + 4;
        let font = (FONT, ROW_SIZE).into_font();
        for (i, lines) in l.rows.iter().enumerate() {
            let (top, h) = (panel_top + l.row_top[i], l.row_height[i]);
            let first = top + (h - lines.len() as i32 * ROW_LINE) / 2;
            for (j, line) in lines.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (l.label_right, first + j as i32 * ROW_LINE),
                    font.color(&TEXT_COLOUR)
                        .pos(Pos::new(HPos::Right, VPos::Top)),
                ))
                .map_err(drawing)?;
            }
            if i > 0 {
                root.draw(&PathElement::new(
                    vec![(x_range.start, top), (x_range.end, top)],
                    GRID_COLOUR.stroke_width(1),
                ))
                .map_err(drawing)?;
            }
        }
        for (i, row) in curve.panel.iter().enumerate().take(l.rows.len()) {
            let (top, h) = (panel_top + l.row_top[i], l.row_height[i]);
            let mut start = 0usize;
            while start < row.shade.len() {
                let level = (row.shade[start] * 10.0).round() as u8;
                let mut end = start + 1;
                while end < row.shade.len() && (row.shade[end] * 10.0).round() as u8 == level {
                    end += 1;
                }
                if level > 0 {
                    let (x0, x1) = (
                        x_px(curve.columns[start].first as f64),
                        x_px(curve.columns[end - 1].end as f64),
                    );
                    root.draw(&Rectangle::new(
                        [(x0, top + 1), (x1, top + h - 1)],
                        shade_colour(level).filled(),
                    ))
                    .map_err(drawing)?;
                }
                start = end;
            }
        }
        for (mark, colour) in marks {
            let Some(m) = mark else { continue };
            let x = x_px(m.position as f64 + 0.5);
            root.draw(&PathElement::new(
                vec![(x, panel_top), (x, panel_top + l.panel_height)],
                colour.stroke_width(1),
            ))
            .map_err(drawing)?;
        }
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::curve::{Column, PanelRow};
    use crate::reading::keys::{KEYS, KeyKind};
    use crate::reading::state::MAX_MIN_ISSUED;

    /// Every row the panel can have: each weight, each choice's every value, the smallest-PEC
    /// key at its least and its most.
    fn every_row() -> Vec<PanelRow> {
        KEYS.iter()
            .enumerate()
            .flat_map(|(key, k)| {
                let values: Vec<Option<String>> = match k.kind {
                    KeyKind::Weight => vec![None],
                    KeyKind::Choice(c) => c.iter().map(|c| Some(c.id.to_string())).collect(),
                    KeyKind::Integer { .. } => {
                        vec![Some("0".into()), Some(MAX_MIN_ISSUED.to_string())]
                    }
                };
                values.into_iter().map(move |value| PanelRow {
                    key,
                    value,
                    shade: vec![0.5, 1.0],
                })
            })
            .collect()
    }

    fn curve(panel: Vec<PanelRow>) -> Curve {
        let column = |first: usize, end: usize, min: f64, max: f64| Column {
            first,
            end,
            min,
            max,
            holds: 1,
            off_last_digit: 0,
            fails: 0,
        };
        Curve {
            claim: 0,
            readings: 450_000,
            sorted: Vec::new(),
            columns: vec![
                column(0, 225_000, 10_000.0, 120_000.0),
                column(225_000, 450_000, 120_000.0, 380_961.0),
            ],
            panel,
            target: Some(380_961.0),
            paper: None,
            current: None,
        }
    }

    /// Whether the SVG writes `text` as a whole text element (plotters puts it on a line of
    /// its own).
    fn drawn(svg: &str, text: &str) -> bool {
        svg.contains(&format!(">\n{text}\n</text>"))
    }

    fn escaped(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;")
    }

    #[test]
    fn every_label_fits_in_both_languages() {
        let px = font_px(ROW_SIZE);
        for lang in [Lang::En, Lang::Ru] {
            let panel = every_row();
            let rows: Vec<String> = panel
                .iter()
                .map(|r| row_label(&KEYS[r.key], r.value.as_deref(), lang))
                .collect();
            let l = layout(&rows);
            assert!(l.label_area + 2 * MARGIN < WIDTH / 2, "{l:?}");
            for (row, lines) in rows.iter().zip(&l.rows) {
                // Every word kept, each line measured inside the chart's left margin.
                assert_eq!(&lines.join(" "), row);
                for line in lines {
                    let left = f64::from(l.label_right) - text_width(line, px);
                    assert!(
                        left >= f64::from(MARGIN),
                        "{lang:?}: {line:?} starts at {left}"
                    );
                }
            }
            let svg = curve_svg(
                &curve(panel),
                &CurveLabels {
                    y_axis: "y".into(),
                    x_axis: "x".into(),
                    rows: rows.clone(),
                    percent: false,
                    multiple: false,
                    lang,
                },
            )
            .unwrap();
            // Drawn as laid out: every line, right-aligned at the labels' edge.
            for line in l.rows.iter().flatten() {
                assert!(drawn(&svg, &escaped(line)), "{line:?} not drawn");
            }
            assert!(svg.contains(&format!("x=\"{}\"", l.label_right)));
        }
    }

    #[test]
    fn the_axes_write_numbers_as_the_page_does() {
        let labels = |lang| CurveLabels {
            y_axis: "y".into(),
            x_axis: "x".into(),
            rows: vec!["a".into()],
            percent: false,
            multiple: false,
            lang,
        };
        let panel = vec![PanelRow {
            key: 0,
            value: None,
            shade: vec![0.0, 1.0],
        }];
        let ru = curve_svg(&curve(panel.clone()), &labels(Lang::Ru)).unwrap();
        let en = curve_svg(&curve(panel), &labels(Lang::En)).unwrap();
        // The x axis (readings, up to 450 000) and the y axis (counts) grouped by thousands.
        for (svg, lang) in [(&ru, Lang::Ru), (&en, Lang::En)] {
            let written = count_text_of(100_000, lang);
            assert!(drawn(svg, &written), "{lang:?}: no {written:?}");
            assert!(!drawn(svg, "100000") && !drawn(svg, "200000"));
        }
        assert!(drawn(&ru, "100\u{a0}000") && drawn(&en, "100,000"));
        assert!(drawn(&ru, "400\u{a0}000") && drawn(&en, "400,000"));
    }

    fn count_text_of(n: i64, lang: Lang) -> String {
        crate::text::numtext::count_text(n, lang)
    }
}
