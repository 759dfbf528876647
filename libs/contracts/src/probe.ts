/** The trivial workflow used to prove the worker and the services' activity workers are alive. */
export const PROBE_WORKFLOW = 'probeWorkflow';

export interface ProbeResult {
  /** Echo of the input. */
  echo: string;
  /** Task queue of the service activity that answered. */
  answeredBy: string;
}
