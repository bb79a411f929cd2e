// The buttons the two import panels (导入 and a round's 导入收回的报送表) share:
// add a file or a folder's sheets, then preview or apply. `testId` prefixes
// their data-testid ("import" → import-add, import-folder, import-preview,
// import-apply).
import { Button } from "antd";

import { reportError } from "../feedback";

/** 添加文件 and 添加文件夹中的全部表格 (useSheetFiles' addFile and addFolder). */
export function AddSheetButtons({
  testId,
  addFile,
  addFolder,
}: {
  testId: string;
  addFile: () => Promise<void>;
  addFolder: () => Promise<void>;
}) {
  return (
    <>
      <Button data-testid={`${testId}-add`} onClick={() => void addFile().catch(reportError)}>
        添加文件
      </Button>
      <Button data-testid={`${testId}-folder`} onClick={() => void addFolder().catch(reportError)}>
        添加文件夹中的全部表格
      </Button>
    </>
  );
}

/** 预览 (nothing written) and 确认导入, which a preview with something to apply enables. */
export function RunButtons({
  testId,
  files,
  applicable,
  busy,
  run,
}: {
  testId: string;
  files: number;
  applicable: boolean;
  busy: boolean;
  run: (dryRun: boolean) => Promise<void>;
}) {
  return (
    <>
      <Button type="primary" data-testid={`${testId}-preview`} disabled={files === 0} loading={busy} onClick={() => void run(true)}>
        预览
      </Button>
      <Button
        type="primary"
        danger
        data-testid={`${testId}-apply`}
        disabled={!applicable || files === 0}
        loading={busy}
        onClick={() => void run(false)}
      >
        确认导入
      </Button>
    </>
  );
}
