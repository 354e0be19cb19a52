//! The wall between layers, as a test: every module under `src/` imports only from its own layer
//! or the layers below it (README's architecture section), no import cycle exists among the
//! modules, and no file is a warehouse (over 700 lines).
//!
//! Imports are read from the source text: `use crate::…`, `use super::…` (use trees expanded)
//! and `crate::…` paths written inline, with comments, strings and test modules left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may import from its own layer and those before it.
const LAYERS: [&str; 8] = [
    "text", "data", "reading", "paper", "analysis", "output", "engine", "web",
];
const MAX_LINES: usize = 700;

type Module = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under src/ but the binaries, with its module path.
fn modules(dir: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(dir).unwrap().with_extension("");
            let mut parts: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The text without comments, string contents and the test module.
fn code_of(text: &str) -> String {
    let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
    let text = &text[..cut];
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if text[i..].starts_with("//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if text[i..].starts_with("/*") {
            let end = text[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2);
            i = end;
        } else if bytes[i] == b'"' {
            out.push_str("\"\"");
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if bytes[i] == b'\'' && i + 2 < bytes.len() && bytes[i + 2] == b'\'' {
            // A char literal like '{' must not open a use tree.
            i += 3;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Expand a use tree body (`a::{b, c::{D, E}}`) into full paths.
fn expand(prefix: &[String], body: &str, out: &mut Vec<Module>) {
    let mut parts = Vec::new();
    let (mut depth, mut current) = (0, String::new());
    for c in body.chars() {
        match c {
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            '{' => {
                depth += 1;
                current.push(c)
            }
            '}' => {
                depth -= 1;
                current.push(c)
            }
            _ => current.push(c),
        }
    }
    parts.push(current);
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some(open) = part.find('{') {
            let head: Vec<String> = part[..open]
                .split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let inner = &part[open + 1..part.rfind('}').unwrap_or(part.len())];
            let mut p = prefix.to_vec();
            p.extend(head);
            expand(&p, inner, out);
        } else {
            let path = part.split(" as ").next().unwrap_or(part);
            let mut p = prefix.to_vec();
            p.extend(
                path.split("::")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            );
            out.push(p);
        }
    }
}

/// The paths a module's code names: use trees from crate/super/self, and inline `crate::` paths.
fn paths_in(module: &Module, code: &str) -> Vec<Module> {
    let mut found = Vec::new();
    let parent = || module[..module.len().saturating_sub(1)].to_vec();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before_ok = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric();
        let tail = &rest[at + 4..];
        let end = tail.find(';').unwrap_or(tail.len());
        let body = tail[..end].trim();
        if before_ok {
            let (base, body) = if let Some(b) = body.strip_prefix("crate::") {
                (Some(Vec::new()), b)
            } else if let Some(b) = body.strip_prefix("super::") {
                (Some(parent()), b)
            } else if let Some(b) = body.strip_prefix("self::") {
                (Some(module.clone()), b)
            } else {
                (None, body)
            };
            if let Some(base) = base {
                let body = body.trim();
                let body = body
                    .strip_prefix('{')
                    .and_then(|b| b.strip_suffix('}'))
                    .unwrap_or(body);
                expand(&base, body, &mut found);
            }
        }
        rest = &tail[end.min(tail.len())..];
    }
    // Inline paths (`crate::a::b(…)`, `super::x::f(…)`), not only `use` lines.
    let inline = [("crate::", Vec::new()), ("super::", parent())];
    for (prefix, base) in &inline {
        for (i, _) in code.match_indices(prefix) {
            let before = if i > 0 { code.as_bytes()[i - 1] } else { b' ' };
            if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
                continue;
            }
            let segments = inline_path(&code[i + prefix.len()..]);
            // `super::{…}` is a use tree, read above.
            if !segments.is_empty() {
                let mut path = base.clone();
                path.extend(segments);
                found.push(path);
            }
        }
    }
    found
}

/// The identifiers of a path's text, up to the first segment that is not one.
fn inline_path(tail: &str) -> Vec<String> {
    let mut path = Vec::new();
    for seg in tail.split("::") {
        let ident: String = seg
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            break;
        }
        let whole = ident.len() == seg.len();
        path.push(ident);
        if !whole {
            break;
        }
    }
    path
}

/// The longest prefix of `path` that is a module.
fn resolve(path: &Module, mods: &BTreeSet<Module>) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| mods.contains(p))
}

fn layer(module: &Module) -> Option<usize> {
    module
        .first()
        .and_then(|top| LAYERS.iter().position(|l| l == top))
}

/// Module → the modules it imports (a module's own ancestors are not edges: a folder's mod.rs
/// re-exports its children).
fn edges() -> BTreeMap<Module, BTreeSet<Module>> {
    let files = modules(&src());
    let mods: BTreeSet<Module> = files.keys().cloned().collect();
    let mut edges = BTreeMap::new();
    for (module, path) in &files {
        let code = code_of(&std::fs::read_to_string(path).unwrap());
        let targets: BTreeSet<Module> = paths_in(module, &code)
            .iter()
            .filter_map(|p| resolve(p, &mods))
            .filter(|t| !t.is_empty() && t != module && !module.starts_with(t))
            .collect();
        edges.insert(module.clone(), targets);
    }
    edges
}

fn name(m: &Module) -> String {
    m.join("::")
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let mut upward = Vec::new();
    for (module, targets) in edges() {
        let Some(own) = layer(&module) else {
            assert!(
                module.is_empty(),
                "{} is in no layer: add it to LAYERS",
                name(&module)
            );
            continue;
        };
        for t in targets {
            if layer(&t).is_some_and(|l| l > own) {
                upward.push(format!("{} -> {}", name(&module), name(&t)));
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn no_import_cycle() {
    let graph = edges();
    // Depth-first search; a back edge closes a cycle.
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        path: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        state.insert(m.clone(), 1);
        path.push(m.clone());
        for t in graph.get(m).into_iter().flatten() {
            match state.get(t) {
                Some(1) => {
                    let start = path.iter().position(|p| p == t).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(t.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(t, graph, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        if !state.contains_key(m) {
            let cycle = visit(m, &graph, &mut state, &mut Vec::new());
            assert!(
                cycle.is_none(),
                "import cycle: {}",
                cycle
                    .unwrap()
                    .iter()
                    .map(name)
                    .collect::<Vec<_>>()
                    .join(" -> ")
            );
        }
    }
}

#[test]
fn no_file_is_a_warehouse() {
    let too_long: Vec<String> = modules(&src())
        .values()
        .chain(std::iter::once(&src().join("bin/reweigh.rs")))
        .filter_map(|p| {
            let lines = std::fs::read_to_string(p).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", p.display()))
        })
        .collect();
    assert!(too_long.is_empty(), "over {MAX_LINES} lines: {too_long:?}");
}

#[test]
fn the_reader_finds_real_imports() {
    // The parser itself, on a known shape: a use tree, super, an inline path, a string.
    let module: Module = vec!["paper".into(), "tables".into(), "table1".into()];
    let code = code_of(
        "use super::{layout::X, study::Study};\nuse crate::reading::{aggregate::{Sums, share}, state};\nfn f() { crate::text::numtext::fixed(1.0, 2); super::reasons::why(); let s = \"crate::engine::x\"; }\n// crate::web::y\n",
    );
    let paths: Vec<String> = paths_in(&module, &code).iter().map(name).collect();
    for expected in [
        "paper::tables::layout::X",
        "paper::tables::study::Study",
        "reading::aggregate::Sums",
        "reading::state",
        "text::numtext::fixed",
        "paper::tables::reasons::why",
    ] {
        assert!(
            paths.contains(&expected.to_string()),
            "{expected} in {paths:?}"
        );
    }
    assert!(
        !paths
            .iter()
            .any(|p| p.starts_with("engine") || p.starts_with("web")),
        "{paths:?}"
    );
}
