/** Injection token of the scoring weights in force (see scoring.provider.ts). */
export const SCORING = Symbol('SCORING');
