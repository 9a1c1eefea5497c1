import { Flex, Text } from '@backstage/ui';
import type { CSSProperties } from 'react';
import type { Health, LiveStatus } from '../../lineage';

type Tone = Health | 'unknown';

const TEXT_COLOR = {
  ok: 'success',
  warning: 'warning',
  error: 'danger',
  unknown: 'secondary',
} as const;
const PILL: Record<Tone, CSSProperties> = {
  ok: {
    background: 'var(--bui-positive-bg-subdued)',
    borderColor: 'var(--bui-positive-border)',
  },
  warning: {
    background: 'var(--bui-warning-bg-subdued)',
    borderColor: 'var(--bui-warning-border)',
  },
  error: {
    background: 'var(--bui-negative-bg-subdued)',
    borderColor: 'var(--bui-negative-border)',
  },
  unknown: { borderColor: 'var(--bui-border-1)' },
};

/** A small coloured pill, so the state reads at a glance without relying on colour alone. */
export function Pill({ tone, children }: { tone: Tone; children: string }) {
  return (
    <span
      style={{
        ...PILL[tone],
        display: 'inline-block',
        alignSelf: 'flex-start',
        borderWidth: 1,
        borderStyle: 'solid',
        borderRadius: 'var(--bui-radius-full)',
        padding: '0 var(--bui-space-2)',
      }}
    >
      <Text variant="body-x-small" weight="bold" color={TEXT_COLOR[tone]}>
        {children}
      </Text>
    </span>
  );
}

/** A node's live status: the pill, and a line of detail (checkpoint age, tasks, why unavailable). */
export function StatusChip({ live }: { live: LiveStatus }) {
  if (live.state === 'loading') {
    return (
      <Text variant="body-x-small" color="secondary">
        checking…
      </Text>
    );
  }
  const [tone, label, detail] =
    live.state === 'ready'
      ? [live.status.health, live.status.label, live.status.detail]
      : (['unknown', 'unavailable', live.message] as const);
  return (
    <Flex direction="column" gap="0.5">
      <Pill tone={tone}>{label}</Pill>
      {detail && (
        <Text
          variant="body-x-small"
          color="secondary"
          style={{ overflowWrap: 'anywhere' }}
        >
          {detail}
        </Text>
      )}
    </Flex>
  );
}
