// The Word documents printed from a document or an item: a 交办单 per lead
// department of a split document, and the 督办事项卡 of one item.
import { Button } from "antd";

import { itemCardWrite, writeHandover } from "../api/bulletins";
import { pickPath } from "../api/dialogs";
import { notifySuccess, reportError } from "../feedback";

export function HandoverButton({ docNo }: { docNo: string }) {
  const run = async () => {
    const dir = await pickPath({ mode: "folder", title: "选择交办单保存的文件夹", filters: [], default_name: null });
    if (!dir) return;
    const files = await writeHandover(docNo, dir);
    notifySuccess(`已生成交办单 ${files.length} 份：${files.map((f) => f.lead).join("、")}`);
  };
  return (
    <Button data-testid="doc-handover" onClick={() => void run().catch((e) => reportError(e, "交办单未生成"))}>
      打印交办单
    </Button>
  );
}

export function ItemCardButton({ itemNo }: { itemNo: string }) {
  const run = async () => {
    const path = await pickPath({
      mode: "save",
      title: "保存督办事项卡",
      filters: [{ name: "Word 文档", extensions: ["docx"] }],
      default_name: `督办事项卡-${itemNo}.docx`,
    });
    if (!path) return;
    await itemCardWrite(itemNo, path);
    notifySuccess(`已生成督办事项卡：${path}`);
  };
  return (
    <Button data-testid="item-card" onClick={() => void run().catch((e) => reportError(e, "事项卡未生成"))}>
      督办事项卡
    </Button>
  );
}
