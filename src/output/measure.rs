//! How wide a line of chart text is, without the DOM and without a font file: the charts are SVG
//! drawn by plotters, whose own estimate is a guess on native builds and a DOM measure on wasm
//! (not available in the sweep's worker). Each character's advance is the larger of DejaVu Sans's
//! (Debian's `sans-serif`) and Liberation Sans's (Arial's metrics): no common sans-serif font sets
//! these characters wider, so a layout sized by it fits wherever the SVG is shown.

/// Advance widths in thousandths of an em, sorted by character: ASCII, Cyrillic, the
/// punctuation the charts use.
const ADVANCES: [(char, u16); 175] = [
    (' ', 318),
    ('!', 401),
    ('"', 460),
    ('#', 838),
    ('$', 637),
    ('%', 951),
    ('&', 780),
    ('\u{27}', 275),
    ('(', 391),
    (')', 391),
    ('*', 500),
    ('+', 838),
    (',', 318),
    ('-', 361),
    ('.', 318),
    ('/', 337),
    ('0', 637),
    ('1', 637),
    ('2', 637),
    ('3', 637),
    ('4', 637),
    ('5', 637),
    ('6', 637),
    ('7', 637),
    ('8', 637),
    ('9', 637),
    (':', 337),
    (';', 337),
    ('<', 838),
    ('=', 838),
    ('>', 838),
    ('?', 557),
    ('@', 1016),
    ('A', 685),
    ('B', 687),
    ('C', 723),
    ('D', 771),
    ('E', 667),
    ('F', 611),
    ('G', 778),
    ('H', 752),
    ('I', 295),
    ('J', 500),
    ('K', 667),
    ('L', 558),
    ('M', 863),
    ('N', 749),
    ('O', 788),
    ('P', 667),
    ('Q', 788),
    ('R', 723),
    ('S', 667),
    ('T', 611),
    ('U', 732),
    ('V', 685),
    ('W', 989),
    ('X', 686),
    ('Y', 667),
    ('Z', 686),
    ('[', 391),
    ('\u{5c}', 337),
    (']', 391),
    ('^', 838),
    ('_', 557),
    ('`', 500),
    ('a', 613),
    ('b', 635),
    ('c', 550),
    ('d', 635),
    ('e', 616),
    ('f', 353),
    ('g', 635),
    ('h', 634),
    ('i', 278),
    ('j', 278),
    ('k', 580),
    ('l', 278),
    ('m', 975),
    ('n', 634),
    ('o', 612),
    ('p', 635),
    ('q', 635),
    ('r', 412),
    ('s', 521),
    ('t', 393),
    ('u', 634),
    ('v', 592),
    ('w', 818),
    ('x', 592),
    ('y', 592),
    ('z', 525),
    ('{', 637),
    ('|', 337),
    ('}', 637),
    ('~', 838),
    ('\u{a0}', 318),
    ('\u{ab}', 612),
    ('\u{bb}', 612),
    ('\u{d7}', 838),
    ('\u{401}', 668),
    ('\u{410}', 685),
    ('\u{411}', 687),
    ('\u{412}', 687),
    ('\u{413}', 610),
    ('\u{414}', 782),
    ('\u{415}', 667),
    ('\u{416}', 1078),
    ('\u{417}', 642),
    ('\u{418}', 749),
    ('\u{419}', 749),
    ('\u{41a}', 710),
    ('\u{41b}', 752),
    ('\u{41c}', 863),
    ('\u{41d}', 752),
    ('\u{41e}', 788),
    ('\u{41f}', 752),
    ('\u{420}', 667),
    ('\u{421}', 723),
    ('\u{422}', 611),
    ('\u{423}', 636),
    ('\u{424}', 861),
    ('\u{425}', 686),
    ('\u{426}', 777),
    ('\u{427}', 686),
    ('\u{428}', 1070),
    ('\u{429}', 1094),
    ('\u{42a}', 833),
    ('\u{42b}', 886),
    ('\u{42c}', 687),
    ('\u{42d}', 719),
    ('\u{42e}', 1080),
    ('\u{42f}', 723),
    ('\u{430}', 613),
    ('\u{431}', 617),
    ('\u{432}', 590),
    ('\u{433}', 526),
    ('\u{434}', 692),
    ('\u{435}', 616),
    ('\u{436}', 901),
    ('\u{437}', 532),
    ('\u{438}', 650),
    ('\u{439}', 650),
    ('\u{43a}', 605),
    ('\u{43b}', 640),
    ('\u{43c}', 755),
    ('\u{43d}', 654),
    ('\u{43e}', 612),
    ('\u{43f}', 654),
    ('\u{440}', 635),
    ('\u{441}', 550),
    ('\u{442}', 583),
    ('\u{443}', 592),
    ('\u{444}', 855),
    ('\u{445}', 592),
    ('\u{446}', 681),
    ('\u{447}', 591),
    ('\u{448}', 916),
    ('\u{449}', 942),
    ('\u{44a}', 707),
    ('\u{44b}', 790),
    ('\u{44c}', 590),
    ('\u{44d}', 549),
    ('\u{44e}', 842),
    ('\u{44f}', 602),
    ('\u{451}', 616),
    ('\u{2013}', 557),
    ('\u{2014}', 1000),
    ('\u{2019}', 318),
    ('\u{201c}', 519),
    ('\u{201d}', 519),
    ('\u{201e}', 519),
    ('\u{2026}', 1000),
    ('\u{2212}', 838),
    ('\u{2264}', 838),
    ('\u{2265}', 838),
];

/// The advance of a character the table lacks: the widest it holds ("Щ").
const UNKNOWN: u16 = 1094;

/// The width in pixels of `text` set on one line at `font_px` (the SVG's `font-size`).
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| {
            ADVANCES
                .binary_search_by_key(&c, |&(k, _)| k)
                .map_or(UNKNOWN, |i| ADVANCES[i].1)
        })
        .map(u32::from)
        .sum();
    f64::from(thousandths) / 1000.0 * font_px
}

/// The widest of `texts` at `font_px`, or of their words (no line can be narrower than a word),
/// in whole pixels.
pub fn widest(texts: &[String], font_px: f64, words: bool) -> i32 {
    texts
        .iter()
        .flat_map(|t| {
            if words {
                t.split(' ').collect::<Vec<_>>()
            } else {
                vec![t.as_str()]
            }
        })
        .map(|t| text_width(t, font_px))
        .fold(0.0, f64::max)
        .ceil() as i32
}

/// `text` broken at spaces into lines no wider than `max_px` at `font_px` (a word wider than that
/// stays whole, on a line of its own).
pub fn wrap(text: &str, font_px: f64, max_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), font_px) <= max_px => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_measures_known_widths() {
        assert!(ADVANCES.windows(2).all(|w| w[0].0 < w[1].0));
        // DejaVu Sans at 2048 units per em: "m" 1995, "i" 569 (Liberation's are narrower).
        assert_eq!(text_width("m", 1000.0), 975.0);
        assert_eq!(text_width("i", 1000.0), 278.0);
        assert!((text_width("mi", 10.0) - 12.53).abs() < 1e-9);
        assert!((text_width("\u{2603}", 10.0) - 10.94).abs() < 1e-9);
    }

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let text = "more than half of the base";
        let lines = wrap(text, 14.5, 120.0);
        assert_eq!(lines.join(" "), text);
        assert!(lines.len() > 1);
        assert!(
            lines.iter().all(|l| text_width(l, 14.5) <= 120.0),
            "{lines:?}"
        );
        assert_eq!(wrap(text, 14.5, 1000.0), vec![text.to_string()]);
    }
}
