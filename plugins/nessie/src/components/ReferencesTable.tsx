import { Badge, Button, Flex, Text } from '@backstage/ui';
import type {
  ReferencesResponse,
  ReferenceView,
} from '@internal/backstage-plugin-pipeline-common';
import { Hash } from './Problems';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';

const SCOPE_LABEL: Record<ReferenceView['scope'], string | undefined> = {
  'entity-branch': "this entity's branch",
  prefix: undefined,
  other: undefined,
};

/** Branches and tags, the entity's own first; a row's "Show log" selects it for the log below. */
export function ReferencesTable(props: {
  data: ReferencesResponse;
  selected?: string;
  onSelect: (name: string) => void;
}) {
  const { data, selected, onSelect } = props;
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
              {SCOPE_LABEL[r.scope] ? (
                <Badge>{SCOPE_LABEL[r.scope]}</Badge>
              ) : null}
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
        {
          title: '',
          render: r => (
            <Button
              size="small"
              variant={selected === r.name ? 'primary' : 'secondary'}
              aria-label={`Show the commit log of ${r.name}`}
              onPress={() => onSelect(r.name)}
            >
              {selected === r.name ? 'Shown below' : 'Show log'}
            </Button>
          ),
        },
      ]}
    />
  );
}
