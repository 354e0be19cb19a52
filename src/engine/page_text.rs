//! The page for a redraw as JSON text, section by section, each with a fingerprint of its
//! content: a section whose fingerprint the page already holds is left out and named unchanged,
//! so it is neither sent, nor parsed, nor drawn again (a slider's move leaves the tabs, the pin
//! and often charts as they were; a change of view leaves everything but the table).
//!
//! A slider's move changes every large section, but not every part of one: of Table 3's rows,
//! the claims, the charts and the controls, most stay as they were when one weight moves. Those
//! sections (`ITEMIZED`; the table by its rows) carry a fingerprint per item as well: an item the
//! page holds at the same place is sent as `null` and named in `reused`, and the page takes it
//! from the page it drew last.

use super::Engine;
use super::page::Page;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{BuildHasher, Hasher};

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

/// The sections fingerprinted item by item (the table by its rows).
pub const ITEMIZED: [&str; 4] = ["controls", "table", "charts", "claims"];

/// A fixed seed: the same text has the same fingerprint in every engine and every session.
const SEED: u64 = 0x7265_7765_6967_6821;

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = foldhash::quality::FixedState::with_seed(SEED).build_hasher();
    h.write(bytes);
    h.finish()
}

/// A 64-bit fingerprint of a text (foldhash's quality variant, fixed seed), in hex. Two
/// different contents with the same fingerprint would need a 64-bit collision between one
/// redraw and the next.
pub fn fingerprint(json: &str) -> String {
    format!("{:016x}", hash_bytes(json.as_bytes()))
}

/// A section as text: `before`, then, for an itemized section, its items as a JSON array,
/// then `after`. The whole text is exactly the section's JSON (`section_texts`).
pub struct SectionText {
    pub name: &'static str,
    before: String,
    /// `None`: the section is not itemized (all of it is in `before`).
    items: Option<Vec<String>>,
    after: String,
    print: u64,
    item_prints: Vec<u64>,
}

impl SectionText {
    fn whole(name: &'static str, text: String) -> SectionText {
        let print = hash_bytes(text.as_bytes());
        SectionText {
            name,
            before: text,
            items: None,
            after: String::new(),
            print,
            item_prints: Vec::new(),
        }
    }

    /// Around `items` (each an item's JSON): `before` and `after`.
    fn itemized(name: &'static str, before: String, items: Vec<String>, after: String) -> Self {
        let item_prints: Vec<u64> = items.iter().map(|t| hash_bytes(t.as_bytes())).collect();
        let mut h = foldhash::quality::FixedState::with_seed(SEED).build_hasher();
        h.write(before.as_bytes());
        h.write_u8(b'[');
        for p in &item_prints {
            h.write_u64(*p);
        }
        h.write_u8(b']');
        h.write(after.as_bytes());
        SectionText {
            name,
            before,
            items: Some(items),
            after,
            print: h.finish(),
            item_prints,
        }
    }

    /// The section's fingerprint (of its items' fingerprints, for an itemized one).
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", self.print)
    }

    /// Each item's fingerprint (none for a section that is not itemized).
    pub fn item_fingerprints(&self) -> Vec<String> {
        self.item_prints
            .iter()
            .map(|p| format!("{p:016x}"))
            .collect()
    }

    /// The section's JSON, the items at `reused` written as `null`.
    fn write(&self, out: &mut String, reused: &[usize]) {
        out.push_str(&self.before);
        if let Some(items) = &self.items {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(if reused.contains(&i) { "null" } else { item });
            }
            out.push(']');
        }
        out.push_str(&self.after);
    }

    /// The section's whole JSON.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, &[]);
        out
    }
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the page’s sections are plain data")
}

fn items<T: Serialize>(name: &'static str, list: &[T]) -> SectionText {
    SectionText::itemized(
        name,
        String::new(),
        list.iter().map(json).collect(),
        String::new(),
    )
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

/// Each section of a page, itemized where `ITEMIZED` says, in `SECTIONS`' order: the same
/// texts as `section_texts`, each item serialized once.
pub fn sections(mut page: Page) -> Vec<SectionText> {
    let rows = std::mem::take(&mut page.table.rows);
    let head = json(&page.table);
    // The table without its rows: `"rows":[]` occurs once, as the table's own key (no other
    // part of the table has a field of that name, and a string's quotes are escaped).
    let key = "\"rows\":";
    let at = head.find("\"rows\":[]").expect("a table has rows") + key.len();
    let table = SectionText::itemized(
        "table",
        head[..at].to_string(),
        rows.iter().map(json).collect(),
        head[at + 2..].to_string(),
    );
    vec![
        SectionText::whole("here", json(&page.here)),
        SectionText::whole("errors", json(&page.errors)),
        items("controls", &page.controls),
        SectionText::whole("description", json(&page.description)),
        SectionText::whole("headline", json(&page.headline)),
        SectionText::whole("tabs", json(&page.tabs)),
        table,
        items("charts", &page.charts),
        items("claims", &page.claims),
        SectionText::whole("pin", json(&page.pin)),
        SectionText::whole("map", json(&page.map)),
    ]
}

/// What the page holds: `"section:fingerprint,…"` (the `versions` of the last page it drew),
/// and `"section#i:fingerprint"` for the items of an itemized section (its `items`).
struct Known<'a> {
    sections: Vec<(&'a str, &'a str)>,
    items: HashMap<(&'a str, usize), &'a str>,
}

fn known_of(known: &str) -> Known<'_> {
    let mut out = Known {
        sections: Vec::new(),
        items: HashMap::new(),
    };
    for (name, print) in known.split(',').filter_map(|pair| pair.split_once(':')) {
        match name.split_once('#') {
            Some((section, i)) => {
                if let Ok(i) = i.parse::<usize>() {
                    out.items.insert((section, i), print);
                }
            }
            None => out.sections.push((name, print)),
        }
    }
    out
}

impl Engine {
    /// The page for a URL hash as JSON text: every section whose fingerprint is not in `known`
    /// (`"table:…,charts:…,claims#3:…"`; "" for none), `unchanged` naming the others, `reused`
    /// the items of a section sent that the page holds (sent as `null`), `versions` every
    /// section's fingerprint and `items` every item's, for the next call.
    pub fn page_text(&self, hash: &str, known: &str) -> Result<String, super::EngineError> {
        let page = self.page(hash)?;
        let known = known_of(known);
        let mut out = String::with_capacity(1 << 17);
        out.push('{');
        let mut unchanged = Vec::new();
        let mut reused_all: Vec<(&str, Vec<usize>)> = Vec::new();
        let sections = sections(page);
        for section in &sections {
            let (name, print) = (section.name, section.fingerprint());
            if known.sections.contains(&(name, print.as_str())) {
                unchanged.push(name);
                continue;
            }
            let reused: Vec<usize> = section
                .item_prints
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    known
                        .items
                        .get(&(name, *i))
                        .is_some_and(|k| u64::from_str_radix(k, 16) == Ok(**p))
                })
                .map(|(i, _)| i)
                .collect();
            let _ = write!(out, "\"{name}\":");
            section.write(&mut out, &reused);
            out.push(',');
            if !reused.is_empty() {
                reused_all.push((name, reused));
            }
        }
        let _ = write!(out, "\"unchanged\":{},\"reused\":{{", json(&unchanged));
        let reused: Vec<String> = reused_all
            .iter()
            .map(|(name, list)| format!("\"{name}\":{}", json(list)))
            .collect();
        out.push_str(&reused.join(","));
        out.push_str("},\"versions\":{");
        let versions: Vec<String> = sections
            .iter()
            .map(|s| format!("\"{}\":\"{}\"", s.name, s.fingerprint()))
            .collect();
        out.push_str(&versions.join(","));
        out.push_str("},\"items\":{");
        let items: Vec<String> = sections
            .iter()
            .filter(|s| s.items.is_some())
            .map(|s| format!("\"{}\":{}", s.name, json(&s.item_fingerprints())))
            .collect();
        out.push_str(&items.join(","));
        out.push_str("}}");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_contents_apart() {
        assert_eq!(fingerprint("").len(), 16);
        assert_ne!(fingerprint("[1,2]"), fingerprint("[2,1]"));
        assert_ne!(fingerprint(""), fingerprint("a"));
    }

    #[test]
    fn an_itemized_section_is_its_items_as_an_array() {
        let list = ["a", "b\"c"];
        let s = items("claims", &list);
        assert_eq!(s.text(), json(&list));
        let mut out = String::new();
        s.write(&mut out, &[1]);
        assert_eq!(out, r#"["a",null]"#);
        assert_eq!(
            s.item_fingerprints(),
            vec![fingerprint("\"a\""), fingerprint(r#""b\"c""#)]
        );
        // The section's fingerprint follows every item's.
        assert_ne!(s.fingerprint(), items("claims", &["a", "c"]).fingerprint());
        assert_ne!(
            s.fingerprint(),
            items("claims", &["b\"c", "a"]).fingerprint()
        );
    }

    #[test]
    fn known_fingerprints_are_read_by_section_and_item() {
        let k = known_of("table:00ff,map:12,claims#3:ab,claims#x:1");
        assert_eq!(k.sections, vec![("table", "00ff"), ("map", "12")]);
        assert_eq!(k.items.len(), 1);
        assert_eq!(k.items.get(&("claims", 3)), Some(&"ab"));
        let none = known_of("");
        assert!(none.sections.is_empty() && none.items.is_empty());
    }
}
