import { Logger } from '@nestjs/common';
import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import { underRequestIdOf } from './request-id-interceptors.js';

/**
 * Attempts after which a failing activity is worth an operator's attention: with the workflows'
 * must-succeed retry (1 s doubling to 2 min) about half an hour of failures. The activity keeps
 * retrying; the log line (level warn, `alert: "activity-retrying"`) is what alerting matches.
 */
export const ALERT_AFTER_ATTEMPTS = 20;

/** Quoted values in driver messages ('invalid input syntax for type uuid: "…"') are left out. */
const QUOTED = /"[^"]*"|'[^']*'/g;

/**
 * What may leave an activity in an error: its class, a database error's code and a message with
 * quoted values removed. Errors of the database driver carry the statement's parameters (problem
 * text, for a trail entry) and the SDK logs and records every property of a failed activity's
 * error: none of that may reach the logs or a workflow history. Failures the activities raise
 * themselves (ApplicationFailure: ids and fixed wording) pass unchanged.
 */
export function sanitisedActivityError(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (!(err instanceof Error)) return new Error('activity failed');
  const code = (err as { code?: unknown }).code;
  const message = `${err.name}${typeof code === 'string' ? ` (${code})` : ''}: ${err.message.replace(QUOTED, '"…"')}`;
  const clean = new Error(message.length > 500 ? `${message.slice(0, 500)}…` : message);
  clean.name = err.name;
  clean.stack = `${clean.name}: ${clean.message}\n${(err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n')}`;
  return clean;
}

class GuardedActivity implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly logger: Logger,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const { attempt, activityType } = this.ctx.info;
    const workflowId = this.ctx.info.workflowExecution?.workflowId ?? null;
    if (attempt > ALERT_AFTER_ATTEMPTS) {
      this.logger.warn({ alert: 'activity-retrying', activityType, workflowId, attempt, message: `${activityType} of ${workflowId ?? '(no workflow)'} is on attempt ${attempt}: a dependency has been failing for a long time` });
    }
    try {
      return await underRequestIdOf(input.headers, () => next(input));
    } catch (err) {
      throw sanitisedActivityError(err);
    }
  }
}

/** The interceptors every Rectify activity worker installs (see GuardedActivity). */
export function activityInterceptors(): ActivityInterceptorsFactory[] {
  const logger = new Logger('Activity');
  return [(ctx: Context) => ({ inbound: new GuardedActivity(ctx, logger) })];
}
