import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Grid,
  Link,
  Text,
} from '@backstage/ui';
import {
  NESSIE_BRANCH_ANNOTATION,
  nessieBranchRollbackPermission,
  nessieReferenceCreatePermission,
  PAIMON_TABLE_ANNOTATION,
  type ReferencesResponse,
} from '@internal/backstage-plugin-pipeline-common';
import { useState } from 'react';
import type { NessieApi } from '../api/NessieApi';
import { CommitLog } from './CommitLog';
import { CreateReferenceDialog } from './CreateReferenceDialog';
import { DiffPanel } from './DiffPanel';
import { PaimonPanel } from './PaimonPanel';
import { CallFailed, Loading, MissingAnnotation } from './Problems';
import { ReferencesTable } from './ReferencesTable';
import { useEntityVersions } from './useVersions';

function Section(props: {
  title: string;
  subtitle?: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center">
          <Flex direction="column" gap="1">
            <Text as="h3" variant="title-small">
              {props.title}
            </Text>
            {props.subtitle ? (
              <Text variant="body-small" color="secondary">
                {props.subtitle}
              </Text>
            ) : null}
          </Flex>
          {props.action}
        </Flex>
      </CardHeader>
      <CardBody>{props.children}</CardBody>
    </Card>
  );
}

function NessieSections(props: {
  api: NessieApi;
  entityRef: string;
  data: ReferencesResponse;
  selected: string;
  onSelect: (name: string) => void;
  onChanged: () => void;
}) {
  const { api, entityRef, data, selected, onSelect, onChanged } = props;
  const create = usePermission({
    permission: nessieReferenceCreatePermission,
    resourceRef: entityRef,
  });
  const rollback = usePermission({
    permission: nessieBranchRollbackPermission,
    resourceRef: entityRef,
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string>();
  const reference = data.references.find(r => r.name === selected);
  return (
    <Flex direction="column" gap="4">
      <Section
        title="Nessie references"
        subtitle={`Branch ${data.branch} on ${data.instance}; this entity creates and rolls back refs under ${data.prefix}`}
        action={
          <Flex gap="3" align="center">
            {data.nessieUiUrl ? (
              <Link
                href={data.nessieUiUrl}
                target="_blank"
                rel="noreferrer"
                style={{ whiteSpace: 'nowrap' }}
              >
                Open Nessie UI
              </Link>
            ) : null}
            <Button
              variant="secondary"
              isDisabled={!create.allowed}
              onPress={() => setCreating(true)}
            >
              Create tag/branch
            </Button>
          </Flex>
        }
      >
        <Flex direction="column" gap="3">
          {data.branchHead ? null : (
            <Alert
              status="warning"
              title={`Branch ${data.branch} does not exist in Nessie`}
              description="The pipeline has not been deployed yet, or its branch was deleted. Deploying the pipeline creates it."
            />
          )}
          {created ? <Alert status="success" title={created} /> : null}
          <ReferencesTable
            data={data}
            selected={selected}
            onSelect={onSelect}
          />
        </Flex>
        {creating ? (
          <CreateReferenceDialog
            api={api}
            entityRef={entityRef}
            data={data}
            source={reference?.name}
            isOpen
            onClose={() => setCreating(false)}
            onDone={message => {
              setCreating(false);
              setCreated(message);
              onChanged();
            }}
          />
        ) : null}
      </Section>
      {reference ? (
        <Section title={`Commit log of ${reference.name}`}>
          <CommitLog
            api={api}
            entityRef={entityRef}
            reference={reference}
            canRollBack={rollback.allowed}
            onChanged={onChanged}
          />
        </Section>
      ) : null}
      <Section title="Diff between two references">
        <DiffPanel api={api} entityRef={entityRef} data={data} />
      </Section>
    </Flex>
  );
}

/** The Versions tab: Nessie references, log, diff and rollback beside the Paimon snapshots and tags. */
export function VersionsTab() {
  const { api, entityRef, branch, tables, references, paimon } =
    useEntityVersions();
  const [selected, setSelected] = useState<string>();

  let nessie;
  if (!branch)
    nessie = (
      <MissingAnnotation
        annotation={NESSIE_BRANCH_ANNOTATION}
        example="finance/daily"
        what="Nessie branch"
      />
    );
  else if (references.error)
    nessie = (
      <CallFailed
        error={references.error}
        upstream="Nessie"
        what="the Nessie references"
      />
    );
  else if (!references.value)
    nessie = <Loading label="Loading the Nessie references" rows={4} />;
  else
    nessie = (
      <NessieSections
        api={api}
        entityRef={entityRef}
        data={references.value}
        selected={selected ?? references.value.branch}
        onSelect={setSelected}
        onChanged={references.retry}
      />
    );

  let lake;
  if (!tables)
    lake = (
      <MissingAnnotation
        annotation={PAIMON_TABLE_ANNOTATION}
        example="commerce.orders"
        what="Paimon table"
      />
    );
  else if (paimon.error)
    lake = (
      <CallFailed
        error={paimon.error}
        upstream="the SQL Gateway"
        what="the Paimon versions"
      />
    );
  else if (!paimon.value)
    lake = <Loading label="Loading the Paimon snapshots and tags" rows={5} />;
  else
    lake = (
      <PaimonPanel
        data={paimon.value}
        onSelectRef={branch ? setSelected : undefined}
      />
    );

  return (
    <Grid.Root columns={{ initial: '1', xl: '12' }} gap="4">
      <Grid.Item colSpan={{ initial: '1', xl: '7' }}>
        {branch && references.value ? (
          nessie
        ) : (
          <Section title="Nessie references">{nessie}</Section>
        )}
      </Grid.Item>
      <Grid.Item colSpan={{ initial: '1', xl: '5' }}>
        <Section
          title="Paimon snapshots and tags"
          subtitle={tables ? `Paimon table ${tables}` : undefined}
        >
          {lake}
        </Section>
      </Grid.Item>
    </Grid.Root>
  );
}
