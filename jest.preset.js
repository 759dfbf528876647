// Jest runs the compiled tests (dist/**/*.spec.js) as native ES modules: Nest 12 ships only ESM,
// and the TypeScript build that produced them has already type-checked them.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist'],
  testMatch: ['**/*.spec.js'],
  transform: {},
  maxWorkers: 2,
};
