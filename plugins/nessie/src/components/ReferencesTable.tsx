import { Badge, Flex, Text } from '@backstage/ui';
import type {
  ReferencesResponse,
  ReferenceView,
} from '@internal/backstage-plugin-pipeline-common';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';
import { Hash } from './Problems';

/**
 * Branches and tags, the entity's own first. Table commits land on `main`; the entity's branch
 * only names the namespace of its refs (`finance/daily` → `finance/…`), so it is labelled so.
 */
export function ReferencesTable(props: { data: ReferencesResponse }) {
  const { data } = props;
  return (
    <SimpleTable<ReferenceView>
      label="Nessie references"
      rows={data.references}
      rowId={r => `${r.type}:${r.name}`}
      empty="Nessie has no references."
      columns={[
        {
          title: 'Reference',
          render: r => (
            <Flex gap="2" align="center">
              <Text
                variant="body-medium"
                weight={r.scope === 'other' ? 'regular' : 'bold'}
              >
                {r.name}
              </Text>
              {r.scope === 'entity-branch' ? (
                <Badge>{`namespace of this entity's refs`}</Badge>
              ) : null}
              {r.name === 'main' ? <Badge>table commits</Badge> : null}
              {r.scope === 'prefix' ? (
                <Badge>{`in ${data.prefix}`}</Badge>
              ) : null}
            </Flex>
          ),
        },
        {
          title: 'Type',
          render: r => (r.type === 'BRANCH' ? 'branch' : 'tag'),
        },
        { title: 'Head', render: r => <Hash hash={r.hash} /> },
      ]}
    />
  );
}
