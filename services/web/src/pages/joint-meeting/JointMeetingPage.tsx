import { useSearchParams } from 'react-router-dom';
import { Tabs } from 'antd';
import { JOINT_MEETING_MEMBERS, JOINT_OFFICE_READERS, ROLES } from '@rectify/contracts';
import { useUser } from '../../auth/AuthContext.js';
import { JOINT_MEETING } from '../../auth/permissions.js';
import { CoordinationPanel } from './CoordinationPanel.js';
import { MeetingsPanel } from './MeetingsPanel.js';
import { NoticesPanel } from './NoticesPanel.js';
import { PushesPanel } from './PushesPanel.js';
import { ReportsPanel } from './ReportsPanel.js';

/**
 * 联席会议 (§11): written pushes, notices with read receipts, meeting records, the coordination
 * log of clue transfers and special reports; each role sees the tabs its API allows.
 */
export function JointMeetingPage() {
  const user = useUser();
  const role = user.role;
  const [params, setParams] = useSearchParams();
  const items = [
    JOINT_MEETING.includes(role) && { key: 'pushes', label: '书面推送', children: <PushesPanel /> },
    JOINT_MEETING_MEMBERS.includes(role) && { key: 'notices', label: '通报', children: <NoticesPanel /> },
    JOINT_OFFICE_READERS.includes(role) && { key: 'meetings', label: '会议记录', children: <MeetingsPanel /> },
    (JOINT_OFFICE_READERS.includes(role) || role === ROLES.DISCIPLINE_GROUP) && { key: 'coordination', label: '线索移交登记', children: <CoordinationPanel /> },
    (JOINT_OFFICE_READERS.includes(role) || role === ROLES.PARTY_COMMITTEE) && { key: 'reports', label: '专报', children: <ReportsPanel /> },
  ].filter((i): i is Exclude<typeof i, false> => Boolean(i));
  const active = items.find((i) => i.key === params.get('tab'))?.key ?? items[0]?.key;
  return <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />;
}
