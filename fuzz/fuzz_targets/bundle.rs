//! The bundle loader: the input is the seven bundle files in BUNDLE_FILES order, as bytes,
//! separated by the byte 0x1E (seeds: a small valid bundle, and the same with a byte-order mark,
//! CRLF line ends, one file in UTF-16; fuzz/seeds/make_bundle_seeds.py). Any input loads or is
//! refused with a short error naming a bundle file, never a panic or a wrapped sum. A bundle that
//! loads adds up: its totals equal a re-sum of its PECs taken here, its national file's totals a
//! re-sum of its regions, and every table builds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::data::bundle::text_of;
use reweigh::{BUNDLE_FILES, Engine, State};
use std::collections::BTreeMap;

/// An error names a file of the bundle and is short (never the input echoed whole).
fn check_error(message: &str) {
    let file = message
        .strip_prefix("data/")
        .and_then(|rest| rest.split_once(':'))
        .map(|(file, _)| file);
    assert!(
        file.is_some_and(|f| BUNDLE_FILES.contains(&f)),
        "the error names no bundle file: {message}"
    );
    assert!(message.chars().count() <= 600, "a long message: {message}");
}

fuzz_target!(|data: &[u8]| {
    let mut texts = BTreeMap::new();
    for (name, part) in BUNDLE_FILES.iter().zip(data.split(|&b| b == 0x1e)) {
        match text_of(name, part) {
            Ok(text) => {
                texts.insert(name.to_string(), text);
            }
            Err(e) => return check_error(&e.to_string()),
        }
    }
    let engine = match Engine::load(&texts) {
        Ok(engine) => engine,
        Err(e) => return check_error(&e.to_string()),
    };
    let b = engine.bundle();
    // The totals abroad against a re-sum of the PECs (i128: nothing here can wrap).
    let total = engine.compute(&State::paper()).total;
    let sum = |f: &dyn Fn(&reweigh::data::model::Pec) -> u32| -> i128 {
        b.pecs.iter().map(|p| i128::from(f(p))).sum()
    };
    let p = |f: fn(&reweigh::data::model::Protocol) -> u32| sum(&move |pec| f(&pec.protocol));
    assert_eq!(
        i128::from(total.issued),
        p(|x| x.early) + p(|x| x.inside) + p(|x| x.mobile)
    );
    assert_eq!(
        i128::from(total.cast),
        p(|x| x.portable) + p(|x| x.stationary)
    );
    assert_eq!(i128::from(total.valid), p(|x| x.valid));
    assert_eq!(i128::from(total.invalid), p(|x| x.invalid));
    assert_eq!(i128::from(total.votes.davankov), sum(&|x| x.votes.davankov));
    assert_eq!(i128::from(total.votes.putin), sum(&|x| x.votes.putin));
    assert_eq!(usize::try_from(total.pecs).ok(), Some(b.pecs.len()));
    // The national file's totals against a re-sum of its regions.
    let n = &b.national;
    let regions: u128 = n.subjects.iter().map(|s| u128::from(s.votes.putin)).sum();
    assert_eq!(u128::from(n.totals.protocols.votes.putin), regions);
    let abroad: u128 = b.pecs.iter().map(|p| u128::from(p.protocol.valid)).sum();
    assert_eq!(u128::from(n.totals.abroad.protocol.valid), abroad);
    // Every anomaly the bundle accepts is one its protocols show.
    for f in &b.manifest.failures {
        assert!(
            b.history.iter().any(|y| y.year == f.year) || b.pec_index(f.pec).is_some(),
            "{f}"
        );
    }
    let tables = engine
        .tables(&State::paper(), None)
        .expect("every table builds");
    assert_eq!(tables.len(), reweigh::paper::tables::TABLE_IDS.len());
    let _ = engine
        .compute(&State::from_query("invalid=0.5&base=valid&disputed=exclude&regions=un").unwrap());
    let _ = engine.check_report();
});
