/**
 * GET /metrics in Prometheus' text format. GraphQL operations and their duration come from yoga's
 * Prometheus plugin; beside them, every HTTP response by route and status (401, 403 and 413 are
 * refused before GraphQL sees the request), every error sent by its code, whether the database
 * answers, the pathway index, and prom-client's process metrics.
 */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { PrismaClient } from '../db/client.js';
import { probeDatabase } from './database-probe.js';
import type { GraphStore } from './graph-store.js';
import { requestPath } from './request-state.js';

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
  const responses = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'],
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

  const graphql = usePrometheus({
    registry,
    endpoint: '/metrics',
    // Operation names and error paths are chosen by clients: as labels they would grow without end.
    labels: { operationName: false, path: false, url: false, fieldName: false, typeName: false },
    metrics: {
      graphql_envelop_request: 'graphql_operations_total',
      graphql_yoga_http_duration: true,
      // Errors are counted below, by the code each response carries (the plugin labels them by
      // phase). The rest of its defaults time each phase and walk every document for deprecated
      // fields, which no dashboard here uses.
      graphql_envelop_error_result: false,
      graphql_envelop_request_duration: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
    },
  });

  return {
    onPluginInit({ addPlugin }) {
      addPlugin(graphql);
    },
    onResultProcess({ result }) {
      for (const single of [result].flat() as (ExecutionResult | undefined)[]) {
        for (const error of single?.errors ?? []) errors.inc({ code: String(error.extensions?.code ?? 'NONE') });
      }
    },
    onResponse({ request, response }) {
      const path = requestPath(request);
      responses.inc({ method: request.method, route: routes.has(path) ? path : 'other', status: response.status });
    },
  };
}
