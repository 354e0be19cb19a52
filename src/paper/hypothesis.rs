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
                // Index the moved-in sets by their row; then each moved-out set asks for one row.
                // A set is its positions; sets with the same row are chained (`next`), so the
                // index allocates nothing per set.
                let mut sets: Vec<([usize; MAX_MOVES], usize)> = Vec::new();
                // A row's first and last set, so the chain keeps the order of enumeration.
                let mut first: HashMap<Row, (usize, usize), FixedState> = HashMap::default();
                combinations(in_rows.len(), n_in, |pick| {
                    let mut set = [0; MAX_MOVES];
                    set[..pick.len()].copy_from_slice(pick);
                    let at = sets.len();
                    sets.push((set, usize::MAX));
                    let ends = first.entry(sum_rows(&in_rows, pick)).or_insert((at, at));
                    if ends.1 != at {
                        sets[ends.1].1 = at;
                        ends.1 = at;
                    }
                });
                combinations(out_rows.len(), n_out, |pick| {
                    let taken = sum_rows(&out_rows, pick);
                    let mut needed = [0; COLUMNS];
                    for c in 0..COLUMNS {
                        needed[c] = difference[c] + taken[c];
                    }
                    let mut at = first.get(&needed).map_or(usize::MAX, |ends| ends.0);
                    while at != usize::MAX && found.len() < 10 {
                        let (set, next) = &sets[at];
                        found.push(Reassignment {
                            moved_in: set[..n_in]
                                .iter()
                                .map(|&i| bundle.pecs[outside[i]].pec)
                                .collect(),
                            moved_out: pick.iter().map(|&i| bundle.pecs[inside[i]].pec).collect(),
                        });
                        at = *next;
                    }
                });
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
                    "The paper's {} row has exactly the ballots and votes of the {} PECs the locations file places there, but counts {} PECs: the PEC count alone differs.",
                    region.name_en, have[0], want[0]
                ),
                format!(
                    "В строке статьи «{}» ровно те бюллетени и голоса, что у {} УИК, которые файл мест относит к региону, но УИК насчитано {}: расходится только число УИК.",
                    region.name_ru, have[0], want[0]
                ),
            ),
            None => (
                format!(
                    "No reassignment of at most {MAX_MOVES} inferred or unknown PECs into and out of {} reproduces the paper's row.",
                    region.name_en
                ),
                format!(
                    "Никакая перестановка не более {MAX_MOVES} УИК с выведенным или неизвестным местом в регион «{}» и из него не воспроизводит строку статьи.",
                    region.name_ru
                ),
            ),
            Some(r) => {
                let (mut en, mut ru) = (
                    format!("The paper's {} row is reproduced exactly", region.name_en),
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
                        "{en}. A hypothesis about the author's grouping, not a change to the locations."
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
