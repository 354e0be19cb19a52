//! The engine's spreadsheet downloads read back under a non-default reading: the workbook
//! (calamine) against the CSV (csv crate, both dialects) and the JSON, cell for cell; the PECs
//! sheet against sums taken from the raw CEC file; the data package (zip crate).

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use reweigh::output::export::{ExportOptions, Format};
use reweigh::output::sheets::Dialect;
use reweigh::{Lang, State};
use std::io::{Cursor, Read};

const READING: &str = "invalid=0.5&base=cast";
const LINK: &str = "https://example.org/reweigh/#invalid=0.5&base=cast";
const DATE: &str = "2026-03-17";

fn state() -> State {
    reweigh::engine::state(READING).unwrap()
}

fn export(table: &str, format: Format, dialect: Dialect) -> String {
    let options = ExportOptions {
        lang: Lang::En,
        generated: DATE.into(),
        dialect: Some(dialect),
        ..ExportOptions::default()
    };
    common::engine()
        .export(&state(), table, format, &options)
        .unwrap()
}

fn read_csv(text: &str, dialect: Dialect) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter())
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn number(field: &str, dialect: Dialect) -> Option<f64> {
    let field = match dialect {
        Dialect::En => field.to_string(),
        Dialect::Ru => field.replace(',', "."),
    };
    field.parse().ok()
}

fn workbook(lang: Lang) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = common::engine()
        .xlsx(&state(), lang, LINK, DATE, None)
        .unwrap();
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn json_number(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

/// A workbook cell as the number the JSON carries: percentages are stored as fractions.
fn xlsx_number(cell: &Data, percent: bool) -> Option<f64> {
    match cell {
        Data::Float(x) => Some(if percent { x * 100.0 } else { *x }),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

#[test]
fn audited_tables_agree_in_workbook_csv_and_json() {
    let mut book = workbook(Lang::En);
    for table in ["2", "3", "text"] {
        let doc: serde_json::Value =
            serde_json::from_str(&export(table, Format::Json, Dialect::En)).unwrap();
        let meta_state = doc["meta"]["state"].as_str().unwrap();
        assert!(meta_state.starts_with("invalid=0.5&") && meta_state.contains("&base=cast&"));
        let csv = read_csv(&export(table, Format::Csv, Dialect::En), Dialect::En);
        let name = if table == "text" {
            "Text figures".to_string()
        } else {
            format!("Table {table}")
        };
        let range = book.worksheet_range(&name).unwrap();
        let sheet: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(
            sheet.len(),
            csv.len(),
            "table {table}: header and one line per cell"
        );
        assert_eq!(csv[0][3], "recomputed");
        let columns = doc["table"]["columns"].as_array().unwrap();
        let mut line = 1;
        let mut compared = 0;
        for row in doc["table"]["rows"].as_array().unwrap() {
            for (column, cell) in columns.iter().zip(row["cells"].as_array().unwrap()) {
                let unit = row["unit"].as_str().or(column["unit"].as_str()).unwrap();
                let percent = unit == "percent";
                assert_eq!(csv[line][0], row["label"]["en"].as_str().unwrap());
                assert_eq!(csv[line][1], column["label"]["en"].as_str().unwrap());
                // recomputed (3), published (4), difference (5)
                let fields = [
                    (3, json_number(&cell["value"])),
                    (4, cell["published"]["value"].as_f64()),
                    (5, cell["diff"].as_f64()),
                ];
                for (i, expected) in fields {
                    let from_csv = number(&csv[line][i], Dialect::En);
                    let from_xlsx = xlsx_number(&sheet[line][i], percent);
                    match expected {
                        Some(x) => {
                            // serde_json's default float parsing may miss the last bit.
                            let c = from_csv.unwrap_or(f64::NAN);
                            assert!(
                                (c - x).abs() <= 4.0 * f64::EPSILON * x.abs(),
                                "table {table} line {line} field {i}: {c} vs {x}"
                            );
                            let y = from_xlsx.unwrap_or_else(|| {
                                panic!("table {table} line {line} field {i}: {:?}", sheet[line][i])
                            });
                            assert!(
                                close(x, y),
                                "table {table} line {line} field {i}: {x} vs {y}"
                            );
                            compared += 1;
                        }
                        None if i == 3
                            && (cell["value"].is_object() || cell["value"].is_boolean()) => {}
                        None => {
                            assert_eq!(csv[line][i], "", "table {table} line {line} field {i}");
                            assert_eq!(sheet[line][i], Data::Empty);
                        }
                    }
                }
                // A cell with nothing published carries no audit.
                let status = cell["status"].as_str().unwrap_or("unpublished");
                let words = match status {
                    "match" => "matches",
                    "differs" => "differs",
                    "unpublished" => "not published",
                    "not_in_data" => "not in the data",
                    other => panic!("status {other}"),
                };
                assert_eq!(csv[line][6], words);
                assert_eq!(sheet[line][6], Data::String(words.into()));
                line += 1;
            }
        }
        assert!(compared > 20, "table {table}: {compared} numbers compared");
    }
}

#[test]
fn the_pecs_sheet_holds_the_raw_protocols_and_the_reading_s_shares() {
    let mut book = workbook(Lang::Ru);
    let range = book.worksheet_range("УИК").unwrap();
    let sheet: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let header: Vec<String> = sheet[0].iter().map(|d| d.to_string()).collect();
    let col = |label: &str| header.iter().position(|h| h.starts_with(label)).unwrap();
    let (issued, share) = (col("Выдано"), col("«Оппозиция», %"));
    let raw = common::raw_2024();
    assert_eq!(sheet.len(), raw.len() + 1);
    for pec in &raw {
        let line = sheet
            .iter()
            .find(|r| r[0] == Data::String(pec.pec.to_string()))
            .unwrap_or_else(|| panic!("PEC {}", pec.pec));
        assert_eq!(
            line[issued],
            Data::Float(pec.issued() as f64),
            "PEC {}",
            pec.pec
        );
        // Half the invalid ballots and Davankov's votes, of the ballots cast.
        let expected = (pec.get(common::INVALID) as f64 / 2.0 + pec.get(common::DAVANKOV) as f64)
            / pec.cast() as f64;
        let Data::Float(got) = line[share] else {
            panic!("PEC {}: {:?}", pec.pec, line[share])
        };
        assert!(
            (got - expected).abs() < 1e-12,
            "PEC {}: {got} vs {expected}",
            pec.pec
        );
    }
}

#[test]
fn csv_dialects_carry_the_same_table() {
    for table in ["countries", "3"] {
        let en = read_csv(&export(table, Format::Csv, Dialect::En), Dialect::En);
        let ru_text = export(table, Format::Csv, Dialect::Ru);
        assert!(ru_text.lines().next().unwrap().contains(';'));
        assert!(!ru_text.lines().any(|l| l.starts_with('#')), "no preamble");
        let ru = read_csv(&ru_text, Dialect::Ru);
        assert_eq!(en.len(), ru.len());
        let mut decimals = 0;
        for (a, b) in en.iter().zip(&ru) {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                match number(x, Dialect::En) {
                    Some(v) if x.contains('.') => {
                        assert!(y.contains(',') && !y.contains('.'), "{x} / {y}");
                        assert_eq!(number(y, Dialect::Ru), Some(v));
                        decimals += 1;
                    }
                    _ => assert_eq!(x, y),
                }
            }
        }
        assert!(decimals > 50, "table {table}: {decimals} decimals");
    }
}

#[test]
fn the_reading_sheet_says_every_assumption() {
    let mut book = workbook(Lang::Ru);
    assert_eq!(book.sheet_names()[0], "Прочтение");
    let range = book.worksheet_range("Прочтение").unwrap();
    let sheet: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let find = |key: &str| {
        sheet
            .iter()
            .find(|r| r[0] == Data::String(key.into()))
            .unwrap()
    };
    assert_eq!(find("invalid")[2], Data::String("50%".into()));
    assert_eq!(find("invalid")[3], Data::String("100%".into()));
    assert_eq!(find("invalid")[4], Data::Bool(false));
    assert_eq!(find("davankov")[4], Data::Bool(true));
    let text: Vec<String> = sheet.iter().flatten().map(|d| d.to_string()).collect();
    assert!(text.contains(&LINK.to_string()));
    assert!(text.contains(&DATE.to_string()));
    let sources = book.worksheet_range("Источники").unwrap();
    let hashes = sources
        .rows()
        .filter(|r| r[3].to_string().len() == 64)
        .count();
    assert_eq!(hashes, common::engine().bundle().manifest.sources.len());
}

#[test]
fn the_data_package_reads_back() {
    let engine = common::engine();
    let bytes = engine
        .zip(&state(), Lang::Ru, Dialect::Ru, LINK, DATE)
        .unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let folder = "reweigh-".to_string() + &reweigh::engine::sources::reading_id(&state());
    for table in reweigh::engine::TABLE_IDS {
        let mut text = String::new();
        zip.by_name(&format!("{folder}/table-{table}.csv"))
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let options = ExportOptions {
            lang: Lang::Ru,
            generated: DATE.into(),
            bom: true,
            dialect: Some(Dialect::Ru),
            ..ExportOptions::default()
        };
        assert_eq!(
            text,
            engine
                .export(&state(), table, Format::Csv, &options)
                .unwrap()
        );
        let mut json = String::new();
        zip.by_name(&format!("{folder}/table-{table}.json"))
            .unwrap()
            .read_to_string(&mut json)
            .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["meta"]["table"], table);
        assert_eq!(doc["meta"]["generated"], DATE);
    }
    assert_eq!(
        names.len(),
        2 * reweigh::engine::TABLE_IDS.len() + 1,
        "{names:?}"
    );
    let mut readme = String::new();
    zip.by_name(&format!("{folder}/README.md"))
        .unwrap()
        .read_to_string(&mut readme)
        .unwrap();
    let paper = &engine.bundle().paper.paper;
    for needle in [
        LINK,
        DATE,
        "invalid=0.5&",
        "Недействительные",
        "50%",
        "sep=';', decimal=','",
        paper.doi.as_str(),
        paper.author.as_str(),
        "MIT",
        "github.com/dkobak/elections",
    ] {
        assert!(readme.contains(needle), "README lacks {needle:?}");
    }
    for source in &engine.bundle().manifest.sources {
        assert!(readme.contains(&source.sha256), "{}", source.path);
    }
}

/// Abroad among Russia's regions: each line names its place (the table has no text column of
/// its own), in the CSV and in the workbook, whose sheet is named by the table's title.
#[test]
fn the_russia_ranking_names_each_place_in_the_csv_and_the_workbook() {
    let csv = read_csv(&export("russia", Format::Csv, Dialect::En), Dialect::En);
    let doc: serde_json::Value =
        serde_json::from_str(&export("russia", Format::Json, Dialect::En)).unwrap();
    let rows = doc["table"]["rows"].as_array().unwrap();
    assert_eq!(csv[0][0], "Region");
    assert_eq!(csv[0][1], "Rank");
    assert_eq!(csv.len(), rows.len() + 1);
    for (line, row) in csv[1..].iter().zip(rows) {
        assert_eq!(line[0], row["label"]["en"].as_str().unwrap());
        assert!(!line[0].is_empty());
    }
    assert!(csv.iter().any(|l| l[0] == "Republic of Karelia"));
    assert!(csv.iter().any(|l| l[0].starts_with("Abroad")));
    for (lang, name, header) in [
        (Lang::En, "Abroad among Russia’s regions", "Region"),
        (Lang::Ru, "Зарубежье среди регионов России", "Регион"),
    ] {
        let mut book = workbook(lang);
        assert!(
            !book.sheet_names().iter().any(|s| s.contains("russia")),
            "{:?}",
            book.sheet_names()
        );
        let range = book.worksheet_range(name).unwrap();
        let first = range.rows().next().unwrap();
        assert_eq!(first[0], Data::String(header.into()));
        assert_eq!(range.rows().count(), rows.len() + 1);
    }
}
