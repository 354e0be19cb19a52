//! The command line: output shapes and values (summed here from the raw CSV), exit codes, bad
//! arguments refused with a message and exit code 2, broken bundles with exit code 1.

mod common;

use common::fixture::{Surface, broken_bundles};
use common::*;
use std::process::{Command, Output};

fn reweigh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reweigh"))
        .args(args)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn compute_prints_the_documented_shape() {
    let out = reweigh(&["compute", "--state", "invalid=0.5&base=valid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["state"],
        "invalid=0.5&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=valid&baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper&russia=cec_total"
    );
    let keys = [
        "id",
        "name",
        "countries",
        "pecs",
        "issued",
        "cast",
        "valid",
        "invalid",
        "unreturned",
        "early",
        "mobile",
        "votes",
        "opposition",
        "opposition_share",
        "putin_share",
        "opposition_wins",
    ];
    for list in ["regions", "countries", "pecs"] {
        let first = &doc[list][0];
        for key in keys {
            assert!(first.get(key).is_some(), "{list}[0] has no {key}");
        }
    }
    for key in keys {
        assert!(doc["total"].get(key).is_some(), "total has no {key}");
    }
    // Every text in both languages.
    assert_eq!(doc["total"]["name"]["en"], "Abroad, total");
    assert_eq!(doc["total"]["name"]["ru"], "Всего за рубежом");
    assert!(
        doc["pecs"][0]["country"]["ru"].is_string() && doc["pecs"][0]["city"]["en"].is_string()
    );
    for c in ["davankov", "putin", "slutsky", "kharitonov"] {
        assert!(doc["total"]["votes"][c].is_i64());
    }
    assert_eq!(doc["regions"][0]["id"], "post_soviet");
    assert!(doc["wins"]["pecs"].is_u64() && doc["wins"]["countries"].is_u64());
    // invalid counts half: opposition = invalid/2 + Davankov, exactly.
    let t = &doc["total"];
    let expected = t["invalid"].as_f64().unwrap() / 2.0 + t["votes"]["davankov"].as_f64().unwrap();
    assert_eq!(t["opposition"].as_f64().unwrap(), expected);
}

#[test]
fn tables_in_every_format() {
    for format in ["csv", "json", "md"] {
        let out = reweigh(&["tables", "--table", "2", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("380961") || text.contains("380 961"),
            "{format}"
        );
    }
    // CSV holds a header and data only, in the language's dialect unless another is asked for.
    let out = reweigh(&["tables", "--table", "3", "--format", "csv", "--lang", "ru"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Европа"));
    assert!(text.lines().all(|l| !l.starts_with('#')), "no preamble");
    assert!(text.starts_with("строка;столбец;"), "{}", &text[..40]);
    let out = reweigh(&[
        "tables",
        "--table",
        "3",
        "--format",
        "csv",
        "--lang",
        "ru",
        "--dialect",
        "en",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("строка,столбец,"), "{}", &text[..40]);
    // The state and the date reach the reader in the JSON's meta and the package's README.
    let out = reweigh(&[
        "tables",
        "--table",
        "3",
        "--format",
        "json",
        "--state",
        "invalid=0.5",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["meta"]["state"]
            .as_str()
            .unwrap()
            .starts_with("invalid=0.5&")
    );
    assert_eq!(doc["meta"]["generated"].as_str().unwrap().len(), 10);
}

#[test]
fn workbook_and_package_go_to_stdout_as_bytes() {
    let out = reweigh(&[
        "tables",
        "--format",
        "xlsx",
        "--lang",
        "ru",
        "--state",
        "invalid=0.5",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"PK\x03\x04"), "an XLSX is a ZIP");
    let out = reweigh(&[
        "tables",
        "--format",
        "zip",
        "--lang",
        "ru",
        "--state",
        "invalid=0.5",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out.stdout)).unwrap();
    let name = zip
        .file_names()
        .find(|n| n.ends_with("/README.md"))
        .expect("a README")
        .to_string();
    let mut readme = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut readme).unwrap();
    assert!(readme.contains("invalid=0.5&"), "the reading");
    assert!(
        readme.contains("Недействительные") && readme.contains("50%"),
        "in words, in Russian"
    );
}

#[test]
fn bad_state_is_refused_naming_the_key() {
    let out = reweigh(&["compute", "--state", "invalid=1.5&colour=red"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("`invalid=1.5`: out of range; allowed: a number from 0 to 1"),
        "{err}"
    );
    assert!(err.contains("`colour=red`: unknown key"), "{err}");
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        vec!["tables", "--table", "9"],
        vec!["tables", "--format", "xls"],
        vec!["tables", "--lang", "de"],
        vec!["tables", "--format", "csv", "--dialect", "fr"],
        vec!["frobnicate"],
        vec!["compute", "--nope"],
    ] {
        let out = reweigh(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

/// Each kind of broken bundle (the shared cases): the CLI exits 1 naming the file, the record
/// and the problem.
#[test]
fn a_broken_bundle_exits_1_naming_file_and_record() {
    for case in broken_bundles() {
        let dir = std::env::temp_dir().join(format!(
            "reweigh-cli-bad-{}-{}",
            std::process::id(),
            case.name.replace(' ', "-")
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in case.bundle() {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let out = reweigh(&["--data", dir.to_str().unwrap(), "check"]);
        assert_eq!(out.status.code(), Some(1), "{}", case.name);
        assert!(out.stdout.is_empty(), "{}: nothing on stdout", case.name);
        let err = stderr(&out);
        for needle in case.message(Surface::Cli) {
            assert!(err.contains(&needle), "{}: {err}", case.name);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn import_check_passes_on_the_committed_bundle() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = reweigh(&[
        "import",
        "--raw",
        &format!("{root}/data/raw"),
        "--out",
        &format!("{root}/data"),
        "--check",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

/// Every key of README's table, in its order, with the paper's value.
const README_KEYS: [(&str, &str); 12] = [
    ("invalid", "1"),
    ("davankov", "1"),
    ("slutsky", "0"),
    ("kharitonov", "0"),
    ("unreturned", "0"),
    ("base", "issued"),
    ("baltics", "post_soviet"),
    ("disputed", "include"),
    ("win", "plurality"),
    ("min_issued", "0"),
    ("regions", "paper"),
    ("russia", "cec_total"),
];

#[test]
fn vocabulary_lists_readmes_keys_with_the_papers_values() {
    let out = reweigh(&["vocabulary"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys = doc.as_array().expect("a list of keys");
    assert_eq!(keys.len(), README_KEYS.len());
    for (k, (name, paper)) in keys.iter().zip(README_KEYS) {
        assert_eq!(k["key"], name);
        assert_eq!(k["paper"], paper, "{name}");
        for lang in ["en", "ru"] {
            assert!(
                k["label"][lang].as_str().is_some_and(|t| !t.is_empty()),
                "{name} {lang}"
            );
        }
    }
    let kinds: Vec<&str> = keys.iter().map(|k| k["kind"].as_str().unwrap()).collect();
    assert_eq!(&kinds[..5], ["weight"; 5]);
}

#[test]
fn check_reports_the_bundle_with_counts_from_the_raw_files() {
    let out = reweigh(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let raw = raw_2024();
    let countries: std::collections::BTreeSet<String> = raw_locations()
        .into_values()
        .map(|(country, _, _)| country)
        .filter(|c| !c.is_empty())
        .collect();
    assert!(
        text.starts_with(&format!(
            "bundle OK: {} PECs in 2024, {} countries established\n",
            raw.len(),
            countries.len()
        )),
        "{text}"
    );
    for year in [2004, 2008, 2012, 2018, 2024] {
        let path = root().join(format!("data/raw/cec/abroad-{year}.csv"));
        let protocols = csv::Reader::from_path(path).unwrap().records().count();
        assert!(
            text.contains(&format!(
                "  {year}: {protocols} protocols, 0 break a control relation\n"
            )),
            "{year}: {text}"
        );
    }
    let paper: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/paper.json")).unwrap())
            .unwrap();
    let cells: usize = paper["tables"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|t| t["cells"].as_object().unwrap().values())
        .map(|row| row.as_object().unwrap().len())
        .sum();
    let figures = paper["text"].as_array().unwrap().len();
    assert!(
        text.contains(&format!(
            "paper: {cells} published cells, {figures} text figures"
        )),
        "{text}"
    );
}

/// How many claims data/claims.json holds, read independently of the engine.
fn claim_count() -> usize {
    let text = std::fs::read_to_string(root().join("data/claims.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["claims"].as_array().unwrap().len()
}

/// Two readings, the paper's and the same with base=cast; every other key fixed.
const TWO: &str = "invalid=1&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued,cast\
    &baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper&russia=cec_total";

#[test]
fn sweep_over_a_grid_gives_the_verdicts_summed_from_the_raw_csv() {
    let out = reweigh(&["sweep", "--grid", TWO, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let claims = claim_count();
    assert!(stderr(&out).starts_with(&format!("2 readings × {claims} claims in ")));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["meta"]["readings"], 2);
    assert_eq!(doc["meta"]["grid_query"], TWO.replace("    ", ""));
    let claim = |id: &str| {
        doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no claim {id}"))
            .clone()
    };
    let raw = raw_2024();
    let sum = |f: &dyn Fn(&RawPec) -> i64| raw.iter().map(f).sum::<i64>() as f64;
    let (davankov, putin) = (sum(&|p| p.get(DAVANKOV)), sum(&|p| p.get(PUTIN)));
    let (issued, cast) = (sum(&|p| p.issued()), sum(&|p| p.cast()));
    // Davankov's 16,65% is his share of ballots cast: it holds in one reading of two; of
    // ballots issued it shows as 16,64, off in the last printed digit.
    let d = claim("davankov_share_table2");
    assert_eq!(
        (
            &d["holds"],
            &d["off_last_digit"],
            &d["fails"],
            &d["not_applicable"]
        ),
        (&1.into(), &1.into(), &0.into(), &0.into())
    );
    assert_eq!(d["share_holding"], 0.5);
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-9;
    assert!(close(&d["min"], 100.0 * davankov / issued), "{d}");
    assert!(close(&d["max"], 100.0 * davankov / cast), "{d}");
    assert_eq!(d["paper"]["verdict"], "off_last_digit");
    assert_eq!(
        d["nearest_other"],
        TWO.replace("    ", "").replace("issued,cast", "cast")
    );
    // The one reading that differs from the paper's differs in the base: all of it is the base's.
    assert_eq!(d["importance"]["differs"], 0.5);
    assert_eq!(d["importance"]["keys"][0]["key"], "base");
    assert_eq!(d["importance"]["keys"][0]["share"], 0.5);
    let p = claim("putin_above_72");
    assert!(close(&p["min"], 100.0 * putin / issued) && close(&p["max"], 100.0 * putin / cast));
    assert_eq!(p["holds"], 2);
    // The same sweep as CSV and Markdown.
    let csv_out = reweigh(&["sweep", "--grid", TWO, "--format", "csv"]);
    assert_eq!(csv_out.status.code(), Some(0));
    let text = stdout(&csv_out);
    // Header and data only (issue 14): opens in pandas and spreadsheets with no options.
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    assert!(
        body.starts_with("claim,title_en,title_ru,where_en,where_ru,"),
        "{body}"
    );
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), claim_count());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| &r[0] == "davankov_share_table2")
        .unwrap();
    assert_eq!(
        (
            &row[col("holds")],
            &row[col("off_last_digit")],
            &row[col("fails")]
        ),
        ("1", "1", "0")
    );
    assert_eq!(&row[col("title_ru")], "Доля Даванкова: 16,65%");
    assert!(row[col("quote_ru")].contains("16,65"));
    let md = reweigh(&["sweep", "--grid", TWO]);
    assert_eq!(md.status.code(), Some(0));
    // The claim by its title, its place, and its verdicts counted apart.
    assert!(
        stdout(&md).contains(
            "| Davankov's share: 16.65% | Table 2 | off in the last printed digit (16.64) | 1 / 1 / 0 | 50.0% |"
        ),
        "{}",
        stdout(&md)
    );
}

#[test]
fn the_default_sweep_has_450_000_readings() {
    let out = reweigh(&["sweep", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["meta"]["readings"],
        5 * 5 * 5 * 5 * 5 * 3 * 2 * 2 * 2 * 2 * 3
    );
    let claims = doc["claims"].as_array().unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/claims.json")).unwrap())
            .unwrap();
    assert_eq!(claims.len(), listed["claims"].as_array().unwrap().len());
    let won = claims
        .iter()
        .find(|c| c["id"] == "putin_won_abroad")
        .unwrap();
    assert_eq!(won["holds"], 450_000);
}

#[test]
fn a_bad_grid_or_format_exits_2_naming_it() {
    for (args, needle) in [
        (
            vec!["sweep", "--grid", "invalid=0,2"],
            "`invalid=2`: out of range",
        ),
        (
            vec!["sweep", "--grid", "colour=red"],
            "`colour=red`: unknown key",
        ),
        (vec!["sweep", "--grid", "base=issued&base=cast"], "base"),
        (
            vec![
                "sweep",
                "--grid",
                "min_issued=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14",
            ],
            "readings",
        ),
        (vec!["sweep", "--format", "xls"], "unknown --format \"xls\""),
    ] {
        let out = reweigh(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn tables_in_russian() {
    let out = reweigh(&["tables", "--lang", "ru"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for title in [
        "## Таблица 1",
        "## Таблица 2",
        "## Таблица 3",
        "## Таблица 4",
    ] {
        assert!(text.contains(title), "{title}");
    }
    assert!(text.contains("| Даванков В.А. |") && text.contains("Европа"));
    for english in [
        "## Table",
        "Davankov V.A.",
        "| Europe |",
        "| Post-Soviet space",
    ] {
        assert!(
            !text.contains(english),
            "English {english:?} on the Russian page"
        );
    }
    // The CSV in Russian: the same rows as in English, Russian labels, numbers as numbers.
    let read = |lang: &str| {
        let out = reweigh(&["tables", "--table", "3", "--format", "csv", "--lang", lang]);
        assert_eq!(out.status.code(), Some(0));
        // Each language's dialect: `,` in English, `;` and the decimal comma in Russian.
        let delimiter = if lang == "ru" { b';' } else { b',' };
        let body = stdout(&out).trim_start_matches('\u{feff}').to_string();
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(body.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
    };
    let (en, ru) = (read("en"), read("ru"));
    assert_eq!(en.len(), ru.len());
    for (e, r) in en.iter().zip(&ru) {
        assert_eq!(
            e[3].replace('.', ","),
            r[3],
            "the same value, in each language's format"
        );
    }
    let europe = ru
        .iter()
        .find(|r| &r[1] == "Европа" && r[0].starts_with("Выдано бюллетеней"))
        .unwrap();
    assert_eq!(&europe[1], "Европа");
    let raw = raw_2024();
    let locations = raw_locations();
    let issued: i64 = raw
        .iter()
        .filter(|p| locations[&p.pec].1 == "europe")
        .map(|p| p.issued())
        .sum();
    assert_eq!(europe[3], issued.to_string());
    let bad = reweigh(&["tables", "--lang", "ru", "--state", "invalid=2"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("вне допустимого диапазона"),
        "{}",
        stderr(&bad)
    );
}

/// A scratch copy of data/ (raw files, transcribed and generated files) and a shipped.rs path.
struct Scratch {
    dir: std::path::PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::temp_dir().join(format!("reweigh-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_tree(&root.join("data"), &dir.join("data"));
        std::fs::copy(root.join("src/data/shipped.rs"), dir.join("shipped.rs")).unwrap();
        Scratch { dir }
    }
    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.dir.join(rel)
    }
    fn import(&self) -> Output {
        let (raw, out, shipped) = (
            self.path("data/raw"),
            self.path("data"),
            self.path("shipped.rs"),
        );
        reweigh(&[
            "import",
            "--raw",
            raw.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--shipped",
            shipped.to_str().unwrap(),
        ])
    }
    /// Every file's bytes, to prove that nothing was written.
    fn snapshot(&self) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![self.dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    files.push((path, bytes));
                }
            }
        }
        files.sort();
        files
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Issue 11, finding 5: a location row that makes the bundle unloadable (PEC 8094 moved to
/// Europe splits Israel across two regions) is refused by the importer, and nothing is written.
#[test]
fn the_importer_writes_nothing_the_loader_would_refuse() {
    let scratch = Scratch::new("import-refused");
    let locations = scratch.path("data/raw/locations/pecs-abroad-2024.csv");
    let text = std::fs::read_to_string(&locations).unwrap();
    let moved = text.replacen(
        "8094,IL,Israel,Израиль,Tel Aviv,Тель-Авив,middle_east,",
        "8094,IL,Israel,Израиль,Tel Aviv,Тель-Авив,europe,",
        1,
    );
    assert_ne!(moved, text);
    std::fs::write(&locations, moved).unwrap();
    let before = scratch.snapshot();
    let out = scratch.import();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("data/pecs-2024.json: the loader refuses what the importer would write (PEC 8094: country IL: region")
            && err.contains("nothing is written"),
        "{err}"
    );
    assert!(before == scratch.snapshot(), "the importer wrote a file");
}

/// Finding 4: a raw file whose name merely parses as a year is refused, naming it.
#[test]
fn the_importer_refuses_a_stray_raw_file() {
    let scratch = Scratch::new("import-stray");
    std::fs::copy(
        scratch.path("data/raw/cec/abroad-2018.csv"),
        scratch.path("data/raw/cec/abroad-+2018.csv"),
    )
    .unwrap();
    let before = scratch.snapshot();
    let out = scratch.import();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("data/raw/cec/abroad-+2018.csv: not a file the importer reads"),
        "{err}"
    );
    assert!(before == scratch.snapshot());
}

/// The importer on an unchanged copy reproduces every file, the shipped fingerprint included.
#[test]
fn the_importer_reproduces_the_committed_files() {
    let scratch = Scratch::new("import-same");
    let before = scratch.snapshot();
    let out = scratch.import();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(before == scratch.snapshot(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 in the national file"),
        "{}",
        stderr(&out)
    );
}

/// Finding 1 at the command line: a national total that would wrap exits 1.
#[test]
fn check_exits_1_on_a_wrapping_national_total() {
    let scratch = Scratch::new("check-wrap");
    let path = scratch.path("data/russia-2024.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("\"value\": 3362484", "\"value\": 18446744073709551615", 1)
        .replacen("\"value\": 76277708", "\"value\": 1", 1);
    std::fs::write(&path, text).unwrap();
    let out = reweigh(&["--data", scratch.path("data").to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("data/russia-2024.json") && stderr(&out).contains("expected u32"),
        "{}",
        stderr(&out)
    );
}

/// Finding 2 at the command line: the shipped bundle says so; another bundle says it is not.
#[test]
fn check_says_whether_the_bundle_is_the_shipped_one() {
    let out = reweigh(&["check"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("This is the bundle reweigh"), "{text}");
    assert!(text.contains("anomalies accepted: none"), "{text}");
    let scratch = Scratch::new("check-other");
    let path = scratch.path("data/claims.json");
    let mut claims = std::fs::read_to_string(&path).unwrap();
    claims.push('\n');
    std::fs::write(&path, claims).unwrap();
    let out = reweigh(&["--data", scratch.path("data").to_str().unwrap(), "check"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("This is NOT the bundle reweigh"), "{text}");
}

/// Finding 8: control characters typed in an argument never reach the terminal raw.
#[test]
fn control_characters_are_escaped_in_messages() {
    let out = reweigh(&["compute", "--state", "invalid=%1B%5B2J%0Afake: line"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.lines().all(|l| !l.starts_with("fake: line")), "{err:?}");
    assert!(err.contains("\\u{1b}[2J\\nfake: line"), "{err:?}");
}

/// Finding 10: a `+` that decoded to a space is said so; a value with no key names the keys.
#[test]
fn messages_say_what_a_plus_and_a_missing_key_mean() {
    let err = stderr(&reweigh(&["compute", "--state", "invalid=+0.5"]));
    assert!(
        err.contains("`invalid= 0.5`: contains a space (a \"+\" in a link stands for a space)"),
        "{err}"
    );
    let err = stderr(&reweigh(&["compute", "--state", "=0.5"]));
    assert!(
        err.contains("a value without a key") && err.contains("invalid, davankov"),
        "{err}"
    );
}

/// `import --check` fails when the shipped fingerprint is stale.
#[test]
fn import_check_fails_on_a_stale_shipped_fingerprint() {
    let scratch = Scratch::new("import-stale");
    let shipped = scratch.path("shipped.rs");
    let text = std::fs::read_to_string(&shipped).unwrap();
    let stale: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with('"') {
                format!("    \"{}\";", "0".repeat(64))
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_ne!(stale.join("\n") + "\n", text);
    std::fs::write(&shipped, stale.join("\n") + "\n").unwrap();
    let (raw, out) = (scratch.path("data/raw"), scratch.path("data"));
    let result = reweigh(&[
        "import",
        "--raw",
        raw.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--shipped",
        shipped.to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("shipped.rs"),
        "{}",
        stderr(&result)
    );
}
