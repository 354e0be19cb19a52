//! What "Russia" means wherever the vote abroad is compared with it (the `russia` key): the
//! CEC's national total (abroad included: the paper's choice), that total minus the PECs abroad,
//! or the PEC protocols inside Russia plus the remote electronic vote. Each meaning is the sum of
//! named parts — protocols, PECs abroad, electronic vote, and the derived remainder of the CEC's
//! total that no protocol shows (the annexed regions) — so a table can say where each figure
//! comes from.
//!
//! Every meaning is held on the nine lines the CEC announced nationally (ballots issued early,
//! inside, outside; invalid and valid ballots; the four candidates), the ballots cast being
//! invalid + valid: the lines the derived remainder has, so the parts always add up.

use super::state::Russia;
use super::sums::Sums;
use crate::data::bundle::Bundle;
use crate::data::national::{Announced, Sums as LineSums};
use crate::text::Text;

/// Where a part of a national figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Every PEC protocol inside Russia (Baikonur included).
    Protocols,
    /// The 288 PEC protocols abroad (in the CEC's total).
    Abroad,
    /// The remote electronic vote, per region (not PEC protocols).
    Electronic,
    /// The CEC's announced totals minus every protocol and the electronic vote: the annexed
    /// regions, known only as part of the national total. Derived, never a protocol.
    Derived,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Protocols,
        Part::Abroad,
        Part::Electronic,
        Part::Derived,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Part::Protocols => "protocols",
            Part::Abroad => "abroad",
            Part::Electronic => "electronic",
            Part::Derived => "derived",
        }
    }

    /// A column's label for the part.
    pub fn label(self) -> Text {
        match self {
            Part::Protocols => Text::new(
                "of which PEC protocols in Russia",
                "в т. ч. протоколы УИК в России",
            ),
            Part::Abroad => Text::new(
                "of which PEC protocols abroad",
                "в т. ч. протоколы зарубежных УИК",
            ),
            Part::Electronic => Text::new(
                "of which electronic vote",
                "в т. ч. электронное голосование",
            ),
            Part::Derived => Text::new(
                "of which derived: annexed regions (CEC total − protocols − electronic vote)",
                "в т. ч. вычислено: аннексированные регионы (итог ЦИК − протоколы − электронное голосование)",
            ),
        }
    }

    /// The parts a meaning of "Russia" sums, in order.
    pub fn of(russia: Russia) -> &'static [Part] {
        match russia {
            Russia::CecTotal => &Part::ALL,
            Russia::WithoutAbroad => &[Part::Protocols, Part::Electronic, Part::Derived],
            Russia::Protocols => &[Part::Protocols, Part::Electronic],
        }
    }
}

/// The national parts, on the announced lines, made once from the bundle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct National {
    /// The CEC's announced national totals (data/russia-2024.json), abroad included.
    pub cec: Sums,
    /// In [`Part::ALL`] order.
    pub parts: [Sums; 4],
    /// Each region of Russia with protocols (federal subjects and Baikonur, in subjects.csv
    /// order): its PEC protocols plus its electronic vote, on every line.
    pub regions: Vec<Region>,
}

/// A region of Russia, summed from its protocols and its electronic vote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Region {
    pub name: Text,
    pub sums: Sums,
}

/// Every line of a national-file sum, as the reading's sums.
fn all_lines(s: &crate::data::national::ProtocolSums, v: &crate::data::national::VoteSums) -> Sums {
    let n = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
    Sums {
        pecs: 0,
        registered: n(s.registered),
        received: n(s.received),
        early: n(s.early),
        inside: n(s.inside),
        mobile: n(s.mobile),
        cancelled: n(s.cancelled),
        portable: n(s.portable),
        stationary: n(s.stationary),
        invalid: n(s.invalid),
        valid: n(s.valid),
        lost: n(s.lost),
        unaccounted: n(s.unaccounted),
        votes: [n(v.davankov), n(v.putin), n(v.slutsky), n(v.kharitonov)],
    }
}

/// Sums on the announced lines: the ballots cast are invalid + valid (all "stationary").
fn announced(a: &Announced<i64>) -> Sums {
    Sums {
        early: a.early,
        inside: a.inside,
        mobile: a.mobile,
        invalid: a.invalid,
        valid: a.valid,
        stationary: a.invalid + a.valid,
        votes: [a.davankov, a.putin, a.slutsky, a.kharitonov],
        ..Sums::default()
    }
}

fn lines_of(s: &LineSums) -> Announced<i64> {
    // The loader bounds every national figure well below i64::MAX (it re-adds them in u64).
    let n = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
    let (p, v) = (&s.protocol, &s.votes);
    Announced {
        early: n(p.early),
        inside: n(p.inside),
        mobile: n(p.mobile),
        invalid: n(p.invalid),
        valid: n(p.valid),
        davankov: n(v.davankov),
        putin: n(v.putin),
        slutsky: n(v.slutsky),
        kharitonov: n(v.kharitonov),
    }
}

impl National {
    pub fn new(bundle: &Bundle) -> National {
        let r = &bundle.russia;
        let f = |x: &crate::data::files::NationalFigure| i64::from(x.value);
        let cec = announced(&Announced {
            early: f(&r.early),
            inside: f(&r.inside),
            mobile: f(&r.mobile),
            invalid: f(&r.invalid),
            valid: f(&r.valid),
            davankov: f(&r.davankov),
            putin: f(&r.putin),
            slutsky: f(&r.slutsky),
            kharitonov: f(&r.kharitonov),
        });
        let t = &bundle.national.totals;
        let regions = bundle
            .national
            .subjects
            .iter()
            .filter(|s| s.kind != crate::data::national::SubjectKind::Abroad)
            .map(|s| {
                let mut sums = all_lines(&s.protocol, &s.votes);
                sums.pecs = i64::from(s.pecs);
                for e in bundle
                    .national
                    .electronic
                    .iter()
                    .filter(|e| e.name_ru == s.name_ru)
                {
                    sums.add(&all_lines(&e.protocol, &e.votes));
                }
                Region {
                    name: Text::new(&s.name_en, &s.name_ru),
                    sums,
                }
            })
            .collect();
        National {
            regions,
            cec,
            parts: [
                announced(&lines_of(&t.protocols_in_russia)),
                announced(&lines_of(&t.abroad)),
                announced(&lines_of(&t.electronic)),
                announced(&bundle.national.derived.lines),
            ],
        }
    }

    /// A part's sums.
    pub fn part(&self, part: Part) -> &Sums {
        &self.parts[part as usize]
    }

    /// "Russia" under a meaning. The CEC's total is its announced figures themselves (the loader
    /// checks that the four parts add up to them); the others are sums of their parts.
    pub fn of(&self, russia: Russia) -> Sums {
        match russia {
            Russia::CecTotal => self.cec,
            _ => {
                let mut out = Sums::default();
                for &p in Part::of(russia) {
                    out.add(self.part(p));
                }
                out
            }
        }
    }
}

/// How a meaning of "Russia" reads as a column label.
pub fn column_label(russia: Russia) -> Text {
    match russia {
        Russia::CecTotal => Text::new(
            "Russia: the CEC’s national total, incl. abroad",
            "Россия: итог ЦИК по стране, с зарубежьем",
        ),
        Russia::WithoutAbroad => Text::new(
            "Russia: the CEC’s national total minus the 288 PECs abroad",
            "Россия: итог ЦИК по стране без 288 зарубежных УИК",
        ),
        Russia::Protocols => Text::new(
            "Russia: PEC protocols and the electronic vote (no annexed regions)",
            "Россия: протоколы УИК и электронное голосование (без аннексированных регионов)",
        ),
    }
}
