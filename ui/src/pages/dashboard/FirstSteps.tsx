// The 工作台 of a database where nothing has been entered yet: three ways to
// begin instead of a row of zeros.
import { Button, Card, Col, Row, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import { loadDemo } from "../../api/tasks";
import { notifySuccess, reportError } from "../../feedback";

export default function FirstSteps() {
  const navigate = useNavigate();
  const demo = async () => {
    try {
      const s = await loadDemo();
      notifySuccess(
        s.already_loaded ? "示例数据此前已载入，未重复添加。" : `已载入示例数据：收文 ${s.documents} 件，督办事项 ${s.items} 项。`,
      );
    } catch (e) {
      reportError(e);
    }
  };
  const steps = [
    {
      key: "org",
      title: "第一步：导入组织机构表",
      text: "把本局的部门、单位和人员从表格导入（也可以先用内置的默认组织机构）。",
      action: "去导入",
      onClick: () => navigate("/imports"),
    },
    {
      key: "ledger",
      title: "第二步：导入现有的 Excel 台账",
      text: "把正在使用的督办台账表格导入，事项、时限和办理情况一次带入。",
      action: "去导入",
      onClick: () => navigate("/imports"),
    },
    {
      key: "demo",
      title: "或者：载入示例数据",
      text: "先用一组示例收文和督办事项熟悉各项功能。",
      action: "载入示例数据",
      onClick: () => void demo(),
    },
  ];
  return (
    <Card title="欢迎使用督查督办台账" data-testid="first-steps" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">数据库中还没有任何收文和督办事项。可以从以下任一步开始：</Typography.Paragraph>
      <Row gutter={16}>
        {steps.map((s) => (
          <Col span={8} key={s.key}>
            <Card size="small" title={s.title}>
              <Typography.Paragraph>{s.text}</Typography.Paragraph>
              <Button type="primary" data-testid={`first-step-${s.key}`} onClick={s.onClick}>
                {s.action}
              </Button>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
