//! The one list exporter's rows on hand-made data: 批示件办理情况 (what became
//! of a leader's instructions) with its filters, and the workbook's shape.

use duban::documents::{self, InstructionKind, NewInstruction, Urgency};
use duban::exports::lists::{list_tables, write_lists, Heading, ListFilter, ListKind, Value};
use duban::items::{self, NewItem};

use crate::support::{actor, d, document, store};

fn instruct(s: &mut duban::store::Store, doc_no: &str, leader: &str, on: &str) {
    let i = NewInstruction {
        leader: leader.to_string(),
        given_on: d(on),
        kind: InstructionKind::Instruction,
        text: "请抓紧落实".to_string(),
    };
    documents::add_instruction(s, &actor(&format!("{on} 10:00")), doc_no, &i).unwrap();
}

fn text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Date(d) => duban::dates::ymd(*d),
        Value::Blank => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn instructions_show_what_became_of_each_documents_items() {
    let mut s = store();
    let a = document(
        &mut s,
        "关于优化执法方式的方案",
        "2026-10-08",
        Urgency::TeJi,
        None,
    );
    let b = document(
        &mut s,
        "关于纳税服务的通知",
        "2026-10-09",
        Urgency::PingJian,
        None,
    );
    let doc_a = documents::get_document(s.conn(), &a).unwrap().row.id;
    for (name, deadline) in [("制定实施细则", "2026-11-20"), ("开展培训", "2026-12-31")] {
        let mut it = NewItem::new(name, "办公厅", Some(d(deadline)));
        it.document_id = Some(doc_a);
        items::create_item(&mut s, &actor("2026-10-10 09:00"), &it).unwrap();
    }
    instruct(&mut s, &a, "李明华", "2026-10-09");
    instruct(&mut s, &b, "赵振宇", "2026-11-02");

    let rows = |f: &ListFilter| -> Vec<Vec<String>> {
        let t = list_tables(s.conn(), d("2026-11-26"), ListKind::Instructions, f).unwrap();
        t[0].rows
            .iter()
            .map(|r| {
                [0, 1, 4, 7, 9, 10, 12]
                    .iter()
                    .map(|&c| text(&r[c]))
                    .collect()
            })
            .collect()
    };
    // (局领导, 批示日期, 收文编号, 事项名称, 完成时限, 办理状态, 是否逾期)
    let all = rows(&ListFilter::default());
    assert_eq!(
        all,
        vec![
            vec![
                "李明华",
                "2026-10-09",
                &a,
                "制定实施细则",
                "2026-11-20",
                "未启动",
                "是"
            ],
            vec![
                "李明华",
                "2026-10-09",
                &a,
                "开展培训",
                "2026-12-31",
                "未启动",
                ""
            ],
            // A document without items: one row, the item columns empty.
            vec!["赵振宇", "2026-11-02", &b, "", "", "", ""],
        ]
    );
    let cases: [(ListFilter, usize); 4] = [
        (
            ListFilter {
                leader: Some("李明华".into()),
                ..ListFilter::default()
            },
            2,
        ),
        (
            ListFilter {
                leader: Some("没有此人".into()),
                ..ListFilter::default()
            },
            0,
        ),
        (
            ListFilter {
                from: Some(d("2026-11-01")),
                ..ListFilter::default()
            },
            1,
        ),
        (
            ListFilter {
                to: Some(d("2026-10-09")),
                ..ListFilter::default()
            },
            2,
        ),
    ];
    for (f, n) in cases {
        assert_eq!(rows(&f).len(), n, "{f:?}");
    }
}

#[test]
fn the_workbook_has_the_office_title_the_scope_and_typed_cells() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut s = store();
    document(
        &mut s,
        "关于优化执法方式的方案",
        "2026-10-08",
        Urgency::TeJi,
        Some("2026-10-20"),
    );
    let f = ListFilter {
        from: Some(d("2026-10-01")),
        to: Some(d("2026-10-31")),
        ..ListFilter::default()
    };
    let tables = list_tables(s.conn(), d("2026-11-26"), ListKind::Documents, &f).unwrap();
    let heading = Heading {
        office: "某某局督查室".into(),
        today: d("2026-11-26"),
        anchor: "审计链 第 1 条".into(),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("收文.xlsx");
    write_lists(&tables, &heading).unwrap().save(&path).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("收文登记簿").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows[0][0], Data::String("某某局督查室收文登记簿".into()));
    assert_eq!(
        rows[1][0],
        Data::String(
            "导出日期：2026-11-26　　收文日期：2026-10-01 至 2026-10-31　　共 1 条".into()
        )
    );
    assert_eq!(rows[3][0], Data::Float(1.0));
    assert!(matches!(rows[3][2], Data::DateTime(_)), "{:?}", rows[3][2]);
    assert!(matches!(rows[3][8], Data::DateTime(_)), "{:?}", rows[3][8]);
    assert_eq!(rows[3][7], Data::String("特急".into()));
}
