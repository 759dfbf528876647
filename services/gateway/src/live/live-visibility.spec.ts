import { describe, expect, it } from '@jest/globals';
import type { Principal, Role } from '@rectify/contracts';
import { formatCursor, isAfter, parseCursor } from './live-cursor.js';
import { mayReceive, type LiveAudience } from './live-visibility.js';

const user = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  sub: `u-${role}`, username: role, displayName: role, role, enterpriseCode: null, unitCode: null, ...extra,
});
const event = (kind: string, extra: Partial<LiveAudience> = {}): LiveAudience => ({
  kind, enterpriseCode: 'E001', confidential: false, userId: null, unitCode: null, ...extra,
});

describe('who receives a live event', () => {
  it('applies the ledger rule to problems and their trail', () => {
    const secret = event('problem', { confidential: true });
    expect(mayReceive(user('enterprise_audit', { enterpriseCode: 'E001' }), secret)).toBe(true);
    expect(mayReceive(user('enterprise_audit', { enterpriseCode: 'E002' }), event('trail'))).toBe(false);
    expect(mayReceive(user('supervision_officer'), secret)).toBe(true);
    expect(mayReceive(user('commission_division'), secret)).toBe(false);
    expect(mayReceive(user('commission_division'), event('problem'))).toBe(true);
    expect(mayReceive(user('operator'), event('problem'))).toBe(false);
  });

  it('gives cases to case readers who may see the problem, inbox items to their recipient, pushes to the office and the unit', () => {
    expect(mayReceive(user('discipline_group'), event('case', { confidential: true }))).toBe(true);
    expect(mayReceive(user('commission_division'), event('case'))).toBe(false);
    expect(mayReceive(user('enterprise_leader', { enterpriseCode: 'E002' }), event('case'))).toBe(false);
    expect(mayReceive(user('supervision_lead', { sub: 'me' }), event('inbox', { enterpriseCode: null, userId: 'me' }))).toBe(true);
    expect(mayReceive(user('supervision_lead', { sub: 'you' }), event('inbox', { enterpriseCode: null, userId: 'me' }))).toBe(false);
    const push = event('push', { enterpriseCode: null, unitCode: 'U-REFORM' });
    expect(mayReceive(user('joint_office'), push)).toBe(true);
    expect(mayReceive(user('member_unit_officer', { unitCode: 'U-REFORM' }), push)).toBe(true);
    expect(mayReceive(user('member_unit_officer', { unitCode: 'U-PROPERTY' }), push)).toBe(false);
    expect(mayReceive(user('supervision_officer'), event('something-new'))).toBe(false);
  });
});

describe('the stream cursor', () => {
  it('round-trips, orders by transaction then row, and refuses what it did not write', () => {
    const text = '812-45.790-12.0-0';
    expect(formatCursor(parseCursor(text)!)).toBe(text);
    expect(isAfter({ tx: 813n, id: 1n }, { tx: 812n, id: 45n })).toBe(true);
    expect(isAfter({ tx: 812n, id: 9n }, { tx: 812n, id: 10n })).toBe(false);
    for (const bad of ['', 'abc', '1-2.3-4', '1-2.3-4.5-x', '1-2.3-4.5-6.7-8']) expect(parseCursor(bad)).toBeNull();
  });
});
