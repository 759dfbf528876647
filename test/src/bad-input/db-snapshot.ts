import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { db, stack } from '../harness/index.js';

const SCHEMAS = ['identity', 'issues', 'notifications', 'joint_meeting', 'assessment'];

/**
 * Tables that the workflows' timers write on their own (reminders, overdue marks, cases, notices,
 * outbox bookkeeping) while earlier tests' problems run on: for these only what a request could
 * write is compared — trail entries of user actions, and inbox items marked read.
 */
const TIMER_WRITTEN: Record<string, string> = {
  'issues.problem_events': "SELECT count(*)::text AS v FROM issues.problem_events WHERE kind = 'action'",
  'issues.problems': "SELECT count(*)::text AS v FROM issues.problems",
  'issues.accountability_cases': 'SELECT count(*)::text AS v FROM issues.accountability_cases WHERE false',
  'notifications.notices': 'SELECT count(*)::text AS v FROM notifications.notices WHERE false',
  'notifications.inbox_items': 'SELECT count(*)::text AS v FROM notifications.inbox_items WHERE read_at IS NOT NULL',
  'notifications.email_outbox': 'SELECT count(*)::text AS v FROM notifications.email_outbox WHERE false',
  // The live-event logs follow those tables (docs/web.md, "Live updates"): what a request could add.
  'issues.live_events': "SELECT count(*)::text AS v FROM issues.live_events WHERE kind = 'trail' AND data->>'kind' = 'action'",
  'notifications.live_events': "SELECT count(*)::text AS v FROM notifications.live_events WHERE (data->>'read')::boolean",
  // A push's timers only mark a unit overdue: a request is what moves its status.
  'joint_meeting.live_events': "SELECT count(DISTINCT (data->>'pushNo', data->>'unitCode', data->>'status'))::text AS v FROM joint_meeting.live_events",
  // Sign-in bookkeeping the suite's own logins and token renewals write, not the refused requests.
  'identity.sessions': 'SELECT count(*)::text AS v FROM identity.sessions WHERE false',
  'identity.login_throttle': 'SELECT count(*)::text AS v FROM identity.login_throttle WHERE false',
};

function filesUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, name) => {
    const p = join(dir, name);
    return n + (statSync(p).isDirectory() ? filesUnder(p) : 1);
  }, 0);
}

/**
 * What the services have written: a checksum of every row of every table of the service schemas
 * (tables the timers write: see TIMER_WRITTEN), and the number of evidence files on disk. Equal
 * snapshots before and after a run mean the run wrote nothing.
 */
export async function writtenState(): Promise<Record<string, string>> {
  const tables = (await db().query(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'typeorm_metadata') ORDER BY 1`,
    [SCHEMAS],
  )).rows.map((r: { name: string }) => r.name);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const sql = TIMER_WRITTEN[t] ?? `SELECT count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS v FROM ${t} x`;
    out[t] = (await db().query(sql)).rows[0].v;
  }
  out['evidence files'] = String(filesUnder(join(stack().stateDir, 'evidence')));
  return out;
}
