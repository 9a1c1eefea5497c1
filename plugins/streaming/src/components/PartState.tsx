import { Alert, Flex, Skeleton, Text } from '@backstage/ui';
import { ReactNode } from 'react';
import { AsyncState } from 'react-use/lib/useAsyncFn';

/**
 * One part of the card or tab: a skeleton while loading, the backend's message when the
 * upstream is down (it names the component), the content otherwise.
 */
export function PartState<T>(props: {
  title: string;
  state: AsyncState<T | undefined>;
  children: (value: T) => ReactNode;
}) {
  const { title, state, children } = props;
  return (
    <Flex direction="column" gap="2">
      <Text as="h4" variant="body-medium" weight="bold">
        {title}
      </Text>
      {state.loading && <Skeleton width="100%" height={24} />}
      {!state.loading && state.error && (
        <Alert
          status="danger"
          title={`${title} unavailable`}
          description={state.error.message}
        />
      )}
      {!state.loading &&
        !state.error &&
        state.value !== undefined &&
        children(state.value)}
    </Flex>
  );
}
