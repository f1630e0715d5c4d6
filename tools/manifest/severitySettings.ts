/**
 * The `haproxy.diagnostics.severity` setting declares one property per HAProxy diagnostic code,
 * so VS Code completes the code ids and flags typos in settings.json. The list comes from
 * CODES_BY_ID; test/unit/lspManifest.test.ts fails when package.json drifts from it.
 * Rewrite package.json: node --import tsx tools/manifest/severitySettings.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES_BY_ID } from '../../server/src/service/haproxy/features/diagnosticCodes';

export const SEVERITY_SETTING = 'haproxy.diagnostics.severity';
export const SEVERITY_VALUES = ['error', 'warning', 'information', 'hint', 'off'] as const;

/** The schema of the setting, one property per code id (sorted, so diffs stay small). */
export function severitySettingSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const id of [...CODES_BY_ID.keys()].sort()) {
    const info = CODES_BY_ID.get(id)!;
    properties[id] = {
      type: 'string',
      enum: [...SEVERITY_VALUES],
      markdownDescription: `${info.description} Default: \`${info.severity}\`.`,
    };
  }
  return {
    type: 'object',
    default: {},
    scope: 'resource',
    properties,
    additionalProperties: false,
    markdownDescription:
      'Severity per diagnostic code, e.g. `{ "missing-timeout": "off", "deprecated-keyword": "error" }`. ' +
      'The codes are listed in docs/haproxy-diagnostics.md.',
  };
}

if (process.argv.includes('--write')) {
  const path = join(__dirname, '..', '..', 'package.json');
  const pkg = JSON.parse(readFileSync(path, 'utf8'));
  pkg.contributes.configuration.properties[SEVERITY_SETTING] = severitySettingSchema();
  writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
}
