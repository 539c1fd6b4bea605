/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from AB_PROFILE in ./ab.ts):
 * `npx tsx bench/load/profile-summary.ts <file.cpuprofile> [requests]`.
 *
 * Prints self time by package (node_modules/<name>, our src/<dir>, node internals, GC, idle) and
 * the hottest functions by self and by inclusive time. SKIP_SECONDS=<n> leaves out the first n
 * seconds (start-up). With the number of requests served during
 * the profile, times are also given per request.
 */
import { readFileSync } from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, requestsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [requests]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const requests = requestsArg ? Number(requestsArg) : undefined;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// SKIP_SECONDS leaves out start-up (module loading, schema building) at the start of the profile.
const skipUs = Number(process.env.SKIP_SECONDS ?? 0) * 1e6;
const selfUs = new Map<number, number>();
let clock = 0;
profile.samples.forEach((id, i) => {
  clock += profile.timeDeltas[i] ?? 0;
  if (clock >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

function bucket(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/(src|bench)\/([^/]+)/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url;
}

const label = (n: Node) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/main\//, '');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
};

const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfUs]
  .filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)')
  .reduce((a, [, t]) => a + t, 0);
const busy = total - idle;
const fmt = (us: number) =>
  `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%` +
  (requests ? ` ${(us / 1000 / requests).toFixed(4).padStart(8)} ms/req` : '');

const sum = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const packages = new Map<string, number>();
const selfFns = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') continue;
  sum(packages, bucket(node), us);
  sum(selfFns, label(node), us);
  // Inclusive: every distinct function on the stack gets the sample once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (!seen.has(l)) {
      seen.add(l);
      sum(inclusive, l, us);
    }
  }
}

const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${fmt(us)}  ${k}`);

console.log(`busy ${fmt(busy)} (idle ${(idle / 1000).toFixed(0)} ms)`);
console.log('\n== self time by package ==');
console.log(top(packages, 40).join('\n'));
console.log('\n== self time by function ==');
console.log(top(selfFns, 50).join('\n'));
console.log('\n== inclusive time by function ==');
console.log(top(inclusive, Number(process.env.INCLUSIVE_TOP ?? 80)).join('\n'));
