import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { gatewayApi } from '../../api/gateway.js';
import type { Enterprise } from '../../api/types.js';

/** The enterprises of the directory as a Select (value: code). */
export function EnterpriseSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [list, setList] = useState<Enterprise[]>([]);
  useEffect(() => { gatewayApi.enterprises().then(setList, () => setList([])); }, []);
  return <Select {...props} showSearch optionFilterProp="label" options={list.map((e) => ({ value: e.code, label: `${e.code} ${e.name}` }))} />;
}
