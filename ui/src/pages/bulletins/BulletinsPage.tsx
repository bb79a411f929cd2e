// 通报 (PRODUCT #11): numbered bulletins leaders receive, published once and
// frozen — the monthly 督办通报 (§3 figures), the 专项通报 of a key document by
// phase (启动 / 进展 / 完成), and the 公文办理质量通报 (month or quarter). Each is
// exported as a Word 通报 with its Excel appendix; a 更正 adds a version.
import { Button, Card, Input, Radio, Select, Space, Tabs, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";

import { publishMonthly, publishQuality, publishSpecial } from "../../api/bulletins";
import { listDocuments } from "../../api/documents";
import type { DocumentRow } from "../../api/generated/DocumentRow";
import type { Phase } from "../../api/generated/Phase";
import type { PublicationSummary } from "../../api/generated/PublicationSummary";
import DateField from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useToday } from "../../hooks/appData";
import BulletinList, { issueLabel } from "./BulletinList";

const published = (p: PublicationSummary) =>
  notifySuccess(`已发布 ${issueLabel(p)}（${p.period}，第 ${p.version} 版）。`);

function MonthlyTab() {
  const today = useToday();
  const [month, setMonth] = useState(() => dayjs(today).subtract(1, "month").format("YYYY-MM"));
  const [asOf, setAsOf] = useState<string | undefined>();
  const publish = () => publishMonthly(month, asOf ?? null, null).then(published, (e) => reportError(e, "未发布"));
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <span>月份</span>
        <Input data-testid="bulletin-month" style={{ width: 110 }} value={month} onChange={(e) => setMonth(e.target.value.trim())} />
        <span>统计截至（月份未结束时必填）</span>
        <DateField value={asOf} onChange={setAsOf} style={{ width: 160 }} testId="bulletin-as-of" />
        <Button type="primary" data-testid="bulletin-publish" onClick={() => void publish()}>
          发布
        </Button>
      </Space>
      <BulletinList kind="monthly_bulletin" onCorrect={(p, reason) => publishMonthly(p.period, p.as_of, reason).then(published)} />
    </Space>
  );
}

function QualityTab() {
  const today = useToday();
  const [period, setPeriod] = useState(() => dayjs(today).subtract(1, "month").format("YYYY-MM"));
  const [asOf, setAsOf] = useState<string | undefined>();
  const publish = () => publishQuality(period, asOf ?? null, null).then(published, (e) => reportError(e, "未发布"));
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <span>期间（月 2026-11 或季度 2026-Q4）</span>
        <Input data-testid="quality-period" style={{ width: 110 }} value={period} onChange={(e) => setPeriod(e.target.value.trim())} />
        <span>统计截至</span>
        <DateField value={asOf} onChange={setAsOf} style={{ width: 160 }} />
        <Button type="primary" data-testid="quality-publish" onClick={() => void publish()}>
          发布
        </Button>
      </Space>
      <BulletinList kind="quality_bulletin" onCorrect={(p, reason) => publishQuality(p.period, p.as_of, reason).then(published)} />
    </Space>
  );
}

function SpecialTab() {
  const [docs, setDocs] = useState<DocumentRow[]>([]);
  const [doc, setDoc] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>("启动");
  useEffect(() => {
    listDocuments({ text: null, urgency: null, unsplit_only: false, year: null }).then(setDocs).catch(reportError);
  }, []);
  const publish = () => {
    if (!doc) return;
    void publishSpecial(doc, phase, null, null).then(published, (e) => reportError(e, "未发布"));
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <span>文件</span>
        <Select
          data-testid="special-doc"
          showSearch
          optionFilterProp="label"
          style={{ width: 360 }}
          value={doc}
          onChange={setDoc}
          options={docs.map((d) => ({ value: d.doc_no, label: `${d.doc_no} ${d.title}` }))}
        />
        <Radio.Group value={phase} onChange={(e) => setPhase(e.target.value as Phase)} options={["启动", "进展", "完成"]} />
        <Button type="primary" data-testid="special-publish" disabled={!doc} onClick={publish}>
          发布
        </Button>
      </Space>
      <Typography.Text type="secondary">
        启动：传达学习情况；进展：各单位报送的措施、反映、典型做法，迟报漏报；完成：实施效果、困难问题、意见建议和事项办结情况。
      </Typography.Text>
      <BulletinList
        kind="special_bulletin"
        onCorrect={(p, reason) => {
          const [docNo, ph] = p.period.split("/");
          return publishSpecial(docNo ?? "", (ph ?? "启动") as Phase, p.as_of, reason).then(published);
        }}
      />
    </Space>
  );
}

export default function BulletinsPage() {
  return (
    <Card title="通报" data-testid="bulletins-page">
      <Tabs
        items={[
          { key: "monthly", label: "月度督办通报", children: <MonthlyTab /> },
          { key: "special", label: "专项通报", children: <SpecialTab /> },
          { key: "quality", label: "公文办理质量通报", children: <QualityTab /> },
        ]}
      />
    </Card>
  );
}
