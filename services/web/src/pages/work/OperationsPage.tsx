import { useEffect, useState } from 'react';
import { Alert, Card, Typography } from 'antd';
import { gatewayApi } from '../../api/gateway.js';
import type { ConsoleConfig } from '../../api/types.js';

/** Operators read no problem content: they inspect and repair workflows in the Temporal UI. */
export function OperationsPage() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { gatewayApi.consoleConfig().then(setConfig, (e: Error) => setError(e.message)); }, []);
  return (
    <Card title="运维">
      {error && <Alert type="error" showIcon title={error} />}
      <Typography.Paragraph>每个问题对应一个工作流（编号 problem-台账编号），可在 Temporal UI 中按台账编号、企业、阶段、是否逾期检索。</Typography.Paragraph>
      {config?.temporalUiUrl ? (
        <a href={`${config.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.namespace)}/workflows`} target="_blank" rel="noreferrer">打开 Temporal UI（命名空间 {config.namespace}）</a>
      ) : (
        config && <Alert type="info" showIcon title="未配置 Temporal UI 地址（TEMPORAL_UI_URL）" />
      )}
    </Card>
  );
}
