// The console's pure modules (no React, no DOM) are unit-tested under Node: tsconfig.spec.json
// compiles them to spec-dist/, and the process runs in a zone far from Shanghai on purpose.
import preset from '../../jest.preset.js';

process.env.TZ = 'America/Los_Angeles';

export default { ...preset, roots: ['<rootDir>/spec-dist'] };
