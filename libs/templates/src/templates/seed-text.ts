/**
 * Reading the seed texts (libs/templates/seeds, copies of the published work plans) for the template specs: every fact
 * a template claims is checked against the words of its plan, not against a copy of the template's own values.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

/** The text of a seed file (libs/templates/seeds/<file>). */
export function readSeed(file: string): string {
  return readFileSync(path.resolve(__dirname, '../../seeds', file), 'utf8');
}

const WIDTH: Record<string, string> = { '(': '（', ')': '）', ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

/**
 * The comparison form of a quote: whitespace removed and ASCII punctuation in its full-width form, because the
 * published copies mix half-width and full-width punctuation ("(试行)" / "（试行）") and break lines inside cells.
 * Words, digits, units and signs (≥ ≤ % / .) are compared exactly.
 */
export function norm(s: string): string {
  return s.replace(/\s+/g, '').replace(/[(),;:?!]/g, (c) => WIDTH[c]);
}

/** Does `text` contain `quote` verbatim (in comparison form)? */
export function quotes(text: string, quote: string): boolean {
  return norm(text).includes(norm(quote));
}

/**
 * The cells of a table pasted from a .docx, one cell per line starting with a tab; lines without a leading tab
 * continue the cell above (a cell broken over lines), empty lines are dropped. Each cell is trimmed.
 */
export function tabCells(text: string): string[] {
  const cells: string[] = [];
  let open = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      cells.push(line.slice(1));
      open = true;
    } else if (line.trim() === '') {
      continue;
    } else if (open) {
      cells[cells.length - 1] += `\n${line}`;
    }
  }
  return cells.map((c) => c.replace(/^\[bookmark: [^\]]*\]/, '').trim());
}
