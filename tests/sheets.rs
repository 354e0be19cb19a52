//! The spreadsheet downloads read back: the workbook with calamine (values, sheet names) and its
//! own XML (number formats, frozen panes, autofilter), the CSV with the csv crate under both
//! dialects, the package with the zip crate.

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use proptest::prelude::*;
use reweigh::output::sheets::{
    CellValue, Column, ColumnKind, Dialect, Lang, Package, PackageFile, Sheet, SheetError,
    Workbook, csv, looks_like_formula, package, xlsx,
};
use std::io::{Cursor, Read};

fn column(label: &str, kind: ColumnKind) -> Column {
    Column {
        label: label.into(),
        kind,
        width: None,
    }
}

fn text(t: &str) -> CellValue {
    CellValue::Text(t.into())
}

/// A countries-like table: counts, a share in points, a difference, a flag, formula-like text.
fn countries() -> Sheet {
    use CellValue::*;
    Sheet {
        name: "Countries: 2024 [recomputed]".into(),
        columns: vec![
            column("Country", ColumnKind::Text),
            column("Voters", ColumnKind::Count),
            column("Putin, %", ColumnKind::Percent(2)),
            column("Difference, pp", ColumnKind::Number(3)),
            column("Opposition wins", ColumnKind::Flag),
        ],
        rows: vec![
            vec![
                text("Germany"),
                Int(27_481),
                Num(62.187_5),
                Num(-0.25),
                Bool(true),
            ],
            vec![
                text("=HYPERLINK(\"http://x\")"),
                Int(1_234_567),
                Num(87.28),
                Num(1.5e-7),
                Bool(false),
            ],
            vec![
                text("Кот-д’Ивуар; «юг»"),
                Int(0),
                Empty,
                Num(f64::NAN),
                Empty,
            ],
            vec![text("-5"), Int(-3), Num(100.0), Num(0.0), Bool(true)],
        ],
        freeze_first_column: true,
    }
}

/// Table 3's shape: region columns whose rows mix counts and shares.
fn mixed() -> Sheet {
    use CellValue::*;
    Sheet {
        name: "Table 3".into(),
        columns: vec![
            column("", ColumnKind::Text),
            column("Europe", ColumnKind::Count),
            column("Total", ColumnKind::Count),
        ],
        rows: vec![
            vec![text("Issued"), Int(120_000), Int(300_001)],
            vec![text("Putin, %"), Percent(72.250_71, 2), Percent(65.1, 1)],
        ],
        freeze_first_column: false,
    }
}

fn reading() -> Sheet {
    Sheet {
        name: "Reading".into(),
        columns: vec![
            column("Key", ColumnKind::Text),
            column("Value", ColumnKind::Text),
        ],
        rows: vec![
            vec![
                text("permalink"),
                CellValue::Link("https://example.org/reweigh/#base=valid".into()),
            ],
            vec![
                text("not a link"),
                CellValue::Link("javascript:alert(1)".into()),
            ],
        ],
        freeze_first_column: false,
    }
}

fn workbook() -> Workbook {
    Workbook {
        sheets: vec![
            countries(),
            mixed(),
            reading(),
            Sheet {
                name: "table 3".into(),
                ..mixed()
            },
        ],
        lang: Lang::En,
        title: "reweigh: Bocharov (2024) recomputed".into(),
        comment: "base=valid".into(),
        created: Some("2026-03-17T10:00:00Z".into()),
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut out = Vec::new();
            file.read_to_end(&mut out).unwrap();
            (file.name().to_string(), out)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let files = unzip(bytes);
    let (_, data) = files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name}"));
    String::from_utf8(data.clone()).unwrap()
}

/// An XML attribute's value in `element`.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    element[start..].split('"').next()
}

/// The number format of a cell ("B2"), resolved through the styles as Excel does.
fn number_format(xlsx_bytes: &[u8], sheet: usize, cell: &str) -> String {
    let sheet_xml = part(xlsx_bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
    let at = sheet_xml
        .find(&format!("<c r=\"{cell}\""))
        .expect("the cell is written");
    let element = &sheet_xml[at..at + sheet_xml[at..].find('>').unwrap()];
    let style: usize = attribute(element, "s").map_or(0, |s| s.parse().unwrap());
    let styles = part(xlsx_bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id = attribute(&format!(" {xf}"), "numFmtId")
        .unwrap()
        .to_string();
    let builtin = match id.as_str() {
        "0" => Some("General"),
        "3" => Some("#,##0"),
        "4" => Some("#,##0.00"),
        "9" => Some("0%"),
        "10" => Some("0.00%"),
        _ => None,
    };
    if let Some(code) = builtin {
        return code.into();
    }
    let custom = styles
        .split("<numFmt ")
        .skip(1)
        .find(|f| attribute(&format!(" {f}"), "numFmtId") == Some(&id))
        .unwrap_or_else(|| panic!("format {id}"));
    attribute(&format!(" {custom}"), "formatCode")
        .unwrap()
        .replace("&quot;", "\"")
}

#[test]
fn the_workbook_reads_back_with_its_values_and_safe_sheet_names() {
    let bytes = xlsx(&workbook()).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Countries- 2024 (recomputed)",
            "Table 3",
            "Reading",
            "table 3 (2)"
        ]
    );
    let range = book
        .worksheet_range("Countries- 2024 (recomputed)")
        .unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let s = |t: &str| Data::String(t.into());
    assert_eq!(
        rows[0],
        [
            s("Country"),
            s("Voters"),
            s("Putin, %"),
            s("Difference, pp"),
            s("Opposition wins")
        ]
    );
    // Text is stored as text: nothing to neutralise, nothing lost.
    assert_eq!(rows[2][0], s("=HYPERLINK(\"http://x\")"));
    assert_eq!(rows[3][0], s("Кот-д’Ивуар; «юг»"));
    assert_eq!(rows[4][0], s("-5"));
    // Counts and differences as numbers; shares as fractions.
    assert_eq!(rows[1][1], Data::Float(27_481.0));
    assert_eq!(rows[2][1], Data::Float(1_234_567.0));
    assert_eq!(rows[4][1], Data::Float(-3.0));
    assert_eq!(rows[1][2], Data::Float(62.187_5 / 100.0));
    assert_eq!(rows[4][2], Data::Float(1.0));
    assert_eq!(rows[1][3], Data::Float(-0.25));
    assert_eq!(rows[2][3], Data::Float(1.5e-7));
    assert_eq!(rows[1][4], Data::Bool(true));
    assert_eq!(rows[2][4], Data::Bool(false));
    // Empty cells and NaN stay empty.
    assert_eq!(rows[3][2], Data::Empty);
    assert_eq!(rows[3][3], Data::Empty);

    let mixed = book.worksheet_range("Table 3").unwrap();
    assert_eq!(mixed.get_value((1, 2)), Some(&Data::Float(300_001.0)));
    assert_eq!(
        mixed.get_value((2, 1)),
        Some(&Data::Float(72.250_71 / 100.0))
    );
    let reading = book.worksheet_range("Reading").unwrap();
    assert_eq!(reading.get_value((2, 1)), Some(&s("javascript:alert(1)")));

    let countries_xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!countries_xml.contains("<f>"), "no cell is a formula");
    assert!(
        countries_xml.contains("<autoFilter ref=\"A1:E5\"/>"),
        "{countries_xml}"
    );
    assert!(countries_xml.contains("xSplit=\"1\" ySplit=\"1\" topLeftCell=\"B2\""));
    let mixed_xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(mixed_xml.contains("ySplit=\"1\" topLeftCell=\"A2\""));
    assert!(!mixed_xml.contains("xSplit"));
    let reading_xml = part(&bytes, "xl/worksheets/sheet3.xml");
    assert_eq!(
        reading_xml.matches("<hyperlink ").count(),
        1,
        "only the http(s) link"
    );
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("2026-03-17T10:00:00Z"), "{core}");
    assert!(core.contains("reweigh: Bocharov (2024) recomputed"));
}

#[test]
fn numbers_carry_their_display_formats() {
    let bytes = xlsx(&workbook()).unwrap();
    assert_eq!(number_format(&bytes, 1, "A2"), "General");
    assert_eq!(number_format(&bytes, 1, "B2"), "#,##0");
    assert_eq!(number_format(&bytes, 1, "C2"), "0.00%");
    assert_eq!(number_format(&bytes, 1, "D2"), "#,##0.000");
    assert_eq!(number_format(&bytes, 2, "B2"), "#,##0");
    assert_eq!(number_format(&bytes, 2, "B3"), "0.00%");
    assert_eq!(number_format(&bytes, 2, "C3"), "0.0%");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("<b/>"), "the header is bold");
}

/// The issue's cross-check at this level: each CSV number equals the workbook's (shares /100).
#[test]
fn the_workbook_and_both_csv_dialects_hold_the_same_numbers() {
    let sheet = countries();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx(&workbook()).unwrap())).unwrap();
    let range = book
        .worksheet_range("Countries- 2024 (recomputed)")
        .unwrap();
    for dialect in [Dialect::En, Dialect::Ru] {
        let text = csv(&sheet, dialect).unwrap();
        let records = read_csv(&text, dialect);
        assert_eq!(records.len(), sheet.rows.len() + 1);
        for (r, record) in records.iter().enumerate().skip(1) {
            for (c, field) in record.iter().enumerate() {
                let in_book = range.get_value((r as u32, c as u32)).unwrap();
                match (in_book, sheet.columns[c].kind) {
                    (Data::Float(x), ColumnKind::Percent(_)) => {
                        assert_eq!(parse(field, dialect) / 100.0, *x, "row {r} column {c}")
                    }
                    (Data::Float(x), _) => assert_eq!(parse(field, dialect), *x),
                    (Data::Bool(b), _) => assert_eq!(field, &b.to_string()),
                    (Data::Empty, _) => assert_eq!(field, ""),
                    (Data::String(s), _) => assert!(field == s || *field == format!("'{s}")),
                    (other, _) => panic!("unexpected {other:?}"),
                }
            }
        }
    }
}

fn read_csv(text: &str, dialect: Dialect) -> Vec<Vec<String>> {
    assert!(text.starts_with('\u{feff}'), "UTF-8 with a byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter())
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn parse(field: &str, dialect: Dialect) -> f64 {
    match dialect {
        Dialect::En => {
            assert!(!field.contains(','));
            field.parse().unwrap()
        }
        Dialect::Ru => {
            assert!(!field.contains('.'), "{field}");
            field.replace(',', ".").parse().unwrap()
        }
    }
}

#[test]
fn csv_dialects_differ_in_separator_and_decimal_mark_only() {
    let en = csv(&countries(), Dialect::En).unwrap();
    let ru = csv(&countries(), Dialect::Ru).unwrap();
    // The header row first (after the byte-order mark), then the data: no preamble.
    assert_eq!(
        en.lines().next().unwrap(),
        "\u{feff}Country,Voters,\"Putin, %\",\"Difference, pp\",Opposition wins"
    );
    assert_eq!(
        ru.lines().next().unwrap(),
        "\u{feff}Country;Voters;Putin, %;Difference, pp;Opposition wins"
    );
    assert_eq!((en.lines().count(), ru.lines().count()), (5, 5));
    assert_eq!(
        en.lines().nth(2).unwrap(),
        "\"'=HYPERLINK(\"\"http://x\"\")\",1234567,87.28,0.00000015,false"
    );
    assert_eq!(
        ru.lines().nth(2).unwrap(),
        "\"'=HYPERLINK(\"\"http://x\"\")\";1234567;87,28;0,00000015;false"
    );
    // A separator inside text is quoted.
    assert_eq!(ru.lines().nth(3).unwrap(), "\"Кот-д’Ивуар; «юг»\";0;;;");
    assert_eq!(en.lines().nth(3).unwrap(), "Кот-д’Ивуар; «юг»,0,,,");
    assert_eq!(en.lines().nth(4).unwrap(), "'-5,-3,100,0,true");
}

#[test]
fn bad_input_is_named() {
    let mut short = countries();
    short.rows[1].pop();
    assert_eq!(
        csv(&short, Dialect::En).unwrap_err().to_string(),
        "sheet \"Countries: 2024 [recomputed]\", row 2: 4 cells for 5 columns"
    );
    let book = Workbook {
        sheets: vec![short],
        ..workbook()
    };
    assert!(matches!(
        xlsx(&book),
        Err(SheetError::RowLength { row: 2, .. })
    ));
    let none = Workbook {
        sheets: vec![],
        ..workbook()
    };
    assert_eq!(xlsx(&none), Err(SheetError::NoSheets));
    let dated = Workbook {
        created: Some("2026-02-30".into()),
        ..workbook()
    };
    assert_eq!(xlsx(&dated), Err(SheetError::BadDate("2026-02-30".into())));
    let mut long = mixed();
    long.rows[0][0] = CellValue::Text("x".repeat(32_768));
    let error = xlsx(&Workbook {
        sheets: vec![long],
        ..workbook()
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "sheet \"Table 3\", row 1, column 1: 32768 characters exceed Excel’s 32767 per cell"
    );
}

fn files() -> Vec<PackageFile> {
    vec![
        PackageFile {
            name: "reweigh-table-3-k7f2.csv".into(),
            bytes: csv(&mixed(), Dialect::Ru).unwrap().into_bytes(),
        },
        PackageFile {
            name: "reweigh-table-3-k7f2.json".into(),
            bytes: b"{\"table\": 3}\n".to_vec(),
        },
        PackageFile {
            name: "../README.md".into(),
            bytes: "# Таблица 3\n".as_bytes().to_vec(),
        },
        PackageFile {
            name: "empty.txt".into(),
            bytes: vec![],
        },
    ]
}

#[test]
fn the_package_reads_back_with_names_and_bytes() {
    let pkg = Package {
        folder: "reweigh k7f2/".into(),
        files: files(),
        date: Some("2026-03-17".into()),
    };
    let bytes = package(&pkg).unwrap();
    let read = unzip(&bytes);
    let names: Vec<&str> = read.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "reweigh-k7f2/reweigh-table-3-k7f2.csv",
            "reweigh-k7f2/reweigh-table-3-k7f2.json",
            "reweigh-k7f2/README.md",
            "reweigh-k7f2/empty.txt"
        ]
    );
    for ((_, got), file) in read.iter().zip(files()) {
        assert_eq!(got, &file.bytes);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let first = archive.by_index(0).unwrap();
    assert_eq!(first.compression(), zip::CompressionMethod::Deflated);
    let when = first.last_modified().unwrap();
    assert_eq!((when.year(), when.month(), when.day()), (2026, 3, 17));
    drop(first);
    // The same input gives the same bytes.
    assert_eq!(package(&pkg).unwrap(), bytes);

    let flat = package(&Package {
        folder: String::new(),
        date: None,
        ..pkg.clone()
    })
    .unwrap();
    assert_eq!(unzip(&flat)[2].0, "README.md");
    let mut twice = pkg.clone();
    twice.files.push(PackageFile {
        name: "readme.MD".into(),
        bytes: vec![],
    });
    assert_eq!(
        package(&twice),
        Err(SheetError::DuplicateFile("reweigh-k7f2/readme.MD".into()))
    );
    assert_eq!(
        package(&Package {
            files: vec![],
            ..pkg
        }),
        Err(SheetError::NoFiles)
    );
}

/// Text that a generator of arbitrary strings rarely makes: formula starts behind invisible
/// characters, separators, quotes, line breaks.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ \t\r\n\u{a0}\u{feff}\u{200b}]{0,2}[=+@＝＋－＠\\-]?[a-zA-Zа-я0-9;,.\"' ]{0,8}",
    ]
}

fn cell() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        tricky_text().prop_map(CellValue::Text),
        any::<i64>().prop_map(CellValue::Int),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(CellValue::Num),
        Just(CellValue::Empty),
    ]
}

fn sheet() -> impl Strategy<Value = Sheet> {
    (1usize..5).prop_flat_map(|width| {
        (
            prop::collection::vec(tricky_text(), width),
            prop::collection::vec(prop::collection::vec(cell(), width), 0..6),
        )
            .prop_map(|(labels, rows)| Sheet {
                name: "p".into(),
                columns: labels
                    .iter()
                    .map(|l| column(l, ColumnKind::Number(2)))
                    .collect(),
                rows,
                freeze_first_column: false,
            })
    })
}

/// What a text cell must read back as: itself, or itself behind one `'` if it looked like a formula.
fn assert_text_read_back(original: &str, field: &str) {
    if looks_like_formula(original) {
        assert_eq!(field, format!("'{original}"));
    } else {
        assert_eq!(field, original);
    }
    assert!(
        !looks_like_formula(field),
        "{field:?} starts like a formula"
    );
}

proptest! {
    #[test]
    fn csv_reads_back_cell_for_cell_under_both_dialects(sheet in sheet()) {
        for dialect in [Dialect::En, Dialect::Ru] {
            let text = csv(&sheet, dialect).unwrap();
            let records = read_csv(&text, dialect);
            prop_assert_eq!(records.len(), sheet.rows.len() + 1);
            for (label, field) in sheet.columns.iter().zip(&records[0]) {
                assert_text_read_back(&label.label, field);
            }
            for (row, record) in sheet.rows.iter().zip(&records[1..]) {
                prop_assert_eq!(row.len(), record.len());
                for (value, field) in row.iter().zip(record) {
                    match value {
                        CellValue::Text(t) => assert_text_read_back(t, field),
                        CellValue::Int(i) => prop_assert_eq!(field.parse::<i64>().unwrap(), *i),
                        CellValue::Num(x) => prop_assert_eq!(parse(field, dialect), *x),
                        CellValue::Empty => prop_assert_eq!(field, ""),
                        other => unreachable!("{other:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn any_text_survives_the_workbook(texts in prop::collection::vec(tricky_text(), 1..6)) {
        let sheet = Sheet {
            name: "t".into(),
            columns: vec![column("text", ColumnKind::Text)],
            rows: texts.iter().map(|t| vec![text(t)]).collect(),
            freeze_first_column: false,
        };
        let bytes = xlsx(&Workbook { sheets: vec![sheet], ..workbook() }).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("t").unwrap();
        for (i, t) in texts.iter().enumerate() {
            let got = range.get_value((i as u32 + 1, 0));
            if t.is_empty() {
                prop_assert!(matches!(got, None | Some(Data::Empty) | Some(Data::String(_))));
            } else {
                prop_assert_eq!(got, Some(&Data::String(t.clone())));
            }
        }
    }
}

/// The time to write a big workbook natively: `cargo test --release --test sheets -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn timing_8_sheets_of_300_rows_by_30_columns() {
    let columns: Vec<Column> = (0..30)
        .map(|c| match c % 3 {
            0 => column(&format!("count {c}"), ColumnKind::Count),
            1 => column(&format!("share {c}"), ColumnKind::Percent(2)),
            _ => column(&format!("label {c}"), ColumnKind::Text),
        })
        .collect();
    let rows: Vec<Vec<CellValue>> = (0..300i64)
        .map(|r| {
            (0..30i64)
                .map(|c| match c % 3 {
                    0 => CellValue::Int(r * 1000 + c),
                    1 => CellValue::Num((r * 31 + c) as f64 / 7.0),
                    _ => CellValue::Text(format!("row {r} col {c}")),
                })
                .collect()
        })
        .collect();
    let sheets: Vec<Sheet> = (0..8)
        .map(|i| Sheet {
            name: format!("Sheet {i}"),
            columns: columns.clone(),
            rows: rows.clone(),
            freeze_first_column: true,
        })
        .collect();
    let book = Workbook {
        sheets,
        ..workbook()
    };
    let runs = 5;
    let start = std::time::Instant::now();
    let mut size = 0;
    for _ in 0..runs {
        size = xlsx(&book).unwrap().len();
    }
    let per_run = start.elapsed() / runs;
    let start = std::time::Instant::now();
    let csvs: usize = book
        .sheets
        .iter()
        .map(|s| csv(s, Dialect::Ru).unwrap().len())
        .sum();
    let csv_time = start.elapsed();
    println!(
        "xlsx: {per_run:?} per workbook of 8 × 300 × 30 ({size} bytes); csv: {csv_time:?} for the 8 sheets ({csvs} bytes)"
    );
}

/// The model crosses to a separately loaded writer module as JSON (serde); the same workbook
/// comes out, byte for byte.
#[test]
fn the_model_crosses_as_json() {
    let mut book = workbook();
    // JSON has no NaN (it would arrive as null and be refused): a missing number is Empty.
    book.sheets[0].rows[2][3] = CellValue::Empty;
    let json = serde_json::to_string(&book).unwrap();
    assert!(json.contains(r#"{"percent":[72.25071,2]}"#), "{json}");
    assert!(json.contains(r#""kind":{"percent":2}"#));
    assert!(json.contains(r#""lang":"en""#));
    let back: Workbook = serde_json::from_str(&json).unwrap();
    assert_eq!(xlsx(&back).unwrap(), xlsx(&book).unwrap());
}
