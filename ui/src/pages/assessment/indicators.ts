// The §6 indicators by their id, in the order the pages list them.
export const INDICATOR: Record<string, string> = {
  on_time_rate: "按期办结率",
  overdue_open: "逾期未办结",
  extensions: "延期次数",
  report_timeliness: "报送及时率",
  rectification_rate: "整改完成率",
  negative_opinion: "负面舆情",
  opinion_discipline: "舆情报告纪律",
  accountability: "约谈问责",
  manual: "综合评价",
};
