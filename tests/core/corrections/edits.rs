//! Editing an item and a document: only the fields given change, the audit
//! entry holds before → after, a changed deadline is a 更正 and moves the
//! light, refusals write nothing.

use duban::calendar::Calendar;
use duban::documents::{self, DocumentEdit, Urgency};
use duban::extensions::{self, ExtensionDecision, NewExtension};
use duban::items::{self, ItemEdit, LedgerFilter, Light};
use duban::Error;

use super::{audit_rows, last_entry, row};
use crate::support::{actor, d, document, item, store, Expect};

fn reason(r: &str) -> ItemEdit {
    ItemEdit {
        reason: r.into(),
        ..Default::default()
    }
}

#[test]
fn the_lead_cooperators_and_texts_change_and_the_ledger_and_search_see_them() {
    let mut s = store();
    let no = item(
        &mut s,
        "落实组合式税费支持政策",
        "货物和劳务税司",
        "2026-12-31",
    );
    let cal = Calendar::load(s.conn()).unwrap();
    let by = |s: &duban::store::Store, party: &str| {
        items::query_ledger(
            s.conn(),
            &cal,
            d("2026-11-02"),
            &LedgerFilter {
                party: Some(party.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .total
    };
    let search = |s: &duban::store::Store, text: &str| {
        items::query_ledger(
            s.conn(),
            &cal,
            d("2026-11-02"),
            &LedgerFilter {
                text: Some(text.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .total
    };
    assert_eq!((by(&s, "货物和劳务税司"), by(&s, "所得税司")), (1, 0));
    assert_eq!(search(&s, "优化营商环境"), 0);
    let e = ItemEdit {
        lead: Some("所得税司".into()),
        cooperators: Some(vec!["纳税服务司".into(), "办公厅".into()]),
        coordinator_leader: Some("王局长".into()),
        name: Some("优化营商环境专项行动".into()),
        requirement: Some("按季度报送进展".into()),
        ..reason("分解时牵头部门填错")
    };
    let n = items::edit_item(&mut s, &actor("2026-11-02 09:00"), &no, &e).unwrap();
    assert_eq!(n, 5);
    assert_eq!((by(&s, "货物和劳务税司"), by(&s, "所得税司")), (0, 1));
    assert_eq!(
        search(&s, "优化营商环境"),
        1,
        "the search index sees the new name"
    );
    assert_eq!(search(&s, "组合式税费"), 0, "and forgets the old one");
    let r = row(&s, "2026-11-02", &no);
    let mut coop = r.cooperators.clone();
    coop.sort();
    let mut want = vec!["纳税服务司", "办公厅"];
    want.sort();
    assert_eq!(coop, want);
    assert_eq!(r.coordinator_leader, "王局长");
    let entry = last_entry(&s, "item", &no);
    assert_eq!(entry.action, "修改事项");
    let (b, a) = (entry.before.unwrap(), entry.after.unwrap());
    assert_eq!(b["牵头部门"], "货物和劳务税司");
    assert_eq!(a["牵头部门"], "所得税司");
    assert_eq!(b["配合部门"], "");
    assert_eq!(a["配合部门"], "纳税服务司、办公厅");
    assert_eq!(b["事项名称"], "落实组合式税费支持政策");
    assert_eq!(a["原因"], "分解时牵头部门填错");
    assert!(
        b.get("完成时限").is_none(),
        "unchanged fields are not recorded"
    );
}

#[test]
fn a_corrected_deadline_moves_the_light_and_says_so_on_the_timeline() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-11-01");
    assert_eq!(row(&s, "2026-11-02", &no).light, Some(Light::Red));
    let e = ItemEdit {
        deadline: Some(d("2026-12-31")),
        ..reason("任务书写的是年底")
    };
    items::edit_item(&mut s, &actor("2026-11-02 09:00"), &no, &e).unwrap();
    let r = row(&s, "2026-11-02", &no);
    assert_eq!(r.light, Some(Light::Green));
    assert_eq!(
        (r.deadline, r.effective_deadline),
        (Some(d("2026-12-31")), Some(d("2026-12-31")))
    );
    let entry = last_entry(&s, "item", &no);
    assert_eq!(entry.action, "修改完成时限（更正）");
    assert_eq!(entry.before.unwrap()["完成时限"], "2026-11-01");
    assert_eq!(entry.after.as_ref().unwrap()["完成时限"], "2026-12-31");
    assert_eq!(entry.after.unwrap()["原因"], "任务书写的是年底");
    assert_eq!(
        duban::extensions::for_item(s.conn(), &no).unwrap().len(),
        0,
        "a correction is not an extension"
    );
}

#[test]
fn an_approved_extension_stays_in_force_over_a_corrected_deadline_until_voided() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-11-20");
    let ext = extensions::request(
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
    let ok = ExtensionDecision {
        approve: true,
        comment: String::new(),
    };
    extensions::decide(&mut s, &actor("2026-11-11 09:00"), ext.id, &ok).unwrap();
    let e = ItemEdit {
        deadline: Some(d("2026-11-25")),
        ..reason("原时限录错")
    };
    items::edit_item(&mut s, &actor("2026-11-12 09:00"), &no, &e).unwrap();
    let r = row(&s, "2026-11-12", &no);
    assert_eq!(
        (r.deadline, r.effective_deadline),
        (Some(d("2026-11-25")), Some(d("2026-12-20")))
    );
    extensions::void_extension(&mut s, &actor("2026-11-13 09:00"), ext.id, "审批录错").unwrap();
    let r = row(&s, "2026-11-13", &no);
    assert_eq!(
        r.effective_deadline,
        Some(d("2026-11-25")),
        "back to the corrected deadline"
    );
}

#[test]
fn bad_item_edits_are_refused_in_chinese_and_write_nothing() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-11-20");
    let done = item(&mut s, "已办结事项", "货物和劳务税司", "2026-11-20");
    let a = actor("2026-11-10 09:00");
    items::report_completion(
        &mut s,
        &a,
        &done,
        &items::NewCompletion {
            reported_on: d("2026-11-09"),
            text: "已完成".into(),
            reporter: String::new(),
            party_id: None,
            evidence: vec![],
        },
    )
    .unwrap();
    items::accept_completion(&mut s, &a, &done, None, "").unwrap();
    let cases: Vec<(&str, ItemEdit, Expect, &str)> = vec![
        (
            done.as_str(),
            ItemEdit {
                deadline: Some(d("2026-12-31")),
                ..reason("更正")
            },
            |e| matches!(e, Error::Conflict(_)),
            "先重新打开",
        ),
        (
            no.as_str(),
            ItemEdit {
                lead: Some("不存在司".into()),
                ..reason("更正")
            },
            |e| matches!(e, Error::Invalid(_)),
            "牵头部门“不存在司”不在组织机构中",
        ),
        (
            no.as_str(),
            ItemEdit {
                cooperators: Some(vec!["无此部门".into()]),
                coordinator_leader: Some("王局长".into()),
                ..reason("更正")
            },
            |e| matches!(e, Error::Invalid(_)),
            "配合部门“无此部门”",
        ),
        (
            no.as_str(),
            ItemEdit {
                cooperators: Some(vec!["所得税司".into()]),
                ..reason("更正")
            },
            |e| matches!(e, Error::Invalid(_)),
            "统筹局领导",
        ),
        (
            no.as_str(),
            ItemEdit {
                cooperators: Some(vec!["货物和劳务税司".into()]),
                coordinator_leader: Some("王局长".into()),
                ..reason("更正")
            },
            |e| matches!(e, Error::Invalid(_)),
            "已是牵头部门",
        ),
        (
            no.as_str(),
            ItemEdit {
                lead: Some("所得税司".into()),
                ..reason("  ")
            },
            |e| matches!(e, Error::Invalid(_)),
            "必须填写原因",
        ),
        (
            no.as_str(),
            ItemEdit {
                name: Some(" ".into()),
                ..reason("更正")
            },
            |e| matches!(e, Error::Invalid(_)),
            "事项名称不能为空",
        ),
        (
            no.as_str(),
            ItemEdit {
                lead: Some("货物和劳务税司".into()),
                ..reason("更正")
            },
            |e| matches!(e, Error::Invalid(_)),
            "没有要修改的内容",
        ),
        (
            "DB2099-9999",
            ItemEdit {
                name: Some("x".into()),
                ..reason("更正")
            },
            |e| matches!(e, Error::NotFound(_)),
            "找不到事项编号",
        ),
    ];
    for (i, (target, e, kind, words)) in cases.into_iter().enumerate() {
        let before = audit_rows(&s);
        let err = items::edit_item(&mut s, &a, target, &e).unwrap_err();
        assert!(kind(&err), "case {i}: {err:?}");
        assert!(err.to_string().contains(words), "case {i}: {err}");
        assert_eq!(audit_rows(&s), before, "case {i} wrote nothing");
    }
    let r = row(&s, "2026-11-10", &no);
    assert_eq!(
        (r.lead.as_str(), r.cooperators.len()),
        ("货物和劳务税司", 0)
    );
    assert_eq!(row(&s, "2026-11-10", &done).deadline, Some(d("2026-11-20")));
}

#[test]
fn a_document_is_corrected_field_by_field_within_its_year() {
    let mut s = store();
    let no = document(
        &mut s,
        "关于开展督查的通知",
        "2026-11-02",
        Urgency::PingJian,
        None,
    );
    let a = actor("2026-11-05 09:00");
    let e = DocumentEdit {
        title: Some("关于开展专项督查的通知".into()),
        urgency: Some(Urgency::TeJi),
        time_limited: Some(true),
        time_limit: Some(d("2026-11-30")),
        important: Some(true),
        source_doc_no: Some("税总办发〔2026〕8号".into()),
        reason: "登记时看错".into(),
        ..Default::default()
    };
    assert_eq!(documents::edit_document(&mut s, &a, &no, &e).unwrap(), 6);
    let doc = documents::get_document(s.conn(), &no).unwrap().row;
    assert_eq!(doc.title, "关于开展专项督查的通知");
    assert_eq!(doc.urgency, Urgency::TeJi);
    assert_eq!(doc.time_limit, Some(d("2026-11-30")));
    assert!(doc.important && doc.time_limited);
    let entry = last_entry(&s, "document", &no);
    assert_eq!(entry.action, "修改收文");
    let (b, af) = (entry.before.unwrap(), entry.after.unwrap());
    assert_eq!(
        (b["紧急程度"].as_str(), af["紧急程度"].as_str()),
        (Some("平件"), Some("特急"))
    );
    assert_eq!(b["办理时限"], serde_json::Value::Null);
    assert_eq!(af["办理时限"], "2026-11-30");
    assert_eq!(af["原因"], "登记时看错");

    let bad: Vec<(DocumentEdit, &str)> = vec![
        (
            DocumentEdit {
                received_on: Some(d("2025-12-30")),
                ..Default::default()
            },
            "只能在 2026 年内更正",
        ),
        (
            DocumentEdit {
                source_category: Some("随便".into()),
                ..Default::default()
            },
            "来源类别“随便”",
        ),
        (
            DocumentEdit {
                time_limit: Some(d("2026-11-01")),
                ..Default::default()
            },
            "早于收文日期",
        ),
        (
            DocumentEdit {
                title: Some("".into()),
                ..Default::default()
            },
            "请填写标题",
        ),
        (
            DocumentEdit {
                title: Some("关于开展专项督查的通知".into()),
                ..Default::default()
            },
            "没有要修改的内容",
        ),
    ];
    for (i, (e, words)) in bad.into_iter().enumerate() {
        let before = audit_rows(&s);
        let err = documents::edit_document(&mut s, &a, &no, &e).unwrap_err();
        assert!(err.to_string().contains(words), "case {i}: {err}");
        assert_eq!(audit_rows(&s), before, "case {i} wrote nothing");
    }
}

#[test]
fn a_received_date_cannot_move_past_what_was_recorded_on_the_document() {
    let mut s = store();
    let no = document(
        &mut s,
        "关于开展督查的通知",
        "2026-11-02",
        Urgency::PingJian,
        None,
    );
    let a = actor("2026-11-20 09:00");
    documents::add_instruction(
        &mut s,
        &a,
        &no,
        &documents::NewInstruction {
            leader: "王局长".into(),
            given_on: d("2026-11-04"),
            kind: documents::InstructionKind::Instruction,
            text: "请督查室跟进".into(),
        },
    )
    .unwrap();
    let moved = |day: &str| DocumentEdit {
        received_on: Some(d(day)),
        ..Default::default()
    };
    let before = audit_rows(&s);
    let err = documents::edit_document(&mut s, &a, &no, &moved("2026-11-05")).unwrap_err();
    assert!(
        err.to_string().contains("批示日期 2026-11-04 早于它"),
        "{err}"
    );
    assert_eq!(audit_rows(&s), before, "refused: nothing written");
    // Up to the day of the 批示, or earlier, is fine.
    documents::edit_document(&mut s, &a, &no, &moved("2026-11-04")).unwrap();
    documents::edit_document(&mut s, &a, &no, &moved("2026-11-01")).unwrap();

    // What is reported on an item split from it counts too.
    let id = documents::get_document(s.conn(), &no).unwrap().row.id;
    let mut new = items::NewItem::new("落实政策", "征管和科技发展司", Some(d("2026-11-30")));
    new.document_id = Some(id);
    let item = items::create_item(&mut s, &a, &new).unwrap().item_no;
    items::add_progress(
        &mut s,
        &a,
        &item,
        &items::NewProgress {
            reported_on: d("2026-11-03"),
            text: "已部署".into(),
            reporter: String::new(),
            party_id: None,
            problems: String::new(),
            next_steps: String::new(),
        },
    )
    .unwrap();
    let err = documents::edit_document(&mut s, &a, &no, &moved("2026-11-04")).unwrap_err();
    assert!(
        err.to_string().contains("的进展 2026-11-03 早于它"),
        "{err}"
    );
    // And the item's 完成时限 may not be corrected to before the document came.
    let err = items::edit_item(
        &mut s,
        &a,
        &item,
        &ItemEdit {
            deadline: Some(d("2026-10-31")),
            reason: "更正".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("早于事项"), "{err}");
}
