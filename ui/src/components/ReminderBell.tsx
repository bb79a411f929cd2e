// The reminder bell in the header: how many reminders stand now, the first few
// of them, and the way to the 工作台. Reloads after every change of the data,
// after a scheduled check and when the day changes (useChanged).
import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, List, Popover, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";

import type { ReminderHead } from "../api/generated/ReminderHead";
import { reminderHead } from "../api/reminders";
import { useLoad } from "../hooks/appData";
import { afterFirstPage } from "../hooks/performanceMark";
import { KIND_LABEL, KIND_COLOR } from "./reminderKinds";

/** How many reminders the bell lists (the count is of all of them). */
const BELL_LIST = 8;

export default function ReminderBell() {
  const [head, setHead] = useState<ReminderHead>({ total: 0, first: [] });
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();

  // The first load waits for the first page (afterFirstPage): at start-up
  // the 工作台 scans the same reminders, and the two shared 2 cores.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void afterFirstPage().then(() => setReady(true));
  }, []);
  const load = useCallback(
    () =>
      ready
        ? reminderHead(BELL_LIST)
            .then(setHead)
            .catch(() => {
              /* the database error screen or the page reports it */
            })
        : undefined,
    [ready],
  );

  useLoad(load);

  const content = (
    <div style={{ width: 420 }} data-testid="bell-list">
      <List
        size="small"
        dataSource={head.first}
        locale={{ emptyText: "当前没有需要提醒的事项" }}
        renderItem={(r) => (
          <List.Item>
            <Typography.Text ellipsis style={{ width: "100%" }}>
              <Tag color={KIND_COLOR[r.kind]}>{KIND_LABEL[r.kind]}</Tag>
              {r.message}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Button
        type="link"
        data-testid="bell-open-dashboard"
        onClick={() => {
          setOpen(false);
          navigate("/dashboard");
        }}
      >
        打开工作台查看全部 {head.total} 条
      </Button>
    </div>
  );

  return (
    <Popover content={content} title="提醒" trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <span data-testid="bell-count" data-count={head.total}>
        <Badge count={head.total} overflowCount={999}>
          <Button shape="circle" icon={<BellOutlined />} aria-label="提醒" data-testid="bell" />
        </Badge>
      </span>
    </Popover>
  );
}
