import {
  Cell,
  Column,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
  Text,
} from '@backstage/ui';
import type { ReactNode } from 'react';

export interface SimpleColumn<T> {
  title: string;
  render: (row: T) => ReactNode;
}

/** A static table: a few columns, rows keyed by id, a sentence when there are none. */
export function SimpleTable<T>(props: {
  label: string;
  columns: SimpleColumn<T>[];
  rows: T[];
  rowId: (row: T) => string;
  empty: string;
}) {
  const { label, columns, rows, rowId, empty } = props;
  if (rows.length === 0) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        {empty}
      </Text>
    );
  }
  return (
    <TableRoot aria-label={label}>
      <TableHeader>
        {columns.map((c, i) => (
          <Column key={c.title} id={c.title} isRowHeader={i === 0}>
            {c.title}
          </Column>
        ))}
      </TableHeader>
      <TableBody>
        {rows.map(row => (
          <Row key={rowId(row)} id={rowId(row)}>
            {columns.map(c => (
              <Cell key={c.title}>{c.render(row)}</Cell>
            ))}
          </Row>
        ))}
      </TableBody>
    </TableRoot>
  );
}
