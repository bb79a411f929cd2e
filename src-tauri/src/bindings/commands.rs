//! `commands.ts`: one typed function per command of the table, and the
//! `Commands` map the e2e harness types its calls with.

use std::fmt::Write as _;

use super::{Describe, Types, HEADER};

/// One command of the table: its room, its name and what crosses.
pub struct Command {
    /// The module in `commands/` it lives in.
    pub room: &'static str,
    /// The command's name (what the UI invokes).
    pub name: &'static str,
    /// Its arguments, in order, by their wire names.
    pub args: Vec<Arg>,
    /// What `Ok` carries.
    pub result: Describe,
}

/// One argument of a command.
pub struct Arg {
    /// The wire name (snake_case, as the Rust parameter).
    pub name: &'static str,
    /// Its type.
    pub ty: Describe,
}

/// `item_no` → `itemNo`.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

pub(super) fn render(table: &[Command], all: &mut Types<'_>) -> String {
    let mut types = Types::new(all.cfg);
    let mut map = String::new();
    let mut functions = String::new();
    for c in table {
        let args: Vec<(&str, String, String)> = c
            .args
            .iter()
            .map(|a| (a.name, camel(a.name), (a.ty)(&mut types)))
            .collect();
        let result = (c.result)(&mut types);
        let wire: Vec<String> = args.iter().map(|(n, _, t)| format!("{n}: {t}")).collect();
        let wire = if wire.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {} }}", wire.join("; "))
        };
        let _ = writeln!(map, "  {}: {{ args: {wire}; result: {result} }};", c.name);
        let params: Vec<String> = args.iter().map(|(_, p, t)| format!("{p}: {t}")).collect();
        let values: Vec<String> = args
            .iter()
            .map(|(n, p, _)| {
                if n == p {
                    n.to_string()
                } else {
                    format!("{n}: {p}")
                }
            })
            .collect();
        let values = if values.is_empty() {
            "{}".to_string()
        } else {
            format!("{{ {} }}", values.join(", "))
        };
        let _ = writeln!(
            functions,
            "/** `{}::{}` */\nexport const {} = ({}): Promise<{result}> =>\n  call(\"{}\", {values});",
            c.room,
            c.name,
            camel(c.name),
            params.join(", "),
            c.name,
        );
    }
    let out = format!(
        "{HEADER}import {{ call }} from \"../invoke\";\n{}\n\
         /** Every command: the arguments it takes (by their snake_case names) and what it returns. */\n\
         export type Commands = {{\n{map}}};\n\n{functions}",
        types.imports()
    );
    all.merge(types);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_become_camel_case() {
        assert_eq!(super::camel("item_no"), "itemNo");
        assert_eq!(super::camel("ledger_query"), "ledgerQuery");
        assert_eq!(super::camel("id"), "id");
    }
}
