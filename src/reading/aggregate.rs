//! The aggregates of one reading: the total, each region, country and PEC, with their sums,
//! shares and win flags. Counts stay integers until the one share function (`sums`).

use super::dataset::Dataset;
use super::state::{Baltics, Disputed, RegionScheme, State, WEIGHT_SCALE};
pub use super::sums::{Component, Sums, share};
use crate::data::model::{
    BALTIC_COUNTRIES, Candidate, Evidence, PAPER_REGIONS, Pec, RegionInfo, UN_REGIONS, UNASSIGNED,
};
use crate::text::Text;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

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
    pub country: Option<Arc<Text>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<Arc<Text>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<bool>,
    /// The PEC's evidence level (PECs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_note: Option<Arc<Text>>,
}

/// The results for one total, region, country or PEC: the public shape of `reweigh compute`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aggregate {
    pub id: String,
    pub name: Arc<Text>,
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
    /// "Russia" under the reading's `russia` key (on the CEC's announced lines).
    #[serde(skip)]
    pub national: Sums,
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
    fn aggregate(
        &self,
        id: String,
        name: Arc<Text>,
        members: Vec<usize>,
        place: Place,
    ) -> Aggregate {
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
            pecs: u32::try_from(sums.pecs).unwrap_or(u32::MAX),
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

/// The total's sums alone under a state (cheaper than every aggregate).
pub fn total_sums(data: &Dataset, state: &State) -> Sums {
    let mut sums = Sums::default();
    for (pec, pec_sums) in data.pecs.iter().zip(&data.pec_sums) {
        if included(pec, state) {
            sums.add(pec_sums);
        }
    }
    sums
}

/// Compute every aggregate for one state.
pub fn compute(bundle: &Dataset, state: &State) -> Results {
    let b = Builder { bundle, state };
    let members: Vec<usize> = (0..bundle.pecs.len())
        .filter(|&i| included(&bundle.pecs[i], state))
        .collect();
    let total = b.aggregate(
        "total".to_string(),
        Arc::new(Text::new("Abroad, total", "Всего за рубежом")),
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
                Arc::new(r.name()),
                m.unwrap_or_default(),
                Place::default(),
            );
            a.counted_in_wins = false;
            Some(a)
        })
        .collect();

    let mut countries = Vec::new();
    for (c, country) in bundle.countries.iter().enumerate() {
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
        let name = bundle.country_names[c].clone();
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
            Arc::new(Text::new(
                "Country not established",
                "Страна не установлена",
            )),
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
                country: Some(bundle.pec_words[i].country.clone()),
                city: Some(bundle.pec_words[i].city.clone()),
                disputed: Some(loc.disputed),
                evidence: Some(loc.evidence),
                evidence_note: Some(bundle.pec_words[i].note.clone()),
            };
            let number = pec.pec;
            let name = bundle.pec_words[i].name.clone();
            b.aggregate(number.to_string(), name, vec![i], place)
        })
        .collect();

    let wins = Wins {
        pecs: pecs
            .iter()
            .filter(|p| p.counted_in_wins && p.opposition_wins)
            .count()
            .try_into()
            .unwrap_or(u32::MAX),
        countries: countries
            .iter()
            .filter(|c| c.counted_in_wins && c.opposition_wins)
            .count()
            .try_into()
            .unwrap_or(u32::MAX),
        pecs_counted: pecs
            .iter()
            .filter(|p| p.counted_in_wins)
            .count()
            .try_into()
            .unwrap_or(u32::MAX),
        countries_counted: countries
            .iter()
            .filter(|c| c.counted_in_wins)
            .count()
            .try_into()
            .unwrap_or(u32::MAX),
    };
    Results {
        state: state.canonical(),
        total,
        regions,
        countries,
        pecs,
        wins,
        parsed_state: *state,
        national: bundle.national.of(state.russia),
    }
}
