//! The command line's support log (`duban::logs`): daily files in `logs/`
//! beside the database, a line for every import result and every failure,
//! and no personal text (names, titles, file names) at the default level.

use crate::import::fixture;
use crate::support::Sandbox;

/// Everything written to the sandbox's log folder, or None when there is none.
fn log_text(s: &Sandbox) -> Option<String> {
    let dir = s.path("logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).ok()? {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    Some(text)
}

#[test]
fn help_and_a_successful_read_leave_no_log() {
    let s = Sandbox::new();
    s.duban(&["--help"]).ok();
    s.duban(&["item", "list"]).ok();
    s.duban(&["org", "list"]).ok();
    assert_eq!(log_text(&s), None, "nothing to say, no log folder");
}

#[test]
fn an_import_logs_its_counts_and_ids_but_no_titles_or_file_names() {
    let s = Sandbox::new();
    let good = fixture("ledger_tolerant_openpyxl.xlsx");
    let bad = fixture("ledger_rejections_openpyxl.xlsx");
    let run = s.duban(&["import", "ledger", &good, &bad]).failed();
    assert!(
        !run.stderr.contains("log directory"),
        "the log adds nothing to stderr: {}",
        run.stderr
    );
    let log = log_text(&s).expect("an import writes the log");
    for needle in [
        "INFO",
        "import file",
        "kind=\"ledger\"",
        "status=Applied",
        "rows_applied=13",
        "status=Rejected",
        "rows_rejected=11",
        "import batch",
        "files=2",
    ] {
        assert!(log.contains(needle), "{needle} missing in the log:\n{log}");
    }
    assert!(!log.contains("openpyxl"), "no file name at info:\n{log}");
    let page = s.duban(&["--json", "item", "list"]).ok().json();
    let items = page["rows"].as_array().expect("rows");
    assert_eq!(items.len(), 13);
    for item in items {
        let title = item["name"].as_str().expect("a name");
        assert!(!title.is_empty());
        assert!(
            !log.contains(title),
            "the title {title} is in the log:\n{log}"
        );
    }
}

#[test]
fn a_failed_command_logs_its_name_and_code_and_its_text_only_at_debug() {
    let args = [
        "item",
        "add",
        "--name",
        "关于张三同志的来信",
        "--lead",
        "没有这个部门",
        "--deadline",
        "2026-12-31",
    ];
    let s = Sandbox::new();
    let r = s.duban(&args).failed();
    assert!(r.stderr.contains("没有这个部门"), "{}", r.stderr);
    let log = log_text(&s).expect("a failure writes the log");
    assert!(log.contains("WARN"), "{log}");
    assert!(log.contains("command=item add"), "{log}");
    assert!(log.contains("command failed"), "{log}");
    assert!(!log.contains("没有这个部门"), "no names at info:\n{log}");
    assert!(!log.contains("张三"), "no titles at info:\n{log}");

    // DUBAN_LOG=debug adds the Chinese message, for a support session.
    let s = Sandbox::new();
    s.duban_logging("debug", &args).failed();
    let log = log_text(&s).expect("a failure writes the log");
    assert!(
        log.contains("DEBUG") && log.contains("没有这个部门"),
        "{log}"
    );
}
