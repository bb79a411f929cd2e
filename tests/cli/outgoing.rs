//! Black-box tests: duban outgoing add|edit|list|event, duban bulletin
//! quality|special publish|list|export; bad input refused in Chinese with
//! nothing written.

use calamine::{open_workbook, Data, Reader, Xlsx};

use crate::support::Sandbox;

const AT: &str = "2026-12-02 09:00";

fn add(s: &Sandbox, no: &str, dept: &str, extra: &[&str]) {
    let mut args = vec![
        "outgoing",
        "add",
        "--no",
        no,
        "--title",
        "关于某事项的通知",
        "--dept",
        dept,
        "--at",
        AT,
    ];
    args.extend_from_slice(extra);
    s.duban(&args).ok();
}

fn listed(s: &Sandbox) -> usize {
    s.duban(&["--json", "outgoing", "list"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn register_record_publish_and_export_a_quality_bulletin() {
    let s = Sandbox::new();
    add(
        &s,
        "税发〔2026〕1号",
        "办公厅",
        &[
            "--drafted",
            "2026-11-02",
            "--issued",
            "2026-11-10",
            "--limit",
            "2026-11-09",
        ],
    );
    add(
        &s,
        "税发〔2026〕2号",
        "政法司",
        &["--drafted", "2026-11-03", "--important"],
    );
    let out = s
        .duban(&[
            "outgoing",
            "event",
            "税发〔2026〕1号",
            "--kind",
            "退改",
            "--gate",
            "文字关",
            "--on",
            "2026-11-05",
            "--at",
            AT,
        ])
        .ok()
        .stdout;
    assert!(out.contains("退改·文字关（办公厅"), "{out}");
    let list = s.duban(&["outgoing", "list", "--open"]).ok().stdout;
    assert!(
        list.contains("税发〔2026〕2号") && !list.contains("税发〔2026〕1号"),
        "{list}"
    );
    assert!(list.contains("政策法规司"), "the alias resolves: {list}");
    // the important document not yet issued is in the check
    let rem = s.duban(&["reminders", "--at", AT]).ok().stdout;
    assert!(
        rem.contains("重要发文未印发") && rem.contains("税发〔2026〕2号"),
        "{rem}"
    );
    s.duban(&[
        "outgoing",
        "edit",
        "税发〔2026〕2号",
        "--issued",
        "2026-11-20",
        "--at",
        AT,
    ])
    .ok();
    let rem = s.duban(&["reminders", "--at", AT]).ok().stdout;
    assert!(!rem.contains("重要发文未印发"), "{rem}");

    let j = s
        .duban(&[
            "--json", "bulletin", "quality", "publish", "--period", "2026-11", "--at", AT,
        ])
        .ok()
        .json();
    assert_eq!(j["publication"]["issue"]["number"], 1);
    let rows = j["figures"]["departments"].as_array().unwrap();
    assert_eq!(rows[0]["department"], "政策法规司");
    assert_eq!(rows[0]["rate_text"], "100.0%");
    assert_eq!(rows[1]["department"], "办公厅");
    assert_eq!(
        (
            rows[1]["revised"].as_u64(),
            rows[1]["time_limit_late"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let id = j["publication"]["id"].as_i64().unwrap().to_string();
    // again without 更正: refused; with --correct: version 2
    let e = s
        .duban(&[
            "bulletin", "quality", "publish", "--period", "2026-11", "--at", AT,
        ])
        .failed();
    assert!(e.stderr.contains("不能重复发布"), "{}", e.stderr);
    let j2 = s
        .duban(&[
            "--json",
            "bulletin",
            "quality",
            "publish",
            "--period",
            "2026-11",
            "--correct",
            "补登",
            "--at",
            AT,
        ])
        .ok()
        .json();
    assert_eq!(j2["publication"]["version"], 2);
    let list = s.duban(&["bulletin", "quality", "list"]).ok().stdout;
    assert!(
        list.contains("第 2 版（当前）") && list.contains("更正原因：补登"),
        "{list}"
    );

    let dir = s.path("out");
    let j = s
        .duban(&[
            "--json",
            "bulletin",
            "quality",
            "export",
            &id,
            "-o",
            dir.to_str().unwrap(),
        ])
        .ok()
        .json();
    let files: Vec<String> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    assert!(
        files[0].ends_with(".docx") && files[1].ends_with(".xlsx"),
        "{files:?}"
    );
    let mut wb: Xlsx<_> = open_workbook(&files[1]).unwrap();
    let range = wb.worksheet_range("部门排名").unwrap();
    let office = range
        .rows()
        .find(|r| r.get(1) == Some(&Data::String("办公厅".into())))
        .expect("办公厅 row");
    assert_eq!(office[4], Data::Float(0.0));
    assert_eq!(office[0], Data::Float(2.0));
}

#[test]
fn bad_input_is_refused_in_chinese_and_writes_nothing() {
    let s = Sandbox::new();
    add(
        &s,
        "税发〔2026〕1号",
        "办公厅",
        &["--drafted", "2026-11-02"],
    );
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "outgoing",
                "add",
                "--no",
                "税发〔2026〕2号",
                "--title",
                "t",
                "--dept",
                "不存在司",
                "--drafted",
                "2026-11-02",
            ],
            "组织机构中没有“不存在司”",
        ),
        (
            &[
                "outgoing",
                "add",
                "--no",
                "税发〔2026〕2号",
                "--title",
                "t",
                "--dept",
                "办公厅",
                "--drafted",
                "2026-11-05",
                "--issued",
                "2026-11-01",
            ],
            "印发日期 2026-11-01 早于拟稿日期 2026-11-05",
        ),
        (
            &[
                "outgoing",
                "event",
                "税发〔2026〕1号",
                "--kind",
                "退改",
                "--gate",
                "文字关",
                "--dept",
                "不存在司",
                "--on",
                "2026-11-05",
            ],
            "组织机构中没有“不存在司”",
        ),
        (
            &[
                "outgoing",
                "event",
                "税发〔2026〕1号",
                "--kind",
                "退改",
                "--gate",
                "审美关",
                "--on",
                "2026-11-05",
            ],
            "不是可识别的审核关口",
        ),
        (
            &[
                "outgoing",
                "event",
                "税发〔2026〕1号",
                "--kind",
                "退改",
                "--on",
                "2026-11-05",
            ],
            "请注明未通过的关口",
        ),
        (
            &["bulletin", "quality", "publish", "--period", "2026-13"],
            "月份应为 01 至 12",
        ),
        (
            &["bulletin", "quality", "publish", "--period", "2026-Q5"],
            "季度应为 1 至 4",
        ),
        (
            &[
                "bulletin", "quality", "publish", "--period", "2026-12", "--at", AT,
            ],
            "尚未结束",
        ),
        (
            &[
                "bulletin",
                "special",
                "publish",
                "--doc",
                "收〔2026〕99号",
                "--phase",
                "启动",
            ],
            "找不到收文",
        ),
        (
            &[
                "bulletin",
                "special",
                "publish",
                "--doc",
                "收〔2026〕99号",
                "--phase",
                "结束",
            ],
            "通报阶段“结束”无法识别",
        ),
    ];
    for (args, want) in cases {
        let r = s.duban(args).failed();
        assert!(
            r.stderr.contains(want),
            "{args:?}: want {want}, got {}",
            r.stderr
        );
        assert!(r.stderr.starts_with("错误："), "{}", r.stderr);
    }
    assert_eq!(listed(&s), 1);
    let events = s
        .duban(&[
            "--json", "bulletin", "quality", "figures", "--period", "2026-11",
        ])
        .ok()
        .json();
    assert_eq!(events["details"].as_array().unwrap().len(), 0);
    assert!(s
        .duban(&["bulletin", "quality", "list"])
        .ok()
        .stdout
        .contains("尚未发布"));
    assert!(s
        .duban(&["bulletin", "special", "list"])
        .ok()
        .stdout
        .contains("尚未发布"));
}

#[test]
fn a_special_bulletin_of_a_key_document_by_phase() {
    let s = Sandbox::new();
    let doc = s
        .duban(&[
            "--json",
            "doc",
            "add",
            "--title",
            "某项税费支持政策",
            "--category",
            "重要文件要求",
            "--received",
            "2026-11-02",
        ])
        .ok()
        .json();
    let doc_no = doc["doc_no"].as_str().unwrap().to_string();
    s.duban(&[
        "relay",
        "plan",
        &doc_no,
        "--parties",
        "北京市税务局、天津市税务局",
        "--at",
        "2026-11-02 10:00",
    ])
    .ok();
    s.duban(&[
        "relay",
        "report",
        &doc_no,
        "--party",
        "北京市税务局",
        "--form",
        "会议",
        "--measures",
        "党委会传达",
        "--on",
        "2026-11-04",
        "--at",
        "2026-11-04 10:00",
    ])
    .ok();
    let j = s
        .duban(&[
            "--json", "bulletin", "special", "publish", "--doc", &doc_no, "--phase", "启动",
            "--at", AT,
        ])
        .ok()
        .json();
    assert_eq!(j["figures"]["relay_counts"]["on_time"], 1);
    assert_eq!(
        j["figures"]["relay_counts"]["missing_parties"][0],
        "天津市税务局"
    );
    let text = s
        .duban(&[
            "bulletin", "special", "publish", "--doc", &doc_no, "--phase", "完成", "--at", AT,
        ])
        .ok()
        .stdout;
    assert!(
        text.contains("尚无报送任务") && text.contains("分解督办事项 0 项"),
        "{text}"
    );
    let list = s.duban(&["bulletin", "special", "list"]).ok().stdout;
    assert!(
        list.contains(&format!("{doc_no}/启动")) && list.contains("2026年第2期"),
        "{list}"
    );
    let id = j["publication"]["id"].as_i64().unwrap().to_string();
    let dir = s.path("special");
    let out = s
        .duban(&[
            "bulletin",
            "special",
            "export",
            &id,
            "-o",
            dir.to_str().unwrap(),
        ])
        .ok()
        .stdout;
    assert!(out.contains(".docx") && out.contains(".xlsx"), "{out}");
    // a quality export of a special bulletin is refused
    let r = s
        .duban(&[
            "bulletin",
            "quality",
            "export",
            &id,
            "-o",
            dir.to_str().unwrap(),
        ])
        .failed();
    assert!(r.stderr.contains("不是公文办理质量通报"), "{}", r.stderr);
}
