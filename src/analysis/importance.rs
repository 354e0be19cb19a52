//! What each conclusion rests on: the share of a grid's readings in which a claim's verdict
//! differs from its verdict under the paper's own reading, split among the assumption keys by
//! Shapley values, so the parts add up to the whole.
//!
//! For a set S of keys, v(S) is the share of differing verdicts among the applicable readings
//! of the sub-grid in which the keys of S take every value of the grid and the others keep the
//! paper's value (v(∅) = 0: the paper's reading itself). A key's part is its Shapley value,
//! φ_k = Σ_{S ∌ k} |S|!(n−|S|−1)!/n! · (v(S ∪ {k}) − v(S)), the average over every order of
//! adding the keys of how much adding k changes v; the parts sum to v(all keys), the share over
//! the whole grid. A part can be negative: adding that key brings verdicts back to the paper's.
//!
//! Every v(S) comes from one pass over the grid: each reading is filed under the set of keys in
//! which it differs from the paper's reading, and a sum over subsets (the zeta transform) gives
//! each sub-grid's counts.

use serde::Serialize;

/// One key's part.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyShare {
    pub key: String,
    pub share: f64,
}

/// A claim's importance split.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Importance {
    /// The share of applicable readings whose verdict differs from the paper's reading's.
    pub differs: f64,
    /// Each varying key's Shapley value, largest first; they sum to `differs`.
    pub keys: Vec<KeyShare>,
}

/// The most keys a split handles (2^n sub-grids).
pub const MAX_KEYS: usize = 16;

/// Split the share of differing verdicts among `keys` (the keys the grid varies). `masks[r]`
/// has bit i set when reading r's value of key i is not the paper's; `verdict(r)` is None where
/// the claim does not apply, else whether the verdict differs from the paper's reading's.
pub fn shapley<K: AsRef<str>>(
    keys: &[K],
    masks: &[u16],
    verdict: impl Fn(usize) -> Option<bool>,
) -> Importance {
    let n = keys.len();
    assert!(n <= MAX_KEYS, "at most {MAX_KEYS} varying keys");
    let subsets = 1usize << n;
    let mut applicable = vec![0u64; subsets];
    let mut differing = vec![0u64; subsets];
    for (r, &mask) in masks.iter().enumerate() {
        if let Some(differs) = verdict(r) {
            applicable[usize::from(mask)] += 1;
            differing[usize::from(mask)] += u64::from(differs);
        }
    }
    shapley_counts(keys, applicable, differing)
}

/// The same split from the readings already filed by mask: `applicable[m]` readings apply whose
/// set of keys off the paper's value is `m`, `differing[m]` of them with a differing verdict.
pub fn shapley_counts<K: AsRef<str>>(
    keys: &[K],
    mut applicable: Vec<u64>,
    mut differing: Vec<u64>,
) -> Importance {
    let n = keys.len();
    assert!(n <= MAX_KEYS, "at most {MAX_KEYS} varying keys");
    let subsets = 1usize << n;
    assert!(applicable.len() == subsets && differing.len() == subsets);
    // Sum over subsets: afterwards x[S] counts the readings that differ from the paper only in
    // keys of S, i.e. the sub-grid of S.
    for i in 0..n {
        for s in 0..subsets {
            if s & (1 << i) != 0 {
                applicable[s] += applicable[s ^ (1 << i)];
                differing[s] += differing[s ^ (1 << i)];
            }
        }
    }
    let v: Vec<f64> = (0..subsets)
        .map(|s| {
            if applicable[s] == 0 {
                0.0
            } else {
                differing[s] as f64 / applicable[s] as f64
            }
        })
        .collect();
    // weight[m] = m!(n−m−1)!/n!, built without factorials.
    let weight: Vec<f64> = (0..n)
        .map(|m| {
            let mut w = 1.0 / n as f64;
            for j in 1..=m {
                w *= j as f64 / (n - j) as f64;
            }
            w
        })
        .collect();
    let mut parts: Vec<KeyShare> = keys
        .iter()
        .enumerate()
        .map(|(k, key)| {
            let bit = 1usize << k;
            let share = (0..subsets)
                .filter(|s| s & bit == 0)
                .map(|s| weight[s.count_ones() as usize] * (v[s | bit] - v[s]))
                .sum();
            KeyShare {
                key: key.as_ref().to_string(),
                share,
            }
        })
        .collect();
    crate::text::order::sort_by(&mut parts, |a, b| {
        b.share.total_cmp(&a.share).then_with(|| a.key.cmp(&b.key))
    });
    Importance {
        differs: v[subsets - 1],
        keys: parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Readings of a full grid over `radices`, the paper's reading at digit 0 of every key.
    fn masks(radices: &[usize]) -> (Vec<u16>, Vec<Vec<usize>>) {
        let total: usize = radices.iter().product();
        let mut out = Vec::new();
        let mut digits = Vec::new();
        for r in 0..total {
            let mut rest = r;
            let mut d = vec![0; radices.len()];
            for (i, &radix) in radices.iter().enumerate().rev() {
                d[i] = rest % radix;
                rest /= radix;
            }
            out.push(
                d.iter()
                    .enumerate()
                    .filter(|(_, x)| **x != 0)
                    .fold(0u16, |m, (i, _)| m | 1 << i),
            );
            digits.push(d);
        }
        (out, digits)
    }

    #[test]
    fn one_key_takes_the_whole_share() {
        // The verdict differs wherever key 0 leaves the paper's value: 2 readings of 3 × 2.
        let (m, d) = masks(&[3, 2]);
        let imp = shapley(&["a", "b"], &m, |r| Some(d[r][0] == 2));
        assert!((imp.differs - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(imp.keys[0].key, "a");
        assert!((imp.keys[0].share - 2.0 / 6.0).abs() < 1e-12);
        assert!(imp.keys[1].share.abs() < 1e-12);
    }

    #[test]
    fn an_interaction_is_shared_and_parts_add_up() {
        // Differs only when both keys leave the paper's values (one reading of four):
        // v({a}) = v({b}) = 0, v({a, b}) = 1/4, so each key gets 1/8 by symmetry.
        let (m, d) = masks(&[2, 2, 3]);
        let imp = shapley(&["a", "b", "c"], &m, |r| Some(d[r][0] == 1 && d[r][1] == 1));
        assert!((imp.differs - 0.25).abs() < 1e-12);
        let part = |k: &str| imp.keys.iter().find(|x| x.key == k).unwrap().share;
        assert!((part("a") - 0.125).abs() < 1e-12);
        assert!((part("b") - 0.125).abs() < 1e-12);
        assert!(part("c").abs() < 1e-12);
        let total: f64 = imp.keys.iter().map(|k| k.share).sum();
        assert!((total - imp.differs).abs() < 1e-12);
    }

    #[test]
    fn readings_where_it_does_not_apply_are_left_out() {
        // Key b = 1 makes the claim inapplicable; among the rest, key a flips it.
        let (m, d) = masks(&[2, 2]);
        let imp = shapley(&["a", "b"], &m, |r| (d[r][1] == 0).then_some(d[r][0] == 1));
        assert!((imp.differs - 0.5).abs() < 1e-12);
        assert_eq!(imp.keys[0].key, "a");
        assert!((imp.keys[0].share - 0.5).abs() < 1e-12);
        assert!(imp.keys[1].share.abs() < 1e-12);
    }
}
