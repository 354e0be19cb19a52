use reweigh::{BUNDLE_FILES, Engine, State};
use std::collections::BTreeMap;
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let texts: BTreeMap<String, String> = BUNDLE_FILES
        .iter()
        .map(|n| (n.to_string(), std::fs::read_to_string(dir.join(n)).unwrap()))
        .collect();
    let engine = Engine::load(&texts).unwrap();
    let n = 300;
    for id in ["1", "3"] {
        let t = std::time::Instant::now();
        for i in 0..n {
            let s = State::from_query(&format!(
                "invalid={}&base=cast",
                (i * 37 % 1000) as f64 / 1000.0
            ))
            .unwrap();
            let ctx = engine.context(&s);
            std::hint::black_box(reweigh::paper::tables::build(&ctx, id));
        }
        eprintln!(
            "table {id}: {:.3} ms (incl. context)",
            t.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
    }
    let t = std::time::Instant::now();
    for i in 0..n {
        let s = State::from_query(&format!(
            "invalid={}&base=cast",
            (i * 37 % 1000) as f64 / 1000.0
        ))
        .unwrap();
        std::hint::black_box(engine.context(&s));
    }
    eprintln!(
        "context only: {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
