//! clap's help in Chinese, for every command: the headings (用法, 参数, 选项,
//! 命令), the help and version flags, and each option's default and choices
//! written into its own line (clap prints `[default: …]` and `Possible
//! values` in English and offers no translation of them).

use clap::{Arg, ArgAction, Command};

/// The help page: about, usage, arguments/options/commands, after-help.
const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// `cmd` and all its subcommands with Chinese help; `root` adds `--version`.
pub fn localize(cmd: Command, root: bool) -> Command {
    // Under a heading of their own, arguments are listed by display order
    // (then name): keep the positional ones in the order they are typed.
    let mut position = 0;
    let cmd = cmd.mut_args(|a| {
        if a.is_positional() {
            position += 1;
            a.display_order(position)
        } else {
            a
        }
    });
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        // `duban help X` is `duban X --help`; the generated subcommand's
        // description is English.
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(chinese_arg)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    cmd.mut_subcommands(|c| localize(c, false))
}

/// One argument under 参数 or 选项, with `（默认：…；可选：…）` after its help.
fn chinese_arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let mut notes = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        notes.push(format!("默认：{}", defaults.join("、")));
    }
    let choices: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| match p.get_help() {
            Some(h) => format!("{}（{h}）", p.get_name()),
            None => p.get_name().to_string(),
        })
        .collect();
    // Only an option that takes a value has a default or choices to print
    // (a flag's own true/false are not choices a clerk types).
    if !matches!(a.get_action(), ArgAction::Set | ArgAction::Append) {
        return a.help_heading(heading);
    }
    if !choices.is_empty() {
        notes.push(format!("可选：{}", choices.join("、")));
    }
    let a = a
        .help_heading(heading)
        .hide_default_value(true)
        .hide_possible_values(true);
    if notes.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    a.help(format!("{help}（{}）", notes.join("；")))
}
