// Lint for correctness, not style: the type-aware rules catch floating promises and unsafe awaits,
// which are the bugs that hurt a server.
import tseslint from 'typescript-eslint';

// The direction of imports under src/ (test/architecture/import-cycles.test.ts checks that they form no circle):
//   main.ts -> app.ts -> the edge (http/, observability/, rate-limit/, web/: the dashboard's shell and assets) -> graphql/, the composition root
//   (schema, services, loaders, createContext, armor, format-error) -> the domains (every other folder)
//   -> the lower folders (common/, config/, db/, generated/, logger.ts), which import no other.
// A domain may name the context's type, `import type { GraphQLContext } from '../graphql/context'`: it is
// erased at runtime, and graphql/context.ts itself imports only types. Nothing but main.ts imports app.ts.
// Inside the layers: only files under an `api/` folder (and graphql/) import type-graphql, class-validator and
// graphql/scalars/ (which imports no domain); no file outside an `api/` folder imports one.
const up = (folders) => `^(\\.\\./)+(${folders})(/|$)`;
const noApp = { regex: '^(\\./|(\\.\\./)+)app$', message: 'Only main.ts imports app.ts.' };
const noEdge = {
  regex: up('http|observability|rate-limit|web'),
  message: 'The edge (http/, observability/, rate-limit/, web/) is wired by app.ts; nothing below it imports it.',
};
const lower = (toSrc) => ({
  regex: `^${toSrc}(?!(common|config|db|generated)/|logger$)[^.]`,
  message: 'common/, config/, db/ and logger.ts import no domain: only each other and generated/.',
});
const graphqlLibraries = {
  regex: '^(type-graphql|class-validator)$',
  message: 'Only files under an api/ folder (and src/graphql/) import type-graphql or class-validator: services take plain commands and return plain rows.',
};
const apiFolder = {
  regex: '^\\.{1,2}/(.*/)?api/',
  message: 'Nothing outside an api/ folder imports from one: the API layer calls the services, never the reverse.',
};
const globalId = {
  regex: '(^|/)relay/global-id$',
  message: 'Global IDs are decoded and encoded in api/ files; services take numeric ids.',
};
const contextTypeOnly = {
  regex: '^(\\.\\./)+graphql/context$',
  allowTypeImports: true,
  message: 'Only `import type` from graphql/context: the context type is the one name a domain takes from above.',
};
const restrictImports = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noApp, ...patterns] }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'src/generated/**', 'coverage/**', 'bench/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/app.ts', 'src/http/**', 'src/observability/**', 'src/rate-limit/**', 'src/web/**', 'src/graphql/**'],
    rules: restrictImports(
      noEdge,
      {
        regex: `${up('graphql')}(?!context$|scalars$)`,
        message: 'Domains do not import the composition root (src/graphql/); the context type is `import type { GraphQLContext } from "../graphql/context"`.',
      },
      contextTypeOnly,
    ),
  },
  {
    // Every domain: outside its api/ folder, no GraphQL library, no global IDs, nothing from api/ (the services' layer).
    files: ['src/{actor,auth,candidate,commitment,compliance,country,extraction,health,idempotency,partnership,party-assessment,pillar,relay,seed,source-document,stats,status-history,subscription,target,timeline}/**/*.ts'],
    ignores: ['src/**/api/**'],
    rules: restrictImports(
      noEdge,
      {
        regex: `${up('graphql')}(?!context$)`,
        message: 'Outside api/ folders a domain imports nothing from src/graphql/ but the context type (`import type`).',
      },
      contextTypeOnly,
      graphqlLibraries,
      apiFolder,
      globalId,
    ),
  },
  {
    // src/db/ is the one home for SQL: elsewhere no SQL text is written (Prisma model calls are not SQL).
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/generated/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Prisma'][property.name=/^(sql|raw|join|empty)$/]",
          message: 'SQL is written in src/db/ only: add a function there and call it.',
        },
        {
          selector: "MemberExpression[property.name=/^\\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)$/]",
          message: 'Raw statements run in src/db/ only: add a function there and call it.',
        },
      ],
    },
  },
  // The lower folders, by depth (a relative path means another folder only at the right number of `../`).
  // common/api/ holds the GraphQL plumbing every domain's api/ shares (payloads, user errors, enum names).
  { files: ['src/{common,config,db}/*.ts'], rules: restrictImports(lower('\\.\\./'), graphqlLibraries, apiFolder) },
  {
    files: ['src/{common,config,db}/*/**/*.ts'],
    ignores: ['src/common/api/**'],
    rules: restrictImports(lower('\\.\\./\\.\\./'), graphqlLibraries, apiFolder),
  },
  { files: ['src/common/api/**/*.ts'], rules: restrictImports(lower('\\.\\./\\.\\./')) },
  { files: ['src/logger.ts'], rules: restrictImports(lower('\\./'), graphqlLibraries, apiFolder) },
  {
    files: ['src/graphql/**/*.ts'],
    rules: restrictImports(noEdge),
  },
  {
    files: ['src/graphql/scalars/**/*.ts'],
    rules: restrictImports(lower('\\.\\./\\.\\./'), {
      regex: '^\\.\\./(?!\\.\\./)',
      message: 'graphql/scalars/ imports no domain and nothing of the composition root: every api/ file may import it.',
    }),
  },
  {
    files: ['src/graphql/context.ts'],
    rules: restrictImports({ regex: '.', allowTypeImports: true, message: 'graphql/context.ts holds only types: `import type` only.' }),
  },
  {
    files: ['src/http/**/*.ts', 'src/observability/**/*.ts', 'src/rate-limit/**/*.ts', 'src/web/**/*.ts'],
    rules: restrictImports(),
  },
  {
    // Tests read GraphQL responses as loosely typed JSON; typing every response shape adds nothing there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
