//! Black-box tests of `duban org import` (EXCHANGE §2.4, §4): an office's own
//! organisation sheet with the official names reconciles with the default
//! organisation; `--dry-run` shows the plan and writes nothing; a true
//! conflict names both rows. And a ledger written with official names imports
//! right after `init`.

use crate::support::Sandbox;

/// Writes a sheet `sheet` with `header` and `rows` to `name` in the sandbox.
fn sheet(s: &Sandbox, name: &str, sheet: &str, header: &[&str], rows: &[&[&str]]) -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    let path = s.path(name);
    wb.save(&path).unwrap();
    path.display().to_string()
}

const ORG_HEADER: [&str; 3] = ["名称", "类型", "简称/别名"];

fn unit_names(s: &Sandbox) -> Vec<String> {
    let org = s.duban(&["--json", "org", "list"]).ok().json();
    org["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_offices_sheet_with_official_names_is_previewed_then_renames_the_bureaus() {
    let s = Sandbox::new();
    let file = sheet(
        &s,
        "组织机构.xlsx",
        "组织机构",
        &ORG_HEADER,
        &[
            &[
                "国家税务总局北京市税务局",
                "下级单位",
                "北京市税务局、北京局",
            ],
            &["国家税务总局天津市税务局", "下级单位", "天津市税务局"],
            &["办公厅", "内设机构", "办公室"],
            &["国家税务总局雄安新区税务局", "下级单位", "雄安局"],
        ],
    );
    let before = unit_names(&s);

    let trial = s.duban(&["org", "import", &file, "--dry-run"]).ok();
    for f in [
        "［试运行，未写入］",
        "更名 2 个",
        "新增机构 1 个",
        "未变化 1 行",
        "北京市税务局 → 国家税务总局北京市税务局",
        "工作表“组织机构”第 2 行",
        "国家税务总局雄安新区税务局",
    ] {
        assert!(
            trial.stdout.contains(f),
            "dry run should show {f}: {}",
            trial.stdout
        );
    }
    assert_eq!(unit_names(&s), before, "a dry run writes nothing");

    let json = s
        .duban(&["--json", "org", "import", &file, "--dry-run"])
        .ok()
        .json();
    let plan = &json[0]["org_plan"];
    assert_eq!(plan["renames"].as_array().unwrap().len(), 2, "{plan}");
    assert_eq!(plan["renames"][0]["from"], "北京市税务局");
    assert_eq!(plan["renames"][0]["to"], "国家税务总局北京市税务局");
    assert_eq!(plan["renames"][0]["row"], 2);
    assert_eq!(plan["new_parties"][0]["name"], "国家税务总局雄安新区税务局");
    assert_eq!(plan["unchanged"], 1);
    assert!(plan["alias_additions"].is_array());

    let real = s.duban(&["org", "import", &file]).ok();
    assert!(real.stdout.contains("已导入"), "{}", real.stdout);
    let after = unit_names(&s);
    assert!(after.contains(&"国家税务总局北京市税务局".to_string()));
    assert!(!after.contains(&"北京市税务局".to_string()));
    assert_eq!(after.len(), before.len() + 1);
    // The short name still resolves: an item led by 北京市税务局 is registered.
    s.duban(&[
        "item",
        "add",
        "--name",
        "推进电子发票扩围",
        "--lead",
        "北京市税务局",
        "--deadline",
        "2026-12-31",
    ])
    .ok();
}

#[test]
fn a_true_conflict_is_refused_naming_both_rows_and_nothing_is_written() {
    let s = Sandbox::new();
    let file = sheet(
        &s,
        "组织机构.xlsx",
        "组织机构",
        &ORG_HEADER,
        &[
            &["国家税务总局北京市税务局", "下级单位", "北京市税务局"],
            &["北京市税务局稽查局", "下级单位", "北京"],
        ],
    );
    let before = unit_names(&s);
    let run = s.duban(&["org", "import", &file]).failed();
    for f in [
        "工作表“组织机构”第 2 行",
        "第 3 行",
        "同一个已有机构“北京市税务局”",
    ] {
        assert!(run.stdout.contains(f), "should name {f}: {}", run.stdout);
    }
    assert!(
        run.stderr.contains("1 个文件未导入，原因见上"),
        "{}",
        run.stderr
    );
    assert_eq!(unit_names(&s), before);
}

#[test]
fn a_sheet_with_a_bad_row_is_refused_whole_or_its_valid_rows_applied_on_request() {
    let s = Sandbox::new();
    let file = sheet(
        &s,
        "组织机构.xlsx",
        "组织机构",
        &ORG_HEADER,
        &[&["新设甲司", "内设机构", ""], &["新设乙司", "内设部门", ""]],
    );
    let run = s.duban(&["org", "import", &file]).failed();
    assert!(
        run.stdout.contains("第 3 行") && run.stdout.contains("--apply-valid-rows"),
        "the refusal names the row and the way out: {}",
        run.stdout
    );
    assert!(!unit_names(&s).contains(&"新设甲司".to_string()));
    let run = s
        .duban(&["--json", "org", "import", &file, "--apply-valid-rows"])
        .ok()
        .json();
    assert_eq!(run[0]["status"], "partial", "{run}");
    let names = unit_names(&s);
    assert!(names.contains(&"新设甲司".to_string()), "{names:?}");
    assert!(!names.contains(&"新设乙司".to_string()), "{names:?}");
}

#[test]
fn a_ledger_written_with_official_names_imports_after_init() {
    let s = Sandbox::new();
    let file = sheet(
        &s,
        "台账.xlsx",
        "台账",
        &["事项名称", "牵头部门", "完成时限"],
        &[
            &["推进电子发票扩围", "国家税务总局北京市税务局", "2026-12-31"],
            &["优化退税流程", "国家税务总局广东省税务局", "2026-12-31"],
        ],
    );
    let out = s.duban(&["--json", "import", "ledger", &file]).ok().json();
    assert_eq!(out[0]["status"], "applied", "{out}");
    assert_eq!(out[0]["rows_applied"], 2);
}
