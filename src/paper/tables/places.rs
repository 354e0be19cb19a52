//! The countries and PECs tables: every place with its counts, shares and evidence.

use super::*;
use crate::text::Lang;
use crate::text::plural::{COUNTRY, PEC};

pub(super) fn places_table(ctx: &Context, pecs: bool) -> Table {
    let state = ctx.state;
    let (base_en, base_ru) = base_names(state.base);
    let mut columns = Vec::new();
    if pecs {
        columns.push(column("pec", "PEC", "УИК", ColumnUnit::Text));
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
        ("opposition", "“Opposition”", "«Оппозиция»"),
    ] {
        columns.push(column(id, en, ru, ColumnUnit::Count));
    }
    for (id, en, ru) in [
        ("opposition_share", "“Opposition”, %", "«Оппозиция», %"),
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
        "Won by the “opposition”",
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
            if let Some(country) = &a.place.country_id {
                filters.push(format!("country:{country}"));
            }
            let scope = if pecs {
                format!("pec:{}", a.id)
            } else {
                format!("country:{}", a.id)
            };
            if pecs {
                // A PEC number is a name, not a count: shown as written, never grouped.
                cells.push(Cell::plain(Value::Text(Text::same(a.id.clone()))));
                let country = a.place.country.clone().unwrap_or_default();
                let dash = |t: &str| {
                    if t.is_empty() {
                        "—".to_string()
                    } else {
                        t.to_string()
                    }
                };
                cells.push(Cell::plain(Value::Text(Text::new(
                    dash(&country.en),
                    dash(&country.ru),
                ))));
                cells.push(Cell::plain(Value::Text(
                    a.place.city.as_deref().cloned().unwrap_or_default(),
                )));
            } else {
                cells.push(Cell::text(&a.name.en, &a.name.ru));
                let code = if a.id == UNASSIGNED.id {
                    "—"
                } else {
                    a.id.as_str()
                };
                cells.push(Cell::text(code, code));
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
                cells.push(Cell::plain(Value::Text(
                    a.place
                        .evidence_note
                        .as_deref()
                        .cloned()
                        .unwrap_or_default(),
                )));
            }
            Row {
                id: a.id.to_string(),
                label: Text::new(a.name.en.to_string(), a.name.ru.to_string()),
                unit: None,
                scope: Some(scope),
                filters,
                cells,
            }
        })
        .collect();
    // Why the countries table has a row more than there are countries.
    let unassigned = (!pecs)
        .then(|| list.iter().find(|a| a.id == UNASSIGNED.id))
        .flatten();
    let rows_note = unassigned.map(|row| {
        let countries = (list.len() - 1) as u64;
        let pecs = u64::from(row.pecs);
        Text::by(|l| match l {
            Lang::En => format!(
                "{}, and one row more: the PECs whose country is not established ({}).",
                COUNTRY.count(countries, l),
                PEC.count(pecs, l)
            ),
            Lang::Ru => format!(
                "{} и ещё одна строка: УИК без установленной страны ({}).",
                COUNTRY.count(countries, l),
                PEC.count(pecs, l)
            ),
        })
    });
    let (title_en, title_ru) = if pecs {
        ("Every PEC abroad", "Все зарубежные УИК")
    } else {
        ("Every country", "Все страны")
    };
    Table {
        id: if pecs { "pecs" } else { "countries" }.into(),
        title: Text::new(title_en, title_ru),
        published_in: None,
        columns,
        rows,
        notes: rows_note
            .into_iter()
            .chain(notes(
            vec![format!(
                "Shares are of {base_en}. “Won” is empty for rows left out of the win counts (fewer ballots issued than the smallest size counted, or no established country). Inferred and unknown locations are not established fact."
            )],
            vec![format!(
                "Доли — от числа {base_ru}. «Победа» пуста для строк, не учитываемых в подсчёте побед (выдано меньше бюллетеней, чем минимальный учитываемый размер, или страна не установлена). Выведенные и неизвестные места — не установленный факт."
            )],
        ))
            .collect(),
        audit: AuditSummary::default(),
        row_header: None,
    }
}
