//! 专项通报: the figures of each phase from hand-made facts, and a bulletin
//! of a key document's 传达学习 published, frozen and exported.

use calamine::{open_workbook, Data, Reader, Xlsx};
use duban::calendar::Calendar;
use duban::documents::Urgency;
use duban::relay::{self, NewRelayReport, RelayForm, RelayPlan};
use duban::rounds::ReportStatus;
use duban::special::{
    self, special_figures, ItemCounts, Phase, RelayLine, RoundInput, RoundTarget, SpecialInputs,
};
use duban::Error;

use crate::support::{actor, count, d, document, store};

fn target(party: &str, status: ReportStatus, fields: &[(&str, &str)]) -> RoundTarget {
    RoundTarget {
        party: party.into(),
        status,
        received_on: None,
        fields: fields
            .iter()
            .map(|(l, v)| (l.to_string(), v.to_string()))
            .collect(),
    }
}

fn inputs() -> SpecialInputs {
    SpecialInputs {
        doc_no: "收〔2026〕15号".into(),
        title: "某项税费支持政策".into(),
        relay: vec![
            RelayLine {
                party: "北京市税务局".into(),
                due: d("2026-10-10"),
                reported_on: Some(d("2026-10-09")),
                form: "会议".into(),
                measures: "党委会传达".into(),
                status: ReportStatus::OnTime,
            },
            RelayLine {
                party: "天津市税务局".into(),
                due: d("2026-10-10"),
                reported_on: None,
                form: String::new(),
                measures: String::new(),
                status: ReportStatus::Missing,
            },
        ],
        rounds: vec![
            RoundInput {
                title: "一个月内报送".into(),
                phase: "一个月内".into(),
                due: d("2026-10-31"),
                targets: vec![
                    target(
                        "北京市税务局",
                        ReportStatus::OnTime,
                        &[
                            ("传达学习情况", "已传达"),
                            ("采取的措施", "专班推进"),
                            ("当地反映", "  "),
                        ],
                    ),
                    target(
                        "天津市税务局",
                        ReportStatus::Late,
                        &[("采取的措施", "印发通知"), ("典型做法", "一户一策")],
                    ),
                    target("河北省税务局", ReportStatus::Missing, &[]),
                ],
            },
            RoundInput {
                title: "两个月内报送".into(),
                phase: "两个月内".into(),
                due: d("2026-11-30"),
                targets: vec![
                    target(
                        "北京市税务局",
                        ReportStatus::OnTime,
                        &[("实施效果", "减税 3 亿元"), ("意见建议", "延长期限")],
                    ),
                    target("天津市税务局", ReportStatus::NotDue, &[]),
                ],
            },
        ],
        items: ItemCounts {
            total: 4,
            done: 3,
            overdue: 1,
        },
    }
}

#[test]
fn each_phase_takes_its_own_part_of_the_facts() {
    let i = inputs();
    // (phase, relay lines, rounds, gathered (label, entries), items)
    type Case = (Phase, usize, usize, &'static [(&'static str, usize)], bool);
    let cases: [Case; 3] = [
        (Phase::Start, 2, 0, &[("传达学习情况", 1)], false),
        (
            Phase::Progress,
            0,
            2,
            &[("采取的措施", 2), ("当地反映", 0), ("典型做法", 1)],
            false,
        ),
        (
            Phase::Done,
            0,
            2,
            &[("实施效果", 1), ("困难问题", 0), ("意见建议", 1)],
            true,
        ),
    ];
    for (phase, relay, rounds, gathered, items) in cases {
        let f = special_figures(&i, phase, d("2026-12-01"));
        assert_eq!(f.relay.len(), relay, "{phase}");
        assert_eq!(f.rounds.len(), rounds, "{phase}");
        let g: Vec<(&str, usize)> = f
            .gathered
            .iter()
            .map(|g| (g.label.as_str(), g.entries.len()))
            .collect();
        assert_eq!(g, gathered.to_vec(), "{phase}");
        assert_eq!(f.items.is_some(), items, "{phase}");
    }
    let f = special_figures(&i, Phase::Progress, d("2026-12-01"));
    let c = &f.rounds[0].counts;
    assert_eq!(
        (c.targets, c.on_time, c.late, c.missing, c.not_due),
        (3, 1, 1, 1, 0)
    );
    assert_eq!(c.late_parties, vec!["天津市税务局".to_string()]);
    assert_eq!(c.missing_parties, vec!["河北省税务局".to_string()]);
    assert_eq!(
        f.gathered[0].entries[1],
        ("天津市税务局".to_string(), "印发通知".to_string())
    );
    let start = special_figures(&i, Phase::Start, d("2026-12-01"));
    assert_eq!(
        start.relay_counts.missing_parties,
        vec!["天津市税务局".to_string()]
    );
    let text =
        special::special_summary(&special_figures(&i, Phase::Done, d("2026-12-01"))).join("\n");
    assert!(
        text.contains("已办结 3 项，未办结 1 项（其中逾期 1 项）"),
        "{text}"
    );
    for (word, ok) in [
        ("启动", true),
        ("进展情况", true),
        ("完成", true),
        ("结束", false),
    ] {
        assert_eq!(word.parse::<Phase>().is_ok(), ok, "{word}");
    }
}

/// A key document received 2026-09-28, 传达学习 asked of `parties` (due
/// `due`, else the default), with 北京's meeting reported on 2026-10-09.
fn relayed(
    s: &mut duban::store::Store,
    title: &str,
    parties: &[&str],
    due: Option<&str>,
) -> String {
    let doc = document(s, title, "2026-09-28", Urgency::JiaJi, None);
    relay::mark_key(
        s,
        &actor("2026-09-28 10:00"),
        &Calendar::official(),
        &RelayPlan {
            doc_no: doc.clone(),
            parties: parties.iter().map(|p| p.to_string()).collect(),
            due: due.map(d),
        },
    )
    .unwrap();
    relay::record_report(
        s,
        &actor("2026-10-09 10:00"),
        &NewRelayReport {
            doc_no: doc.clone(),
            party: "北京市税务局".into(),
            reported_on: d("2026-10-09"),
            form: RelayForm::Meeting,
            measures: "召开党委会传达学习".into(),
        },
    )
    .unwrap();
    doc
}

#[test]
fn a_start_bulletin_of_a_key_document_is_published_frozen_and_exported() {
    let mut s = store();
    let doc = relayed(
        &mut s,
        "全国税务工作会议精神",
        &["北京市税务局", "天津市税务局"],
        None,
    );
    let a = actor("2026-10-12 09:00");
    let preview = special::preview_special(s.conn(), &doc, Phase::Start, d("2026-10-12")).unwrap();
    assert_eq!(
        (preview.relay_counts.on_time, preview.relay_counts.missing),
        (1, 1)
    );
    let (p, f) = special::publish_special(&mut s, &a, &doc, Phase::Start, None, None).unwrap();
    assert_eq!(p.period, format!("{doc}/启动"));
    assert_eq!((f.relay_counts.on_time, f.relay_counts.missing), (1, 1));
    // the late report arrives afterwards: the published bulletin does not move
    relay::record_report(
        &mut s,
        &actor("2026-10-13 10:00"),
        &NewRelayReport {
            doc_no: doc.clone(),
            party: "天津市税务局".into(),
            reported_on: d("2026-10-13"),
            form: RelayForm::Document,
            measures: "印发通知".into(),
        },
    )
    .unwrap();
    let stored = duban::publications::get(s.conn(), p.id).unwrap();
    assert_eq!(stored.figures_as::<special::SpecialFigures>().unwrap(), f);
    let e = special::publish_special(&mut s, &a, &doc, Phase::Start, None, None).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    let (p2, f2) = special::publish_special(
        &mut s,
        &actor("2026-10-13 11:00"),
        &doc,
        Phase::Start,
        Some(d("2026-10-13")),
        Some("补报"),
    )
    .unwrap();
    assert_eq!((p2.version, p2.issue), (2, p.issue));
    assert_eq!((f2.relay_counts.late, f2.relay_counts.missing), (1, 0));
    // an unknown document: nothing written
    let n = count(&s, "publications");
    let e = special::publish_special(&mut s, &a, "收〔2026〕999号", Phase::Start, None, None)
        .unwrap_err();
    assert!(matches!(e, Error::NotFound(_)), "{e:?}");
    assert_eq!(count(&s, "publications"), n);

    let dir = tempfile::tempdir().unwrap();
    let paths = special::export_special(s.conn(), p.id, dir.path()).unwrap();
    let xml = duban::docx::document_xml(&std::fs::read(&paths[0]).unwrap()).unwrap();
    for want in [
        "专项通报",
        "传达学习情况",
        "全国税务工作会议精神",
        "漏报 1 个",
        "北京市税务局",
    ] {
        assert!(xml.contains(want), "the Word 通报 lacks {want}");
    }
    let mut wb: Xlsx<_> = open_workbook(&paths[1]).unwrap();
    let range = wb.worksheet_range("传达学习").unwrap();
    let cells: Vec<String> = range
        .rows()
        .flat_map(|r| {
            r.iter().map(|c| match c {
                Data::String(s) => s.clone(),
                _ => String::new(),
            })
        })
        .collect();
    assert!(
        cells.contains(&"漏报".to_string()),
        "version 1 as published: {cells:?}"
    );
    assert!(!cells.contains(&"印发通知".to_string()));
    // No round report yet: the 报送内容汇总 says so rather than stay blank.
    let range = wb.worksheet_range("报送内容汇总").unwrap();
    assert!(
        range
            .rows()
            .any(|r| r.iter().any(|c| *c == "截至统计日，暂未收到报送内容。")),
        "an empty 报送内容汇总 says so"
    );
}

#[test]
fn a_bulletin_as_of_an_earlier_day_shows_the_document_as_it_stood_then() {
    use duban::items::{self, NewCompletion, NewItem};
    let mut s = store();
    let doc = relayed(&mut s, "某项政策", &["北京市税务局"], Some("2026-10-10"));
    // One item split from the document on 10-05, finished on 10-11.
    let id = duban::documents::get_document(s.conn(), &doc)
        .unwrap()
        .row
        .id;
    let mut new = NewItem::new("落实政策", "征管和科技发展司", Some(d("2026-10-09")));
    new.document_id = Some(id);
    let no = items::create_item(&mut s, &actor("2026-10-05 09:00"), &new)
        .unwrap()
        .item_no;
    let finished = actor("2026-10-11 09:00");
    items::report_completion(
        &mut s,
        &finished,
        &no,
        &NewCompletion {
            reported_on: d("2026-10-11"),
            text: "已完成".into(),
            reporter: "张明".into(),
            party_id: None,
            evidence: Vec::new(),
        },
    )
    .unwrap();
    items::accept_completion(&mut s, &finished, &no, None, "").unwrap();

    let start = special::preview_special(s.conn(), &doc, Phase::Start, d("2026-10-08")).unwrap();
    let line = &start.relay[0];
    assert_eq!(
        (line.reported_on, line.form.as_str(), line.measures.as_str()),
        (None, "", ""),
        "the report of 10-09 is not there on 10-08"
    );
    assert!(start.gathered.iter().all(|g| g.entries.is_empty()));

    let counts = |as_of: &str| {
        let f = special::preview_special(s.conn(), &doc, Phase::Done, d(as_of)).unwrap();
        let c = f.items.unwrap();
        (c.total, c.done, c.overdue)
    };
    assert_eq!(counts("2026-10-04"), (0, 0, 0), "not yet split");
    assert_eq!(counts("2026-10-10"), (1, 0, 1), "open and past 10-09");
    assert_eq!(counts("2026-10-11"), (1, 1, 0), "finished on 10-11");
}

#[test]
fn as_of_a_deadline_day_a_party_not_reported_is_missing_and_an_open_item_past_due() {
    use duban::items::{self, NewItem};
    use duban::rounds::{create_round, NewRound, RoundKind, Targets};
    let mut s = store();
    let doc = relayed(
        &mut s,
        "到期当日",
        &["北京市税务局", "天津市税务局"],
        Some("2026-10-10"),
    );
    let doc_id = duban::documents::get_document(s.conn(), &doc)
        .unwrap()
        .row
        .id;
    let mut new = NewItem::new("落实政策", "征管和科技发展司", Some(d("2026-10-12")));
    new.document_id = Some(doc_id);
    items::create_item(&mut s, &actor("2026-10-05 09:00"), &new).unwrap();
    create_round(
        &mut s,
        &actor("2026-10-05 09:00"),
        &NewRound {
            title: "落实情况报送".into(),
            kind: RoundKind::Policy,
            phase: "一个月内".into(),
            document_id: Some(doc_id),
            policy_name: String::new(),
            policy_doc_no: String::new(),
            issued_on: None,
            due: d("2026-10-12"),
            notes: String::new(),
            targets: Targets::Named(vec!["天津市税务局".into()]),
        },
    )
    .unwrap();

    let relay = |as_of: &str| {
        let c = special::preview_special(s.conn(), &doc, Phase::Start, d(as_of))
            .unwrap()
            .relay_counts;
        (c.on_time, c.missing, c.not_due)
    };
    assert_eq!(relay("2026-10-09"), (1, 0, 1), "天津 still has a day");
    assert_eq!(
        relay("2026-10-10"),
        (1, 1, 0),
        "due on the as-of day, not reported by its end"
    );

    let done = |as_of: &str| {
        let f = special::preview_special(s.conn(), &doc, Phase::Done, d(as_of)).unwrap();
        let round = &f.rounds[0].counts;
        let items = f.items.unwrap();
        ((round.missing, round.not_due), items.overdue)
    };
    assert_eq!(done("2026-10-11"), ((0, 1), 0));
    assert_eq!(
        done("2026-10-12"),
        ((1, 0), 1),
        "the round and the item are due on the as-of day and open at its end"
    );
}
