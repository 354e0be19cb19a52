//! The national file against the raw CEC files, read here independently (zip + csv by the exact
//! Russian headers), against the CEC's announced totals, and against broken inputs.
#![cfg(not(target_arch = "wasm32"))]

use reweigh::data::national::{
    Announced, NationalError, NationalFile, NationalRaw, build_national, national_json,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

const ABROAD: &str = "Территория за пределами РФ";

/// Each JSON field of the file with the exact CEC header it must come from.
const FIELDS: [(&str, &str, &str); 16] = [
    (
        "protocol",
        "registered",
        "Число избирателей, включенных в список избирателей",
    ),
    (
        "protocol",
        "received",
        "Число избирательных бюллетеней, полученных участковой избирательной комиссией",
    ),
    (
        "protocol",
        "early",
        "Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно",
    ),
    (
        "protocol",
        "inside",
        "Число избирательных бюллетеней, выданных в помещении для голосования в день голосования",
    ),
    (
        "protocol",
        "mobile",
        "Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования",
    ),
    (
        "protocol",
        "cancelled",
        "Число погашенных избирательных бюллетеней",
    ),
    (
        "protocol",
        "portable",
        "Число избирательных бюллетеней в переносных ящиках для голосования",
    ),
    (
        "protocol",
        "stationary",
        "Число бюллетеней в стационарных ящиках для голосования",
    ),
    (
        "protocol",
        "invalid",
        "Число недействительных избирательных бюллетеней",
    ),
    (
        "protocol",
        "valid",
        "Число действительных избирательных бюллетеней",
    ),
    (
        "protocol",
        "lost",
        "Число утраченных избирательных бюллетеней",
    ),
    (
        "protocol",
        "unaccounted",
        "Число избирательных бюллетеней, не учтенных при получении",
    ),
    ("votes", "davankov", "Даванков Владислав Андреевич"),
    ("votes", "putin", "Путин Владимир Владимирович"),
    ("votes", "slutsky", "Слуцкий Леонид Эдуардович"),
    ("votes", "kharitonov", "Харитонов Николай Михайлович"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn raw() -> NationalRaw {
    NationalRaw::read(&root().join("data/raw")).unwrap()
}

fn announced() -> Announced<u64> {
    let text = std::fs::read_to_string(root().join("data/russia-2024.json")).unwrap();
    Announced::from_transcribed_json(&text).unwrap()
}

/// Built once for every test (the debug build takes seconds).
fn national() -> NationalFile {
    static FILE: OnceLock<NationalFile> = OnceLock::new();
    FILE.get_or_init(|| build_national(&raw(), &announced()).unwrap())
        .clone()
}

/// Rows of a CSV as maps header → cell.
fn csv_rows(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// The CSV inside the precincts zip, unpacked here (once).
fn precinct_rows() -> &'static [BTreeMap<String, String>] {
    static ROWS: OnceLock<Vec<BTreeMap<String, String>>> = OnceLock::new();
    ROWS.get_or_init(unpack_precincts)
}

fn unpack_precincts() -> Vec<BTreeMap<String, String>> {
    let bytes =
        std::fs::read(root().join("data/raw/cec/russia-2024-all-precincts.csv.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = Vec::new();
    archive
        .by_name("2024.csv")
        .unwrap()
        .read_to_end(&mut text)
        .unwrap();
    csv_rows(&text)
}

/// Per region (or a key the caller picks): PECs and the sum of every header, rows with numbers only.
fn sums_by(
    rows: &[BTreeMap<String, String>],
    key: impl Fn(&BTreeMap<String, String>) -> String,
) -> BTreeMap<String, (u64, BTreeMap<&'static str, u64>)> {
    let mut out: BTreeMap<String, (u64, BTreeMap<&'static str, u64>)> = BTreeMap::new();
    for row in rows.iter().filter(|r| !r[FIELDS[0].2].is_empty()) {
        let entry = out.entry(key(row)).or_default();
        entry.0 += 1;
        for (_, field, header) in FIELDS {
            *entry.1.entry(field).or_default() += row[header].parse::<u64>().unwrap();
        }
    }
    out
}

fn field(value: &serde_json::Value, group: &str, name: &str) -> u64 {
    value[group][name]
        .as_u64()
        .unwrap_or_else(|| panic!("no {group}.{name}"))
}

#[test]
fn per_subject_sums_equal_the_raw_csv() {
    let file = national();
    let raw = sums_by(precinct_rows(), |r| r["region"].clone());
    assert_eq!(file.subjects.len(), raw.len());
    assert_eq!(raw.len(), 87);
    for subject in &file.subjects {
        let (pecs, sums) = &raw[&subject.name_ru];
        assert_eq!(u64::from(subject.pecs), *pecs, "{}", subject.name_ru);
        let value = serde_json::to_value(subject).unwrap();
        for (group, name, _) in FIELDS {
            assert_eq!(
                field(&value, group, name),
                sums[name],
                "{} {name}",
                subject.name_ru
            );
        }
    }
    assert_eq!(file.totals.pecs, 91_946);
    assert_eq!(
        u64::from(file.totals.pecs),
        raw.values().map(|(n, _)| n).sum::<u64>()
    );
}

#[test]
fn the_regions_without_protocols_are_the_four_annexed_in_2022() {
    let mut listed: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for row in precinct_rows() {
        let cells: Vec<&str> = FIELDS.iter().map(|f| row[f.2].as_str()).collect();
        let entry = listed.entry(row["region"].clone()).or_default();
        if cells.iter().all(|c| c.is_empty()) {
            entry.1 += 1
        } else {
            entry.0 += 1
        }
    }
    let without: Vec<(String, u32)> = listed
        .iter()
        .filter(|(_, (w, _))| *w == 0)
        .map(|(r, (_, n))| (r.clone(), *n))
        .collect();
    let derived = national().derived;
    let got: Vec<(String, u32)> = derived
        .subjects
        .iter()
        .map(|s| (s.name_ru.clone(), s.pecs_without_protocol))
        .collect();
    assert_eq!(
        got.iter().cloned().collect::<BTreeSet<_>>(),
        without.into_iter().collect()
    );
    assert_eq!(got.iter().map(|g| g.1).sum::<u32>(), 2_268);
    assert!(
        derived.subjects.iter().all(|s| s.annexed == Some(2022)),
        "{:?}",
        derived.subjects
    );
    assert_eq!(derived.label, "derived");
}

#[test]
fn the_electronic_vote_equals_its_raw_rows_and_stays_apart() {
    let file = national();
    let bytes =
        std::fs::read(root().join("data/raw/cec/russia-2024-electronic-voting.csv")).unwrap();
    let raw = sums_by(&csv_rows(&bytes), |r| r["region"].clone());
    assert_eq!(file.electronic.len(), 29);
    assert_eq!(file.electronic.len(), raw.len());
    for region in &file.electronic {
        let value = serde_json::to_value(region).unwrap();
        for (group, name, _) in FIELDS {
            assert_eq!(
                field(&value, group, name),
                raw[&region.name_ru].1[name],
                "{} {name}",
                region.name_ru
            );
        }
    }
    // Moscow's protocols do not include its electronic vote (3,642,919 valid).
    let moscow = file
        .subjects
        .iter()
        .find(|s| s.name_ru == "город Москва")
        .unwrap();
    let moscow_raw = &sums_by(precinct_rows(), |r| r["region"].clone())["город Москва"];
    assert_eq!(moscow.protocol.valid, moscow_raw.1["valid"]);
    assert_eq!(file.totals.electronic.protocol.valid, 8_056_803);
}

#[test]
fn the_pecs_abroad_are_marked_and_equal_the_abroad_file() {
    let file = national();
    let rows = precinct_rows();
    let numbers: Vec<u32> = rows
        .iter()
        .filter(|r| r["region"] == ABROAD)
        .map(|r| r["uik"].trim_start_matches("УИК №").parse().unwrap())
        .collect();
    assert_eq!(numbers.len(), 288);
    assert!(numbers.iter().all(|n| (8000..=8449).contains(n)));
    let abroad: Vec<_> = file
        .subjects
        .iter()
        .filter(|s| s.kind == reweigh::data::national::SubjectKind::Abroad)
        .collect();
    assert_eq!(abroad.len(), 1);
    assert_eq!((abroad[0].name_ru.as_str(), abroad[0].pecs), (ABROAD, 288));
    assert_eq!(file.totals.pecs_abroad, 288);
    // The same sums from the separately vendored abroad file.
    let bytes = std::fs::read(root().join("data/raw/cec/abroad-2024.csv")).unwrap();
    let other = sums_by(&csv_rows(&bytes), |_| String::new());
    let totals = serde_json::to_value(&file.totals).unwrap();
    for (group, name, _) in FIELDS {
        let abroad = totals["abroad"][group][name].as_u64().unwrap();
        assert_eq!(abroad, other[""].1[name], "{name}");
        let all = totals["protocols"][group][name].as_u64().unwrap();
        let in_russia = totals["protocols_in_russia"][group][name].as_u64().unwrap();
        assert_eq!(in_russia + abroad, all, "{name}");
    }
    assert_eq!(file.totals.abroad.protocol.valid, 354_577);
}

#[test]
fn protocols_electronic_and_derived_add_up_to_the_announced_totals() {
    let file = national();
    let cec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("data/russia-2024.json")).unwrap(),
    )
    .unwrap();
    let totals = serde_json::to_value(&file.totals).unwrap();
    let derived = serde_json::to_value(file.derived.lines).unwrap();
    for (group, name) in [
        ("protocol", "early"),
        ("protocol", "inside"),
        ("protocol", "mobile"),
        ("protocol", "invalid"),
        ("protocol", "valid"),
        ("votes", "davankov"),
        ("votes", "putin"),
        ("votes", "slutsky"),
        ("votes", "kharitonov"),
    ] {
        let protocols = i64::try_from(totals["protocols"][group][name].as_u64().unwrap()).unwrap();
        let electronic =
            i64::try_from(totals["electronic"][group][name].as_u64().unwrap()).unwrap();
        let announced = cec[name]["value"].as_i64().unwrap();
        assert_eq!(
            protocols + electronic + derived[name].as_i64().unwrap(),
            announced,
            "{name}"
        );
    }
}

#[test]
fn the_issue_figures_reproduce() {
    let file = national();
    let (p, e) = (&file.totals.protocols, &file.totals.electronic);
    assert_eq!(p.protocol.valid + e.protocol.valid, 82_037_110);
    assert_eq!(p.votes.putin + e.votes.putin, 72_350_518);
    assert_eq!(p.votes.davankov + e.votes.davankov, 3_300_653);
    assert_eq!(p.protocol.invalid + e.protocol.invalid, 1_177_136);
    let d = &file.derived.lines;
    assert_eq!(
        (d.valid, d.putin, d.davankov, d.invalid, d.early),
        (4_167_181, 3_927_190, 61_831, 16_142, 1_561_206)
    );
    assert_eq!(
        (d.inside, d.mobile, d.slutsky, d.kharitonov),
        (1_527_679, 1_101_784, 90_084, 88_076)
    );
}

#[test]
fn every_control_relation_failure_is_listed() {
    // Recount by brute force from the raw rows.
    let mut expected = Vec::new();
    for row in precinct_rows()
        .iter()
        .filter(|r| !r[FIELDS[0].2].is_empty())
    {
        let v: BTreeMap<&str, i64> = FIELDS
            .iter()
            .map(|(_, n, h)| (*n, row[*h].parse().unwrap()))
            .collect();
        let issued = v["early"] + v["inside"] + v["mobile"];
        let cast = v["portable"] + v["stationary"];
        let pec: u32 = row["uik"].trim_start_matches("УИК №").parse().unwrap();
        let mut check = |ok: bool, relation: &str| {
            if !ok {
                expected.push((row["region"].clone(), pec, relation.to_string()));
            }
        };
        check(
            v["received"] == issued + v["cancelled"] + v["lost"] - v["unaccounted"],
            "received",
        );
        check(cast == v["invalid"] + v["valid"], "cast");
        check(
            v["valid"] == v["davankov"] + v["putin"] + v["slutsky"] + v["kharitonov"],
            "valid",
        );
        check(cast <= issued, "issued");
    }
    let file = national();
    let got: Vec<(String, u32, String)> = file
        .failures
        .iter()
        .map(|f| (f.region.clone(), f.pec.unwrap(), f.relation.clone()))
        .collect();
    assert_eq!(
        got.into_iter().collect::<BTreeSet<_>>(),
        expected.into_iter().collect()
    );
    assert_eq!(file.failures.len(), 1);
    let f = &file.failures[0];
    assert_eq!(
        (f.year, f.region.as_str(), f.pec, f.relation.as_str()),
        (2024, "Свердловская область", Some(2056), "issued")
    );
    assert_eq!(f.detail, "cast 1288 exceeds issued 1287");
}

#[test]
fn the_json_is_deterministic_small_and_round_trips() {
    let file = national();
    let text = national_json(&file);
    assert_eq!(text, national_json(&national()));
    assert_eq!(serde_json::from_str::<NationalFile>(&text).unwrap(), file);
    // One record per line: each subject, electronic row and failure is one line of the text.
    let lines: BTreeSet<&str> = text
        .lines()
        .map(|l| l.trim().trim_end_matches(','))
        .collect();
    for subject in &file.subjects {
        assert!(
            lines.contains(serde_json::to_string(subject).unwrap().as_str()),
            "{}",
            subject.name_ru
        );
    }
    for region in &file.electronic {
        assert!(
            lines.contains(serde_json::to_string(region).unwrap().as_str()),
            "{}",
            region.name_ru
        );
    }
    assert!(lines.contains(serde_json::to_string(&file.failures[0]).unwrap().as_str()));
    assert!(text.len() < 60_000, "{} bytes", text.len());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes()).unwrap();
    let gzipped = gz.finish().unwrap().len();
    assert!(gzipped <= 30 * 1024, "{gzipped} bytes gzipped");
}

/// Writes the file where NATIONAL_OUT says: `NATIONAL_OUT=/tmp/n.json cargo test --release --test national -- --ignored`.
#[test]
#[ignore]
fn write_the_national_file() {
    let out = std::env::var("NATIONAL_OUT").expect("set NATIONAL_OUT to the path to write");
    std::fs::write(&out, national_json(&national())).unwrap();
}

// ---- broken inputs, on small synthetic files ----

const SUBJECTS: &str = "name_ru,name_en,kind,annexed\nАлтайский край,Altai Krai,subject,\nТерритория за пределами РФ,Abroad,abroad,\n";

fn header() -> String {
    let mut h = vec!["region".to_string(), "tik".into(), "uik".into()];
    h.extend(FIELDS.iter().map(|f| format!("\"{}\"", f.2)));
    h.join(",")
}

/// A clean row: 100 received, 90 issued, 10 cancelled, 90 cast, 88 valid.
fn row(region: &str, pec: u32) -> String {
    format!("{region},T,УИК №{pec},100,100,0,80,10,10,10,80,2,88,0,0,8,70,5,5")
}

fn zipped(csv: &str) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("2024.csv", options).unwrap();
    writer.write_all(csv.as_bytes()).unwrap();
    writer.finish().unwrap().into_inner()
}

fn electronic(rows: &[&str]) -> Vec<u8> {
    let mut h = vec!["region".to_string()];
    h.extend(FIELDS.iter().map(|f| format!("\"{}\"", f.2)));
    let mut text = h.join(",") + "\n";
    for r in rows {
        text += r;
        text += "\n";
    }
    text.into_bytes()
}

const EV_ROW: &str = "Алтайский край,100,90,0,90,0,0,0,90,0,90,0,0,10,70,5,5";

fn build(precincts: &str, ev: &[&str]) -> Result<NationalFile, NationalError> {
    let raw = NationalRaw {
        precincts_zip: zipped(precincts),
        electronic_csv: electronic(ev),
        subjects_csv: SUBJECTS.into(),
    };
    build_national(&raw, &Announced::default())
}

fn clean() -> String {
    format!(
        "{}\n{}\n{}\n{}\n",
        header(),
        row("Алтайский край", 1),
        row("Алтайский край", 2),
        row(ABROAD, 8000)
    )
}

#[test]
fn a_clean_synthetic_input_builds() {
    let file = build(&clean(), &[EV_ROW]).unwrap();
    assert_eq!(file.totals.pecs, 3);
    assert_eq!(file.totals.protocols_in_russia.protocol.valid, 176);
    assert_eq!(file.derived.lines.valid, -(264 + 90));
    assert!(file.failures.is_empty(), "{:?}", file.failures);
}

#[test]
fn a_missing_column_is_named() {
    let text = clean().replacen(",\"Число погашенных избирательных бюллетеней\"", "", 1);
    let err = build(&text, &[EV_ROW]).unwrap_err();
    assert!(
        matches!(&err, NationalError::MissingColumn { header, .. } if header == "Число погашенных избирательных бюллетеней"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("data/raw/cec/russia-2024-all-precincts.csv.zip (2024.csv): no column"),
        "{err}"
    );
}

#[test]
fn a_repeated_or_unknown_column_is_named() {
    let twice = clean().replacen(",tik,", ",uik,", 1);
    let err = build(&twice, &[EV_ROW]).unwrap_err();
    assert!(
        matches!(&err, NationalError::DuplicateColumn { header, .. } if header == "uik"),
        "{err}"
    );
    let unknown = clean().replacen(",tik,", ",комиссия,", 1);
    let err = build(&unknown, &[EV_ROW]).unwrap_err();
    assert!(
        matches!(&err, NationalError::UnknownColumn { header, .. } if header == "комиссия"),
        "{err}"
    );
}

#[test]
fn a_non_number_is_named_with_its_line_and_column() {
    let text = clean().replacen("100,100,0,80", "100,1O0,0,80", 1);
    let err = build(&text, &[EV_ROW]).unwrap_err();
    assert!(
        matches!(&err, NationalError::NotANumber { line: 2, value, .. } if value == "1O0"),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("line 2: column \"Число избирательных бюллетеней, полученных"),
        "{err}"
    );
    let plus = clean().replacen("100,100,0,80", "100,+100,0,80", 1);
    assert!(matches!(
        build(&plus, &[EV_ROW]),
        Err(NationalError::NotANumber { .. })
    ));
    let bad_ev = EV_ROW.replacen(",90,", ",-90,", 1);
    assert!(matches!(
        build(&clean(), &[&bad_ev]),
        Err(NationalError::NotANumber { line: 2, .. })
    ));
}

#[test]
fn a_duplicate_pec_is_named() {
    let text = clean() + &row("Алтайский край", 2) + "\n";
    let err = build(&text, &[EV_ROW]).unwrap_err();
    assert!(
        matches!(
            &err,
            NationalError::DuplicatePec {
                pec: 2,
                line: 5,
                ..
            }
        ),
        "{err}"
    );
    // The same number in another region is another PEC.
    let other = clean() + &row(ABROAD, 2) + "\n";
    assert!(build(&other, &[EV_ROW]).is_ok());
}

#[test]
fn a_truncated_or_corrupt_zip_is_named() {
    let real =
        std::fs::read(root().join("data/raw/cec/russia-2024-all-precincts.csv.zip")).unwrap();
    let raw = |zip: Vec<u8>| NationalRaw {
        precincts_zip: zip,
        electronic_csv: electronic(&[]),
        subjects_csv: std::fs::read(root().join("data/raw/subjects.csv")).unwrap(),
    };
    let truncated = real[..real.len() / 2].to_vec();
    let err = build_national(&raw(truncated), &Announced::default()).unwrap_err();
    assert!(matches!(&err, NationalError::Archive { .. }), "{err}");
    assert!(
        err.to_string().contains("not a readable zip archive"),
        "{err}"
    );
    // Damage inside the deflated data: the inflater, the CSV parser (garbage rows) or, at the end of
    // the stream, the CRC catches it; never a file built from it.
    let mut corrupt = real.clone();
    for b in &mut corrupt[1_000_000..1_000_064] {
        *b = !*b;
    }
    let err = build_national(&raw(corrupt), &Announced::default()).unwrap_err();
    assert!(
        matches!(
            &err,
            NationalError::Archive { .. } | NationalError::Csv { .. }
        ),
        "{err}"
    );
    // A wrong checksum alone (central directory entry: CRC-32 at offset 16): caught at the end.
    let mut bad_crc = real.clone();
    let central = bad_crc
        .windows(4)
        .rposition(|w| w == b"PK\x01\x02")
        .unwrap();
    bad_crc[central + 16] ^= 0xff;
    let err = build_national(&raw(bad_crc), &Announced::default()).unwrap_err();
    assert!(matches!(&err, NationalError::Archive { .. }), "{err}");
    assert!(err.to_string().contains("cannot read 2024.csv"), "{err}");
    let err = build_national(&raw(b"not a zip".to_vec()), &Announced::default()).unwrap_err();
    assert!(matches!(&err, NationalError::Archive { .. }), "{err}");
}

#[test]
fn regions_that_do_not_match_are_named() {
    let unknown = clean() + &row("Марс", 1) + "\n";
    assert!(matches!(
        build(&unknown, &[EV_ROW]),
        Err(NationalError::UnknownRegion { line: 5, .. })
    ));
    let abroad_only = format!("{}\n{}\n", header(), row(ABROAD, 8000));
    assert!(matches!(
        build(&abroad_only, &[]),
        Err(NationalError::UnlistedSubject { .. })
    ));
    let partly = clean() + "Алтайский край,T,УИК №3" + &",".repeat(16) + "\n";
    assert!(matches!(
        build(&partly, &[EV_ROW]),
        Err(NationalError::PartlyMissing {
            with_protocol: 2,
            without: 1,
            ..
        })
    ));
    assert!(matches!(
        build(&clean(), &[EV_ROW, EV_ROW]),
        Err(NationalError::DuplicateRegion { line: 3, .. })
    ));
}

#[test]
fn a_broken_relation_is_listed_not_refused() {
    let text = clean().replacen(
        "100,100,0,80,10,10,10,80,2,88",
        "100,100,0,80,10,10,10,80,2,87",
        1,
    );
    let file = build(&text, &[EV_ROW]).unwrap();
    let relations: Vec<&str> = file.failures.iter().map(|f| f.relation.as_str()).collect();
    assert_eq!(relations, ["cast", "valid"]);
    assert_eq!(file.failures[0].detail, "cast 90 but invalid + valid = 89");
}

#[test]
fn the_announced_totals_are_read_by_name() {
    assert_eq!(announced().putin, 76_277_708);
    let err = Announced::from_transcribed_json("{\"early\": {\"value\": 1}}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the CEC’s announced totals: no whole number at `inside.value`"
    );
}
