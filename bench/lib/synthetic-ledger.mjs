// The synthetic ledger both benchmarks fill: problems of category 基准测试, numbered so that
// either script tops up what the other left. Remove them with the statements in bench/README.md.
import { performance } from 'node:perf_hooks';
import { BenchError, log } from './bench-kit.mjs';

export const BENCH_CATEGORY = '基准测试';

// One INSERT … SELECT over generate_series($1, $2). Spread (per row, random):
// enterprise E001/E002 alternating; years 2019–2025 in turn; source weighted towards routine audits;
// doc issued 0–20 days before registration; deadline 2–6 months after issue (6 = the hard limit);
// old years are mostly closed, 2024–2025 spread over all stages; outcome once determined;
// overdue when still open past the deadline (plus a few closed late); 10 % confidential; 5 % tagged.
export const FILL_SQL = `
WITH g AS (
  SELECT k, random() AS r_src, random() AS r_stage, random() AS r_out, random() AS r_conf, random() AS r_tag,
         random() AS r_amt, random() AS r_title, random() AS r_desc, random() AS r_late,
         (2019 + (k / 2) % 7)::int AS yr,
         CASE WHEN k % 2 = 0 THEN 'E001' ELSE 'E002' END AS code
  FROM generate_series($1::bigint, $2::bigint) AS k
), d AS (
  SELECT g.*,
         make_date(yr, 1, 1) + (random() * 364)::int * interval '1 day' + (random() * 86400)::int * interval '1 second' AS reg_at
  FROM g
), e AS (
  SELECT d.*,
         (reg_at::date - (random() * 20)::int) AS issue,
         CASE
           WHEN yr <= 2023 THEN
             CASE WHEN r_stage < 0.85 THEN 'closed' WHEN r_stage < 0.90 THEN 'close_out' WHEN r_stage < 0.94 THEN 'follow_up'
                  WHEN r_stage < 0.96 THEN 'determine' ELSE 'rectify' END
           ELSE
             CASE WHEN r_stage < 0.05 THEN 'register' WHEN r_stage < 0.13 THEN 'assign' WHEN r_stage < 0.23 THEN 'plan'
                  WHEN r_stage < 0.53 THEN 'rectify' WHEN r_stage < 0.63 THEN 'report' WHEN r_stage < 0.73 THEN 'determine'
                  WHEN r_stage < 0.80 THEN 'follow_up' WHEN r_stage < 0.85 THEN 'close_out' ELSE 'closed' END
         END AS stage
  FROM d
), f AS (
  SELECT e.*,
         (issue + interval '6 months')::date AS hard,
         (issue + ((2 + floor(random() * 5))::int || ' months')::interval)::date AS dl,
         CASE WHEN stage IN ('follow_up', 'close_out', 'closed') OR (stage = 'determine' AND r_out < 0.5) THEN
           CASE WHEN r_out < 0.70 THEN 'completed' WHEN r_out < 0.90 THEN 'partial' ELSE 'not_rectified' END END AS outcome
  FROM e
)
INSERT INTO issues.problems (id, ledger_no, enterprise_code, subsidiary, source, doc_type, doc_number, doc_issuer, doc_issue_date,
  item_no, title, description, category, amount, confidentiality, tags, deadline, original_deadline, hard_limit,
  stage, outcome, criterion, overdue, completed_at, closed_at, state, last_seq, last_hash, workflow_started, policy,
  registered_by, registered_at, updated_at)
SELECT gen_random_uuid(),
       code || '-' || yr || '-' || lpad((k / 14 + 1)::text, 5, '0'),
       code,
       CASE WHEN r_desc < 0.3 THEN code || (ARRAY['第一工程公司','置业公司','物流公司','投资公司'])[1 + (k % 4)] END,
       CASE WHEN r_src < 0.50 THEN 'routine_audit' WHEN r_src < 0.70 THEN 'special_audit_investigation'
            WHEN r_src < 0.75 THEN 'major_asset_loss_investigation' WHEN r_src < 0.85 THEN 'transferred_matter'
            WHEN r_src < 0.95 THEN 'clue_verification' ELSE 'supervision_project' END,
       (ARRAY['decision','opinion','recommendation','rectification_notice','investigation_report'])[1 + (k / 10) % 5],
       'BENCH-' || yr || '-' || (k / 10),
       '市审计局',
       issue,
       ((k % 10) + 1)::text,
       (ARRAY['工程项目未按规定履行招投标程序','专项资金未按规定用途使用','应收账款长期未清理','固定资产账实不符',
              '工程款超付','违规对外提供担保','三重一大事项未经集体决策','合同管理不规范',
              '投资项目未履行可行性研究论证','国有资产出租未公开招租','预付工程款长期挂账','会计核算不规范'])[1 + floor(r_title * 12)::int],
       (ARRAY['经审计发现，该单位在项目实施过程中存在上述问题，涉及金额较大。',
              '审计抽查相关凭证和合同，发现管理制度执行不到位。',
              '该问题反映出内部控制存在薄弱环节，需要完善制度并追回资金。',
              '审计发现部分工程款支付依据不充分，结算审核流于形式。'])[1 + floor(r_desc * 4)::int],
       $3,
       CASE WHEN r_amt < 0.2 THEN NULL ELSE round((r_amt * r_amt * 5000000)::numeric, 2) END,
       CASE WHEN r_conf < 0.10 THEN 'confidential' ELSE 'non_confidential' END,
       CASE WHEN r_tag < 0.02 THEN ARRAY['personnel_violation'] WHEN r_tag < 0.04 THEN ARRAY['inflated_performance']
            WHEN r_tag < 0.05 THEN ARRAY['major_asset_loss_risk'] ELSE '{}'::text[] END,
       dl, dl, hard,
       stage,
       outcome,
       CASE outcome WHEN 'completed' THEN 'C1' WHEN 'partial' THEN 'P1' WHEN 'not_rectified' THEN 'N1' END,
       (stage <> 'closed' AND dl < current_date) OR (stage = 'closed' AND r_late < 0.05),
       CASE WHEN outcome = 'completed' THEN least(dl::timestamptz, now()) END,
       CASE WHEN stage = 'closed' THEN least(dl::timestamptz + interval '30 days', now()) END,
       '{}'::jsonb, 0,
       md5(k::text) || md5('bench' || k::text),
       true,            -- never picked up by the issues service's workflow reconciler
       '{}'::jsonb,
       '00000000-0000-4000-8000-00000000bec4',
       reg_at, reg_at
FROM f
ON CONFLICT DO NOTHING`;

/**
 * Inserts synthetic problems until the ledger holds `target` of them, within `timeoutMs`.
 * Synthetic row k (0-based) has ledger number <E001|E002>-<2019+(k/2)%7>-<k/14+1, 5 digits>,
 * document BENCH-<year>-<k/10>, item <k%10+1>: unique by construction. Topping up starts at the
 * highest k already present, so re-runs never collide; ON CONFLICT only guards odd leftovers.
 */
export async function topUpSyntheticProblems(client, target, timeoutMs) {
  await client.query(`SET statement_timeout = ${timeoutMs}`);
  const count = async () => (await client.query('SELECT count(*)::int AS n FROM issues.problems WHERE category = $1', [BENCH_CATEGORY])).rows[0].n;
  let have = await count();
  const before = have;
  const t0 = performance.now();
  const stopAt = Date.now() + timeoutMs;
  const { rows: [{ maxk }] } = await client.query(
    `SELECT coalesce(max(substring(doc_number from 'BENCH-[0-9]+-([0-9]+)')::bigint * 10 + item_no::bigint - 1), -1) AS maxk
     FROM issues.problems WHERE category = $1`,
    [BENCH_CATEGORY],
  );
  let nextK = Number(maxk) + 1;
  while (have < target) {
    if (Date.now() > stopAt) throw new BenchError(`filling the ledger took longer than ${timeoutMs / 1000} s (${have} of ${target})`);
    const batch = Math.min(50_000, target - have);
    if (nextK + batch > 1_400_000) throw new BenchError('ran out of synthetic ledger numbers; drop the bench rows (category 基准测试) and start again');
    log(`inserting ${batch} synthetic problems (have ${have} of ${target})`);
    await client.query(FILL_SQL, [nextK, nextK + batch - 1, BENCH_CATEGORY]);
    nextK += batch;
    have = await count();
  }
  const inserted = have - before;
  if (inserted > 0) await client.query('ANALYZE issues.problems');
  return { bench: have, inserted, seconds: (performance.now() - t0) / 1000 };
}
