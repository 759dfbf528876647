import preset from '../jest.preset.js';

/**
 * The fault suite kills the stack's processes and the bad-input suite checks that nothing was
 * written: both need the stack to themselves, so the main run leaves them out and
 * jest.serial.config.js runs them afterwards, one file at a time (see the `test` script).
 */
export const SERIAL_SUITES = ['<rootDir>/dist/bad-input/', '<rootDir>/dist/reliability/'];

export default { ...preset, testTimeout: 120_000, testPathIgnorePatterns: ['/node_modules/', ...SERIAL_SUITES] };
