import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { PreviewResult } from '@internal/backstage-plugin-pipeline-common';

function show(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The preview's rows, with each column's name and Trino type in the header. */
export function PreviewTable({ result }: { result: PreviewResult }) {
  return (
    <TableContainer
      sx={{
        maxHeight: 480,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
      }}
    >
      <Table size="small" stickyHeader aria-label="Preview rows">
        <TableHead>
          <TableRow>
            {result.columns.map(c => (
              <TableCell key={c.name} sx={{ whiteSpace: 'nowrap' }}>
                <strong>{c.name}</strong>
                <br />
                <span style={{ opacity: 0.7, fontSize: 11 }}>{c.type}</span>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {result.rows.map((row, i) => (
            <TableRow key={i}>
              {row.map((cell, j) => (
                <TableCell
                  key={j}
                  sx={{
                    whiteSpace: 'nowrap',
                    fontFamily: 'monospace',
                    fontSize: 12,
                  }}
                >
                  {show(cell)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
