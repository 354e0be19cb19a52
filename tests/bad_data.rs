//! A broken bundle is refused with the file, the record and what is wrong; never a panic.

mod common;

use reweigh::Engine;
use std::collections::BTreeMap;

fn load_with(file: &str, edit: impl Fn(&str) -> String) -> String {
    let mut texts = common::bundle_texts();
    let text = edit(&texts[file]);
    assert_ne!(text, texts[file], "the edit must change {file}");
    texts.insert(file.to_string(), text);
    match Engine::load(&texts) {
        Ok(_) => panic!("a broken {file} loaded"),
        Err(e) => e.to_string(),
    }
}

const PECS: &str = "pecs-2024.json";

#[test]
fn truncated_file() {
    let message = load_with(PECS, |t| t[..t.len() / 2].to_string());
    assert!(
        message.starts_with("data/pecs-2024.json: the file ends too early"),
        "{message}"
    );
}

#[test]
fn wrong_type() {
    let message = load_with(PECS, |t| {
        t.replacen("\"valid\":1313", "\"valid\":\"1313\"", 1)
    });
    assert!(
        message.contains("data/pecs-2024.json") && message.contains("expected u32"),
        "{message}"
    );
}

#[test]
fn missing_field() {
    let message = load_with(PECS, |t| t.replacen(",\"valid\":1313", "", 1));
    assert!(message.contains("missing field `valid`"), "{message}");
}

#[test]
fn unknown_pec() {
    let message = load_with(PECS, |t| t.replace("{\"pec\":8449,", "{\"pec\":9449,"));
    assert!(
        message.contains("PEC 9449") && message.contains("unknown PEC"),
        "{message}"
    );
}

#[test]
fn duplicate_pec() {
    let message = load_with(PECS, |t| t.replace("{\"pec\":8001,", "{\"pec\":8000,"));
    assert!(message.contains("PEC 8000: duplicate PEC"), "{message}");
}

#[test]
fn broken_control_relation_names_pec_and_relation() {
    // Haifa's valid ballots one higher: cast ≠ invalid + valid and valid ≠ Σ votes.
    let message = load_with(PECS, |t| {
        t.replacen(
            "\"invalid\":370,\"valid\":1313",
            "\"invalid\":370,\"valid\":1314",
            1,
        )
    });
    assert!(
        message.contains("data/pecs-2024.json: 2024 PEC 8096: control relation: breaks `cast`"),
        "{message}"
    );
    assert!(message.contains("`cast`"), "{message}");
}

#[test]
fn history_vote_count_mismatch() {
    let message = load_with("history.json", |t| {
        t.replacen(
            "\"votes\":[8,0,0,48,14,1,3]",
            "\"votes\":[8,0,0,48,14,1]",
            1,
        )
    });
    assert!(
        message.contains("data/history.json: 2004 PEC 5001")
            && message.contains("6 vote counts for 7 candidates"),
        "{message}"
    );
}

#[test]
fn unknown_published_cell() {
    let message = load_with("paper.json", |t| {
        t.replacen("\"2004\": {\"countries\"", "\"2004\": {\"continents\"", 1)
    });
    assert!(
        message.contains("table 1 row 2004 column continents") && message.contains("no such cell"),
        "{message}"
    );
}

#[test]
fn misprinted_published_figure() {
    let message = load_with("paper.json", |t| t.replacen("\"85,13\"", "\"85.13\"", 1));
    assert!(
        message.contains("table 1 row 2004 column winner_share")
            && message.contains("not a printed number"),
        "{message}"
    );
}

#[test]
fn text_figure_with_an_unknown_place() {
    let message = load_with("paper.json", |t| {
        t.replacen("\"scope\": \"country:KZ\"", "\"scope\": \"country:QQ\"", 1)
    });
    assert!(
        message.contains("text figure kz_issued") && message.contains("no country \"QQ\""),
        "{message}"
    );
}

#[test]
fn missing_file() {
    let mut texts: BTreeMap<String, String> = common::bundle_texts();
    texts.remove("manifest.json");
    let message = Engine::load(&texts).err().unwrap().to_string();
    assert_eq!(message, "data/manifest.json: missing from the bundle");
}

#[test]
fn a_country_split_across_regions() {
    let message = load_with(PECS, |t| {
        let i = t.find("\"country_id\":\"KZ\"").unwrap();
        let j = i + t[i..].find("\"region\":\"post_soviet\"").unwrap();
        format!(
            "{}\"region\":\"europe\"{}",
            &t[..j],
            &t[j + "\"region\":\"post_soviet\"".len()..]
        )
    });
    assert!(message.contains("country KZ: region"), "{message}");
}

#[test]
fn claim_with_an_unknown_metric() {
    let message = load_with("claims.json", |t| {
        t.replacen("share:davankov@total", "share:nobody@total", 1)
    });
    assert!(
        message.contains("data/claims.json: claim davankov_share_table2")
            && message.contains("unknown component \"nobody\""),
        "{message}"
    );
}

#[test]
fn claim_with_a_malformed_test() {
    let message = load_with("claims.json", |t| {
        t.replacen(
            "\"op\": \"=\", \"target\": \"0\"",
            "\"op\": \"≈\", \"target\": \"0\"",
            1,
        )
    });
    assert!(
        message.contains("claim putin_won_abroad") && message.contains("unknown op"),
        "{message}"
    );
    let message = load_with("claims.json", |t| {
        t.replacen(
            "\"count\": \"total\"",
            "\"count\": \"total\", \"rank\": \"regions\"",
            1,
        )
    });
    assert!(
        message.contains("exactly one of value, compare, count, set, rank"),
        "{message}"
    );
    let message = load_with("claims.json", |t| {
        t.replacen("\"includes\": [\"IL\"", "\"includes\": [\"QQ\"", 1)
    });
    assert!(message.contains("unknown country \"QQ\""), "{message}");
}
