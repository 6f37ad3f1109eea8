import { Router } from 'express';
import type { HealthService } from '../health/health.service';

/**
 * /healthz: the process is up (liveness). /readyz: the process should get traffic: the database answers
 * and the server is not shutting down (readiness fails first on SIGTERM so load balancers stop sending).
 */
export function healthRoutes(health: HealthService, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ ready: false, reason: 'shutting down' });
      return;
    }
    const database = await health.databaseAnswers();
    res.status(database ? 200 : 503).json({ ready: database, database: database ? 'up' : 'down', replicas: health.replicaStatus() });
  });
  return router;
}
