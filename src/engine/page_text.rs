//! The page for a redraw as JSON text, section by section, each with a fingerprint of its
//! content: a section whose fingerprint the page already holds is left out and named unchanged,
//! so it is neither sent, nor parsed, nor drawn again (a slider's move leaves the tabs, the pin
//! and often charts as they were; a change of view leaves everything but the table).

use super::Engine;
use super::page::Page;
use serde::Serialize;
use std::fmt::Write;

/// The page's sections, in the order they are written.
pub const SECTIONS: [&str; 11] = [
    "here",
    "errors",
    "controls",
    "description",
    "headline",
    "tabs",
    "table",
    "charts",
    "claims",
    "pin",
    "map",
];

/// A 64-bit FNV-1a fingerprint of a section's JSON text, in hex. Two different contents with the
/// same fingerprint would need a 64-bit collision between one redraw and the next.
pub fn fingerprint(json: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in json.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What the page holds: `"section:fingerprint,…"` (the `versions` of the last page it drew).
fn known_of(known: &str) -> Vec<(&str, &str)> {
    known
        .split(',')
        .filter_map(|pair| pair.split_once(':'))
        .collect()
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the page's sections are plain data")
}

/// Each section of a page as JSON text, by name, in `SECTIONS`' order.
pub fn section_texts(page: &Page) -> Vec<(&'static str, String)> {
    let texts = [
        json(&page.here),
        json(&page.errors),
        json(&page.controls),
        json(&page.description),
        json(&page.headline),
        json(&page.tabs),
        json(&page.table),
        json(&page.charts),
        json(&page.claims),
        json(&page.pin),
        json(&page.map),
    ];
    SECTIONS.into_iter().zip(texts).collect()
}

impl Engine {
    /// The page for a URL hash as JSON text: every section whose fingerprint is not in `known`
    /// (`"table:…,charts:…"`; "" for none), `unchanged` naming the others, and `versions` every
    /// section's fingerprint, for the next call.
    pub fn page_text(&self, hash: &str, known: &str) -> Result<String, super::EngineError> {
        let page = self.page(hash)?;
        let known = known_of(known);
        let mut out = String::from("{");
        let mut unchanged = Vec::new();
        let mut versions = Vec::new();
        for (name, text) in section_texts(&page) {
            let print = fingerprint(&text);
            if known.contains(&(name, print.as_str())) {
                unchanged.push(name);
            } else {
                let _ = write!(out, "\"{name}\":{text},");
            }
            versions.push((name, print));
        }
        let _ = write!(out, "\"unchanged\":{},\"versions\":{{", json(&unchanged));
        let list: Vec<String> = versions
            .iter()
            .map(|(name, print)| format!("\"{name}\":\"{print}\""))
            .collect();
        out.push_str(&list.join(","));
        out.push_str("}}");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_contents_apart() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint("[1,2]"), fingerprint("[2,1]"));
    }

    #[test]
    fn known_fingerprints_are_read_by_section() {
        assert_eq!(
            known_of("table:00ff,map:12"),
            vec![("table", "00ff"), ("map", "12")]
        );
        assert!(known_of("").is_empty());
    }
}
