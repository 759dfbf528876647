import { writeLog } from '@rectify/platform';

/**
 * One log line per login attempt (`event: "login"`, outcome success, failure or throttled) for the
 * security log: who (a known username only), from where, which session; never a password.
 */
export function loginEvent(outcome: 'success' | 'failure' | 'throttled', facts: { address: string; username: string | null; userId?: string; role?: string; sessionId?: string; reason?: string }): void {
  writeLog(outcome === 'success' ? 'log' : 'warn', 'Login', `login ${outcome}`, { event: 'login', outcome, ...facts });
}
