import { ping } from '../db/health.sql';
import type { PrismaClient } from '../db/prisma';
import type { ReplicaRouter, ReplicaStatus } from '../db/replicas';

export class HealthService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly replicas?: ReplicaRouter,
    private readonly timeoutMs = 2_000,
  ) {}

  /**
   * Each replica as last polled. A replica down or lagging does not make the instance unready: its reads
   * fall back to the primary, which readiness does require.
   */
  replicaStatus(): ReplicaStatus[] | undefined {
    return this.replicas?.enabled ? this.replicas.status() : undefined;
  }

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
