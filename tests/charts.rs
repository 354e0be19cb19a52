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
