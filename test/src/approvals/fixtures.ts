import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import type { Policy } from '@rectify/domain';
import { db, seedProblem, type SeededProblem } from '../harness/index.js';

/**
 * Puts a problem tagged 重大国有资产损失风险 in the ledger as registration does (row + first trail
 * event) and starts its workflow under `policy` with the tag in its input, so that the problem
 * workflow's upward-report path runs against the real server, worker and activities.
 */
export function seedTaggedProblem(options: { policy: Policy; issueDate: string; deadline: string; hardLimit: string; enterpriseCode?: string }): Promise<SeededProblem> {
  return seedProblem({
    ...options,
    series: '8',
    docPrefix: '上报测试',
    title: '国有股权低价转让',
    description: '以明显低于评估值的价格转让国有股权，可能造成重大国有资产损失',
    category: '资产管理',
    amount: '52000000.00',
    tags: ['major_asset_loss_risk'],
    payload: { test: 'upward-report' },
  });
}

/** Inserts a separate-project proposal as the issues service does (row + 'proposed' event). */
export async function seedSeparateProject(originProblemId: string, enterpriseCode: string): Promise<{ id: string; workflowId: string }> {
  const id = randomUUID();
  const workflowId = `separate-project-${id}`;
  await db().query(
    `INSERT INTO issues.separate_projects (id, origin_problem_id, enterprise_code, kind, title, clue, reasons, workflow_id, proposed_by, proposed_by_name, proposed_by_role, proposed_at)
     VALUES ($1, $2, $3, 'verification', '股权转让专项核查', '督办中发现股权转让价格明显偏低', '可能造成重大国有资产损失', $4, 'test', '督导组', 'supervision_group', now())`,
    [id, originProblemId, enterpriseCode, workflowId],
  );
  return { id, workflowId };
}

export async function approvalEventsOf(subjectId: string): Promise<{ kind: string; actor_role: string | null; reason: string | null; payload: Record<string, unknown> }[]> {
  return (await db().query('SELECT kind, actor_role, reason, payload FROM issues.approval_events WHERE subject_id = $1 ORDER BY id', [subjectId])).rows;
}

export async function noticesWithKeyPrefix(prefix: string): Promise<{ key: string; type: string; recipients: number }[]> {
  return (await db().query('SELECT key, type, recipients FROM notifications.notices WHERE key LIKE $1 ORDER BY key', [`${prefix}%`])).rows;
}

/** The text of a .docx (its word/document.xml without tags), one line per paragraph. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
