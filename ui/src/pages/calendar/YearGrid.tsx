// Twelve small months of a year view, each day coloured by its kind
// (工作日 / 休息日 / 节假日 / 调休上班); a click on a day sets it by hand.
import { Card, Col, Row, Tooltip } from "antd";
import type { YearDay } from "../../api/generated/YearDay";
import type { YearDayKind } from "../../api/generated/YearDayKind";

/** The colours of the four kinds (background, text). */
export const KIND_STYLE: Record<YearDayKind, { background: string; color: string }> = {
  工作日: { background: "#ffffff", color: "#262626" },
  休息日: { background: "#f0f0f0", color: "#8c8c8c" },
  节假日: { background: "#ffccc7", color: "#a8071a" },
  调休上班: { background: "#d6e4ff", color: "#1d39c4" },
};

const WEEK = ["一", "二", "三", "四", "五", "六", "日"];

function Month({ month, days, onPick }: { month: number; days: YearDay[]; onPick: (d: YearDay) => void }) {
  const blanks = (days[0]?.weekday ?? 1) - 1;
  return (
    <Card size="small" title={`${month}月`} data-testid="cal-month" data-month={month}>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(7, 1fr)", gap: 2, textAlign: "center", fontSize: 12 }}>
        {WEEK.map((w) => (
          <div key={w} style={{ color: "#8c8c8c" }}>
            {w}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`b${i}`} />
        ))}
        {days.map((d) => {
          const cell = (
            <div
              key={d.date}
              data-testid="cal-day"
              data-date={d.date}
              data-kind={d.kind}
              style={{ ...KIND_STYLE[d.kind], borderRadius: 3, padding: "1px 0", cursor: "pointer" }}
              onClick={() => onPick(d)}
            >
              {Number(d.date.slice(8))}
            </div>
          );
          return d.name ? (
            <Tooltip key={d.date} title={`${d.name}（${d.kind}）`}>
              {cell}
            </Tooltip>
          ) : (
            cell
          );
        })}
      </div>
    </Card>
  );
}

export default function YearGrid({ days, onPick }: { days: YearDay[]; onPick: (d: YearDay) => void }) {
  const months = Array.from({ length: 12 }, (_, i) => days.filter((d) => Number(d.date.slice(5, 7)) === i + 1));
  return (
    <Row gutter={[12, 12]}>
      {months.map((m, i) => (
        <Col key={i} xs={12} md={8} xl={6}>
          <Month month={i + 1} days={m} onPick={onPick} />
        </Col>
      ))}
    </Row>
  );
}
