//! Sums per total / region / country / PEC for one state. Counts stay integers until the last
//! step; every share in reweigh is computed here, by [`share`] and [`Sums::share_of_base`].

use super::dataset::Dataset;
use super::state::{Baltics, Base, Disputed, RegionScheme, State, WEIGHT_SCALE, WinRule};
use crate::data::model::{
    BALTIC_COUNTRIES, Candidate, Evidence, PAPER_REGIONS, Pec, Protocol, RegionInfo, UN_REGIONS,
    UNASSIGNED,
};
use crate::text::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// Integer sums of protocol lines and votes over a set of PECs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub pecs: i64,
    pub registered: i64,
    pub received: i64,
    pub early: i64,
    pub inside: i64,
    pub mobile: i64,
    pub cancelled: i64,
    pub portable: i64,
    pub stationary: i64,
    pub invalid: i64,
    pub valid: i64,
    pub lost: i64,
    pub unaccounted: i64,
    /// Votes in [`Candidate::ALL`] order.
    pub votes: [i64; 4],
}

/// One quantity that can be summed or shared: a protocol line, a candidate, or the opposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    Registered,
    Issued,
    Early,
    Inside,
    Mobile,
    Cast,
    Valid,
    Invalid,
    Unreturned,
    Candidate(Candidate),
    /// The weighted opposition count of the state.
    Opposition,
}

impl Component {
    pub fn parse(text: &str) -> Option<Component> {
        Some(match text {
            "registered" => Component::Registered,
            "issued" => Component::Issued,
            "early" => Component::Early,
            "inside" => Component::Inside,
            "mobile" => Component::Mobile,
            "cast" => Component::Cast,
            "valid" => Component::Valid,
            "invalid" => Component::Invalid,
            "unreturned" => Component::Unreturned,
            "opposition" => Component::Opposition,
            other => Component::Candidate(Candidate::ALL.into_iter().find(|c| c.id() == other)?),
        })
    }
    pub fn id(self) -> &'static str {
        match self {
            Component::Registered => "registered",
            Component::Issued => "issued",
            Component::Early => "early",
            Component::Inside => "inside",
            Component::Mobile => "mobile",
            Component::Cast => "cast",
            Component::Valid => "valid",
            Component::Invalid => "invalid",
            Component::Unreturned => "unreturned",
            Component::Candidate(c) => c.id(),
            Component::Opposition => "opposition",
        }
    }
    /// Parts of the ballots issued are shared of the ballots issued, whatever the base; votes,
    /// invalid ballots and the opposition are shared of the state's base.
    #[inline(always)]
    pub fn shared_of_base(self) -> bool {
        matches!(
            self,
            Component::Valid | Component::Invalid | Component::Candidate(_) | Component::Opposition
        )
    }
}

impl Base {
    /// The count the base divides by.
    pub fn component(self) -> Component {
        match self {
            Base::Issued => Component::Issued,
            Base::Cast => Component::Cast,
            Base::Valid => Component::Valid,
        }
    }
}

/// `part / whole`, or None when the whole is zero. Every share in reweigh goes through here.
#[inline(always)]
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole != 0).then(|| part as f64 / whole as f64)
}

impl Sums {
    /// One protocol's lines (no votes: earlier years have other candidates).
    pub fn of_protocol(pr: &Protocol) -> Sums {
        let n = i64::from;
        Sums {
            pecs: 1,
            registered: n(pr.registered),
            received: n(pr.received),
            early: n(pr.early),
            inside: n(pr.inside),
            mobile: n(pr.mobile),
            cancelled: n(pr.cancelled),
            portable: n(pr.portable),
            stationary: n(pr.stationary),
            invalid: n(pr.invalid),
            valid: n(pr.valid),
            lost: n(pr.lost),
            unaccounted: n(pr.unaccounted),
            votes: [0; 4],
        }
    }

    pub fn of_pec(p: &Pec) -> Sums {
        Sums {
            votes: Candidate::ALL.map(|c| i64::from(p.votes.get(c))),
            ..Sums::of_protocol(&p.protocol)
        }
    }

    pub fn add(&mut self, o: &Sums) {
        self.pecs += o.pecs;
        self.registered += o.registered;
        self.received += o.received;
        self.early += o.early;
        self.inside += o.inside;
        self.mobile += o.mobile;
        self.cancelled += o.cancelled;
        self.portable += o.portable;
        self.stationary += o.stationary;
        self.invalid += o.invalid;
        self.valid += o.valid;
        self.lost += o.lost;
        self.unaccounted += o.unaccounted;
        for (a, b) in self.votes.iter_mut().zip(o.votes) {
            *a += b;
        }
    }

    #[inline(always)]
    pub fn issued(&self) -> i64 {
        self.early + self.inside + self.mobile
    }
    #[inline(always)]
    pub fn cast(&self) -> i64 {
        self.portable + self.stationary
    }
    #[inline(always)]
    pub fn unreturned(&self) -> i64 {
        self.issued() - self.cast()
    }
    #[inline(always)]
    pub fn votes(&self, c: Candidate) -> i64 {
        self.votes[c.index()]
    }

    /// The opposition count in units of 1/WEIGHT_SCALE ballot: exact.
    #[inline(always)]
    pub fn opposition_scaled(&self, s: &State) -> i64 {
        s.invalid.scaled() * self.invalid
            + s.davankov.scaled() * self.votes(Candidate::Davankov)
            + s.slutsky.scaled() * self.votes(Candidate::Slutsky)
            + s.kharitonov.scaled() * self.votes(Candidate::Kharitonov)
            + s.unreturned.scaled() * self.unreturned()
    }

    /// A component in units of 1/WEIGHT_SCALE ballot.
    #[inline(always)]
    pub fn scaled(&self, c: Component, s: &State) -> i64 {
        match c {
            Component::Opposition => self.opposition_scaled(s),
            other => self.count(other, s) * WEIGHT_SCALE,
        }
    }

    /// A count in whole ballots (the weighted opposition rounded down).
    #[inline(always)]
    pub fn count(&self, c: Component, s: &State) -> i64 {
        match c {
            Component::Registered => self.registered,
            Component::Issued => self.issued(),
            Component::Early => self.early,
            Component::Inside => self.inside,
            Component::Mobile => self.mobile,
            Component::Cast => self.cast(),
            Component::Valid => self.valid,
            Component::Invalid => self.invalid,
            Component::Unreturned => self.unreturned(),
            Component::Candidate(k) => self.votes(k),
            Component::Opposition => self.opposition_scaled(s) / WEIGHT_SCALE,
        }
    }

    /// The base itself, in units of 1/WEIGHT_SCALE.
    #[inline(always)]
    pub fn base_scaled(&self, base: Base) -> i64 {
        let count = match base {
            Base::Issued => self.issued(),
            Base::Cast => self.cast(),
            Base::Valid => self.valid,
        };
        count * WEIGHT_SCALE
    }

    /// The denominator of the opposition's share: the base, plus the ballots counted as
    /// opposition that lie outside it (invalid ballots outside `valid`, unreturned ones outside
    /// `cast` and `valid`), so the opposition never exceeds its denominator.
    #[inline(always)]
    pub fn opposition_base_scaled(&self, base: Base, s: &State) -> i64 {
        let outside_unreturned = s.unreturned.scaled() * self.unreturned();
        self.base_scaled(base)
            + match base {
                Base::Issued => 0,
                Base::Cast => outside_unreturned,
                Base::Valid => s.invalid.scaled() * self.invalid + outside_unreturned,
            }
    }

    /// A component's share: the opposition over its denominator (above); votes, valid and
    /// invalid ballots over the base; parts of the ballots issued over the ballots issued.
    #[inline(always)]
    pub fn share_of_base(&self, c: Component, base: Base, s: &State) -> Option<f64> {
        let whole = match c {
            Component::Opposition => self.opposition_base_scaled(base, s),
            c if c.shared_of_base() => self.base_scaled(base),
            _ => self.issued() * WEIGHT_SCALE,
        };
        share(self.scaled(c, s), whole)
    }

    /// Whether the opposition wins under the state's rule, compared exactly in integers.
    #[inline(always)]
    pub fn opposition_wins(&self, s: &State) -> bool {
        let opposition = self.opposition_scaled(s);
        match s.win {
            WinRule::Plurality => opposition > self.votes(Candidate::Putin) * WEIGHT_SCALE,
            WinRule::Majority => 2 * opposition > self.opposition_base_scaled(s.base, s),
        }
    }
}

/// Counts of the evidence levels of the PECs summed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EvidenceCounts {
    pub documented: u32,
    pub matched: u32,
    pub inferred: u32,
    pub unknown: u32,
}

impl EvidenceCounts {
    pub fn add(&mut self, e: Evidence) {
        *match e {
            Evidence::Documented => &mut self.documented,
            Evidence::Matched => &mut self.matched,
            Evidence::Inferred => &mut self.inferred,
            Evidence::Unknown => &mut self.unknown,
        } += 1;
    }
}

/// Votes per 2024 candidate (the public shape of `votes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct VoteCounts {
    pub davankov: i64,
    pub putin: i64,
    pub slutsky: i64,
    pub kharitonov: i64,
}

/// Where a country or PEC lies (absent on totals and regions).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Place {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<bool>,
    /// The PEC's evidence level (PECs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_note: Option<Text>,
}

/// The results for one total, region, country or PEC: the public shape of `reweigh compute`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aggregate {
    pub id: String,
    pub name: Text,
    pub countries: u32,
    pub pecs: u32,
    pub issued: i64,
    pub cast: i64,
    pub valid: i64,
    pub invalid: i64,
    pub unreturned: i64,
    pub early: i64,
    pub inside: i64,
    pub mobile: i64,
    pub registered: i64,
    pub votes: VoteCounts,
    /// Weighted count of ballots counted as opposition (may be fractional).
    pub opposition: f64,
    pub opposition_share: Option<f64>,
    pub putin_share: Option<f64>,
    pub opposition_wins: bool,
    /// False when left out of the win counts (too few ballots issued, or no established country).
    pub counted_in_wins: bool,
    /// How well the locations of the PECs summed are established.
    pub evidence: EvidenceCounts,
    #[serde(flatten)]
    pub place: Place,
    #[serde(skip)]
    pub sums: Sums,
    /// Indices into the bundle's PECs.
    #[serde(skip)]
    pub members: Vec<usize>,
}

/// How many PECs and countries the opposition wins (those counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Wins {
    pub pecs: u32,
    pub countries: u32,
    /// PECs and countries counted (at least `min_issued` ballots issued; a country established).
    pub pecs_counted: u32,
    pub countries_counted: u32,
}

/// Everything one state yields, before tables: the public shape of `reweigh compute`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Results {
    pub state: String,
    pub total: Aggregate,
    pub regions: Vec<Aggregate>,
    pub countries: Vec<Aggregate>,
    pub pecs: Vec<Aggregate>,
    pub wins: Wins,
    #[serde(skip)]
    pub parsed_state: State,
}

/// The regions of a scheme, in their order.
pub fn regions_of(scheme: RegionScheme) -> &'static [RegionInfo] {
    match scheme {
        RegionScheme::Paper => &PAPER_REGIONS,
        RegionScheme::Un => &UN_REGIONS,
    }
}

/// The region a PEC falls in under the state, if established.
pub fn region_of(pec: &Pec, s: &State) -> Option<&'static str> {
    let loc = &pec.location;
    match s.regions {
        RegionScheme::Un => static_region(&UN_REGIONS, loc.m49_region.as_deref()),
        RegionScheme::Paper => {
            let baltic = loc
                .country_id
                .as_deref()
                .is_some_and(|id| BALTIC_COUNTRIES.contains(&id));
            if baltic {
                Some(match s.baltics {
                    Baltics::PostSoviet => "post_soviet",
                    Baltics::Europe => "europe",
                })
            } else {
                static_region(&PAPER_REGIONS, loc.region.as_deref())
            }
        }
    }
}

/// The scheme's own (static) id for a region id of the bundle.
fn static_region(scheme: &'static [RegionInfo], id: Option<&str>) -> Option<&'static str> {
    let id = id?;
    scheme.iter().find(|r| r.id == id).map(|r| r.id)
}

/// Whether a PEC counts at all under the state.
pub fn included(pec: &Pec, s: &State) -> bool {
    !(s.disputed == Disputed::Exclude && pec.location.disputed)
}

struct Builder<'a, 's> {
    bundle: &'a Dataset,
    state: &'s State,
}

impl Builder<'_, '_> {
    fn aggregate(&self, id: String, name: Text, members: Vec<usize>, place: Place) -> Aggregate {
        let s = self.state;
        let mut sums = Sums::default();
        let mut evidence = EvidenceCounts::default();
        let mut seen = vec![false; self.bundle.countries.len()];
        let mut countries = 0;
        for &i in &members {
            let pec = &self.bundle.pecs[i];
            sums.add(&self.bundle.pec_sums[i]);
            evidence.add(pec.location.evidence);
            if let Some(c) = self.bundle.pec_country[i]
                && !std::mem::replace(&mut seen[c], true)
            {
                countries += 1;
            }
        }
        let opposition_scaled = sums.opposition_scaled(s);
        Aggregate {
            id,
            name,
            countries,
            pecs: sums.pecs as u32,
            issued: sums.issued(),
            cast: sums.cast(),
            valid: sums.valid,
            invalid: sums.invalid,
            unreturned: sums.unreturned(),
            early: sums.early,
            inside: sums.inside,
            mobile: sums.mobile,
            registered: sums.registered,
            votes: VoteCounts {
                davankov: sums.votes(Candidate::Davankov),
                putin: sums.votes(Candidate::Putin),
                slutsky: sums.votes(Candidate::Slutsky),
                kharitonov: sums.votes(Candidate::Kharitonov),
            },
            opposition: opposition_scaled as f64 / WEIGHT_SCALE as f64,
            opposition_share: sums.share_of_base(Component::Opposition, s.base, s),
            putin_share: sums.share_of_base(Component::Candidate(Candidate::Putin), s.base, s),
            opposition_wins: sums.opposition_wins(s),
            counted_in_wins: sums.issued() >= i64::from(s.min_issued),
            evidence,
            place,
            sums,
            members,
        }
    }
}

/// Compute every aggregate for one state.
pub fn compute(bundle: &Dataset, state: &State) -> Results {
    let b = Builder { bundle, state };
    let members: Vec<usize> = (0..bundle.pecs.len())
        .filter(|&i| included(&bundle.pecs[i], state))
        .collect();
    let total = b.aggregate(
        "total".to_string(),
        Text::new("Abroad, total", "Всего за рубежом"),
        members.clone(),
        Place::default(),
    );

    let mut by_region: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &members {
        let region = region_of(&bundle.pecs[i], state).unwrap_or(UNASSIGNED.id);
        by_region.entry(region).or_default().push(i);
    }
    let regions: Vec<Aggregate> = regions_of(state.regions)
        .iter()
        .chain(std::iter::once(&UNASSIGNED))
        .filter_map(|r| {
            let m = by_region.remove(r.id);
            if r.id == UNASSIGNED.id && m.is_none() {
                return None;
            }
            let mut a = b.aggregate(
                r.id.to_string(),
                r.name(),
                m.unwrap_or_default(),
                Place::default(),
            );
            a.counted_in_wins = false;
            Some(a)
        })
        .collect();

    let mut countries = Vec::new();
    for country in &bundle.countries {
        let m: Vec<usize> = country
            .pecs
            .iter()
            .copied()
            .filter(|&i| included(&bundle.pecs[i], state))
            .collect();
        if m.is_empty() {
            continue;
        }
        let place = Place {
            region: region_of(&bundle.pecs[m[0]], state),
            country_id: Some(country.id.clone()),
            ..Place::default()
        };
        let name = Text::new(&country.name_en, &country.name_ru);
        countries.push(b.aggregate(country.id.clone(), name, m, place));
    }
    let unplaced: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| bundle.pecs[i].location.country_id.is_none())
        .collect();
    if !unplaced.is_empty() {
        let mut row = b.aggregate(
            UNASSIGNED.id.to_string(),
            Text::new("Country not established", "Страна не установлена"),
            unplaced,
            Place::default(),
        );
        row.counted_in_wins = false;
        countries.push(row);
    }

    let pecs: Vec<Aggregate> = members
        .iter()
        .map(|&i| {
            let pec = &bundle.pecs[i];
            let loc = &pec.location;
            let place = Place {
                region: region_of(pec, state),
                country_id: loc.country_id.clone(),
                country: Some(Text::new(&loc.country_en, &loc.country_ru)),
                city: Some(Text::new(&loc.city_en, &loc.city_ru)),
                disputed: Some(loc.disputed),
                evidence: Some(loc.evidence),
                evidence_note: Some(loc.note_text()),
            };
            let number = pec.pec;
            let name = Text::new(format!("PEC {number}"), format!("УИК №{number}"));
            b.aggregate(number.to_string(), name, vec![i], place)
        })
        .collect();

    let wins = Wins {
        pecs: pecs
            .iter()
            .filter(|p| p.counted_in_wins && p.opposition_wins)
            .count() as u32,
        countries: countries
            .iter()
            .filter(|c| c.counted_in_wins && c.opposition_wins)
            .count() as u32,
        pecs_counted: pecs.iter().filter(|p| p.counted_in_wins).count() as u32,
        countries_counted: countries.iter().filter(|c| c.counted_in_wins).count() as u32,
    };
    Results {
        state: state.canonical(),
        total,
        regions,
        countries,
        pecs,
        wins,
        parsed_state: *state,
    }
}
