//! Exact tipping points: for one reading, each claim and each weight key, the values of that
//! weight (the others as set) at which the claim holds, at the vocabulary's 1/10 000 resolution.
//!
//! Not by sampling. Along one weight w (in units of 1/10 000) every integer a claim is built
//! from is linear: the opposition count, its denominator, a place's win margin. So each
//! comparison behind a verdict is the sign of a linear form in w — or, for the ranking of
//! regions by share, of a quadratic one (two ratios cross-multiplied). Its sign changes at
//! points found exactly in integers (division for a line, bisection on each monotone side of
//! a parabola). Between two consecutive such points no comparison changes, so neither does the
//! verdict; it is taken once per stretch by the same exact judge `claims::evaluate` uses (for
//! counts and sets, by updating the count as each place's win flag turns). The intervals where
//! it holds follow. `tests/tipping.rs` checks every edge against the full evaluation on both
//! sides.

use crate::paper::claims::{self, Claim, Level, Outcome, Predicate, SetKind, Test, Verdict};
use crate::reading::aggregate::{Component, Results, Sums};
use crate::reading::keys::{KEYS, KeyValue};
use crate::reading::state::{State, WEIGHT_SCALE, Weight};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

mod margins;
use margins::Margins;

const W_MAX: i64 = WEIGHT_SCALE;

/// The weight keys, as indices into [`KEYS`].
pub fn weight_keys() -> impl Iterator<Item = usize> {
    (0..KEYS.len()).filter(|&k| KEYS[k].is_weight())
}

/// Where a claim holds along one weight: closed intervals, in order, disjoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyTipping {
    pub key: &'static str,
    pub holds: Vec<(Weight, Weight)>,
}

impl KeyTipping {
    /// The values where the verdict turns: each interval's ends that are not 0 or 1.
    pub fn edges(&self) -> Vec<Weight> {
        let mut out = Vec::new();
        for &(lo, hi) in &self.holds {
            if lo != Weight::ZERO {
                out.push(lo);
            }
            if hi != Weight::ONE {
                out.push(hi);
            }
        }
        out
    }
    /// Whether the claim holds for every value of the weight.
    pub fn everywhere(&self) -> bool {
        self.holds == [(Weight::ZERO, Weight::ONE)]
    }
}

/// One claim's tipping points under a reading.
#[derive(Clone, Debug)]
pub struct ClaimTipping {
    pub index: usize,
    /// Its verdict under the reading itself.
    pub verdict: Verdict,
    pub keys: Vec<KeyTipping>,
}

/// Every claim's tipping points along every weight key, for the reading of `results`.
pub fn tipping(claims: &[Claim], results: &Results) -> Vec<ClaimTipping> {
    tipping_judged(claims, results, &claims::evaluate_all(claims, results))
}

/// The same, given each claim's outcome under the reading (`claims::evaluate_all`). The win
/// margins of a level's places along each weight are found once for all the claims over them.
pub fn tipping_judged(
    claims: &[Claim],
    results: &Results,
    outcomes: &[Outcome],
) -> Vec<ClaimTipping> {
    let mut margins = Margins::default();
    claims
        .iter()
        .zip(outcomes)
        .enumerate()
        .map(|(index, (claim, o))| judged_tipping(index, claim, results, o.verdict, &mut margins))
        .collect()
}

/// One claim's tipping points along every weight key.
pub fn claim_tipping(index: usize, claim: &Claim, results: &Results) -> ClaimTipping {
    let verdict = claims::evaluate(claim, results).verdict;
    judged_tipping(index, claim, results, verdict, &mut Margins::default())
}

fn judged_tipping<'c>(
    index: usize,
    claim: &'c Claim,
    results: &Results,
    verdict: Verdict,
    margins: &mut Margins<'c>,
) -> ClaimTipping {
    let s = results.parsed_state;
    // A claim no weight can move has one stretch along every key.
    let places = match &claim.test {
        _ if !claim.depends_on_weights() => None,
        Test::Count { .. } | Test::Set { .. } => Some(Places::of(claim, results)),
        _ => None,
    };
    let keys = weight_keys()
        .map(|k| {
            let stretches = if !claim.depends_on_weights() {
                vec![(0, verdict)]
            } else if let Some(places) = &places {
                places.stretches(claim, &s, k, margins)
            } else {
                stretches(claim, results, k)
            };
            KeyTipping {
                key: KEYS[k].name,
                holds: intervals(&stretches),
            }
        })
        .collect();
    ClaimTipping {
        index,
        verdict,
        keys,
    }
    .checked(&s)
}

impl ClaimTipping {
    /// In debug builds: the stretches agree with the reading's own verdict.
    fn checked(self, s: &State) -> ClaimTipping {
        if cfg!(debug_assertions) {
            for (k, key) in weight_keys().zip(&self.keys) {
                let KeyValue::Weight(w) = (KEYS[k].get)(s) else {
                    continue;
                };
                let inside = key.holds.iter().any(|&(lo, hi)| lo <= w && w <= hi);
                debug_assert_eq!(
                    inside,
                    self.verdict == Verdict::Holds,
                    "claim {} along {}",
                    self.index,
                    key.key
                );
            }
        }
        self
    }
}

/// The reading with one weight set to `units`.
fn with_weight(s: &State, key: usize, units: i64) -> State {
    let mut out = *s;
    let w = Weight::from_scaled(units.clamp(0, W_MAX)).expect("clamped to 0..=1");
    (KEYS[key].set)(&mut out, KeyValue::Weight(w));
    out
}

/// `a + b·w`, exactly.
#[derive(Clone, Copy, Debug)]
struct Line {
    a: i128,
    b: i128,
}

impl Line {
    /// A quantity linear in the weight, from its values at 0 and at 1.
    fn through(at0: i128, at1: i128) -> Line {
        let rise = at1 - at0;
        debug_assert_eq!(rise % i128::from(W_MAX), 0, "linear with an integer slope");
        Line {
            a: at0,
            b: rise / i128::from(W_MAX),
        }
    }
    fn at(self, w: i64) -> i128 {
        self.a + self.b * i128::from(w)
    }
    fn scale(self, k: i128) -> Line {
        Line {
            a: self.a * k,
            b: self.b * k,
        }
    }
    fn minus(self, o: Line) -> Line {
        Line {
            a: self.a - o.a,
            b: self.b - o.b,
        }
    }
    /// The points in 1..=W_MAX where the sign (−, 0, +) differs from the sign one unit before.
    fn sign_changes(self, out: &mut Vec<i64>) {
        if self.b == 0 {
            return;
        }
        // Zero at −a/b: the sign turns at ceil(−a/b) (reaching 0, or passing it) and at
        // floor(−a/b) + 1 (leaving 0); for a root between integers both are the same point.
        let (num, den) = if self.b > 0 {
            (-self.a, self.b)
        } else {
            (self.a, -self.b)
        };
        let floor = num.div_euclid(den);
        let ceil = -(-num).div_euclid(den);
        for p in [ceil, floor + 1] {
            if (1..=i128::from(W_MAX)).contains(&p) {
                out.push(p as i64);
            }
        }
    }
}

/// The points in 1..=W_MAX where the sign of `a·w² + b·w + c` differs from one unit before:
/// on each side of the vertex the parabola is monotone, so its sign changes at most twice there
/// (to zero and past it), each point found by bisection.
fn quadratic_sign_changes(a: i128, b: i128, c: i128, out: &mut Vec<i64>) {
    let f = |w: i64| {
        let w = i128::from(w);
        (a * w + b) * w + c
    };
    // The vertex −b/2a, clamped: the sides [0, v] and [v, W_MAX].
    let vertex = if a == 0 {
        0
    } else {
        let (num, den) = if a > 0 { (-b, 2 * a) } else { (b, -2 * a) };
        num.div_euclid(den).clamp(0, i128::from(W_MAX)) as i64
    };
    let mut pieces = vec![(0, vertex), (vertex, W_MAX)];
    // The integer vertex may sit one unit off the real one: split there as well.
    if vertex < W_MAX {
        pieces = vec![(0, vertex), (vertex, vertex + 1), (vertex + 1, W_MAX)];
    }
    for (lo, hi) in pieces {
        if lo >= hi {
            continue;
        }
        let rising = f(hi) >= f(lo);
        let sign = |w: i64| {
            let s = f(w).signum();
            if rising { s } else { -s }
        };
        // sign() is non-decreasing on [lo, hi]: find where it first reaches 0 and 1.
        for level in [0, 1] {
            if sign(lo) >= level || sign(hi) < level {
                continue;
            }
            let (mut bad, mut good) = (lo, hi);
            while good - bad > 1 {
                let mid = bad + (good - bad) / 2;
                if sign(mid) >= level {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
            out.push(good);
        }
    }
}

/// The claim's verdict on stretches of the weight: (first value, verdict), in order, the first
/// at 0.
fn stretches(claim: &Claim, results: &Results, key: usize) -> Vec<(i64, Verdict)> {
    let s = &results.parsed_state;
    let at0 = with_weight(s, key, 0);
    let at1 = with_weight(s, key, W_MAX);
    match &claim.test {
        Test::Value { metric, .. } | Test::Compare { metric, .. } => {
            let Some(sums) = claims::metric_places(metric, results) else {
                return vec![(0, Verdict::NotApplicable)];
            };
            // A comparison of two places never involves the weights (the claims' parser refuses
            // the opposition there): its fractions at 0 and at 1 are the same, a constant line.
            let (Some(f0), Some(f1)) = (
                claims::exact_quantity(metric, &sums, &at0),
                claims::exact_quantity(metric, &sums, &at1),
            ) else {
                return vec![(0, Verdict::NotApplicable)];
            };
            let num = Line::through(f0.num, f1.num);
            let den = Line::through(f0.den, f1.den);
            let mut points = Vec::new();
            let mut add = |printed: &crate::paper::published::Printed, halves: &[i128]| {
                let scaled = num.scale(10i128.pow(u32::from(printed.decimals)));
                let target = den.scale(printed.mantissa());
                // 2·scaled − 2·target + h·den for each h: where the rounded value passes
                // target − 1, target, target + 1 and target + 2 (a compare: where it passes the
                // threshold itself).
                for &h in halves {
                    scaled
                        .scale(2)
                        .minus(target.scale(2))
                        .minus(den.scale(-h))
                        .sign_changes(&mut points);
                }
            };
            match &claim.test {
                Test::Value { published, .. } => add(published, &[3, 1, -1, -3]),
                Test::Compare { than, .. } => add(than, &[0]),
                _ => unreachable!("matched above"),
            }
            judged_at(points, |w| {
                let sw = with_weight(s, key, w);
                claims::metric_outcome(&claim.test, Some(&sums), &sw).verdict
            })
        }
        Test::Rank { by, top, bottom } => {
            let Some(order) = rank_regions(results) else {
                return vec![(0, Verdict::NotApplicable)];
            };
            let mut points = Vec::new();
            if *by == Component::Opposition {
                let lines: Vec<(Line, Line)> = order
                    .iter()
                    .map(|(x, _)| {
                        let (p0, w0) = x.share_parts(*by, s.base, &at0);
                        let (p1, w1) = x.share_parts(*by, s.base, &at1);
                        (
                            Line::through(p0.into(), p1.into()),
                            Line::through(w0.into(), w1.into()),
                        )
                    })
                    .collect();
                for (i, &(pa, wa)) in lines.iter().enumerate() {
                    for &(pb, wb) in &lines[i + 1..] {
                        // pa/wa against pb/wb: the sign of pa·wb − pb·wa.
                        let a = pa.b * wb.b - pb.b * wa.b;
                        let b = pa.a * wb.b + pa.b * wb.a - pb.a * wa.b - pb.b * wa.a;
                        let c = pa.a * wb.a - pb.a * wa.a;
                        quadratic_sign_changes(a, b, c, &mut points);
                    }
                }
            }
            judged_at(points, |w| {
                let sw = with_weight(s, key, w);
                let mut regions = order.clone();
                claims::sort_by_share(&mut regions, *by, &sw);
                let ids: Vec<&String> = regions.iter().map(|(_, id)| id).collect();
                Outcome::judged(claims::rank_holds(&ids, top, bottom), None).verdict
            })
        }
        Test::Count { .. } | Test::Set { .. } => {
            Places::of(claim, results).stretches(claim, s, key, &mut Margins::default())
        }
    }
}

/// The regions a ranking orders (None under another scheme than the paper's).
fn rank_regions(results: &Results) -> Option<Vec<(&Sums, String)>> {
    (results.parsed_state.regions == crate::reading::state::RegionScheme::Paper).then(|| {
        results
            .regions
            .iter()
            .filter(|r| r.id != crate::data::model::UNASSIGNED.id)
            .map(|r| (&r.sums, r.id.clone()))
            .collect()
    })
}

/// The verdict at 0 and at each point where it may change.
fn judged_at(mut points: Vec<i64>, mut verdict: impl FnMut(i64) -> Verdict) -> Vec<(i64, Verdict)> {
    points.push(0);
    points.sort_unstable();
    points.dedup();
    points.into_iter().map(|w| (w, verdict(w))).collect()
}

/// The places a count or set ranges over, with what does not depend on the weights: whether
/// each satisfies the fixed predicates, and how often the claim lists it. None where the claim's
/// region does not exist under the reading.
struct Places<'c, 'r> {
    level: Level,
    within: &'c Option<String>,
    list: Option<Vec<&'r crate::reading::aggregate::Aggregate>>,
    fixed_ok: Vec<bool>,
    listed: Vec<u32>,
    needs_wins: bool,
}

impl<'c, 'r> Places<'c, 'r> {
    fn of(claim: &'c Claim, results: &'r Results) -> Places<'c, 'r> {
        let s = &results.parsed_state;
        let (level, within, predicates) = claim.test.places().expect("counts and sets only");
        let list = claims::places(level, within, results);
        let all = list.as_deref().unwrap_or_default();
        let fixed: Vec<&Predicate> = predicates
            .iter()
            .filter(|p| !p.depends_on_reading())
            .collect();
        Places {
            level,
            within,
            fixed_ok: all
                .iter()
                .map(|a| fixed.iter().all(|p| p.holds(&a.sums, s)))
                .collect(),
            listed: all
                .iter()
                .map(|a| match &claim.test {
                    Test::Set { ids, .. } => ids.iter().filter(|id| **id == a.id).count() as u32,
                    _ => 0,
                })
                .collect(),
            needs_wins: predicates.iter().any(Predicate::depends_on_reading),
            list,
        }
    }

    /// Each place's win flag turns at most where its margin changes sign; the count and the
    /// listed places matched are updated as the flags turn.
    fn stretches(
        &self,
        claim: &Claim,
        s: &State,
        key: usize,
        shared: &mut Margins<'c>,
    ) -> Vec<(i64, Verdict)> {
        let Some(list) = &self.list else {
            return vec![(0, Verdict::NotApplicable)];
        };
        // Per place: its win margin along the weight (if the claim asks who wins), and the
        // points where its sign turns, in order.
        let (margins, all_events) = if self.needs_wins {
            let m = shared.of(self.level, self.within, key, list, s);
            (&m.lines[..], &m.events[..])
        } else {
            (&[][..], &[][..])
        };
        let member =
            |i: usize, w: i64| self.fixed_ok[i] && (!self.needs_wins || margins[i].at(w) > 0);
        // Only the places that pass the fixed predicates can turn.
        let events: Vec<(i64, usize)> = all_events
            .iter()
            .filter(|&&(_, i)| self.fixed_ok[i])
            .copied()
            .collect();
        let mut inside: Vec<bool> = (0..list.len()).map(|i| member(i, 0)).collect();
        let mut matched: u32 = inside.iter().map(|&x| u32::from(x)).sum();
        let mut hits: u32 = inside
            .iter()
            .zip(&self.listed)
            .map(|(&x, &l)| if x { l } else { 0 })
            .sum();
        let verdict = |matched: u32, hits: u32| -> Verdict {
            let n = f64::from(matched);
            match &claim.test {
                Test::Count { op, value, .. } => {
                    Outcome::judged(op.holds(n, *value), Some(n)).verdict
                }
                Test::Set { ids, kind, .. } => {
                    let all = hits as usize == ids.len();
                    let holds = match kind {
                        SetKind::Includes => all,
                        SetKind::Excludes => hits == 0,
                        SetKind::Equals => all && matched as usize == ids.len(),
                    };
                    Outcome::judged(holds, Some(n)).verdict
                }
                _ => unreachable!("counts and sets only"),
            }
        };
        let mut out = vec![(0, verdict(matched, hits))];
        let mut e = 0;
        while e < events.len() {
            let w = events[e].0;
            while e < events.len() && events[e].0 == w {
                let i = events[e].1;
                let now = member(i, w);
                if now != inside[i] {
                    inside[i] = now;
                    if now {
                        matched += 1;
                        hits += self.listed[i];
                    } else {
                        matched -= 1;
                        hits -= self.listed[i];
                    }
                }
                e += 1;
            }
            out.push((w, verdict(matched, hits)));
        }
        out
    }
}

/// The closed intervals of the stretches where the claim holds, merged.
fn intervals(stretches: &[(i64, Verdict)]) -> Vec<(Weight, Weight)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (i, &(start, verdict)) in stretches.iter().enumerate() {
        if verdict != Verdict::Holds {
            continue;
        }
        let end = stretches.get(i + 1).map_or(W_MAX, |next| next.0 - 1);
        match out.last_mut() {
            Some(last) if last.1 + 1 == start => last.1 = end,
            _ => out.push((start, end)),
        }
    }
    out.into_iter()
        .map(|(lo, hi)| {
            (
                Weight::from_scaled(lo).expect("in range"),
                Weight::from_scaled(hi).expect("in range"),
            )
        })
        .collect()
}

/// The public shape of `reweigh tipping --format json`.
#[derive(Serialize)]
pub struct TippingDocument {
    pub state: String,
    pub claims: Vec<ClaimTippingJson>,
}

#[derive(Serialize)]
pub struct ClaimTippingJson {
    pub id: String,
    pub holds: bool,
    /// Per weight key (canonical order): closed intervals [lo, hi] of its values where the
    /// claim holds, the others as set.
    pub keys: KeyIntervals,
}

/// Weight key → intervals, written as a JSON object in the registry's order.
pub struct KeyIntervals(pub Vec<(&'static str, Vec<[f64; 2]>)>);

impl Serialize for KeyIntervals {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, list) in &self.0 {
            map.serialize_entry(key, list)?;
        }
        map.end()
    }
}

impl TippingDocument {
    pub fn of(claims: &[Claim], state: &State, tipping: &[ClaimTipping]) -> TippingDocument {
        TippingDocument {
            state: state.canonical(),
            claims: tipping
                .iter()
                .map(|t| ClaimTippingJson {
                    id: claims[t.index].spec.id.clone(),
                    holds: t.verdict == Verdict::Holds,
                    keys: KeyIntervals(
                        t.keys
                            .iter()
                            .map(|k| {
                                let list =
                                    k.holds.iter().map(|(lo, hi)| [lo.as_f64(), hi.as_f64()]);
                                (k.key, list.collect())
                            })
                            .collect(),
                    ),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_change_sign_where_they_cross_zero() {
        let mut out = Vec::new();
        // 3w − 10: negative up to 3, positive from 4 (no integer root).
        Line { a: -10, b: 3 }.sign_changes(&mut out);
        assert_eq!(out, vec![4, 4]);
        out.clear();
        // 2w − 10: zero at 5, positive from 6.
        Line { a: -10, b: 2 }.sign_changes(&mut out);
        assert_eq!(out, vec![5, 6]);
        out.clear();
        // −2w + 10: positive up to 4, zero at 5, negative from 6.
        Line { a: 10, b: -2 }.sign_changes(&mut out);
        assert_eq!(out, vec![5, 6]);
        out.clear();
        Line { a: 5, b: 0 }.sign_changes(&mut out);
        Line { a: 5, b: 1 }.sign_changes(&mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn lines_turn_where_brute_force_finds_it_large_or_small() {
        let big = i128::from(i64::MAX);
        for (a, b) in [
            (-10, 3),
            (10, -2),
            (-7_777_777, 1_555),
            (big, -1),
            (big - 5, -big / 10_000),
            (-big, big / 10_000 + 1),
            (-big - 1, 1),
            (big * 4, -(big / 1000)),
            (i128::from(i64::MIN), 1),
            (123, i128::from(i64::MIN)),
        ] {
            let line = Line { a, b };
            let mut got = Vec::new();
            line.sign_changes(&mut got);
            got.sort_unstable();
            got.dedup();
            let at = |w: i64| a + b * i128::from(w);
            let want: Vec<i64> = (1..=W_MAX)
                .filter(|&w| at(w).signum() != at(w - 1).signum())
                .collect();
            assert_eq!(got, want, "{a} + {b}w");
            for w in [0, 1, 4_999, W_MAX] {
                assert_eq!(line.at(w), at(w), "{a} + {b}w at {w}");
            }
        }
    }

    #[test]
    fn parabolas_change_sign_at_each_root() {
        // (w − 100)(w − 7000) = w² − 7100w + 700000: zero at 100 and 7000.
        let mut out = Vec::new();
        quadratic_sign_changes(1, -7100, 700_000, &mut out);
        out.sort_unstable();
        out.dedup();
        assert_eq!(out, vec![100, 101, 7000, 7001]);
        // Brute force on others: concave and convex, roots between integers, at the ends,
        // outside the range, a double root, a line.
        for (a, b, c) in [
            (-4i128, 46_000, -60_019_999),
            (3, -29_997, 1),
            (-1, 20_000, -100_000_000),
            (1, -10_001, 0),
            (2, 1, 5),
            (0, -7, 35_000),
            (-7, 3, 0),
        ] {
            let mut got = Vec::new();
            quadratic_sign_changes(a, b, c, &mut got);
            got.sort_unstable();
            got.dedup();
            let f = |w: i128| (a * w + b) * w + c;
            let want: Vec<i64> = (1..=W_MAX)
                .filter(|&w| f(i128::from(w)).signum() != f(i128::from(w) - 1).signum())
                .collect();
            assert_eq!(got, want, "{a}w² + {b}w + {c}");
        }
    }

    #[test]
    fn stretches_merge_into_intervals() {
        let v = |x: i64| Weight::from_scaled(x).unwrap();
        let s = [
            (0, Verdict::Fails),
            (3752, Verdict::Holds),
            (5000, Verdict::Holds),
            (9000, Verdict::OffLastDigit),
        ];
        assert_eq!(intervals(&s), vec![(v(3752), v(8999))]);
        assert_eq!(intervals(&[(0, Verdict::Holds)]), vec![(v(0), v(10_000))]);
        assert!(intervals(&[(0, Verdict::NotApplicable)]).is_empty());
    }
}
