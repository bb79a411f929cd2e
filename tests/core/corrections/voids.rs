//! 作废 of single records: each leaves its figures (before and after on
//! hand-made data), stays listed with its mark, and cannot be voided twice.

use duban::calendar::Calendar;
use duban::chases::{self, Channel, NewChase};
use duban::circulation::{monthly_figures, Period};
use duban::dates::Month;
use duban::documents::{self, InstructionKind, NewInstruction, Urgency};
use duban::extensions::{self, NewExtension};
use duban::items::{self, NewMilestone, NewProgress, Status};
use duban::reminders::ReminderKind;
use duban::rhythm;
use duban::rounds::{self, RoundKind};
use duban::store::Store;
use duban::Error;

use super::{audit_rows, last_entry, row};
use crate::support::{actor, at, d, document, item, of_kind, store};

fn progress(s: &mut Store, no: &str, text: &str) -> i64 {
    items::add_progress(
        s,
        &actor("2026-11-03 09:00"),
        no,
        &NewProgress {
            reported_on: d("2026-11-03"),
            text: text.into(),
            reporter: String::new(),
            party_id: None,
            problems: String::new(),
            next_steps: String::new(),
        },
    )
    .unwrap()
}

fn status(s: &Store, no: &str) -> Status {
    row(s, "2026-11-05", no).status
}

#[test]
fn a_voided_progress_entry_leaves_the_ledger_and_stays_marked_on_the_item() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-12-20");
    let first = progress(&mut s, &no, "已部署");
    let wrong = progress(&mut s, &no, "录到别的事项上的进展");
    let r = row(&s, "2026-11-05", &no);
    assert_eq!(
        (r.progress_count, r.latest_progress.as_str()),
        (2, "录到别的事项上的进展")
    );
    let a = actor("2026-11-05 09:00");
    items::void_progress(&mut s, &a, wrong, "录错事项").unwrap();
    let r = row(&s, "2026-11-05", &no);
    assert_eq!(
        (r.progress_count, r.latest_progress.as_str()),
        (1, "已部署")
    );
    assert_eq!(r.status, Status::InProgress);
    let cal = Calendar::load(s.conn()).unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-05"), &no).unwrap();
    let marked: Vec<(i64, bool)> = detail
        .progress
        .iter()
        .map(|p| (p.id, p.voided.is_some()))
        .collect();
    assert_eq!(
        marked,
        vec![(wrong, true), (first, false)],
        "still listed, marked"
    );
    let v = detail.progress[0].voided.as_ref().unwrap();
    assert_eq!(
        (v.voided_by.as_str(), v.reason.as_str()),
        ("测试员", "录错事项")
    );
    let entry = last_entry(&s, "item", &no);
    assert_eq!(entry.action, "作废进展记录");
    assert!(entry.before.unwrap()["内容"]
        .as_str()
        .unwrap()
        .contains("录到别的事项上的进展"));
    assert_eq!(entry.after.unwrap()["原因"], "录错事项");

    // The only entry voided: 未启动 again (no progress was ever really made).
    items::void_progress(&mut s, &a, first, "同上").unwrap();
    assert_eq!(status(&s, &no), Status::NotStarted);

    let before = audit_rows(&s);
    let twice = items::void_progress(&mut s, &a, first, "再来").unwrap_err();
    assert!(matches!(twice, Error::Conflict(_)), "{twice:?}");
    assert!(twice.to_string().contains("不能重复作废"), "{twice}");
    let empty = items::void_progress(&mut s, &a, first, " ").unwrap_err();
    assert!(empty.to_string().contains("必须填写原因"), "{empty}");
    let missing = items::void_progress(&mut s, &a, 9999, "x").unwrap_err();
    assert!(matches!(missing, Error::NotFound(_)), "{missing:?}");
    assert_eq!(audit_rows(&s), before, "refusals write nothing");
}

#[test]
fn a_voided_pending_completion_report_puts_the_item_back_and_an_accepted_one_is_refused() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-12-20");
    progress(&mut s, &no, "已部署");
    let a = actor("2026-11-05 09:00");
    let report = |s: &mut Store| {
        items::report_completion(
            s,
            &a,
            &no,
            &items::NewCompletion {
                reported_on: d("2026-11-04"),
                text: "已完成".into(),
                reporter: String::new(),
                party_id: None,
                evidence: vec![],
            },
        )
        .unwrap()
    };
    let id = report(&mut s);
    assert_eq!(status(&s, &no), Status::PendingReview);
    items::void_completion_report(&mut s, &a, id, "报错了事项").unwrap();
    assert_eq!(status(&s, &no), Status::InProgress);
    // The voided report can be neither accepted (销号) nor sent back.
    let err = items::accept_completion(&mut s, &a, &no, None, "").unwrap_err();
    assert!(err.to_string().contains("不是待销号"), "{err}");
    let err = items::return_completion(&mut s, &a, &no, "材料不全").unwrap_err();
    assert!(err.to_string().contains("不是待销号"), "{err}");
    assert_eq!(status(&s, &no), Status::InProgress);
    let id = report(&mut s);
    items::accept_completion(&mut s, &a, &no, None, "").unwrap();
    let err = items::void_completion_report(&mut s, &a, id, "x").unwrap_err();
    assert!(err.to_string().contains("先重新打开"), "{err}");
}

#[test]
fn a_voided_chase_leaves_every_count() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-11-01");
    let chase = |s: &mut Store| {
        chases::record(
            s,
            &actor("2026-11-03 09:00"),
            &NewChase {
                item_no: Some(no.clone()),
                doc_no: None,
                chased_on: d("2026-11-03"),
                channel: Channel::Phone,
                to_whom: String::new(),
                note: String::new(),
            },
        )
        .unwrap()
    };
    let c1 = chase(&mut s);
    chase(&mut s);
    let id = row(&s, "2026-11-05", &no).id;
    assert_eq!(row(&s, "2026-11-05", &no).chase_count, 2);
    assert_eq!(chases::count_for_item(s.conn(), id).unwrap(), 2);
    chases::void_chase(&mut s, &actor("2026-11-05 09:00"), c1.id, "重复登记").unwrap();
    assert_eq!(row(&s, "2026-11-05", &no).chase_count, 1);
    assert_eq!(chases::count_for_item(s.conn(), id).unwrap(), 1);
    assert_eq!(chases::counts(s.conn()).unwrap()[&id], 1);
    let listed = chases::for_item(s.conn(), &no).unwrap();
    assert_eq!(listed.len(), 2, "still listed");
    assert!(listed[0].voided.is_some() && listed[1].voided.is_none());
    assert_eq!(last_entry(&s, "item", &no).action, "作废催办");
    let err = chases::void_chase(&mut s, &actor("2026-11-05 09:00"), c1.id, "x").unwrap_err();
    assert!(err.to_string().contains("不能重复作废"), "{err}");
}

#[test]
fn a_voided_milestone_is_no_longer_reminded() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-12-20");
    let m = items::add_milestone(
        &mut s,
        &actor("2026-11-02 09:00"),
        &no,
        &NewMilestone {
            due: d("2026-11-04"),
            title: "完成摸底".into(),
        },
    )
    .unwrap();
    let due = |s: &Store| {
        let cal = Calendar::load(s.conn()).unwrap();
        of_kind(
            &rhythm::scan(s.conn(), &cal, at("2026-11-03 09:00")).unwrap(),
            ReminderKind::MilestoneDue,
        )
        .len()
    };
    assert_eq!(due(&s), 1);
    items::void_milestone(&mut s, &actor("2026-11-03 09:00"), m, "节点录错").unwrap();
    assert_eq!(due(&s), 0);
    let cal = Calendar::load(s.conn()).unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-03"), &no).unwrap();
    assert!(detail.milestones[0].voided.is_some());
    let err = items::complete_milestone(&mut s, &actor("2026-11-04 09:00"), m, d("2026-11-04"))
        .unwrap_err();
    assert!(err.to_string().contains("已于"), "{err}");
}

#[test]
fn a_voided_instruction_leaves_the_document_counts_and_the_circled_only_flag() {
    let mut s = store();
    let no = document(&mut s, "重要文件", "2026-11-02", Urgency::PingJian, None);
    documents::edit_document(
        &mut s,
        &actor("2026-11-02 10:00"),
        &no,
        &documents::DocumentEdit {
            important: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    let give = |s: &mut Store, kind, text: &str| {
        documents::add_instruction(
            s,
            &actor("2026-11-03 09:00"),
            &no,
            &NewInstruction {
                leader: "王局长".into(),
                given_on: d("2026-11-03"),
                kind,
                text: text.into(),
            },
        )
        .unwrap()
    };
    give(&mut s, InstructionKind::ReadMark, "");
    give(&mut s, InstructionKind::Instruction, "请政策法规司牵头落实");
    let doc = documents::get_document(s.conn(), &no).unwrap();
    assert_eq!(
        (doc.row.instruction_count, doc.row.only_circled),
        (2, false)
    );
    let wrong = doc.instructions[1].id;
    documents::void_instruction(
        &mut s,
        &actor("2026-11-04 09:00"),
        wrong,
        "批示录到了别的文件",
    )
    .unwrap();
    let doc = documents::get_document(s.conn(), &no).unwrap();
    assert_eq!((doc.row.instruction_count, doc.row.only_circled), (1, true));
    assert!(doc.instructions[1].voided.is_some(), "still listed, marked");
    assert_eq!(last_entry(&s, "document", &no).action, "作废批示");
}

#[test]
fn a_voided_extension_leaves_the_pending_list_the_reminders_and_the_monthly_count() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-11-20");
    let e = extensions::request(
        &mut s,
        &actor("2026-11-10 09:00"),
        &NewExtension {
            item_no: no.clone(),
            requested_on: d("2026-11-10"),
            new_deadline: d("2026-12-20"),
            reason: "需征求意见".into(),
            progress_so_far: "已完成初稿".into(),
        },
    )
    .unwrap();
    let nov = Period::new(Month::new(2026, 11).unwrap(), Some(d("2026-11-12"))).unwrap();
    let reminded = |s: &Store| {
        let cal = Calendar::load(s.conn()).unwrap();
        of_kind(
            &rhythm::scan(s.conn(), &cal, at("2026-11-12 09:00")).unwrap(),
            ReminderKind::ExtensionPending,
        )
        .len()
    };
    assert_eq!(extensions::pending(s.conn()).unwrap().len(), 1);
    assert_eq!(reminded(&s), 1);
    assert_eq!(monthly_figures(s.conn(), &nov).unwrap().extensions.len(), 1);
    extensions::void_extension(&mut s, &actor("2026-11-12 09:00"), e.id, "部门撤回，误录").unwrap();
    assert_eq!(extensions::pending(s.conn()).unwrap().len(), 0);
    assert_eq!(reminded(&s), 0);
    assert_eq!(monthly_figures(s.conn(), &nov).unwrap().extensions.len(), 0);
    let decided = extensions::decide(
        &mut s,
        &actor("2026-11-12 10:00"),
        e.id,
        &extensions::ExtensionDecision {
            approve: true,
            comment: String::new(),
        },
    )
    .unwrap_err();
    assert!(decided.to_string().contains("已于"), "{decided}");
    assert!(extensions::get(s.conn(), e.id).unwrap().voided.is_some());
}

#[test]
fn a_voided_round_leaves_the_monthly_reports_and_the_assessment() {
    let mut s = store();
    let r = crate::rounds::round(&mut s, RoundKind::Policy, "2026-10-20", &["北京", "天津"]);
    let oct = Period::new(Month::new(2026, 10).unwrap(), None).unwrap();
    assert_eq!(monthly_figures(s.conn(), &oct).unwrap().reports.len(), 2);
    // The §6 report indicators of 北京 are defined by the round, and leave with it.
    let indicators = |s: &Store| -> usize {
        let period: duban::assessment::AssessPeriod = "2026-10".parse().unwrap();
        duban::assessment::assess(s.conn(), &period, None)
            .unwrap()
            .units
            .iter()
            .filter(|u| u.party.contains("北京"))
            .map(|u| u.indicators.len())
            .sum()
    };
    let had = indicators(&s);
    let waiting = |s: &Store| -> Vec<i64> {
        let cal = duban::calendar::Calendar::load(s.conn()).unwrap();
        duban::dashboard::figures(s.conn(), &cal, d("2026-10-15"))
            .unwrap()
            .rounds_waiting
            .iter()
            .map(|w| w.id)
            .collect()
    };
    assert_eq!(waiting(&s), vec![r.id], "waiting for its reports before");
    rounds::void_round(&mut s, &actor("2026-10-25 09:00"), r.id, "任务建重了").unwrap();
    assert!(
        waiting(&s).is_empty(),
        "a voided round waits for nothing on the 工作台"
    );
    assert_eq!(monthly_figures(s.conn(), &oct).unwrap().reports.len(), 0);
    assert!(had > indicators(&s), "{had} indicators before");
    let listed = rounds::query::list_rounds(s.conn(), d("2026-10-25")).unwrap();
    assert!(listed[0].voided.is_some(), "still listed, marked");
    let err = rounds::void_round(&mut s, &actor("2026-10-25 09:00"), r.id, "x").unwrap_err();
    assert!(err.to_string().contains("不能重复作废"), "{err}");
}

#[test]
fn a_voided_round_leaves_the_special_bulletin_of_its_document() {
    use duban::rounds::{create_round, NewRound, Targets};
    use duban::special::{self, Phase};
    let mut s = store();
    let doc = document(
        &mut s,
        "减税降费政策",
        "2026-09-20",
        Urgency::PingJian,
        None,
    );
    let document_id: i64 = s
        .conn()
        .query_row("SELECT id FROM documents WHERE doc_no = ?1", [&doc], |r| {
            r.get(0)
        })
        .unwrap();
    let r = create_round(
        &mut s,
        &actor("2026-10-01 09:00"),
        &NewRound {
            title: "落实情况报送".into(),
            kind: RoundKind::Policy,
            phase: "一个月内".into(),
            document_id: Some(document_id),
            policy_name: "减税降费政策".into(),
            policy_doc_no: String::new(),
            issued_on: Some(d("2026-09-20")),
            due: d("2026-10-20"),
            notes: String::new(),
            targets: Targets::Named(vec!["北京".into(), "天津".into()]),
        },
    )
    .unwrap();
    let rounds = |s: &Store| {
        special::preview_special(s.conn(), &doc, Phase::Progress, d("2026-10-25"))
            .unwrap()
            .rounds
            .len()
    };
    assert_eq!(rounds(&s), 1, "the round is in the 进展 bulletin");
    rounds::void_round(&mut s, &actor("2026-10-25 09:00"), r.id, "任务建重了").unwrap();
    assert_eq!(rounds(&s), 0, "a voided round leaves it");
}

#[test]
fn a_document_registered_by_mistake_is_voided_once_its_items_are_withdrawn() {
    let mut s = store();
    let no = document(
        &mut s,
        "登记错年份的特急件",
        "2026-11-02",
        Urgency::TeJi,
        None,
    );
    let id = documents::get_document(s.conn(), &no).unwrap().row.id;
    let mut new = items::NewItem::new("落实政策", "征管和科技发展司", Some(d("2026-11-20")));
    new.document_id = Some(id);
    let split = items::create_item(&mut s, &actor("2026-11-03 09:00"), &new).unwrap();
    let seen = |s: &Store| {
        let cal = Calendar::load(s.conn()).unwrap();
        let now = at("2026-11-05 09:00");
        let unsplit = of_kind(
            &rhythm::scan(s.conn(), &cal, now).unwrap(),
            ReminderKind::UrgentUnsplit,
        )
        .len();
        let board = duban::dashboard::load(s.conn(), &cal, now).unwrap();
        let listed = documents::list_documents(
            s.conn(),
            &documents::DocumentFilter {
                unsplit_only: true,
                ..Default::default()
            },
        )
        .unwrap()
        .len();
        (unsplit, board.unsplit_total, listed)
    };
    let a = actor("2026-11-05 09:00");
    // Its item stands: refused, nothing written.
    let before = audit_rows(&s);
    let err = documents::void_document(&mut s, &a, &no, "年份登记错误").unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    assert!(err.to_string().contains(&split.item_no), "{err}");
    assert_eq!(audit_rows(&s), before);
    items::withdraw(&mut s, &a, &split.item_no, "随收文一并撤销").unwrap();
    assert_eq!(
        seen(&s),
        (1, 1, 1),
        "unsplit again once its item is withdrawn"
    );
    // A reason is required.
    let err = documents::void_document(&mut s, &a, &no, "  ").unwrap_err();
    assert!(err.to_string().contains("必须填写原因"), "{err}");

    documents::void_document(&mut s, &a, &no, "年份登记错误").unwrap();
    assert_eq!(
        seen(&s),
        (0, 0, 0),
        "out of the reminders, the count and the list"
    );
    let listed = documents::list_documents(s.conn(), &Default::default()).unwrap();
    let mark = listed[0].voided.as_ref().expect("still listed, marked");
    assert_eq!(mark.reason, "年份登记错误");
    assert_eq!(last_entry(&s, "document", &no).action, "作废收文");

    // Nothing new is recorded on it, and it is not voided twice.
    let err = documents::add_instruction(
        &mut s,
        &a,
        &no,
        &NewInstruction {
            leader: "王局长".into(),
            given_on: d("2026-11-05"),
            kind: InstructionKind::Instruction,
            text: "请落实".into(),
        },
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("已作废（年份登记错误），不能再登记批示"),
        "{err}"
    );
    let err = items::create_item(&mut s, &a, &new).unwrap_err();
    assert!(err.to_string().contains("不能再分解督办事项"), "{err}");
    let err = chases::record(
        &mut s,
        &a,
        &NewChase {
            item_no: None,
            doc_no: Some(no.clone()),
            chased_on: d("2026-11-05"),
            channel: Channel::Phone,
            to_whom: String::new(),
            note: String::new(),
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("不能再登记催办"), "{err}");
    let err = documents::edit_document(
        &mut s,
        &a,
        &no,
        &documents::DocumentEdit {
            title: Some("改个标题".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("不能再修改"), "{err}");
    let err = documents::void_document(&mut s, &a, &no, "再作废一次").unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    // Its withdrawn item is not reopened: a voided document has no standing item.
    let err = items::reopen(&mut s, &a, &split.item_no, "恢复").unwrap_err();
    assert!(
        err.to_string().contains("不能再重新打开由它分解的事项"),
        "{err}"
    );
}
