// Orders the serial suites: bad input before faults, so that nothing the fault suite leaves
// running (its problems' later timers) writes while the bad-input suite watches the database.
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class SerialOrder extends Sequencer {
  sort(tests) {
    const rank = (t) => (t.path.includes('/reliability/') ? 1 : 0);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
};
