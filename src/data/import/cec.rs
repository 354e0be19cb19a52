//! The CEC's protocol files: columns recognised by their Russian headers, one row per PEC.

use super::{CANDIDATES_FILE, ImportError, RawFile, error};
use crate::data::model::{HistoryCandidate, HistoryPec, Protocol};

/// What a CEC column holds, recognised from its Russian header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
    Skip,
    PecNumber,
    Line(Field),
    /// A ballot option: index into the candidates list.
    Option(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Registered,
    Received,
    Early,
    Inside,
    Mobile,
    Cancelled,
    Portable,
    Stationary,
    Invalid,
    Valid,
    Lost,
    Unaccounted,
}

pub(super) const FIELDS: [Field; 12] = [
    Field::Registered,
    Field::Received,
    Field::Early,
    Field::Inside,
    Field::Mobile,
    Field::Cancelled,
    Field::Portable,
    Field::Stationary,
    Field::Invalid,
    Field::Valid,
    Field::Lost,
    Field::Unaccounted,
];

/// Recognise a protocol line from the CEC header; the wording varies a little between years.
pub(super) fn protocol_field(header: &str) -> Option<Field> {
    let h = header.to_lowercase();
    let has = |s: &str| h.contains(s);
    if has("открепительн") {
        return None;
    }
    Some(
        if has("избирателей") && (has("в список") || has("в списки")) {
            Field::Registered
        } else if has("не учтенных") && has("бюллетен") {
            Field::Unaccounted
        } else if has("полученн") && has("бюллетен") {
            Field::Received
        } else if has("досрочно") {
            Field::Early
        } else if has("вне помещ") {
            Field::Mobile
        } else if has("выданных") && has("бюллетен") {
            Field::Inside
        } else if has("погашенных") {
            Field::Cancelled
        } else if has("переносных") {
            Field::Portable
        } else if has("стационарных") {
            Field::Stationary
        } else if has("недействительных") {
            Field::Invalid
        } else if h.starts_with("число действительных") {
            Field::Valid
        } else if has("утраченных") && has("бюллетен") {
            Field::Lost
        } else {
            return None;
        },
    )
}

pub(super) fn set_field(p: &mut Protocol, field: Field, value: u32) {
    let slot = match field {
        Field::Registered => &mut p.registered,
        Field::Received => &mut p.received,
        Field::Early => &mut p.early,
        Field::Inside => &mut p.inside,
        Field::Mobile => &mut p.mobile,
        Field::Cancelled => &mut p.cancelled,
        Field::Portable => &mut p.portable,
        Field::Stationary => &mut p.stationary,
        Field::Invalid => &mut p.invalid,
        Field::Valid => &mut p.valid,
        Field::Lost => &mut p.lost,
        Field::Unaccounted => &mut p.unaccounted,
    };
    *slot = value;
}

/// A year's protocols as read from a CEC file.
pub(super) struct ProtocolFile {
    pub(super) year: u16,
    pub(super) path: String,
    pub(super) candidates: Vec<HistoryCandidate>,
    pub(super) rows: Vec<HistoryPec>,
}

pub(super) fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes)
}

pub(super) fn csv_error(file: &str, e: &csv::Error) -> ImportError {
    let line = e.position().map(|p| p.line());
    error(file, line, format!("not a well-formed CSV row: {e}"))
}

/// "УИК №8096" or "8096" → 8096.
pub(super) fn pec_number(text: &str) -> Option<u32> {
    let digits = text
        .trim()
        .trim_start_matches("УИК")
        .trim()
        .trim_start_matches('№');
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

pub(super) fn read_candidates(raw: &[RawFile]) -> Result<Vec<HistoryCandidate>, ImportError> {
    let file = find(raw, CANDIDATES_FILE)?;
    let mut reader = csv_reader(&file.bytes);
    let headers = reader
        .headers()
        .map_err(|e| csv_error(CANDIDATES_FILE, &e))?
        .clone();
    let expected = ["cec_header", "id", "name_en", "name_ru"];
    if headers.iter().collect::<Vec<_>>() != expected {
        return Err(error(
            CANDIDATES_FILE,
            Some(1),
            format!("the header must be {}", expected.join(",")),
        ));
    }
    let mut list = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(CANDIDATES_FILE, &e))?;
        list.push(HistoryCandidate {
            cec_header: record[0].to_string(),
            id: record[1].to_string(),
            name_en: record[2].to_string(),
            name_ru: record[3].to_string(),
        });
    }
    Ok(list)
}

pub(super) fn find<'a>(raw: &'a [RawFile], path: &str) -> Result<&'a RawFile, ImportError> {
    raw.iter()
        .find(|f| f.path == path)
        .ok_or_else(|| error(path, None, "missing"))
}

pub(super) fn read_protocols(
    file: &RawFile,
    year: u16,
    known: &[HistoryCandidate],
) -> Result<ProtocolFile, ImportError> {
    let path = file.path.as_str();
    let mut reader = csv_reader(&file.bytes);
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let mut columns = Vec::new();
    let mut candidates: Vec<HistoryCandidate> = Vec::new();
    let mut seen_fields: Vec<Field> = Vec::new();
    for header in headers.iter() {
        let column = match header {
            "region" | "tik" => Column::Skip,
            "uik" => Column::PecNumber,
            _ if header.to_lowercase().contains("открепительн") => Column::Skip,
            _ => {
                if let Some(field) = protocol_field(header) {
                    if seen_fields.contains(&field) {
                        return Err(error(
                            path,
                            Some(1),
                            format!("column \"{header}\" repeats protocol line {field:?}"),
                        ));
                    }
                    seen_fields.push(field);
                    Column::Line(field)
                } else if let Some(c) = known.iter().find(|c| c.cec_header == header) {
                    candidates.push(c.clone());
                    Column::Option(candidates.len() - 1)
                } else {
                    return Err(error(
                        path,
                        Some(1),
                        format!(
                            "unrecognised column \"{header}\": neither a protocol line nor a candidate listed in data/raw/{CANDIDATES_FILE}"
                        ),
                    ));
                }
            }
        };
        columns.push(column);
    }
    if let Some(missing) = FIELDS.iter().find(|f| !seen_fields.contains(f)) {
        return Err(error(
            path,
            Some(1),
            format!("no column for protocol line {missing:?}"),
        ));
    }
    if !columns.contains(&Column::PecNumber) {
        return Err(error(path, Some(1), "no `uik` column"));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map(|p| p.line());
        let mut protocol = Protocol::default();
        let mut votes = vec![0u32; candidates.len()];
        let mut pec = None;
        for (column, (text, header)) in columns.iter().zip(record.iter().zip(headers.iter())) {
            let number = || -> Result<u32, ImportError> {
                text.trim().parse::<u32>().map_err(|_| {
                    error(
                        path,
                        line,
                        format!("\"{header}\" is \"{text}\", not a whole number"),
                    )
                })
            };
            match *column {
                Column::Skip => {}
                Column::PecNumber => {
                    pec = Some(pec_number(text).ok_or_else(|| {
                        error(path, line, format!("PEC number \"{text}\" is not a number"))
                    })?)
                }
                Column::Line(field) => set_field(&mut protocol, field, number()?),
                Column::Option(i) => votes[i] = number()?,
            }
        }
        let pec = pec.expect("checked above that a uik column exists");
        if rows.iter().any(|r: &HistoryPec| r.pec == pec) {
            return Err(error(path, line, format!("PEC {pec} appears twice")));
        }
        rows.push(HistoryPec {
            pec,
            protocol,
            votes,
        });
    }
    if rows.is_empty() {
        return Err(error(path, None, "no protocols"));
    }
    Ok(ProtocolFile {
        year,
        path: path.to_string(),
        candidates,
        rows,
    })
}
