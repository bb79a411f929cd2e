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
}
