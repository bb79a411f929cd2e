//! The shape of `src/`: no cycle between its top-level modules, no file too
//! long to read. Both are read from the sources themselves (every `.rs` file
//! under `src/` except `src/bin/`, the command line being a door, not a
//! module of the core).
//!
//! A reference is `crate::<module>` in code (comments are skipped), including
//! each member of a group `use crate::{a, b::c}`. Set `DUBAN_ARCH_SRC` to
//! check another tree (e.g. an older checkout) with the same rules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file of the core may be (house rule).
const MAX_LINES: usize = 600;

fn src_root() -> PathBuf {
    match std::env::var_os("DUBAN_ARCH_SRC") {
        Some(dir) => PathBuf::from(dir),
        None => crate::support::repo_dir().join("src"),
    }
}

/// Every `.rs` file under `dir`, skipping `src/bin`.
fn rust_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p == root.join("bin") {
            continue;
        }
        if p.is_dir() {
            rust_files(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules of the crate: `src/<name>.rs` and `src/<name>/`.
fn top_modules(root: &Path) -> BTreeSet<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "bin" && n != "lib.rs"))
        .filter_map(|p| {
            if p.is_dir() {
                p.file_name().map(|n| n.to_string_lossy().into_owned())
            } else if p.extension().is_some_and(|x| x == "rs") {
                p.file_stem().map(|n| n.to_string_lossy().into_owned())
            } else {
                None
            }
        })
        .collect()
}

/// The top-level module a file belongs to (`None` for `lib.rs`).
fn owner(root: &Path, file: &Path) -> Option<String> {
    let first = file.strip_prefix(root).ok()?.components().next()?;
    let name = first.as_os_str().to_string_lossy();
    if name == "lib.rs" {
        return None;
    }
    Some(name.trim_end_matches(".rs").to_string())
}

/// The code of a file with its comments blanked out (line comments, doc
/// comments and block comments; string literals are left alone, which is
/// enough since none spells a path).
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_block = 0usize;
    while !rest.is_empty() {
        if in_block > 0 {
            if let Some(r) = rest.strip_prefix("*/") {
                in_block -= 1;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("/*") {
                in_block += 1;
                rest = r;
            } else {
                let c = rest.chars().next().unwrap();
                if c == '\n' {
                    out.push('\n');
                }
                rest = &rest[c.len_utf8()..];
            }
        } else if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else if let Some(r) = rest.strip_prefix("/*") {
            in_block = 1;
            rest = r;
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The first path segment of each member of a `{…}` group (nested groups
/// belong to their member and are skipped).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            current.push(c);
        }
    }
    heads.push(current);
    heads
        .iter()
        .filter_map(|h| h.trim().split("::").next())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .collect()
}

/// The modules a piece of code names as `crate::x` or `crate::{x, y::z}`,
/// each with the line it is named on.
fn references(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find("crate::") {
        let at = from + i;
        let after = &code[at + "crate::".len()..];
        let line = code[..at].matches('\n').count() + 1;
        let before = code[..at].chars().last();
        from = at + "crate::".len();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `my_crate::` is not ours (`$crate::` is, and counts)
        }
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1usize;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(group.len(), |(j, _)| j);
            for head in group_heads(&group[..end]) {
                out.push((head, line));
            }
        } else {
            let head: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push((head, line));
        }
    }
    out
}

/// Module → module it names → the first place it does so (`file:line`).
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn module_graph(root: &Path) -> Graph {
    let modules = top_modules(root);
    let mut files = Vec::new();
    rust_files(root, root, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let Some(from) = owner(root, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for (to, line) in references(&code_of(&text)) {
            if to != from && modules.contains(&to) {
                let place = format!(
                    "{}:{line}",
                    file.strip_prefix(root).unwrap_or(&file).display()
                );
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert(place);
            }
        }
    }
    graph
}

/// Cycles as `a -> b -> a`: for each module (in name order) not already
/// named in a reported cycle, the shortest cycle through it, if any.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for start in graph.keys() {
        if reported.contains(start) {
            continue;
        }
        // Breadth-first from `start` back to `start`: the shortest cycle.
        let mut parent: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        let mut closed = None;
        'search: while let Some(at) = queue.pop_front() {
            for next in graph.get(&at).into_iter().flat_map(|m| m.keys()) {
                if next == start {
                    closed = Some(at.clone());
                    break 'search;
                }
                if !parent.contains_key(next) {
                    parent.insert(next.clone(), at.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        if let Some(mut at) = closed {
            // Walk back from the last module before `start` to `start`.
            let mut back = Vec::new();
            while at != *start {
                back.push(at.clone());
                at = parent[&at].clone();
            }
            back.reverse();
            let mut path = vec![start.clone()];
            path.extend(back);
            path.push(start.clone());
            reported.extend(path.iter().cloned());
            found.push(path);
        }
    }
    found
}

fn describe(graph: &Graph, cycle: &[String]) -> String {
    let steps: Vec<String> = cycle
        .windows(2)
        .map(|w| format!("    {} -> {}  ({})", w[0], w[1], graph[&w[0]][&w[1]]))
        .collect();
    format!("{}\n{}", cycle.join(" -> "), steps.join("\n"))
}

#[test]
fn no_module_cycle_in_src() {
    let root = src_root();
    let graph = module_graph(&root);
    assert!(
        graph.len() > 5,
        "the module graph of {} is nearly empty: the reader is broken",
        root.display()
    );
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "module cycles in {} (move the shared piece down into a module both \
         may use, or the dependent piece up):\n{}",
        root.display(),
        found
            .iter()
            .map(|c| describe(&graph, c))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn no_source_file_longer_than_the_rule() {
    let root = src_root();
    let mut files = Vec::new();
    rust_files(&root, &root, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("    {} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "source files over {MAX_LINES} lines (split them into named parts):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_reader_sees_groups_and_skips_comments() {
    let code = code_of(
        "use crate::{a::X, b, c::{d, e}};\n// crate::f\n/* crate::g */ let x = crate::h::y();\n",
    );
    let heads: Vec<String> = references(&code).into_iter().map(|(m, _)| m).collect();
    assert_eq!(heads, ["a", "b", "c", "h"]);
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut graph = Graph::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")] {
        graph
            .entry(a.into())
            .or_default()
            .insert(b.into(), "x.rs:1".into());
    }
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c", "a"]]);
    graph.get_mut("c").unwrap().remove("a");
    assert!(cycles(&graph).is_empty());
}
