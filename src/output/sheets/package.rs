//! A data package: named files (the CSVs, the JSON, a README) in one ZIP, inside one folder so
//! that unpacking it makes no mess (the pattern of Our World in Data's downloads).

use super::{SheetError, parse_date};
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Package {
    /// The folder the files unpack into (made safe like the file names); empty: none.
    pub folder: String,
    pub files: Vec<PackageFile>,
    /// The files' modification time, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`; `None`: 1980-01-01,
    /// ZIP's earliest (the output then depends on the files alone).
    pub date: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PackageFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The package as ZIP bytes (deflate).
pub fn package(pkg: &Package) -> Result<Vec<u8>, SheetError> {
    if pkg.files.is_empty() {
        return Err(SheetError::NoFiles);
    }
    let modified = match &pkg.date {
        None => DateTime::default(),
        Some(text) => {
            let (y, mo, d, h, mi, s) = parse_date(text)?;
            DateTime::from_date_and_time(y, mo, d, h, mi, s)
                .map_err(|_| SheetError::BadDate(text.clone()))?
        }
    };
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(modified)
        .unix_permissions(0o644);
    let folder = if pkg.folder.is_empty() {
        String::new()
    } else {
        format!("{}/", safe_file_name(&pkg.folder))
    };
    let mut names: Vec<String> = Vec::with_capacity(pkg.files.len());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let fail = |e: &dyn std::fmt::Display| SheetError::Zip(e.to_string());
    for file in &pkg.files {
        let name = format!("{folder}{}", safe_file_name(&file.name));
        // Windows and macOS file systems ignore case: "README.md" and "readme.md" would clash.
        if names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            return Err(SheetError::DuplicateFile(name));
        }
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&file.bytes).map_err(|e| fail(&e))?;
        names.push(name);
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

/// A file name safe on every system and in every unzip tool: ASCII letters, digits, `.`, `_` and
/// `-` (anything else becomes `-`), no leading dot or dash, no path, at most 100 characters
/// keeping the extension; `file` if nothing is left.
pub fn safe_file_name(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    // Runs of separators (from "a / b" or "..") collapse to one.
    let mut clean = String::with_capacity(mapped.len());
    for c in mapped.chars() {
        let last = clean.chars().last();
        if (c == '-' && last == Some('-')) || (c == '.' && matches!(last, Some('.' | '-'))) {
            continue;
        }
        clean.push(c);
    }
    let clean = clean.trim_matches(['.', '-']);
    let clean = if clean.len() > 100 {
        match clean.rsplit_once('.') {
            Some((stem, ext)) if ext.len() <= 10 => format!("{}.{ext}", &stem[..99 - ext.len()]),
            _ => clean[..100].to_string(),
        }
    } else {
        clean.to_string()
    };
    if clean.is_empty() || clean.starts_with('.') {
        "file".to_string()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_no_path_and_no_strange_character() {
        assert_eq!(safe_file_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_file_name("C:\\Users\\x.csv"), "C-Users-x.csv");
        assert_eq!(safe_file_name("таблица 3.csv"), "3.csv");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("a\u{0}b..csv"), "a-b.csv");
        assert_eq!(safe_file_name("///"), "file");
        assert_eq!(
            safe_file_name("reweigh-table-3-a1b2c3.csv"),
            "reweigh-table-3-a1b2c3.csv"
        );
        let long = format!("{}.csv", "x".repeat(300));
        assert_eq!(safe_file_name(&long).len(), 100);
        assert!(safe_file_name(&long).ends_with("x.csv"));
    }
}
