import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MEMBER_KINDS, type MemberKind } from '@rectify/contracts';

export interface Person {
  id: string;
  displayName: string;
  email: string | null;
}

export interface Member {
  code: string;
  name: string;
  kind: MemberKind;
  kindLabel: string;
  sortOrder: number;
  active: boolean;
  /** 分管领导: the unit's users with the member-unit leader role (from identity.user_directory). */
  leaders: Person[];
  /** 联络人: the unit's users who draft its answers. */
  contacts: Person[];
}

interface MemberRow {
  code: string;
  name: string;
  kind: MemberKind;
  sort_order: number;
  active: boolean;
}

/**
 * The member units of the joint meeting (§11): registered here by the office, with their people
 * read from the gateway's published identity.user_directory by unit code.
 */
@Injectable()
export class MemberDirectory {
  constructor(private readonly db: DataSource) {}

  async list(onlyActive = false): Promise<Member[]> {
    const rows: MemberRow[] = await this.db.query(`SELECT * FROM joint_meeting.members ${onlyActive ? 'WHERE active' : ''} ORDER BY sort_order, code`);
    const people: { id: string; display_name: string; email: string | null; role: string; unit_code: string }[] = await this.db.query(
      `SELECT id, display_name, email, role, unit_code FROM identity.user_directory WHERE unit_code = ANY($1) ORDER BY display_name`,
      [rows.map((r) => r.code)],
    );
    const of = (code: string, role: string): Person[] =>
      people.filter((p) => p.unit_code === code && p.role === role).map((p) => ({ id: p.id, displayName: p.display_name, email: p.email }));
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      kind: r.kind,
      kindLabel: MEMBER_KINDS[r.kind],
      sortOrder: r.sort_order,
      active: r.active,
      leaders: of(r.code, 'member_unit_leader'),
      contacts: of(r.code, 'member_unit_officer'),
    }));
  }

  /** Names of the given units, by code (unknown codes are left out). */
  async names(codes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.db.query('SELECT code, name FROM joint_meeting.members WHERE code = ANY($1)', [codes]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** The codes among `codes` that are not active member units. */
  async notMembers(codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query('SELECT code FROM joint_meeting.members WHERE active AND code = ANY($1)', [codes]);
    const known = new Set(rows.map((r) => r.code));
    return codes.filter((c) => !known.has(c));
  }

  /** The office (联席会议办公室), seated in the Supervision Division; its director is the supervision lead. */
  async office(): Promise<{ name: string; seatedIn: string; directors: Person[]; staff: Person[] }> {
    const people: { id: string; display_name: string; email: string | null; role: string }[] = await this.db.query(
      `SELECT id, display_name, email, role FROM identity.user_directory WHERE role IN ('supervision_lead', 'joint_office') ORDER BY display_name`,
    );
    const of = (role: string) => people.filter((p) => p.role === role).map((p) => ({ id: p.id, displayName: p.display_name, email: p.email }));
    return { name: '联席会议办公室', seatedIn: '监督处', directors: of('supervision_lead'), staff: of('joint_office') };
  }
}
