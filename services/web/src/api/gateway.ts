import type { TokenClaims } from '@rectify/contracts';
import { get, post } from './client.js';
import type { ConsoleConfig, Enterprise } from './types.js';

export interface LoginAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: TokenClaims;
}

export const gatewayApi = {
  login: (username: string, password: string) => post<LoginAnswer>('/api/auth/login', { username, password }),
  /** Clears the HttpOnly cookie with which the Temporal UI decodes payloads for an operator. */
  logout: () => fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).then(() => undefined),
  enterprises: () => get<Enterprise[]>('/api/directory/enterprises'),
  memberUnits: () => get<{ code: string; name: string }[]>('/api/directory/member-units'),
  consoleConfig: () => get<ConsoleConfig>('/api/console-config'),
};
