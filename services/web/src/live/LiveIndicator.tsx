import { Badge, Tooltip } from 'antd';
import { T } from '../i18n/text.js';
import { useLiveStatus } from './useLiveEvents.js';

/** 「实时」 in the header: green while the live stream is connected (pages then update in place). */
export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <Tooltip title={T.live[status]}>
      <Badge status={status === 'live' ? 'success' : status === 'connecting' ? 'processing' : 'default'} text={T.live.label} data-testid="live-status" data-state={status} />
    </Tooltip>
  );
}
