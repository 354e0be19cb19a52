//! Projection (Equal Earth), the view box frame, rounding and thinning of arcs, stitching rings,
//! areas and SVG path strings.

pub use super::projection::equal_earth;
use super::topojson::{Polygon, arc_slot};
use super::{MARGIN, VIEW_WIDTH};

/// Unit-sphere Equal Earth → view units: the full sphere's width spans the view box.
pub struct Frame {
    pub scale: f64,
    left: f64,
    top: f64,
}

impl Frame {
    pub fn new(top: f64) -> Frame {
        let half_width = equal_earth(180.0, 0.0).0;
        Frame {
            scale: (VIEW_WIDTH - 2.0 * MARGIN) / (2.0 * half_width),
            left: -half_width,
            top,
        }
    }
    pub fn view(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            MARGIN + (x - self.left) * self.scale,
            MARGIN + (self.top - y) * self.scale,
        )
    }
}

pub fn round_unit(value: f64) -> i32 {
    // The view box is at most a few thousand units: the projection is bounded, so the
    // rounded value always fits and the cast never saturates.
    value.round().clamp(-1.0e6, 1.0e6) as i32
}

pub type Point = (i32, i32);

/// One arc in view units: rounded, repeated points dropped, straight runs merged.
pub fn thin_arc(points: &[(f64, f64)], frame: &Frame) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        let (x, y) = frame.view(p);
        let q = (round_unit(x), round_unit(y));
        if out.last() == Some(&q) {
            continue;
        }
        // Drop the middle of three points on one line going one way (ends stay: they are shared).
        if let [.., a, b] = out.as_slice() {
            let (a, b) = (*a, *b);
            let cross = i64::from(b.0 - a.0) * i64::from(q.1 - b.1)
                - i64::from(b.1 - a.1) * i64::from(q.0 - b.0);
            let dot = i64::from(b.0 - a.0) * i64::from(q.0 - b.0)
                + i64::from(b.1 - a.1) * i64::from(q.1 - b.1);
            if cross == 0 && dot > 0 {
                out.pop();
            }
        }
        out.push(q);
    }
    out
}

/// Stitch a ring from its arcs: each arc after the first starts where the previous one ended.
pub fn stitch<T: Copy + PartialEq>(ring: &[i64], arcs: &[Vec<T>]) -> Vec<T> {
    let mut points: Vec<T> = Vec::new();
    for &index in ring {
        let arc = &arcs[arc_slot(index)];
        let ordered: Box<dyn Iterator<Item = &T>> = if index >= 0 {
            Box::new(arc.iter())
        } else {
            Box::new(arc.iter().rev())
        };
        for (k, p) in ordered.enumerate() {
            if k == 0 && !points.is_empty() {
                continue;
            }
            if points.last() != Some(p) {
                points.push(*p);
            }
        }
    }
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    points
}

/// A step wider than half the map is a ring crossing the antimeridian (its ends were put on the
/// edges when the arcs were read).
fn jumps(a: f64, b: f64) -> bool {
    (a - b).abs() > VIEW_WIDTH / 2.0
}

/// A closed ring cut where it crosses the antimeridian: each piece is closed along the map's
/// edge. A ring that does not cross comes back whole.
pub fn split_closed<T: Copy>(ring: Vec<T>, x: impl Fn(&T) -> f64) -> Vec<Vec<T>> {
    let n = ring.len();
    let cuts: Vec<usize> = (0..n)
        .filter(|&i| jumps(x(&ring[i]), x(&ring[(i + 1) % n])))
        .collect();
    let Some(&first) = cuts.first() else {
        return vec![ring];
    };
    // Start right after a cut, so every piece runs from one cut to the next.
    let rotated: Vec<T> = (1..=n).map(|k| ring[(first + k) % n]).collect();
    split_open(rotated, x)
}

/// An open line cut at every step across the antimeridian.
pub fn split_open<T: Copy>(line: Vec<T>, x: impl Fn(&T) -> f64) -> Vec<Vec<T>> {
    let mut pieces = vec![Vec::new()];
    for (i, p) in line.iter().enumerate() {
        if i > 0 && jumps(x(&line[i - 1]), x(p)) {
            pieces.push(Vec::new());
        }
        if let Some(last) = pieces.last_mut() {
            last.push(*p);
        }
    }
    pieces.retain(|piece| !piece.is_empty());
    pieces
}

fn twice_area_int(ring: &[Point]) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            i64::from(a.0) * i64::from(b.1) - i64::from(b.0) * i64::from(a.1)
        })
        .sum()
}

/// Signed area and centroid of a float ring.
fn area_centroid(ring: &[(f64, f64)]) -> (f64, (f64, f64)) {
    let n = ring.len();
    let (mut twice, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let cross = a.0 * b.1 - b.0 * a.1;
        twice += cross;
        cx += (a.0 + b.0) * cross;
        cy += (a.1 + b.1) * cross;
    }
    if twice.abs() < 1e-12 {
        let mean = |f: fn(&(f64, f64)) -> f64| ring.iter().map(f).sum::<f64>() / n.max(1) as f64;
        return (0.0, (mean(|p| p.0), mean(|p| p.1)));
    }
    (twice / 2.0, (cx / (3.0 * twice), cy / (3.0 * twice)))
}

/// A country's shape at view scale: rounded rings for the path, its land area and the centroid of
/// its largest polygon (from the unrounded rings).
pub struct Shape {
    pub rings: Vec<Vec<Point>>,
    pub area: f64,
    pub anchor: (f64, f64),
}

/// A ring as drawn: cut at the antimeridian, without the pieces rounding leaves no area (specks).
pub fn drawn_rings(ring: &[i64], thin_arcs: &[Vec<Point>]) -> Vec<Vec<Point>> {
    let mut pieces = split_closed(stitch(ring, thin_arcs), |p| f64::from(p.0));
    pieces.retain(|piece| piece.len() >= 3 && twice_area_int(piece) != 0);
    pieces
}

pub fn shape(
    polygons: &[&Polygon],
    view_arcs: &[Vec<(f64, f64)>],
    thin_arcs: &[Vec<Point>],
) -> Shape {
    let mut rings = Vec::new();
    let mut area = 0.0;
    let mut largest = (-1.0, (0.0, 0.0));
    for polygon in polygons {
        let mut polygon_area = 0.0;
        for (k, ring) in polygon.iter().enumerate() {
            for piece in split_closed(stitch(ring, view_arcs), |p| p.0) {
                let (a, centroid) = area_centroid(&piece);
                polygon_area += if k == 0 { a.abs() } else { -a.abs() };
                if k == 0 && a.abs() > largest.0 {
                    largest = (a.abs(), centroid);
                }
            }
            rings.extend(drawn_rings(ring, thin_arcs));
        }
        area += polygon_area.max(0.0);
    }
    Shape {
        rings,
        area,
        anchor: largest.1,
    }
}

/// `M x y l dx dy ... z m dx dy ...`: relative moves, as few characters as SVG allows.
pub fn path(rings: &[Vec<Point>]) -> String {
    let mut d = String::new();
    let mut start: Option<Point> = None;
    for ring in rings {
        let first = ring[0];
        match start {
            None => push_pair(&mut d, 'M', first),
            Some(s) => push_pair(&mut d, 'm', (first.0 - s.0, first.1 - s.1)),
        }
        start = Some(first);
        push_steps(&mut d, ring);
        d.push('z');
    }
    d
}

/// Open lines: `M x y l dx dy ...`, each next line moved to relative to where the last one ended.
pub fn line_path(lines: &[Vec<Point>]) -> String {
    let mut d = String::new();
    let mut at: Option<Point> = None;
    for line in lines {
        let first = line[0];
        match at {
            None => push_pair(&mut d, 'M', first),
            Some(a) => push_pair(&mut d, 'm', (first.0 - a.0, first.1 - a.1)),
        }
        push_steps(&mut d, line);
        at = line.last().copied();
    }
    d
}

/// `l` and the relative steps from each point of `points` to the next.
fn push_steps(d: &mut String, points: &[Point]) {
    d.push('l');
    for (k, pair) in points.windows(2).enumerate() {
        let delta = (pair[1].0 - pair[0].0, pair[1].1 - pair[0].1);
        if k > 0 && delta.0 >= 0 {
            d.push(' ');
        }
        push_number_pair(d, delta);
    }
}

fn push_pair(d: &mut String, command: char, pair: Point) {
    d.push(command);
    push_number_pair(d, pair);
}

fn push_number_pair(d: &mut String, (x, y): Point) {
    d.push_str(&x.to_string());
    if y >= 0 {
        d.push(' ');
    }
    d.push_str(&y.to_string());
}
