//! The world map's data, built once by the importer: Natural Earth's borders (the `world-atlas`
//! TopoJSON files in `data/raw/map/`) → the Equal Earth projection → integer SVG paths on a fixed
//! view box, keyed by the ISO alpha-2 ids that `data/` uses. The page draws these paths as they
//! are: no projection code runs there.
//!
//! Pure (raw bytes in, the bundle's bytes out) and self-contained (no `crate::` imports).
//! Shared borders stay shared: every arc of the topology is projected, rounded and thinned once,
//! then each country's rings are stitched from the same arcs, so neighbours meet exactly.

mod geometry;
mod projection;
mod topojson;

pub use geometry::equal_earth;
use geometry::{
    Frame, Point, drawn_rings, line_path, path, round_unit, shape, split_open, thin_arc,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use topojson::{Atlas, Feature, Polygon, arc_slot};

/// The vendored sources, as the bundle names them (versions: `data/raw/README.md`).
pub const SOURCE: &str = "Natural Earth 4.1.0 admin-0 countries (public domain), 1:110m and 1:50m, via world-atlas 2.0.2; ISO 3166-1 numeric to alpha-2 from i18n-iso-countries 7.14.0";

/// Width of the view box in map units; the height follows from the projection and the data.
pub const VIEW_WIDTH: f64 = 1000.0;
/// Free units around the drawn land, so outlines at the edges are not cut.
const MARGIN: f64 = 2.0;
/// Countries with PECs whose land projects to less than this many square units get a point
/// marker (on Equal Earth, an equal-area projection, one unit² of the 1000-wide map is about
/// 1 190 km², so the threshold is about 18 000 km²: below it a country is a few pixels wide at
/// world scale, too small to see or to point at).
pub const SMALL_AREA: f64 = 15.0;
/// Left off the map: Antarctica has no PEC and would take a fifth of the map's height.
const DROPPED: &[&str] = &["AQ"];

/// A place drawn as a point whatever the atlas holds: the capitals of the disputed territories
/// whose PECs follow `disputed=`. Coordinates: the English Wikipedia articles' infoboxes
/// (Sukhumi 43°00′12″N 41°00′55″E; Tskhinvali 42°13′30″N 43°58′12″E; Tiraspol 46°50′25″N
/// 29°38′36″E), in decimal degrees.
pub struct Territory {
    /// The country id the locations file gives these PECs (`XA`, `XO` are user-assigned codes;
    /// Transnistria's PECs are filed under Moldova, `MD`, with `disputed=yes`).
    pub country: &'static str,
    /// `None` when the id is the territory itself; else the part of `country` it marks.
    pub territory: Option<&'static str>,
    pub place: &'static str,
    pub lon: f64,
    pub lat: f64,
}

pub const TERRITORIES: &[Territory] = &[
    Territory {
        country: "XA",
        territory: None,
        place: "Sukhumi",
        lon: 41.015_28,
        lat: 43.003_33,
    },
    Territory {
        country: "XO",
        territory: None,
        place: "Tskhinvali",
        lon: 43.970_00,
        lat: 42.225_00,
    },
    Territory {
        country: "MD",
        territory: Some("transnistria"),
        place: "Tiraspol",
        lon: 29.643_33,
        lat: 46.840_28,
    },
];

/// A country (or a disputed part of one) that has PECs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PecPlace {
    pub id: String,
    pub territory: Option<String>,
}

/// Everything the bundle is made from.
pub struct MapInputs<'a> {
    /// `countries-110m.json` of world-atlas: every country's shape comes from here...
    pub countries_110m: &'a [u8],
    /// ...except those with PECs that 1:110m lacks, taken from `countries-50m.json`.
    pub countries_50m: &'a [u8],
    /// `numeric,alpha2,...` lines: ISO 3166-1 numeric (world-atlas's ids) → alpha-2.
    pub iso_numeric_csv: &'a str,
    pub pec_places: &'a [PecPlace],
    /// One line naming the sources and their versions, carried into the bundle.
    pub source: &'a str,
}

/// The bundle the page fetches. Integers only, so it is the same byte for byte on every machine.
#[derive(Serialize, Debug)]
pub struct MapBundle {
    pub source: String,
    pub projection: String,
    /// `[min_x, min_y, width, height]` of the SVG view box.
    pub view_box: [i32; 4],
    /// Every country of the atlas but the dropped ones, sorted by id.
    pub countries: Vec<CountryShape>,
    /// Countries with PECs that are too small to see or absent, and the disputed territories.
    pub markers: Vec<Marker>,
    /// Land that ISO gives no code (Kosovo, N. Cyprus, Somaliland as Natural Earth draws them).
    pub other: String,
    /// Every land border between two drawn units, for the outlines of regions: the page draws the
    /// borders whose two sides lie in different regions.
    pub borders: Vec<Border>,
}

/// The land border between `a` and `b` (sorted; `""` is land with no code) as an open SVG path.
#[derive(Serialize, Debug)]
pub struct Border {
    pub a: String,
    pub b: String,
    pub d: String,
}

#[derive(Serialize, Debug)]
pub struct CountryShape {
    pub id: String,
    /// The centroid of its largest polygon: where a tooltip for the country points.
    pub at: [i32; 2],
    /// SVG path: `M` then relative `l`/`m`, integer pairs, `z` closing each ring.
    pub d: String,
}

#[derive(Serialize, Debug)]
pub struct Marker {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    pub x: i32,
    pub y: i32,
    /// `small` (a shape too small to see), `absent` (no shape at 1:110m), `territory`.
    pub why: String,
}

/// What is wrong, and in which input.
#[derive(Debug, PartialEq, Eq)]
pub struct MapDataError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for MapDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for MapDataError {}

fn fail(file: &str, message: impl Into<String>) -> MapDataError {
    MapDataError {
        file: file.to_string(),
        message: message.into(),
    }
}

const FILE_110M: &str = "data/raw/map/countries-110m.json";
const FILE_50M: &str = "data/raw/map/countries-50m.json";
const FILE_ISO: &str = "data/raw/map/iso-3166-numeric.csv";
const FILE_LOCATIONS: &str = "data/raw/locations/pecs-abroad-2024.csv";

/// `numeric,alpha2,...` → numeric → alpha-2.
pub fn read_iso_numeric(csv_text: &str) -> Result<BTreeMap<String, String>, MapDataError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut table = BTreeMap::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| fail(FILE_ISO, e.to_string()))?;
        let at = format!("line {}", line + 2);
        let (Some(numeric), Some(alpha2)) = (record.get(0), record.get(1)) else {
            return Err(fail(FILE_ISO, format!("{at}: fewer than two columns")));
        };
        let digits = numeric.len() == 3 && numeric.bytes().all(|b| b.is_ascii_digit());
        let letters = alpha2.len() == 2 && alpha2.bytes().all(|b| b.is_ascii_uppercase());
        if !digits || !letters {
            return Err(fail(
                FILE_ISO,
                format!("{at}: \"{numeric},{alpha2}\" is not a numeric and an alpha-2 code"),
            ));
        }
        if table
            .insert(numeric.to_string(), alpha2.to_string())
            .is_some()
        {
            return Err(fail(
                FILE_ISO,
                format!("{at}: numeric code {numeric} twice"),
            ));
        }
    }
    Ok(table)
}

/// The places with PECs in the locations file: each country id, and each disputed territory
/// filed under another country's id (Transnistria under `MD`), sorted.
pub fn pec_places_from_locations(csv_text: &str) -> Result<Vec<PecPlace>, MapDataError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| fail(FILE_LOCATIONS, e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| fail(FILE_LOCATIONS, format!("no column \"{name}\"")))
    };
    let (pec_col, country_col, disputed_col) =
        (column("pec")?, column("country_id")?, column("disputed")?);
    let mut places = BTreeSet::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| fail(FILE_LOCATIONS, e.to_string()))?;
        let field = |i: usize| record.get(i).unwrap_or("");
        let (pec, country) = (field(pec_col), field(country_col));
        if country.is_empty() {
            continue; // a PEC whose country is unknown has no place on the map
        }
        places.insert(PecPlace {
            id: country.to_string(),
            territory: None,
        });
        if field(disputed_col) == "yes"
            && !TERRITORIES
                .iter()
                .any(|t| t.country == country && t.territory.is_none())
        {
            let part = TERRITORIES.iter().find(|t| t.country == country).and_then(|t| t.territory).ok_or_else(|| {
                fail(
                    FILE_LOCATIONS,
                    format!("line {}: PEC {pec} is disputed in {country}, a country with no disputed territory on the map", line + 2),
                )
            })?;
            places.insert(PecPlace {
                id: country.to_string(),
                territory: Some(part.to_string()),
            });
        }
    }
    Ok(places.into_iter().collect())
}

/// Build the map bundle (compact JSON, deterministic byte for byte).
pub fn build_map_bundle(inputs: &MapInputs) -> Result<Vec<u8>, MapDataError> {
    let bundle = build_map(inputs)?;
    serde_json::to_vec(&bundle).map_err(|e| fail("map bundle", e.to_string()))
}

/// Where a country's shape comes from.
struct Piece<'a> {
    id: Option<String>,
    atlas: usize,
    polygons: Vec<&'a Polygon>,
}

pub fn build_map(inputs: &MapInputs) -> Result<MapBundle, MapDataError> {
    let iso = read_iso_numeric(inputs.iso_numeric_csv)?;
    let atlases = [
        Atlas::parse(FILE_110M, inputs.countries_110m, &iso)?,
        Atlas::parse(FILE_50M, inputs.countries_50m, &iso)?,
    ];
    let mut pieces: Vec<Piece> = Vec::new();
    let ids_110m: BTreeSet<&str> = atlases[0]
        .features
        .iter()
        .filter_map(|f| f.alpha2.as_deref())
        .collect();
    for id in &ids_110m {
        if !DROPPED.contains(id) {
            pieces.push(Piece {
                id: Some(id.to_string()),
                atlas: 0,
                polygons: atlases[0].polygons_of(id),
            });
        }
    }
    let mut unnamed: Vec<&Feature> = atlases[0]
        .features
        .iter()
        .filter(|f| f.alpha2.is_none())
        .collect();
    unnamed.sort_by(|a, b| a.name.cmp(&b.name));
    let other_polygons: Vec<&Polygon> = unnamed.iter().flat_map(|f| f.polygons.iter()).collect();
    pieces.push(Piece {
        id: None,
        atlas: 0,
        polygons: other_polygons,
    });

    // Countries with PECs: a disputed territory is a point; 1:50m fills what 1:110m lacks.
    let mut points: Vec<(&PecPlace, &Territory)> = Vec::new();
    for place in inputs.pec_places {
        let territory = TERRITORIES
            .iter()
            .find(|t| t.country == place.id && t.territory == place.territory.as_deref());
        if let Some(t) = territory {
            points.push((place, t));
        } else if place.territory.is_some() {
            return Err(fail(
                FILE_LOCATIONS,
                format!(
                    "{} {:?}: no such disputed territory",
                    place.id, place.territory
                ),
            ));
        } else if !ids_110m.contains(place.id.as_str()) {
            let polygons = atlases[1].polygons_of(&place.id);
            if polygons.is_empty() {
                return Err(fail(
                    FILE_50M,
                    format!(
                        "{} has PECs but no shape at 1:110m or 1:50m and no point on the map",
                        place.id
                    ),
                ));
            }
            pieces.push(Piece {
                id: Some(place.id.clone()),
                atlas: 1,
                polygons,
            });
        }
    }

    // The frame: the top of the drawn land sits at the margin; the height holds the lowest point.
    let used: Vec<BTreeSet<usize>> = (0..atlases.len())
        .map(|a| {
            pieces
                .iter()
                .filter(|p| p.atlas == a)
                .flat_map(|p| p.polygons.iter().flat_map(|poly| poly.iter().flatten()))
                .map(|&i| arc_slot(i))
                .collect()
        })
        .collect();
    let atlases_ref = &atlases;
    let ys: Vec<f64> = used
        .iter()
        .enumerate()
        .flat_map(|(a, slots)| {
            slots
                .iter()
                .flat_map(move |&s| atlases_ref[a].arcs[s].iter().map(|p| p.1))
        })
        .chain(points.iter().map(|(_, t)| equal_earth(t.lon, t.lat).1))
        .collect();
    let top = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let bottom = ys.iter().copied().fold(f64::INFINITY, f64::min);
    if !top.is_finite() || !bottom.is_finite() {
        return Err(fail(FILE_110M, "no land to draw"));
    }
    let frame = Frame::new(top);
    let height = round_unit(((top - bottom) * frame.scale + 2.0 * MARGIN).ceil());

    let view_arcs: Vec<Vec<Vec<(f64, f64)>>> = atlases
        .iter()
        .map(|a| {
            a.arcs
                .iter()
                .map(|arc| arc.iter().map(|&p| frame.view(p)).collect())
                .collect()
        })
        .collect();
    let thin: Vec<Vec<Vec<Point>>> = atlases
        .iter()
        .map(|a| a.arcs.iter().map(|arc| thin_arc(arc, &frame)).collect())
        .collect();

    let with_pecs: BTreeSet<&str> = inputs
        .pec_places
        .iter()
        .filter(|p| p.territory.is_none())
        .map(|p| p.id.as_str())
        .collect();
    let mut countries = Vec::new();
    let mut markers = Vec::new();
    let mut other = String::new();
    for piece in &pieces {
        let s = shape(&piece.polygons, &view_arcs[piece.atlas], &thin[piece.atlas]);
        let Some(id) = &piece.id else {
            other = path(&s.rings);
            continue;
        };
        let small = s.area < SMALL_AREA || s.rings.is_empty();
        if with_pecs.contains(id.as_str()) && small {
            let why = if piece.atlas == 0 { "small" } else { "absent" };
            markers.push(Marker {
                id: id.clone(),
                territory: None,
                x: round_unit(s.anchor.0),
                y: round_unit(s.anchor.1),
                why: why.to_string(),
            });
        }
        // A shape from 1:50m is drawn only when it is big enough to see.
        if !s.rings.is_empty() && (piece.atlas == 0 || !small) {
            countries.push(CountryShape {
                id: id.clone(),
                at: [round_unit(s.anchor.0), round_unit(s.anchor.1)],
                d: path(&s.rings),
            });
        }
    }
    for (place, t) in &points {
        let (x, y) = frame.view(equal_earth(t.lon, t.lat));
        markers.push(Marker {
            id: place.id.clone(),
            territory: place.territory.clone(),
            x: round_unit(x),
            y: round_unit(y),
            why: "territory".to_string(),
        });
    }
    countries.sort_by(|a, b| a.id.cmp(&b.id));
    markers.sort_by(|a, b| (&a.id, &a.territory).cmp(&(&b.id, &b.territory)));
    for place in inputs.pec_places {
        let drawn = markers
            .iter()
            .any(|m| m.id == place.id && m.territory == place.territory)
            || place.territory.is_none() && countries.iter().any(|c| c.id == place.id);
        if !drawn {
            return Err(fail(
                FILE_110M,
                format!("{} has PECs but neither a shape nor a marker", place.id),
            ));
        }
    }
    Ok(MapBundle {
        source: inputs.source.to_string(),
        projection: "Equal Earth".to_string(),
        view_box: [0, 0, round_unit(VIEW_WIDTH), height],
        countries,
        markers,
        other,
        borders: land_borders(&atlases[0], &thin[0]),
    })
}

/// Arcs that two units share, grouped by the pair (TopoJSON splits arcs where borders meet, so an
/// arc has one side, a coast, or two, a border).
fn land_borders(atlas: &Atlas, thin: &[Vec<Point>]) -> Vec<Border> {
    let mut sides: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); atlas.arcs.len()];
    for feature in &atlas.features {
        let key = feature.alpha2.as_deref().unwrap_or("");
        if DROPPED.contains(&key) {
            continue;
        }
        // Only rings that are drawn: a border of a speck the rounding removed would dangle.
        for ring in feature.polygons.iter().flatten() {
            if !drawn_rings(ring, thin).is_empty() {
                for &index in ring {
                    sides[arc_slot(index)].insert(key);
                }
            }
        }
    }
    let mut pairs: BTreeMap<(&str, &str), Vec<Vec<Point>>> = BTreeMap::new();
    for (slot, set) in sides.iter().enumerate() {
        if let [a, b] = set.iter().copied().collect::<Vec<_>>()[..] {
            for piece in split_open(thin[slot].clone(), |p| f64::from(p.0)) {
                if piece.len() >= 2 {
                    pairs.entry((a, b)).or_default().push(piece);
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), lines)| Border {
            a: a.to_string(),
            b: b.to_string(),
            d: line_path(&lines),
        })
        .collect()
}
