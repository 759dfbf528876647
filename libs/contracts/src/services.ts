/** The HTTP services behind the gateway; the gateway routes /api/<name>/* to each. */
export const BACKEND_SERVICES = ['issues', 'notifications', 'joint-meeting', 'assessment'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];

/** Environment variable holding a backend service's base URL, as read by the gateway. */
export function serviceUrlVariable(service: BackendService): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}
