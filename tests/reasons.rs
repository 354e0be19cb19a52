//! One test per reason code: a synthetic printed figure that only that reason explains is
//! explained by it, and a near miss is not. The figures are written from the raw CEC file and
//! the paper's printed tables (read here, independently of the engine), patched into a copy of
//! data/paper.json; the engine never computes its own expected values.

mod common;

use common::*;
use reweigh::paper::audit::{Cell, Status};
use reweigh::paper::tables::Table;
use reweigh::{Engine, State};
use serde_json::{Value, json};

/// A share as the paper prints it, from two counts: "21,95".
fn pct(part: i64, whole: i64, decimals: usize) -> String {
    format!("{:.*}", decimals, 100.0 * part as f64 / whole as f64).replace('.', ",")
}

/// A share cut, not rounded, at two decimals: "21,94".
fn pct_cut(part: i64, whole: i64) -> String {
    let hundredths = (10_000 * part) / whole;
    format!("{},{:02}", hundredths / 100, hundredths % 100)
}

fn raw(pec: u32) -> RawPec {
    raw_2024()
        .into_iter()
        .find(|r| r.pec == pec)
        .expect("PEC in the raw file")
}

fn figure(id: &str, scope: &str, quantity: &str, printed: &str) -> Value {
    json!({"id": id, "where": "test", "quote": "synthetic", "scope": scope,
           "quantity": quantity, "printed": printed})
}

/// The committed bundle with extra text figures and edits to the printed tables.
fn engine_with(figures: Vec<Value>, edit: impl Fn(&mut Value)) -> Engine {
    let mut texts = bundle_texts();
    let mut paper: Value = serde_json::from_str(&texts["paper.json"]).unwrap();
    paper["text"].as_array_mut().unwrap().extend(figures);
    edit(&mut paper);
    texts.insert("paper.json".into(), serde_json::to_string(&paper).unwrap());
    Engine::load(&texts).expect("the patched bundle loads")
}

fn table(engine: &Engine, id: &str, state: &State) -> Table {
    engine.tables(state, Some(id)).unwrap().remove(0)
}

fn cell<'t>(t: &'t Table, row: &str, col: &str) -> &'t Cell {
    let c = t.columns.iter().position(|c| c.id == col).unwrap();
    let r = t.rows.iter().find(|r| r.id == row).unwrap();
    &r.cells[c]
}

fn reason(t: &Table, row: &str, col: &str) -> String {
    let c = cell(t, row, col);
    c.reason()
        .map_or(format!("{:?}", c.status()), |r| r.code.to_string())
}

fn text_reason(t: &Table, id: &str) -> String {
    reason(t, id, "value")
}

/// A printed Table 3 figure of the paper, read from data/paper.json.
fn table3(row: &str, col: &str) -> i64 {
    let paper: Value = serde_json::from_str(&bundle_texts()["paper.json"]).unwrap();
    paper["tables"]["3"]["cells"][row][col]
        .as_str()
        .unwrap()
        .replace([' ', '%'], "")
        .parse()
        .unwrap()
}

#[test]
fn each_reading_reason_explains_its_figure_and_not_a_near_miss() {
    let haifa = raw(8096);
    let (dav, cast, issued) = (haifa.get(DAVANKOV), haifa.cast(), haifa.issued());
    assert_ne!(
        pct(dav, cast, 2),
        pct(dav, issued, 2),
        "the bases must differ"
    );
    let rabat = raw(8193);
    let (a_dav, a_issued) = (table3("davankov", "africa"), table3("issued", "africa"));
    let opposition = raw_2024()
        .iter()
        .map(|r| r.get(DAVANKOV) + r.get(INVALID))
        .sum::<i64>();
    let total_issued = raw_2024().iter().map(RawPec::issued).sum::<i64>();
    let near = |printed: &str| {
        // One unit of the last digit more.
        let v: f64 = printed.replace(',', ".").parse().unwrap();
        format!("{:.2}", v + 0.01).replace('.', ",")
    };
    let cases = [
        (
            "other_base",
            "pec:8096",
            "share:davankov",
            pct(dav, cast, 2),
        ),
        (
            "other_quantity",
            "pec:8096",
            "count:issued",
            cast.to_string(),
        ),
        (
            "other_place",
            "country:MA",
            "share:davankov",
            pct(rabat.get(DAVANKOV), rabat.issued(), 2),
        ),
        (
            "paper_inputs",
            "region:africa",
            "share:davankov",
            pct(a_dav, a_issued, 2),
        ),
        (
            "reading",
            "total",
            "share:opposition",
            pct(opposition, total_issued, 2),
        ),
    ];
    let mut figures = Vec::new();
    for (code, scope, quantity, printed) in &cases {
        figures.push(figure(code, scope, quantity, printed));
        let missed = if *quantity == "count:issued" {
            (cast - 1).to_string()
        } else {
            near(printed)
        };
        figures.push(figure(&format!("{code}_near"), scope, quantity, &missed));
    }
    let engine = engine_with(figures, |_| {});
    let state = State::from_query("invalid=0").unwrap();
    let paper = State::paper();
    for (code, ..) in &cases {
        let t = table(
            &engine,
            "text",
            if *code == "reading" { &state } else { &paper },
        );
        assert_eq!(text_reason(&t, code), *code, "{code}");
        assert_ne!(
            text_reason(&t, &format!("{code}_near")),
            *code,
            "{code}: near miss"
        );
    }
}

#[test]
fn a_slip_is_accepted_only_with_a_confirming_figure() {
    // Haifa: the ballots issued printed with a slip, and the invalid share beside them (the
    // count and the share both printed) confirming the true count.
    let haifa = raw(8096);
    let (issued, invalid) = (haifa.issued(), haifa.get(INVALID));
    assert_eq!(issued, 1686, "the slips below are written for 1 686");
    let tel_aviv = raw(8094);
    assert_eq!(
        tel_aviv.issued(),
        2212,
        "the near misses below are written for 2 212"
    );
    let slips = [
        ("dropped_digit", "186", "212"),
        ("changed_digit", "1 696", "2 222"),
        ("swapped_digits", "1 668", "2 122"),
        ("inserted_digit", "16 836", "22 312"),
    ];
    let mut figures = vec![
        figure(
            "t_haifa_invalid",
            "pec:8096",
            "count:invalid",
            &invalid.to_string(),
        ),
        figure(
            "t_haifa_invalid_share",
            "pec:8096",
            "share:invalid",
            &pct(invalid, issued, 2),
        ),
    ];
    for (code, confirmed, unconfirmed) in slips {
        figures.push(figure(code, "pec:8096", "count:issued", confirmed));
        // Tel Aviv prints no share or count beside it: nothing confirms the correction.
        figures.push(figure(
            &format!("{code}_alone"),
            "pec:8094",
            "count:issued",
            unconfirmed,
        ));
        // Not a slip of this kind at all: two digits off.
        figures.push(figure(
            &format!("{code}_near"),
            "pec:8096",
            "count:issued",
            "1 796",
        ));
    }
    // The point shifted: Jerusalem's invalid share printed ten times too small, its counts
    // printed beside it; Tel Aviv's the same with no counts.
    let jerusalem = raw(8089);
    let (j_invalid, j_issued) = (jerusalem.get(INVALID), jerusalem.issued());
    let shifted = |part: i64, whole: i64| {
        format!("{:.3}", 10.0 * part as f64 / whole as f64).replace('.', ",")
    };
    figures.push(figure(
        "j_invalid",
        "pec:8089",
        "count:invalid",
        &j_invalid.to_string(),
    ));
    figures.push(figure(
        "j_issued",
        "pec:8089",
        "count:issued",
        &j_issued.to_string(),
    ));
    figures.push(figure(
        "shifted_point",
        "pec:8089",
        "share:invalid",
        &shifted(j_invalid, j_issued),
    ));
    figures.push(figure(
        "shifted_point_alone",
        "pec:8094",
        "share:invalid",
        &shifted(tel_aviv.get(INVALID), tel_aviv.issued()),
    ));
    let engine = engine_with(figures, |_| {});
    let t = table(&engine, "text", &State::paper());
    assert_eq!(
        cell(&t, "t_haifa_invalid_share", "value").status(),
        Status::Match
    );
    for (code, ..) in slips {
        assert_eq!(text_reason(&t, code), code, "{code}");
        let alone = text_reason(&t, &format!("{code}_alone"));
        assert!(
            !alone.ends_with("_digit") && !alone.ends_with("_digits"),
            "{code}: {alone}"
        );
        assert_ne!(
            text_reason(&t, &format!("{code}_near")),
            code,
            "{code}: near miss"
        );
    }
    assert_eq!(text_reason(&t, "shifted_point"), "shifted_point");
    assert_ne!(text_reason(&t, "shifted_point_alone"), "shifted_point");
    // The reason says which printed figure confirms the correction.
    let why = &cell(&t, "changed_digit", "value").reason().unwrap().text;
    assert!(
        why.en.contains("1,686") && why.en.contains(&invalid.to_string()),
        "{}",
        why.en
    );
    assert!(why.ru.contains("опечатка"), "{}", why.ru);
}

#[test]
fn a_figure_cut_not_rounded_is_truncated_and_one_below_is_not() {
    let haifa = raw(8096);
    let (invalid, issued) = (haifa.get(INVALID), haifa.issued());
    let cut = pct_cut(invalid, issued);
    assert_ne!(cut, pct(invalid, issued, 2), "this share must round up");
    let below = pct_cut(invalid * 10_000 - issued, issued * 10_000);
    let engine = engine_with(
        vec![
            figure("cut", "pec:8096", "share:invalid", &cut),
            figure("below", "pec:8096", "share:invalid", &below),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    assert_eq!(text_reason(&t, "cut"), "truncated");
    assert_ne!(text_reason(&t, "below"), "truncated");
}

#[test]
fn fallbacks_name_the_grouping_the_counts_and_what_is_absent() {
    let places = raw_locations();
    let sum = |keep: &dyn Fn(&(String, String, bool)) -> bool| -> i64 {
        raw_2024()
            .iter()
            .filter(|r| keep(&places[&r.pec]))
            .map(RawPec::issued)
            .sum()
    };
    let africa = sum(&|p| p.1 == "africa");
    let morocco = sum(&|p| p.0 == "MA");
    let total = sum(&|_| true);
    let pecs = raw_2024().len();
    let engine = engine_with(
        vec![
            figure(
                "grouping",
                "region:africa",
                "count:issued",
                &(africa + 7).to_string(),
            ),
            figure(
                "grouping_near",
                "country:MA",
                "count:issued",
                &(morocco + 7).to_string(),
            ),
            figure("pec_count", "total", "pecs", &(pecs + 12).to_string()),
            figure("pec_count_near", "country:MA", "pecs", "3"),
            figure("countries", "total", "countries", "150"),
            figure("countries_near", "country:MA", "countries", "2"),
            figure("not_applicable", "region:europe", "count:issued", "1"),
            figure("unexplained", "total", "count:issued", "1 234 567"),
            figure(
                "unexplained_near",
                "total",
                "count:issued",
                &total.to_string(),
            ),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    for code in ["grouping", "pec_count", "countries", "unexplained"] {
        assert_eq!(text_reason(&t, code), code, "{code}");
        assert_ne!(
            text_reason(&t, &format!("{code}_near")),
            code,
            "{code}: near miss"
        );
    }
    let un = State::from_query("regions=un").unwrap();
    assert_eq!(
        text_reason(&table(&engine, "text", &un), "not_applicable"),
        "not_applicable"
    );
    assert_ne!(text_reason(&t, "not_applicable"), "not_applicable");
    // Countries before 2024 are not in the data; 2024's are.
    let t1 = table(&engine, "1", &State::paper());
    assert_eq!(reason(&t1, "2018", "countries"), "not_in_data");
    assert_ne!(reason(&t1, "2024", "countries"), "not_in_data");
}

#[test]
fn table4_reasons_explain_their_figures_and_not_a_near_miss() {
    // The invalid share of the region's own ballots, under a label that says "of all invalid".
    let (inv, issued, dav) = (
        table3("invalid", "europe"),
        table3("issued", "europe"),
        table3("davankov_share", "europe"),
    );
    let own = pct(inv, issued, 1);
    // The opposition as two rounded figures added: the invalid share to 0.1 and Table 3's 23%.
    let rounded: f64 = own.replace(',', ".").parse::<f64>().unwrap() + dav as f64;
    let set = |row: &'static str, col: &'static str, printed: String| {
        move |paper: &mut Value| {
            paper["tables"]["4"]["cells"][row][col] = Value::String(printed.clone());
        }
    };
    let engine = engine_with(vec![], |p| {
        set("invalid_share", "europe", format!("{own}%"))(p);
        set(
            "opposition_share",
            "europe",
            format!("{rounded:.1}%").replace('.', ","),
        )(p);
    });
    let t = table(&engine, "4", &State::paper());
    assert_eq!(reason(&t, "invalid_share", "europe"), "wrong_label");
    assert_eq!(reason(&t, "opposition_share", "europe"), "rounded_parts");
    let engine = engine_with(vec![], |p| {
        set(
            "invalid_share",
            "europe",
            format!(
                "{:.1}%",
                0.1 + own.replace(',', ".").parse::<f64>().unwrap()
            )
            .replace('.', ","),
        )(p);
        set(
            "opposition_share",
            "europe",
            format!("{:.1}%", rounded + 0.1).replace('.', ","),
        )(p);
    });
    let t = table(&engine, "4", &State::paper());
    assert_ne!(reason(&t, "invalid_share", "europe"), "wrong_label");
    assert_ne!(reason(&t, "opposition_share", "europe"), "rounded_parts");
    // The Americas' columns as printed are swapped; printed under their own headers they are not.
    let t = table(&engine, "4", &State::paper());
    assert_eq!(reason(&t, "pecs_share", "north_america"), "swapped_columns");
    let unswapped = engine_with(vec![], |p| {
        let cells = p["tables"]["4"]["cells"].as_object_mut().unwrap();
        for row in cells.values_mut() {
            let na = row["north_america"].clone();
            row["north_america"] = row["south_america"].clone();
            row["south_america"] = na;
        }
    });
    let t = table(&unswapped, "4", &State::paper());
    for col in ["north_america", "south_america"] {
        assert_ne!(reason(&t, "pecs_share", col), "swapped_columns", "{col}");
    }
}

#[test]
fn the_summary_counts_cells_per_reason() {
    let engine = reweigh::Engine::load(&bundle_texts()).unwrap();
    for t in engine.tables(&State::paper(), None).unwrap() {
        let mut counted = std::collections::BTreeMap::new();
        for c in t.rows.iter().flat_map(|r| &r.cells) {
            if let Some(r) = c.reason() {
                *counted.entry(r.code).or_insert(0u32) += 1;
            }
        }
        let summary: std::collections::BTreeMap<&str, u32> =
            t.audit.reasons.iter().map(|r| (r.code, r.count)).collect();
        assert_eq!(summary, counted, "table {}", t.id);
        let with_reason = t.audit.differs + t.audit.not_in_data;
        assert_eq!(summary.values().sum::<u32>(), with_reason, "table {}", t.id);
    }
}

#[test]
fn every_measure_of_the_text_equals_its_sum_from_the_raw_file() {
    let places = raw_locations();
    let rows = raw_2024();
    let in_region = |r: &RawPec, g: &str| places[&r.pec].1 == g;
    let issued = |keep: &dyn Fn(&RawPec) -> bool| {
        rows.iter()
            .filter(|r| keep(r))
            .map(RawPec::issued)
            .sum::<i64>()
    };
    let europe = issued(&|r| in_region(r, "europe"));
    let total = issued(&|_| true);
    let cyprus = issued(&|r| places[&r.pec].0 == "CY");
    let early = |keep: &dyn Fn(&RawPec) -> bool| {
        rows.iter()
            .filter(|r| keep(r))
            .map(|r| r.get(EARLY))
            .sum::<i64>()
    };
    // Europe's countries by ballots issued, and their count.
    let mut by_country: std::collections::BTreeMap<&str, i64> = Default::default();
    for r in rows.iter().filter(|r| in_region(r, "europe")) {
        *by_country.entry(places[&r.pec].0.as_str()).or_default() += r.issued();
    }
    let bracket = by_country
        .values()
        .filter(|&&v| (1000..3000).contains(&v))
        .count();
    let african: Vec<&RawPec> = rows.iter().filter(|r| in_region(r, "africa")).collect();
    let under_90 = african
        .iter()
        .filter(|r| 10 * r.get(PUTIN) < 9 * r.issued())
        .count();
    let gulf: Vec<&RawPec> = rows
        .iter()
        .filter(|r| ["BH", "QA", "OM", "KW", "SA"].contains(&places[&r.pec].0.as_str()))
        .collect();
    let gulf_mean = gulf.iter().map(|r| r.issued()).sum::<i64>() as f64 / gulf.len() as f64;
    let transnistria = rows
        .iter()
        .filter(|r| places[&r.pec].0 == "MD" && places[&r.pec].2)
        .count();
    // Multiples: early voting's share abroad over the national one (national totals as printed
    // in data/russia-2024.json, read here).
    let russia: Value = serde_json::from_str(&bundle_texts()["russia-2024.json"]).unwrap();
    let n = |k: &str| russia[k]["value"].as_i64().unwrap();
    let national_issued = n("early") + n("inside") + n("mobile");
    let times =
        (early(&|_| true) as f64 / total as f64) / (n("early") as f64 / national_issued as f64);
    let cases = [
        (
            "m_part",
            "country:CY",
            "part:issued of region:europe",
            pct(cyprus, europe, 2),
        ),
        (
            "m_part_national",
            "total",
            "part:issued of national",
            pct(total, national_issued, 3),
        ),
        (
            "m_places",
            "region:europe",
            "countries",
            by_country.len().to_string(),
        ),
        (
            "m_disputed",
            "disputed:MD",
            "pecs",
            transnistria.to_string(),
        ),
        (
            "m_where",
            "region:europe",
            "countries where count:issued in 1000..3000",
            bracket.to_string(),
        ),
        (
            "m_share_where",
            "region:africa",
            "share of pecs where share:putin < 90",
            pct(under_90 as i64, african.len() as i64, 1),
        ),
        (
            "m_mean",
            "countries:BH,QA,OM,KW,SA",
            "mean:issued",
            format!("{gulf_mean:.1}").replace('.', ","),
        ),
        (
            "m_times",
            "total",
            "share:early vs national",
            format!("{times:.2}").replace('.', ","),
        ),
    ];
    let engine = engine_with(
        cases
            .iter()
            .map(|(id, scope, q, printed)| figure(id, scope, q, printed))
            .collect(),
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    for (id, scope, q, printed) in &cases {
        let c = cell(&t, id, "value");
        assert_eq!(
            c.status(),
            Status::Match,
            "{id}: {q} at {scope} printed {printed}: {:?}",
            c.value
        );
    }
}

#[test]
fn a_quantity_that_matches_a_short_figure_by_chance_is_not_taken_for_its_reason() {
    // Haifa's votes for Putin equal a three-digit figure, its cancelled ballots a four-digit one:
    // only the second is a reading (one of twenty quantities lands on a three-digit figure too
    // easily).
    let haifa = raw(8096);
    let cancelled = haifa.get("Число погашенных избирательных бюллетеней");
    let putin = haifa.get(PUTIN);
    assert!((100..1000).contains(&putin) && cancelled >= 2000);
    let engine = engine_with(
        vec![
            figure("short", "pec:8096", "count:invalid", &putin.to_string()),
            figure("long", "pec:8096", "count:invalid", &cancelled.to_string()),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    assert_eq!(text_reason(&t, "long"), "other_quantity");
    assert_ne!(text_reason(&t, "short"), "other_quantity");
}

#[test]
fn a_count_given_in_thousands_and_cut_is_truncated_and_one_below_is_not() {
    // Every ballot issued abroad, summed from the raw CSV: cut to thousands it is one thousand
    // below its rounding, so only the cut explains it.
    let issued: i64 = raw_2024().iter().map(|r| r.issued()).sum();
    let cut = issued / 1000 * 1000;
    assert_ne!(
        cut,
        (issued + 500) / 1000 * 1000,
        "this count must round up"
    );
    let text = |n: i64| format!("{} {:03}", n / 1000, 0);
    let engine = engine_with(
        vec![
            figure("cut", "total", "count:issued", &text(cut)),
            figure("below", "total", "count:issued", &text(cut - 1000)),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    assert_eq!(text_reason(&t, "cut"), "truncated");
    assert_ne!(text_reason(&t, "below"), "truncated");
}

/// Thousands as the paper writes them: "41 000" for 41 thousand.
fn thousands(n: i64) -> String {
    format!("{} 000", n)
}

#[test]
fn a_hedged_figure_is_tried_against_every_quantity_within_its_hedge() {
    // The Middle East summed from the raw CEC file and the locations file.
    let places = raw_locations();
    let region: Vec<RawPec> = raw_2024()
        .into_iter()
        .filter(|r| places[&r.pec].1 == "middle_east")
        .collect();
    let sum = |f: &dyn Fn(&RawPec) -> i64| region.iter().map(f).sum::<i64>();
    let (registered, issued, valid) = (
        sum(&|r| r.get(REGISTERED)),
        sum(&RawPec::issued),
        sum(&|r| r.get(VALID)),
    );
    let cast = sum(&RawPec::cast);
    let k = registered / 1000;
    // Just above the valid ballots, in thousands, and below every other voter count.
    let m = valid / 1000 + 1;
    assert!(
        issued / 1000 < k && cast / 1000 < k && issued / 1000 > m && cast / 1000 > m,
        "the cases below are written for a list above every count of ballots"
    );
    let more_than = |id: &str, quantity: &str, thousands_: i64| {
        let mut f = figure(id, "region:middle_east", quantity, &thousands(thousands_));
        f["qualifier"] = json!("more_than");
        f
    };
    let engine = engine_with(
        vec![
            // "more than k thousand voted": the voters on the list, k 000 to k 999.
            more_than("list", "count:issued", k),
            // Nothing lies in (k+1) thousand.
            more_than("list_near", "count:issued", k + 1),
            // Valid ballots "more than m thousand": the list, ballots issued and cast are all
            // more than m thousand, but beyond the hedge ("more than 37 thousand" is not 41 229).
            more_than("list_above", "count:valid", m),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    assert_eq!(text_reason(&t, "list"), "other_quantity");
    let why = &cell(&t, "list", "value").reason().unwrap().text;
    // The quantity in words, and the count the hedge holds of ("41,229").
    let count = format!("{},{:03}", registered / 1000, registered % 1000);
    assert!(
        why.en.contains("voters on the list") && why.en.contains(&count),
        "{}",
        why.en
    );
    assert!(why.ru.contains("избирателей в списках"), "{}", why.ru);
    for near in ["list_near", "list_above"] {
        assert_ne!(text_reason(&t, near), "other_quantity", "{near}");
    }
}

#[test]
fn a_sum_of_the_parts_its_sentence_prints_explains_a_count_and_a_near_miss_does_not() {
    // Israel's three PECs: two printed in a sentence with a total for the country.
    let (jerusalem, tel_aviv, rabat) = (raw(8089), raw(8094), raw(8193));
    let parts = jerusalem.issued() + tel_aviv.issued();
    let in_sentence = |id: &str, scope: &str, printed: String, sentence: &str| {
        let mut f = figure(id, scope, "count:issued", &printed);
        f["sentence"] = json!(sentence);
        f
    };
    let engine = engine_with(
        vec![
            in_sentence("sum", "country:IL", parts.to_string(), "s1"),
            in_sentence("p1", "pec:8089", jerusalem.issued().to_string(), "s1"),
            in_sentence("p2", "pec:8094", tel_aviv.issued().to_string(), "s1"),
            // One off the sum of the parts.
            in_sentence("sum_near", "country:IL", (parts + 1).to_string(), "s2"),
            in_sentence("q1", "pec:8089", jerusalem.issued().to_string(), "s2"),
            in_sentence("q2", "pec:8094", tel_aviv.issued().to_string(), "s2"),
            // A part outside the place is no part of it.
            in_sentence(
                "sum_outside",
                "country:IL",
                (jerusalem.issued() + rabat.issued()).to_string(),
                "s3",
            ),
            in_sentence("r1", "pec:8089", jerusalem.issued().to_string(), "s3"),
            in_sentence("r2", "pec:8193", rabat.issued().to_string(), "s3"),
            // The same parts in another sentence say nothing of this one.
            in_sentence("sum_alone", "country:IL", parts.to_string(), "s4"),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    assert_eq!(text_reason(&t, "sum"), "sum_of_parts");
    let why = &cell(&t, "sum", "value").reason().unwrap().text;
    assert!(
        why.en
            .contains(&format!("= {}", parts.to_string().replace("2911", "2,911")))
            && why.ru.contains("том же предложении"),
        "{} / {}",
        why.en,
        why.ru
    );
    for near in ["sum_near", "sum_outside", "sum_alone"] {
        assert_ne!(text_reason(&t, near), "sum_of_parts", "{near}");
    }
}

#[test]
fn a_printed_count_less_the_places_set_aside_explains_the_other_places() {
    let countries = table3("countries", "middle_east");
    let besides = |id: &str, printed: i64, places: &[&str]| {
        let mut f = figure(id, "region:middle_east", "countries", &printed.to_string());
        f["besides"] = json!(places);
        f
    };
    let engine = engine_with(
        vec![
            besides("other", countries - 2, &["country:IL", "country:AE"]),
            // One place set aside, two subtracted.
            besides("other_near", countries - 2, &["country:IL"]),
            // Morocco is not in the Middle East: setting it aside takes nothing away.
            besides(
                "other_outside",
                countries - 2,
                &["country:IL", "country:MA"],
            ),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    assert_eq!(text_reason(&t, "other"), "less_named");
    let why = &cell(&t, "other", "value").reason().unwrap().text;
    assert!(
        why.en.contains("Israel") && why.en.contains("2 countries") && why.ru.contains("2 страны"),
        "{} / {}",
        why.en,
        why.ru
    );
    for near in ["other_near", "other_outside"] {
        assert_ne!(text_reason(&t, near), "less_named", "{near}");
    }
    // A figure that counts no places cannot set places aside; a place of another level is refused.
    for (quantity, place) in [("count:issued", "country:IL"), ("countries", "pec:8096")] {
        let mut f = figure("bad", "region:middle_east", quantity, "15");
        f["besides"] = json!([place]);
        let mut texts = bundle_texts();
        let mut paper: Value = serde_json::from_str(&texts["paper.json"]).unwrap();
        paper["text"].as_array_mut().unwrap().push(f);
        texts.insert("paper.json".into(), serde_json::to_string(&paper).unwrap());
        let err = Engine::load(&texts).err().expect("refused").to_string();
        assert!(err.contains("besides"), "{err}");
    }
}

/// A count as the English page prints it: "3,743".
fn en_count(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn another_quantity_a_figure_of_its_sentence_contradicts_says_so_and_one_it_reproduces_does_not() {
    // Three Israeli PECs whose valid ballots, ballots cast, issued and the list all differ: each
    // "issued" figure below prints the PEC's valid ballots, so the valid ballots explain it.
    let pecs = [raw(8089), raw(8094), raw(8096)];
    for p in &pecs {
        let v = p.get(VALID);
        assert!(
            v != p.cast() && v != p.issued() && v != p.get(REGISTERED),
            "PEC {}: the valid ballots must be no other voter count",
            p.pec
        );
    }
    let valid = |i: usize| pecs[i].get(VALID);
    let in_sentence = |id: &str, i: usize, quantity: &str, printed: i64, sentence: &str| {
        let mut f = figure(
            id,
            &format!("pec:{}", pecs[i].pec),
            quantity,
            &printed.to_string(),
        );
        f["sentence"] = json!(sentence);
        f
    };
    let engine = engine_with(
        vec![
            // The sibling is reproduced by the same substitute: no caveat.
            in_sentence("both", 0, "count:issued", valid(0), "s1"),
            in_sentence("both_sibling", 1, "count:issued", valid(1), "s1"),
            // The sibling misses it by one ballot: the caveat names it and its valid ballots.
            in_sentence("one", 0, "count:issued", valid(0), "s2"),
            in_sentence("one_sibling", 1, "count:issued", valid(1) + 1, "s2"),
            // Two siblings missed: both named, the plural agrees.
            in_sentence("two", 0, "count:issued", valid(0), "s3"),
            in_sentence("two_a", 1, "count:issued", valid(1) + 1, "s3"),
            in_sentence("two_b", 2, "count:issued", valid(2) + 1, "s3"),
            // A sibling measuring another thing (ballots cast) is no test of the substitute.
            in_sentence("other_kind", 0, "count:issued", valid(0), "s4"),
            in_sentence("other_kind_sibling", 1, "count:cast", valid(1) + 1, "s4"),
            // The same miss in another sentence says nothing of this one.
            in_sentence("alone", 0, "count:issued", valid(0), "s5"),
            in_sentence("alone_other", 1, "count:issued", valid(1) + 1, "s6"),
        ],
        |_| {},
    );
    let t = table(&engine, "text", &State::paper());
    for id in ["both", "both_sibling", "other_kind", "alone"] {
        assert_eq!(text_reason(&t, id), "other_quantity", "{id}");
    }
    assert_eq!(text_reason(&t, "one"), "other_quantity_contradicted");
    let why = &cell(&t, "one", "value").reason().unwrap().text;
    let (v0, v1, v2) = (en_count(valid(0)), en_count(valid(1)), en_count(valid(2)));
    assert!(
        why.en.starts_with("The printed figure fits the number of valid ballots")
            && why.en.contains(&format!(
                "does not reproduce the same sentence’s figure for PEC 8094 (Israel, Tel Aviv): it is {v1} there, against {v0} for this figure."
            )),
        "{}",
        why.en
    );
    assert!(
        why.ru
            .contains("не воспроизводит число того же предложения для места «УИК №8094")
            && why.ru.contains(": там она равна ")
            && !why.ru.chars().any(|c| c.is_ascii_alphabetic()),
        "{}",
        why.ru
    );
    assert_eq!(text_reason(&t, "two"), "other_quantity_contradicted");
    let why = &cell(&t, "two", "value").reason().unwrap().text;
    assert!(
        why.en
            .contains("figures for PEC 8094 (Israel, Tel Aviv) and PEC 8096")
            && why.en.contains(&format!(": it is {v1} and {v2} there")),
        "{}",
        why.en
    );
    assert!(
        why.ru
            .contains("не воспроизводит числа того же предложения для мест «УИК №8094")
            && why.ru.contains("» и «УИК №8096")
            && why.ru.contains(": там она равна "),
        "{}",
        why.ru
    );
}
