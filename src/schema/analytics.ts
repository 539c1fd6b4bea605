/** Questions analysts ask of the graph as a whole: bridges between tracks, counts, gateways. */
import { builder } from './builder.js';
import { searchCost } from './cost.js';
import { Certification } from './certification.js';
import { badInput, slugKey } from './errors.js';
import type { RankBy } from '../graph/index.js';
import { PathwayRef, rankingArgs, searchPathways } from './pathway.js';
import { checkFirst, nodeId, trackId } from './pathway-inputs.js';
import { Track } from './track.js';
import { Transition, TransitionKind } from './transition.js';

/** The two tracks, found in the pathway index (so that its searches need no database). */
type Bridges = { fromTrack: { id: number; slug: string }; toTrack: { id: number; slug: string } };

const TrackBridges = builder.objectRef<Bridges>('TrackBridges').implement({
  description: 'The ways from one track into another.',
  fields: (t) => ({
    fromTrack: t.prismaField({
      type: Track,
      description: 'Where the moves start.',
      resolve: (query, b, _args, { prisma }) =>
        prisma.track.findUniqueOrThrow({ ...query, where: { id: b.fromTrack.id } }),
    }),
    toTrack: t.prismaField({
      type: Track,
      description: 'Where the moves lead.',
      resolve: (query, b, _args, { prisma }) =>
        prisma.track.findUniqueOrThrow({ ...query, where: { id: b.toTrack.id } }),
    }),
    pathways: t.field({
      type: [PathwayRef],
      // Null, with its error, when refused: the bridges' moves still answer (decision 028).
      nullable: { list: true, items: false },
      description:
        'The best multi-step pathways from a role of the first track into any role of the second, given what the learner holds.',
      args: {
        from: t.arg.string({ required: true, description: 'Slug of the starting role; it must be on fromTrack.' }),
        ...rankingArgs(t.arg),
      },
      // A search into every role of the track, as reachableRoles searches (src/schema/cost.ts).
      complexity: searchCost(250),
      resolve: async (bridges, args, context, info) => {
        checkFirst(args.first);
        const snapshot = await context.graph.current();
        const { index } = snapshot;
        const from = nodeId(snapshot, args.from, 'from');
        if (index.trackIds[index.roleTrack[index.roleIndexById.get(from)!]!] !== bridges.fromTrack.id)
          throw badInput('from', `"${args.from}" is not on the ${bridges.fromTrack.slug} track.`);
        return searchPathways(context, info, snapshot, {
          ...args,
          from,
          toTrack: bridges.toTrack.id,
          rankBy: args.rankBy as RankBy,
        });
      },
    }),
    transitions: t.prismaField({
      type: [Transition],
      description:
        'Single moves from a role of the first track to a role of the second, by the years of experience each asks (fewest first), then by id. Their programs and certifications are not weighed: `pathways` ranks whole moves by time and cost.',
      resolve: (query, b, _args, { prisma }) =>
        prisma.transition.findMany({
          ...query,
          where: { fromRole: { trackId: b.fromTrack.id }, toRole: { trackId: b.toTrack.id } },
          orderBy: [{ minYearsExperience: 'asc' }, { id: 'asc' }],
        }),
    }),
  }),
});

type KindCount = { kind: string; count: number };
type TrackCount = { track: { id: number }; roles: number; movesOut: number; crossTrackMovesOut: number };
type Gateway = { certificationId: number; transitions: number; destinations: number };

const KindCountRef = builder.objectRef<KindCount>('TransitionKindCount').implement({
  description: 'How many transitions are of one kind.',
  fields: (t) => ({
    kind: t.field({ type: TransitionKind, description: 'The kind.', resolve: (k) => k.kind as never }),
    count: t.int({ description: 'Transitions of that kind.', resolve: (k) => k.count }),
  }),
});

const TrackCountRef = builder.objectRef<TrackCount>('TrackCount').implement({
  description: 'Counts for one track.',
  fields: (t) => ({
    track: t.prismaField({
      type: Track,
      description: 'The track.',
      resolve: (query, c, _args, { prisma }) => prisma.track.findUniqueOrThrow({ ...query, where: { id: c.track.id } }),
    }),
    roles: t.int({ description: 'Roles on the track.', resolve: (c) => c.roles }),
    movesOut: t.int({ description: 'Transitions starting from a role of the track.', resolve: (c) => c.movesOut }),
    crossTrackMovesOut: t.int({
      description:
        'Of those, transitions that cross tracks (`Transition.crossesTracks`): into a role of another track, neither of them the bridging (hybrid) track.',
      resolve: (c) => c.crossTrackMovesOut,
    }),
  }),
});

const GatewayRef = builder.objectRef<Gateway>('GatewayCertification').implement({
  description: 'A certification and how many moves it opens.',
  fields: (t) => ({
    certification: t.prismaField({
      type: Certification,
      description: 'The certification.',
      resolve: (query, g, _args, { prisma }) =>
        prisma.certification.findUniqueOrThrow({ ...query, where: { id: g.certificationId } }),
    }),
    transitionsRequiring: t.int({
      description: 'Transitions that list it among their requirements (alone or as one alternative).',
      resolve: (g) => g.transitions,
    }),
    destinations: t.int({ description: 'Distinct roles those transitions lead to.', resolve: (g) => g.destinations }),
  }),
});

const GraphFacts = builder.objectRef<Record<string, never>>('GraphFacts').implement({
  description: 'Counts over the whole graph.',
  fields: (t) => ({
    roleCount: t.int({
      description: 'Roles; the sum of `tracks.roles`.',
      resolve: (_f, _a, { prisma }) => prisma.role.count(),
    }),
    transitionCount: t.int({
      description:
        'Curated transitions (moves estimated from official data are not counted); the sum of `tracks.movesOut` and of `transitionKinds.count`.',
      resolve: (_f, _a, { prisma }) => prisma.transition.count(),
    }),
    certificationCount: t.int({
      description: 'Certifications and licences.',
      resolve: (_f, _a, { prisma }) => prisma.certification.count(),
    }),
    crossTrackTransitionCount: t.int({
      description:
        'Transitions that cross tracks (`Transition.crossesTracks`: between two tracks, neither of them the bridging hybrid track); the sum of `tracks.crossTrackMovesOut`. It counts moves of any kind: an ADVANCEMENT may cross too (clinical coordinator to healthcare administrator), so it can exceed the CROSS_TRACK count in `transitionKinds`, which counts moves whose kind is that lateral change of track.',
      resolve: async (_f, _a, { prisma }) => {
        const [row] = await prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM transition t
          JOIN role f ON f.id = t.from_role_id JOIN track ft ON ft.id = f.track_id
          JOIN role d ON d.id = t.to_role_id JOIN track dt ON dt.id = d.track_id
          WHERE f.track_id <> d.track_id AND NOT ft.bridging AND NOT dt.bridging`;
        return row?.n ?? 0;
      },
    }),
    tracks: t.field({
      type: [TrackCountRef],
      description: 'Counts per track, by track name.',
      resolve: async (_f, _a, { prisma }) =>
        (
          await prisma.$queryRaw<{ id: number; roles: number; moves_out: number; cross_out: number }[]>`
            SELECT tr.id,
                   (SELECT count(*)::int FROM role r WHERE r.track_id = tr.id) AS roles,
                   count(t.id)::int AS moves_out,
                   count(t.id) FILTER (WHERE d.track_id <> tr.id AND NOT tr.bridging AND NOT dt.bridging)::int AS cross_out
            FROM track tr
            LEFT JOIN role f ON f.track_id = tr.id
            LEFT JOIN transition t ON t.from_role_id = f.id
            LEFT JOIN role d ON d.id = t.to_role_id
            LEFT JOIN track dt ON dt.id = d.track_id
            GROUP BY tr.id, tr.name, tr.bridging ORDER BY tr.name`
        ).map((r) => ({ track: { id: r.id }, roles: r.roles, movesOut: r.moves_out, crossTrackMovesOut: r.cross_out })),
    }),
    transitionKinds: t.field({
      type: [KindCountRef],
      description: 'Counts per kind of transition, most common first.',
      resolve: async (_f, _a, { prisma }) =>
        (await prisma.transition.groupBy({ by: ['kind'], _count: { _all: true } }))
          .map((g) => ({ kind: g.kind, count: g._count._all }))
          .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    }),
    gatewayCertifications: t.field({
      type: [GatewayRef],
      nullable: { list: true, items: false },
      description: 'Certifications ranked by how many transitions require them; ties by acronym.',
      args: {
        first: t.arg.int({
          required: true,
          defaultValue: 10,
          description: 'How many to return (1 to 100). @default 10',
        }),
      },
      resolve: async (_f, { first }, { prisma }) => {
        if (first < 1 || first > 100) throw badInput('first', `must be between 1 and 100 (got ${first}).`);
        const rows = await prisma.$queryRaw<{ certification_id: number; transitions: number; destinations: number }[]>`
          SELECT o.certification_id, count(DISTINCT g.transition_id)::int AS transitions,
                 count(DISTINCT t.to_role_id)::int AS destinations
          FROM requirement_option o
          JOIN requirement_group g ON g.id = o.group_id
          JOIN transition t ON t.id = g.transition_id
          JOIN certification c ON c.id = o.certification_id
          GROUP BY o.certification_id, c.acronym
          ORDER BY transitions DESC, c.acronym ASC
          LIMIT ${first}`;
        return rows.map((r) => ({
          certificationId: r.certification_id,
          transitions: r.transitions,
          destinations: r.destinations,
        }));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  trackBridges: t.field({
    type: TrackBridges,
    nullable: true,
    description: 'The moves that cross from one track into another, with what each requires.',
    args: {
      fromTrack: t.arg.string({ required: true, description: 'Slug of the track to leave, e.g. "clinical".' }),
      toTrack: t.arg.string({ required: true, description: 'Slug of the track to enter, e.g. "administrative".' }),
    },
    resolve: async (_root, args, { graph }) => {
      const { index } = await graph.current();
      const curatedTrack = (slug: string, argument: string) => {
        const id = trackId(index, slug, argument);
        // SOC major-group tracks (negative ids) hold occupations, joined only by estimated moves.
        if (id < 0)
          throw badInput(
            argument,
            `"${slugKey(slug)}" is an O*NET major-group track; bridges are between curated tracks (ask pathways(toTrack:, includeEstimated: true) instead).`,
          );
        return { id, slug: slugKey(slug) };
      };
      const fromTrack = curatedTrack(args.fromTrack, 'fromTrack');
      const toTrack = curatedTrack(args.toTrack, 'toTrack');
      if (fromTrack.id === toTrack.id)
        throw badInput('toTrack', `must differ from "fromTrack" (both are "${fromTrack.slug}").`);
      return { fromTrack, toTrack };
    },
  }),
  graphFacts: t.field({
    type: GraphFacts,
    description: 'Counts per track and kind, and the gateway certifications.',
    resolve: () => ({}),
  }),
}));
