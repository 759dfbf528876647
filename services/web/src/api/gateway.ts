import type { TokenAnswer } from '../auth/session.js';
import { get, post } from './client.js';
import type { ConsoleConfig, Enterprise } from './types.js';

export interface LoginAnswer extends TokenAnswer {
  tokenType: 'Bearer';
}

export const gatewayApi = {
  login: (username: string, password: string) => post<LoginAnswer>('/api/auth/login', { username, password }),
  /**
   * Ends the session on the server (with the access token) and clears the HttpOnly cookie with
   * which the Temporal UI decodes payloads for an operator.
   */
  logout: (token: string | null) =>
    fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: token ? { authorization: `Bearer ${token}` } : {} }).then(() => undefined),
  enterprises: () => get<Enterprise[]>('/api/directory/enterprises'),
  memberUnits: () => get<{ code: string; name: string }[]>('/api/directory/member-units'),
  consoleConfig: () => get<ConsoleConfig>('/api/console-config'),
};
