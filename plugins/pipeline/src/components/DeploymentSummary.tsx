import { Alert, Flex, Link, Text } from '@backstage/ui';
import type { PipelineView } from '@internal/backstage-plugin-pipeline-common';

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <Flex gap="2">
      <Text as="span" variant="body-medium" weight="bold">
        {props.label}
      </Text>
      <Text as="span" variant="body-medium">
        {props.children}
      </Text>
    </Flex>
  );
}

/** Who owns the pipeline (per the registry), what is deployed, and the spec at HEAD against it. */
export function DeploymentSummary({ view }: { view: PipelineView }) {
  const { head } = view;
  return (
    <Flex direction="column" gap="2">
      <Fact label="Owner (pipeline registry)">{view.owner}</Fact>
      <Fact label="Status">{view.status}</Fact>
      <Fact label="Deployed spec">
        {view.specDigest
          ? `${view.specDigest}${
              view.deployedBy ? ` by ${view.deployedBy}` : ''
            }${view.deployedAt ? ` at ${view.deployedAt}` : ''}`
          : 'never deployed'}
      </Fact>
      <Fact label="Spec at HEAD">
        {head?.specDigest ?? 'unavailable'}
        {head?.source ? (
          <>
            {' '}
            (<Link href={head.source}>{head.source}</Link>)
          </>
        ) : null}
      </Fact>
      {view.platform ? (
        <Text as="p" variant="body-small" color="secondary">
          A platform pipeline: registered from the platform's config and
          deployed by the stack; its spec file is its HEAD.
        </Text>
      ) : null}
      {head?.problem ? (
        <Alert
          status="warning"
          title={`The spec at HEAD cannot be deployed: ${head.problem}`}
        />
      ) : (
        <Alert
          status={head?.inSync ? 'success' : 'info'}
          title={
            head?.inSync
              ? 'HEAD is deployed.'
              : 'HEAD differs from the deployed spec: plan and deploy it to bring the stack in line.'
          }
        />
      )}
      {view.lock ? (
        <Alert
          status="info"
          title={`${view.lock.operation} by ${view.lock.holder} in progress since ${view.lock.since}`}
        />
      ) : null}
    </Flex>
  );
}
