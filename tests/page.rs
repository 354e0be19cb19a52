//! The page as the engine builds it: every figure already in the reader's language, each share
//! with its true numerator and denominator, no internal id in what a reader sees.

mod common;

use common::engine;
use serde_json::Value;

fn page(hash: &str) -> Value {
    serde_json::to_value(engine().page(hash).unwrap()).unwrap()
}

fn figure<'a>(page: &'a Value, id: &str) -> &'a Value {
    page["headline"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap()
}

#[test]
fn the_headline_shows_true_numerators_and_denominators() {
    // Davankov alone: 63,388 of the 380,961 ballots issued.
    let p = page("invalid=0&lang=en");
    assert_eq!(figure(&p, "opposition-share")["value"], "16.64%");
    assert_eq!(
        figure(&p, "opposition-share")["detail"],
        "63,388 of 380,961 ballots issued"
    );
    assert!(p["headline"]["note"].is_null());
    // Under base=valid, the opposition's denominator adds the invalid ballots it counts, and the
    // page says the two shares have different denominators.
    let p = page("invalid=0.5&base=valid&lang=en");
    let detail = figure(&p, "opposition-share")["detail"].as_str().unwrap();
    assert!(detail.contains("valid ballots +"), "{detail}");
    assert!(
        p["headline"]["note"]
            .as_str()
            .unwrap()
            .contains("different denominators")
    );
    let putin = figure(&p, "putin-share")["detail"].as_str().unwrap();
    assert!(putin.ends_with("valid ballots"), "{putin}");
    // In Russian the words after the count agree with it: 21 засчитанный, 13 074 засчитанных.
    for (weight, counted) in [("0.0008", "+ 21 засчитанный"), ("0.5", " засчитанных")]
    {
        let p = page(&format!("invalid={weight}&base=valid&lang=ru"));
        let detail = figure(&p, "opposition-share")["detail"].as_str().unwrap();
        assert!(detail.contains(&format!("{counted} оппозиции")), "{detail}");
    }
}

#[test]
fn the_headline_shows_the_papers_value_and_the_biggest_change() {
    let p = page("disputed=exclude&lang=en");
    assert_eq!(
        figure(&p, "putin-share")["paper"],
        "under the paper’s assumptions: 72.25% (−8.81 pp)"
    );
    let biggest = p["headline"]["biggest"].as_str().unwrap();
    assert!(
        biggest.contains("lowers Putin’s share from 72.25% to 63.44%"),
        "{biggest}"
    );
    let p = page("disputed=exclude&lang=ru");
    assert!(
        p["headline"]["biggest"]
            .as_str()
            .unwrap()
            .contains("снижает долю Путина с 72,25% до 63,44%")
    );
    assert!(page("").get("headline").unwrap()["biggest"].is_null());
}

#[test]
fn the_headlines_difference_from_the_paper_is_between_the_figures_shown() {
    // Under base=cast Putin has 72.2962% against the paper's 72.2512%: shown as 72.30% and
    // 72.25%, so the difference reads +0.05 pp (the unrounded 0.0450 would read +0.04); the
    // opposition's 23.5170% against 23.5024% is 23.52% against 23.50%: +0.02, not +0.01.
    let p = page("base=cast&lang=en");
    assert_eq!(figure(&p, "putin-share")["value"], "72.30%");
    assert_eq!(
        figure(&p, "putin-share")["paper"],
        "under the paper’s assumptions: 72.25% (+0.05 pp)"
    );
    assert_eq!(figure(&p, "opposition-share")["value"], "23.52%");
    assert_eq!(
        figure(&p, "opposition-share")["paper"],
        "under the paper’s assumptions: 23.50% (+0.02 pp)"
    );
    let p = page("base=cast&lang=ru");
    assert_eq!(
        figure(&p, "putin-share")["paper"],
        "при допущениях статьи: 72,25% (+0,05 п. п.)"
    );
    // The same beside a pinned reading: the paper's reading pinned under base=cast.
    let p = page("base=cast&pin=&lang=en");
    let putin = figure(&p, "putin-share");
    assert_eq!(putin["pinned"], "72.25%");
    assert_eq!(putin["pinned_diff"], "+0.05 pp");
    assert_eq!(figure(&p, "opposition-share")["pinned_diff"], "+0.02 pp");
}

#[test]
fn an_audited_tables_summary_says_of_how_many_printed_figures() {
    // Table 3's printed cells, counted from data/paper.json.
    let text = std::fs::read_to_string(common::root().join("data/paper.json")).unwrap();
    let paper: Value = serde_json::from_str(&text).unwrap();
    let printed: usize = paper["tables"]["3"]["cells"]
        .as_object()
        .unwrap()
        .values()
        .map(|row| row.as_object().unwrap().len())
        .sum();
    for (lang, start) in [
        ("en", format!("Of {printed} published figures, ")),
        (
            "ru",
            format!("Опубликованных чисел: {printed}; воспроизведено: "),
        ),
    ] {
        let p = page(&format!("tab=3&lang={lang}"));
        let summary = p["table"]["summary"].as_str().unwrap();
        assert!(summary.starts_with(&start), "{summary}");
    }
}

/// Each claim on the page is judged with and without the PECs of uncertain location as the
/// location check judges it (the page judges the reading's verdicts once, for both).
#[test]
fn the_pages_claims_follow_the_location_check() {
    use reweigh::reading::state::State;
    let mut rested = 0;
    for reading in [
        "",
        "invalid=0.25",
        "invalid=0&base=valid",
        "baltics=europe&win=majority&disputed=exclude",
    ] {
        let state = State::from_query(reading).unwrap();
        let checks = engine().location_checks(&state);
        let p = page(&format!("{reading}&tab=3&lang=en"));
        let claims = p["claims"].as_array().unwrap();
        assert_eq!(claims.len(), checks.len());
        for (c, check) in claims.iter().zip(&checks) {
            let flagged = !c["location"].as_str().unwrap().is_empty();
            assert_eq!(
                flagged,
                check.rests_on_uncertain(),
                "{reading}: {}",
                c["id"]
            );
            rested += usize::from(flagged);
        }
    }
    assert!(
        rested > 0,
        "some verdict rests on PECs of uncertain location"
    );
}

/// In Russian the words after «из N» agree with N: из 380 961 выданного бюллетеня (the paper's
/// reading's ballots issued end in 1), из 288 УИК, из 138 стран.
#[test]
fn russian_counts_after_iz_agree_with_the_number() {
    let p = page("lang=ru");
    assert_eq!(
        figure(&p, "putin-share")["detail"],
        "275\u{a0}249 из 380\u{a0}961 выданного бюллетеня"
    );
    assert!(
        figure(&p, "opposition-share")["detail"]
            .as_str()
            .unwrap()
            .ends_with("из 380\u{a0}961 выданного бюллетеня")
    );
    assert_eq!(figure(&p, "countries-won")["detail"], "из 138 стран");
    // The valid ballots: 370 989 — not ending in 1.
    let p = page("base=valid&lang=ru");
    let putin = figure(&p, "putin-share")["detail"].as_str().unwrap();
    assert!(putin.ends_with(" действительных бюллетеней"), "{putin}");
}

/// A table without published figures (abroad among Russia's regions) has no audit summary and
/// no "select a cell" hint; Table 3 has both.
#[test]
fn only_tables_with_published_figures_summarise_an_audit() {
    let p = page("tab=russia&lang=en");
    assert!(p["table"]["summary"].is_null(), "{}", p["table"]["summary"]);
    assert_eq!(p["table"]["selectable"], false);
    assert_eq!(p["table"]["row_header"], "Region");
    let p = page("tab=3&lang=en");
    assert!(
        p["table"]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Of 112 published figures")
    );
    assert_eq!(p["table"]["selectable"], true);
    assert!(
        p["table"]["legend"]
            .as_str()
            .unwrap()
            .starts_with("Marks: ✓ the paper’s figure is reproduced; ≠ it differs")
    );
    assert!(page("tab=russia&lang=en")["table"]["legend"].is_null());
}

/// Each bad part of a link says what the page uses instead: the paper's value, the first of a
/// repeated key, the default tab or language, or that it is left out.
#[test]
fn a_bad_link_says_what_is_used_instead() {
    let p = page("invalid=abc&davankov=0.5&davankov=0.7&base=voters&tab=nope&region=zz&lang=xx");
    let errors: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let ends = |start: &str, end: &str| {
        let e = errors.iter().find(|e| e.starts_with(start)).unwrap();
        assert!(e.ends_with(end), "{e}");
    };
    ends("“Invalid (spoiled) ballots”: abc", "; using 1");
    ends("“Votes for Davankov”: 0.7", "; using 0.5");
    ends(
        "“Denominator of shares”: voters",
        "; using “ballots issued”",
    );
    ends("“Tab”: nope", "; using “Table 3”");
    ends("“Region”: zz", "; left out");
    ends("“Language”: xx", "; using English");
    assert_eq!(errors.len(), 6, "{errors:?}");
    let p = page("davankov=0.5&davankov=0.7&lang=ru");
    assert!(
        p["errors"][0]
            .as_str()
            .unwrap()
            .ends_with("; используется: 0,5"),
        "{}",
        p["errors"][0]
    );
}
