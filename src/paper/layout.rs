//! The layout of the paper's tables: which rows and columns it printed, by id. Published
//! figures (data/paper.json) are checked against it when the study is built.

use crate::data::model::PAPER_REGIONS;

pub const TABLE_IDS: [&str; 8] = ["1", "2", "3", "4", "text", "russia", "countries", "pecs"];
/// The tables that carry published figures (exported in long form, one line per cell).
pub const AUDITED_TABLES: [&str; 5] = ["1", "2", "3", "4", "text"];

pub const TABLE1_YEARS: [&str; 5] = ["2004", "2008", "2012", "2018", "2024"];
pub const TABLE1_COLUMNS: [&str; 5] = [
    "countries",
    "pecs",
    "voters",
    "winner_votes",
    "winner_share",
];
pub const TABLE2_ROWS: [&str; 11] = [
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
pub const TABLE2_PUBLISHED_COLUMNS: [&str; 4] =
    ["abroad", "abroad_share", "russia", "russia_share"];
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
pub const TABLE4_ROWS: [&str; 9] = [
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
