import useAsync from 'react-use/esm/useAsync';
import { Alert, Flex, Link, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ServingStats,
  ServingTargetRef,
} from '@internal/backstage-plugin-pipeline-common';
import { servingApiRef } from '../api/ServingApi';
import {
  errorText,
  formatLatency,
  formatRows,
  formatWhen,
  STORE_TITLE,
} from './format';
import { LookupForm } from './LookupForm';

function Figure(props: { label: string; value: string; note?: string }) {
  return (
    <div>
      <dt>
        <Text variant="body-x-small" color="secondary">
          {props.label}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text variant="body-small">{props.value}</Text>
      </dd>
      {props.note && (
        <dd style={{ margin: 0 }}>
          <Text variant="body-x-small" color="secondary">
            {props.note}
          </Text>
        </dd>
      )}
    </div>
  );
}

function Figures({ stats }: { stats: ServingStats }) {
  return (
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
        gap: 'var(--bui-space-3)',
        margin: 0,
      }}
    >
      {stats.rows && (
        <Figure
          label="Rows"
          value={formatRows(stats.rows)}
          note={stats.rows.note}
        />
      )}
      <Figure
        label="Last write"
        value={stats.lastWrite ? formatWhen(stats.lastWrite.at) : 'unknown'}
        note={stats.lastWrite?.source ?? stats.latencyNote}
      />
      <Figure
        label="Write latency from the source commit"
        value={stats.latency ? formatLatency(stats.latency) : 'not measured'}
        note={stats.latency?.definition ?? stats.latencyNote}
      />
    </dl>
  );
}

/** One serving target: its figures and the lookup, or why there are none. */
export function TargetPanel(props: {
  entityRef: string;
  target: ServingTargetRef;
}) {
  const { entityRef, target } = props;
  const api = useApi(servingApiRef);
  const store = STORE_TITLE[target.store];
  const stats = useAsync(
    () => api.stats(entityRef, target.id),
    [api, entityRef, target.id],
  );
  let body;
  if (stats.loading) body = <Text color="secondary">Asking {store}…</Text>;
  else if (stats.error || !stats.value)
    body = (
      <Alert
        status="danger"
        title={`${store} is not answering`}
        description={errorText(stats.error)}
      />
    );
  else if (stats.value.status === 'missing')
    body = (
      <Alert
        status="warning"
        title={`${target.target} does not exist yet`}
        description={stats.value.message}
      />
    );
  else
    body = (
      <Flex direction="column" gap="3">
        <Figures stats={stats.value} />
        {stats.value.lookup && (
          <LookupForm
            entityRef={entityRef}
            targetId={target.id}
            store={target.store}
            fields={stats.value.lookup.fields}
            via={stats.value.lookup.via}
          />
        )}
      </Flex>
    );
  return (
    <section aria-label={target.id}>
      <Flex direction="column" gap="2">
        <Flex align="center" justify="between" gap="3">
          <Text variant="title-x-small" as="h3" style={{ margin: 0 }}>
            <code>{target.target}</code>{' '}
            <Text as="span" variant="body-small" color="secondary">
              {store} · {target.instance}
            </Text>
          </Text>
          {target.uiUrl && (
            <Link href={target.uiUrl} target="_blank" rel="noopener noreferrer">
              Open {store} UI
            </Link>
          )}
        </Flex>
        {body}
      </Flex>
    </section>
  );
}
