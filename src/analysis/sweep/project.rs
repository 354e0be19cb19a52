//! A claim's projection of the grid: the readings over the keys its outcome depends on
//! (`Claim::depends_on`), each standing for every grid reading that agrees with it on those
//! keys. The sweep judges a claim once per projected reading; counts, the heat map and the
//! importance split take each by its multiplicity, so they equal the full grid's exactly.

use super::grid::{Digits, Grid};
use crate::paper::claims::KeySet;
use crate::reading::keys::{KEY_COUNT, KEYS};
use crate::reading::state::State;

/// The grid projected onto a claim's keys.
#[derive(Clone, Debug)]
pub struct Projection {
    /// The keys the claim depends on, in key order.
    pub(super) keys: Vec<usize>,
    /// Each key's stride in the projected index (0 for a key outside the projection).
    strides: [usize; KEY_COUNT],
    /// How many projected readings there are.
    pub(super) size: usize,
    /// How many grid readings each projected reading stands for.
    pub(super) multiplicity: u32,
}

impl Projection {
    pub(super) fn new(grid: &Grid, depends: &KeySet) -> Projection {
        let keys: Vec<usize> = (0..KEY_COUNT).filter(|&k| depends[k]).collect();
        let mut strides = [0; KEY_COUNT];
        let mut size = 1;
        for &k in keys.iter().rev() {
            strides[k] = size;
            size *= grid.radix(k);
        }
        let multiplicity: usize = (0..KEY_COUNT)
            .filter(|&k| !depends[k])
            .map(|k| grid.radix(k))
            .product();
        Projection {
            keys,
            strides,
            size: if grid.size() == 0 { 0 } else { size },
            multiplicity: u32::try_from(multiplicity).unwrap_or(u32::MAX),
        }
    }

    /// Whether the claim depends on key `k`.
    #[inline(always)]
    pub(super) fn depends(&self, k: usize) -> bool {
        self.strides[k] != 0
    }

    /// The projected index of a grid reading's digits.
    #[inline(always)]
    pub(super) fn index(&self, digits: &Digits) -> usize {
        digits.iter().zip(&self.strides).map(|(d, s)| d * s).sum()
    }
}

/// Each key's distance from `from` at each of the grid's values (`KeyDef::distance`).
pub(super) fn distance_table(grid: &Grid, from: &State) -> Vec<Vec<f64>> {
    KEYS.iter()
        .enumerate()
        .map(|(k, key)| {
            let at = (key.get)(from);
            grid.values[k]
                .iter()
                .map(|&v| key.distance(at, v))
                .collect()
        })
        .collect()
}

/// The distance of the reading at `digits`, summed over the keys in their order exactly as
/// `grid::distance` sums it (so the same float).
#[inline(always)]
pub(super) fn distance_at(table: &[Vec<f64>], digits: &Digits) -> f64 {
    table.iter().zip(digits).map(|(t, &d)| t[d]).sum()
}

/// For every key outside the projection, the digits of its values nearest `from`. The distance
/// is a float sum that never decreases when one term grows, so among the grid readings that
/// project onto one reading the nearest takes such values; values whose distance is equal but
/// rounded apart (within 1e-9, far below any two distinct distances of the grid) are all kept,
/// and the caller compares their sums as the enumeration would.
pub(super) fn nearest_free_values(p: &Projection, table: &[Vec<f64>]) -> Vec<(usize, Vec<usize>)> {
    (0..KEY_COUNT)
        .filter(|&k| !p.depends(k))
        .map(|k| {
            let min = table[k].iter().copied().fold(f64::INFINITY, f64::min);
            let near = (0..table[k].len())
                .filter(|&i| table[k][i] <= min + 1e-9)
                .collect();
            (k, near)
        })
        .collect()
}

/// Visit every combination of the free keys' candidate digits on top of `digits`.
pub(super) fn each_choice(
    free: &[(usize, Vec<usize>)],
    digits: &mut Digits,
    visit: &mut impl FnMut(&Digits),
) {
    match free.split_first() {
        None => visit(digits),
        Some(((k, values), rest)) => {
            for &v in values {
                digits[*k] = v;
                each_choice(rest, digits, visit);
            }
        }
    }
}
