//! A known sheet brought to the wrong import is refused with what it is and
//! where it belongs, not with "no header found": every wrong pairing of the
//! ledger, the 落实情况反馈表, the 政策措施落实情况报送表, the organisation sheet and
//! the two kinds of round.

use std::path::{Path, PathBuf};

use duban::imports::template::write_feedback_template;
use duban::imports::{
    import_file, FeedbackImporter, FileReport, FileStatus, ImportOptions, LedgerImporter,
    OrgImporter,
};
use duban::rounds::{import_reports, write_templates, RoundKind};
use duban::store::Store;

use super::common::{count, strict, text_sheet};
use super::org::org_sheet;
use crate::rounds::round;
use crate::support::{actor, d, item, store};

/// The files of every known kind, written into `dir`; the two rounds' ids.
struct Files {
    policy: PathBuf,
    feedback: PathBuf,
    ledger: PathBuf,
    org: PathBuf,
    policy_round: i64,
    progress_round: i64,
}

fn files(s: &mut Store, dir: &Path) -> Files {
    item(s, "推进电子发票扩围", "北京市税务局", "2026-12-31");
    let policy_round = round(s, RoundKind::Policy, "2026-10-20", &["北京"]);
    let progress_round = round(s, RoundKind::Progress, "2026-10-20", &["北京"]);
    let policy = PathBuf::from(
        &write_templates(
            s.conn(),
            policy_round.id,
            &dir.join("policy"),
            d("2026-10-01"),
        )
        .unwrap()[0]
            .path,
    );
    let feedback = dir.join("反馈表.xlsx");
    write_feedback_template(s.conn(), "北京市税务局", &feedback).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项名称", "牵头部门", "完成时限"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
        ws.write_string(1, c as u16, ["优化退税流程", "办公厅", "2026-12-31"][c])
            .unwrap();
    }
    let ledger = dir.join("台账.xlsx");
    wb.save(&ledger).unwrap();
    let org = dir.join("组织机构.xlsx");
    std::fs::write(&org, org_sheet(&[("宁波市税务局", "下级单位", "宁波")])).unwrap();
    Files {
        policy,
        feedback,
        ledger,
        org,
        policy_round: policy_round.id,
        progress_round: progress_round.id,
    }
}

/// How a file is imported in one pairing.
#[derive(Clone, Copy)]
enum Target {
    Ledger,
    Feedback,
    Org,
    /// A round report; the round chosen, or found in the file.
    Report(Option<Round>),
}

#[derive(Clone, Copy)]
enum Round {
    Policy,
    Progress,
}

fn run(s: &mut Store, f: &Files, file: &Path, into: Target) -> FileReport {
    let a = actor("2026-10-15 10:00");
    let o = strict();
    match into {
        Target::Ledger => import_file(s, &a, &LedgerImporter, file, &o),
        Target::Feedback => import_file(s, &a, &FeedbackImporter, file, &o),
        Target::Org => import_file(s, &a, &OrgImporter, file, &o),
        Target::Report(chosen) => {
            let options = ImportOptions {
                round: chosen.map(|r| match r {
                    Round::Policy => f.policy_round,
                    Round::Progress => f.progress_round,
                }),
                ..ImportOptions::default()
            };
            let mut out = import_reports(s, &a, &[file.to_path_buf()], &options);
            out.remove(0).report
        }
    }
}

#[test]
fn a_sheet_brought_to_the_wrong_import_says_what_it_is_and_where_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store();
    let f = files(&mut s, dir.path());
    let title = "“关于落实减税降费政策的报送”";
    let cases: Vec<(&str, &Path, Target, Vec<&str>)> = vec![
        (
            "a policy form into a progress round",
            &f.policy,
            Target::Report(Some(Round::Progress)),
            vec![
                "这是政策措施落实情况报送表",
                title,
                "收的是落实情况反馈表",
                "表中的报送任务编号属于报送任务",
                "去掉 --round",
            ],
        ),
        (
            "a feedback sheet into a policy round",
            &f.feedback,
            Target::Report(Some(Round::Policy)),
            vec![
                "这是落实情况反馈表",
                title,
                "收的是政策措施落实情况报送表",
                "duban import feedback",
            ],
        ),
        (
            "a policy form as feedback",
            &f.policy,
            Target::Feedback,
            vec![
                "不是落实情况反馈表，而是政策措施落实情况报送表",
                "报送任务",
                "duban import report",
            ],
        ),
        (
            "a policy form as a ledger",
            &f.policy,
            Target::Ledger,
            vec!["不是督办事项台账，而是政策措施落实情况报送表", "报送任务"],
        ),
        (
            "a feedback sheet as a ledger",
            &f.feedback,
            Target::Ledger,
            vec![
                "不是督办事项台账，而是落实情况反馈表",
                "duban import feedback",
            ],
        ),
        (
            "an organisation sheet as a ledger",
            &f.org,
            Target::Ledger,
            vec!["不是督办事项台账，而是组织机构表", "duban org import"],
        ),
        (
            "an organisation sheet as feedback",
            &f.org,
            Target::Feedback,
            vec!["不是落实情况反馈表，而是组织机构表"],
        ),
        (
            "a ledger as feedback",
            &f.ledger,
            Target::Feedback,
            vec![
                "不是落实情况反馈表，而是督办事项台账",
                "duban import ledger",
            ],
        ),
        (
            "a ledger as an organisation sheet",
            &f.ledger,
            Target::Org,
            vec!["不是组织机构表，而是督办事项台账", "duban import ledger"],
        ),
        (
            "a policy form as an organisation sheet",
            &f.policy,
            Target::Org,
            vec!["不是组织机构表，而是政策措施落实情况报送表"],
        ),
        (
            "a ledger as a round report",
            &f.ledger,
            Target::Report(None),
            vec![
                "不是报送任务的报送表，而是督办事项台账",
                "duban import ledger",
            ],
        ),
        (
            "an organisation sheet as a round report",
            &f.org,
            Target::Report(Some(Round::Policy)),
            vec!["不是报送任务的报送表，而是组织机构表"],
        ),
    ];
    let before = count(&s, "SELECT count(*) FROM imports");
    for (what, file, into, fragments) in cases {
        let rep = run(&mut s, &f, file, into);
        assert_eq!(
            rep.status,
            FileStatus::Rejected,
            "{what}: {}",
            rep.message()
        );
        let err = rep.error.clone().unwrap_or_default();
        for frag in fragments {
            assert!(err.contains(frag), "{what}: “{err}” should say “{frag}”");
        }
        assert!(!err.contains("没有找到"), "{what}: {err}");
    }
    assert_eq!(
        count(&s, "SELECT count(*) FROM imports"),
        before,
        "nothing written"
    );
}

#[test]
fn each_form_still_imports_where_it_belongs() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store();
    let f = files(&mut s, dir.path());
    let ledger = run(&mut s, &f, &f.ledger, Target::Ledger);
    assert_eq!(ledger.status, FileStatus::Applied, "{}", ledger.message());
    let org = run(&mut s, &f, &f.org, Target::Org);
    assert_eq!(org.status, FileStatus::Applied, "{}", org.message());
    // An unfilled policy form is refused for its content, not for its kind.
    let policy = run(&mut s, &f, &f.policy, Target::Report(None));
    let err = policy.error.unwrap_or_default();
    assert!(err.contains("均未填写"), "{err}");
}

#[test]
fn a_ledger_brought_to_the_feedback_import_with_a_party_is_refused_not_read_as_progress() {
    // A ledger also has 事项编号 and 办理进展, the two columns a 反馈表 needs;
    // with the party chosen, nothing else stopped it being read as one.
    let mut s = store();
    let no = item(&mut s, "推进电子发票扩围", "北京市税务局", "2026-12-31");
    let options = ImportOptions {
        party: Some("北京市税务局".into()),
        ..strict()
    };
    let a = actor("2026-10-15 10:00");
    let ledger = text_sheet(&[
        &[
            "事项编号",
            "事项名称",
            "工作要求",
            "牵头部门",
            "配合部门",
            "完成时限",
            "办理进展",
            "办理状态",
        ],
        &[
            no.as_str(),
            "推进电子发票扩围",
            "全面推开",
            "北京市税务局",
            "",
            "2026-12-31",
            "已完成系统改造",
            "推进中",
        ],
    ]);
    let before = count(&s, "SELECT count(*) FROM progress");
    let rep = duban::imports::import_bytes(
        &mut s,
        &a,
        &FeedbackImporter,
        "台账.xlsx",
        &ledger,
        &options,
    );
    assert_eq!(rep.status, FileStatus::Rejected);
    let err = rep.error.unwrap_or_default();
    assert!(
        err.contains("不是落实情况反馈表，而是督办事项台账"),
        "{err}"
    );
    assert!(err.contains("duban import ledger"), "{err}");
    assert_eq!(count(&s, "SELECT count(*) FROM progress"), before);

    // A 反馈表 to which the partner added a 牵头部门 column is still one,
    // its 填报人 headed 联系人 (the ledger's word for 责任人 too).
    let feedback = text_sheet(&[
        &[
            "事项编号",
            "事项名称",
            "牵头部门",
            "完成时限",
            "办理进展",
            "联系人",
        ],
        &[
            no.as_str(),
            "推进电子发票扩围",
            "北京市税务局",
            "2026-12-31",
            "已完成系统改造",
            "张三",
        ],
    ]);
    let rep = duban::imports::import_bytes(
        &mut s,
        &a,
        &FeedbackImporter,
        "反馈.xlsx",
        &feedback,
        &options,
    );
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert_eq!(count(&s, "SELECT count(*) FROM progress"), before + 1);

    // The same sheet is a 落实进展 round's report, not a ledger.
    let progress = round(&mut s, RoundKind::Progress, "2026-10-20", &["北京"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("北京反馈.xlsx");
    std::fs::write(&file, &feedback).unwrap();
    let out = import_reports(
        &mut s,
        &a,
        &[file],
        &ImportOptions {
            round: Some(progress.id),
            ..options
        },
    );
    let err = out[0].report.error.clone().unwrap_or_default();
    assert!(!err.contains("督办事项台账"), "{err}");
}
