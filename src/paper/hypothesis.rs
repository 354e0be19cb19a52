//! Where a published region row (Table 3) differs from the protocols, look for the smallest
//! reassignment of PECs whose location is only inferred or unknown (at most 3 moved in, 3 out)
//! that reproduces the printed row exactly: PECs, ballots issued, valid, invalid, unreturned and
//! every candidate's votes. A hint about the author's grouping, never a change to the locations.
//! (The number of countries is not required to match: a moved PEC's country is itself in doubt.)

use super::published::Paper;
use crate::data::model::{Candidate, Evidence, PAPER_REGIONS};
use crate::reading::aggregate::{self, Results, Sums};
use crate::reading::dataset::Dataset;
use crate::reading::state::State;
use crate::text::Text;
use foldhash::fast::FixedState;
use serde::Serialize;
use std::collections::HashMap;

/// The most PECs moved in, and out, that the search tries.
pub const MAX_MOVES: usize = 3;

/// The Table 3 rows a hypothesis must reproduce: its counts (every row but countries and shares).
fn count_rows() -> impl Iterator<Item = &'static str> {
    super::layout::TABLE3_ROWS
        .into_iter()
        .filter(|r| *r != "countries" && !r.ends_with("_share"))
}

const COLUMNS: usize = 9;
type Row = [i64; COLUMNS];

fn row(s: &Sums) -> Row {
    [
        s.pecs,
        s.issued(),
        s.valid,
        s.invalid,
        s.unreturned(),
        s.votes(Candidate::Davankov),
        s.votes(Candidate::Putin),
        s.votes(Candidate::Slutsky),
        s.votes(Candidate::Kharitonov),
    ]
}

/// One way to reproduce a region's printed row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reassignment {
    /// PECs counted in the region although the locations file places them elsewhere.
    pub moved_in: Vec<u32>,
    /// PECs the locations file places in the region, counted elsewhere.
    pub moved_out: Vec<u32>,
}

/// The search for one region.
#[derive(Clone, Debug, Serialize)]
pub struct RegionHypothesis {
    pub region: String,
    /// The printed row minus the protocols' row, column by column (PECs, issued, valid, invalid,
    /// unreturned, Davankov, Putin, Slutsky, Kharitonov).
    pub difference: Vec<i64>,
    /// Every smallest reassignment found (at most 10), or none within the bound.
    pub reassignments: Vec<Reassignment>,
    pub text: Text,
}

fn combinations(n: usize, k: usize, mut visit: impl FnMut(&[usize])) {
    let mut idx: Vec<usize> = (0..k).collect();
    if k > n {
        return;
    }
    loop {
        visit(&idx);
        let mut i = k;
        while i > 0 && idx[i - 1] == n - k + i - 1 {
            i -= 1;
        }
        if i == 0 {
            return;
        }
        idx[i - 1] += 1;
        for j in i..k {
            idx[j] = idx[j - 1] + 1;
        }
    }
}

fn sum_rows(rows: &[Row], pick: &[usize]) -> Row {
    let mut out = [0; COLUMNS];
    for &i in pick {
        for (o, x) in out.iter_mut().zip(rows[i]) {
            *o += x;
        }
    }
    out
}

/// A set of at most `MAX_MOVES` positions (the first `n` used).
type Set = [usize; MAX_MOVES];

/// How many sets `combinations(n, k, …)` visits.
fn binomial(n: usize, k: usize) -> usize {
    if k > n {
        return 0;
    }
    (0..k).fold(1, |acc, i| acc * (n - i) / (i + 1))
}

/// A row's key: linear in the row (wrapping), so a set's key is the sum of its rows' keys and
/// costs one addition per row; equal keys are then checked row against row.
fn key_of(row: &Row) -> u64 {
    // Odd constants, one per column (from SplitMix64's sequence).
    const FACTORS: [u64; COLUMNS] = [
        0x9e37_79b9_7f4a_7c15,
        0xbf58_476d_1ce4_e5b9,
        0x94d0_49bb_1331_11eb,
        0xd6e8_feb8_6659_fd93,
        0xa076_1d64_78bd_642f,
        0xe703_7ed1_a0b4_28db,
        0x8ebc_6af0_9c88_c6e3,
        0x5899_65cc_7537_4cc3,
        0x1d8e_4e27_c47d_124f,
    ];
    row.iter().zip(FACTORS).fold(0u64, |k, (&x, f)| {
        k.wrapping_add((x as u64).wrapping_mul(f))
    })
}

/// Sets indexed by a key; sets with the same key are chained, so the index allocates nothing per
/// set.
struct Index<S> {
    sets: Vec<(S, usize)>, // (set, next with the same key)
    ends: HashMap<u64, (usize, usize), FixedState>,
}

impl<S> Index<S> {
    fn new() -> Self {
        Index {
            sets: Vec::new(),
            ends: HashMap::default(),
        }
    }

    fn insert(&mut self, key: u64, set: S) {
        let at = self.sets.len();
        self.sets.push((set, usize::MAX));
        let e = self.ends.entry(key).or_insert((at, at));
        if e.1 != at {
            self.sets[e.1].1 = at;
            e.1 = at;
        }
    }

    fn each(&self, key: u64, mut visit: impl FnMut(&S)) {
        let mut at = self.ends.get(&key).map_or(usize::MAX, |e| e.0);
        while at != usize::MAX {
            visit(&self.sets[at].0);
            at = self.sets[at].1;
        }
    }
}

fn set_of(pick: &[usize]) -> Set {
    let mut set = [0; MAX_MOVES];
    set[..pick.len()].copy_from_slice(pick);
    set
}

/// Every pair of a set of `n_in` rows of `in_rows` and a set of `n_out` rows of `out_rows` whose
/// sums differ by `difference` (in − out): the first `limit` in the order of the moved-out sets'
/// enumeration, then the moved-in sets' (both lexicographic, so sets compare as arrays). The
/// side with fewer sets is indexed by its key and the other side asks for the key it needs;
/// three moved in among many rows are found from the pairs on one side and (one row, the
/// moved-out set) on the other.
fn pairs(
    in_rows: &[Row],
    n_in: usize,
    out_rows: &[Row],
    n_out: usize,
    difference: &Row,
    limit: usize,
) -> Vec<(Set, Set)> {
    let keys_in: Vec<u64> = in_rows.iter().map(key_of).collect();
    let keys_out: Vec<u64> = out_rows.iter().map(key_of).collect();
    let key =
        |keys: &[u64], pick: &[usize]| pick.iter().fold(0u64, |k, &i| k.wrapping_add(keys[i]));
    let key_difference = key_of(difference);
    // The `limit` first pairs by (moved-out set, moved-in set), kept sorted; a pair whose keys
    // agree by chance is checked row against row.
    let mut best: Vec<(Set, Set)> = Vec::new();
    let mut offer = |moved_in: Set, moved_out: Set| {
        let sum_in = sum_rows(in_rows, &moved_in[..n_in]);
        let sum_out = sum_rows(out_rows, &moved_out[..n_out]);
        if (0..COLUMNS).any(|c| sum_in[c] - sum_out[c] != difference[c]) {
            return;
        }
        let order = (moved_out, moved_in);
        if best.len() < limit || best.last().is_some_and(|b| order < (b.1, b.0)) {
            let place = best.partition_point(|b| (b.1, b.0) < order);
            best.insert(place, (moved_in, moved_out));
            best.truncate(limit);
        }
    };
    let (sets_in, sets_out) = (
        binomial(in_rows.len(), n_in),
        binomial(out_rows.len(), n_out),
    );
    if n_in == 3 && sets_out.saturating_mul(in_rows.len()) < sets_in {
        // i < j < k moved in, `out` moved out: k − out = difference − (i + j). Index every
        // (out, k) by its left side; each pair (i, j) asks once.
        let mut index = Index::new();
        combinations(out_rows.len(), n_out, |out| {
            let taken = key(&keys_out, out);
            for (k, key_k) in keys_in.iter().enumerate() {
                index.insert(key_k.wrapping_sub(taken), (set_of(out), k));
            }
        });
        combinations(in_rows.len(), 2, |ij| {
            index.each(
                key_difference.wrapping_sub(key(&keys_in, ij)),
                |&(out, k)| {
                    if k > ij[1] {
                        offer([ij[0], ij[1], k], out);
                    }
                },
            );
        });
    } else if sets_in <= sets_out {
        let mut index = Index::new();
        combinations(in_rows.len(), n_in, |moved_in| {
            index.insert(key(&keys_in, moved_in), set_of(moved_in))
        });
        combinations(out_rows.len(), n_out, |out| {
            let needed = key(&keys_out, out).wrapping_add(key_difference);
            index.each(needed, |&moved_in| offer(moved_in, set_of(out)));
        });
    } else {
        let mut index = Index::new();
        combinations(out_rows.len(), n_out, |out| {
            index.insert(
                key(&keys_out, out).wrapping_add(key_difference),
                set_of(out),
            )
        });
        combinations(in_rows.len(), n_in, |moved_in| {
            index.each(key(&keys_in, moved_in), |&out| offer(set_of(moved_in), out));
        });
    }
    best
}

/// Search every paper region whose printed row differs from the protocols.
pub fn search(bundle: &Dataset, paper: &Paper, results: &Results) -> Vec<RegionHypothesis> {
    let state = State::paper();
    let mut out = Vec::new();
    for region in PAPER_REGIONS {
        let printed: Option<Vec<i64>> = count_rows()
            .map(|r| {
                paper
                    .cell("3", r, region.id)
                    .and_then(|p| crate::text::numtext::exact_int(p.value))
            })
            .collect();
        let (Some(printed), Some(current)) =
            (printed, results.regions.iter().find(|r| r.id == region.id))
        else {
            continue;
        };
        let have = row(&current.sums);
        let want: Row = printed.clone().try_into().expect("nine columns");
        if have == want {
            continue;
        }
        let difference: Vec<i64> = want.iter().zip(have).map(|(w, h)| w - h).collect();
        let uncertain = |i: usize| {
            matches!(
                bundle.pecs[i].location.evidence,
                Evidence::Inferred | Evidence::Unknown
            )
        };
        let inside: Vec<usize> = current
            .members
            .iter()
            .copied()
            .filter(|&i| uncertain(i))
            .collect();
        let outside: Vec<usize> = (0..bundle.pecs.len())
            .filter(|&i| {
                uncertain(i)
                    && !current.members.contains(&i)
                    && aggregate::included(&bundle.pecs[i], &state)
            })
            .collect();
        let in_rows: Vec<Row> = outside.iter().map(|&i| row(&bundle.pec_sums[i])).collect();
        let out_rows: Vec<Row> = inside.iter().map(|&i| row(&bundle.pec_sums[i])).collect();
        let mut found = Vec::new();
        'sizes: for total in 1..=2 * MAX_MOVES {
            for n_in in 0..=MAX_MOVES.min(total) {
                let n_out = total - n_in;
                // The PEC column fixes how many more go in than out.
                if n_out > MAX_MOVES || n_in as i64 - n_out as i64 != difference[0] {
                    continue;
                }
                let want: Row = difference.clone().try_into().expect("nine columns");
                for (moved_in, moved_out) in pairs(&in_rows, n_in, &out_rows, n_out, &want, 10) {
                    found.push(Reassignment {
                        moved_in: moved_in[..n_in]
                            .iter()
                            .map(|&i| bundle.pecs[outside[i]].pec)
                            .collect(),
                        moved_out: moved_out[..n_out]
                            .iter()
                            .map(|&i| bundle.pecs[inside[i]].pec)
                            .collect(),
                    });
                }
                if !found.is_empty() {
                    break 'sizes;
                }
            }
        }
        let list = |pecs: &[u32]| {
            pecs.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let pecs_en = |pecs: &[u32]| {
            if pecs.len() == 1 {
                format!("PEC {} is", list(pecs))
            } else {
                format!("PECs {} are", list(pecs))
            }
        };
        let only_count = difference[1..].iter().all(|&d| d == 0);
        let (en, ru) = match found.first() {
            None if only_count => (
                format!(
                    "The paper’s {} row has exactly the ballots and votes of the {} PECs the locations file places there, but counts {} PECs: the PEC count alone differs.",
                    region.name_en, have[0], want[0]
                ),
                format!(
                    "В строке статьи «{}» ровно те бюллетени и голоса, что у {} УИК, которые файл мест относит к региону, но УИК насчитано {}: расходится только число УИК.",
                    region.name_ru, have[0], want[0]
                ),
            ),
            None => (
                format!(
                    "No reassignment of at most {MAX_MOVES} inferred or unknown PECs into and out of {} reproduces the paper’s row.",
                    region.name_en
                ),
                format!(
                    "Никакая перестановка не более {MAX_MOVES} УИК с выведенным или неизвестным местом в регион «{}» и из него не воспроизводит строку статьи.",
                    region.name_ru
                ),
            ),
            Some(r) => {
                let (mut en, mut ru) = (
                    format!("The paper’s {} row is reproduced exactly", region.name_en),
                    format!("Строка статьи «{}» воспроизводится точно,", region.name_ru),
                );
                if !r.moved_in.is_empty() {
                    en.push_str(&format!(" if {} counted here", pecs_en(&r.moved_in)));
                    ru.push_str(&format!(" если УИК {} отнести сюда", list(&r.moved_in)));
                }
                if !r.moved_out.is_empty() {
                    en.push_str(&format!(
                        "{} {} counted elsewhere",
                        if r.moved_in.is_empty() { " if" } else { " and" },
                        pecs_en(&r.moved_out)
                    ));
                    ru.push_str(&format!(
                        "{} УИК {} — в другой регион",
                        if r.moved_in.is_empty() {
                            " если"
                        } else {
                            " и"
                        },
                        list(&r.moved_out)
                    ));
                }
                if found.len() > 1 {
                    en.push_str(&format!(" ({} such reassignments)", found.len()));
                    ru.push_str(&format!(" (таких перестановок: {})", found.len()));
                }
                (
                    format!(
                        "{en}. A hypothesis about the author’s grouping, not a change to the locations."
                    ),
                    format!("{ru}. Это гипотеза о группировке автора, а не изменение мест."),
                )
            }
        };
        out.push(RegionHypothesis {
            region: region.id.to_string(),
            difference,
            reassignments: found,
            text: Text::new(en, ru),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair by brute force: all sets of both sides, in the order `pairs` promises.
    fn brute(
        in_rows: &[Row],
        n_in: usize,
        out_rows: &[Row],
        n_out: usize,
        d: &Row,
    ) -> Vec<(Set, Set)> {
        let mut all = Vec::new();
        combinations(out_rows.len(), n_out, |out| {
            combinations(in_rows.len(), n_in, |moved_in| {
                let (a, b) = (sum_rows(in_rows, moved_in), sum_rows(out_rows, out));
                if (0..COLUMNS).all(|c| a[c] - b[c] == d[c]) {
                    all.push((set_of(moved_in), set_of(out)));
                }
            })
        });
        all
    }

    #[test]
    fn pairs_are_every_match_in_order_whichever_side_is_indexed() {
        // Few distinct rows, so that many sets share a sum and the limit and the order bite; the
        // first column is the PEC count.
        let mut seed = 12_345u64;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) % m) as i64
        };
        let row = |next: &mut dyn FnMut(u64) -> i64| -> Row {
            std::array::from_fn(|c| match c {
                0 => 1,
                1 | 2 => next(2),
                _ => 0,
            })
        };
        let in_rows: Vec<Row> = (0..30).map(|_| row(&mut next)).collect();
        let out_rows: Vec<Row> = (0..8).map(|_| row(&mut next)).collect();
        let mut tried = 0;
        for n_in in 0..=MAX_MOVES {
            for n_out in 0..=MAX_MOVES {
                // Differences that some sets meet: a real pair's, and a shifted one.
                let mut a = Vec::new();
                combinations(in_rows.len(), n_in, |p| a.push(sum_rows(&in_rows, p)));
                let mut b = Vec::new();
                combinations(out_rows.len(), n_out, |p| b.push(sum_rows(&out_rows, p)));
                for (x, y) in [(0, 0), (a.len() / 2, b.len() - 1), (a.len() - 1, 0)] {
                    let d: Row = std::array::from_fn(|c| a[x][c] - b[y][c]);
                    let want = brute(&in_rows, n_in, &out_rows, n_out, &d);
                    assert!(!want.is_empty());
                    for limit in [1, 10, usize::MAX] {
                        let got = pairs(&in_rows, n_in, &out_rows, n_out, &d, limit);
                        let expected: Vec<_> = want.iter().copied().take(limit).collect();
                        assert_eq!(got, expected, "{n_in} in, {n_out} out, limit {limit}");
                    }
                    tried += 1;
                }
            }
        }
        assert_eq!(tried, 48);
        // The three ways of indexing were all taken: three in against one out of 8 indexes (one
        // in, the out set); one in against three out the moved-in sets; two in against one out
        // the moved-out sets.
        assert!(8 * in_rows.len() < binomial(30, 3));
        assert!(binomial(30, 1) <= binomial(8, 3));
        assert!(binomial(30, 2) > binomial(8, 1));
    }

    #[test]
    fn a_set_whose_key_agrees_by_chance_is_not_a_match() {
        // k(r) = Σ r_c·F_c (wrapping): F_2·F_1 − F_1·F_2 = 0, so this row has the key of the
        // plain one without being it.
        let mut plain = [0i64; COLUMNS];
        plain[0] = 1;
        let unit = |c: usize| {
            let mut r = [0i64; COLUMNS];
            r[c] = 1;
            key_of(&r)
        };
        let (f1, f2) = (unit(1), unit(2));
        let mut other = plain;
        other[1] = f2 as i64;
        other[2] = (f1 as i64).wrapping_neg();
        assert_eq!(key_of(&other), key_of(&plain));
        let got = pairs(&[other, plain], 1, &[], 0, &plain, 10);
        assert_eq!(got, vec![([1, 0, 0], [0, 0, 0])]);
    }

    #[test]
    fn combinations_enumerate_each_subset_once() {
        let mut seen = Vec::new();
        combinations(4, 2, |p| seen.push(p.to_vec()));
        assert_eq!(
            seen,
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        let mut count = 0;
        combinations(3, 0, |_| count += 1);
        assert_eq!(count, 1);
        combinations(2, 3, |_| panic!("no 3-subsets of 2"));
    }
}
