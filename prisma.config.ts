// Configuration for the Prisma CLI (generate; `prisma migrate deploy` where the CLI can fetch its engine).
// This project applies migrations itself through Prisma's wasm schema engine: see src/db/migrations.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/commitment_tracker' },
});
