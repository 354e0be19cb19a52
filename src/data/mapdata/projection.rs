//! The Equal Earth projection on the unit sphere.

const A1: f64 = 1.340_264;
const A2: f64 = -0.081_106;
const A3: f64 = 0.000_893;
const A4: f64 = 0.003_796;

/// Equal Earth (Šavrič, Patterson, Jenny 2018, "The Equal Earth map projection", IJGIS 33(3)) on
/// the unit sphere: degrees in, `(x, y)` with y pointing north.
pub fn equal_earth(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let lambda = lon_deg.to_radians();
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * lat_deg.to_radians().sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}
