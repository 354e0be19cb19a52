//! Write the map bundle from data/raw/map to a path (for the map demo until the importer writes it):
//! `cargo run --example map_bundle -- tests/browser/out/map.json`

use reweigh::data::mapdata::{MapInputs, build_map_bundle, pec_places_from_locations};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: map_bundle OUT.json")?;
    let read = |p: &str| std::fs::read(format!("data/raw/{p}"));
    let locations = String::from_utf8(read("locations/pecs-abroad-2024.csv")?)?;
    let iso = String::from_utf8(read("map/iso-3166-numeric.csv")?)?;
    let places = pec_places_from_locations(&locations)?;
    let bytes = build_map_bundle(&MapInputs {
        countries_110m: &read("map/countries-110m.json")?,
        countries_50m: &read("map/countries-50m.json")?,
        iso_numeric_csv: &iso,
        pec_places: &places,
        source: reweigh::data::mapdata::SOURCE,
    })?;
    std::fs::write(&out, &bytes)?;
    eprintln!("{out}: {} bytes", bytes.len());
    Ok(())
}
