import { stdout } from 'node:process';
import { columnsTable } from './columns-table.ts';

// Prints the file-format table for docs/batch.md (between its "columns" markers).
stdout.write(`${columnsTable()}\n`);
