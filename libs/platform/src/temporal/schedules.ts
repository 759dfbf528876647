import { Logger } from '@nestjs/common';
import { type Client, ScheduleAlreadyRunning, type ScheduleOptions, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';

export interface ScheduleDefinition {
  scheduleId: string;
  spec: ScheduleSpec;
  action: ScheduleOptionsAction;
  policies: ScheduleOptions['policies'];
  memo: Record<string, unknown>;
}

export interface EnsureScheduleOptions {
  /** First wait after a failure; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Stops the retries (application shutdown). */
  signal?: AbortSignal;
}

/**
 * Makes sure a Temporal Schedule exists with this timetable and action, creating it or updating
 * the one there (several instances may do this at once). A service starts while Temporal is down:
 * the schedule is then retried in the background, backing off to one try a minute, until it
 * exists — a periodic summary or digest is never silently missing. Resolves once it exists (or
 * the signal stops it).
 */
export async function ensureSchedule(client: Client, def: ScheduleDefinition, options: EnsureScheduleOptions = {}): Promise<void> {
  const logger = new Logger('Schedules');
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  let delayMs = options.initialDelayMs ?? 1_000;
  for (let attempt = 1; !options.signal?.aborted; attempt += 1) {
    try {
      try {
        await client.schedule.create({ scheduleId: def.scheduleId, spec: def.spec, action: def.action, policies: def.policies, memo: def.memo });
        logger.log(`schedule ${def.scheduleId} created`);
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning)) throw err;
        await client.schedule.getHandle(def.scheduleId).update((previous) => ({ ...previous, spec: def.spec, action: { ...previous.action, ...def.action } as typeof previous.action }));
      }
      return;
    } catch (err) {
      logger.warn(`schedule ${def.scheduleId} not in place yet (attempt ${attempt}): ${String(err)}; retrying in ${Math.round(delayMs / 1000)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        options.signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    }
  }
}
