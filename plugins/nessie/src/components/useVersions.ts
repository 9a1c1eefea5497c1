import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getNessieBranch,
  getPaimonTable,
} from '@internal/backstage-plugin-pipeline-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { nessieApiRef } from '../api/NessieApi';

/**
 * The current entity's Nessie references and Paimon versions, loaded independently so one
 * upstream being down never hides the other. Nothing is asked for an annotation that is absent.
 */
export function useEntityVersions(
  options: { references?: boolean } = { references: true },
) {
  const { entity } = useEntity();
  const api = useApi(nessieApiRef);
  const entityRef = stringifyEntityRef(entity);
  const branch = getNessieBranch(entity);
  const tables = getPaimonTable(entity);
  const withReferences = options.references !== false;
  const references = useAsyncRetry(
    async () =>
      branch && withReferences ? api.getReferences(entityRef) : undefined,
    [api, entityRef, branch, withReferences],
  );
  const paimon = useAsyncRetry(
    async () => (tables ? api.getPaimonVersions(entityRef) : undefined),
    [api, entityRef, tables],
  );
  return { api, entity, entityRef, branch, tables, references, paimon };
}
