//! The loader's check of the national file: every sum re-added, the derived remainder
//! recomputed, the control-relation report re-checked against the sums it can be checked
//! against. The file holds sums per region, not protocols, so a PEC's failure cannot be
//! recomputed; but a region's sums break an equality relation by exactly the total of its PECs'
//! breaches, so the listed failures must add up to what the region's sums show. (An `issued`
//! breach, an inequality, is checked only where the region's sums show one: a PEC with more
//! ballots in the boxes than issued in a region that balances overall cannot be seen in sums.)
//! The electronic vote's rows are in the file whole, so their failures are recomputed exactly.

use super::{Announced, NationalFile, RELATIONS, Subject, SubjectKind, Sums, YEAR};
use std::collections::{BTreeMap, BTreeSet};

/// What is wrong: the record (a region, a line, a total) and the problem.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub record: String,
    pub problem: String,
}

fn problem(record: impl Into<String>, problem: impl Into<String>) -> Problem {
    Problem {
        record: record.into(),
        problem: problem.into(),
    }
}

/// What the other bundle files say that this file must agree with.
pub struct Expected<'a> {
    /// data/russia-2024.json's figures.
    pub announced: Announced<u64>,
    /// The PECs abroad of data/pecs-2024.json, summed.
    pub abroad: Sums,
    pub abroad_pecs: u32,
    /// data/manifest.json's failures of 2024: (PEC, relation, detail).
    pub abroad_failures: BTreeSet<(u32, &'a str, &'a str)>,
}

/// One relation's two sides (equalities) or cast and issued (`issued`), as the importer words
/// a breach; i128 holds any sum of u64 lines.
fn sides(s: &Sums) -> [(&'static str, i128, i128, String); 4] {
    let p = &s.protocol;
    let n = |x: u64| i128::from(x);
    let issued = n(p.early) + n(p.inside) + n(p.mobile);
    let cast = n(p.portable) + n(p.stationary);
    let accounted = issued + n(p.cancelled) + n(p.lost) - n(p.unaccounted);
    let v = &s.votes;
    let votes = n(v.davankov) + n(v.putin) + n(v.slutsky) + n(v.kharitonov);
    let iv = n(p.invalid) + n(p.valid);
    [
        (
            "received",
            n(p.received),
            accounted,
            format!(
                "received {} but the other lines give {accounted}",
                p.received
            ),
        ),
        (
            "cast",
            cast,
            iv,
            format!("cast {cast} but invalid + valid = {iv}"),
        ),
        (
            "valid",
            n(p.valid),
            votes,
            format!("valid {} but the votes sum to {votes}", p.valid),
        ),
        (
            "issued",
            cast,
            issued,
            format!("cast {cast} exceeds issued {issued}"),
        ),
    ]
}

/// The relations a row of sums breaks, with the importer's wording.
pub fn breaches(s: &Sums) -> Vec<(&'static str, String)> {
    sides(s)
        .into_iter()
        .filter(|(id, a, b, _)| if *id == "issued" { a > b } else { a != b })
        .map(|(id, _, _, detail)| (id, detail))
        .collect()
}

/// The two numbers of a breach as the importer words it ("cast 1288 exceeds issued 1287").
fn detail_numbers(relation: &str, detail: &str) -> Option<(i128, i128)> {
    let (first, middle) = match relation {
        "received" => ("received ", " but the other lines give "),
        "cast" => ("cast ", " but invalid + valid = "),
        "valid" => ("valid ", " but the votes sum to "),
        "issued" => ("cast ", " exceeds issued "),
        _ => return None,
    };
    let (a, b) = detail.strip_prefix(first)?.split_once(middle)?;
    let number = |t: &str| {
        (!t.is_empty() && t.bytes().all(|c| c.is_ascii_digit() || c == b'-'))
            .then(|| t.parse().ok())
            .flatten()
    };
    Some((number(a)?, number(b)?))
}

fn add(total: &mut Sums, row: &Sums, what: &str) -> Result<(), Problem> {
    let mut lines = total.lines();
    for (t, x) in lines.iter_mut().zip(row.lines()) {
        *t = t
            .checked_add(x)
            .ok_or_else(|| problem(what, "the sum overflows"))?;
    }
    *total = Sums::from_row(&lines);
    Ok(())
}

/// Every line of `stated` equals `recomputed` (`from`: where the recomputed figures come from).
fn same(record: &str, stated: &Sums, recomputed: &Sums, from: &str) -> Result<(), Problem> {
    let names = super::LINE_NAMES;
    for ((name, a), b) in names.iter().zip(stated.lines()).zip(recomputed.lines()) {
        if a != b {
            return Err(problem(
                format!("{record}.{name}"),
                format!("says {a}; {from} {b}"),
            ));
        }
    }
    Ok(())
}

const OWN_ROWS: &str = "the file’s own rows add up to";

fn subject_sums(s: &Subject) -> Sums {
    Sums {
        protocol: s.protocol,
        votes: s.votes,
    }
}

/// Every check of the national file against itself and the other bundle files.
pub fn check_national(file: &NationalFile, expected: &Expected) -> Result<(), Problem> {
    if file.year != YEAR {
        return Err(problem("year", format!("{}, not {YEAR}", file.year)));
    }
    let relations: Vec<String> = RELATIONS
        .iter()
        .map(|(id, text)| format!("{id}: {text}"))
        .collect();
    if file.relations != relations {
        return Err(problem(
            "relations",
            "not the control relations this version checks",
        ));
    }

    // Subjects: named once each, one abroad; totals re-added.
    let mut names = BTreeSet::new();
    let (mut protocols, mut pecs) = (Sums::default(), 0u32);
    let mut abroad: Vec<&Subject> = Vec::new();
    for s in &file.subjects {
        if s.name_ru.is_empty() || !names.insert(s.name_ru.as_str()) {
            return Err(problem(
                format!("subjects: {}", s.name_ru),
                "empty or repeated region name",
            ));
        }
        if s.pecs == 0 {
            return Err(problem(
                format!("subjects: {}", s.name_ru),
                "a region with protocols but no PEC",
            ));
        }
        add(&mut protocols, &subject_sums(s), "totals.protocols")?;
        pecs = pecs
            .checked_add(s.pecs)
            .ok_or_else(|| problem("totals.pecs", "the sum overflows"))?;
        if s.kind == SubjectKind::Abroad {
            abroad.push(s);
        }
    }
    let [abroad] = abroad.as_slice() else {
        return Err(problem(
            "subjects",
            format!(
                "{} regions of kind abroad; exactly one expected",
                abroad.len()
            ),
        ));
    };
    let t = &file.totals;
    if t.pecs != pecs || t.pecs_abroad != abroad.pecs {
        return Err(problem(
            "totals.pecs",
            format!(
                "says {} PECs ({} abroad); the regions add up to {pecs} ({} abroad)",
                t.pecs, t.pecs_abroad, abroad.pecs
            ),
        ));
    }
    same("totals.protocols", &t.protocols, &protocols, OWN_ROWS)?;
    same(
        "totals.abroad",
        &t.abroad,
        &subject_sums(abroad),
        "its region abroad says",
    )?;
    let mut in_russia = t.protocols_in_russia;
    add(&mut in_russia, &t.abroad, "totals.protocols_in_russia")?;
    same(
        "totals.protocols_in_russia + totals.abroad",
        &in_russia,
        &protocols,
        OWN_ROWS,
    )?;

    // The abroad region is the bundle's own 288 PECs.
    if abroad.pecs != expected.abroad_pecs {
        return Err(problem(
            format!("subjects: {}", abroad.name_ru),
            format!(
                "{} PECs; data/pecs-2024.json holds {}",
                abroad.pecs, expected.abroad_pecs
            ),
        ));
    }
    same(
        &format!("subjects: {}", abroad.name_en),
        &subject_sums(abroad),
        &expected.abroad,
        "the PECs of data/pecs-2024.json add up to",
    )?;

    // The electronic vote: one row per region with protocols, re-added.
    let mut electronic = Sums::default();
    let mut seen = BTreeSet::new();
    for e in &file.electronic {
        if !names.contains(e.name_ru.as_str()) || !seen.insert(e.name_ru.as_str()) {
            return Err(problem(
                format!("electronic: {}", e.name_ru),
                "not a region with protocols, or listed twice",
            ));
        }
        add(
            &mut electronic,
            &Sums {
                protocol: e.protocol,
                votes: e.votes,
            },
            "totals.electronic",
        )?;
    }
    same("totals.electronic", &t.electronic, &electronic, OWN_ROWS)?;

    // The announced totals are data/russia-2024.json's; the remainder is recomputed.
    for ((name, stated), (_, bundle)) in file
        .announced
        .lines()
        .iter()
        .zip(expected.announced.lines())
    {
        if *stated != bundle {
            return Err(problem(
                format!("announced.{name}"),
                format!("says {stated}; data/russia-2024.json says {bundle}"),
            ));
        }
    }
    let mut counted = protocols;
    add(&mut counted, &electronic, "protocols + electronic vote")?;
    let counted_lines = counted.lines();
    for ((name, derived), (_, announced)) in file
        .derived
        .lines
        .lines()
        .iter()
        .zip(file.announced.lines())
    {
        let index = super::LINE_NAMES
            .iter()
            .position(|n| n == name)
            .expect("every announced line is a protocol line");
        let expected = i128::from(announced) - i128::from(counted_lines[index]);
        if i128::from(*derived) != expected {
            return Err(problem(
                format!("derived.lines.{name}"),
                format!(
                    "says {derived}; announced minus protocols and electronic vote is {expected}"
                ),
            ));
        }
    }
    if file.derived.label != "derived" {
        return Err(problem("derived.label", "must be \"derived\""));
    }

    check_failures(file, expected, abroad)
}

/// The control-relation report against the sums.
fn check_failures(
    file: &NationalFile,
    expected: &Expected,
    abroad: &Subject,
) -> Result<(), Problem> {
    let mut listed = BTreeSet::new();
    // Per (region, relation): the listed breaches' total and count.
    let mut totals: BTreeMap<(&str, &str), (i128, usize)> = BTreeMap::new();
    let mut electronic_listed = BTreeSet::new();
    let mut abroad_listed = BTreeSet::new();
    for f in &file.failures {
        let record = format!(
            "failures: {} {}",
            f.region,
            f.pec
                .map_or("electronic vote".to_string(), |p| format!("PEC {p}"))
        );
        if f.year != YEAR || !listed.insert((&f.region, f.pec, &f.relation)) {
            return Err(problem(record, "not of this year, or listed twice"));
        }
        let Some((a, b)) = detail_numbers(&f.relation, &f.detail) else {
            return Err(problem(
                record,
                format!(
                    "\"{}: {}\" is not a breach of a relation as the importer words it",
                    crate::text::shorten(&f.relation, 40),
                    crate::text::shorten(&f.detail, 80)
                ),
            ));
        };
        let broken = if f.relation == "issued" {
            a > b
        } else {
            a != b
        };
        if !broken {
            return Err(problem(
                record,
                "the numbers given do not break the relation",
            ));
        }
        match f.pec {
            None => {
                electronic_listed.insert((
                    f.region.as_str(),
                    f.relation.as_str(),
                    f.detail.as_str(),
                ));
            }
            Some(pec) => {
                let entry = totals
                    .entry((f.region.as_str(), f.relation.as_str()))
                    .or_default();
                entry.0 += a - b;
                entry.1 += 1;
                if f.region == abroad.name_ru {
                    abroad_listed.insert((pec, f.relation.as_str(), f.detail.as_str()));
                }
            }
        }
    }
    // Every region's sums against its listed breaches.
    for s in &file.subjects {
        for (relation, a, b, _) in sides(&subject_sums(s)) {
            let (total, count) = totals
                .remove(&(s.name_ru.as_str(), relation))
                .unwrap_or_default();
            let agrees = if relation == "issued" {
                a <= b || count > 0
            } else {
                a - b == total
            };
            if !agrees {
                return Err(problem(
                    format!("failures: {}", s.name_ru),
                    format!(
                        "its sums break `{relation}` by {}, but its listed failures add up to {total}",
                        a - b
                    ),
                ));
            }
        }
    }
    if let Some(((region, _), _)) = totals.into_iter().next() {
        return Err(problem(
            format!("failures: {region}"),
            "a failure in a region with no protocols",
        ));
    }
    // The electronic vote's rows, exactly.
    let mut electronic_found = BTreeSet::new();
    let details: Vec<(String, Vec<(&str, String)>)> = file
        .electronic
        .iter()
        .map(|e| {
            let sums = Sums {
                protocol: e.protocol,
                votes: e.votes,
            };
            (e.name_ru.clone(), breaches(&sums))
        })
        .collect();
    for (region, found) in &details {
        for (relation, detail) in found {
            electronic_found.insert((region.as_str(), *relation, detail.as_str()));
        }
    }
    if electronic_found != electronic_listed {
        let region = electronic_found
            .symmetric_difference(&electronic_listed)
            .next()
            .map_or("", |(r, _, _)| r);
        return Err(problem(
            format!("failures: {region} electronic vote"),
            "the listed failures are not those its row shows",
        ));
    }
    // The PECs abroad: the same breaches as data/manifest.json lists for 2024.
    if abroad_listed != expected.abroad_failures {
        return Err(problem(
            format!("failures: {}", abroad.name_ru),
            "the PECs abroad break other relations than data/manifest.json lists for 2024",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loader's wording of a breach is the importer's, for every relation.
    #[test]
    fn breaches_are_worded_as_the_importer_words_them() {
        let mut row = [0u32; 16];
        // received 10, issued 3+4+0, cancelled 2, lost 0, unaccounted 0 → 9; cast 5+3 = 8 > 7;
        // invalid 1 + valid 6 = 7 ≠ 8; votes 2+2+1+0 = 5 ≠ 6.
        for (i, v) in [
            (1, 10),
            (2, 3),
            (3, 4),
            (5, 2),
            (6, 5),
            (7, 3),
            (8, 1),
            (9, 6),
            (12, 2),
            (13, 2),
            (14, 1),
        ] {
            row[i] = v;
        }
        let importer: Vec<(String, String)> = super::super::read::check_row_for_test(&row)
            .into_iter()
            .map(|f| (f.relation, f.detail))
            .collect();
        let sums = Sums::from_row(&row.map(u64::from));
        let loader: Vec<(String, String)> = breaches(&sums)
            .into_iter()
            .map(|(r, d)| (r.to_string(), d))
            .collect();
        assert_eq!(importer.len(), 4, "{importer:?}");
        assert_eq!(loader, importer);
        for (relation, detail) in &loader {
            assert!(detail_numbers(relation, detail).is_some(), "{detail}");
        }
    }
}
