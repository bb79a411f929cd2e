//! `duban item show`: one item in full — as JSON (`--json`: the item's
//! detail with its 催办 beside it), or in Chinese lines for the clerk.

use duban::chases::Chase;
use duban::dates::ymd;
use duban::items::ItemDetail;
use serde::Serialize;

use crate::extension::voided;

/// What `item show --json` prints: the detail's fields, then `chases`.
#[derive(Serialize)]
pub struct Shown<'a> {
    #[serde(flatten)]
    pub detail: &'a ItemDetail,
    /// Its 催办, oldest first (voided ones marked).
    pub chases: &'a [Chase],
}

/// `item show` without `--json`.
pub fn lines(s: &Shown<'_>) -> String {
    let d = s.detail;
    let r = &d.row;
    let light = r
        .light
        .map(|l| format!("，{}灯", l.label()))
        .unwrap_or_default();
    let mut out = vec![
        format!("{}　{}（{}{light}）", r.item_no, r.name, r.status_label),
        format!(
            "牵头：{}　配合：{}",
            r.lead,
            or_none(&r.cooperators.join("、"))
        ),
        format!(
            "完成时限：{}　来源：{}{}",
            deadline(d),
            or_none(&r.source_category),
            r.doc_no
                .as_deref()
                .map(|no| format!("（{no}）"))
                .unwrap_or_default()
        ),
    ];
    if !r.requirement.is_empty() {
        out.push(format!("工作要求：{}", r.requirement));
    }
    if let Some(v) = &d.voided {
        out.push(format!("本事项已作废：{}", v.reason));
    }
    section(&mut out, "时间节点", &d.milestones, |m| {
        let done = m.done_on.map(|on| format!("（{} 完成）", ymd(on)));
        format!(
            "#{} {} {}{}{}",
            m.id,
            ymd(m.due),
            m.title,
            done.unwrap_or_default(),
            voided(&m.voided)
        )
    });
    section(&mut out, "办理进展", &d.progress, |p| {
        format!(
            "#{} {} {}{}{}",
            p.id,
            ymd(p.reported_on),
            p.text,
            p.party
                .as_deref()
                .map(|p| format!("（{p}）"))
                .unwrap_or_default(),
            voided(&p.voided)
        )
    });
    section(&mut out, "办结报告", &d.completion_reports, |c| {
        let state = match c.status.as_str() {
            "accepted" => "已销号",
            "returned" => "已退回",
            _ => "待销号审核",
        };
        format!(
            "#{} {} {} [{state}]{}",
            c.id,
            ymd(c.reported_on),
            c.text,
            voided(&c.voided)
        )
    });
    section(&mut out, "延期申请", &d.extensions, |e| {
        let state = match e.status.as_str() {
            "approved" if e.superseded_on.is_some() => "已批准，已不适用（事项改为长期）",
            "approved" => "已批准",
            "rejected" => "未批准",
            _ => "待审批",
        };
        format!(
            "#{} {} 申请 {} → {} [{state}] {}{}",
            e.id,
            ymd(e.requested_on),
            ymd(e.old_deadline),
            ymd(e.new_deadline),
            e.reason,
            voided(&e.voided)
        )
    });
    section(&mut out, "催办", s.chases, |c| {
        format!(
            "#{} {} {} {} {}{}",
            c.id,
            ymd(c.chased_on),
            c.channel.label(),
            c.to_whom,
            c.note,
            voided(&c.voided)
        )
        .trim_end()
        .to_string()
    });
    out.push(format!("记录：{} 条（--json 可看全部）", d.timeline.len()));
    out.join("\n")
}

fn deadline(d: &ItemDetail) -> String {
    let r = &d.row;
    if r.standing {
        return format!("长期（{}）", or_none(&r.report_cycle));
    }
    match (r.deadline, r.effective_deadline) {
        (Some(set), Some(now)) if set != now => format!("{}（原 {}，已延期）", ymd(now), ymd(set)),
        (_, Some(now)) | (Some(now), None) => ymd(now),
        (None, None) => "无".to_string(),
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "无"
    } else {
        s
    }
}

/// `title（n）：` and one indented line per record; nothing when there is none.
fn section<T>(out: &mut Vec<String>, title: &str, records: &[T], line: impl Fn(&T) -> String) {
    if records.is_empty() {
        return;
    }
    out.push(format!("{title}（{}）：", records.len()));
    out.extend(records.iter().map(|r| format!("　　{}", line(r))));
}
