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
  nessieReferenceCreatePermission,
  PAIMON_TABLE_ANNOTATION,
  type ReferencesResponse,
} from '@internal/backstage-plugin-pipeline-common';
import { useState } from 'react';
import type { NessieApi } from '../api/NessieApi';
import { CreateReferenceDialog } from './CreateReferenceDialog';
import { DiffPanel } from './DiffPanel';
import { PaimonPanel } from './PaimonPanel';
import { CallFailed, Loading, MissingAnnotation } from './Problems';
import { ReferencesTable } from './ReferencesTable';
import { Releases } from './Releases';
import { TableCommits } from './TableCommits';
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

/** The entity's refs (its branch names their namespace), with "Create tag" for releases. */
function ReferencesSection(props: {
  api: NessieApi;
  entityRef: string;
  data: ReferencesResponse;
  onChanged: () => void;
}) {
  const { api, entityRef, data, onChanged } = props;
  const create = usePermission({
    permission: nessieReferenceCreatePermission,
    resourceRef: entityRef,
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string>();
  return (
    <Section
      title="Nessie references"
      subtitle={`Tables commit to main on ${data.instance}; this entity's tags and branches are named under ${data.prefix} (its branch ${data.branch} receives no table commits)`}
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
        {created ? <Alert status="success" title={created} /> : null}
        <ReferencesTable data={data} />
      </Flex>
      {creating ? (
        <CreateReferenceDialog
          api={api}
          entityRef={entityRef}
          data={data}
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
  );
}

/**
 * The Versions tab, as the platform versions tables: every Paimon snapshot is a Nessie commit on
 * `main` (the audit trail), releases and restore points are tags pinning table states, and a
 * diff between two refs names the tables that changed; Paimon's own snapshots and tags beside.
 */
export function VersionsTab() {
  const { api, entityRef, branch, tables, references, paimon } =
    useEntityVersions();

  let refs;
  if (!branch)
    refs = (
      <Section title="Nessie references">
        <MissingAnnotation
          annotation={NESSIE_BRANCH_ANNOTATION}
          example="finance/daily"
          what="Nessie namespace"
        />
      </Section>
    );
  else if (references.error)
    refs = (
      <Section title="Nessie references">
        <CallFailed
          error={references.error}
          upstream="Nessie"
          what="the Nessie references"
        />
      </Section>
    );
  else if (!references.value)
    refs = (
      <Section title="Nessie references">
        <Loading label="Loading the Nessie references" rows={4} />
      </Section>
    );
  else
    refs = (
      <>
        <Section
          title="Diff between two refs"
          subtitle="Which of the entity's tables changed, and from which snapshot to which"
        >
          <DiffPanel api={api} entityRef={entityRef} data={references.value} />
        </Section>
        <ReferencesSection
          api={api}
          entityRef={entityRef}
          data={references.value}
          onChanged={references.retry}
        />
      </>
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
  else lake = <PaimonPanel data={paimon.value} />;

  return (
    <Grid.Root columns={{ initial: '1', xl: '12' }} gap="4">
      <Grid.Item colSpan={{ initial: '1', xl: '7' }}>
        <Flex direction="column" gap="4">
          <Section
            title="Table commits on main"
            subtitle="One Nessie commit per Paimon snapshot: the audit trail of the tables"
          >
            <TableCommits api={api} entityRef={entityRef} />
          </Section>
          <Section
            title="Releases and restore points"
            subtitle={
              branch
                ? `Tags under ${
                    branch.split('/')[0]
                  }/ and the table states they pin`
                : undefined
            }
          >
            <Releases api={api} entityRef={entityRef} />
          </Section>
          {refs}
        </Flex>
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
