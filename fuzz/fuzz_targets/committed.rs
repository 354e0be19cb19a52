//! The committed bundle, loaded once per fuzz process (shared by the claims and export targets).

use reweigh::Engine;
use std::sync::OnceLock;

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let texts = reweigh::BUNDLE_FILES
            .iter()
            .map(|name| {
                let path = format!("{}/../data/{name}", env!("CARGO_MANIFEST_DIR"));
                (
                    name.to_string(),
                    std::fs::read_to_string(path).expect("the committed bundle"),
                )
            })
            .collect();
        Engine::load(&texts).expect("the committed bundle loads")
    })
}
