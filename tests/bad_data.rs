//! A broken bundle is refused with the file, the record and what is wrong; never a panic. The
//! cases are the shared ones (tests/fixtures/broken-bundles.json), also run through the CLI, the
//! wasm boundary and the page.

mod common;

use common::fixture::{Surface, broken_bundles, bundle_texts};
use reweigh::{Engine, Lang};

#[test]
fn every_broken_bundle_is_refused_naming_the_file_and_the_problem() {
    let cases = broken_bundles();
    assert!(cases.len() >= 17, "{} cases", cases.len());
    for case in &cases {
        let error = match Engine::load(&case.bundle()) {
            Ok(_) => panic!("{}: a broken {} loaded", case.name, case.file),
            Err(e) => e,
        };
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
        assert!(
            error
                .message(Lang::Ru)
                .contains(&format!("data/{}", case.file)),
            "{}",
            case.name
        );
    }
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
