fn main() {
    let dir = std::path::Path::new("/work/main/data");
    let texts = reweigh::BUNDLE_FILES
        .iter()
        .map(|n| (n.to_string(), std::fs::read_to_string(dir.join(n)).unwrap()))
        .collect();
    let engine = reweigh::Engine::load(&texts).unwrap();
    for kind in reweigh::chart::CHART_KINDS {
        let c = engine
            .chart(&reweigh::State::paper(), kind, reweigh::export::Lang::En)
            .unwrap();
        std::fs::write(format!("/tmp/charts/{kind}.svg"), c.svg).unwrap();
    }
}
