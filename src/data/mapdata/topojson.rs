//! Reading a TopoJSON topology: arcs decoded (delta + transform) and projected, countries as
//! polygons of arc indices, ids mapped from ISO numeric to alpha-2.

use super::projection::equal_earth;
use super::{FILE_ISO, MapDataError, fail};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Topology {
    transform: Option<Transform>,
    arcs: Vec<Vec<Vec<f64>>>,
    objects: BTreeMap<String, GeometryCollection>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct GeometryCollection {
    geometries: Vec<RawGeometry>,
}

#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<serde_json::Value>,
    properties: Option<BTreeMap<String, serde_json::Value>>,
    arcs: Option<serde_json::Value>,
}

/// A polygon as arc indices: the outer ring first, then holes (negative index = reversed arc).
pub type Polygon = Vec<Vec<i64>>;

pub struct Feature {
    pub alpha2: Option<String>,
    pub name: String,
    pub polygons: Vec<Polygon>,
}

/// One TopoJSON file: its arcs projected (unit sphere) and its countries.
pub struct Atlas {
    pub arcs: Vec<Vec<(f64, f64)>>,
    pub features: Vec<Feature>,
}

impl Atlas {
    pub fn parse(
        file: &'static str,
        bytes: &[u8],
        iso: &BTreeMap<String, String>,
    ) -> Result<Atlas, MapDataError> {
        let topology: Topology = serde_json::from_slice(bytes)
            .map_err(|e| fail(file, format!("not a TopoJSON topology: {e}")))?;
        let mut arcs = Vec::with_capacity(topology.arcs.len());
        for (index, arc) in topology.arcs.iter().enumerate() {
            let mut position = (0.0, 0.0);
            let mut previous: Option<(f64, f64)> = None;
            let mut points = Vec::with_capacity(arc.len());
            for point in arc {
                let (&[a, b], _) = point.split_first_chunk::<2>().ok_or_else(|| {
                    fail(
                        file,
                        format!("arc {index}: a position with fewer than two numbers"),
                    )
                })?;
                let (lon, lat) = match &topology.transform {
                    // Quantized topology: positions are deltas from the previous one.
                    Some(t) => {
                        position = (position.0 + a, position.1 + b);
                        (
                            position.0 * t.scale[0] + t.translate[0],
                            position.1 * t.scale[1] + t.translate[1],
                        )
                    }
                    None => (a, b),
                };
                // (NaN fails both tests too.)
                if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                    return Err(fail(
                        file,
                        format!("arc {index}: ({lon}, {lat}) is not a longitude and latitude"),
                    ));
                }
                // A step across the antimeridian gets its two ends on the map's edges, so a ring
                // can be cut there (see `geometry::split_closed`) instead of crossing the map.
                if let Some((prev_lon, prev_lat)) = previous {
                    if f64::abs(lon - prev_lon) > 180.0 {
                        let edge: f64 = if prev_lon > 0.0 { 180.0 } else { -180.0 };
                        let unwrapped = lon + 2.0 * edge;
                        let span = unwrapped - prev_lon;
                        // A step from one edge to the other (+180 to -180) runs along the seam.
                        let t = if span == 0.0 {
                            0.0
                        } else {
                            (edge - prev_lon) / span
                        };
                        let lat_edge = prev_lat + t * (lat - prev_lat);
                        points.push(equal_earth(edge, lat_edge));
                        points.push(equal_earth(-edge, lat_edge));
                    }
                }
                previous = Some((lon, lat));
                points.push(equal_earth(lon, lat));
            }
            arcs.push(points);
        }
        let countries = topology
            .objects
            .get("countries")
            .ok_or_else(|| fail(file, "no object \"countries\""))?;
        let mut features = Vec::new();
        for (index, geometry) in countries.geometries.iter().enumerate() {
            let name = geometry
                .properties
                .as_ref()
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("")
                .to_string();
            let what = format!("country {index} ({name})");
            let numeric = match &geometry.id {
                None => None,
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(serde_json::Value::Number(n)) => Some(format!("{n:0>3}")),
                Some(other) => return Err(fail(file, format!("{what}: id {other} is not a code"))),
            };
            let alpha2 = match numeric {
                None => None,
                Some(code) => Some(iso.get(&code).cloned().ok_or_else(|| {
                    fail(
                        file,
                        format!("{what}: numeric id {code} is not in {FILE_ISO}"),
                    )
                })?),
            };
            let arcs_value = geometry.arcs.clone().unwrap_or(serde_json::Value::Null);
            let polygons: Vec<Polygon> = match geometry.kind.as_deref() {
                Some("Polygon") => vec![
                    serde_json::from_value(arcs_value)
                        .map_err(|e| fail(file, format!("{what}: Polygon arcs: {e}")))?,
                ],
                Some("MultiPolygon") => serde_json::from_value(arcs_value)
                    .map_err(|e| fail(file, format!("{what}: MultiPolygon arcs: {e}")))?,
                None => Vec::new(),
                Some(other) => return Err(fail(file, format!("{what}: a {other}, not a polygon"))),
            };
            for index in polygons.iter().flatten().flatten() {
                if arc_slot(*index) >= arcs.len() {
                    return Err(fail(
                        file,
                        format!("{what}: arc {index} of {} arcs", arcs.len()),
                    ));
                }
            }
            features.push(Feature {
                alpha2,
                name,
                polygons,
            });
        }
        Ok(Atlas { arcs, features })
    }

    /// Every polygon of the country with this id (an id may recur: 1:50m splits Australia).
    pub fn polygons_of(&self, alpha2: &str) -> Vec<&Polygon> {
        self.features
            .iter()
            .filter(|f| f.alpha2.as_deref() == Some(alpha2))
            .flat_map(|f| f.polygons.iter())
            .collect()
    }
}

/// Arc index → position in the arcs list (`!i` for a reversed arc, as TopoJSON defines it).
pub fn arc_slot(index: i64) -> usize {
    let slot = if index >= 0 { index } else { !index };
    usize::try_from(slot).unwrap_or(usize::MAX)
}
