import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getFlinkJobName } from '@internal/backstage-plugin-pipeline-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { flinkApiRef } from '../api/FlinkApi';

/** The current entity's job summary; nothing is asked when the entity names no job. */
export function useFlinkJobSummary() {
  const { entity } = useEntity();
  const api = useApi(flinkApiRef);
  const entityRef = stringifyEntityRef(entity);
  const jobName = getFlinkJobName(entity);
  const state = useAsyncRetry(
    async () => (jobName ? api.getJobSummary(entityRef) : undefined),
    [api, entityRef, jobName],
  );
  return { entity, entityRef, jobName, ...state };
}
