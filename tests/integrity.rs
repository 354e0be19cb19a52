//! Issue 11: nothing wrong loads silently, and the manifest cannot vouch for itself. One test (or
//! more) per finding; each builds the bad input by hand and checks what the loader, the CLI or
//! the importer makes of it.

mod common;

use common::edit::{Edit, Texts, edit_in, edited, load, pec, refused};
use common::{bundle_texts, engine, root};
use reweigh::engine::ExportOptions;
use reweigh::output::export::Format;
use serde_json::{Value, json};

// Finding 1: sums that wrap.

#[test]
fn national_figures_that_would_wrap_are_refused() {
    // davankov = u64::MAX and putin = 1 wrapped to 0 (+ the rest) and passed `valid = Σ votes`.
    let texts = edited("russia-2024.json", |r| {
        r["davankov"]["value"] = json!(u64::MAX);
        r["putin"]["value"] = json!(1);
    });
    let e = refused(&texts);
    assert!(
        e.starts_with("data/russia-2024.json:") && e.contains("expected u32"),
        "{e}"
    );
    for (line, value) in [
        ("davankov", json!(1u64 << 63 | 5)),
        ("early", json!(i64::MAX)),
    ] {
        let e = refused(&edited("russia-2024.json", |r| {
            r[line]["value"] = value.clone()
        }));
        assert!(e.contains("expected u32"), "{line}: {e}");
    }
}

#[test]
fn the_national_files_own_relations_are_checked() {
    let e = refused(&edited("russia-2024.json", |r| {
        r["putin"]["value"] = json!(76277709)
    }));
    assert!(
        e.contains("data/russia-2024.json: valid: the candidates’ votes sum to 86204292"),
        "{e}"
    );
    // More ballots in the boxes than issued: early lowered below invalid + valid.
    let e = refused(&edited("russia-2024.json", |r| {
        r["early"]["value"] = json!(0);
        r["inside"]["value"] = json!(1);
        r["mobile"]["value"] = json!(2);
    }));
    assert!(
        e.contains("invalid + valid = 87397569 ballots in the boxes, more than the 3 issued"),
        "{e}"
    );
}

#[test]
fn the_largest_national_figures_stay_exact_in_table_2() {
    // Every line at the top of its type: nothing wraps, the table shows the file's numbers.
    let max = u64::from(u32::MAX);
    let texts = edited("russia-2024.json", |r| {
        for line in ["early", "inside", "mobile", "valid", "putin"] {
            r[line]["value"] = json!(max);
        }
        for line in ["invalid", "davankov", "slutsky", "kharitonov"] {
            r[line]["value"] = json!(0);
        }
    });
    // The national file quotes the announced totals: it must agree, so it is edited alike.
    let mut texts = texts;
    edit_in(&mut texts, "russia-2024-national.json", |n| {
        let counted_putin = n["totals"]["protocols"]["votes"]["putin"].as_i64().unwrap()
            + n["totals"]["electronic"]["votes"]["putin"]
                .as_i64()
                .unwrap();
        for (line, value) in [
            ("early", max),
            ("inside", max),
            ("mobile", max),
            ("valid", max),
            ("putin", max),
            ("invalid", 0),
            ("davankov", 0),
            ("slutsky", 0),
            ("kharitonov", 0),
        ] {
            n["announced"][line] = json!(value);
            let counted = match line {
                "davankov" | "putin" | "slutsky" | "kharitonov" => {
                    n["totals"]["protocols"]["votes"][line].as_i64().unwrap()
                        + n["totals"]["electronic"]["votes"][line].as_i64().unwrap()
                }
                _ => {
                    n["totals"]["protocols"]["protocol"][line].as_i64().unwrap()
                        + n["totals"]["electronic"]["protocol"][line]
                            .as_i64()
                            .unwrap()
                }
            };
            n["derived"]["lines"][line] = json!(value as i64 - counted);
        }
        assert!(counted_putin > 0);
    });
    let engine = load(&texts).expect("the largest figures load");
    let json = engine
        .export(
            &reweigh::State::paper(),
            "2",
            Format::Json,
            &ExportOptions::default(),
        )
        .unwrap();
    let doc: Value = serde_json::from_str(&json).unwrap();
    let columns: Vec<&str> = doc["table"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let russia = columns.iter().position(|c| *c == "russia").unwrap();
    let row = |id: &str| {
        doc["table"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no row {id}"))["cells"][russia]["value"]
            .clone()
    };
    assert_eq!(row("putin"), json!(max));
    assert_eq!(row("davankov"), json!(0));
}

#[test]
fn release_builds_check_overflow() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let release = manifest
        .split("[profile.release]")
        .nth(1)
        .expect("a release profile");
    let release = release.split("\n[").next().unwrap();
    assert!(
        release.contains("overflow-checks = true"),
        "[profile.release] must set overflow-checks = true"
    );
}

// Finding 2: the manifest vouches for itself.

/// PEC 8096 (Haifa) with 100,000 more votes for Davankov, made consistent in every file but the
/// one the loader cannot edit: the fingerprint.
fn haifa_plus_100000(list_in_manifest: bool, fix_counts: bool) -> Texts {
    let mut texts = edited("pecs-2024.json", |p| {
        let haifa = pec(p, 8096);
        let d = haifa["votes"]["davankov"].as_u64().unwrap();
        haifa["votes"]["davankov"] = json!(d + 100_000);
    });
    let failure = json!({"year": 2024, "pec": 8096, "relation": "valid",
        "detail": "valid 1313 but the votes sum to 101313"});
    if list_in_manifest {
        edit_in(&mut texts, "manifest.json", |m| {
            m["failures"].as_array_mut().unwrap().push(failure.clone());
            if fix_counts {
                m["checks"][4]["failures"] = json!(1);
            }
        });
    }
    edit_in(&mut texts, "russia-2024-national.json", |n| {
        let abroad = n["subjects"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|s| s["kind"] == "abroad")
            .unwrap();
        let bump = |v: &mut Value, by: i64| *v = json!(v.as_i64().unwrap() + by);
        bump(&mut abroad["votes"]["davankov"], 100_000);
        bump(&mut n["totals"]["abroad"]["votes"]["davankov"], 100_000);
        bump(&mut n["totals"]["protocols"]["votes"]["davankov"], 100_000);
        bump(&mut n["derived"]["lines"]["davankov"], -100_000);
        let mut listed = failure.clone();
        listed["region"] = json!("Территория за пределами РФ");
        n["failures"].as_array_mut().unwrap().push(listed);
    });
    texts
}

#[test]
fn a_broken_protocol_listed_in_the_manifest_with_stale_counts_is_refused() {
    let e = refused(&haifa_plus_100000(true, false));
    assert!(
        e.contains("data/manifest.json: checks: 2024: says 0 failures of a control relation; the protocols show 1"),
        "{e}"
    );
    // Not listed at all: the file is corrupt.
    let e = refused(&haifa_plus_100000(false, false));
    assert!(
        e.contains("data/pecs-2024.json: 2024 PEC 8096: control relation: breaks `valid`"),
        "{e}"
    );
}

#[test]
fn a_consistently_listed_anomaly_loads_but_is_shown_and_never_passes_for_shipped() {
    let engine = load(&haifa_plus_100000(true, true)).expect("a consistent anomaly loads");
    let b = engine.bundle();
    assert!(!b.shipped);
    assert_ne!(b.fingerprint, engine_fingerprint());
    let report = engine.check_report();
    assert!(
        report.contains("This is NOT the bundle reweigh"),
        "{report}"
    );
    assert!(report.contains("anomalies accepted: 1"), "{report}");
    assert!(
        report.contains("2024 PEC 8096 breaks")
            && report.contains("valid 1,313, but the votes add up to 101,313")
            && report.contains("Israel, Middle East, the total abroad"),
        "{report}"
    );
    for lang in reweigh::Lang::ALL {
        let sources = engine.sources(lang);
        assert_eq!(sources.failures.len(), 1);
        assert!(
            sources.failures[0].contains("8096"),
            "{:?}",
            sources.failures
        );
        assert!(
            sources.bundle_status.contains(&b.fingerprint)
                && sources.bundle_status.contains(lang.pick("NOT", "НЕ")),
            "{}",
            sources.bundle_status
        );
    }
    // The CSV holds only data (issue 14); the JSON export carries the metadata.
    let json = engine
        .export(
            &reweigh::State::paper(),
            "2",
            Format::Json,
            &ExportOptions::default(),
        )
        .unwrap();
    assert!(
        json.contains(&format!("sha256:{} (NOT the bundle", b.fingerprint)),
        "{json}"
    );
    assert!(json.contains("2024 PEC 8096: breaks `valid`"), "{json}");
}

fn engine_fingerprint() -> String {
    engine().bundle().fingerprint.clone()
}

#[test]
fn the_committed_bundle_is_the_shipped_one_and_any_change_is_not() {
    let b = engine().bundle();
    assert!(b.shipped);
    assert_eq!(engine().provenance().fingerprint, b.fingerprint);
    assert!(
        engine()
            .check_report()
            .contains("This is the bundle reweigh")
    );
    // Every export names it: the tables in each format, the robustness map.
    let line = format!(
        "sha256:{} (the bundle reweigh {} ships with)",
        b.fingerprint,
        env!("CARGO_PKG_VERSION")
    );
    // The CSV holds only data (issue 14): the JSON and Markdown exports name the bundle.
    for format in [Format::Json, Format::Markdown] {
        let text = engine()
            .export(
                &reweigh::State::paper(),
                "3",
                format,
                &ExportOptions::default(),
            )
            .unwrap();
        assert!(text.contains(&line), "{format:?}");
    }
    let grid = reweigh::engine::grid("invalid=0,1&base=issued&baltics=post_soviet&disputed=include&win=plurality&regions=paper&davankov=1&slutsky=0&kharitonov=0&unreturned=0").unwrap();
    let sweep = engine().sweep(&grid);
    for format in [Format::Json, Format::Markdown] {
        let text = engine().sweep_export(&sweep, format, "2026-01-01");
        assert!(text.contains(&line), "{format:?}");
    }
    // A byte of whitespace in the claims: loads, but is another bundle.
    let mut texts = bundle_texts();
    texts.get_mut("claims.json").unwrap().push(' ');
    let other = load(&texts).unwrap();
    assert!(!other.bundle().shipped);
    assert!(
        other
            .sources(reweigh::Lang::Ru)
            .bundle_status
            .contains("Это НЕ те данные")
    );
}

#[test]
fn a_manifest_that_disagrees_with_the_files_is_refused() {
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "protocol count",
            Box::new(|m| m["checks"][4]["pecs"] = json!(999_999)),
            "manifest.json: checks: 2024: says 999999 protocols; the bundle holds 288",
        ),
        (
            "evidence count",
            Box::new(|m| m["evidence"]["documented"] = json!(76)),
            "manifest.json: evidence: documented: the PECs show 75",
        ),
        (
            "an evidence level that does not exist",
            Box::new(|m| m["evidence"]["rumoured"] = json!(0)),
            "\"rumoured\" is not an evidence level",
        ),
        (
            "SHA-256",
            Box::new(|m| m["sources"][0]["sha256"] = json!("00")),
            "manifest.json: sources: candidates.csv: the SHA-256 is not 64 lowercase hexadecimal digits",
        ),
        (
            "a made-up failure",
            Box::new(|m| {
                m["failures"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"year": 2004, "pec": 5001,
                    "relation": "cast", "detail": "cast 1 but invalid + valid = 2"}));
                m["checks"][0]["failures"] = json!(1);
            }),
            "manifest.json: failures: 2004 PEC 5001: lists a breach of `cast`",
        ),
        (
            "a year missing",
            Box::new(|m| {
                m["checks"].as_array_mut().unwrap().remove(0);
            }),
            "4 years checked, but the bundle holds 5",
        ),
        (
            "a raw file missing",
            Box::new(|m| {
                m["sources"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|s| s["path"] != "cec/abroad-2008.csv");
            }),
            "no entry for cec/abroad-2008.csv, which data/history.json comes from",
        ),
        (
            "a path outside data/raw",
            Box::new(|m| m["sources"][0]["path"] = json!("../secret.csv")),
            "not a path within data/raw",
        ),
    ];
    for (case, edit, expected) in cases {
        let e = refused(&edited("manifest.json", edit));
        assert!(e.contains(expected), "{case}: {e}");
    }
}

// Finding 3: duplicate keys.

#[test]
fn a_repeated_key_is_refused_naming_file_and_key() {
    let mut texts = bundle_texts();
    let paper = texts["paper.json"].replacen(
        "\"2004\": {\"countries\"",
        "\"2004\": {\"pecs\": \"999\", \"countries\"",
        1,
    );
    assert_ne!(paper, texts["paper.json"]);
    texts.insert("paper.json".into(), paper);
    let e = refused(&texts);
    assert!(
        e.starts_with("data/paper.json: key \"pecs\" appears twice in tables.1.cells.2004"),
        "{e}"
    );
    let mut texts = bundle_texts();
    let russia =
        texts["russia-2024.json"].replacen("\"sources\": {", "\"sources\": {\"paper\": \"x\", ", 1);
    texts.insert("russia-2024.json".into(), russia);
    let e = refused(&texts);
    assert!(
        e.contains("data/russia-2024.json: key \"paper\" appears twice in sources"),
        "{e}"
    );
}

// Finding 4: duplicate or stray years.

#[test]
fn a_repeated_or_stray_history_year_is_refused() {
    let e = refused(&edited("history.json", |h| {
        let mut copy = h["years"][0].clone();
        copy["pecs"]["pec"][0] = json!(4_000_000_000u64);
        h["years"].as_array_mut().unwrap().insert(1, copy);
    }));
    assert!(
        e.contains("data/history.json: 2004: the year appears twice"),
        "{e}"
    );
    let e = refused(&edited("history.json", |h| {
        h["years"][0]["pecs"]["pec"][0] = json!(4_000_000_000u64)
    }));
    assert!(
        e.contains("2004 PEC 4000000000: unknown PEC: the PECs abroad are numbered 5000..8999"),
        "{e}"
    );
    let e = refused(&edited("history.json", |h| {
        h["years"][0]["year"] = json!(1900)
    }));
    assert!(e.contains("1900: not a year of an earlier election"), "{e}");
    let e = refused(&edited("history.json", |h| {
        h["years"][1]["source"] = json!("cec/abroad-+2008.csv")
    }));
    assert!(
        e.contains("2008: source \"cec/abroad-+2008.csv\" is not cec/abroad-2008.csv"),
        "{e}"
    );
}

// Finding 6: limits.

#[test]
fn oversized_inputs_are_refused_quickly_without_being_echoed() {
    // A 60,000-digit target (within the file's size limit, over the text limit).
    let digits = "9".repeat(60_000);
    let e = refused(&edited("claims.json", |c| {
        c["claims"][0]["test"]["target"] = json!(digits)
    }));
    assert!(
        e.contains("a text of 60000 characters; at most 2000") && e.len() < 300,
        "{}",
        &e[..e.len().min(400)]
    );
    // A target just within the file's text limit but over the test's.
    let e = refused(&edited("claims.json", |c| {
        c["claims"][3]["test"]["than"] = json!("1".repeat(1_000))
    }));
    assert!(
        e.contains("a test text of 1000 characters") && !e.contains(&"1".repeat(30)),
        "{e}"
    );
    // More claims than the sweep may judge on load.
    let e = refused(&edited("claims.json", |c| {
        let first = c["claims"][0].clone();
        let list = c["claims"].as_array_mut().unwrap();
        for i in 0..200 {
            let mut claim = first.clone();
            claim["id"] = json!(format!("copy_{i}"));
            // Short words, so the file stays within its size limit and the count is what fails.
            for field in ["quote_en", "quote_ru", "where", "where_ru"] {
                claim[field] = json!("…");
            }
            list.push(claim);
        }
    }));
    assert!(e.contains("242 claims; the file holds at most 100"), "{e}");
    // A 14 MB claims file is refused by its size before anything reads it (the fingerprint
    // included): at once, even in a debug build.
    let mut texts = bundle_texts();
    texts.insert("claims.json".into(), " ".repeat(14 << 20));
    let started = std::time::Instant::now();
    let e = refused(&texts);
    assert!(
        started.elapsed().as_secs_f64() < 0.5,
        "{:?}",
        started.elapsed()
    );
    assert!(
        e.contains("data/claims.json: 14680064 bytes; a bundle file of this kind holds at most 131072 bytes"),
        "{e}"
    );
}

#[test]
fn a_wrong_value_is_quoted_short() {
    let long = "x".repeat(1_500);
    let e = refused(&edited("pecs-2024.json", |p| {
        pec(p, 8096)["protocol"]["valid"] = json!(long)
    }));
    assert!(e.contains("expected u32"), "{}", &e[..e.len().min(500)]);
    assert!(e.chars().count() < 520, "{} characters", e.chars().count());
    // Found by the claims fuzzer: control characters quoted in a message are escaped, six
    // characters each; the message stays short all the same.
    let predicate = format!("{}count:davankov > count:putin", "\u{7f}".repeat(150));
    let e = refused(&edited("claims.json", |c| {
        let claim = c["claims"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|c| c["test"]["where"].is_array())
            .unwrap();
        claim["test"]["where"][0] = json!(predicate);
    }));
    assert!(e.contains("is not count:COMPONENT"), "{e}");
    assert!(
        e.chars().count() < 520,
        "{} characters: {e}",
        e.chars().count()
    );
}

// Finding 7: "rows shown" with no matching row.

#[test]
fn rows_shown_with_no_match_is_a_header_only_file() {
    let file = engine()
        .download(
            "tab=pecs&q=no-such-place-anywhere",
            "csv",
            "shown",
            "",
            "2026-01-01",
        )
        .unwrap();
    let body = file.text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(body.as_bytes());
    assert!(reader.headers().unwrap().len() > 3);
    assert_eq!(reader.records().count(), 0, "{}", file.text);
    let all = engine()
        .download(
            "tab=pecs&q=no-such-place-anywhere",
            "csv",
            "all",
            "",
            "2026-01-01",
        )
        .unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(all.text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.records().count(), 288);
}

// Finding 9: formula neutralising looks past invisible and look-alike characters.

#[test]
fn formula_like_names_are_neutralised_in_every_disguise() {
    let disguises = [
        " =HYPERLINK(\"http://x\")",
        "\u{a0}=1+1",
        "\u{feff}=1+1",
        "＝1+1",
        "\t=1",
    ];
    for disguise in disguises {
        let mut texts = bundle_texts();
        let pecs = texts["pecs-2024.json"].replace(
            "\"country_en\":\"Israel\"",
            &format!(
                "\"country_en\":{}",
                serde_json::to_string(disguise).unwrap()
            ),
        );
        texts.insert("pecs-2024.json".into(), pecs);
        let engine = load(&texts).unwrap();
        let csv = engine
            .export(
                &reweigh::State::paper(),
                "countries",
                Format::Csv,
                &ExportOptions::default(),
            )
            .unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(csv.as_bytes());
        let cells: Vec<String> = reader
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .collect();
        assert!(
            cells.contains(&format!("'{disguise}")),
            "{disguise:?} not neutralised"
        );
    }
}
