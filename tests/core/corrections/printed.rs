//! A record voided as entered by mistake leaves what the office prints and
//! sends: the 交办单 and the 督办事项卡 (Word), the 批示件办理情况 sheet; a
//! voided 延期申请 stays on its sheet, marked 已作废 as on its page.

use duban::bulletins::handover::{write_handover, write_item_card};
use duban::calendar::Calendar;
use duban::documents::{self, InstructionKind, NewInstruction, Urgency};
use duban::docx::document_xml;
use duban::exports::lists::{list_tables, ListFilter, ListKind, Value};
use duban::extensions::{self, NewExtension};
use duban::items::{self, NewItem, NewMilestone};
use duban::store::Store;

use crate::support::{actor, d, document, item, store};

fn instruct(s: &mut Store, doc_no: &str, leader: &str, text: &str) -> i64 {
    documents::add_instruction(
        s,
        &actor("2026-11-03 09:00"),
        doc_no,
        &NewInstruction {
            leader: leader.into(),
            given_on: d("2026-11-03"),
            kind: InstructionKind::Instruction,
            text: text.into(),
        },
    )
    .unwrap();
    let doc = documents::get_document(s.conn(), doc_no).unwrap();
    doc.instructions.last().unwrap().id
}

fn milestone(s: &mut Store, no: &str, due: &str, title: &str) -> i64 {
    items::add_milestone(
        s,
        &actor("2026-11-03 09:00"),
        no,
        &NewMilestone {
            due: d(due),
            title: title.into(),
        },
    )
    .unwrap()
}

fn texts(row: &[Value]) -> Vec<String> {
    row.iter()
        .map(|v| match v {
            Value::Text(s) => s.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn a_voided_instruction_or_milestone_is_not_printed_or_listed() {
    let mut s = store();
    let doc = document(
        &mut s,
        "关于开展税费服务专项行动的通知",
        "2026-11-02",
        Urgency::PingJian,
        None,
    );
    let doc_id = documents::get_document(s.conn(), &doc).unwrap().row.id;
    let mut new = NewItem::new("梳理服务事项", "办公厅", Some(d("2026-12-15")));
    new.document_id = Some(doc_id);
    let no = items::create_item(&mut s, &actor("2026-11-03 09:00"), &new)
        .unwrap()
        .item_no;
    instruct(&mut s, &doc, "王局长", "请办公厅牵头抓好落实");
    let wrong = instruct(&mut s, &doc, "李局长", "录到本文件上的别的批示");
    milestone(&mut s, &no, "2026-11-20", "完成摸底排查");
    let wrong_step = milestone(&mut s, &no, "2026-11-25", "误录的节点");
    let later = actor("2026-11-04 09:00");
    documents::void_instruction(&mut s, &later, wrong, "批示录到了别的文件").unwrap();
    items::void_milestone(&mut s, &later, wrong_step, "节点录错").unwrap();

    let cal = Calendar::load(s.conn()).unwrap();
    let today = d("2026-11-04");
    let dir = tempfile::tempdir().unwrap();
    let files = write_handover(s.conn(), &cal, today, &doc, dir.path()).unwrap();
    let xml = document_xml(&std::fs::read(&files[0].path).unwrap()).unwrap();
    assert!(xml.contains("请办公厅牵头抓好落实"), "the live 批示");
    assert!(
        !xml.contains("录到本文件上的别的批示"),
        "a voided 批示 on the 交办单"
    );
    assert!(!xml.contains("李局长"));

    let card = dir.path().join("卡.docx");
    write_item_card(s.conn(), &cal, today, &no, &card).unwrap();
    let xml = document_xml(&std::fs::read(&card).unwrap()).unwrap();
    assert!(xml.contains("完成摸底排查"), "the live milestone");
    assert!(
        !xml.contains("误录的节点"),
        "a voided milestone on the 事项卡"
    );

    let t = list_tables(
        s.conn(),
        today,
        ListKind::Instructions,
        &ListFilter::default(),
    )
    .unwrap();
    let leaders: Vec<String> = t[0].rows.iter().map(|r| texts(r)[0].clone()).collect();
    assert_eq!(leaders, ["王局长"], "{:?}", t[0].rows);
}

#[test]
fn a_voided_extension_stays_on_its_sheet_marked_voided() {
    let mut s = store();
    let no = item(&mut s, "清理欠税", "货物和劳务税司", "2026-11-20");
    let e = extensions::request(
        &mut s,
        &actor("2026-11-10 09:00"),
        &NewExtension {
            item_no: no,
            requested_on: d("2026-11-10"),
            new_deadline: d("2026-12-20"),
            reason: "需征求意见".into(),
            progress_so_far: "已完成初稿".into(),
        },
    )
    .unwrap();
    let sheet = |s: &Store| {
        let t = list_tables(
            s.conn(),
            d("2026-11-12"),
            ListKind::Extensions,
            &ListFilter::default(),
        )
        .unwrap();
        t[0].rows.iter().map(|r| texts(r)).collect::<Vec<_>>()
    };
    assert!(sheet(&s)[0].contains(&"待审批".to_string()));
    extensions::void_extension(&mut s, &actor("2026-11-12 09:00"), e.id, "部门撤回，误录").unwrap();
    let rows = sheet(&s);
    assert_eq!(rows.len(), 1, "still listed, as on the page");
    assert!(rows[0].contains(&"已作废".to_string()), "{rows:?}");
    assert!(!rows[0].contains(&"待审批".to_string()), "{rows:?}");
}
