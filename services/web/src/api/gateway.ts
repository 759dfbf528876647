import type { TokenAnswer } from '../auth/session.js';
import { get, post } from './client.js';
import type { ConsoleConfig, Enterprise } from './types.js';

export interface LoginAnswer extends TokenAnswer {
  tokenType: 'Bearer';
}

export const gatewayApi = {
  login: (username: string, password: string) => post<LoginAnswer>('/api/auth/login', { username, password }),
  logout: () => post<null>('/api/auth/logout'),
  enterprises: () => get<Enterprise[]>('/api/directory/enterprises'),
  memberUnits: () => get<{ code: string; name: string }[]>('/api/directory/member-units'),
  consoleConfig: () => get<ConsoleConfig>('/api/console-config'),
};
