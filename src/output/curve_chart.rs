//! The specification curve drawn by plotters: above, a claim's number under every reading of the
//! grid, sorted, coloured by verdict (a column by the best verdict among its readings), with the printed figure as a line and the paper's and the
//! current reading marked; beneath, the panel of choices, one row per weight (darker: larger
//! weights in that column) and per value of a choice (darker: more of the column's readings make
//! it). Columns of equal numbers of readings; runs of equal shade are merged to keep the SVG
//! small.

use super::chart::{ChartError, PUTIN_COLOUR};
use crate::analysis::curve::Curve;
use crate::text::numtext::fixed;
use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;

const HOLDS_COLOUR: RGBColor = PUTIN_COLOUR;
const OFF_COLOUR: RGBColor = RGBColor(0xc2, 0x7c, 0x0e);
const FAILS_COLOUR: RGBColor = RGBColor(0xa8, 0xa8, 0xa8);
const TARGET_COLOUR: RGBColor = RGBColor(0x9b, 0x2c, 0x2c);
const PAPER_COLOUR: RGBColor = RGBColor(0x1d, 0x1f, 0x24);
const CURRENT_COLOUR: RGBColor = RGBColor(0x1a, 0x73, 0xe8);
const TEXT_COLOUR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID_COLOUR: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const FONT: FontFamily = FontFamily::SansSerif;

/// What the chart writes: the y axis, the x axis, and one label per panel row.
pub struct CurveLabels {
    pub y_axis: String,
    pub x_axis: String,
    pub rows: Vec<String>,
    /// Numbers on the y axis as shares (percent) or counts.
    pub percent: bool,
    /// Numbers on the y axis as multiples ("4.33×": one place against another).
    pub multiple: bool,
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
    let rows = curve.panel.len().max(1);
    let (width, top_height, row_height) = (900u32, 280u32, 14u32);
    let height = top_height + 24 + row_height * rows as u32 + 10;
    let label_area = 290u32;
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
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let (upper, lower) = root.split_vertically(top_height);
        let mut chart = ChartBuilder::on(&upper)
            .margin(8)
            .x_label_area_size(30)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..n, lo..hi)
            .map_err(drawing)?;
        let (percent, multiple) = (labels.percent, labels.multiple);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(1)
            .bold_line_style(GRID_COLOUR)
            .x_labels(5)
            .y_labels(6)
            .x_label_formatter(&|x| fixed(*x, 0))
            .y_label_formatter(&|y| {
                if percent {
                    format!("{}%", fixed(*y, 1))
                } else if multiple {
                    format!("{}×", fixed(*y, 2))
                } else {
                    fixed(*y, 0)
                }
            })
            .label_style((FONT, 12, &TEXT_COLOUR))
            .y_desc(labels.y_axis.as_str())
            .x_desc(labels.x_axis.as_str())
            .draw()
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
        // The panel of choices, its x axis the same as the curve's.
        let mut panel = ChartBuilder::on(&lower)
            .margin_left(8)
            .margin_right(8)
            .margin_top(4)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..n, (0..rows as i32 - 1).into_segmented())
            .map_err(drawing)?;
        let row_at = |i: usize| (rows - 1 - i) as i32;
        let label_of = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(y) => usize::try_from(rows as i32 - 1 - *y)
                .ok()
                .and_then(|i| labels.rows.get(i))
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        };
        panel
            .configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_labels(rows)
            .y_label_formatter(&label_of)
            .label_style((FONT, 10, &TEXT_COLOUR))
            .draw()
            .map_err(drawing)?;
        for (i, row) in curve.panel.iter().enumerate() {
            let y = row_at(i);
            let mut start = 0usize;
            while start < row.shade.len() {
                let level = (row.shade[start] * 10.0).round() as u8;
                let mut end = start + 1;
                while end < row.shade.len() && (row.shade[end] * 10.0).round() as u8 == level {
                    end += 1;
                }
                if level > 0 {
                    let (x0, x1) = (
                        curve.columns[start].first as f64,
                        curve.columns[end - 1].end as f64,
                    );
                    let mut rect = Rectangle::new(
                        [
                            (x0, SegmentValue::Exact(y)),
                            (x1, SegmentValue::Exact(y + 1)),
                        ],
                        shade_colour(level).filled(),
                    );
                    rect.set_margin(1, 1, 0, 0);
                    panel.draw_series(std::iter::once(rect)).map_err(drawing)?;
                }
                start = end;
            }
        }
        for (mark, colour) in marks {
            let Some(m) = mark else { continue };
            let x = m.position as f64 + 0.5;
            panel
                .draw_series(std::iter::once(PathElement::new(
                    vec![
                        (x, SegmentValue::Exact(0)),
                        (x, SegmentValue::Exact(rows as i32)),
                    ],
                    colour.stroke_width(1),
                )))
                .map_err(drawing)?;
        }
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}
