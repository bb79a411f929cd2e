// The 催办 of one item, newest first; a chase recorded by mistake is voided
// (作废, with a reason) and stays listed, struck through.
import { Empty, List, Space } from "antd";
import { useCallback, useState } from "react";

import type { Chase } from "../api/generated/Chase";
import { chasesForItem } from "../api/reminders";
import { reportError } from "../feedback";
import { useLoad } from "../hooks/appData";
import { Struck, VoidButton, VoidedTag } from "./Voiding";

export default function ChaseHistory({ itemNo }: { itemNo: string }) {
  const [list, setList] = useState<Chase[]>([]);
  const load = useCallback(() => chasesForItem(itemNo).then(setList).catch(reportError), [itemNo]);
  useLoad(load);
  if (list.length === 0) return <Empty description="尚未催办" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      size="small"
      data-testid="item-chases"
      dataSource={list}
      renderItem={(c) => (
        <List.Item>
          <Space wrap>
            <Struck voided={c.voided}>
              {c.chased_on} {c.channel}催办 {c.to_whom}
              {c.note ? `：${c.note}` : ""}
            </Struck>
            <VoidedTag voided={c.voided} />
            {!c.voided && <VoidButton kind="chase" id={c.id} what="催办记录" />}
          </Space>
        </List.Item>
      )}
    />
  );
}
