//! The manifest cannot vouch for itself: the loader recomputes what the manifest states from the
//! files it describes — the control-relation report (which protocol breaks which relation), the
//! counts per year, the evidence counts, the relations' wording — and refuses a manifest that
//! disagrees. What cannot be recomputed without the raw files (their SHA-256) must at least be
//! well formed and name every raw file the other files cite.

use super::checks::{self, Failure, RELATIONS};
use super::files::{
    BundleError, HISTORY_FILE, MANIFEST_FILE, Manifest, PECS_FILE, PecsFile, bundle_error,
};
use super::model::{CURRENT_YEAR, Evidence, HistoryYear, Pec};
use std::collections::{BTreeMap, BTreeSet};

/// Every relation every protocol breaks, 2024 and the earlier years, as (file, failure).
pub fn recompute_failures(pecs: &[Pec], history: &[HistoryYear]) -> Vec<(&'static str, Failure)> {
    let mut found = Vec::new();
    for year in history {
        for pec in &year.pecs {
            let total = pec.votes.iter().map(|&v| i64::from(v)).sum();
            for failure in checks::check_protocol(year.year, pec.pec, &pec.protocol, total) {
                found.push((HISTORY_FILE, failure));
            }
        }
    }
    for pec in pecs {
        for failure in
            checks::check_protocol(CURRENT_YEAR, pec.pec, &pec.protocol, pec.votes.total())
        {
            found.push((PECS_FILE, failure));
        }
    }
    found
}

fn sort_key(f: &Failure) -> (u16, u32, usize, &str) {
    let relation = RELATIONS
        .iter()
        .position(|r| r.id == f.relation)
        .unwrap_or(RELATIONS.len());
    (f.year, f.pec, relation, f.detail.as_str())
}

fn manifest_error(record: impl Into<String>, problem: impl Into<String>) -> BundleError {
    bundle_error(MANIFEST_FILE, Some(record.into()), problem)
}

/// The manifest against the files it describes.
pub fn validate_manifest(
    manifest: &Manifest,
    pecs_file: &PecsFile,
    history: &[HistoryYear],
) -> Result<(), BundleError> {
    let pecs = &pecs_file.pecs;
    // The control-relation report, both ways: a failure the protocols show must be listed (else
    // the file is corrupt), and a listed one must be shown (else the report is made up).
    let mut found = recompute_failures(pecs, history);
    crate::text::order::sort_by(&mut found, |a, b| sort_key(&a.1).cmp(&sort_key(&b.1)));
    let mut listed: Vec<&Failure> = manifest.failures.iter().collect();
    crate::text::order::sort_by(&mut listed, |a, b| sort_key(a).cmp(&sort_key(b)));
    let key = |f: &Failure| (f.year, f.pec, f.relation.clone(), f.detail.clone());
    let mut listed_set = BTreeSet::new();
    for failure in &listed {
        if !listed_set.insert(key(failure)) {
            return Err(manifest_error(
                format!("failures: {} PEC {}", failure.year, failure.pec),
                format!(
                    "the failure of `{}` is listed twice",
                    crate::text::shorten(&failure.relation, 40)
                ),
            ));
        }
    }
    let found_set: BTreeSet<_> = found.iter().map(|(_, f)| key(f)).collect();
    for (file, failure) in &found {
        if !listed_set.contains(&key(failure)) {
            return Err(bundle_error(
                file,
                Some(format!("{} PEC {}", failure.year, failure.pec)),
                format!("control relation: {}", failure.breach()),
            ));
        }
    }
    for failure in &listed {
        if !found_set.contains(&key(failure)) {
            return Err(manifest_error(
                format!("failures: {} PEC {}", failure.year, failure.pec),
                format!(
                    "lists a breach of `{}` (\"{}\") that the protocols do not show",
                    crate::text::shorten(&failure.relation, 40),
                    crate::text::shorten(&failure.detail, 80)
                ),
            ));
        }
    }

    // One check per year, ascending, with the year's protocol and failure counts.
    let mut years: Vec<(u16, usize)> = history.iter().map(|y| (y.year, y.pecs.len())).collect();
    years.push((CURRENT_YEAR, pecs.len()));
    if manifest.checks.len() != years.len() {
        return Err(manifest_error(
            "checks",
            format!(
                "{} years checked, but the bundle holds {} ({})",
                manifest.checks.len(),
                years.len(),
                years
                    .iter()
                    .map(|(y, _)| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    for (check, (year, count)) in manifest.checks.iter().zip(&years) {
        let record = format!("checks: {}", check.year);
        if check.year != *year {
            return Err(manifest_error(
                record,
                format!("expected the year {year} here (one check per year, ascending)"),
            ));
        }
        if usize::try_from(check.pecs).ok() != Some(*count) {
            return Err(manifest_error(
                record,
                format!("says {} protocols; the bundle holds {count}", check.pecs),
            ));
        }
        let failures = found.iter().filter(|(_, f)| f.year == *year).count();
        if usize::try_from(check.failures).ok() != Some(failures) {
            return Err(manifest_error(
                record,
                format!(
                    "says {} failures of a control relation; the protocols show {failures}",
                    check.failures
                ),
            ));
        }
    }

    // Evidence counts: exactly the four levels, each its PECs' count.
    let mut evidence: BTreeMap<String, u32> = BTreeMap::new();
    for e in Evidence::ALL {
        let n = pecs.iter().filter(|p| p.location.evidence == e).count();
        evidence.insert(e.id().to_string(), u32::try_from(n).unwrap_or(u32::MAX));
    }
    if manifest.evidence != evidence {
        let wrong = evidence
            .iter()
            .find(|(k, v)| manifest.evidence.get(*k) != Some(v))
            .map(|(k, v)| format!("{k}: the PECs show {v}"))
            .or_else(|| {
                manifest
                    .evidence
                    .keys()
                    .find(|k| !evidence.contains_key(*k))
                    .map(|k| {
                        format!(
                            "\"{}\" is not an evidence level",
                            crate::text::shorten(k, 40)
                        )
                    })
            })
            .unwrap_or_default();
        return Err(manifest_error("evidence", wrong));
    }

    let relations: Vec<String> = RELATIONS
        .iter()
        .map(|r| format!("{}: {}", r.id, r.text))
        .collect();
    if manifest.relations != relations {
        return Err(manifest_error(
            "relations",
            "not the control relations this version checks",
        ));
    }

    // Sources: relative paths, once each, sorted; a SHA-256 of 64 hex digits; every raw file the
    // protocols cite is among them.
    for (i, source) in manifest.sources.iter().enumerate() {
        let record = format!("sources: {}", crate::text::shorten(&source.path, 60));
        let path_ok = !source.path.is_empty()
            && !source.path.starts_with('/')
            && !source.path.contains('\\')
            && source
                .path
                .split('/')
                .all(|part| !part.is_empty() && part != "..");
        if !path_ok {
            return Err(manifest_error(record, "not a path within data/raw"));
        }
        if i > 0 && manifest.sources[i - 1].path >= source.path {
            return Err(manifest_error(
                record,
                "listed twice or out of order (the importer sorts the sources by path)",
            ));
        }
        if source.sha256.len() != 64
            || !source
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(manifest_error(
                record,
                "the SHA-256 is not 64 lowercase hexadecimal digits",
            ));
        }
        if source.bytes == 0 {
            return Err(manifest_error(record, "an empty raw file"));
        }
    }
    let cited = pecs_file
        .sources
        .iter()
        .map(|s| (PECS_FILE, s))
        .chain(history.iter().map(|y| (HISTORY_FILE, &y.source)));
    for (file, path) in cited {
        if !manifest.sources.iter().any(|s| &s.path == path) {
            return Err(manifest_error(
                "sources",
                format!(
                    "no entry for {}, which data/{file} comes from",
                    crate::text::shorten(path, 60)
                ),
            ));
        }
    }
    Ok(())
}
