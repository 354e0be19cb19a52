//! Charts are tested natively: on wasm plotters would measure text through the DOM.

mod common;

use reweigh::State;
use reweigh::output::export::Lang;

#[test]
fn every_chart_draws_in_both_languages() {
    let engine = common::engine();
    for kind in reweigh::output::chart::CHART_KINDS {
        for lang in [Lang::En, Lang::Ru] {
            let chart = engine.chart(&State::paper(), kind, lang).unwrap();
            assert!(chart.svg.starts_with("<svg"), "{kind}");
            assert!(chart.svg.trim_end().ends_with("</svg>"), "{kind}");
            assert!(!chart.description.is_empty());
        }
    }
}

#[test]
fn region_chart_names_the_regions_and_follows_the_state() {
    let engine = common::engine();
    let en = engine.chart(&State::paper(), "regions", Lang::En).unwrap();
    assert!(en.svg.contains("Post-Soviet space") && en.svg.contains("South and Central America"));
    let ru = engine.chart(&State::paper(), "regions", Lang::Ru).unwrap();
    assert!(ru.svg.contains("Постсоветское пространство"));
    let other = engine
        .chart(
            &State::from_query("invalid=0").unwrap(),
            "regions",
            Lang::En,
        )
        .unwrap();
    assert_ne!(en.svg, other.svg);
}

#[test]
fn country_chart_draws_the_top_thirty_and_its_table_lists_every_country() {
    let engine = common::engine();
    let chart = engine
        .chart(&State::paper(), "countries", Lang::En)
        .unwrap();
    let results = engine.compute(&State::paper());
    let mut ranked: Vec<_> = results
        .countries
        .iter()
        .filter(|c| c.id != "unassigned")
        .collect();
    ranked.sort_by(|a, b| {
        b.opposition_share
            .unwrap()
            .total_cmp(&a.opposition_share.unwrap())
            .then_with(|| a.name.en.cmp(&b.name.en))
    });
    let label = |name: &str| {
        format!(
            ">\n{}\n<",
            name.replace('&', "&amp;").replace('\'', "&apos;")
        )
    };
    for (i, c) in ranked.iter().enumerate() {
        assert_eq!(
            chart.svg.contains(&label(&c.name.en)),
            i < 30,
            "{} (rank {i})",
            c.name.en
        );
    }
    assert!(
        chart.description.starts_with("The 30 of 138 countries"),
        "{}",
        chart.description
    );
    // The wins are of every country, not of the thirty shown (counted here from the aggregates).
    let won = results
        .countries
        .iter()
        .filter(|c| c.opposition_wins && c.counted_in_wins)
        .count();
    assert_eq!(won, 34);
    assert!(
        chart
            .description
            .ends_with("the opposition wins in 34 countries."),
        "{}",
        chart.description
    );
    let ru = engine
        .chart(&State::paper(), "countries", Lang::Ru)
        .unwrap();
    assert!(
        ru.description.starts_with("30 из 138 стран")
            && ru
                .description
                .ends_with("всего оппозиция побеждает в 34 странах."),
        "{}",
        ru.description
    );
    let page: serde_json::Value = serde_json::to_value(engine.page("lang=en").unwrap()).unwrap();
    let table = &page["charts"][1]["table"]["rows"];
    assert_eq!(table.as_array().unwrap().len(), 138);
}

#[test]
fn unknown_chart_is_an_error() {
    let engine = common::engine();
    let e = engine.chart(&State::paper(), "pie", Lang::En).unwrap_err();
    assert!(e.to_string().contains("regions | countries | history"));
}

/// Every text of an SVG drawn by plotters: (x, anchor, font size, text, rotated).
fn svg_texts(svg: &str) -> Vec<(f64, String, f64, String, bool)> {
    let attr = |tag: &str, name: &str| {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..start + tag[start..].find('"')?].to_string())
    };
    svg.split("<text")
        .skip(1)
        .map(|part| {
            let (tag, rest) = part.split_once('>').unwrap();
            let content = rest.split("</text>").next().unwrap().trim();
            let content = content
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            (
                attr(tag, "x").unwrap().parse().unwrap(),
                attr(tag, "text-anchor").unwrap(),
                attr(tag, "font-size").unwrap().parse().unwrap(),
                content,
                attr(tag, "transform").is_some(),
            )
        })
        .collect()
}

#[test]
fn the_heat_maps_labels_and_titles_fit_in_both_languages() {
    use reweigh::output::measure::text_width;
    let engine = common::engine();
    // Two keys vary, so they are the map's two: `win`, whose "more than half of the base" (and
    // its Russian) needs more than the 150 px a fixed label area gave, and `base`.
    let grid = reweigh::engine::grid(
        "invalid=1&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued,cast,valid&baltics=post_soviet&disputed=include&win=plurality,majority&min_issued=0&regions=paper&russia=cec_total",
    )
    .unwrap();
    let sweep = engine.sweep(&grid);
    let mut drawn = 0;
    for claim in &engine.study().claims {
        for lang in [Lang::En, Lang::Ru] {
            let chart = engine
                .sweep_chart(&sweep, &claim.spec.id, &State::paper(), lang)
                .unwrap();
            let svg = &chart.svg;
            let width: f64 = svg
                .split("width=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap()
                .parse()
                .unwrap();
            let texts = svg_texts(svg);
            let words: Vec<&str> = texts.iter().map(|t| t.3.as_str()).collect();
            // Every word of both keys' names and of their values is drawn (nothing cut).
            for key in ["win", "base"] {
                let k = reweigh::reading::keys::key(key).unwrap();
                let mut expected: Vec<String> = vec![k.label().get(lang).to_string()];
                expected.extend(
                    k.default_grid()
                        .into_iter()
                        .map(|v| k.words(v).get(lang).to_string()),
                );
                let all = words.join(" ");
                for text in expected {
                    for word in text.split(' ') {
                        assert!(all.contains(word), "{lang:?}: {word} not drawn in {all}");
                    }
                }
            }
            for (x, anchor, size, text, _) in texts.iter().filter(|t| !t.4) {
                let w = text_width(text, *size);
                let left = match anchor.as_str() {
                    "start" => *x,
                    "middle" => x - w / 2.0,
                    _ => x - w,
                };
                assert!(
                    left >= 0.0 && left + w <= width,
                    "{lang:?}: \"{text}\" spans {left:.0}..{:.0} of {width}",
                    left + w
                );
            }
            // No rotated axis title (one longer than the chart's height was cut).
            assert!(texts.iter().all(|t| !t.4), "{lang:?}: a rotated text");
            assert_eq!(width, 480.0);
            drawn += 1;
        }
    }
    assert_eq!(drawn, 2 * engine.study().claims.len());
}
