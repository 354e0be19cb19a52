//! A broken bundle is refused with the file, the record and what is wrong; never a panic. The
//! cases are the shared ones (tests/fixtures/broken-bundles.json), also run through the CLI, the
//! wasm boundary and the page.

mod common;

use common::fixture::{Surface, broken_bundles, bundle_texts};
use reweigh::{Bundle, Checks, Engine, Lang};

#[test]
fn every_broken_bundle_is_refused_naming_the_file_and_the_problem() {
    let cases = broken_bundles();
    assert!(cases.len() >= 17, "{} cases", cases.len());
    for case in &cases {
        let error = match Engine::load(&case.bundle()) {
            Ok(_) => panic!("{}: a broken {} loaded", case.name, case.file),
            Err(e) => e,
        };
        // The page's load skips the checks only for the shipped files: a broken bundle is
        // refused by it in the same words.
        let worker = Engine::load_with(&case.bundle(), Checks::UnlessShipped).err();
        assert_eq!(
            worker.as_ref(),
            Some(&error),
            "{}: the worker's load",
            case.name
        );
        // The page's module reads the shipped files only: a broken bundle is not read there (the
        // page hands it to the worker's module, above), or refused in the same words when what
        // is wrong is found before the fingerprint (a missing or oversized file).
        match Engine::load_shipped(&case.bundle()) {
            Ok(None) => {}
            Ok(Some(_)) => panic!("{}: the page's module read a broken bundle", case.name),
            Err(e) => assert_eq!(e, error, "{}: the page's module", case.name),
        }
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("data/{}", case.file)),
            "{}: the message names another file first: {message}",
            case.name
        );
        for fragment in case.message(Surface::Engine) {
            assert!(
                message.contains(&fragment),
                "{}: {message:?} lacks {fragment:?}",
                case.name
            );
        }
        // In Russian: what happened in Russian, the checks' own details marked as English.
        let ru = error.message(Lang::Ru);
        assert!(
            ru.starts_with(&format!(
                "data/{}: данные не загружены. Подробности (на английском): ",
                case.file
            )),
            "{}: {ru}",
            case.name
        );
        for fragment in case.message(Surface::Engine) {
            let detail = fragment.trim_start_matches(&format!("data/{}: ", case.file));
            assert!(
                ru.contains(detail),
                "{}: {ru:?} lacks {detail:?}",
                case.name
            );
        }
    }
}

/// The shipped files pass every check of the loader as it is now: what lets the page's load
/// and the worker's (`Bundle::from_shipped_texts`, `Checks::UnlessShipped`) skip them for those
/// files. Every load reads the same bundle.
#[test]
fn the_shipped_files_pass_every_check_and_the_pages_load_reads_them_alike() {
    let committed = bundle_texts();
    let checked = Bundle::from_texts(&committed).expect("the shipped files pass every check");
    assert!(checked.shipped, "the committed bundle is the shipped one");
    let worker = Bundle::from_texts_with(&committed, Checks::UnlessShipped).unwrap();
    assert_eq!(format!("{worker:?}"), format!("{checked:?}"));
    let page = Bundle::from_shipped_texts(&committed)
        .unwrap()
        .expect("the page's module reads the shipped files");
    assert_eq!(format!("{page:?}"), format!("{checked:?}"));
    // One changed byte (a space at the end of a file) is not the shipped bundle: every check
    // runs again, and a duplicate key is refused however the load was asked for.
    let mut spaced = committed.clone();
    spaced.get_mut("claims.json").unwrap().push(' ');
    assert!(
        !Bundle::from_texts_with(&spaced, Checks::UnlessShipped)
            .unwrap()
            .shipped
    );
    assert!(Bundle::from_shipped_texts(&spaced).unwrap().is_none());
    let mut twice = committed.clone();
    let paper = twice.get_mut("paper.json").unwrap();
    let row = r#""2004": {"countries": "140","#;
    assert!(paper.contains(row));
    *paper = paper.replacen(row, &format!(r#"{row} "countries": "141","#), 1);
    let refused = Bundle::from_texts_with(&twice, Checks::UnlessShipped).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("key \"countries\" appears twice"),
        "{refused}"
    );
}

/// The page's module knows the shipped files by length and quick identity: an edit that keeps
/// a file's length (one digit changed, in each file in turn) is not the shipped bundle, while
/// the shipped files behind a byte-order mark are, as for the SHA-256 fingerprint.
#[test]
fn the_pages_module_knows_the_shipped_files_by_more_than_their_length() {
    let committed = bundle_texts();
    for name in reweigh::data::bundle::BUNDLE_FILES {
        let mut edited = committed.clone();
        let text = edited.get_mut(name).unwrap();
        let at = text.len() / 2
            + text[text.len() / 2..]
                .find(|c: char| c.is_ascii_digit())
                .unwrap();
        let digit = text.as_bytes()[at];
        let other = if digit == b'9' {
            '8'
        } else {
            char::from(digit + 1)
        };
        text.replace_range(at..=at, &other.to_string());
        assert_eq!(text.len(), committed[name].len());
        assert!(
            Bundle::from_shipped_texts(&edited).unwrap().is_none(),
            "{name} with one digit changed read as the shipped file"
        );
        assert!(!Bundle::from_texts_with(&edited, Checks::UnlessShipped).is_ok_and(|b| b.shipped));
    }
    let mut marked = committed.clone();
    marked.get_mut("paper.json").unwrap().insert(0, '\u{feff}');
    let page = Bundle::from_shipped_texts(&marked)
        .unwrap()
        .expect("a byte-order mark is not counted");
    assert_eq!(
        page.fingerprint,
        Bundle::from_texts(&marked).unwrap().fingerprint
    );
}

/// The cases change what they say they change, and nothing else: each edit touches one file.
#[test]
fn each_case_breaks_one_file_only() {
    let committed = bundle_texts();
    assert!(Engine::load(&committed).is_ok());
    for case in broken_bundles() {
        let broken = case.bundle();
        for (name, text) in &committed {
            if *name != case.file {
                assert_eq!(
                    broken.get(name),
                    Some(text),
                    "{}: {name} changed",
                    case.name
                );
            }
        }
        assert_ne!(
            broken.get(&case.file),
            committed.get(&case.file),
            "{}",
            case.name
        );
    }
}
