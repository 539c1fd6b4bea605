/**
 * GET /metrics in Prometheus' text format (prom-client): HTTP requests and their duration by
 * route and status, GraphQL operations by type and errors by code, whether the database answers,
 * how long the pathway index took to build, and the usual process metrics.
 */
import type { ExecutionResult } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PrismaClient } from '../db/client.js';
import { probeDatabase } from './database-probe.js';
import type { GraphStore } from './graph-store.js';
import { requestPath, requestState } from './request-state.js';

export type MetricsOptions = {
  prisma: PrismaClient;
  graph: GraphStore;
  /** How long the database_up probe waits. */
  timeoutMs: number;
  /** The GraphQL endpoint, a route of its own. @default "/graphql" */
  endpoint?: string;
};

/** Collects the metrics (in a registry of this app's own) and serves them at /metrics. */
export function useMetrics({ prisma, graph, timeoutMs, endpoint = '/graphql' }: MetricsOptions): Plugin {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const routes = new Set([endpoint, '/health', '/ready', '/metrics']);
  const labels = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: labels,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route and status.',
    labelNames: labels,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations executed, by type (query or mutation).',
    labelNames: ['operation_type'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code (NONE when they have none).',
    labelNames: ['code'],
    registers: [registry],
  });
  new Gauge({
    name: 'database_up',
    help: 'Whether the database answered a SELECT 1 in time when scraped (1) or not (0).',
    registers: [registry],
    async collect() {
      this.set((await probeDatabase(prisma, timeoutMs)).ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'graph_loaded',
    help: 'Whether the pathway index is built (1) or not (0).',
    registers: [registry],
    collect() {
      this.set(graph.loaded() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'graph_build_duration_seconds',
    help: 'How long the latest build of the pathway index took.',
    registers: [registry],
    collect() {
      const build = graph.lastBuild();
      if (build) this.set(build.seconds);
    },
  });

  // One labelled child per label set, looked up by a string key: prom-client otherwise hashes the
  // label object on every increment and observation.
  const perRequest = new Map<
    string,
    { requests: ReturnType<typeof requests.labels>; duration: ReturnType<typeof duration.labels> }
  >();
  const perOperation = new Map<string, ReturnType<typeof operations.labels>>();
  const perCode = new Map<string, ReturnType<typeof errors.labels>>();
  const child = <T>(map: Map<string, T>, key: string, make: () => T): T => {
    let found = map.get(key);
    if (!found) map.set(key, (found = make()));
    return found;
  };

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics' || request.method !== 'GET') return;
      endResponse(
        new fetchAPI.Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }),
      );
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const state = requestState((args.contextValue as YogaInitialContext).request);
      state.operationType = operation?.operation;
      state.operationName = operation?.name?.value ?? args.operationName ?? undefined;
      if (operation) {
        const type = operation.operation;
        child(perOperation, type, () => operations.labels({ operation_type: type })).inc();
      }
    },
    onResultProcess({ result }) {
      if (!Array.isArray(result) && !(result as ExecutionResult | undefined)?.errors?.length) return;
      for (const single of [result].flat() as ExecutionResult[]) {
        for (const error of single?.errors ?? []) {
          const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'NONE';
          child(perCode, code, () => errors.labels({ code })).inc();
        }
      }
    },
    onResponse({ request, response }) {
      const path = requestPath(request);
      const route = routes.has(path) ? path : 'other';
      const { method } = request;
      const status = response.status;
      const labelled = child(perRequest, `${method} ${route} ${status}`, () => {
        const values = { method, route, status: String(status) };
        return { requests: requests.labels(values), duration: duration.labels(values) };
      });
      labelled.requests.inc();
      labelled.duration.observe((performance.now() - requestState(request).startedAt) / 1000);
    },
  };
}
