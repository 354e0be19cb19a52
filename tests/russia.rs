//! What "Russia" means (the `russia` key): Table 2's national column under each meaning, checked
//! against figures taken by hand — the CEC's totals as the paper prints them, the abroad
//! protocols as the paper prints them, and the protocol + electronic-vote sums measured from the
//! raw CEC files (issue 17: 82 037 110 valid ballots, Putin 72 350 518, Davankov 3 300 653,
//! invalid 1 177 136, abroad included).

mod common;

use common::engine;
use reweigh::State;
use reweigh::paper::tables::Table;

/// (valid, invalid, davankov, putin) of a place.
type Four = [i64; 4];

/// The CEC's national totals (Table 2 of the paper, the CEC's announcement).
const CEC: Four = [86_204_291, 1_193_278, 3_362_484, 76_277_708];
/// The 288 PECs abroad (Table 2 of the paper).
const ABROAD: Four = [354_577, 26_147, 63_388, 275_249];
/// Every PEC protocol (abroad included) + the electronic vote, from the raw files.
const PROTOCOLS_AND_EV: Four = [82_037_110, 1_177_136, 3_300_653, 72_350_518];

fn table2(query: &str) -> Table {
    let state = State::from_query(query).unwrap();
    engine()
        .tables(&state, Some("2"))
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
}

fn cell(t: &Table, row: &str, col: &str) -> f64 {
    let c = t
        .columns
        .iter()
        .position(|c| c.id == col)
        .unwrap_or_else(|| panic!("no column {col}"));
    let r = t
        .rows
        .iter()
        .find(|r| r.id == row)
        .unwrap_or_else(|| panic!("no row {row}"));
    r.cells[c].value.as_f64().unwrap()
}

fn minus(a: Four, b: Four) -> Four {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]]
}

/// One reading away from the paper (base=cast, half the invalid ballots): each meaning's column
/// holds the figures taken by hand, its shares are of the ballots cast, the opposition is half
/// the invalid ballots plus Davankov, and the label says which meaning it is.
#[test]
fn each_meaning_of_russia_gives_table_2_as_computed_by_hand() {
    for (meaning, hand, label) in [
        ("cec_total", CEC, "incl. abroad"),
        (
            "without_abroad",
            minus(CEC, ABROAD),
            "minus the 288 PECs abroad",
        ),
        (
            "protocols",
            minus(PROTOCOLS_AND_EV, ABROAD),
            "PEC protocols and the electronic vote",
        ),
    ] {
        let t = table2(&format!("base=cast&invalid=0.5&russia={meaning}"));
        let [valid, invalid, davankov, putin] = hand;
        let cast = valid + invalid;
        for (row, want) in [
            ("valid", valid),
            ("invalid", invalid),
            ("davankov", davankov),
            ("putin", putin),
        ] {
            assert_eq!(cell(&t, row, "russia"), want as f64, "{meaning} {row}");
        }
        let share = cell(&t, "davankov", "russia_share");
        let want = 100.0 * davankov as f64 / cast as f64;
        assert!((share - want).abs() < 1e-9, "{meaning}: {share} ≠ {want}");
        let opposition = cell(&t, "opposition", "russia");
        assert_eq!(
            opposition,
            0.5 * invalid as f64 + davankov as f64,
            "{meaning}"
        );
        let column = t.columns.iter().find(|c| c.id == "russia").unwrap();
        assert!(
            column.label.en.contains(label),
            "{meaning}: {}",
            column.label.en
        );
        assert!(column.label.ru.starts_with("Россия"), "{}", column.label.ru);
    }
    // The three meanings differ from one another in every one of these figures.
    let values: Vec<f64> = ["cec_total", "without_abroad", "protocols"]
        .iter()
        .map(|m| cell(&table2(&format!("russia={m}")), "davankov", "russia_share"))
        .collect();
    assert!(values[0] != values[1] && values[1] != values[2] && values[0] != values[2]);
}

/// The "of which" columns: which parts each meaning sums, each part's figure, and that they add
/// up to the national column on every row (the derived remainder is what no protocol shows).
#[test]
fn the_national_column_is_broken_into_protocols_electronic_vote_and_derived() {
    let parts = |t: &Table| -> Vec<String> {
        t.columns
            .iter()
            .map(|c| c.id.clone())
            .filter(|id| id.starts_with("russia_") && id != "russia_share")
            .collect()
    };
    for (meaning, want) in [
        (
            "",
            &[
                "russia_protocols",
                "russia_abroad",
                "russia_electronic",
                "russia_derived",
            ][..],
        ),
        (
            "russia=without_abroad",
            &["russia_protocols", "russia_electronic", "russia_derived"][..],
        ),
        (
            "russia=protocols",
            &["russia_protocols", "russia_electronic"][..],
        ),
    ] {
        for query in [
            meaning.to_string(),
            format!("{meaning}&davankov=0.25&base=valid"),
        ] {
            let t = table2(&query);
            assert_eq!(parts(&t), want, "{query}");
            for row in &t.rows {
                let sum: f64 = want.iter().map(|p| cell(&t, &row.id, p)).sum();
                let total = cell(&t, &row.id, "russia");
                assert!(
                    (sum - total).abs() < 1e-6,
                    "{query} {}: {sum} ≠ {total}",
                    row.id
                );
            }
        }
    }
    // The figures of the parts under the paper's reading.
    let t = table2("");
    let derived = minus(CEC, PROTOCOLS_AND_EV);
    assert_eq!(derived, [4_167_181, 16_142, 61_831, 3_927_190]);
    for (row, i) in [("valid", 0), ("invalid", 1), ("davankov", 2), ("putin", 3)] {
        assert_eq!(cell(&t, row, "russia_derived"), derived[i] as f64, "{row}");
        assert_eq!(cell(&t, row, "russia_abroad"), ABROAD[i] as f64, "{row}");
        let inside = cell(&t, row, "russia_protocols") + cell(&t, row, "russia_electronic");
        assert_eq!(inside, (PROTOCOLS_AND_EV[i] - ABROAD[i]) as f64, "{row}");
    }
    // The electronic vote: every ballot valid but 5 (the raw file's rows, summed in
    // tests/national.rs); its Davankov figure.
    assert_eq!(cell(&t, "invalid", "russia_electronic"), 5.0);
    assert_eq!(cell(&t, "davankov", "russia_electronic"), 439_289.0);
    let derived_label = t.columns.iter().find(|c| c.id == "russia_derived").unwrap();
    assert!(derived_label.label.en.contains("derived"));
    assert!(
        !derived_label.label.en.contains("protocol")
            || derived_label.label.en.contains("− protocols")
    );
}

/// Under the paper's reading the national column is the CEC's figures as printed (the audit's
/// pinned lines, tests/expected/audit.tsv, say so cell by cell); under another meaning each
/// printed figure is explained by the reading.
#[test]
fn another_meaning_explains_the_printed_national_figures_by_the_reading() {
    let t = table2("russia=protocols");
    let c = t.columns.iter().position(|c| c.id == "russia").unwrap();
    let row = t.rows.iter().find(|r| r.id == "putin").unwrap();
    let cell = &row.cells[c];
    assert_eq!(cell.published().unwrap().text, "76 277 708");
    let reason = cell
        .reason()
        .expect("a printed figure the reading changes is explained");
    assert_eq!(reason.code, "reading", "{}", reason.text.en);
    assert!(
        reason.text.en.contains("PEC protocols"),
        "{}",
        reason.text.en
    );
}

// ---- the paper's abroad-versus-Russia statements as claims ----

use common::{
    DAVANKOV, EARLY, INSIDE, INVALID, KHARITONOV, MOBILE, PORTABLE, SLUTSKY, STATIONARY, VALID,
    raw_2024,
};
use reweigh::paper::claims::{self, Verdict};

fn outcome(id: &str, query: &str) -> claims::Outcome {
    let claim = engine()
        .study()
        .claims
        .iter()
        .find(|c| c.spec.id == id)
        .unwrap_or_else(|| panic!("no claim {id}"));
    claims::evaluate(claim, &engine().compute(&State::from_query(query).unwrap()))
}

/// The national figure `name` of data/russia-2024.json, read here without the engine.
fn cec(name: &str) -> f64 {
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("data/russia-2024.json")).unwrap(),
    )
    .unwrap();
    doc[name]["value"].as_f64().unwrap()
}

/// The verdict against a whole printed figure by hand: the multiple rounded half up is the
/// figure (reproduced), one off (off in the last printed digit), or further (differs).
fn by_hand(x: f64, printed: f64) -> Verdict {
    match ((x + 0.5).floor() - printed).abs() {
        0.0 => Verdict::Holds,
        1.0 => Verdict::OffLastDigit,
        _ => Verdict::Fails,
    }
}

/// Under the paper's reading (shares of ballots issued, "Russia" the CEC's total), every
/// multiple the paper states, from the raw CSV abroad and the CEC's national figures.
#[test]
fn the_abroad_versus_russia_claims_under_the_papers_reading_by_hand() {
    let raw = raw_2024();
    let sum = |h: &str| raw.iter().map(|p| p.get(h)).sum::<i64>() as f64;
    let issued = sum(EARLY) + sum(INSIDE) + sum(MOBILE);
    let unreturned = issued - sum(PORTABLE) - sum(STATIONARY);
    let n_issued = cec("early") + cec("inside") + cec("mobile");
    let n_unreturned = n_issued - cec("invalid") - cec("valid");
    let abroad = |x: f64| x / issued;
    let russia = |x: f64| x / n_issued;
    let cases = [
        // "almost ten times higher": 8.01, rounds to 8.
        (
            "early_ten_times_russia",
            abroad(sum(EARLY)) / russia(cec("early")),
            10.0,
        ),
        // "ten times fewer": 9.04, rounds to 9: one off.
        (
            "mobile_ten_times_fewer_abroad",
            russia(cec("mobile")) / abroad(sum(MOBILE)),
            10.0,
        ),
        (
            "unreturned_three_times_russia",
            russia(n_unreturned) / abroad(unreturned),
            3.0,
        ),
        (
            "slutsky_half_abroad",
            russia(cec("slutsky")) / abroad(sum(SLUTSKY)),
            2.0,
        ),
        (
            "kharitonov_half_abroad",
            russia(cec("kharitonov")) / abroad(sum(KHARITONOV)),
            2.0,
        ),
        (
            "davankov_four_times_russia",
            abroad(sum(DAVANKOV)) / russia(cec("davankov")),
            4.0,
        ),
    ];
    let mut verdicts = Vec::new();
    for (id, x, printed) in cases {
        let o = outcome(id, "");
        assert_eq!(o.verdict, by_hand(x, printed), "{id}: {x}");
        assert!(
            (o.value.unwrap() - x).abs() < 1e-9,
            "{id}: {:?} ≠ {x}",
            o.value
        );
        verdicts.push(o.verdict);
    }
    use Verdict::*;
    assert_eq!(verdicts, [Fails, OffLastDigit, Holds, Holds, Holds, Holds]);
    // "only 4.35% of the total number of voters": 380 961 of 87 576 075 is 0.435%.
    let o = outcome("abroad_share_of_russia_voters", "");
    let part = 100.0 * issued / n_issued;
    assert!((o.value.unwrap() - part).abs() < 1e-9);
    assert!((part - 0.435).abs() < 0.0005, "{part}");
    assert_eq!(o.verdict, Fails);
    // The invalid and valid ballots abroad add up with the unreturned ones to the ballots issued.
    assert_eq!(issued - unreturned, sum(INVALID) + sum(VALID));
}

/// The claims follow the key: under the protocols (no annexed regions, the electronic vote in)
/// early voting in Russia is rarer still, so "almost ten times" is 34 times.
#[test]
fn the_claims_follow_what_russia_means() {
    let early = |q: &str| outcome("early_ten_times_russia", q).value.unwrap();
    let (cec_total, protocols) = (early(""), early("russia=protocols"));
    let raw = raw_2024();
    let sum = |h: &str| raw.iter().map(|p| p.get(h)).sum::<i64>() as f64;
    let issued = sum(EARLY) + sum(INSIDE) + sum(MOBILE);
    // Inside Russia by protocols and electronic vote: early 465 797 of 83 004 445 issued
    // (data/russia-2024-national.json's protocols in Russia + electronic vote).
    let by_hand = (sum(EARLY) / issued) / (465_797.0 / 83_004_445.0);
    assert!(
        (protocols - by_hand).abs() < 1e-9,
        "{protocols} ≠ {by_hand}"
    );
    assert!(cec_total < 8.1 && protocols > 34.0);
    assert_eq!(
        outcome("davankov_four_times_russia", "russia=without_abroad").verdict,
        Verdict::Holds
    );
}

/// The claim language's comparison of two places: parsed, refused with a message naming the
/// problem, never with the opposition (its tipping points would not be linear).
#[test]
fn a_comparison_of_two_places_is_parsed_or_refused_by_name() {
    use reweigh::paper::claims::load;
    let bundle = &engine().study().data.bundle;
    let file = |test: &str| {
        format!(
            r#"{{"about": "t", "claims": [{{"id": "x", "title_en": "x", "title_ru": "x", "where": "w", "where_ru": "w", "quote_en": "q", "quote_ru": "q", "ru_is_translation": true, "test": {test}}}]}}"#
        )
    };
    let ok = load(
        &file(r#"{"value": "share:davankov@total vs national", "published": "4"}"#),
        bundle,
    )
    .unwrap();
    assert!(ok[0].depends_on_russia() && !ok[0].depends_on_weights());
    for (test, needle) in [
        (
            r#"{"value": "share:opposition@total vs national", "published": "4"}"#,
            "other than the opposition",
        ),
        (
            r#"{"value": "part:issued@total national", "published": "4"}"#,
            "part:COMPONENT@SCOPE of SCOPE",
        ),
        (
            r#"{"value": "share:davankov@total vs nowhere", "published": "4"}"#,
            "nowhere",
        ),
    ] {
        let e = load(&file(test), bundle).unwrap_err().to_string();
        assert!(e.contains(needle), "{test}: {e}");
    }
}

// ---- the comparison view: abroad among Russia's regions ----

/// Where abroad ranks among Russia's regions by the opposition's share, against a ranking made
/// here from data/russia-2024-national.json (each region's protocols + its electronic vote) and
/// the raw CSV abroad: under the paper's reading, and with Slutsky alone as the opposition.
#[test]
fn abroad_ranks_among_russias_regions_as_counted_by_hand() {
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("data/russia-2024-national.json")).unwrap(),
    )
    .unwrap();
    let line = |x: &serde_json::Value, group: &str, name: &str| x[group][name].as_f64().unwrap();
    // Per region: (issued, invalid, davankov, slutsky).
    let mut regions: Vec<(String, [f64; 4])> = Vec::new();
    for s in doc["subjects"].as_array().unwrap() {
        if s["kind"] == "abroad" {
            continue;
        }
        let mut v = [0.0; 4];
        let mut add = |x: &serde_json::Value| {
            v[0] += line(x, "protocol", "early")
                + line(x, "protocol", "inside")
                + line(x, "protocol", "mobile");
            v[1] += line(x, "protocol", "invalid");
            v[2] += line(x, "votes", "davankov");
            v[3] += line(x, "votes", "slutsky");
        };
        add(s);
        for e in doc["electronic"].as_array().unwrap() {
            if e["name_ru"] == s["name_ru"] {
                add(e);
            }
        }
        regions.push((s["name_en"].as_str().unwrap().to_string(), v));
    }
    assert_eq!(
        regions.len(),
        85 + 1,
        "85 subjects with protocols and Baikonur"
    );
    let raw = raw_2024();
    let sum = |h: &str| raw.iter().map(|p| p.get(h)).sum::<i64>() as f64;
    let abroad = [
        sum(EARLY) + sum(INSIDE) + sum(MOBILE),
        sum(INVALID),
        sum(DAVANKOV),
        sum(SLUTSKY),
    ];
    for (query, opposition) in [
        (
            "",
            (|v: &[f64; 4]| (v[1] + v[2]) / v[0]) as fn(&[f64; 4]) -> f64,
        ),
        ("invalid=0&davankov=0&slutsky=1", |v: &[f64; 4]| v[3] / v[0]),
    ] {
        let above = regions
            .iter()
            .filter(|(_, v)| opposition(v) > opposition(&abroad))
            .count();
        let t = engine()
            .tables(&State::from_query(query).unwrap(), Some("russia"))
            .unwrap()
            .remove(0);
        let row = t.rows.iter().position(|r| r.id == "abroad").unwrap();
        assert_eq!(
            t.rows[row].cells[0].value.as_f64(),
            Some((above + 1) as f64),
            "{query}"
        );
        let note = &t.notes[0].en;
        assert!(
            note.contains(&format!("rank {} of {}", above + 1, regions.len() + 1)),
            "{query}: {note}"
        );
        // Every ranked row in order of its share, highest first.
        let shares: Vec<f64> = t
            .rows
            .iter()
            .filter(|r| r.id != "russia")
            .map(|r| r.cells[1].value.as_f64().unwrap())
            .collect();
        assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{query}");
    }
}
