//! Reading and validating the bundle (data/*.json). Every failure is a named error: which file,
//! which record, what is wrong. Nothing is dropped silently, and nothing the bundle says about
//! itself is taken on trust: the manifest's report is recomputed (`manifest_check`), the national
//! file's sums re-added (`national::check_national`), and the bundle's fingerprint compared with
//! the one this version ships with (`shipped`). The page's load leaves the checks out for exactly
//! those bytes (known there by each file's length and XXH64, `identity`), which the test suite
//! checks (`Checks::UnlessShipped`); any other files get them all.

pub use super::files::*;
use super::model::{HistoryYear, Pec};
use super::national::{self, NationalFile};
pub use super::validate::{Country, HISTORY_PEC_RANGE, HISTORY_YEARS, PEC_RANGE_2024};
use super::{guard, manifest_check, shipped, validate};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The loaded, validated bundle.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub pecs: Vec<Pec>,
    pub history: Vec<HistoryYear>,
    pub manifest: Manifest,
    /// The paper's printed figures as transcribed (checked against the tables by `paper`).
    pub paper: PaperFile,
    pub russia: RussiaFile,
    /// The paper's conclusions as written (compiled by `paper::claims`).
    pub claims: ClaimsFile,
    /// Every PEC protocol of Russia summed per region (data/russia-2024-national.json).
    pub national: NationalFile,
    pub countries: Vec<Country>,
    /// Each PEC's index into `countries`, if its country is established.
    pub pec_country: Vec<Option<usize>>,
    /// SHA-256 (hex) over the bundle files' bytes, concatenated in [`BUNDLE_FILES`] order.
    pub fingerprint: String,
    /// Whether `fingerprint` is the one of the bundle this version ships with.
    pub shipped: bool,
}

/// A bundle file's bytes as text: UTF-8, a leading byte-order mark dropped (as a browser drops
/// it when the page fetches the file, so the CLI and the page read the same text).
pub fn text_of(file: &str, bytes: &[u8]) -> Result<String, BundleError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(bundle_error(
            file,
            None,
            "UTF-16 text; the bundle’s files are UTF-8 (save the file as UTF-8)",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        bundle_error(
            file,
            None,
            format!(
                "not UTF-8 text: the bytes at offset {} are not a character",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// A file's text read: its limits and unique keys first ([`guard`]), then its schema.
pub fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, BundleError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    guard::check_json(file, text).map_err(|problem| bundle_error(file, None, problem))?;
    parse_json(file, text)
}

/// Which of the loader's checks a load runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checks {
    /// Every check, whatever the files.
    All,
    /// Every check, unless the files are byte for byte the bundle this version ships with (its
    /// fingerprint is `SHIPPED_FINGERPRINT`): the test suite runs every check on those bytes
    /// (tests/bad_data.rs), so what is left is reading them. The page's first load takes this:
    /// in the browser the checks are a large part of it. Any other files get every check.
    UnlessShipped,
}

/// A file's JSON read into its schema (no other check: the loader's come before and after).
fn parse_json<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, BundleError> {
    serde_json::from_str(text).map_err(|e| {
        let kind = if e.is_eof() {
            "the file ends too early (truncated?)"
        } else if e.is_syntax() {
            "not valid JSON"
        } else {
            "not the expected shape"
        };
        bundle_error(file, None, format!("{kind}: {e}"))
    })
}

/// A bundle file's text, without a leading byte-order mark.
fn file_text<'t>(texts: &'t BTreeMap<String, String>, name: &str) -> Result<&'t str, BundleError> {
    texts
        .get(name)
        .map(|t| t.strip_prefix('\u{feff}').unwrap_or(t))
        .ok_or_else(|| bundle_error(name, None, "missing from the bundle"))
}

/// Every file's size checked first (nothing, not even the fingerprint, reads an oversized file),
/// then the bundle's fingerprint and whether it is the shipped one.
fn sized_and_fingerprinted(
    texts: &BTreeMap<String, String>,
) -> Result<(String, bool), BundleError> {
    let mut files = Vec::with_capacity(BUNDLE_FILES.len());
    for name in BUNDLE_FILES {
        let text = file_text(texts, name)?;
        guard::check_size(name, text).map_err(|p| bundle_error(name, None, p))?;
        files.push(text);
    }
    let fingerprint = fingerprint(files.iter().copied());
    let shipped = fingerprint == shipped::SHIPPED_FINGERPRINT;
    Ok((fingerprint, shipped))
}

/// Whether every bundle file is the shipped one by its length and quick identity (`identity`).
fn is_shipped(texts: &BTreeMap<String, String>) -> bool {
    BUNDLE_FILES.len() == shipped::SHIPPED_FILES.len()
        && BUNDLE_FILES
            .iter()
            .zip(&shipped::SHIPPED_FILES)
            .all(|(name, file)| {
                *name == file.name && file_text(texts, name).is_ok_and(|text| file.is(text))
            })
}

/// The bundle's files as read, before the bundle is put together.
struct Files {
    pecs: PecsFile,
    history: Vec<HistoryYear>,
    manifest: Manifest,
    paper: PaperFile,
    russia: RussiaFile,
    claims: ClaimsFile,
    national: NationalFile,
}

impl Files {
    /// Every file read into its schema, its text from `text` (which may check it first: the
    /// shipped files' reader does not, so its code holds none of the checks).
    fn read<'t>(text: impl Fn(&str) -> Result<&'t str, BundleError>) -> Result<Files, BundleError> {
        Ok(Files {
            pecs: parse_json(PECS_FILE, text(PECS_FILE)?)?,
            history: parse_json::<HistoryFile>(HISTORY_FILE, text(HISTORY_FILE)?)?.into_years()?,
            manifest: parse_json(MANIFEST_FILE, text(MANIFEST_FILE)?)?,
            paper: parse_json(PAPER_FILE, text(PAPER_FILE)?)?,
            russia: parse_json(RUSSIA_FILE, text(RUSSIA_FILE)?)?,
            claims: parse_json(CLAIMS_FILE, text(CLAIMS_FILE)?)?,
            national: parse_json(NATIONAL_FILE, text(NATIONAL_FILE)?)?,
        })
    }

    fn assemble(self, fingerprint: String, shipped: bool) -> Result<Bundle, BundleError> {
        let pecs = self.pecs.pecs;
        let countries = validate::gather_countries(&pecs)?;
        let mut pec_country = vec![None; pecs.len()];
        for (c, country) in countries.iter().enumerate() {
            for &i in &country.pecs {
                pec_country[i] = Some(c);
            }
        }
        Ok(Bundle {
            pecs,
            history: self.history,
            manifest: self.manifest,
            paper: self.paper,
            russia: self.russia,
            claims: self.claims,
            national: self.national,
            countries,
            pec_country,
            fingerprint,
            shipped,
        })
    }
}

/// The bundle's fingerprint: SHA-256 over the files' bytes in [`BUNDLE_FILES`] order, with
/// nothing between them (`cat` the files in that order into `sha256sum` to reproduce it; a
/// leading byte-order mark is not counted). Each file is one JSON document, so no byte can move
/// from one file to the next but whitespace.
pub fn fingerprint<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = Sha256::new();
    for text in texts {
        // In pieces: a browser runs a long wasm call in its baseline code to the end, and moves a
        // function to its optimizing compiler only between calls (one update per file took most
        // of the hashing time on a first load).
        for piece in text.as_bytes().chunks(4096) {
            hasher.update(piece);
        }
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Bundle {
    /// Load the bundle from its files' text, keyed by file name (as in [`BUNDLE_FILES`]), with
    /// every check.
    pub fn from_texts(texts: &BTreeMap<String, String>) -> Result<Bundle, BundleError> {
        Bundle::from_texts_with(texts, Checks::All)
    }

    /// Load the bundle, with the checks `checks` asks for (`Checks::UnlessShipped`: none of the
    /// checks the shipped files are known to pass, when they are those files).
    pub fn from_texts_with(
        texts: &BTreeMap<String, String>,
        checks: Checks,
    ) -> Result<Bundle, BundleError> {
        let (fingerprint, shipped) = sized_and_fingerprinted(texts)?;
        let checks = if shipped { checks } else { Checks::All };
        let read_file = |name: &str| -> Result<&str, BundleError> {
            let text = file_text(texts, name)?;
            if checks == Checks::All {
                guard::check_json(name, text).map_err(|p| bundle_error(name, None, p))?;
            }
            Ok(text)
        };
        let files = Files::read(read_file)?;
        if checks == Checks::All {
            validate::validate_claims(&files.claims)?;
            validate::validate_russia(&files.russia)?;
            validate::validate_pecs(&files.pecs.pecs)?;
            validate::validate_history(&files.history)?;
            manifest_check::validate_manifest(&files.manifest, &files.pecs, &files.history)?;
            validate_national(
                &files.national,
                &files.russia,
                &files.pecs.pecs,
                &files.manifest,
            )?;
        }
        files.assemble(fingerprint, shipped)
    }

    /// The page's load: the shipped files, read without the loader's checks (the test suite
    /// runs every check on these very bytes: tests/bad_data.rs); `None` for any other files,
    /// which only `from_texts` reads. A module that calls only this carries none of the checks'
    /// code (the page's: other files go to the worker's module, which has them all). The files
    /// are known by each one's length and quick identity (`shipped::SHIPPED_FILES`), not by
    /// hashing them all with SHA-256: their fingerprint is then the shipped one.
    pub fn from_shipped_texts(
        texts: &BTreeMap<String, String>,
    ) -> Result<Option<Bundle>, BundleError> {
        if !is_shipped(texts) {
            return Ok(None);
        }
        let files = Files::read(|name| file_text(texts, name))?;
        files
            .assemble(shipped::SHIPPED_FINGERPRINT.to_string(), true)
            .map(Some)
    }

    /// The PEC with this number.
    pub fn pec_index(&self, number: u32) -> Option<usize> {
        self.pecs.binary_search_by_key(&number, |p| p.pec).ok()
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.id == id)
    }
}

/// data/claims.json read and within its limits (its tests are compiled by `paper::claims`).
pub fn parse_claims(text: &str) -> Result<ClaimsFile, BundleError> {
    let claims: ClaimsFile = parse(CLAIMS_FILE, text)?;
    validate::validate_claims(&claims)?;
    Ok(claims)
}

/// The national file against itself and the other files (see `national::check`).
fn validate_national(
    national: &NationalFile,
    russia: &RussiaFile,
    pecs: &[Pec],
    manifest: &Manifest,
) -> Result<(), BundleError> {
    use super::model::CURRENT_YEAR;
    use national::{Announced, Expected, Sums};
    let figure = |f: &NationalFigure| u64::from(f.value);
    let announced = Announced {
        early: figure(&russia.early),
        inside: figure(&russia.inside),
        mobile: figure(&russia.mobile),
        invalid: figure(&russia.invalid),
        valid: figure(&russia.valid),
        davankov: figure(&russia.davankov),
        putin: figure(&russia.putin),
        slutsky: figure(&russia.slutsky),
        kharitonov: figure(&russia.kharitonov),
    };
    // u64 sums of u32 lines over at most 450 PECs cannot overflow.
    let mut abroad = Sums::default();
    for pec in pecs {
        let (p, v) = (&pec.protocol, &pec.votes);
        let (a, b) = (&mut abroad.protocol, &mut abroad.votes);
        for (sum, x) in [
            (&mut a.registered, p.registered),
            (&mut a.received, p.received),
            (&mut a.early, p.early),
            (&mut a.inside, p.inside),
            (&mut a.mobile, p.mobile),
            (&mut a.cancelled, p.cancelled),
            (&mut a.portable, p.portable),
            (&mut a.stationary, p.stationary),
            (&mut a.invalid, p.invalid),
            (&mut a.valid, p.valid),
            (&mut a.lost, p.lost),
            (&mut a.unaccounted, p.unaccounted),
            (&mut b.davankov, v.davankov),
            (&mut b.putin, v.putin),
            (&mut b.slutsky, v.slutsky),
            (&mut b.kharitonov, v.kharitonov),
        ] {
            *sum += u64::from(x);
        }
    }
    let expected = Expected {
        announced,
        abroad,
        abroad_pecs: u32::try_from(pecs.len()).unwrap_or(u32::MAX),
        abroad_failures: manifest
            .failures
            .iter()
            .filter(|f| f.year == CURRENT_YEAR)
            .map(|f| (f.pec, f.relation.as_str(), f.detail.as_str()))
            .collect(),
    };
    national::check_national(national, &expected)
        .map_err(|p| bundle_error(NATIONAL_FILE, Some(p.record), p.problem))?;
    for source in &national.sources {
        if !manifest.sources.iter().any(|s| &s.path == source) {
            return Err(bundle_error(
                MANIFEST_FILE,
                Some("sources".into()),
                format!(
                    "no entry for {}, which data/{NATIONAL_FILE} comes from",
                    crate::text::shorten(source, 60)
                ),
            ));
        }
    }
    Ok(())
}

impl RussiaFile {
    /// Every figure with its name.
    pub fn figures(&self) -> [(&'static str, &NationalFigure); 9] {
        [
            ("early", &self.early),
            ("inside", &self.inside),
            ("mobile", &self.mobile),
            ("invalid", &self.invalid),
            ("valid", &self.valid),
            ("davankov", &self.davankov),
            ("putin", &self.putin),
            ("slutsky", &self.slutsky),
            ("kharitonov", &self.kharitonov),
        ]
    }
}
