import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_COMMAND, apiTypesFile, openApiDocument, renderApiTypes } from '../../scripts/api-types.js';

/** "line N: committed ... / generated ...", for the first line where the two texts part. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '<end of file>')}, generated ${JSON.stringify(b[at] ?? '<end of file>')}`;
}

describe("the dashboard's API types (web/src/api-types.ts)", () => {
  it("are what the server's OpenAPI document generates today", async () => {
    const generated = await renderApiTypes(await openApiDocument());
    const committed = readFileSync(apiTypesFile(), 'utf8');
    // A boolean, not toBe: a diff of two 6,000-line files would bury the one thing to do.
    const stale = committed === generated ? '' : `web/src/api-types.ts differs from the server's OpenAPI document (${firstDifference(committed, generated)}): run \`${API_TYPES_COMMAND}\` and commit the file`;
    expect(stale).toBe('');
  });
});
