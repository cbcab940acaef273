import { afterAll } from 'vitest';

import { removeTempFolders } from './helpers/fixtures.js';

// Test inputs are written to temporary folders; none should outlive its test file.
afterAll(removeTempFolders);
