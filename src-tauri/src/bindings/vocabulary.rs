//! `vocabulary.ts`: the Chinese words the UI shows for the core's statuses,
//! kinds and lights, and the spreadsheet extensions the app reads — written
//! once, in Rust. Each label map is a `Record<Kind, string>`, so the UI's
//! type check fails when a variant has no word. Colours and icons stay in
//! the UI.

use std::fmt::Write as _;

use duban::imports::ImportKind;
use duban::items::{Light, Status};
use duban::reminders::ReminderKind;
use duban::rounds::ReportStatus;
use serde::Serialize;
use ts_rs::TS;

use super::{describe, Types, HEADER};

/// `export const NAME: Record<Kind, string> = { wire: "label", ... };`
fn labels<T: TS + Serialize + Copy + 'static>(
    types: &mut Types<'_>,
    name: &str,
    doc: &str,
    values: &[T],
    label: impl Fn(T) -> String,
) -> String {
    let kind = describe::<T>(types);
    let mut out = format!("/** {doc} */\nexport const {name}: Record<{kind}, string> = {{\n");
    for v in values {
        let wire = serde_json::to_value(v).expect("a unit variant serialises");
        let wire = wire.as_str().expect("a unit variant is a string");
        let _ = writeln!(out, "  {wire}: {},", quote(&label(*v)));
    }
    out.push_str("};\n\n");
    out
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

pub(super) fn render(all: &mut Types<'_>) -> String {
    let mut types = Types::new(all.cfg);
    let mut body = String::new();
    body += &labels(
        &mut types,
        "STATUS_LABELS",
        "办理状态: 未启动 / 推进中 / 待销号 / 已办结 / 已撤销.",
        &Status::ALL,
        |s| s.label().to_string(),
    );
    body += &labels(
        &mut types,
        "LIGHT_LABELS",
        "红灯 / 黄灯 / 绿灯.",
        &[Light::Red, Light::Yellow, Light::Green],
        |l| format!("{}灯", l.label()),
    );
    body += &labels(
        &mut types,
        "REMINDER_KIND_LABELS",
        "What a reminder is about (限时件超时, 红灯事项 ...).",
        &ReminderKind::ALL,
        |k| k.label().to_string(),
    );
    body += &labels(
        &mut types,
        "IMPORT_KIND_LABELS",
        "What an imported file is (督办事项台账, 落实情况反馈表 ...).",
        &[
            ImportKind::Ledger,
            ImportKind::Feedback,
            ImportKind::Report,
            ImportKind::Org,
            ImportKind::Assessment,
            ImportKind::Opinion,
            ImportKind::Rectification,
        ],
        |k| k.label().to_string(),
    );
    body += &labels(
        &mut types,
        "REPORT_STATUS_LABELS",
        "A unit's reporting in a round: 按时 / 迟报 / 漏报 / 未到期.",
        &[
            ReportStatus::OnTime,
            ReportStatus::Late,
            ReportStatus::Missing,
            ReportStatus::NotDue,
        ],
        |s| s.label().to_string(),
    );
    let extensions: Vec<String> = duban::sheets::read::ACCEPTED_EXTENSIONS
        .iter()
        .map(|e| quote(e))
        .collect();
    let _ = writeln!(
        body,
        "/** The spreadsheet files the app reads (file dialogs, folder listings). */\n\
         export const SHEET_EXTENSIONS: readonly string[] = [{}];",
        extensions.join(", ")
    );
    let out = format!("{HEADER}{}\n{body}", types.imports());
    all.merge(types);
    out
}
