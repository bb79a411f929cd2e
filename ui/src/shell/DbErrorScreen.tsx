// Shown instead of the app when the database cannot be opened (e.g. the file
// is not a database). Nothing is written; the clerk is told what to do.
import { Result, Typography } from "antd";
import type { ErrorJson } from "../api/generated/ErrorJson";

export default function DbErrorScreen({ error, dbPath }: { error: ErrorJson; dbPath: string }) {
  return (
    <Result
      status="error"
      title="无法打开数据库"
      subTitle={<span data-testid="db-error">{error.message}</span>}
    >
      <Typography.Paragraph>
        数据库文件：<Typography.Text code>{dbPath}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        程序没有改动这个文件。请用“duban restore 备份文件”从备份恢复，或把正确的数据库文件放到上述位置后重新启动程序；
        也可以设置环境变量 DUBAN_DB 指向另一个数据库文件。
      </Typography.Paragraph>
    </Result>
  );
}
