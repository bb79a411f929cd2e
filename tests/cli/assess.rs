//! Black-box tests: duban assess (scores, publish, versions, scheme, manual),
//! export assessment read back with calamine cell by cell.

use calamine::{open_workbook, Data, Reader, Xlsx};

use crate::support::Sandbox;

fn add(s: &Sandbox, name: &str, lead: &str, deadline: &str, done: Option<&str>) {
    let j = s
        .duban(&[
            "item",
            "add",
            "--name",
            name,
            "--lead",
            lead,
            "--deadline",
            deadline,
            "--json",
        ])
        .ok()
        .json();
    let no = j["item_no"].as_str().expect("item_no").to_string();
    if let Some(done) = done {
        s.duban(&["item", "complete", &no, "--date", done]).ok();
        s.duban(&["item", "accept", &no]).ok();
    }
}

/// January 2020: 政策法规司 all on time, 办公厅 one on time and one overdue.
fn january() -> Sandbox {
    let s = Sandbox::new();
    add(&s, "按期办结", "办公厅", "2020-01-10", Some("2020-01-09"));
    add(&s, "逾期未办", "办公厅", "2020-01-20", None);
    add(
        &s,
        "法规按期",
        "政策法规司",
        "2020-01-15",
        Some("2020-01-15"),
    );
    s
}

fn party<'a>(list: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|p| p["party"] == name)
        .unwrap_or_else(|| panic!("{name} listed"))
}

#[test]
fn assess_prints_the_json_of_exchange_4() {
    let s = january();
    let j = s
        .duban(&["assess", "--period", "2020-01", "--json"])
        .ok()
        .json();
    assert_eq!(j["period"], "2020-01");
    assert_eq!(j["as_of"], "2020-01-31");
    let deps = &j["departments"];
    assert_eq!(deps[0]["party"], "政策法规司");
    assert_eq!(
        (deps[0]["score"].as_f64(), deps[0]["rank"].as_u64()),
        (Some(100.0), Some(1))
    );
    let office = party(deps, "办公厅");
    // (50×50 + 20×90 + 10×100 + 10×100 for no 约谈/问责) / 90
    assert_eq!(office["score"].as_f64(), Some(70.0));
    assert_eq!(office["rank"], 2);
    let ids: Vec<&str> = office["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "on_time_rate",
            "overdue_open",
            "extensions",
            "accountability"
        ]
    );
    let rate = &office["indicators"][0];
    assert_eq!(
        (
            rate["value"].as_f64(),
            rate["score"].as_f64(),
            rate["weight"].as_f64()
        ),
        (Some(0.5), Some(50.0), Some(50.0))
    );
    let idle = party(deps, "人事司");
    assert!(
        idle["score"].is_null() && idle["rank"].is_null(),
        "no rate: null"
    );
    assert!(j["units"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["score"].is_null()));

    let text = s.duban(&["assess", "--period", "2020-01"]).ok().stdout;
    assert!(
        text.contains("2020年1月绩效考核") && text.contains("70.00"),
        "{text}"
    );
    let q = s
        .duban(&[
            "assess",
            "--period",
            "2020Q1",
            "--as-of",
            "2020-01-31",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(q["period"], "2020Q1");
}

#[test]
fn bad_periods_and_scores_are_refused_in_chinese() {
    let s = january();
    let r = s.duban(&["assess", "--period", "2020-13"]).failed();
    assert!(
        r.stderr.contains("考核期间“2020-13”无效") && r.stderr.contains("月份应为 01 至 12"),
        "{}",
        r.stderr
    );
    let r = s.duban(&["assess"]).failed();
    assert!(r.stderr.contains("--period"), "{}", r.stderr);
    let r = s
        .duban(&[
            "assess",
            "manual",
            "set",
            "--period",
            "2020-01",
            "--party",
            "办公厅",
            "--score",
            "101",
        ])
        .failed();
    assert!(r.stderr.contains("0 至 100"), "{}", r.stderr);
    let r = s
        .duban(&["assess", "scheme", "copy", "--name", "新方案"])
        .ok();
    assert!(r.stdout.contains("新方案"));
    let r = s
        .duban(&[
            "assess",
            "scheme",
            "set",
            "--scheme",
            "新方案",
            "--unit",
            "on_time_rate=0",
            "--unit",
            "report_timeliness=0",
            "--unit",
            "rectification_rate=0",
            "--unit",
            "negative_opinion=0",
            "--unit",
            "opinion_discipline=0",
            "--unit",
            "accountability=0",
            "--unit",
            "manual=0",
        ])
        .failed();
    assert!(r.stderr.contains("单位的权重不能全部为 0"), "{}", r.stderr);
    let list = s.duban(&["assess", "scheme", "list", "--json"]).ok().json();
    assert_eq!(
        list[1]["body"]["units"]["on_time_rate"], 30.0,
        "nothing written"
    );
}

#[test]
fn manual_scores_and_a_chosen_scheme_change_the_scores() {
    let s = january();
    s.duban(&[
        "assess",
        "manual",
        "set",
        "--period",
        "2020-01",
        "--party",
        "人事司",
        "--score",
        "90",
    ])
    .ok();
    s.duban(&["assess", "scheme", "copy", "--name", "只看按期"])
        .ok();
    s.duban(&[
        "assess",
        "scheme",
        "set",
        "--scheme",
        "只看按期",
        "--department",
        "按期办结率=100",
        "--department",
        "overdue_open=0",
        "--department",
        "extensions=0",
        "--department",
        "accountability=0",
        "--department",
        "manual=0",
    ])
    .ok();
    s.duban(&[
        "assess",
        "scheme",
        "choose",
        "--period",
        "2020-01",
        "--scheme",
        "只看按期",
    ])
    .ok();
    let j = s
        .duban(&["assess", "--period", "2020-01", "--json"])
        .ok()
        .json();
    assert_eq!(
        party(&j["departments"], "办公厅")["score"].as_f64(),
        Some(50.0)
    );
    let hr = party(&j["departments"], "人事司");
    assert!(hr["score"].is_null(), "综合评价 alone does not score");
    assert!(hr["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == "manual" && i["value"] == 90.0));
}

/// `--at` records what already happened: a moment to come is refused before
/// anything is written (a period published "as of" a day to come would
/// freeze as overdue what is still in time, and stay: publications are
/// never changed).
#[test]
fn publish_at_a_moment_to_come_is_refused() {
    let s = january();
    for args in [
        &[
            "assess",
            "publish",
            "--period",
            "2099-12",
            "--at",
            "2100-01-02 09:00",
        ][..],
        &[
            "bulletin",
            "publish",
            "--month",
            "2099-12",
            "--at",
            "2100-01-05 09:00",
        ][..],
    ] {
        let r = s.duban(args).failed();
        assert!(
            r.stderr.contains("--at 时刻") && r.stderr.contains("晚于现在"),
            "{args:?}: {}",
            r.stderr
        );
    }
    let v = s
        .duban(&["assess", "versions", "--period", "2099-12", "--json"])
        .ok()
        .json();
    assert_eq!(v.as_array().map(Vec::len), Some(0), "nothing published");
}

#[test]
fn publish_freezes_a_period_and_a_correction_makes_a_second_version() {
    let s = january();
    let p = s
        .duban(&[
            "assess",
            "publish",
            "--period",
            "2020-01",
            "--at",
            "2020-02-01 09:00",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(p["publication"]["version"], 1);
    add(&s, "后补的逾期事项", "政策法规司", "2020-01-25", None);
    let r = s
        .duban(&["assess", "publish", "--period", "2020-01"])
        .failed();
    assert!(
        r.stderr.contains("不能重复发布") && r.stderr.contains("更正原因"),
        "{}",
        r.stderr
    );
    let frozen = s
        .duban(&["assess", "published", "--period", "2020-01", "--json"])
        .ok()
        .json();
    assert_eq!(
        party(&frozen["figures"]["departments"], "政策法规司")["score"].as_f64(),
        Some(100.0)
    );
    s.duban(&[
        "assess",
        "publish",
        "--period",
        "2020-01",
        "--reason",
        "补录事项",
    ])
    .ok();
    let v = s
        .duban(&["assess", "versions", "--period", "2020-01", "--json"])
        .ok()
        .json();
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(
        (v[0]["current"].as_bool(), v[1]["current"].as_bool()),
        (Some(false), Some(true))
    );
    assert_eq!(v[1]["reason"], "补录事项");
    let first = s
        .duban(&[
            "assess",
            "published",
            "--period",
            "2020-01",
            "--version",
            "1",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        first["figures"], frozen["figures"],
        "version 1 stays readable"
    );
}

fn sheet(path: &std::path::Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number cell, got {other:?}"),
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected a text cell, got {other:?}"),
    }
}

#[test]
fn the_exported_workbook_has_typed_cells_for_ranking_and_breakdown() {
    let s = january();
    s.duban(&[
        "assess",
        "manual",
        "set",
        "--period",
        "2020-01",
        "--party",
        "办公厅",
        "--score",
        "85.5",
    ])
    .ok();
    let out = s.path("考核.xlsx");
    let j = s
        .duban(&[
            "export",
            "assessment",
            "--period",
            "2020-01",
            "-o",
            out.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    assert!(j["publication"].is_null(), "not published: computed now");
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["部门排名", "单位排名", "指标明细"]);

    let rows = sheet(&out, "部门排名");
    assert!(text(&rows[0][0]).contains("2020年1月绩效考核结果"));
    assert!(text(&rows[1][0]).contains("考核方案：默认方案"));
    let header: Vec<String> = rows[3].iter().take(4).map(text).collect();
    assert_eq!(header, ["排名", "部门", "考核得分", "按期办结率得分"]);
    // 办公厅: (50×50 + 20×90 + 10×100 + 10×100 + 10×85.5) / 100 = 71.55
    let office = &rows[4];
    assert_eq!(text(&office[1]), "政策法规司");
    assert_eq!(
        (num(&office[0]), num(&office[2]), num(&office[3])),
        (1.0, 100.0, 100.0)
    );
    let office = &rows[5];
    assert_eq!(text(&office[1]), "办公厅");
    assert_eq!((num(&office[0]), num(&office[2])), (2.0, 71.55));
    assert_eq!(
        (num(&office[3]), num(&office[4]), num(&office[5])),
        (50.0, 90.0, 100.0)
    );
    assert_eq!(num(&office[6]), 100.0, "no 约谈/问责: full score");
    assert_eq!(num(&office[7]), 85.5);
    let idle = &rows[6];
    assert_eq!(
        (text(&idle[0]), text(&idle[2]), text(&idle[3])),
        ("—".into(), "—".into(), "—".into())
    );
    assert_eq!(
        num(&idle[4]),
        100.0,
        "a defined count indicator still shows"
    );

    let rows = sheet(&out, "指标明细");
    let header: Vec<String> = rows[3].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "类别",
            "排名",
            "部门/单位",
            "考核得分",
            "指标",
            "比率",
            "数量/分值",
            "指标得分",
            "权重"
        ]
    );
    let office: Vec<&Vec<Data>> = rows[4..]
        .iter()
        .filter(|r| r[2] == Data::String("办公厅".into()))
        .collect();
    assert_eq!(
        office.len(),
        5,
        "按期办结率, 逾期未办结, 延期次数, 约谈问责, 综合评价"
    );
    let rate = office[0];
    assert_eq!(
        (text(&rate[0]), num(&rate[1]), num(&rate[3]), text(&rate[4])),
        ("部门".into(), 2.0, 71.55, "按期办结率".into())
    );
    assert_eq!(
        (num(&rate[5]), text(&rate[6]), num(&rate[7]), num(&rate[8])),
        (0.5, String::new(), 50.0, 50.0)
    );
    let overdue = office[1];
    assert_eq!(
        (
            text(&overdue[5]),
            num(&overdue[6]),
            num(&overdue[7]),
            num(&overdue[8])
        ),
        (String::new(), 1.0, 90.0, 20.0)
    );

    // Published: the export shows the frozen version, whatever changes later.
    s.duban(&["assess", "publish", "--period", "2020-01"]).ok();
    add(&s, "后补的逾期事项", "办公厅", "2020-01-25", None);
    let again = s.path("考核-已发布.xlsx");
    let j = s
        .duban(&[
            "export",
            "assessment",
            "--period",
            "2020-01",
            "-o",
            again.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(j["publication"]["version"], 1);
    let rows = sheet(&again, "部门排名");
    assert_eq!(num(&rows[5][2]), 71.55, "the published figure");
    assert!(text(&rows[1][0]).contains("已发布（第 1 版"));

    // As of another day: that day's figures, which the sheet does not call
    // unpublished, nor the published ones.
    let other = s.path("考核-另一日.xlsx");
    let j = s
        .duban(&[
            "export",
            "assessment",
            "--period",
            "2020-01",
            "--as-of",
            "2020-01-31",
            "-o",
            other.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    assert!(j["publication"].is_null(), "not the published figures");
    let state = text(&sheet(&other, "部门排名")[1][0]);
    assert!(!state.contains("未发布"), "{state}");
    assert!(
        state.contains("不是已发布的结果（已发布第 1 版）"),
        "{state}"
    );
}
