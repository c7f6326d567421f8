/** Writes web/src/api-types.ts from the server's OpenAPI document (`npm run api:types`; see api-types.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { apiTypesFile, openApiDocument, renderApiTypes } from './api-types.js';

const file = apiTypesFile();
writeFileSync(file, await renderApiTypes(await openApiDocument()));
console.log(`wrote ${path.relative(packageRoot(), file)}`);
