import preset from '../jest.preset.js';
import { SERIAL_SUITES } from './jest.config.js';

/** The suites that need the stack to themselves, one file at a time: bad input first, then faults. */
export default {
  ...preset,
  testTimeout: 120_000,
  maxWorkers: 1,
  roots: SERIAL_SUITES.map((s) => s.replace(/\/$/, '')),
  testSequencer: '<rootDir>/jest.serial-order.cjs',
};
