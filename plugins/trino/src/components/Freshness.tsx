import useAsync from 'react-use/esm/useAsync';
import { Alert, Badge, Flex, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { trinoApiRef } from '../api/TrinoApi';
import { errorText } from './common';

export function formatAge(seconds: number): string {
  if (seconds < 180) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Age of the newest data against the entity's freshness SLO. */
export function Freshness({ entityRef }: { entityRef: string }) {
  const trino = useApi(trinoApiRef);
  const { loading, value, error } = useAsync(
    () => trino.freshness(entityRef),
    [trino, entityRef],
  );
  if (loading)
    return (
      <Text variant="body-small" color="secondary">
        Measuring freshness…
      </Text>
    );
  if (error)
    return (
      <Alert
        status="warning"
        title="Freshness unknown"
        description={errorText(error)}
      />
    );
  if (!value || value.ageSeconds === undefined) {
    return (
      <Text variant="body-small" color="secondary">
        No data committed yet: freshness unknown.
      </Text>
    );
  }
  const source =
    value.source === 'column'
      ? `max(${value.column})`
      : 'latest snapshot commit';
  return (
    <Flex align="center" gap="2">
      <Badge>{value.withinSlo ? 'Within SLO' : 'SLO missed'}</Badge>
      <Text variant="body-small">
        {`Newest data ${formatAge(
          value.ageSeconds,
        )} old (${source}); SLO ${formatAge(value.sloSeconds)}${
          value.sloSource === 'default' ? ' (pipeline default)' : ''
        }.`}
      </Text>
    </Flex>
  );
}
