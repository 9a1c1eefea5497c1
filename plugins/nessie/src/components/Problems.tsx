import { Alert, Flex, Skeleton, Text } from '@backstage/ui';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';

/** The entity lacks an annotation: say which one and show an example. */
export function MissingAnnotation(props: {
  annotation: string;
  example: string;
  what: string;
}) {
  return (
    <Alert
      status="info"
      title={`No ${props.what} is linked to this entity`}
      description={
        <Text as="span" variant="body-medium">
          Add <code>{`${props.annotation}: ${props.example}`}</code> to the
          entity's <code>metadata.annotations</code>.
        </Text>
      }
    />
  );
}

const HINT = {
  Nessie:
    'Check that Nessie (dataPlatform.upstreams.nessie url) is up and reachable from the portal backend.',
  'the SQL Gateway':
    'Check that the Flink SQL Gateway (dataPlatform.upstreams.flink sqlGatewayUrl) and the Paimon warehouse are up.',
};

/** A failed call; an upstream that is down gets a message about that upstream, not about the portal. */
export function CallFailed(props: {
  error: Error;
  upstream: keyof typeof HINT;
  what: string;
}) {
  const down =
    props.error instanceof DataPlatformApiError && props.error.upstreamDown;
  return (
    <Alert
      status="danger"
      title={
        down
          ? `${
              props.upstream === 'Nessie' ? 'Nessie' : 'The SQL Gateway'
            } is not answering`
          : `Could not load ${props.what}`
      }
      description={
        <Text as="span" variant="body-medium">
          {props.error.message}
          {down ? `. ${HINT[props.upstream]}` : ''}
        </Text>
      }
    />
  );
}

export function Loading(props: { label: string; rows?: number }) {
  return (
    <Flex direction="column" gap="2" aria-label={props.label}>
      {Array.from({ length: props.rows ?? 3 }, (_, i) => (
        <Skeleton
          key={i}
          width={i === 0 ? '50%' : '90%'}
          height={i === 0 ? 20 : 32}
        />
      ))}
    </Flex>
  );
}

export function Hash(props: { hash?: string }) {
  return (
    <code title={props.hash} style={{ fontSize: '0.85em' }}>
      {props.hash ? props.hash.slice(0, 12) : '—'}
    </code>
  );
}
