//! The robustness heat map: a claim's verdict over the two keys its changes rest on most
//! ([`robustness`]), laid out as a table: a caption naming the two keys ("across: …",
//! "down: …"), each column's value over it, each row's value left of it; every text measured
//! ([`super::measure`]) and wrapped to the room it has, so nothing is clipped in either language
//! at the chart's width.

use super::chart::{CHART_WIDTH, Chart, ChartError};
use super::measure::{widest, wrap};
use crate::analysis::sweep::Sweep;
use crate::reading::state::State;
use crate::text::Lang;
use crate::text::numtext::fixed;
use crate::text::quoted_ru;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const TEXT_COLOUR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const OUTLINE_COLOUR: RGBColor = RGBColor(0x9b, 0x2c, 0x2c);
const FONT: FontFamily = FontFamily::SansSerif;
/// Text sizes as plotters takes them (it writes `size / 1.24` as the SVG's font size): labels
/// 14.5 px, the shares in the cells 16.1 px at full width.
const LABEL_SIZE: f64 = 18.0;
const CELL_SIZE: f64 = 20.0;
const MARGIN: i32 = 4;
/// Between the rows' labels and the cells.
const GAP: i32 = 8;
/// A line of label text.
const LINE: i32 = 18;
/// The narrowest a column gets (its share, "100%", is 46 px wide).
const MIN_CELL: i32 = 60;
/// Room left either side of a column's value.
const CELL_PAD: i32 = 3;
/// The most of the width the rows' labels take unless a single word needs more.
const LABEL_SHARE: f64 = 0.45;
/// The least height of a row.
const MIN_ROW: i32 = 44;

/// The SVG font size of a plotters text size.
pub fn font_px(size: f64) -> f64 {
    size / 1.24
}

/// What the heat map shows: `map[row][column]` the share of readings where the claim holds (None:
/// no reading), `now` the (column, row) of the current reading.
pub struct HeatMap<'a> {
    pub x_title: &'a str,
    pub y_title: &'a str,
    pub x_words: &'a [String],
    pub y_words: &'a [String],
    pub map: &'a [Vec<Option<f64>>],
    pub now: Option<(usize, usize)>,
    pub lang: Lang,
}

/// Where everything goes: widths from the measured text, lines wrapped to them.
#[derive(Debug)]
pub struct Layout {
    pub width: i32,
    pub height: i32,
    /// The rows' labels over their cells (the whole width theirs), not left of them: when a word
    /// of theirs and the columns' words do not fit side by side.
    pub stacked: bool,
    /// The rows' labels end here (left of the cells, right-aligned), or start at the margin
    /// (stacked).
    pub label_right: i32,
    /// The cells: from `plot_left`, `cell_width` each; from `plot_top`, `row_height` each, of
    /// which the first `label_band` holds a stacked row's label.
    pub plot_left: i32,
    pub cell_width: i32,
    pub plot_top: i32,
    pub row_height: i32,
    pub label_band: i32,
    pub x_title: Vec<String>,
    pub y_title: Vec<String>,
    pub x_labels: Vec<Vec<String>>,
    pub y_labels: Vec<Vec<String>>,
}

impl Layout {
    /// The cell of column `i`, row `j`: its corners.
    pub fn cell(&self, i: usize, j: usize) -> [(i32, i32); 2] {
        let x = self.plot_left + self.cell_width * i as i32;
        let y = self.plot_top + self.row_height * j as i32 + self.label_band;
        [
            (x, y),
            (x + self.cell_width, y + self.row_height - self.label_band),
        ]
    }
}

/// The layout: the rows' labels left of the cells, with the room their longest needs, as far
/// as the columns keep their least (a column's longest word, at least [`MIN_CELL`]); a longer
/// label wraps at spaces, as do the caption's lines (`x_title`, `y_title`: "across: …", "down:
/// …") over the whole width. When a label's word and the columns cannot share the width, each
/// row's label goes over its cells.
pub fn layout(x_title: &str, y_title: &str, x_words: &[String], y_words: &[String]) -> Layout {
    let px = font_px(LABEL_SIZE);
    let columns = x_words.len().max(1) as i32;
    let cell_least = MIN_CELL.max(widest(x_words, px, true) + 2 * CELL_PAD);
    let label_least = widest(y_words, px, true);
    let stacked = 2 * MARGIN + label_least + GAP + cell_least * columns > CHART_WIDTH as i32;
    // Wider than the chart only if the columns' words need it.
    let width = (CHART_WIDTH as i32).max(2 * MARGIN + cell_least * columns);
    let inner = width - 2 * MARGIN;
    // The labels take what their longest needs, up to LABEL_SHARE of the width (more only for a
    // word), and leave the columns their least.
    let label_width = if stacked {
        inner
    } else {
        widest(y_words, px, false)
            .min((f64::from(inner) * LABEL_SHARE) as i32)
            .max(label_least)
            .min(inner - GAP - cell_least * columns)
    };
    let (label_right, plot_left) = if stacked {
        (width - MARGIN, MARGIN)
    } else {
        (MARGIN + label_width, MARGIN + label_width + GAP)
    };
    let cell_width = (width - MARGIN - plot_left) / columns;
    let room = |w: i32| f64::from(w);
    let y_labels: Vec<Vec<String>> = y_words
        .iter()
        .map(|w| wrap(w, px, room(label_width)))
        .collect();
    let x_labels: Vec<Vec<String>> = x_words
        .iter()
        .map(|w| wrap(w, px, room(cell_width - 2 * CELL_PAD)))
        .collect();
    let x_title = wrap(x_title, px, room(inner));
    let y_title = wrap(y_title, px, room(inner));
    let lines = |v: &[Vec<String>]| v.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let caption = (x_title.len() + y_title.len()) as i32 * LINE;
    let header = caption + 10 + lines(&x_labels) * LINE + 6;
    let (row_height, label_band) = if stacked {
        let band = lines(&y_labels) * LINE + 10;
        (band + MIN_ROW - 6, band)
    } else {
        ((lines(&y_labels) * LINE + 12).max(MIN_ROW), 0)
    };
    let plot_top = MARGIN + header;
    Layout {
        width,
        height: plot_top + row_height * y_words.len().max(1) as i32 + MARGIN,
        stacked,
        label_right,
        plot_left,
        cell_width,
        plot_top,
        row_height,
        label_band,
        x_title,
        y_title,
        x_labels,
        y_labels,
    }
}

/// Whether the rows' labels fit left of the cells with `x_words` across and `y_words` down.
pub fn fits(x_words: &[String], y_words: &[String]) -> bool {
    !layout("", "", x_words, y_words).stacked
}

fn drawing<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Drawing(e.to_string())
}

/// The heat map as SVG.
pub fn draw(h: &HeatMap) -> Result<String, ChartError> {
    let (across, down) = match h.lang {
        Lang::En => (
            format!("across: {}", h.x_title),
            format!("down: {}", h.y_title),
        ),
        Lang::Ru => (
            format!("по горизонтали: {}", h.x_title),
            format!("по вертикали: {}", h.y_title),
        ),
    };
    let l = layout(&across, &down, h.x_words, h.y_words);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (l.width as u32, l.height as u32))
            .into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let text = |s: &str, at: (i32, i32), h_pos: HPos, v_pos: VPos, italic: bool| {
            let font = (FONT, LABEL_SIZE).into_font();
            let font = if italic {
                font.style(FontStyle::Italic)
            } else {
                font
            };
            Text::new(
                s.to_string(),
                at,
                font.color(&TEXT_COLOUR).pos(Pos::new(h_pos, v_pos)),
            )
        };
        // The caption: what varies across, then what varies down.
        for (n, line) in l.x_title.iter().chain(&l.y_title).enumerate() {
            let y = MARGIN + n as i32 * LINE;
            root.draw(&text(line, (MARGIN, y), HPos::Left, VPos::Top, true))
                .map_err(drawing)?;
        }
        // Each column's value over it, their last lines on one line just over the cells.
        let bottom = l.plot_top - 6;
        for (i, lines) in l.x_labels.iter().enumerate() {
            let x = l.plot_left + l.cell_width * i as i32 + l.cell_width / 2;
            for (n, line) in lines.iter().enumerate() {
                let y = bottom - (lines.len() - n) as i32 * LINE;
                root.draw(&text(line, (x, y), HPos::Center, VPos::Top, false))
                    .map_err(drawing)?;
            }
        }
        // Each row's value: left of its cells, centred on them; or over them.
        for (j, lines) in l.y_labels.iter().enumerate() {
            let top = l.plot_top + l.row_height * j as i32;
            let (first, x, h_pos) = if l.stacked {
                // Just over its cells, however many lines the longest label takes.
                let first = top + l.label_band - lines.len() as i32 * LINE - 4;
                (first, MARGIN, HPos::Left)
            } else {
                let middle = top + l.row_height / 2;
                (
                    middle - lines.len() as i32 * LINE / 2,
                    l.label_right,
                    HPos::Right,
                )
            };
            for (n, line) in lines.iter().enumerate() {
                let y = first + n as i32 * LINE;
                root.draw(&text(line, (x, y), h_pos, VPos::Top, false))
                    .map_err(drawing)?;
            }
        }
        let cell = |i: usize, j: usize| l.cell(i, j);
        for (j, row) in h.map.iter().enumerate() {
            for (i, share) in row.iter().enumerate() {
                let colour = match share {
                    // From pale (fails everywhere) to the accent (holds everywhere).
                    Some(s) => {
                        let mix =
                            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * s) as u8;
                        RGBColor(mix(0xf3, 0x3f), mix(0xe9, 0x5f), mix(0xdc, 0x8a))
                    }
                    None => RGBColor(0xee, 0xee, 0xee),
                };
                let [(x0, y0), (x1, y1)] = cell(i, j);
                root.draw(&Rectangle::new(
                    [(x0 + 1, y0 + 1), (x1 - 1, y1 - 1)],
                    colour.filled(),
                ))
                .map_err(drawing)?;
                let words = share.map_or(h.lang.pick("n/a", "н/д").to_string(), |s| {
                    format!("{}%", fixed(s * 100.0, 0))
                });
                let ink = if share.unwrap_or(0.0) > 0.55 {
                    WHITE
                } else {
                    TEXT_COLOUR
                };
                root.draw(&Text::new(
                    words,
                    ((x0 + x1) / 2, (y0 + y1) / 2),
                    (FONT, CELL_SIZE)
                        .into_font()
                        .color(&ink)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                ))
                .map_err(drawing)?;
            }
        }
        if let Some((i, j)) = h.now {
            let [(x0, y0), (x1, y1)] = cell(i, j);
            root.draw(&Rectangle::new(
                [(x0 + 1, y0 + 1), (x1 - 1, y1 - 1)],
                OUTLINE_COLOUR.stroke_width(3),
            ))
            .map_err(drawing)?;
        }
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// A claim's verdict over the two keys its changes rest on most: each cell the share of readings
/// (the other keys varying) where it holds; the reading `now` is outlined.
pub fn robustness(
    sweep: &Sweep,
    claim: &str,
    now: &State,
    lang: Lang,
) -> Result<Chart, ChartError> {
    let index = sweep
        .claim_index(claim)
        .ok_or_else(|| drawing(format!("unknown claim \"{claim}\"")))?;
    let report = &sweep.report[index];
    let varying = sweep.grid.varying_keys();
    // The keys its changes rest on most (by the size of their part, either sign) first.
    let mut parts: Vec<(&str, f64)> = report
        .importance
        .iter()
        .flat_map(|i| i.keys.iter().map(|k| (k.key.as_str(), k.share.abs())))
        .filter(|(k, share)| varying.contains(k) && *share > 1e-12)
        .collect();
    crate::text::order::sort_by(&mut parts, |a, b| b.1.total_cmp(&a.1));
    let mut keys: Vec<&str> = parts.into_iter().map(|(k, _)| k).collect();
    for k in &varying {
        if !keys.contains(k) {
            keys.push(k);
        }
    }
    let (x_key, y_key) = match keys.as_slice() {
        [x, y, ..] => (*x, *y),
        _ => return Err(drawing("the grid varies fewer than two keys")),
    };
    let values = |key: &str| {
        sweep
            .grid
            .keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    // Keys and values in the reader's words, not as the URL writes them.
    let key_label = |name: &str| {
        crate::reading::keys::key(name)
            .map_or(name.to_string(), |k| k.label().get(lang).to_string())
    };
    let value_words = |name: &str, list: &[String]| -> Vec<String> {
        list.iter()
            .map(|v| {
                crate::reading::keys::key(name)
                    .and_then(|k| {
                        crate::reading::query::parse_value(k, v)
                            .ok()
                            .map(|x| k.words(x).get(lang).to_string())
                    })
                    .unwrap_or_else(|| v.clone())
            })
            .collect()
    };
    let (mut x_words, mut y_words) = (
        value_words(x_key, &values(x_key)),
        value_words(y_key, &values(y_key)),
    );
    // The key its changes rest on most goes across, unless only the other way round do the
    // values' words fit the chart's width.
    let (x_key, y_key) = if !fits(&x_words, &y_words) && fits(&y_words, &x_words) {
        std::mem::swap(&mut x_words, &mut y_words);
        (y_key, x_key)
    } else {
        (x_key, y_key)
    };
    let (xs, ys) = (values(x_key), values(y_key));
    let map = sweep
        .map(index, x_key, y_key)
        .ok_or_else(|| drawing("no such keys"))?;
    let (x_label, y_label) = (key_label(x_key), key_label(y_key));
    let quote = lang.pick(&report.spec.title_en, &report.spec.title_ru);
    let at = |key: &str, list: &[String]| {
        now.value_of(key)
            .and_then(|v| list.iter().position(|x| *x == v))
    };
    let (now_x, now_y) = (at(x_key, &xs), at(y_key, &ys));
    let svg = draw(&HeatMap {
        x_title: &x_label,
        y_title: &y_label,
        x_words: &x_words,
        y_words: &y_words,
        map: &map,
        now: now_x.zip(now_y),
        lang,
    })?;
    let description = match lang {
        Lang::En => format!(
            "\u{201c}{quote}\u{201d}: share of readings where it holds, by {x_label} (across) and {y_label} (down); other assumptions vary over the grid. The outlined cell is the current reading."
        ),
        Lang::Ru => format!(
            "{}: доля прочтений, в которых утверждение верно, по осям {} (по горизонтали) и {} (по вертикали); остальные допущения пробегают сетку. Обведена клетка текущего прочтения.",
            quoted_ru(quote),
            quoted_ru(&x_label),
            quoted_ru(&y_label)
        ),
    };
    Ok(Chart {
        kind: "robustness".into(),
        svg,
        description,
        file: super::export::safe_file_name(&format!("robustness-{claim}"), "svg"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::measure::text_width;
    use crate::reading::keys::KEYS;

    /// Every key's grid values in the reader's words, and its name.
    fn words(lang: Lang) -> Vec<(String, Vec<String>)> {
        KEYS.iter()
            .map(|k| {
                let values = k
                    .default_grid()
                    .into_iter()
                    .map(|v| k.words(v).get(lang).to_string())
                    .collect();
                (k.label().get(lang).to_string(), values)
            })
            .collect()
    }

    #[test]
    fn every_pair_of_keys_fits_in_both_languages() {
        let px = font_px(LABEL_SIZE);
        for lang in [Lang::En, Lang::Ru] {
            let keys = words(lang);
            for (x, (x_title, x_words)) in keys.iter().enumerate() {
                for (y, (y_title, y_words)) in keys.iter().enumerate() {
                    if x == y {
                        continue; // the map's two keys differ
                    }
                    let l = layout(x_title, y_title, x_words, y_words);
                    let label_room = if l.stacked {
                        l.width - 2 * MARGIN
                    } else {
                        l.label_right - MARGIN
                    };
                    let columns = x_words.len() as i32;
                    let fits = |lines: &[String], room: i32| {
                        lines.iter().all(|s| text_width(s, px) <= f64::from(room))
                    };
                    for (word, lines) in y_words.iter().zip(&l.y_labels) {
                        assert_eq!(&lines.join(" "), word);
                        assert!(fits(lines, label_room), "{lines:?} {l:?}");
                        let band = if l.stacked {
                            l.label_band
                        } else {
                            l.row_height
                        };
                        assert!(lines.len() as i32 * LINE <= band);
                    }
                    for (word, lines) in x_words.iter().zip(&l.x_labels) {
                        assert_eq!(&lines.join(" "), word);
                        assert!(fits(lines, l.cell_width - 2 * CELL_PAD), "{lines:?} {l:?}");
                    }
                    assert_eq!(&l.x_title.join(" "), x_title);
                    assert_eq!(&l.y_title.join(" "), y_title);
                    assert!(fits(&l.x_title, l.width - 2 * MARGIN), "{l:?}");
                    assert!(fits(&l.y_title, l.width - 2 * MARGIN), "{l:?}");
                    assert!(l.plot_left + l.cell_width * columns <= l.width - MARGIN);
                    assert!(l.cell_width >= MIN_CELL, "{l:?}");
                    // Wider than the chart's width would shrink its text on a phone.
                    assert_eq!(l.width, CHART_WIDTH as i32, "{l:?}");
                }
            }
        }
    }
}
