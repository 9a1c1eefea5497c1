import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import { Fragment } from 'react';
import type { LineageNode, LineageStage, LiveStatus } from '../../lineage';
import { StatusChip } from './StatusChip';

const title = (n: LineageNode) =>
  n.entity.metadata.title ?? n.entity.metadata.name;

/** Long dotted names (mariadb.commerce.orders) wrap after a dot or dash, not mid-word. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[._-])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

function kindAndType(node: LineageNode) {
  const type =
    typeof node.entity.spec?.type === 'string'
      ? node.entity.spec.type
      : undefined;
  return [node.entity.kind, type].filter(Boolean).join(' · ');
}

function NodeBox(props: {
  node: LineageNode;
  live?: LiveStatus;
  current: boolean;
}) {
  const { node, live, current } = props;
  const linkTo = useEntityRefLink();
  return (
    <li
      aria-current={current ? 'true' : undefined}
      aria-label={title(node)}
      style={{
        padding: 'var(--bui-space-2)',
        borderRadius: 'var(--bui-radius-3)',
        border: `${current ? 2 : 1}px ${
          node.external ? 'dashed' : 'solid'
        } var(${current ? '--bui-accent-bg' : '--bui-border-1'})`,
        background: current
          ? 'var(--bui-bg-neutral-2)'
          : 'var(--bui-bg-neutral-1)',
        opacity: node.external ? 0.6 : undefined,
      }}
    >
      <Flex direction="column" gap="1">
        <Link
          href={linkTo(node.entity)}
          variant="body-small"
          weight="bold"
          style={{ overflowWrap: 'break-word' }}
        >
          <Breakable text={title(node)} />
        </Link>
        <Text variant="body-x-small" color="secondary">
          {kindAndType(node)}
          {node.external && ' · external'}
          {current && ' · this entity'}
        </Text>
        {live && <StatusChip live={live} />}
      </Flex>
    </li>
  );
}

function Arrow() {
  return (
    <Flex
      align="center"
      aria-hidden
      style={{ flex: '0 0 auto', paddingTop: 'var(--bui-space-6)' }}
    >
      <Text variant="title-small" color="secondary">
        →
      </Text>
    </Flex>
  );
}

/** The stages side by side, sources on the left, with arrows in the direction data flows. */
export function LineageFlow(props: {
  stages: LineageStage[];
  statuses: Record<string, LiveStatus>;
  currentRef?: string;
}) {
  const { stages, statuses, currentRef } = props;
  return (
    // Wraps rather than scrolls: in the narrow main column a long flow continues on the next row,
    // which starts with its arrow, instead of hiding its last stages (the tables) off-card.
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'stretch',
        gap: 'var(--bui-space-4) var(--bui-space-2)',
      }}
    >
      {stages.map((stage, i) => (
        <Fragment key={stage.nodes[0].ref}>
          {i > 0 && <Arrow />}
          <section
            aria-label={`Stage ${i + 1}: ${stage.label}`}
            style={{ flex: '1 1 0', minWidth: 120, maxWidth: 220 }}
          >
            <Text
              as="h4"
              variant="body-x-small"
              weight="bold"
              color="secondary"
              style={{
                margin: '0 0 var(--bui-space-2)',
                textTransform: 'uppercase',
              }}
            >
              {stage.label}
            </Text>
            <ul
              style={{
                listStyle: 'none',
                margin: 0,
                padding: 0,
                display: 'grid',
                gap: 'var(--bui-space-2)',
              }}
            >
              {stage.nodes.map(node => (
                <NodeBox
                  key={node.ref}
                  node={node}
                  live={statuses[node.ref]}
                  current={node.ref === currentRef}
                />
              ))}
            </ul>
          </section>
        </Fragment>
      ))}
    </div>
  );
}
