import {
  configApiRef,
  iconsApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  MONITORING_LINKS_ANNOTATION,
  parseMonitoringLinks,
} from '@internal/backstage-plugin-pipeline-common';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import { availableLinkIds, monitoringLinksOf } from './monitoringLinks';

function HowToAdd() {
  const { stack, ids, configured } = availableLinkIds(useApi(configApiRef));
  return (
    <Flex direction="column" gap="2">
      <Text>
        No monitoring links yet. Add the annotation to this entity's
        catalog-info.yaml:
      </Text>
      <pre style={{ margin: 0, fontSize: '0.8rem' }}>
        {`metadata:\n  annotations:\n    ${MONITORING_LINKS_ANNOTATION}: flinkDashboard,trinoUi`}
      </pre>
      <Text variant="body-small" color="secondary">
        {configured ? `Ids configured for the ${stack} stack: ` : 'Known ids: '}
        <code>{ids.join(', ')}</code>
      </Text>
    </Flex>
  );
}

/** The entity's monitoring consoles, each opening in a new tab. */
export function MonitoringCard() {
  const { entity } = useEntity();
  const icons = useApi(iconsApiRef);
  const links = monitoringLinksOf(entity);
  const { unknown } = parseMonitoringLinks(entity);
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          Monitoring
        </Text>
      </CardHeader>
      <CardBody>
        {links.length === 0 ? (
          <HowToAdd />
        ) : (
          <ul
            style={{
              listStyle: 'none',
              padding: 0,
              margin: 0,
              display: 'grid',
              gap: '0.5rem',
            }}
          >
            {links.map(link => (
              <li key={link.url}>
                <Flex align="center" gap="2">
                  {(link.icon && icons.icon(link.icon)) ??
                    icons.icon('dashboard')}
                  <Link
                    href={link.url}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {link.title ?? link.url}
                  </Link>
                </Flex>
              </li>
            ))}
          </ul>
        )}
        {unknown.length > 0 && (
          <Text variant="body-small" color="warning">
            Unknown ids in {MONITORING_LINKS_ANNOTATION}: {unknown.join(', ')}
          </Text>
        )}
      </CardBody>
    </Card>
  );
}
