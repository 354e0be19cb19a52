//! The map bundle from the vendored Natural Earth files: projection against d3-geo, every country
//! with PECs drawn, paths that parse and close, shared borders that coincide, markers inside their
//! countries, determinism, and clear errors for bad input.

use reweigh::data::mapdata::{
    MapBundle, MapInputs, PecPlace, SOURCE, build_map, build_map_bundle, equal_earth,
    pec_places_from_locations,
};
use std::collections::BTreeSet;

fn raw(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/data/raw/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn raw_text(path: &str) -> String {
    String::from_utf8(raw(path)).unwrap()
}

struct Raw {
    c110: Vec<u8>,
    c50: Vec<u8>,
    iso: String,
    locations: String,
}

fn sources() -> Raw {
    Raw {
        c110: raw("map/countries-110m.json"),
        c50: raw("map/countries-50m.json"),
        iso: raw_text("map/iso-3166-numeric.csv"),
        locations: raw_text("locations/pecs-abroad-2024.csv"),
    }
}

fn inputs<'a>(raw: &'a Raw, places: &'a [PecPlace]) -> MapInputs<'a> {
    MapInputs {
        countries_110m: &raw.c110,
        countries_50m: &raw.c50,
        iso_numeric_csv: &raw.iso,
        pec_places: places,
        source: SOURCE,
    }
}

fn bundle() -> MapBundle {
    let raw = sources();
    let places = pec_places_from_locations(&raw.locations).unwrap();
    build_map(&inputs(&raw, &places)).unwrap()
}

/// The country ids of the locations file, read here with the csv crate, apart from the module.
fn ids_with_pecs() -> BTreeSet<String> {
    let text = raw_text("locations/pecs-abroad-2024.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "country_id")
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .filter(|id| !id.is_empty())
        .collect()
}

#[test]
fn equal_earth_matches_d3_geo() {
    // Reference values: d3-geo 3.1.2's geoEqualEarth() with its default scale 177.158 and
    // translate [480, 250], computed with node (`npm install d3-geo@3` in a temporary directory;
    // `d3.geoEqualEarth()([lon, lat])`). d3's y points down.
    let reference = [
        ([0.0, 0.0], [480.0, 250.0]),
        ([180.0, 0.0], [959.5011546516291, 250.0]),
        ([-180.0, 0.0], [0.4988453483708213, 250.0]),
        ([0.0, 90.0], [480.0, 16.618648313190988]),
        ([0.0, -90.0], [480.0, 483.381351686809]),
        ([37.6173, 55.7558], [558.6305152172393, 67.72433161618957]),
        ([-74.006, 40.7128], [306.0553892434068, 110.56527690454024]),
        ([151.2093, -33.8688], [849.7476023825589, 367.7540485154748]),
        ([29.6433, 46.8403], [546.7687430309038, 92.20654621173162]),
        ([-68.3, -55.9], [337.42421177320534, 432.6463629702605]),
        ([179.9, -16.5], [949.7786410036808, 308.7864215799357]),
        ([100.0, 60.0], [680.6865594411124, 57.19880058354863]),
    ];
    for ([lon, lat], [x, y]) in reference {
        let (px, py) = equal_earth(lon, lat);
        let (dx, dy) = (480.0 + 177.158 * px, 250.0 - 177.158 * py);
        assert!(
            (dx - x).abs() < 1e-9 && (dy - y).abs() < 1e-9,
            "({lon}, {lat}): ({dx}, {dy}) against d3's ({x}, {y})"
        );
    }
}

#[test]
fn every_country_with_pecs_has_a_shape_or_a_marker() {
    let ids = ids_with_pecs();
    assert_eq!(ids.len(), 138);
    let map = bundle();
    let shapes: BTreeSet<&str> = map.countries.iter().map(|c| c.id.as_str()).collect();
    let marked: BTreeSet<&str> = map
        .markers
        .iter()
        .filter(|m| m.territory.is_none())
        .map(|m| m.id.as_str())
        .collect();
    for id in &ids {
        assert!(
            shapes.contains(id.as_str()) || marked.contains(id.as_str()),
            "{id} is not on the map"
        );
    }
    // No marker for a country without PECs.
    for id in &marked {
        assert!(ids.contains(*id), "marker for {id}, which has no PEC");
    }
}

#[test]
fn disputed_territories_and_small_countries_are_points() {
    let map = bundle();
    let marker = |id: &str, territory: Option<&str>| {
        map.markers
            .iter()
            .find(|m| m.id == id && m.territory.as_deref() == territory)
            .map(|m| m.why.as_str())
    };
    assert_eq!(marker("XA", None), Some("territory"));
    assert_eq!(marker("XO", None), Some("territory"));
    assert_eq!(marker("MD", Some("transnistria")), Some("territory"));
    // Missing from 1:110m, and too small at 1:50m to draw: a point, no shape.
    for id in ["BH", "CV", "MT", "MU", "SC", "SG"] {
        assert_eq!(marker(id, None), Some("absent"), "{id}");
        assert!(
            !map.countries.iter().any(|c| c.id == id),
            "{id} has a shape"
        );
    }
    // At 1:110m but under the threshold: the shape stays and a point is added.
    for id in ["LU", "CY", "QA", "LB", "PS"] {
        assert_eq!(marker(id, None), Some("small"), "{id}");
        assert!(
            map.countries.iter().any(|c| c.id == id),
            "{id} lost its shape"
        );
    }
    for id in ["FR", "KZ", "IL", "SI", "AM"] {
        assert_eq!(marker(id, None), None, "{id} is big enough to see");
    }
    assert!(
        !map.countries.iter().any(|c| c.id == "AQ"),
        "Antarctica is left off"
    );
}

/// Parse a path: commands M m l z only, integers only; returns the absolute points of each subpath.
fn parse_path(d: &str) -> Result<Vec<Vec<(i32, i32)>>, String> {
    let mut tokens = Vec::new();
    let mut chars = d.chars().peekable();
    while let Some(&c) = chars.peek() {
        if matches!(c, 'M' | 'm' | 'l' | 'z') {
            tokens.push(c.to_string());
            chars.next();
        } else if c == ' ' {
            chars.next();
        } else if c == '-' || c.is_ascii_digit() {
            let mut number = String::from(c);
            chars.next();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                number.push(d);
                chars.next();
            }
            number
                .parse::<i32>()
                .map_err(|e| format!("{number}: {e}"))?;
            tokens.push(number);
        } else {
            return Err(format!("unexpected {c:?}"));
        }
    }
    let number = |t: &String| t.parse::<i32>().ok();
    let (mut subpaths, mut current, mut start, mut at) = (Vec::new(), Vec::new(), (0, 0), (0, 0));
    let mut i = 0;
    while i < tokens.len() {
        let command = tokens[i].as_str();
        i += 1;
        let mut pairs = Vec::new();
        while tokens.get(i).and_then(number).is_some() {
            let x = number(&tokens[i]).unwrap();
            let y = tokens
                .get(i + 1)
                .and_then(number)
                .ok_or("odd number of coordinates")?;
            pairs.push((x, y));
            i += 2;
        }
        match command {
            "M" | "m" => {
                let [p] = pairs[..] else {
                    return Err(format!("{command} takes one pair"));
                };
                if !current.is_empty() {
                    subpaths.push(std::mem::take(&mut current));
                }
                // After z the current point is the subpath's start; after an open line, its end.
                let base = if command == "M" { (0, 0) } else { at };
                at = (base.0 + p.0, base.1 + p.1);
                start = at;
                current.push(at);
            }
            "l" if !pairs.is_empty() => {
                for p in pairs {
                    at = (at.0 + p.0, at.1 + p.1);
                    current.push(at);
                }
            }
            "z" if pairs.is_empty() => at = start,
            _ => return Err(format!("{command} with {} pairs", pairs.len())),
        }
    }
    if !current.is_empty() {
        subpaths.push(current);
    }
    Ok(subpaths)
}

#[test]
fn paths_parse_close_and_stay_in_the_view_box() {
    let map = bundle();
    let [_, _, width, height] = map.view_box;
    assert_eq!(width, 1000);
    // The land keeps a margin of 2 units; a point on the view box's edge would be a stray one.
    let inside = |(x, y): (i32, i32)| (2..=width - 2).contains(&x) && (2..=height - 2).contains(&y);
    for c in &map.countries {
        assert!(
            c.d.starts_with('M') && c.d.ends_with('z'),
            "{}: {}",
            c.id,
            &c.d[..20.min(c.d.len())]
        );
        let rings = parse_path(&c.d).unwrap_or_else(|e| panic!("{}: {e}", c.id));
        assert_eq!(rings.len(), c.d.matches('z').count(), "{}", c.id);
        for ring in &rings {
            assert!(ring.len() >= 3, "{}: a ring of {} points", c.id, ring.len());
            assert!(
                ring.iter().all(|&p| inside(p)),
                "{} leaves the view box",
                c.id
            );
        }
    }
    for b in &map.borders {
        assert!(!b.d.contains('z'), "{}-{}: a border is open", b.a, b.b);
        let lines = parse_path(&b.d).unwrap_or_else(|e| panic!("{}-{}: {e}", b.a, b.b));
        assert!(lines.iter().flatten().all(|&p| inside(p)));
    }
    for m in &map.markers {
        assert!(inside((m.x, m.y)), "{} marker", m.id);
    }
    // No step crosses the map: rings over the antimeridian (Russia, Fiji) are cut at the edges.
    let all = map
        .countries
        .iter()
        .map(|c| (c.id.as_str(), &c.d))
        .chain(map.borders.iter().map(|b| (b.a.as_str(), &b.d)));
    for (id, d) in all.chain([("other", &map.other)]) {
        for piece in parse_path(d).unwrap() {
            let closing = [piece[piece.len() - 1], piece[0]];
            for step in piece.windows(2).chain([&closing[..]]) {
                assert!(
                    (step[0].0 - step[1].0).abs() <= 500,
                    "{id}: a step from {:?} to {:?}",
                    step[0],
                    step[1]
                );
            }
        }
    }
    for id in ["RU", "FJ"] {
        let xs: Vec<i32> = points_of(&map, id)
            .into_iter()
            .flatten()
            .map(|p| p.0)
            .collect();
        let both = xs.iter().any(|&x| x < 200) && xs.iter().any(|&x| x > 800);
        assert!(both, "{id} lies at both edges");
    }
    assert!(parse_path(&map.other).is_ok());
    // The parser refuses what it should.
    for bad in ["M1 2L3 4", "M1.5 2l1 1z", "M1 2 3l1 1", "M1 2l1z"] {
        assert!(parse_path(bad).is_err(), "{bad}");
    }
}

fn points_of(map: &MapBundle, id: &str) -> Vec<Vec<(i32, i32)>> {
    let d = &map
        .countries
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
        .d;
    parse_path(d).unwrap()
}

#[test]
fn neighbours_share_their_border_exactly() {
    let map = bundle();
    let mut checked = 0;
    for b in map.borders.iter().filter(|b| !b.a.is_empty()) {
        let a: BTreeSet<_> = points_of(&map, &b.a).into_iter().flatten().collect();
        let c: BTreeSet<_> = points_of(&map, &b.b).into_iter().flatten().collect();
        for p in parse_path(&b.d).unwrap().into_iter().flatten() {
            assert!(
                a.contains(&p) && c.contains(&p),
                "{}-{}: {p:?} is not on both outlines",
                b.a,
                b.b
            );
        }
        checked += 1;
    }
    assert!(checked > 250, "{checked} borders");
    let pairs: BTreeSet<(&str, &str)> = map
        .borders
        .iter()
        .map(|b| (b.a.as_str(), b.b.as_str()))
        .collect();
    for pair in [
        ("ES", "FR"),
        ("KZ", "RU"),
        ("CA", "US"),
        ("BY", "PL"),
        ("GE", "RU"),
    ] {
        assert!(pairs.contains(&pair), "no border {pair:?}");
    }
    assert!(!pairs.contains(&("FR", "RU")));
}

fn inside_polygon(rings: &[Vec<(i32, i32)>], (px, py): (f64, f64)) -> bool {
    // Even-odd rule over every ring: holes count too.
    let mut inside = false;
    for ring in rings {
        for i in 0..ring.len() {
            let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
            let (ax, ay, bx, by) = (
                f64::from(a.0),
                f64::from(a.1),
                f64::from(b.0),
                f64::from(b.1),
            );
            if (ay > py) != (by > py) && px < ax + (py - ay) * (bx - ax) / (by - ay) {
                inside = !inside;
            }
        }
    }
    inside
}

/// Inside the rings, or at most `tolerance` units from one of their edges.
fn within(rings: &[Vec<(i32, i32)>], p: (f64, f64), tolerance: f64) -> bool {
    if inside_polygon(rings, p) {
        return true;
    }
    rings.iter().any(|ring| {
        (0..ring.len()).any(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
            let (ax, ay) = (f64::from(a.0), f64::from(a.1));
            let (ex, ey) = (f64::from(b.0) - ax, f64::from(b.1) - ay);
            let length = ex * ex + ey * ey;
            let t = if length == 0.0 {
                0.0
            } else {
                (((p.0 - ax) * ex + (p.1 - ay) * ey) / length).clamp(0.0, 1.0)
            };
            (p.0 - ax - t * ex).hypot(p.1 - ay - t * ey) <= tolerance
        })
    })
}

#[test]
fn places_fall_inside_their_countries() {
    let map = bundle();
    // A capital projected as the bundle projects it: through the frame the markers share.
    let tiraspol = map
        .markers
        .iter()
        .find(|m| m.territory.as_deref() == Some("transnistria"))
        .unwrap();
    let sukhumi = map.markers.iter().find(|m| m.id == "XA").unwrap();
    let tskhinvali = map.markers.iter().find(|m| m.id == "XO").unwrap();
    let at = |m: &reweigh::data::mapdata::Marker| (f64::from(m.x), f64::from(m.y));
    // Tiraspol lies 10 km from the Dniester border, less than a map unit (about 40 km): it may
    // round onto or just across Moldova's 1:110m outline.
    assert!(
        within(&points_of(&map, "MD"), at(tiraspol), 1.5),
        "Tiraspol in or at Moldova as drawn"
    );
    assert!(
        inside_polygon(&points_of(&map, "GE"), at(sukhumi)),
        "Sukhumi in Georgia as drawn"
    );
    assert!(
        inside_polygon(&points_of(&map, "GE"), at(tskhinvali)),
        "Tskhinvali in Georgia as drawn"
    );
    // Markers of small countries sit in their own shape where they have one (rounding aside).
    for id in ["LU", "CY", "QA", "LB", "PS", "JM", "KW", "BN", "ME"] {
        let m = map.markers.iter().find(|m| m.id == id).unwrap();
        assert!(
            within(&points_of(&map, id), at(m), 1.0),
            "{id} marker outside {id}"
        );
    }
    // West is left, north is up: Portugal before China, Finland above South Africa.
    let centre = |id: &str| {
        let pts: Vec<_> = points_of(&map, id).into_iter().flatten().collect();
        let n = pts.len() as f64;
        (
            pts.iter().map(|p| f64::from(p.0)).sum::<f64>() / n,
            pts.iter().map(|p| f64::from(p.1)).sum::<f64>() / n,
        )
    };
    assert!(centre("PT").0 < centre("CN").0);
    assert!(centre("FI").1 < centre("ZA").1);
}

#[test]
fn the_bundle_is_deterministic_and_within_budget() {
    let raw = sources();
    let places = pec_places_from_locations(&raw.locations).unwrap();
    let first = build_map_bundle(&inputs(&raw, &places)).unwrap();
    let mut reversed = places.clone();
    reversed.reverse();
    let second = build_map_bundle(&inputs(&raw, &reversed)).unwrap();
    assert_eq!(
        first, second,
        "the same bytes whatever the order of the places"
    );
    assert!(
        first.len() < 120_000,
        "{} bytes raw (about 15 KB gzipped at 58 KB raw)",
        first.len()
    );
    let map = bundle();
    let drawn = map
        .countries
        .iter()
        .map(|c| &c.d)
        .chain(map.borders.iter().map(|b| &b.d));
    assert!(
        drawn.chain([&map.other]).all(|d| !d.contains('.')),
        "integers only"
    );
    let ids: Vec<String> = map.countries.iter().map(|c| c.id.clone()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn the_places_come_from_the_locations_file() {
    let places = pec_places_from_locations(&raw_text("locations/pecs-abroad-2024.csv")).unwrap();
    assert_eq!(places.iter().filter(|p| p.territory.is_none()).count(), 138);
    let parts: Vec<_> = places.iter().filter(|p| p.territory.is_some()).collect();
    assert_eq!(
        parts,
        [&PecPlace {
            id: "MD".into(),
            territory: Some("transnistria".into())
        }]
    );
}

#[test]
fn bad_input_is_named() {
    let raw = sources();
    let message = |places: &[PecPlace], c110: &[u8], iso: &str| {
        let inputs = MapInputs {
            countries_110m: c110,
            countries_50m: &raw.c50,
            iso_numeric_csv: iso,
            pec_places: places,
            source: SOURCE,
        };
        build_map(&inputs).unwrap_err().to_string()
    };
    let nowhere = [PecPlace {
        id: "ZZ".into(),
        territory: None,
    }];
    let m = message(&nowhere, &raw.c110, &raw.iso);
    assert!(m.contains("ZZ has PECs but no shape"), "{m}");
    let m = message(&[], b"{\"type\":\"Topology\"}", &raw.iso);
    assert!(
        m.starts_with("data/raw/map/countries-110m.json: not a TopoJSON topology"),
        "{m}"
    );
    let without_france: String = raw
        .iso
        .lines()
        .filter(|l| !l.starts_with("250,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let m = message(&[], &raw.c110, &without_france);
    assert!(
        m.contains("numeric id 250 is not in data/raw/map/iso-3166-numeric.csv"),
        "{m}"
    );
    let m = message(&[], &raw.c110, "numeric,alpha2\n25,FRA\n");
    assert!(
        m.contains("line 2: \"25,FRA\" is not a numeric and an alpha-2 code"),
        "{m}"
    );
    let unknown_part = [PecPlace {
        id: "FR".into(),
        territory: Some("corsica".into()),
    }];
    let m = message(&unknown_part, &raw.c110, &raw.iso);
    assert!(m.contains("no such disputed territory"), "{m}");

    let locations = "pec,country_id,disputed\n8000,FR,no\n8001,FR,yes\n";
    let m = pec_places_from_locations(locations)
        .unwrap_err()
        .to_string();
    assert_eq!(
        m,
        "data/raw/locations/pecs-abroad-2024.csv: line 3: PEC 8001 is disputed in FR, a country with no disputed territory on the map"
    );
    let m = pec_places_from_locations("pec,country\n")
        .unwrap_err()
        .to_string();
    assert!(m.ends_with("no column \"country_id\""), "{m}");
}
