/** A LIKE / ILIKE pattern matching text that contains `s` literally (its `\`, `%` and `_` escaped; PostgreSQL's default escape is `\`). */
export function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
