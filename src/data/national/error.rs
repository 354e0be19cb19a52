//! What is wrong with the national raw files, named by file, line and cell.

use super::{ELECTRONIC_FILE, PEC_PREFIX, PRECINCTS_FILE, SUBJECTS_FILE};
use std::fmt;

/// What is wrong with the raw files, naming the file (relative to data/raw), the line and the cell.
#[derive(Debug, PartialEq, Eq)]
pub enum NationalError {
    Io {
        file: String,
        message: String,
    },
    /// Not a readable zip (truncated, corrupt), or not exactly one CSV inside.
    Archive {
        file: String,
        message: String,
    },
    /// Not well-formed CSV (bad UTF-8, a row of the wrong length).
    Csv {
        file: String,
        line: Option<u64>,
        message: String,
    },
    MissingColumn {
        file: String,
        header: String,
    },
    DuplicateColumn {
        file: String,
        header: String,
    },
    UnknownColumn {
        file: String,
        header: String,
    },
    NotANumber {
        file: String,
        line: u64,
        column: String,
        value: String,
    },
    BadPecNumber {
        file: String,
        line: u64,
        value: String,
    },
    DuplicatePec {
        file: String,
        line: u64,
        region: String,
        pec: u32,
    },
    DuplicateRegion {
        file: String,
        line: u64,
        region: String,
    },
    /// A region subjects.csv does not name.
    UnknownRegion {
        file: String,
        line: u64,
        region: String,
    },
    /// A region subjects.csv names that the protocols do not list.
    UnlistedSubject {
        region: String,
    },
    /// A region with some PECs with a protocol and some without: the derived remainder would mix them.
    PartlyMissing {
        region: String,
        with_protocol: u32,
        without: u32,
    },
    /// An electronic vote in a region whose PECs have no protocol.
    ElectronicWithoutProtocols {
        line: u64,
        region: String,
    },
    BadSubjectRow {
        line: u64,
        message: String,
    },
    Overflow {
        what: String,
    },
    /// The CEC's announced totals could not be read.
    Announced {
        message: String,
    },
}

impl fmt::Display for NationalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use NationalError::*;
        match self {
            Io { file, message } => write!(f, "data/raw/{file}: cannot read: {message}"),
            Archive { file, message } => write!(f, "data/raw/{file}: {message}"),
            Csv {
                file,
                line: Some(line),
                message,
            } => write!(f, "data/raw/{file} line {line}: {message}"),
            Csv {
                file,
                line: None,
                message,
            } => write!(f, "data/raw/{file}: {message}"),
            MissingColumn { file, header } => write!(f, "data/raw/{file}: no column \"{header}\""),
            DuplicateColumn { file, header } => {
                write!(f, "data/raw/{file}: column \"{header}\" appears twice")
            }
            UnknownColumn { file, header } => {
                write!(f, "data/raw/{file}: unknown column \"{header}\"")
            }
            NotANumber {
                file,
                line,
                column,
                value,
            } => write!(
                f,
                "data/raw/{file} line {line}: column \"{column}\": \"{value}\" is not a count (0..4294967295)"
            ),
            BadPecNumber { file, line, value } => write!(
                f,
                "data/raw/{file} line {line}: \"{value}\" is not a PEC number (\"{PEC_PREFIX}123\")"
            ),
            DuplicatePec {
                file,
                line,
                region,
                pec,
            } => {
                write!(
                    f,
                    "data/raw/{file} line {line}: PEC {pec} of {region} appears twice"
                )
            }
            DuplicateRegion { file, line, region } => {
                write!(
                    f,
                    "data/raw/{file} line {line}: region {region} appears twice"
                )
            }
            UnknownRegion { file, line, region } => write!(
                f,
                "data/raw/{file} line {line}: region \"{region}\" is not in data/raw/{SUBJECTS_FILE}"
            ),
            UnlistedSubject { region } => write!(
                f,
                "data/raw/{SUBJECTS_FILE}: \"{region}\" is not a region of data/raw/{PRECINCTS_FILE}"
            ),
            PartlyMissing {
                region,
                with_protocol,
                without,
            } => write!(
                f,
                "data/raw/{PRECINCTS_FILE}: {region} has {with_protocol} PECs with a protocol and {without} without"
            ),
            ElectronicWithoutProtocols { line, region } => write!(
                f,
                "data/raw/{ELECTRONIC_FILE} line {line}: {region} has an electronic vote but no PEC protocol"
            ),
            BadSubjectRow { line, message } => {
                write!(f, "data/raw/{SUBJECTS_FILE} line {line}: {message}")
            }
            Overflow { what } => write!(f, "a sum overflows: {what}"),
            Announced { message } => write!(f, "the CEC’s announced totals: {message}"),
        }
    }
}

impl std::error::Error for NationalError {}

pub(super) fn csv_error(file: &str, e: csv::Error) -> NationalError {
    NationalError::Csv {
        file: file.to_string(),
        line: e.position().map(csv::Position::line),
        message: e.to_string(),
    }
}
