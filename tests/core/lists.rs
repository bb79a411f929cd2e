//! The one list exporter's rows on hand-made data: 批示件办理情况 (what became
//! of a leader's instructions) with its filters, and the workbook's shape.

use duban::documents::{self, InstructionKind, NewInstruction, Urgency};
use duban::exports::lists::{
    export_list, list_tables, write_lists, Heading, ListFilter, ListKind, Value,
};
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
            "统计日期：2026-11-26　　收文日期：2026-10-01 至 2026-10-31　　共 1 条".into()
        )
    );
    assert_eq!(rows[3][0], Data::Float(1.0));
    assert!(matches!(rows[3][2], Data::DateTime(_)), "{:?}", rows[3][2]);
    assert!(matches!(rows[3][8], Data::DateTime(_)), "{:?}", rows[3][8]);
    assert_eq!(rows[3][7], Data::String("特急".into()));
}

#[test]
fn the_registers_file_holds_only_the_period_counted_in_its_scope_line() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut s = store();
    for (title, on) in [
        ("九月最后一天收到的通知", "2026-09-30"),
        ("十月第一天收到的通知", "2026-10-01"),
        ("十月最后一天收到的通知", "2026-10-31"),
        ("十一月收到的通知", "2026-11-01"),
    ] {
        document(&mut s, title, on, Urgency::PingJian, None);
    }
    let f = ListFilter {
        from: Some(d("2026-10-01")),
        to: Some(d("2026-10-31")),
        ..ListFilter::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("收文登记簿.xlsx");
    let done = export_list(s.conn(), d("2026-11-26"), ListKind::Documents, &f, &path).unwrap();
    assert_eq!(done.rows, 2);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("收文登记簿").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert!(
        rows[1][0]
            .to_string()
            .ends_with("收文日期：2026-10-01 至 2026-10-31　　共 2 条"),
        "{}",
        rows[1][0]
    );
    let titles: Vec<String> = rows[3..].iter().map(|r| r[5].to_string()).collect();
    assert_eq!(titles, ["十月第一天收到的通知", "十月最后一天收到的通知"]);
    assert_eq!(rows[4][0], Data::Float(2.0));
}

#[test]
fn the_pages_show_the_rows_the_extension_and_audit_lists_export() {
    use duban::exports::lists::shown::{audit_page, extension_requests};
    use duban::extensions::{self, ExtensionDecision, ExtensionStatus, NewExtension};
    use duban::store::Actor;

    let mut s = store();
    let a = actor("2026-11-20 10:00");
    let mut nos = Vec::new();
    for (n, lead) in [(1, "纳税服务司"), (2, "办公厅"), (3, "纳税服务司")] {
        let mut i = NewItem::new(&format!("事项{n}"), lead, Some(d("2026-12-20")));
        i.requirement = "按时完成".into();
        nos.push(items::create_item(&mut s, &a, &i).unwrap().item_no);
    }
    let mut ids = Vec::new();
    for (no, on) in nos.iter().zip(["2026-11-02", "2026-11-10", "2026-11-18"]) {
        let e = extensions::request(
            &mut s,
            &a,
            &NewExtension {
                item_no: no.clone(),
                requested_on: d(on),
                new_deadline: d("2027-01-20"),
                reason: "需协调外部单位".into(),
                progress_so_far: "已完成初稿".into(),
            },
        )
        .unwrap();
        ids.push(e.id);
    }
    let decision = ExtensionDecision {
        approve: true,
        comment: String::new(),
    };
    extensions::decide(&mut s, &a, ids[0], &decision).unwrap();
    let other = Actor::new(
        "李四",
        duban::dates::parse_stamp("2026-11-21 09:00:00").unwrap(),
    );
    extensions::decide(&mut s, &other, ids[1], &decision).unwrap();

    let today = d("2026-11-21");
    // (filter, expected 事项编号 of the requests, newest first)
    let cases: Vec<(ListFilter, Vec<&str>)> = vec![
        (ListFilter::default(), vec![&nos[2], &nos[1], &nos[0]]),
        (
            ListFilter {
                extension_status: Some(ExtensionStatus::Pending),
                ..Default::default()
            },
            vec![&nos[2]],
        ),
        (
            ListFilter {
                extension_status: Some(ExtensionStatus::Approved),
                from: Some(d("2026-11-05")),
                ..Default::default()
            },
            vec![&nos[1]],
        ),
        (
            ListFilter {
                party: Some("纳税服务司".into()),
                ..Default::default()
            },
            vec![&nos[2], &nos[0]],
        ),
    ];
    for (f, want) in cases {
        let shown: Vec<String> = extension_requests(s.conn(), &f)
            .unwrap()
            .into_iter()
            .map(|e| e.item_no)
            .collect();
        assert_eq!(shown, want, "{f:?}");
        let sheet = &list_tables(s.conn(), today, ListKind::Extensions, &f).unwrap()[0];
        assert_eq!(
            sheet.rows.len(),
            want.len(),
            "the export has the rows the page shows: {f:?}"
        );
    }

    // The audit log: a page newest first, its total the export's rows.
    let all = audit_page(s.conn(), &ListFilter::default(), 0, 2).unwrap();
    assert!(
        all.total >= 8,
        "items, requests and decisions are audited: {}",
        all.total
    );
    assert_eq!(all.entries.len(), 2, "one page");
    assert!(all.entries[0].id > all.entries[1].id, "newest first");
    assert_eq!(
        all.operators,
        vec!["李四".to_string(), "测试员".to_string()]
    );
    let audit_cases: Vec<(ListFilter, i64)> = vec![
        (
            ListFilter {
                operator: Some("李四".into()),
                ..Default::default()
            },
            1,
        ),
        (
            ListFilter {
                from: Some(d("2026-11-21")),
                to: Some(d("2026-11-21")),
                ..Default::default()
            },
            1,
        ),
        (
            ListFilter {
                to: Some(d("2026-11-20")),
                ..Default::default()
            },
            all.total - 1,
        ),
        (
            ListFilter {
                operator: Some("王五".into()),
                ..Default::default()
            },
            0,
        ),
    ];
    for (f, want) in audit_cases {
        let page = audit_page(s.conn(), &f, 0, 200).unwrap();
        assert_eq!(page.total, want, "{f:?}");
        assert_eq!(page.entries.len() as i64, want.min(200));
        let sheet = &list_tables(s.conn(), today, ListKind::Audit, &f).unwrap()[0];
        assert_eq!(
            sheet.rows.len() as i64,
            want,
            "the export holds the page's total: {f:?}"
        );
    }
    // People read 对象 and 操作 in Chinese, on the page and in the export,
    // whatever code the log keeps (an extension request is `extension_request`).
    let code = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    let page = audit_page(s.conn(), &ListFilter::default(), 0, 200).unwrap();
    assert!(
        page.entries.iter().any(|e| code(&e.action)),
        "the case is there"
    );
    for e in &page.entries {
        assert!(!code(&e.entity_label) && !code(&e.action_label), "{e:?}");
    }
    let sheet = &list_tables(s.conn(), today, ListKind::Audit, &ListFilter::default()).unwrap()[0];
    for row in &sheet.rows {
        for cell in [&row[3], &row[5]] {
            if let duban::exports::lists::Value::Text(t) = cell {
                assert!(!code(t), "{row:?}");
            }
        }
    }
}
