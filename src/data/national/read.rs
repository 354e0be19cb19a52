//! Reading the raw files: subjects.csv, the precincts zip (streamed), the electronic vote; the
//! control relations of every row.

use super::error::csv_error;
use super::{
    CANCELLED, Cells, EARLY, ELECTRONIC_FILE, FIRST_VOTE, Failure, INSIDE, INVALID, LINE_HEADERS,
    LOST, MOBILE, NationalError, PEC_HEADER, PEC_PREFIX, PORTABLE, PRECINCTS_FILE, RECEIVED,
    REGION_HEADER, Row, STATIONARY, SUBJECTS_FILE, SubjectKind, TIK_HEADER, UNACCOUNTED, VALID,
    YEAR,
};
use std::collections::{HashMap, HashSet};
use std::io::Cursor;

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;
/// A row of the electronic vote: the index of its subject, its cells.
pub(super) type ElectronicRow = (usize, Cells);

/// The control relations, worded as in checks.rs.
pub const RELATIONS: [(&str, &str); 4] = [
    (
        "received",
        "received = issued (early + inside + mobile) + cancelled + lost - unaccounted",
    ),
    ("cast", "cast (portable + stationary) = invalid + valid"),
    ("valid", "valid = sum of the votes for every candidate"),
    (
        "issued",
        "cast <= issued (no more ballots in the boxes than were issued; unreturned >= 0)",
    ),
];

/// Every relation a protocol breaks. Cells are u32, so the i64 arithmetic cannot overflow.
fn check_row(region: &str, pec: Option<u32>, r: &Cells) -> Vec<Failure> {
    let n = |i: usize| i64::from(r[i]);
    let issued = n(EARLY) + n(INSIDE) + n(MOBILE);
    let cast = n(PORTABLE) + n(STATIONARY);
    let votes: i64 = (FIRST_VOTE..16).map(n).sum();
    let accounted = issued + n(CANCELLED) + n(LOST) - n(UNACCOUNTED);
    let mut failures = Vec::new();
    let mut fail = |relation: &str, detail: String| {
        failures.push(Failure {
            year: YEAR,
            region: region.to_string(),
            pec,
            relation: relation.to_string(),
            detail,
        })
    };
    if n(RECEIVED) != accounted {
        fail(
            "received",
            format!(
                "received {} but the other lines give {accounted}",
                n(RECEIVED)
            ),
        );
    }
    if cast != n(INVALID) + n(VALID) {
        fail(
            "cast",
            format!(
                "cast {cast} but invalid + valid = {}",
                n(INVALID) + n(VALID)
            ),
        );
    }
    if n(VALID) != votes {
        fail(
            "valid",
            format!("valid {} but the votes sum to {votes}", n(VALID)),
        );
    }
    if cast > issued {
        fail("issued", format!("cast {cast} exceeds issued {issued}"));
    }
    failures
}

/// `check_row` for the loader's test of its own wording.
#[cfg(test)]
pub(super) fn check_row_for_test(r: &Cells) -> Vec<Failure> {
    check_row("test", Some(1), r)
}

pub(super) fn add<T: Copy + Into<u64>>(
    sum: &mut Row,
    row: &[T; 16],
    what: &str,
) -> Result<(), NationalError> {
    for (s, &v) in sum.iter_mut().zip(row) {
        let v: u64 = v.into();
        *s = s.checked_add(v).ok_or_else(|| NationalError::Overflow {
            what: what.to_string(),
        })?;
    }
    Ok(())
}

pub(super) fn difference(a: &Row, b: &Row, what: &str) -> Result<Row, NationalError> {
    let mut out = [0; 16];
    for (o, (&x, &y)) in out.iter_mut().zip(a.iter().zip(b)) {
        *o = x.checked_sub(y).ok_or_else(|| NationalError::Overflow {
            what: what.to_string(),
        })?;
    }
    Ok(out)
}

/// One line of subjects.csv.
pub(super) struct SubjectRow {
    pub(super) name_ru: String,
    pub(super) name_en: String,
    pub(super) kind: SubjectKind,
    pub(super) annexed: Option<u16>,
}

pub(super) fn read_subjects(bytes: &[u8]) -> Result<Vec<SubjectRow>, NationalError> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| csv_error(SUBJECTS_FILE, e))?
        .clone();
    let expected = ["name_ru", "name_en", "kind", "annexed"];
    if let Some(missing) = expected.iter().find(|h| !headers.iter().any(|x| x == **h)) {
        return Err(NationalError::MissingColumn {
            file: SUBJECTS_FILE.into(),
            header: missing.to_string(),
        });
    }
    let at = |h: &str| headers.iter().position(|x| x == h).unwrap_or(0);
    let (ru, en, kind, annexed) = (at("name_ru"), at("name_en"), at("kind"), at("annexed"));
    let mut rows: Vec<SubjectRow> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(SUBJECTS_FILE, e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let bad = |message: String| NationalError::BadSubjectRow { line, message };
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let (name_ru, name_en) = (get(ru), get(en));
        if name_ru.is_empty() || name_en.is_empty() {
            return Err(bad("empty name".into()));
        }
        if rows.iter().any(|r| r.name_ru == name_ru) {
            return Err(bad(format!("{name_ru} appears twice")));
        }
        let kind = match get(kind).as_str() {
            "subject" => SubjectKind::Subject,
            "baikonur" => SubjectKind::Baikonur,
            "abroad" => SubjectKind::Abroad,
            other => {
                return Err(bad(format!(
                    "kind \"{other}\" is not subject, baikonur or abroad"
                )));
            }
        };
        let annexed = match get(annexed).as_str() {
            "" => None,
            "2014" => Some(2014),
            "2022" => Some(2022),
            other => {
                return Err(bad(format!(
                    "annexed \"{other}\" is not empty, 2014 or 2022"
                )));
            }
        };
        rows.push(SubjectRow {
            name_ru,
            name_en,
            kind,
            annexed,
        });
    }
    let abroad = rows
        .iter()
        .filter(|r| r.kind == SubjectKind::Abroad)
        .count();
    if abroad != 1 {
        return Err(NationalError::BadSubjectRow {
            line: 0,
            message: format!("{abroad} rows of kind abroad; exactly one expected"),
        });
    }
    Ok(rows)
}

/// The columns of a CEC file: region, PEC (the precincts file only) and the sixteen lines.
struct Columns {
    region: usize,
    pec: Option<usize>,
    lines: [usize; 16],
}

fn columns(
    file: &str,
    headers: &csv::StringRecord,
    with_pec: bool,
) -> Result<Columns, NationalError> {
    let find = |h: &str| {
        headers
            .iter()
            .position(|x| x == h)
            .ok_or_else(|| NationalError::MissingColumn {
                file: file.to_string(),
                header: h.to_string(),
            })
    };
    let mut known: Vec<&str> = vec![REGION_HEADER];
    if with_pec {
        known.extend([TIK_HEADER, PEC_HEADER]);
    }
    known.extend(LINE_HEADERS);
    if let Some(twice) = known
        .iter()
        .find(|k| headers.iter().filter(|h| h == *k).count() > 1)
    {
        return Err(NationalError::DuplicateColumn {
            file: file.to_string(),
            header: twice.to_string(),
        });
    }
    if let Some(unknown) = headers.iter().find(|h| !known.contains(h)) {
        return Err(NationalError::UnknownColumn {
            file: file.to_string(),
            header: unknown.to_string(),
        });
    }
    let mut lines = [0; 16];
    for (slot, header) in lines.iter_mut().zip(LINE_HEADERS) {
        *slot = find(header)?;
    }
    Ok(Columns {
        region: find(REGION_HEADER)?,
        pec: if with_pec {
            Some(find(PEC_HEADER)?)
        } else {
            None
        },
        lines,
    })
}

/// The sixteen cells of a record: Some(row), or None when every one is empty (no protocol).
fn cells(
    file: &str,
    line: u64,
    record: &csv::StringRecord,
    cols: &Columns,
) -> Result<Option<Cells>, NationalError> {
    let cell = |i: usize| record.get(i).unwrap_or("");
    if cols.lines.iter().all(|&i| cell(i).is_empty()) {
        return Ok(None);
    }
    let mut row = [0; 16];
    for ((slot, &i), header) in row.iter_mut().zip(&cols.lines).zip(LINE_HEADERS) {
        let text = cell(i);
        // Digits only: u32::from_str would also take a leading '+'.
        let value = Some(text)
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
            .ok_or_else(|| NationalError::NotANumber {
                file: file.to_string(),
                line,
                column: header.to_string(),
                value: text.to_string(),
            })?;
        *slot = value;
    }
    Ok(Some(row))
}

/// Per region of the precincts file: PECs with and without a protocol, and the sums.
#[derive(Default)]
pub(super) struct RegionSums {
    pub(super) with_protocol: u32,
    pub(super) without: u32,
    pub(super) sums: Row,
}

/// Open the one CSV inside the zip as a stream; returns its name for messages.
fn open_zip(bytes: &[u8]) -> Result<(Archive<'_>, usize, String), NationalError> {
    let archive_error = |message: String| NationalError::Archive {
        file: PRECINCTS_FILE.into(),
        message,
    };
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| archive_error(format!("not a readable zip archive: {e}")))?;
    let csvs: Vec<(usize, &str)> = archive
        .file_names()
        .filter(|n| n.to_lowercase().ends_with(".csv"))
        .filter_map(|n| archive.index_for_name(n).map(|i| (i, n)))
        .collect();
    match csvs.as_slice() {
        [(index, name)] => {
            let (index, name) = (*index, name.to_string());
            Ok((archive, index, name))
        }
        _ => Err(archive_error(format!(
            "{} CSV files inside; exactly one expected",
            csvs.len()
        ))),
    }
}

pub(super) fn read_precincts(
    bytes: &[u8],
    subjects: &[SubjectRow],
) -> Result<(Vec<RegionSums>, Vec<Failure>), NationalError> {
    let (mut archive, index, name) = open_zip(bytes)?;
    let file = format!("{PRECINCTS_FILE} ({name})");
    let entry = archive
        .by_index(index)
        .map_err(|e| NationalError::Archive {
            file: PRECINCTS_FILE.into(),
            message: format!("cannot open {name}: {e}"),
        })?;
    let mut reader = csv::Reader::from_reader(entry);
    // A read that fails below the CSV (inflate, CRC) is the archive's fault, not the text's.
    let read_error = |e: csv::Error| match e.kind() {
        csv::ErrorKind::Io(io) => NationalError::Archive {
            file: PRECINCTS_FILE.into(),
            message: format!("cannot read {name}: {io}"),
        },
        _ => csv_error(&file, e),
    };
    let headers = reader.headers().map_err(read_error)?.clone();
    let cols = columns(&file, &headers, true)?;
    let index_of: HashMap<&str, usize> = subjects
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name_ru.as_str(), i))
        .collect();
    let mut regions: Vec<RegionSums> = subjects.iter().map(|_| RegionSums::default()).collect();
    let mut seen: HashSet<(usize, u32)> = HashSet::new();
    let mut failures = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(read_error)? {
        let line = record.position().map_or(0, csv::Position::line);
        let region = record.get(cols.region).unwrap_or("");
        let subject = *index_of
            .get(region)
            .ok_or_else(|| NationalError::UnknownRegion {
                file: file.clone(),
                line,
                region: region.to_string(),
            })?;
        let pec_text = cols.pec.and_then(|i| record.get(i)).unwrap_or("");
        let pec: u32 = pec_text
            .strip_prefix(PEC_PREFIX)
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| NationalError::BadPecNumber {
                file: file.clone(),
                line,
                value: pec_text.to_string(),
            })?;
        if !seen.insert((subject, pec)) {
            return Err(NationalError::DuplicatePec {
                file: file.clone(),
                line,
                region: region.to_string(),
                pec,
            });
        }
        let sums = &mut regions[subject];
        match cells(&file, line, &record, &cols)? {
            None => sums.without += 1,
            Some(row) => {
                sums.with_protocol += 1;
                add(&mut sums.sums, &row, region)?;
                failures.extend(check_row(region, Some(pec), &row));
            }
        }
    }
    Ok((regions, failures))
}

pub(super) fn read_electronic(
    bytes: &[u8],
    subjects: &[SubjectRow],
    regions: &[RegionSums],
) -> Result<(Vec<ElectronicRow>, Vec<Failure>), NationalError> {
    let file = ELECTRONIC_FILE;
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().map_err(|e| csv_error(file, e))?.clone();
    let cols = columns(file, &headers, false)?;
    let mut rows: Vec<ElectronicRow> = Vec::new();
    let mut failures = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let region = record.get(cols.region).unwrap_or("").to_string();
        let subject = subjects
            .iter()
            .position(|s| s.name_ru == region)
            .ok_or_else(|| NationalError::UnknownRegion {
                file: file.into(),
                line,
                region: region.clone(),
            })?;
        if rows.iter().any(|(s, _)| *s == subject) {
            return Err(NationalError::DuplicateRegion {
                file: file.into(),
                line,
                region,
            });
        }
        if regions[subject].with_protocol == 0 {
            return Err(NationalError::ElectronicWithoutProtocols { line, region });
        }
        // An empty electronic row is an error: reading it as zeros would hide a broken file.
        let row = cells(file, line, &record, &cols)?.ok_or_else(|| NationalError::NotANumber {
            file: file.into(),
            line,
            column: LINE_HEADERS[0].into(),
            value: String::new(),
        })?;
        failures.extend(check_row(&region, None, &row));
        rows.push((subject, row));
    }
    Ok((rows, failures))
}
