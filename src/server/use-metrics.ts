/**
 * GET /metrics in Prometheus' text format (prom-client): HTTP requests and their duration by
 * route and status, GraphQL operations by type and errors by code, whether the database answers,
 * how long the pathway index took to build, and the usual process metrics.
 */
import type { ExecutionResult } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { PrismaClient } from '../db/client.js';
import { probeDatabase } from './database-probe.js';
import { HttpMetrics } from './http-metrics.js';
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
  // Counted per request without prom-client's per-call label hashing (http-metrics.ts).
  const http = new HttpMetrics([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
  const countOperation = scrapedCounter(
    registry,
    'graphql_operations_total',
    'GraphQL operations executed, by type (query or mutation).',
    'operation_type',
  );
  const countError = scrapedCounter(
    registry,
    'graphql_errors_total',
    'Errors in GraphQL responses, by extensions.code (NONE when they have none).',
    'code',
  );
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

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics' || request.method !== 'GET') return;
      const text = `${await registry.metrics()}\n${http.text()}`;
      endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } }));
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const state = requestState((args.contextValue as YogaInitialContext).request);
      state.operationType = operation?.operation;
      state.operationName = operation?.name?.value ?? args.operationName ?? undefined;
      if (operation) countOperation(operation.operation);
    },
    onResultProcess({ result }) {
      if (!Array.isArray(result) && !(result as ExecutionResult | undefined)?.errors?.length) return;
      for (const single of [result].flat() as ExecutionResult[]) {
        for (const error of single?.errors ?? []) {
          const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'NONE';
          countError(code);
        }
      }
    },
    onResponse({ request, response }) {
      const path = requestPath(request);
      const route = routes.has(path) ? path : 'other';
      http.record(request.method, route, response.status, (performance.now() - requestState(request).startedAt) / 1000);
    },
  };
}

/**
 * A prom-client counter with one label, counted per request in a plain map (no label hashing) and
 * handed to prom-client only when scraped. Returns the function that counts one.
 */
function scrapedCounter(registry: Registry, name: string, help: string, label: string): (value: string) => void {
  const counts = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, count] of counts) this.inc({ [label]: value }, count);
    },
  });
  return (value) => void counts.set(value, (counts.get(value) ?? 0) + 1);
}
