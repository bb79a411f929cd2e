//! Header matching (EXCHANGE §1): names and synonyms, spaces, line breaks,
//! full-width characters, bracketed notes, trailing `*`, reordered and extra
//! columns, title rows above — tables and properties.

use calamine::Data;
use duban::imports::{FEEDBACK_FIELDS, LEDGER_FIELDS, ORG_FIELDS};
use duban::sheets::header::{field_of, find_header, normalise_header, HEADER_SEARCH_ROWS};
use duban::sheets::Field;
use proptest::prelude::*;
use proptest::sample::select;

#[test]
fn decorated_headers_reduce_to_their_names() {
    for (raw, want) in [
        (" 事项\n名称 ", "事项名称"),
        ("事项名称*", "事项名称"),
        ("*事项名称", "事项名称"),
        ("事项名称＊", "事项名称"),
        ("完成时限（必填）", "完成时限"),
        ("完成时限(格式：2026-11-30)", "完成时限"),
        ("【必填】牵头部门", "牵头部门"),
        ("牵头部门〔主办〕", "牵头部门"),
        ("事项\u{3000}编号", "事项编号"),
        ("简称/别名", "简称/别名"),
        ("ＡＢＣ", "ABC"),
    ] {
        assert_eq!(normalise_header(raw), want, "normalising {raw:?}");
    }
}

#[test]
fn synonyms_of_ledger_columns_are_recognised() {
    for (text, field) in [
        ("编号", "事项编号"),
        ("督办编号", "事项编号"),
        ("督办事项", "事项名称"),
        ("工作事项", "事项名称"),
        ("事项", "事项名称"),
        ("事项来源", "来源类别"),
        ("文号", "来文文号"),
        ("任务要求", "工作要求"),
        ("分管局领导", "统筹局领导"),
        ("承办部门", "牵头部门"),
        ("配合单位", "配合部门"),
        ("联系人", "责任人"),
        ("截止日期", "完成时限"),
        ("落实情况", "办理进展"),
        ("完成情况", "办理状态"),
        ("完成日期", "办结日期"),
    ] {
        let i = field_of(&LEDGER_FIELDS, text).unwrap_or_else(|| panic!("{text} not recognised"));
        assert_eq!(LEDGER_FIELDS[i].name, field, "{text} should mean {field}");
    }
    assert_eq!(
        field_of(&LEDGER_FIELDS, "督办事项台账"),
        None,
        "a title is not a header"
    );
    assert_eq!(
        field_of(&LEDGER_FIELDS, "序号"),
        None,
        "an extra column is not a field"
    );
}

#[test]
fn no_name_means_two_fields() {
    for fields in [&LEDGER_FIELDS[..], &FEEDBACK_FIELDS[..], &ORG_FIELDS[..]] {
        for (i, f) in fields.iter().enumerate() {
            for name in std::iter::once(&f.name).chain(f.synonyms) {
                assert_eq!(
                    field_of(fields, name),
                    Some(i),
                    "“{name}” must name only {}",
                    f.name
                );
            }
        }
    }
}

#[test]
fn a_header_below_row_20_is_not_searched() {
    let mut rows: Vec<Vec<Data>> = (0..HEADER_SEARCH_ROWS)
        .map(|i| vec![Data::String(format!("说明{i}"))])
        .collect();
    rows.push(vec![
        Data::String("事项名称".into()),
        Data::String("牵头部门".into()),
    ]);
    assert_eq!(
        find_header(rows.iter().map(|r| r.as_slice()), &LEDGER_FIELDS),
        None
    );
    rows.remove(0);
    let m =
        find_header(rows.iter().map(|r| r.as_slice()), &LEDGER_FIELDS).expect("row 20 is searched");
    assert_eq!(m.row, HEADER_SEARCH_ROWS - 1);
}

fn decorate(name: &str, spaces: &[usize], star: usize, note: Option<&str>) -> String {
    let mut s = String::new();
    for (i, c) in name.chars().enumerate() {
        if spaces.contains(&i) {
            s.push(['\n', ' ', '\u{3000}', '\t'][i % 4]);
        }
        s.push(c);
    }
    if let Some(n) = note {
        s.push_str(&format!("（{n}）"));
    }
    s.push_str(["", "*", "＊", " *"][star]);
    s
}

fn spelling(fields: &'static [Field]) -> impl Strategy<Value = (usize, &'static str)> {
    (0..fields.len()).prop_flat_map(move |i| {
        let names: Vec<&'static str> = std::iter::once(fields[i].name)
            .chain(fields[i].synonyms.iter().copied())
            .collect();
        select(names).prop_map(move |n| (i, n))
    })
}

proptest! {
    #[test]
    fn any_decorated_spelling_names_its_field(
        (i, name) in spelling(&LEDGER_FIELDS),
        spaces in proptest::collection::vec(0usize..6, 0..3),
        star in 0usize..4,
        note in proptest::option::of("[a-z0-9必填格式：]{1,6}"),
    ) {
        let raw = decorate(name, &spaces, star, note.as_deref());
        prop_assert_eq!(field_of(&LEDGER_FIELDS, &raw), Some(i), "{:?}", raw);
    }

    #[test]
    fn the_header_is_found_whatever_the_order_and_the_rows_above(
        order in Just((0..LEDGER_FIELDS.len()).collect::<Vec<_>>()).prop_shuffle(),
        keep in proptest::collection::vec(any::<bool>(), LEDGER_FIELDS.len()),
        above in 0usize..15,
        extra in 0usize..3,
    ) {
        let mut cols: Vec<usize> = order.into_iter().filter(|&f| keep[f] || LEDGER_FIELDS[f].required).collect();
        prop_assume!(cols.len() >= 2);
        let mut rows: Vec<Vec<Data>> = Vec::new();
        rows.push(vec![Data::String("2026年督办事项台账".into())]);
        for i in 1..above { rows.push(if i % 2 == 0 { vec![] } else { vec![Data::String(format!("注{i}：请填写"))] }); }
        let mut header: Vec<Data> = cols.iter().map(|&f| Data::String(format!(" {}*", LEDGER_FIELDS[f].name))).collect();
        for e in 0..extra { header.insert(e * 2, Data::String(format!("附加列{e}"))); }
        rows.push(header.clone());
        rows.push(vec![Data::String("数据".into()); header.len()]);
        let m = find_header(rows.iter().map(|r| r.as_slice()), &LEDGER_FIELDS).expect("header found");
        prop_assert_eq!(m.row, rows.len() - 2);
        for (f, col) in m.columns.iter().enumerate() {
            match col {
                Some(c) => prop_assert_eq!(field_of(&LEDGER_FIELDS, &match &header[*c] { Data::String(s) => s.clone(), _ => String::new() }), Some(f)),
                None => prop_assert!(!cols.contains(&f)),
            }
        }
        cols.sort();
        prop_assert_eq!(m.found, cols.len());
    }
}
