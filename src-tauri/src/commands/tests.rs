//! The command table against the command functions' source: the compiler
//! checks the argument types and order, these tests the names (which are
//! what crosses) and the attribute that keeps them snake_case.

use super::{sources, table};

/// The parameter names of `pub async fn name(...)` in `source`, and the line above it.
fn parameters<'a>(source: &'a str, name: &str) -> Option<(Vec<&'a str>, &'a str)> {
    let start = source.find(&format!("pub async fn {name}("))?;
    let attribute = source[..start].trim_end().lines().last().unwrap_or("");
    let open = start + source[start..].find('(')?;
    let mut depth = 0;
    let mut names = Vec::new();
    let mut item = open + 1;
    for (i, c) in source[open..].char_indices() {
        let at = open + i;
        match c {
            '(' | '<' => depth += 1,
            '>' => depth -= 1,
            ')' if depth == 1 => {
                names.push(&source[item..at]);
                break;
            }
            ')' => depth -= 1,
            ',' if depth == 1 => {
                names.push(&source[item..at]);
                item = at + 1;
            }
            _ => {}
        }
    }
    let names = names
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.split(':').next().unwrap_or("").trim())
        .collect();
    Some((names, attribute))
}

#[test]
fn every_listed_argument_is_named_as_the_functions_parameter() {
    let sources = sources();
    for command in table() {
        let (_, source) = sources
            .iter()
            .find(|(name, _)| *name == command.name)
            .expect("every command has its source");
        let (params, attribute) = parameters(source, command.name).unwrap_or_else(|| {
            panic!(
                "no `pub async fn {}(` in commands/{}.rs",
                command.name, command.room
            )
        });
        assert_eq!(
            attribute.trim(),
            "#[tauri::command(rename_all = \"snake_case\")]",
            "{}: arguments cross in snake_case",
            command.name
        );
        assert_eq!(params.first(), Some(&"door"), "{}", command.name);
        let listed: Vec<&str> = command.args.iter().map(|a| a.name).collect();
        assert_eq!(
            params[1..],
            listed[..],
            "{}: the table's argument names must be the function's",
            command.name
        );
    }
}

#[test]
fn parameter_names_are_read_across_generic_types() {
    let source = "#[tauri::command(rename_all = \"snake_case\")]\npub async fn f(door: Door, a: Option<Vec<(i64, String)>>, b_c: HashMap<String, u32>,\n) -> X {";
    let (names, attribute) = parameters(source, "f").unwrap();
    assert_eq!(names, ["door", "a", "b_c"]);
    assert!(attribute.contains("snake_case"));
}
