//! The state query-string parser, the URL hash (state + view) and the sweep grid: never a panic;
//! parse → canonical → parse is the identity.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match State::from_query(text) {
        Ok(state) => {
            let canonical = state.canonical();
            let again = State::from_query(&canonical).expect("the canonical form parses");
            assert_eq!(again, state);
            assert_eq!(again.canonical(), canonical);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(!e.to_string().is_empty());
            }
        }
    }
    let location = reweigh::engine::view::parse_hash(text);
    let again = reweigh::engine::view::parse_hash(&location.canonical);
    assert!(
        again.errors.is_empty(),
        "the canonical hash reads cleanly: {:?}",
        again.errors
    );
    assert_eq!(again.canonical, location.canonical);
    assert_eq!(again.view, location.view);
    if let Ok(grid) = reweigh::analysis::sweep::Grid::parse(text) {
        let again = reweigh::analysis::sweep::Grid::parse(&grid.canonical())
            .expect("the canonical grid parses");
        assert_eq!(again.keys, grid.keys);
    }
});
