//! The audit log's codes in Chinese, for what people read (the 操作记录
//! page and export, a record's timeline). The log keeps the codes it was
//! written with (they are hashed into its chain); most actions are written in
//! Chinese already, and any code not listed here is shown as written.

/// What kind of record an entry is about (`item` → 督办事项).
pub fn entity_label(code: &str) -> &str {
    match code {
        "accountability" => "约谈问责",
        "assessment_manual" => "综合评价",
        "assessment_period" => "考核期间",
        "assessment_scheme" => "考核方案",
        "attachment" => "附件",
        "calendar" => "工作日历",
        "chase" => "催办",
        "countersign" => "会签",
        "database" => "数据库",
        "demo" => "示例数据",
        "document" => "收文",
        "extension" => "延期申请",
        "finding" => "督查问题",
        "followup" => "回头看/再督查",
        "import" => "导入",
        "inspection" => "督查",
        "item" => "督办事项",
        "opinion" => "舆情",
        "org" => "组织机构",
        "outgoing" => "发文",
        "person" => "人员",
        "publication" => "发布",
        "rectification" => "整改事项",
        "reminder_check" => "提醒检查",
        "round" => "报送任务",
        "setting" => "设置",
        other => other,
    }
}

/// What was done (`countersign_send` → 发出会签).
pub fn action_label(code: &str) -> &str {
    match code {
        "add" => "登记",
        "chase" => "催办",
        "choose_scheme" => "选用考核方案",
        "copy" => "复制",
        "countersign_reply" => "会签回复",
        "countersign_reply_due" => "会签回复期限",
        "countersign_send" => "发出会签",
        "edit" => "修改",
        "correct" => "更正发布",
        "extension_approve" => "批准延期",
        "extension_reject" => "不批准延期",
        "extension_request" => "申请延期",
        "finding_rebound" => "登记问题反弹",
        "finding_record" => "记录问题",
        "finding_spread" => "下发防范整改",
        "followup_plan" => "安排回头看/再督查",
        "followup_result" => "登记复查结果",
        "inspection_create" => "新建督查",
        "inspection_stage" => "督查环节",
        "publish" => "发布",
        "quality_event" => "登记办文质量问题",
        "rectification_check" => "三不放过核查",
        "rectification_close" => "整改销号",
        "rectification_progress" => "整改进展",
        "rectification_reopen" => "整改重新打开",
        "relay_due" => "传达学习期限",
        "relay_plan" => "安排传达学习",
        "relay_report" => "传达学习报告",
        "run" => "运行",
        "set" => "设置",
        "update" => "修改",
        other => other,
    }
}

/// A field of an entry's before/after JSON in Chinese (`deadline` →
/// 完成时限). Most entries written since issue 13 use Chinese keys already;
/// those are shown as written, and so is any key not listed here.
pub fn field_label(key: &str) -> &str {
    match key {
        "accountability" => "约谈问责",
        "active" => "在用",
        "alias_additions" => "新增简称",
        "approved_on" => "审签日期",
        "as_of" => "统计截止日",
        "attachments" => "附件",
        "body" => "内容",
        "by_office" => "办公室发现",
        "aliases" => "简称",
        "catch_up" => "补检查",
        "cause" => "原因",
        "channel" => "方式",
        "chase_id" => "催办记录编号",
        "chased_on" => "催办日期",
        "check" => "核查项",
        "closed_on" => "销号日期",
        "comment" => "意见",
        "concealed" => "瞒报",
        "concealed_reason" => "瞒报认定理由",
        "cooperators" => "配合部门",
        "coordinator_leader" => "统筹局领导",
        "countersign_id" => "会签编号",
        "countersigned_on" => "会签日期",
        "covers" => "覆盖天数",
        "date" => "日期",
        "days" => "日期",
        "deadline" => "完成时限",
        "decided_by" => "决定人",
        "department" => "部门",
        "departments" => "部门指标",
        "description" => "问题描述",
        "detail" => "详情",
        "discipline" => "报告纪律",
        "discovered_at" => "发现时间",
        "doc_no" => "文号",
        "documents" => "关联收文",
        "done_on" => "办结日期",
        "drafted_on" => "拟稿日期",
        "due" => "期限",
        "effective_deadline" => "现完成时限",
        "event" => "问题编号",
        "evidence" => "佐证材料",
        "extension_id" => "延期申请编号",
        "extensions" => "延期次数",
        "factors" => "扣分系数",
        "file" => "文件",
        "file_name" => "文件名",
        "files" => "文件",
        "finding_id" => "问题编号",
        "form" => "形式",
        "found_on" => "发现日期",
        "from" => "来自",
        "full_time" => "专职",
        "gate" => "关口",
        "general" => "共性问题",
        "given_on" => "日期",
        "handling" => "处置情况",
        "id" => "记录编号",
        "import_id" => "导入编号",
        "important" => "重要",
        "issue" => "期号",
        "issued_on" => "印发日期",
        "item" => "事项",
        "item_no" => "事项编号",
        "items" => "事项",
        "key_relay" => "重点（传达学习）",
        "kind" => "类别",
        "kept" => "原数据库保留为",
        "late" => "逾期",
        "lead" => "牵头部门",
        "leader" => "局领导",
        "leader_updates" => "局领导变更",
        "leaders" => "局领导",
        "level" => "等级",
        "manner" => "方式",
        "manual" => "综合评价",
        "measure" => "措施",
        "measures" => "措施",
        "meeting" => "会议",
        "milestones" => "时间节点",
        "minutes" => "分钟",
        "name" => "名称",
        "negative" => "负面",
        "negative_opinion" => "负面舆情",
        "new_deadline" => "新完成时限",
        "new_item" => "新整改事项",
        "new_leaders" => "新增局领导",
        "new_parties" => "新增单位",
        "new_red" => "新增红灯",
        "new_yellow" => "新增黄灯",
        "next_steps" => "下步计划",
        "note" => "备注",
        "not_due" => "未到期",
        "occurred_at" => "发生时间",
        "occurred_on" => "发生日期",
        "on_time_rate" => "按期办结率",
        "of" => "对象",
        "office_added" => "办公室录入",
        "old_deadline" => "原完成时限",
        "opinion" => "意见",
        "opinion_discipline" => "舆情报告纪律",
        "org_plan" => "组织机构变更",
        "overdue_open" => "逾期未办结",
        "owner_person" => "责任人",
        "parties" => "单位",
        "party" => "单位",
        "period" => "期间",
        "phase" => "阶段",
        "phone" => "电话",
        "planned_end" => "计划结束",
        "planned_on" => "计划日期",
        "planned_start" => "计划开始",
        "problems" => "存在问题",
        "progress_so_far" => "已完成情况",
        "progress_text" => "办理进展",
        "reason" => "原因",
        "rectification_rate" => "整改完成率",
        "rebound_of" => "反弹自",
        "received_on" => "收文日期",
        "record" => "记录",
        "relay_due" => "传达学习报送期限",
        "reactivated" => "重新启用",
        "reopened_on" => "重新打开日期",
        "renames" => "更名",
        "replied_on" => "回复日期",
        "reply_days" => "回复期限（工作日）",
        "reply_due" => "回复期限",
        "report_cycle" => "报送周期",
        "report_timeliness" => "报送及时率",
        "reported_at" => "报告时间",
        "reported_on" => "报送日期",
        "reporter" => "报送人",
        "requested_on" => "申请日期",
        "requirement" => "工作要求",
        "result" => "结果",
        "row" => "行",
        "role" => "角色",
        "rows_applied" => "导入行数",
        "rows_rejected" => "未导入行数",
        "scheme" => "考核方案",
        "score" => "得分",
        "sent_on" => "发送日期",
        "sha256" => "文件校验值",
        "sheet" => "工作表",
        "source" => "来源",
        "source_category" => "来源类别",
        "source_doc_no" => "来文文号",
        "source_org" => "来文单位",
        "source_ref" => "来源编号",
        "stage" => "环节",
        "standing" => "长期",
        "status" => "状态",
        "summary" => "摘要",
        "targets" => "对象单位",
        "team" => "督查组",
        "text" => "内容",
        "time_limit" => "办理时限",
        "time_limited" => "限时件",
        "title" => "标题",
        "title_from" => "原职务",
        "to" => "改为",
        "to_whom" => "催办对象",
        "total" => "合计",
        "tracked" => "跟踪",
        "unchanged" => "未变",
        "units" => "单位",
        "urgency" => "紧急程度",
        "urgent" => "紧急",
        "version" => "版本",
        "who" => "责任人",
        "year" => "年度",
        other => other,
    }
}

/// A code stored as a value in the log of `entity` in Chinese
/// (`not_started` → 未启动); any other text as written, a stored moment
/// (`2026-12-01T10:00:00`) with a space for its `T`.
pub fn value_label<'a>(entity: &str, text: &'a str) -> std::borrow::Cow<'a, str> {
    let word = match text {
        // A publication's kind; an import's `assessment` is the 综合评价表.
        "assessment" if entity == "publication" => "绩效考核",
        "monthly_bulletin" => "月度督办通报",
        "special_bulletin" => "专项通报",
        "quality_bulletin" => "公文办理质量通报",
        "not_started" => "未启动",
        "in_progress" => "推进中",
        "pending_review" => "待销号",
        "done" => "已办结",
        "withdrawn" => "已撤销",
        "pending" => "待审批",
        "approved" => "已批准",
        "rejected" => "未批准",
        "applied" => "已导入",
        "handling" => "处置中",
        "handled" => "已处置",
        "general" => "一般",
        "larger" => "较大",
        "major" => "重大",
        "critical" => "特别重大",
        "staff" => "经办人",
        "inspector" => "督查专员",
        "ledger" => "督办事项台账",
        "feedback" => "落实情况反馈表",
        "report" => "报送表",
        "assessment" => "综合评价表",
        "rectification" => "整改情况反馈表",
        "opinion" => "舆情情况登记表",
        "org" => "组织机构",
        "progress" => "落实进展",
        "policy" => "政策措施落实情况",
        "on_time" => "按时",
        "late" => "迟报",
        "missing" => "漏报",
        "not_due" => "未到期",
        "open" => "未销号",
        "closed" => "已销号",
        "department" => "内设机构",
        "unit" => "下级单位",
        _ => {
            let b = text.as_bytes();
            return if b.len() >= 16 && b[10] == b'T' && b[4] == b'-' && b[13] == b':' {
                std::borrow::Cow::Owned(text.replacen('T', " ", 1))
            } else {
                std::borrow::Cow::Borrowed(text)
            };
        }
    };
    std::borrow::Cow::Borrowed(word)
}

/// An entry's before or after JSON as a clerk reads it: `状态：已办结；原因：…`
/// (fields in the order the log keeps them: by their stored key),
/// each field in Chinese ([`field_label`]), codes in Chinese
/// ([`value_label`], in the log of `entity`), 是/否 for flags, lists joined with `、`, a record in a
/// list or inside a field in parentheses. In a record of more than three
/// fields (a new item as registered) empty fields are left out; in a short
/// one (a correction's before → after) an empty value reads 无.
pub fn describe(entity: &str, value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "无".into(),
        Value::Bool(b) => if *b { "是" } else { "否" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => value_label(entity, s).into_owned(),
        Value::Array(list) => list
            .iter()
            .map(|v| match v {
                Value::Object(_) => format!("（{}）", describe(entity, v)),
                _ => describe(entity, v),
            })
            .collect::<Vec<_>>()
            .join("、"),
        Value::Object(map) => {
            let short = map.len() <= 3;
            map.iter()
                .filter(|(k, v)| !INTERNAL.contains(&k.as_str()) && (short || !is_empty(v)))
                .map(|(k, v)| {
                    let text = match v {
                        Value::Object(_) => format!("（{}）", describe(entity, v)),
                        _ if is_empty(v) => "无".into(),
                        _ => describe(entity, v),
                    };
                    format!("{}：{text}", field_label(k))
                })
                .collect::<Vec<_>>()
                .join("；")
        }
    }
}

/// Keys that refer to another row by its internal id, which the entry names
/// otherwise (its 单位, its 收文编号) or nobody reads: left out of [`describe`].
const INTERNAL: [&str; 6] = [
    "party_id",
    "document_id",
    "department_id",
    "leader_id",
    "rebound_of",
    "token",
];

fn is_empty(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.trim().is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        serde_json::Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_in_chinese_and_what_is_chinese_already_stays() {
        assert_eq!(entity_label("item"), "督办事项");
        assert_eq!(action_label("countersign_send"), "发出会签");
        assert_eq!(action_label("录入进展"), "录入进展");
        assert_eq!(entity_label("something_new"), "something_new");
    }

    #[test]
    fn an_entry_reads_as_chinese_fields_and_values() {
        let v = serde_json::json!({
            "item_no": "DB2026-0001", "name": "清理欠税", "lead": "办公厅",
            "cooperators": ["人事司", "财务司"], "status": "not_started", "standing": false,
            "meeting": "", "milestones": [{"due": "2026-12-19", "title": "完成摸底"}],
            "something_new": 3, "document_id": 7
        });
        assert_eq!(
            describe("item", &v),
            "配合部门：人事司、财务司；事项编号：DB2026-0001；牵头部门：办公厅；\
             时间节点：（期限：2026-12-19；标题：完成摸底）；名称：清理欠税；something_new：3；\
             长期：否；状态：未启动"
        );
        // A short before → after keeps its empty value.
        let v = serde_json::json!({"办理时限": null, "原因": "登记时看错"});
        assert_eq!(describe("document", &v), "办理时限：无；原因：登记时看错");
        assert_eq!(describe("item", &serde_json::json!("已办结")), "已办结");
        // The same code by the log it is in; a stored moment with a space.
        let kind = serde_json::json!({"kind": "assessment"});
        assert_eq!(describe("publication", &kind), "类别：绩效考核");
        assert_eq!(describe("import", &kind), "类别：综合评价表");
        let at = serde_json::json!({"occurred_at": "2026-12-01T10:00:00"});
        assert_eq!(describe("opinion", &at), "发生时间：2026-12-01 10:00:00");
    }
}
