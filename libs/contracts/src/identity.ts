import type { Role } from './roles.js';

/** What a Rectify access token asserts about its bearer. */
export interface TokenClaims {
  /** User id. */
  sub: string;
  username: string;
  displayName: string;
  role: Role;
  /** Enterprise code for enterprise roles, null otherwise. */
  enterpriseCode: string | null;
  /** Member-unit code for member-unit roles, null otherwise. */
  unitCode: string | null;
}

/** The authenticated caller as every service sees it. */
export type Principal = TokenClaims;

/** Audience and issuer of Rectify access tokens. */
export const TOKEN_AUDIENCE = 'rectify-api';
export const TOKEN_ISSUER = 'rectify-gateway';
