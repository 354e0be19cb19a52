//! Full recompute for one state: every aggregate, then every table with its audit.

use criterion::{Criterion, criterion_group, criterion_main};
use reweigh::{BUNDLE_FILES, Engine, State};
use std::collections::BTreeMap;
use std::hint::black_box;

fn engine() -> Engine {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let texts: BTreeMap<String, String> = BUNDLE_FILES
        .iter()
        .map(|n| (n.to_string(), std::fs::read_to_string(dir.join(n)).unwrap()))
        .collect();
    Engine::load(&texts).unwrap()
}

fn recompute(c: &mut Criterion) {
    let engine = engine();
    let paper = State::paper();
    let other = State::from_query("invalid=0.5&base=cast&baltics=europe&win=majority").unwrap();
    c.bench_function("aggregates (paper state)", |b| {
        b.iter(|| engine.compute(black_box(&paper)))
    });
    c.bench_function("aggregates + all tables (paper state)", |b| {
        b.iter(|| engine.tables(black_box(&paper), None).unwrap())
    });
    c.bench_function("aggregates + all tables (other state)", |b| {
        b.iter(|| engine.tables(black_box(&other), None).unwrap())
    });
    // One redraw's engine work on the page: read the hash, build every part of the page.
    c.bench_function("page: paper's reading, Table 3", |b| {
        b.iter(|| engine.page(black_box("tab=3&lang=en")).unwrap())
    });
    c.bench_function("page: another reading, Table 3", |b| {
        b.iter(|| {
            engine
                .page(black_box(
                    "invalid=0.5&base=cast&baltics=europe&win=majority&tab=3&lang=ru",
                ))
                .unwrap()
        })
    });
    c.bench_function("page: the 288 PECs, sorted", |b| {
        b.iter(|| {
            engine
                .page(black_box("tab=pecs&sort=-issued&lang=en"))
                .unwrap()
        })
    });
    // One redraw of a slider's drag as the page asks for it: the page's text, the sections and
    // items the page holds (the last page's) left out. Twenty fresh values, in turn.
    let drag: Vec<(String, String)> = {
        let mut known = String::new();
        // The first page is drawn with nothing known; the twenty after it are timed.
        (0..=20)
            .map(|i| {
                let hash = format!("invalid=0.{:02}&tab=3&lang=en", i * 4 + 3);
                let text = engine.page_text(&hash, &known).unwrap();
                let out = (hash, known.clone());
                let page: serde_json::Value = serde_json::from_str(&text).unwrap();
                let mut pairs: Vec<String> = page["versions"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| format!("{k}:{}", v.as_str().unwrap()))
                    .collect();
                if let Some(items) = page.get("items").and_then(|x| x.as_object()) {
                    for (k, list) in items {
                        for (n, v) in list.as_array().unwrap().iter().enumerate() {
                            pairs.push(format!("{k}#{n}:{}", v.as_str().unwrap()));
                        }
                    }
                }
                known = pairs.join(",");
                out
            })
            .skip(1)
            .collect()
    };
    let mut turn = 0;
    c.bench_function("page text: a slider's drag, Table 3", |b| {
        b.iter(|| {
            turn = (turn + 1) % drag.len();
            let (hash, known) = &drag[turn];
            engine.page_text(black_box(hash), black_box(known)).unwrap()
        })
    });
    c.bench_function("load bundle", |b| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let texts: BTreeMap<String, String> = BUNDLE_FILES
            .iter()
            .map(|n| (n.to_string(), std::fs::read_to_string(dir.join(n)).unwrap()))
            .collect();
        b.iter(|| Engine::load(black_box(&texts)).unwrap())
    });
}

fn sweep(c: &mut Criterion) {
    let engine = engine();
    let grid = reweigh::engine::grid("").unwrap();
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    group.bench_function("default grid (450 000 readings x every claim)", |b| {
        b.iter(|| engine.sweep(black_box(&grid)))
    });
    group.finish();
}

fn tipping(c: &mut Criterion) {
    let engine = engine();
    let claims = &engine.study().claims;
    for (name, query) in [
        ("paper state", ""),
        (
            "other state",
            "invalid=0.3752&base=valid&win=majority&baltics=europe",
        ),
    ] {
        let state = State::from_query(query).unwrap();
        let results = engine.compute(&state);
        c.bench_function(
            &format!("tipping points: every claim x 5 weights ({name})"),
            |b| b.iter(|| reweigh::analysis::tipping::tipping(black_box(claims), &results)),
        );
    }
    let paper = State::paper();
    let results = engine.compute(&paper);
    c.bench_function("every claim's verdict (paper state)", |b| {
        b.iter(|| {
            claims
                .iter()
                .map(|c| reweigh::paper::claims::evaluate(c, black_box(&results)).verdict)
                .collect::<Vec<_>>()
        })
    });
    c.bench_function("location check: every claim (paper state)", |b| {
        b.iter(|| engine.location_checks(black_box(&paper)))
    });
    c.bench_function("whole page model (paper state)", |b| {
        b.iter(|| engine.page(black_box("tab=3&lang=en")).unwrap())
    });
}

criterion_group!(benches, recompute, tipping, sweep);
criterion_main!(benches);
