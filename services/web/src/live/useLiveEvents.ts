import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '@rectify/contracts';
import { subscribeLive, watchLiveStatus, type LiveStatus } from './liveStream.js';

/** Events arriving this close together cause one reload (a ledger import writes thousands). */
const SETTLE_MS = 150;

/**
 * Runs `reload` when a live event arrives that `matters` says concerns this page (the page then
 * shows the new state without a reload of the browser page). Several events in a burst cause one
 * reload. `matters` and `reload` may change between renders; the latest are used. A `resync` (the
 * stream could not resume: the events it missed were pruned) reloads every page that listens.
 */
export function useLiveEvents(matters: (event: LiveEvent) => boolean, reload: () => unknown): void {
  const latest = useRef({ matters, reload });
  latest.current = { matters, reload };
  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = subscribeLive((event) => {
      if ((event.type !== 'resync' && !latest.current.matters(event)) || timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void latest.current.reload();
      }, SETTLE_MS);
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}

/** Whether the live stream is connected (the header shows it). */
export function useLiveStatus(): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('offline');
  useEffect(() => watchLiveStatus(setStatus), []);
  return status;
}

/** How often a page that shows a problem whose workflow is still starting reads it again. */
const STARTING_POLL_MS = 3000;

/**
 * Runs `reload` every few seconds while `waiting` is true: a problem's workflow starting (an
 * imported ledger's start behind the import) changes nothing the live stream carries, so a page
 * showing 时限监控启动中 looks again until it has started.
 */
export function useReloadWhile(waiting: boolean, reload: () => unknown): void {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void latest.current(), STARTING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [waiting]);
}
