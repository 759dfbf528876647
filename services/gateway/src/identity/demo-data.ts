import { ROLES, type Role } from '@rectify/contracts';

/** The two demo enterprises and the member units a newcomer can try Rectify with. */
export const DEMO_ENTERPRISES = [
  { code: 'E001', name: '市城市建设投资集团有限公司' },
  { code: 'E002', name: '市交通运输发展集团有限公司' },
];

export const DEMO_MEMBER_UNITS = [
  { code: 'U-REFORM', name: '企业改革处' },
  { code: 'U-PROPERTY', name: '产权管理处' },
  { code: 'U-DISCIPLINE', name: '驻委纪检组' },
];

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  enterpriseCode?: string;
  unitCode?: string;
  department?: string;
}

/** One demo user for every role of SPEC §11; enterprise roles exist once per demo enterprise. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'jiandu', displayName: '王监督（监督处）', role: ROLES.SUPERVISION_OFFICER, department: '监督处' },
  { username: 'dudao', displayName: '李督导（督导组）', role: ROLES.SUPERVISION_GROUP, department: '督导组' },
  { username: 'fenguan', displayName: '张委员（分管监督）', role: ROLES.SUPERVISION_LEAD, department: '委党委' },
  { username: 'dangwei', displayName: '委党委秘书', role: ROLES.PARTY_COMMITTEE, department: '委党委' },
  { username: 'jijian', displayName: '赵纪检（纪检组）', role: ROLES.DISCIPLINE_GROUP, department: '驻委纪检组' },
  { username: 'lianxi', displayName: '钱联络（联席会议办公室）', role: ROLES.JOINT_OFFICE, department: '监督处' },
  { username: 'gaige', displayName: '孙联络（企业改革处）', role: ROLES.MEMBER_UNIT_OFFICER, unitCode: 'U-REFORM' },
  { username: 'gaige-lingdao', displayName: '周处长（企业改革处）', role: ROLES.MEMBER_UNIT_LEADER, unitCode: 'U-REFORM' },
  { username: 'chanquan', displayName: '吴联络（产权管理处）', role: ROLES.MEMBER_UNIT_OFFICER, unitCode: 'U-PROPERTY' },
  { username: 'chanquan-lingdao', displayName: '郑处长（产权管理处）', role: ROLES.MEMBER_UNIT_LEADER, unitCode: 'U-PROPERTY' },
  { username: 'jijian-lianluo', displayName: '何联络（驻委纪检组）', role: ROLES.MEMBER_UNIT_OFFICER, unitCode: 'U-DISCIPLINE' },
  { username: 'jijian-lingdao', displayName: '吕组长（驻委纪检组）', role: ROLES.MEMBER_UNIT_LEADER, unitCode: 'U-DISCIPLINE' },
  { username: 'kaohe', displayName: '冯考核（业绩考核处）', role: ROLES.ASSESSMENT_DIVISION, department: '业绩考核处' },
  { username: 'ganbu', displayName: '陈干部（干部管理处）', role: ROLES.CADRE_DIVISION, department: '干部管理处' },
  { username: 'chushi', displayName: '褚处员（规划发展处）', role: ROLES.COMMISSION_DIVISION, department: '规划发展处' },
  { username: 'yunwei', displayName: '卫运维', role: ROLES.OPERATOR, department: '信息中心' },
  ...DEMO_ENTERPRISES.flatMap((e) => {
    const prefix = e.code.toLowerCase();
    return [
      { username: `${prefix}-audit`, displayName: `${e.name}内审部`, role: ROLES.ENTERPRISE_AUDIT, enterpriseCode: e.code, department: '审计部' },
      { username: `${prefix}-business`, displayName: `${e.name}财务部`, role: ROLES.ENTERPRISE_BUSINESS, enterpriseCode: e.code, department: '财务部' },
      { username: `${prefix}-leader`, displayName: `${e.name}领导班子`, role: ROLES.ENTERPRISE_LEADER, enterpriseCode: e.code, department: '领导班子' },
    ];
  }),
];
