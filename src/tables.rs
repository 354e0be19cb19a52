//! The paper's tables rebuilt from the aggregates, with honest labels, each published cell
//! audited (see `audit`). Tables never sum protocols themselves: they read `aggregate`.

use crate::aggregate::{self, Aggregate, Component, Results, Sums, share};
use crate::audit::{Alternative, Cell, Reason, Status, Unit, Value, audit_cell};
use crate::bundle::{Bundle, RussiaFile};
use crate::metric::Quantity;
use crate::model::{Candidate, HistoryYear, PAPER_REGIONS, UNASSIGNED};
use crate::published::Printed;
use crate::state::{Base, RegionScheme, State};
use serde::Serialize;
use std::collections::BTreeMap;

/// Every table reweigh builds, in display order.
pub const TABLE_IDS: [&str; 7] = ["1", "2", "3", "4", "text", "countries", "pecs"];
/// The tables that carry published figures (exported in long form, one line per cell).
pub const AUDITED_TABLES: [&str; 5] = ["1", "2", "3", "4", "text"];

const TABLE1_YEARS: [&str; 5] = ["2004", "2008", "2012", "2018", "2024"];
const TABLE1_COLUMNS: [&str; 5] = [
    "countries",
    "pecs",
    "voters",
    "winner_votes",
    "winner_share",
];
const TABLE2_ROWS: [&str; 11] = [
    "issued",
    "early",
    "inside",
    "mobile",
    "invalid",
    "valid",
    "unreturned",
    "davankov",
    "putin",
    "slutsky",
    "kharitonov",
];
const TABLE2_PUBLISHED_COLUMNS: [&str; 4] = ["abroad", "abroad_share", "russia", "russia_share"];
pub const TABLE3_ROWS: [&str; 14] = [
    "countries",
    "pecs",
    "issued",
    "valid",
    "invalid",
    "unreturned",
    "davankov",
    "davankov_share",
    "putin",
    "putin_share",
    "slutsky",
    "slutsky_share",
    "kharitonov",
    "kharitonov_share",
];
const TABLE4_ROWS: [&str; 9] = [
    "countries_share",
    "pecs_share",
    "issued_share",
    "invalid_share",
    "opposition_share",
    "davankov_dist",
    "putin_dist",
    "slutsky_dist",
    "kharitonov_dist",
];

/// Whether (table, row, col) is a cell the paper printed and reweigh rebuilds.
pub fn is_published_cell(table: &str, row: &str, col: &str) -> bool {
    let region = |c: &str| PAPER_REGIONS.iter().any(|r| r.id == c);
    match table {
        "1" => TABLE1_YEARS.contains(&row) && TABLE1_COLUMNS.contains(&col),
        "2" => TABLE2_ROWS.contains(&row) && TABLE2_PUBLISHED_COLUMNS.contains(&col),
        "3" => TABLE3_ROWS.contains(&row) && (region(col) || col == "total"),
        "4" => TABLE4_ROWS.contains(&row) && region(col),
        _ => false,
    }
}

/// A column of a table.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub id: String,
    pub label_en: String,
    pub label_ru: String,
    pub unit: ColumnUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnUnit {
    Count,
    Percent,
    Text,
    Flag,
    /// Each row says its own unit (rows mixing counts and percentages).
    Mixed,
}

/// A row of a table.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub label_en: String,
    pub label_ru: String,
    /// The row's unit where the columns mix them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// What the whole row sums, where a row is one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Drill-down keys the row matches ("region:europe", "country:KZ").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<String>,
    pub cells: Vec<Cell>,
}

/// A rebuilt table.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub id: String,
    pub title_en: String,
    pub title_ru: String,
    /// Where the paper prints it ("Table 3"), if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_in: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub notes_en: Vec<String>,
    pub notes_ru: Vec<String>,
    /// How many published cells match, differ, or cannot be computed.
    pub audit: AuditSummary,
}

impl Table {
    /// Counts of audited cells by status.
    pub fn audit_summary(&self) -> AuditSummary {
        let mut s = AuditSummary::default();
        for cell in self.rows.iter().flat_map(|r| &r.cells) {
            match cell.status() {
                Status::Match => s.matches += 1,
                Status::Differs => s.differs += 1,
                Status::NotInData => s.not_in_data += 1,
                Status::Unpublished => {}
            }
        }
        s
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    pub matches: u32,
    pub differs: u32,
    pub not_in_data: u32,
}

fn column(id: &str, en: &str, ru: &str, unit: ColumnUnit) -> Column {
    Column {
        id: id.to_string(),
        label_en: en.to_string(),
        label_ru: ru.to_string(),
        unit,
    }
}

/// What a table build needs: the bundle, the state's results, and the paper's reading's.
pub struct Context<'a> {
    pub bundle: &'a Bundle,
    pub state: State,
    pub current: Results<'a>,
    /// The paper's reading's results, when the state is another reading.
    paper_results: Option<Results<'a>>,
    /// The paper's Table 3 columns as numbers, read once when first needed.
    paper_columns: std::cell::OnceCell<BTreeMap<String, PaperColumn>>,
}

impl<'a> Context<'a> {
    pub fn new(bundle: &'a Bundle, state: State) -> Context<'a> {
        let current = aggregate::compute(bundle, &state);
        let paper_results =
            (!state.is_paper()).then(|| aggregate::compute(bundle, &State::paper()));
        Context {
            bundle,
            state,
            current,
            paper_results,
            paper_columns: std::cell::OnceCell::new(),
        }
    }

    /// The results under the paper's own reading.
    pub fn paper(&self) -> &Results<'a> {
        self.paper_results.as_ref().unwrap_or(&self.current)
    }

    fn published(&self, table: &str, row: &str, col: &str) -> Option<&'a Printed> {
        self.bundle.paper.cell(table, row, col)
    }

    fn note(&self, table: &str, row: &str, col: &str) -> Option<&'a crate::published::CellNote> {
        self.bundle.paper.note(table, row, col)
    }

    /// "Under the paper's own reading it reproduces the figure": offered whenever the state differs.
    fn reading_alternative(&self, value: Option<f64>) -> Option<Alternative<'_>> {
        (!self.state.is_paper()).then(|| Alternative::new(value, move || Reason::new(
                "reading",
                format!(
                    "Differs because of this reading ({}); the paper's own assumptions reproduce it.",
                    self.state.differences_from_paper().join(", ")
                ),
                format!(
                    "Отличие вызвано выбранным прочтением ({}); при допущениях статьи число воспроизводится.",
                    self.state.differences_from_paper().join(", ")
                ),
            )))
    }
}

fn base_names(base: Base) -> (&'static str, &'static str) {
    match base {
        Base::Issued => ("ballots issued", "выданных бюллетеней"),
        Base::Cast => ("ballots cast (found in the boxes)", "бюллетеней в ящиках"),
        Base::Valid => ("valid ballots", "действительных бюллетеней"),
    }
}

fn base_component(base: Base) -> Component {
    match base {
        Base::Issued => Component::Issued,
        Base::Cast => Component::Cast,
        Base::Valid => Component::Valid,
    }
}

fn other_base_alternatives<'a>(
    state: &'a State,
    sums: &'a Sums,
    c: Component,
) -> Vec<Alternative<'a>> {
    if !c.shared_of_base() {
        return Vec::new();
    }
    Base::ALL
        .iter()
        .filter(|&&b| b != state.base)
        .map(|&b| {
            let (en, ru) = base_names(b);
            Alternative::new(sums.share_of_base(c, b, state), move || {
                Reason::new(
                    "other_base",
                    format!("The paper divides by {en} here, not by the chosen base."),
                    format!("Здесь в статье делится на число {ru}, а не на выбранный знаменатель."),
                )
            })
        })
        .collect()
}

fn other_count_alternatives<'a>(
    state: &'a State,
    sums: &'a Sums,
    c: Component,
) -> Vec<Alternative<'a>> {
    let voters = [Component::Issued, Component::Cast, Component::Valid];
    if !voters.contains(&c) {
        return Vec::new();
    }
    voters
        .iter()
        .filter(|&&o| o != c)
        .map(|&o| {
            let (en, ru) = base_names(match o {
                Component::Cast => Base::Cast,
                Component::Valid => Base::Valid,
                _ => Base::Issued,
            });
            Alternative::new(Some(sums.count(o, state) as f64), move || {
                Reason::new(
                    "other_quantity",
                    format!("The printed figure is the number of {en}."),
                    format!("Напечатанное число — это число {ru}."),
                )
            })
        })
        .collect()
}

fn evidence_phrase(a: &Aggregate) -> (String, String) {
    let e = a.evidence;
    (
        format!(
            "{} PECs: {} documented, {} matched, {} inferred, {} unknown",
            a.pecs, e.documented, e.matched, e.inferred, e.unknown
        ),
        format!(
            "УИК: {}; документально — {}, сопоставлено — {}, выведено — {}, неизвестно — {}",
            a.pecs, e.documented, e.matched, e.inferred, e.unknown
        ),
    )
}

fn grouping_reason(ctx: &Context, region: &Aggregate) -> Reason {
    let (en, ru) = evidence_phrase(region);
    let mut reason = Reason::new(
        "grouping",
        format!(
            "The paper's {} row is not the sum of the protocols the locations file places there ({en}). Its grouping of PECs differs.",
            region.name_en
        ),
        format!(
            "Строка «{}» в статье не равна сумме протоколов, которые файл мест относит к региону ({ru}). Группировка УИК в статье иная.",
            region.name_ru
        ),
    );
    // Under the paper's grouping, add what the reassignment search found.
    let paper_grouping = ctx.state.baltics == State::paper().baltics
        && ctx.state.disputed == State::paper().disputed;
    if paper_grouping
        && let Some(h) = ctx
            .bundle
            .hypotheses()
            .iter()
            .find(|h| h.region == *region.id)
    {
        reason.en = format!("{} {}", reason.en, h.en);
        reason.ru = format!("{} {}", reason.ru, h.ru);
    }
    reason
}

fn pec_count_reason(current: &Results) -> Reason {
    Reason::new(
        "pec_count",
        format!(
            "The CEC published {} protocols abroad under this reading; the paper counts fewer (it speaks of 286 polling stations).",
            current.total.pecs
        ),
        format!(
            "ЦИК опубликовала {} протоколов за рубежом при этом прочтении; в статье их меньше (говорится о 286 участках).",
            current.total.pecs
        ),
    )
}

fn countries_reason(a: &Aggregate, current: &Results) -> Reason {
    let unplaced = current
        .countries
        .iter()
        .find(|c| c.id == UNASSIGNED.id)
        .map_or(0, |c| c.pecs);
    Reason::new(
        "countries",
        format!(
            "The locations file establishes {} countries here ({} PECs abroad have no established country); the paper's count differs.",
            a.countries, unplaced
        ),
        format!(
            "Файл мест устанавливает здесь {} стран (у {} УИК страна не установлена); в статье иное число.",
            a.countries, unplaced
        ),
    )
}

/// Build one table by id, or None for an unknown id.
pub fn build(ctx: &Context, id: &str) -> Option<Table> {
    let mut table = match id {
        "1" => table1(ctx),
        "2" => table2(ctx),
        "3" => table3(ctx),
        "4" => table4(ctx),
        "text" => text_table(ctx),
        "countries" => places_table(ctx, false),
        "pecs" => places_table(ctx, true),
        _ => return None,
    };
    table.audit = table.audit_summary();
    Some(table)
}

pub fn build_all(ctx: &Context) -> Vec<Table> {
    TABLE_IDS.iter().filter_map(|id| build(ctx, id)).collect()
}

// ---------------------------------------------------------------- Table 1

/// Sums of a year and its winner (most votes; "against all" is no candidate).
struct YearFigures {
    sums: Sums,
    winner_en: String,
    winner_ru: String,
    winner_votes: i64,
    /// The 2024 winner, whose share follows the state's base rules.
    current_winner: Option<Candidate>,
}

impl YearFigures {
    fn of_results(r: &Results) -> YearFigures {
        let w = Candidate::ALL
            .into_iter()
            .max_by_key(|&c| r.total.sums.votes(c))
            .expect("four candidates");
        YearFigures {
            sums: r.total.sums,
            winner_en: w.name_en().to_string(),
            winner_ru: w.name_ru().to_string(),
            winner_votes: r.total.sums.votes(w),
            current_winner: Some(w),
        }
    }

    fn of_history(year: &HistoryYear) -> YearFigures {
        let mut sums = Sums::default();
        let mut votes = vec![0i64; year.candidates.len()];
        for pec in &year.pecs {
            sums.add(&Sums::of_protocol(&pec.protocol));
            for (total, &v) in votes.iter_mut().zip(&pec.votes) {
                *total += i64::from(v);
            }
        }
        let winner = (0..votes.len())
            .filter(|&i| year.candidates[i].id != "against_all")
            .max_by_key(|&i| votes[i])
            .unwrap_or(0);
        YearFigures {
            sums,
            winner_en: year.candidates[winner].name_en.clone(),
            winner_ru: year.candidates[winner].name_ru.clone(),
            winner_votes: votes[winner],
            current_winner: None,
        }
    }

    /// The winner's share under `base`.
    fn winner_share(&self, base: Base, s: &State) -> Option<f64> {
        match self.current_winner {
            Some(w) => self.sums.share_of_base(Component::Candidate(w), base, s),
            None => share(self.winner_votes, self.sums.count(base_component(base), s)),
        }
    }
}

fn table1(ctx: &Context) -> Table {
    let state = ctx.state;
    let (base_en, base_ru) = base_names(state.base);
    let columns = vec![
        column("countries", "Countries", "Стран", ColumnUnit::Count),
        column(
            "pecs",
            "PECs (protocols)",
            "УИК (протоколов)",
            ColumnUnit::Count,
        ),
        column(
            "voters",
            &format!("Voters = {base_en}"),
            &format!("Избиратели = число {base_ru}"),
            ColumnUnit::Count,
        ),
        column("winner", "Winner", "Победитель", ColumnUnit::Text),
        column(
            "winner_votes",
            "Winner's votes",
            "Голосов за победителя",
            ColumnUnit::Count,
        ),
        column(
            "winner_share",
            &format!("Winner, % of {base_en}"),
            &format!("Победитель, % от {base_ru}"),
            ColumnUnit::Percent,
        ),
        column(
            "published_base",
            "The paper's \"voters\" are",
            "«Избиратели» в статье — это",
            ColumnUnit::Text,
        ),
    ];
    let mut rows = Vec::new();
    for year in TABLE1_YEARS {
        let is_current = year == crate::import::CURRENT_YEAR.to_string();
        let (figures, paper_figures, countries) = if is_current {
            (
                Some(YearFigures::of_results(&ctx.current)),
                Some(YearFigures::of_results(ctx.paper())),
                Some(ctx.current.total.countries),
            )
        } else {
            let found = ctx
                .bundle
                .history
                .iter()
                .find(|h| h.year.to_string() == year)
                .map(YearFigures::of_history);
            (found, None, None)
        };
        let published = |col: &str| ctx.published("1", year, col);
        let note = |col: &str| ctx.note("1", year, col);
        let Some(f) = figures else {
            let cells = TABLE1_COLUMNS
                .iter()
                .map(|c| audit_cell(Unit::Count, None, published(c), note(c), Vec::new, || None))
                .collect();
            rows.push(Row {
                id: year.to_string(),
                label_en: year.to_string(),
                label_ru: year.to_string(),
                unit: None,
                scope: None,
                filters: Vec::new(),
                cells,
            });
            continue;
        };
        let base_count = f.sums.count(base_component(state.base), &state) as f64;
        let winner_share = f.winner_share(state.base, &state);
        let reading = |v: Option<f64>| ctx.reading_alternative(v).into_iter().collect::<Vec<_>>();
        let countries_cell = audit_cell(
            Unit::Count,
            countries.map(f64::from),
            published("countries"),
            note("countries"),
            || {
                reading(
                    paper_figures
                        .as_ref()
                        .map(|_| f64::from(ctx.paper().total.countries)),
                )
            },
            || {
                Some(if is_current {
                    countries_reason(&ctx.current.total, &ctx.current)
                } else {
                    Reason::new(
                        "not_in_data",
                        "The locations file covers 2024 only: countries cannot be counted for earlier years.",
                        "Файл мест охватывает только 2024 год: страны за прошлые годы посчитать нельзя.",
                    )
                })
            },
        );
        let pecs_cell = audit_cell(
            Unit::Count,
            Some(f.sums.pecs as f64),
            published("pecs"),
            note("pecs"),
            || reading(paper_figures.as_ref().map(|p| p.sums.pecs as f64)),
            || is_current.then(|| pec_count_reason(&ctx.current)),
        );
        let voters_cell = audit_cell(
            Unit::Count,
            Some(base_count),
            published("voters"),
            note("voters"),
            || {
                let mut alts = reading(paper_figures.as_ref().map(|p| p.sums.issued() as f64));
                alts.extend(other_count_alternatives(
                    &state,
                    &f.sums,
                    base_component(state.base),
                ));
                alts
            },
            || None,
        );
        let votes_cell = audit_cell(
            Unit::Count,
            Some(f.winner_votes as f64),
            published("winner_votes"),
            note("winner_votes"),
            || reading(paper_figures.as_ref().map(|p| p.winner_votes as f64)),
            || None,
        );
        let share_cell = audit_cell(
            Unit::Percent,
            winner_share,
            published("winner_share"),
            note("winner_share"),
            || {
                let mut alts = reading(
                    paper_figures
                        .as_ref()
                        .and_then(|p| p.winner_share(Base::Issued, &State::paper())),
                );
                for b in Base::ALL.iter().filter(|&&b| b != state.base) {
                    let (en, ru) = base_names(*b);
                    alts.push(Alternative::new(f.winner_share(*b, &state), move || {
                        Reason::new(
                            "other_base",
                            format!("The paper divides by {en} here."),
                            format!("Здесь в статье делится на число {ru}."),
                        )
                    }));
                }
                alts
            },
            || None,
        );
        // Which base reproduces the paper's "voters" (found, not assumed).
        let published_base = published("voters").and_then(|p| {
            Base::ALL
                .iter()
                .find(|&&b| p.matches(f.sums.count(base_component(b), &state) as f64))
                .map(|&b| base_names(b))
        });
        let published_base_cell = match published_base {
            Some((en, ru)) => Cell::text(en, ru),
            None => Cell::text(
                "none of issued, cast, valid",
                "ни выданные, ни в ящиках, ни действительные",
            ),
        };
        let scope = is_current.then(|| "total".to_string());
        rows.push(Row {
            id: year.to_string(),
            label_en: year.to_string(),
            label_ru: year.to_string(),
            unit: None,
            scope: None,
            filters: Vec::new(),
            cells: vec![
                countries_cell,
                pecs_cell.with_scope(scope.clone()),
                voters_cell.with_scope(scope.clone()),
                Cell::text(&f.winner_en, &f.winner_ru),
                votes_cell.with_scope(scope.clone()),
                share_cell.with_scope(scope),
                published_base_cell,
            ],
        });
    }
    Table {
        id: "1".into(),
        title_en: "Table 1. The vote abroad, 2004-2024".into(),
        title_ru: "Таблица 1. Голосование за рубежом, 2004-2024".into(),
        published_in: Some("Table 1".into()),
        columns,
        rows,
        notes_en: vec![
            "Earlier years are summed from every PEC protocol abroad of that year. The base follows the chosen `base` for every year alike.".into(),
        ],
        audit: AuditSummary::default(),
        notes_ru: vec![
            "Прошлые годы суммируются по всем зарубежным протоколам того года. Знаменатель для всех лет одинаков и задаётся параметром `base`.".into(),
        ],
    }
}

// ---------------------------------------------------------------- Table 2

fn russia_sums(r: &RussiaFile) -> Sums {
    let n = |f: &crate::bundle::NationalFigure| f.value as i64;
    Sums {
        pecs: 0,
        early: n(&r.early),
        inside: n(&r.inside),
        mobile: n(&r.mobile),
        invalid: n(&r.invalid),
        valid: n(&r.valid),
        // National totals give no split of the boxes: all in "stationary".
        stationary: n(&r.invalid) + n(&r.valid),
        votes: [n(&r.davankov), n(&r.putin), n(&r.slutsky), n(&r.kharitonov)],
        ..Sums::default()
    }
}

fn subtract(a: &Sums, b: &Sums) -> Sums {
    let mut out = *a;
    let neg = Sums {
        pecs: -b.pecs,
        registered: -b.registered,
        received: -b.received,
        early: -b.early,
        inside: -b.inside,
        mobile: -b.mobile,
        cancelled: -b.cancelled,
        portable: -b.portable,
        stationary: -b.stationary,
        invalid: -b.invalid,
        valid: -b.valid,
        lost: -b.lost,
        unaccounted: -b.unaccounted,
        votes: b.votes.map(|v| -v),
    };
    out.add(&neg);
    out
}

fn component_label(c: Component) -> (String, String) {
    let (en, ru) = match c {
        Component::Registered => ("Voters on the list", "Избирателей в списках"),
        Component::Issued => (
            "Ballots issued (the paper's \"total votes\")",
            "Выдано бюллетеней («всего голосов» в статье)",
        ),
        Component::Early => ("Issued to early voters", "Выдано досрочно"),
        Component::Inside => (
            "Issued at the PEC on the day",
            "Выдано в помещении в день голосования",
        ),
        Component::Mobile => ("Issued outside the PEC (mobile)", "Выдано вне помещения"),
        Component::Cast => ("Ballots cast (in the boxes)", "Бюллетеней в ящиках"),
        Component::Valid => ("Valid ballots", "Действительных бюллетеней"),
        Component::Invalid => ("Invalid (spoiled) ballots", "Недействительных бюллетеней"),
        Component::Unreturned => (
            "Issued, not in the boxes (the paper's \"stolen\")",
            "Выдано, но нет в ящиках («унесённые»)",
        ),
        Component::Candidate(k) => (k.name_en(), k.name_ru()),
        Component::Opposition => (
            "\"Opposition\" under this reading",
            "«Оппозиция» при этом прочтении",
        ),
    };
    (en.to_string(), ru.to_string())
}

fn table2(ctx: &Context) -> Table {
    let state = ctx.state;
    let russia = russia_sums(&ctx.bundle.russia);
    let mut all_abroad = Sums::default();
    for p in &ctx.bundle.pecs {
        all_abroad.add(&Sums::of_pec(p));
    }
    let russia_without_abroad = subtract(&russia, &all_abroad);
    let (base_en, base_ru) = base_names(state.base);
    let columns = vec![
        column("abroad", "Abroad", "За рубежом", ColumnUnit::Count),
        column(
            "abroad_share",
            "Abroad, %",
            "За рубежом, %",
            ColumnUnit::Percent,
        ),
        column(
            "russia",
            "National total (CEC), incl. abroad",
            "Итог по стране (ЦИК), с зарубежьем",
            ColumnUnit::Count,
        ),
        column(
            "russia_share",
            "National total, %",
            "Итог по стране, %",
            ColumnUnit::Percent,
        ),
        column(
            "russia_excl_abroad",
            "National total minus abroad",
            "Итог по стране без зарубежья",
            ColumnUnit::Count,
        ),
        column(
            "russia_excl_abroad_share",
            "National minus abroad, %",
            "Без зарубежья, %",
            ColumnUnit::Percent,
        ),
    ];
    let mut components: Vec<(&str, Component)> = TABLE2_ROWS
        .iter()
        .map(|&r| (r, Component::parse(r).expect("table 2 rows are components")))
        .collect();
    components.push(("opposition", Component::Opposition));
    let rows = components
        .into_iter()
        .map(|(row_id, c)| {
            let published = |col: &str| ctx.published("2", row_id, col);
            let note = |col: &str| ctx.note("2", row_id, col);
            let abroad = &ctx.current.total.sums;
            let count_value = |s: &Sums| Quantity::Count(c).value(s, state.base, &state);
            let share_value = |s: &Sums| Quantity::Share(c).value(s, state.base, &state);
            let abroad_count = audit_cell(
                Unit::Count,
                count_value(abroad),
                published("abroad"),
                note("abroad"),
                || {
                    ctx.reading_alternative(Quantity::Count(c).value(
                        &ctx.paper().total.sums,
                        Base::Issued,
                        &State::paper(),
                    ))
                    .into_iter()
                    .collect()
                },
                || None,
            );
            let abroad_share = audit_cell(
                Unit::Percent,
                share_value(abroad),
                published("abroad_share"),
                note("abroad_share"),
                || {
                    let mut alts: Vec<Alternative> = ctx
                        .reading_alternative(Quantity::Share(c).value(
                            &ctx.paper().total.sums,
                            Base::Issued,
                            &State::paper(),
                        ))
                        .into_iter()
                        .collect();
                    alts.extend(other_base_alternatives(&state, abroad, c));
                    alts
                },
                || None,
            );
            let russia_count = audit_cell(
                Unit::Count,
                count_value(&russia),
                published("russia"),
                note("russia"),
                Vec::new,
                || None,
            );
            let russia_share = audit_cell(
                Unit::Percent,
                share_value(&russia),
                published("russia_share"),
                note("russia_share"),
                || {
                    let mut alts: Vec<Alternative> = ctx
                        .reading_alternative(Quantity::Share(c).value(
                            &russia,
                            Base::Issued,
                            &State::paper(),
                        ))
                        .into_iter()
                        .collect();
                    alts.extend(other_base_alternatives(&state, &russia, c));
                    alts
                },
                || None,
            );
            let (label_en, label_ru) = component_label(c);
            Row {
                id: row_id.to_string(),
                label_en,
                label_ru,
                unit: None,
                scope: None,
                filters: Vec::new(),
                cells: vec![
                    abroad_count.with_scope(Some("total".into())),
                    abroad_share.with_scope(Some("total".into())),
                    russia_count,
                    russia_share,
                    Cell::plain(count_value(&russia_without_abroad).map_or(Value::Null, num_value)),
                    Cell::plain(
                        share_value(&russia_without_abroad)
                            .map_or(Value::Null, |x| Value::Num(x * 100.0)),
                    ),
                ],
            }
        })
        .collect();
    Table {
        id: "2".into(),
        title_en: "Table 2. Abroad and the national total".into(),
        title_ru: "Таблица 2. Зарубежье и итог по стране".into(),
        published_in: Some("Table 2".into()),
        columns,
        rows,
        notes_en: vec![
            format!("Votes, invalid and valid ballots are shares of {base_en}; parts of the ballots issued are shares of the ballots issued."),
            "The paper's \"In the Russian Federation\" column holds the CEC's national totals, which include the votes abroad; the last two columns take them out.".into(),
            format!("National totals: data/russia-2024.json ({}).", ctx.bundle.russia.about),
        ],
        audit: AuditSummary::default(),
        notes_ru: vec![
            format!("Голоса, недействительные и действительные бюллетени — доли от числа {base_ru}; составные части выданных бюллетеней — доли от выданных."),
            "Столбец статьи «В РФ» содержит итоги ЦИК по всей стране, включая зарубежье; последние два столбца его вычитают.".into(),
            "Итоги по стране: data/russia-2024.json.".into(),
        ],
    }
}

fn num_value(x: f64) -> Value {
    if x.fract() == 0.0 {
        Value::Int(x as i64)
    } else {
        Value::Num(x)
    }
}

// ---------------------------------------------------------------- Tables 3 and 4

/// The published Table 3 column of a region as sums, to rebuild Table 4 from the paper's inputs.
#[derive(Clone, Copy, Default)]
struct PaperColumn {
    countries: Option<f64>,
    pecs: Option<f64>,
    issued: Option<f64>,
    invalid: Option<f64>,
    votes: [Option<f64>; 4],
    davankov_share_printed: Option<f64>,
}

fn paper_column(ctx: &Context, col: &str) -> PaperColumn {
    let columns = ctx.paper_columns.get_or_init(|| {
        let ids = PAPER_REGIONS.iter().map(|r| r.id).chain(["total"]);
        ids.map(|id| {
            let get = |row: &str| ctx.published("3", row, id).map(|p| p.value);
            let column = PaperColumn {
                countries: get("countries"),
                pecs: get("pecs"),
                issued: get("issued"),
                invalid: get("invalid"),
                votes: Candidate::ALL.map(|c| get(c.id())),
                davankov_share_printed: get("davankov_share"),
            };
            (id.to_string(), column)
        })
        .collect()
    });
    columns.get(col).copied().unwrap_or_default()
}

/// The region columns of the state's scheme (with the unassigned PECs, if any).
fn region_columns<'c>(ctx: &'c Context) -> Vec<&'c Aggregate<'c>> {
    ctx.current.regions.iter().collect()
}

fn table3(ctx: &Context) -> Table {
    let state = ctx.state;
    let paper_scheme = state.regions == RegionScheme::Paper;
    let regions = region_columns(ctx);
    let mut columns: Vec<Column> = regions
        .iter()
        .map(|r| column(&r.id, &r.name_en, &r.name_ru, ColumnUnit::Mixed))
        .collect();
    columns.push(column("total", "Total", "Всего", ColumnUnit::Mixed));
    let mut places: Vec<&Aggregate> = regions.clone();
    places.push(&ctx.current.total);
    let mut row_ids: Vec<&str> = TABLE3_ROWS.to_vec();
    row_ids.extend(["opposition", "opposition_share"]);
    let rows = row_ids
        .into_iter()
        .map(|row_id| {
            let (kind, label) = table3_row(row_id);
            let unit = kind.unit();
            let cells = places
                .iter()
                .map(|place| {
                    let col: &str = &place.id;
                    let is_total = col == "total";
                    let published = (paper_scheme || is_total)
                        .then(|| ctx.published("3", row_id, col))
                        .flatten();
                    let paper_place = if is_total {
                        Some(&ctx.paper().total)
                    } else {
                        ctx.paper().regions.iter().find(|r| r.id == col)
                    };
                    let value = |a: &Aggregate, s: &State| kind.value(a, s);
                    let cell = audit_cell(
                        unit,
                        value(place, &state),
                        published,
                        ctx.note("3", row_id, col),
                        || {
                            let mut alts: Vec<Alternative> = ctx
                                .reading_alternative(paper_place.and_then(|p| value(p, &State::paper())))
                                .into_iter()
                                .collect();
                            if let Table3Row::Figure(Quantity::Share(c)) = kind {
                                alts.extend(other_base_alternatives(&state, &place.sums, c));
                                let own = ctx.published("3", c.id(), col).zip(ctx.published("3", "issued", col));
                                alts.push(Alternative::new(own.map(|(part, whole)| part.value / whole.value), move || Reason::new(
                                        "paper_inputs",
                                        "Follows from the paper's own counts in this column, which differ from the protocols.",
                                        "Следует из собственных чисел статьи в этом столбце, которые расходятся с протоколами.",
                                    )));
                            }
                            alts
                        },
                        || {
                            Some(match (row_id, is_total) {
                                ("countries", _) => countries_reason(place, &ctx.current),
                                ("pecs", true) => pec_count_reason(&ctx.current),
                                (_, true) => return None,
                                _ => grouping_reason(ctx, place),
                            })
                        },
                    );
                    cell.with_scope(Some(scope_of(place)))
                })
                .collect();
            Row {
                id: row_id.to_string(),
                label_en: label.0,
                label_ru: label.1,
                unit: Some(unit),
                scope: None,
filters: Vec::new(),
                cells,
            }
        })
        .collect();
    let (base_en, base_ru) = base_names(state.base);
    Table {
        id: "3".into(),
        title_en: "Table 3. The vote by region".into(),
        title_ru: "Таблица 3. Голосование по регионам".into(),
        published_in: Some("Table 3".into()),
        columns,
        rows,
        notes_en: vec![
            format!(
                "Shares are of {base_en}. A region sums the PECs the locations file places there; see each PEC's evidence level."
            ),
            "Published region figures are compared only under the paper's region scheme.".into(),
        ],
        audit: AuditSummary::default(),
        notes_ru: vec![
            format!(
                "Доли — от числа {base_ru}. Регион — сумма УИК, которые файл мест к нему относит; см. уровень доказанности каждого УИК."
            ),
            "Опубликованные цифры по регионам сравниваются только при схеме регионов статьи."
                .into(),
        ],
    }
}

/// What a Table 3 row counts.
#[derive(Clone, Copy)]
enum Table3Row {
    Countries,
    Pecs,
    Figure(Quantity),
}

impl Table3Row {
    fn value(self, a: &Aggregate, s: &State) -> Option<f64> {
        match self {
            Table3Row::Countries => Some(f64::from(a.countries)),
            Table3Row::Pecs => Some(f64::from(a.pecs)),
            Table3Row::Figure(q) => q.value(&a.sums, s.base, s),
        }
    }
    fn unit(self) -> Unit {
        match self {
            Table3Row::Figure(q) if q.is_share() => Unit::Percent,
            _ => Unit::Count,
        }
    }
}

/// What a Table 3 row counts, and its label.
fn table3_row(row_id: &str) -> (Table3Row, (String, String)) {
    let label = |en: &str, ru: &str| (en.to_string(), ru.to_string());
    match row_id {
        "countries" => (Table3Row::Countries, label("Countries", "Число стран")),
        "pecs" => (Table3Row::Pecs, label("PECs", "УИК")),
        _ => {
            let (component, share) = match row_id.strip_suffix("_share") {
                Some(c) => (c, true),
                None => (row_id, false),
            };
            let c = Component::parse(component).expect("table 3 rows name components");
            let (en, ru) = component_label(c);
            if share {
                (
                    Table3Row::Figure(Quantity::Share(c)),
                    (format!("{en}, %"), format!("{ru}, %")),
                )
            } else {
                (Table3Row::Figure(Quantity::Count(c)), (en, ru))
            }
        }
    }
}

fn scope_of(a: &Aggregate) -> String {
    if a.id == "total" {
        "total".into()
    } else {
        format!("region:{}", a.id)
    }
}

/// A Table 4 figure for a region, from the protocols.
fn table4_figure(row_id: &str, region: &Aggregate, total: &Aggregate, s: &State) -> Option<f64> {
    let of_total = |c: Component| share(region.sums.count(c, s), total.sums.count(c, s));
    match row_id {
        "countries_share" => share(i64::from(region.countries), i64::from(total.countries)),
        "pecs_share" => share(i64::from(region.pecs), i64::from(total.pecs)),
        "issued_share" => of_total(Component::Issued),
        "invalid_share" => of_total(Component::Invalid),
        "opposition_share" => region.sums.share_of_base(Component::Opposition, s.base, s),
        dist => of_total(Component::parse(dist.trim_end_matches("_dist"))?),
    }
}

/// The same figure from the paper's own Table 3, as the author computed it.
fn table4_from_paper(row_id: &str, col: &PaperColumn, total: &PaperColumn) -> Option<f64> {
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => Some(a / b),
        _ => None,
    };
    match row_id {
        "countries_share" => ratio(col.countries, total.countries),
        "pecs_share" => ratio(col.pecs, total.pecs),
        "issued_share" => ratio(col.issued, total.issued),
        "invalid_share" => ratio(col.invalid, total.invalid),
        "opposition_share" => ratio(
            col.invalid.zip(col.votes[0]).map(|(i, d)| i + d),
            col.issued,
        ),
        dist => match Component::parse(dist.trim_end_matches("_dist"))? {
            Component::Candidate(k) => ratio(col.votes[k.index()], total.votes[k.index()]),
            _ => None,
        },
    }
}

/// Every way of computing one column's Table 4 figure (besides the state's own).
fn table4_column_readings<'a>(
    ctx: &'a Context,
    row_id: &'a str,
    region: &'a Aggregate,
) -> Vec<Alternative<'a>> {
    let own = paper_column(ctx, &region.id);
    let total = paper_column(ctx, "total");
    let mut alts = vec![Alternative::new(
        table4_from_paper(row_id, &own, &total),
        move || {
            Reason::new(
                "paper_inputs",
                format!(
                    "Follows from the paper's own Table 3 figures for {}, which differ from the protocols.",
                    region.name_en
                ),
                format!(
                    "Следует из цифр Таблицы 3 статьи для региона «{}», которые расходятся с протоколами.",
                    region.name_ru
                ),
            )
        },
    )];
    if row_id == "invalid_share" {
        let label_en = "The label says \"% of all invalid ballots abroad\", but the figure is invalid ballots as a % of the region's own ballots issued";
        let label_ru = "В подписи — «% от всех недействительных за рубежом», но число — доля недействительных среди выданных в самом регионе";
        alts.push(Alternative::new(
            share(region.sums.invalid, region.sums.issued()),
            move || {
                Reason::new(
                    "wrong_label",
                    format!("{label_en}."),
                    format!("{label_ru}."),
                )
            },
        ));
        alts.push(Alternative::new(
            own.invalid.zip(own.issued).map(|(i, n)| i / n),
            move || {
                Reason::new(
                    "wrong_label",
                    format!("{label_en} (from the paper's Table 3)."),
                    format!("{label_ru} (по Таблице 3 статьи)."),
                )
            },
        ));
    }
    if row_id == "opposition_share" {
        // As the text adds them: invalid % rounded to 0.1, plus Davankov's % as Table 3 rounds it.
        let rounded = own
            .invalid
            .zip(own.issued)
            .zip(own.davankov_share_printed)
            .map(|((i, n), d)| (((i / n) * 1000.0).round() / 10.0 + d) / 100.0);
        alts.push(Alternative::new(rounded, move || Reason::new(
                "rounded_parts",
                "The paper adds two rounded figures: the invalid share (to 0.1%) and Davankov's share as rounded in Table 3.",
                "В статье сложены два округлённых числа: доля недействительных (до 0,1%) и доля Даванкова, округлённая в Таблице 3.",
            )));
    }
    alts
}

/// Every value each region's Table 4 figures can take (the protocols', the paper's inputs', the
/// other labels'), by region and row: computed once per table.
fn table4_readings(ctx: &Context) -> Vec<Vec<Vec<f64>>> {
    ctx.current
        .regions
        .iter()
        .map(|region| {
            TABLE4_ROWS
                .iter()
                .map(|row| {
                    std::iter::once(table4_figure(row, region, &ctx.current.total, &ctx.state))
                        .chain(
                            table4_column_readings(ctx, row, region)
                                .into_iter()
                                .map(|a| a.value),
                        )
                        .flatten()
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Whether the printed column `col` holds another region's figures in most rows: then its
/// header is swapped with that region's. Decided per column, over all rows, not per cell.
fn swapped_with<'c>(
    ctx: &'c Context,
    col: usize,
    readings: &[Vec<Vec<f64>>],
) -> Option<&'c Aggregate<'c>> {
    let regions = &ctx.current.regions;
    let explained = |region: usize| {
        TABLE4_ROWS
            .iter()
            .enumerate()
            .filter(|&(r, row)| {
                ctx.published("4", row, &regions[col].id)
                    .is_some_and(|printed| {
                        readings[region][r]
                            .iter()
                            .any(|v| printed.matches(v * 100.0))
                    })
            })
            .count()
    };
    let own = explained(col);
    (0..regions.len())
        .filter(|&r| r != col)
        .map(|r| (explained(r), r))
        .filter(|&(n, _)| n > own && 2 * n >= TABLE4_ROWS.len())
        .max_by_key(|&(n, _)| n)
        .map(|(_, r)| &regions[r])
}

fn table4(ctx: &Context) -> Table {
    let state = ctx.state;
    let paper_scheme = state.regions == RegionScheme::Paper;
    let regions = region_columns(ctx);
    let total = &ctx.current.total;
    let columns: Vec<Column> = regions
        .iter()
        .map(|r| column(&r.id, &r.name_en, &r.name_ru, ColumnUnit::Percent))
        .collect();
    let readings = if paper_scheme {
        table4_readings(ctx)
    } else {
        Vec::new()
    };
    let swaps: Vec<Option<&Aggregate>> = (0..regions.len())
        .map(|r| {
            if paper_scheme {
                swapped_with(ctx, r, &readings)
            } else {
                None
            }
        })
        .collect();
    let rows = TABLE4_ROWS
        .iter()
        .map(|&row_id| {
            let cells = regions
                .iter()
                .zip(&swaps)
                .map(|(region, swap)| {
                    let col: &str = &region.id;
                    let published = paper_scheme.then(|| ctx.published("4", row_id, col)).flatten();
                    let alternatives = || {
                        let paper_region = ctx.paper().regions.iter().find(|r| r.id == col);
                        let mut alts: Vec<Alternative> = ctx
                            .reading_alternative(paper_region.and_then(|p| table4_figure(row_id, p, &ctx.paper().total, &State::paper())))
                            .into_iter()
                            .collect();
                        alts.extend(table4_column_readings(ctx, row_id, region));
                        if let Some(other) = *swap {
                            let swapped = move |inner: Option<Reason>| {
                                let (en, ru) = inner.map_or_else(Default::default, |r| (format!(" {}", r.en), format!(" {}", r.ru)));
                                Reason::new(
                                    "swapped_columns",
                                    format!("The paper's column headers are swapped: this column holds {}'s figures.{en}", other.name_en),
                                    format!("Заголовки столбцов в статье перепутаны: в этом столбце цифры региона «{}».{ru}", other.name_ru),
                                )
                            };
                            alts.push(Alternative::new(table4_figure(row_id, other, total, &state), move || swapped(None)));
                            alts.extend(
                                table4_column_readings(ctx, row_id, other)
                                    .into_iter()
                                    .map(|a| Alternative::new(a.value, move || swapped(Some((a.reason)())))),
                            );
                        }
                        alts
                    };
                    let cell = audit_cell(
                        Unit::Percent,
                        table4_figure(row_id, region, total, &state),
                        published,
                        ctx.note("4", row_id, col),
                        alternatives,
                        || Some(grouping_reason(ctx, region)),
                    );
                    cell.with_scope(Some(scope_of(region)))
                })
                .collect();
            let (label_en, label_ru) = table4_label(row_id, &state);
            Row {
                id: row_id.to_string(),
                label_en,
                label_ru,
                unit: Some(Unit::Percent),
                scope: None,
filters: Vec::new(),
                cells,
            }
        })
        .collect();
    Table {
        id: "4".into(),
        title_en: "Table 4. Regions' shares and the \"opposition\"".into(),
        title_ru: "Таблица 4. Доли регионов и «оппозиция»".into(),
        published_in: Some("Table 4".into()),
        columns,
        rows,
        notes_en: vec![
            "The paper computes Table 4 from its Table 3; where a printed figure follows from the paper's Table 3 but not from the protocols, the reason says so.".into(),
        ],
        audit: AuditSummary::default(),
        notes_ru: vec![
            "Таблица 4 в статье вычислена из её Таблицы 3; если напечатанное число следует из Таблицы 3 статьи, но не из протоколов, это указано.".into(),
        ],
    }
}

fn table4_label(row_id: &str, state: &State) -> (String, String) {
    let (base_en, base_ru) = base_names(state.base);
    let pair = |en: &str, ru: &str| (en.to_string(), ru.to_string());
    match row_id {
        "countries_share" => pair("Countries, % of all countries", "Страны, % от всех стран"),
        "pecs_share" => pair("PECs, % of all PECs", "УИК, % от всех УИК"),
        "issued_share" => pair(
            "Ballots issued, % of all abroad",
            "Выдано бюллетеней, % от всех за рубежом",
        ),
        "invalid_share" => pair(
            "Invalid ballots, % of all invalid abroad",
            "Недействительные, % от всех недействительных за рубежом",
        ),
        "opposition_share" => (
            format!("\"Opposition\", % of {base_en} in the region"),
            format!("«Оппозиция», % от {base_ru} в регионе"),
        ),
        dist => {
            let c = Component::parse(dist.trim_end_matches("_dist")).expect("candidate rows");
            let (en, ru) = component_label(c);
            (
                format!("{en}: region's % of all votes abroad"),
                format!("{ru}: доля региона во всех голосах за рубежом"),
            )
        }
    }
}

// ---------------------------------------------------------------- Figures quoted in the text

fn text_table(ctx: &Context) -> Table {
    let state = ctx.state;
    let columns = vec![
        column("value", "Recomputed", "Пересчитано", ColumnUnit::Mixed),
        column("place", "Place", "Место", ColumnUnit::Text),
        column(
            "evidence",
            "Location evidence",
            "Доказанность места",
            ColumnUnit::Text,
        ),
        column("quote", "The paper says", "В статье", ColumnUnit::Text),
        column("where", "Where", "Где", ColumnUnit::Text),
    ];
    let rows = ctx
        .bundle
        .paper
        .text
        .iter()
        .map(|figure| {
            let unit = if figure.quantity.is_share() {
                Unit::Percent
            } else {
                Unit::Count
            };
            let current = figure.scope.resolve(&ctx.current);
            let note = figure
                .spec
                .note_en
                .as_ref()
                .map(|en| crate::published::CellNote {
                    table: "text".into(),
                    row: figure.spec.id.clone(),
                    col: "value".into(),
                    en: en.clone(),
                    ru: figure.spec.note_ru.clone().unwrap_or_else(|| en.clone()),
                });
            let cell = audit_cell(
                unit,
                current
                    .as_ref()
                    .and_then(|r| figure.quantity.value(&r.sums, state.base, &state)),
                Some(&figure.printed),
                note.as_ref(),
                || {
                    let mut alts: Vec<Alternative> = ctx
                        .reading_alternative(figure.scope.resolve(ctx.paper()).and_then(|r| {
                            figure
                                .quantity
                                .value(&r.sums, Base::Issued, &State::paper())
                        }))
                        .into_iter()
                        .collect();
                    if let Some(r) = &current {
                        match figure.quantity {
                            Quantity::Share(c) => {
                                alts.extend(other_base_alternatives(&state, &r.sums, c))
                            }
                            Quantity::Count(c) => {
                                alts.extend(other_count_alternatives(&state, &r.sums, c))
                            }
                        }
                    }
                    alts
                },
                || {
                    current.is_none().then(|| {
                        Reason::new(
                            "not_applicable",
                            "This place has no PEC under this reading.",
                            "При этом прочтении в этом месте нет УИК.",
                        )
                    })
                },
            );
            let (place_en, place_ru, evidence_en, evidence_ru) =
                describe_scope(ctx, &figure.scope, current.as_ref());
            Row {
                id: figure.spec.id.clone(),
                label_en: figure.spec.id.clone(),
                label_ru: figure.spec.id.clone(),
                unit: Some(unit),
                scope: Some(figure.scope.to_string()),
                filters: Vec::new(),
                cells: vec![
                    cell.with_scope(Some(figure.scope.to_string())),
                    Cell::text(&place_en, &place_ru),
                    Cell::text(&evidence_en, &evidence_ru),
                    Cell::text(&figure.spec.quote, &figure.spec.quote),
                    Cell::text(&figure.spec.location, &figure.spec.location),
                ],
            }
        })
        .collect();
    Table {
        id: "text".into(),
        title_en: "Figures quoted in the paper's text".into(),
        title_ru: "Числа из текста статьи".into(),
        published_in: Some("text".into()),
        columns,
        rows,
        notes_en: vec!["Quotes are the paper's English text; the place's evidence says how well the PECs summed are located.".into()],
        audit: AuditSummary::default(),
        notes_ru: vec!["Цитаты — английский текст статьи; доказанность места показывает, насколько надёжно установлено расположение суммируемых УИК.".into()],
    }
}

fn describe_scope(
    ctx: &Context,
    scope: &crate::metric::Scope,
    resolved: Option<&crate::metric::Resolved>,
) -> (String, String, String, String) {
    use crate::metric::Scope;
    let (place_en, place_ru) = match scope {
        Scope::Total => ("Abroad, total".to_string(), "Всего за рубежом".to_string()),
        Scope::Region(id) => PAPER_REGIONS
            .iter()
            .find(|r| r.id == id)
            .map(|r| (r.name_en.to_string(), r.name_ru.to_string()))
            .unwrap_or_default(),
        Scope::Country(id) => ctx
            .bundle
            .country(id)
            .map(|c| (c.name_en.clone(), c.name_ru.clone()))
            .unwrap_or_default(),
        Scope::Countries(ids) => {
            let names = |ru: bool| {
                ids.iter()
                    .filter_map(|id| ctx.bundle.country(id))
                    .map(|c| {
                        if ru {
                            c.name_ru.clone()
                        } else {
                            c.name_en.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (names(false), names(true))
        }
        Scope::Pec(n) => {
            let pec = ctx.bundle.pec_index(*n).map(|i| &ctx.bundle.pecs[i]);
            let city = |en: bool| {
                pec.map(|p| {
                    let l = &p.location;
                    let (country, city) = if en {
                        (&l.country_en, &l.city_en)
                    } else {
                        (&l.country_ru, &l.city_ru)
                    };
                    [country.as_str(), city.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
            };
            (
                format!("PEC {n} ({})", city(true)),
                format!("УИК №{n} ({})", city(false)),
            )
        }
    };
    let (ev_en, ev_ru) = match resolved {
        None => ("—".to_string(), "—".to_string()),
        Some(r) => {
            let mut counts = aggregate::EvidenceCounts::default();
            for &i in &r.members {
                counts.add(ctx.bundle.pecs[i].location.evidence);
            }
            evidence_text(&counts)
        }
    };
    (place_en, place_ru, ev_en, ev_ru)
}

/// "2 documented, 1 inferred" / "2 документально, 1 выведено".
pub fn evidence_text(e: &aggregate::EvidenceCounts) -> (String, String) {
    let parts = [
        (e.documented, "documented", "документально"),
        (e.matched, "matched", "сопоставлено"),
        (e.inferred, "inferred", "выведено"),
        (e.unknown, "unknown", "неизвестно"),
    ];
    let join = |ru: bool| {
        parts
            .iter()
            .filter(|p| p.0 > 0)
            .map(|p| format!("{} {}", p.0, if ru { p.2 } else { p.1 }))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (join(false), join(true))
}

// ---------------------------------------------------------------- Countries and PECs

fn places_table(ctx: &Context, pecs: bool) -> Table {
    let state = ctx.state;
    let (base_en, base_ru) = base_names(state.base);
    let mut columns = Vec::new();
    if pecs {
        columns.push(column("pec", "PEC", "УИК", ColumnUnit::Count));
        columns.push(column("country", "Country", "Страна", ColumnUnit::Text));
        columns.push(column("city", "City", "Город", ColumnUnit::Text));
    } else {
        columns.push(column("country", "Country", "Страна", ColumnUnit::Text));
        columns.push(column("country_id", "Code", "Код", ColumnUnit::Text));
        columns.push(column("pecs", "PECs", "УИК", ColumnUnit::Count));
    }
    columns.push(column("region", "Region", "Регион", ColumnUnit::Text));
    columns.push(column(
        "evidence",
        "Location evidence",
        "Доказанность места",
        ColumnUnit::Text,
    ));
    for (id, en, ru) in [
        ("issued", "Issued", "Выдано"),
        ("cast", "Cast", "В ящиках"),
        ("valid", "Valid", "Действительные"),
        ("invalid", "Invalid", "Недействительные"),
        ("unreturned", "Unreturned", "Невозвращённые"),
        ("early", "Early", "Досрочно"),
        ("mobile", "Mobile", "Вне помещения"),
        ("davankov", "Davankov", "Даванков"),
        ("putin", "Putin", "Путин"),
        ("slutsky", "Slutsky", "Слуцкий"),
        ("kharitonov", "Kharitonov", "Харитонов"),
        ("opposition", "\"Opposition\"", "«Оппозиция»"),
    ] {
        columns.push(column(id, en, ru, ColumnUnit::Count));
    }
    for (id, en, ru) in [
        ("opposition_share", "\"Opposition\", %", "«Оппозиция», %"),
        ("putin_share", "Putin, %", "Путин, %"),
        ("davankov_share", "Davankov, %", "Даванков, %"),
        ("invalid_share", "Invalid, %", "Недействительные, %"),
    ] {
        columns.push(column(
            id,
            &format!("{en} of {base_en}"),
            &format!("{ru} от {base_ru}"),
            ColumnUnit::Percent,
        ));
    }
    columns.push(column(
        "opposition_wins",
        "Won by the \"opposition\"",
        "Победа «оппозиции»",
        ColumnUnit::Flag,
    ));
    if pecs {
        columns.push(column(
            "evidence_note",
            "Evidence note",
            "Источник места",
            ColumnUnit::Text,
        ));
    }
    let list = if pecs {
        &ctx.current.pecs
    } else {
        &ctx.current.countries
    };
    let region_name = |id: Option<&str>| -> (&'static str, &'static str) {
        let region = aggregate::regions_of(state.regions)
            .iter()
            .find(|r| Some(r.id) == id);
        let r = region.unwrap_or(&UNASSIGNED);
        (r.name_en, r.name_ru)
    };

    let rows = list
        .iter()
        .map(|a| {
            let mut cells = Vec::with_capacity(columns.len());
            let s = &a.sums;
            let mut filters = Vec::new();
            if let Some(region) = a.place.region {
                filters.push(format!("region:{region}"));
            }
            if let Some(country) = a.place.country_id {
                filters.push(format!("country:{country}"));
            }
            let scope = if pecs {
                format!("pec:{}", a.id)
            } else {
                format!("country:{}", a.id)
            };
            if pecs {
                cells.push(Cell::plain(Value::Int(a.id.parse().unwrap_or(0))));
                let country_en = a.place.country_en.filter(|c| !c.is_empty()).unwrap_or("—");
                let country_ru = a.place.country_ru.filter(|c| !c.is_empty()).unwrap_or("—");
                cells.push(Cell::text(country_en, country_ru));
                cells.push(Cell::text(
                    a.place.city_en.unwrap_or_default(),
                    a.place.city_ru.unwrap_or_default(),
                ));
            } else {
                cells.push(Cell::text(&a.name_en, &a.name_ru));
                cells.push(Cell::text(&a.id, &a.id));
                cells.push(Cell::plain(Value::Int(i64::from(a.pecs))));
            }
            let (region_en, region_ru) = region_name(a.place.region);
            cells.push(Cell::text(region_en, region_ru));
            let (ev_en, ev_ru) = if pecs {
                let e = a.place.evidence.map_or("unknown", |e| e.id());
                let ru = match e {
                    "documented" => "документально",
                    "matched" => "сопоставлено",
                    "inferred" => "выведено",
                    _ => "неизвестно",
                };
                (e.to_string(), ru.to_string())
            } else {
                evidence_text(&a.evidence)
            };
            cells.push(Cell::text(&ev_en, &ev_ru));
            for c in [
                "issued",
                "cast",
                "valid",
                "invalid",
                "unreturned",
                "early",
                "mobile",
                "davankov",
                "putin",
                "slutsky",
                "kharitonov",
            ] {
                let comp = Component::parse(c).expect("component columns");
                cells.push(Cell::plain(Value::Int(s.count(comp, &state))));
            }
            cells.push(Cell::plain(num_value(a.opposition)));
            for c in [
                Component::Opposition,
                Component::Candidate(Candidate::Putin),
                Component::Candidate(Candidate::Davankov),
                Component::Invalid,
            ] {
                cells.push(Cell::plain(
                    s.share_of_base(c, state.base, &state)
                        .map_or(Value::Null, |x| Value::Num(x * 100.0)),
                ));
            }
            cells.push(Cell::plain(if a.counted_in_wins {
                Value::Bool(a.opposition_wins)
            } else {
                Value::Null
            }));
            if pecs {
                cells.push(Cell::text(
                    a.place.evidence_note.unwrap_or_default(),
                    a.place.evidence_note.unwrap_or_default(),
                ));
            }
            Row {
                id: a.id.to_string(),
                label_en: a.name_en.to_string(),
                label_ru: a.name_ru.to_string(),
                unit: None,
                scope: Some(scope),
                filters,
                cells,
            }
        })
        .collect();
    let (title_en, title_ru) = if pecs {
        ("Every PEC abroad", "Все зарубежные УИК")
    } else {
        ("Every country", "Все страны")
    };
    Table {
        id: if pecs { "pecs" } else { "countries" }.into(),
        title_en: title_en.into(),
        title_ru: title_ru.into(),
        published_in: None,
        columns,
        rows,
        notes_en: vec![format!(
            "Shares are of {base_en}. \"Won\" is empty for rows left out of the win counts (min_issued, or no established country). Inferred and unknown locations are not established fact."
        )],
        audit: AuditSummary::default(),
        notes_ru: vec![format!(
            "Доли — от числа {base_ru}. «Победа» пуста для строк, не учитываемых в подсчёте побед (min_issued или страна не установлена). Выведенные и неизвестные места — не установленный факт."
        )],
    }
}

/// The PECs a scope sums under a state's results ("region:europe", "country:KZ", "pec:8096",
/// "countries:EE,LV", "total"); None if the scope names nothing here.
pub fn members_of(results: &Results, scope: &str) -> Option<Vec<usize>> {
    let find =
        |list: &[Aggregate], id: &str| list.iter().find(|a| a.id == id).map(|a| a.members.clone());
    match scope.split_once(':') {
        None if scope == "total" => Some(results.total.members.clone()),
        Some(("region", id)) => find(&results.regions, id),
        Some(("country", id)) => find(&results.countries, id),
        Some(("countries", ids)) => {
            let mut all = Vec::new();
            for id in ids.split(',') {
                all.extend(find(&results.countries, id)?);
            }
            Some(all)
        }
        Some(("pec", n)) => find(&results.pecs, n),
        _ => None,
    }
}
