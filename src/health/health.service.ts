import { ping } from '../db/health.sql';
import type { PrismaClient } from '../db/prisma';

export class HealthService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly timeoutMs = 2_000,
  ) {}

  /** True when the database answers within the timeout. Never throws: readiness is a yes or no. */
  async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    const probe = ping(this.prisma).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
