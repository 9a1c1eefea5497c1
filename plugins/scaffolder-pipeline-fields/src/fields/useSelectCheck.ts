import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  locateAuthoredSelectProblem,
  SelectCheckRequest,
  SelectCheckResponse,
} from '@internal/backstage-plugin-pipeline-common';
import { pipelineFormsApiRef } from '../api/PipelineFormsApi';

/** Where the live check of a SELECT is. */
export type SelectCheckState =
  | { state: 'waiting' }
  | { state: 'checking' }
  | { state: 'done'; result: SelectCheckResponse }
  | { state: 'failed'; message: string };

/** Typing pauses shorter than this do not start a check. */
export const CHECK_DEBOUNCE_MS = 700;

/**
 * Checks the SELECT live: the spec's own rule at once (no request), the planner once typing
 * pauses. A newer text or form aborts the check under way (and so its work on the gateway);
 * only the latest answer is shown.
 */
export function useSelectCheck(
  request: SelectCheckRequest,
  debounceMs = CHECK_DEBOUNCE_MS,
): SelectCheckState {
  const api = useApi(pipelineFormsApiRef);
  const key = JSON.stringify(request);
  const stable = useMemo(() => JSON.parse(key) as SelectCheckRequest, [key]);
  const [state, setState] = useState<SelectCheckState>({ state: 'waiting' });

  useEffect(() => {
    if (stable.select.trim() !== '') {
      const local = locateAuthoredSelectProblem(stable.select);
      if (local) {
        setState({
          state: 'done',
          result: {
            status: 'rejected',
            scope: 'select',
            elapsedMs: 0,
            ...local,
          },
        });
        return undefined;
      }
    }
    setState({ state: 'waiting' });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState({ state: 'checking' });
      api
        .checkSelect(stable, { signal: controller.signal })
        .then(result => {
          if (!controller.signal.aborted) setState({ state: 'done', result });
        })
        .catch((error: Error) => {
          if (!controller.signal.aborted)
            setState({ state: 'failed', message: error.message });
        });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, stable, debounceMs]);

  return state;
}
