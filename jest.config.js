// CommonJS config: jest loads a .ts config only through ts-node, which this project does not need.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { swcrc: true }],
    // Prisma's wasm schema engine ships its JS glue as an ES module; jest runs CommonJS.
    '/@prisma/schema-engine-wasm/.+\\.js$': ['@swc/jest', { swcrc: true }],
    // jose (JWT verification) is ESM-only too; plain Node 20 requires it, jest's CommonJS runtime cannot.
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { swcrc: true }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@prisma/schema-engine-wasm|jose)/)'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Two cores: more workers only queue, and each opens its own pools.
  maxWorkers: 2,
  testTimeout: 30_000,
};
