// The hand-made fixture set of the engine (tests/fixtures/) and the report
// it must produce, shared by the end-to-end specs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

export const PLATFORM_FILES = [
  'platform-a-wrapped.json',
  'platform-b-simplified.json',
  'platform-c-pages.ndjson',
  'platform-d.xml',
  'platform-e.csv',
  'consume-f.json',
].map((name) => path.join(FIXTURES, name));

export const CONSUME_FILE = 'consume-f.json';
export const ISSUED_FILE = path.join(FIXTURES, 'issued-gbk.csv');
export const PERIOD = { from: '2026-08-01', to: '2026-09-01' };

export const EXPECTED = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-report.json'), 'utf8'));

export const CLASSES = Object.keys(EXPECTED.classes);
export const FLAGS = Object.keys(EXPECTED.flags);
