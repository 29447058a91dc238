import * as path from 'node:path';
import { CronTime } from 'cron';
import { z } from 'zod';
import { AppConfig } from '../config/app-config';
import { loadJsonConfigFile } from '../config/config-file';
import { parseCidr, parseIpv4 } from './domain/cidr';
import { cidrsOverlap, NetworkAccess, portsProblem } from './domain/network-access';
import { ClientTemplate, extraLineProblem } from './domain/openvpn-profile';
import { RenewalPolicy } from './domain/renewal';

export const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A DNS name or an IPv4 address, as an OpenVPN `remote` line takes it. */
export function isGatewayHost(value: string): boolean {
  return HOST.test(value) || parseIpv4(value) !== null;
}

const name = z.string().regex(NAME, 'lower-case letters, digits, "_" or "-", at most 40');
const ipv4 = z.string().refine((v) => parseIpv4(v) !== null, 'an IPv4 address');
const cron = z.string().refine((v) => {
  try {
    new CronTime(v);
    return true;
  } catch {
    return false;
  }
}, 'must be a cron pattern');

const cidr = z.string().refine((v) => parseCidr(v) !== null, 'an IPv4 network in CIDR notation, host bits zero (10.10.0.0/16)');
/** What a profile (or a gateway overriding it) reaches: networks, each whole or only some ports (see network-access.ts). */
export const networksSchema = z
  .array(
    z
      .object({
        cidr,
        ports: z
          .array(z.string())
          .min(1)
          .max(50)
          .optional()
          .superRefine((ports, ctx) => {
            const problem = ports && portsProblem(ports);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
      })
      .strict(),
  )
  .min(1)
  .max(100);

const profileSchema = z
  .object({
    name,
    description: z.string().min(1).max(500),
    /** The addresses of its accounts (one each, stable); the first host address is the gateway's own. */
    pool: z.string().refine((v) => {
      const net = parseCidr(v);
      return net !== null && net.prefix >= 8 && net.prefix <= 29;
    }, 'an IPv4 network in CIDR notation from /8 to /29, host bits zero (10.8.0.0/22)'),
    networks: networksSchema,
    /** Replaced by networks (issue 13): kept in the schema only to say so. */
    routes: z.unknown().optional(),
    dns: z
      .object({ servers: z.array(ipv4).max(4).default([]), domain: z.string().regex(HOST).nullable().default(null) })
      .strict()
      .default({ servers: [], domain: null }),
  })
  .strict();

const gatewaySchema = z
  .object({
    name,
    host: z.string().refine(isGatewayHost, 'a DNS host name or an IPv4 address'),
    port: z.number().int().min(1).max(65535).default(1194),
    proto: z.enum(['udp', 'tcp']).default('udp'),
    profile: name,
    capacity: z.number().int().min(1).max(100_000),
    /** Instead of the profile's networks (absent: the profile's). */
    networks: networksSchema.optional(),
  })
  .strict();

const clientDefaults: ClientTemplate = {
  dataCiphers: ['AES-256-GCM', 'AES-128-GCM', 'CHACHA20-POLY1305'],
  auth: 'SHA256',
  tlsVersionMin: '1.2',
  verifyServerName: true,
  resolvRetry: 'infinite',
  verb: 3,
  keyFileName: '{username}.key',
  extraLines: [],
};

const fileSchema = z
  .object({
    _doc: z.union([z.string(), z.array(z.string())]).optional(),
    profiles: z.array(profileSchema).min(1),
    gateways: z.array(gatewaySchema).default([]),
    client: z
      .object({
        dataCiphers: z
          .array(z.string().regex(/^[A-Z0-9-]{3,40}$/))
          .min(1)
          .default(clientDefaults.dataCiphers),
        auth: z
          .string()
          .regex(/^[A-Z0-9-]{3,20}$/)
          .default(clientDefaults.auth),
        tlsVersionMin: z.enum(['1.2', '1.3']).default('1.2'),
        verifyServerName: z.boolean().default(true),
        resolvRetry: z.union([z.literal('infinite'), z.number().int().min(0).max(86_400)]).default('infinite'),
        verb: z.number().int().min(0).max(11).default(3),
        keyFileName: z
          .string()
          .regex(/^[A-Za-z0-9._{}-]{1,80}$/, 'a file name without folders')
          .default(clientDefaults.keyFileName),
        extraLines: z
          .array(z.string())
          .default([])
          .superRefine((lines, ctx) => {
            lines.forEach((line, i) => {
              const problem = extraLineProblem(line);
              if (problem) ctx.addIssue({ code: 'custom', path: [i], message: problem });
            });
          }),
      })
      .strict()
      .default(clientDefaults),
    load: z
      .object({ warningThresholdPercent: z.number().min(1).max(100).default(80) })
      .strict()
      .default({ warningThresholdPercent: 80 }),
    renewal: z
      .object({
        renewBeforeDays: z.number().int().min(1).max(180).default(30),
        supersedeGraceDays: z.number().int().min(0).max(60).default(7),
        cron: cron.default('40 1 * * *'),
      })
      .strict()
      .default({ renewBeforeDays: 30, supersedeGraceDays: 7, cron: '40 1 * * *' }),
    /** How often accounts are reconciled with certificates revoked outside them (a laptop reported stolen). */
    reconcileEveryMinutes: z.number().int().min(1).max(1440).default(2),
    /** The signed allow-list gateways fall back to while the service is unreachable: how long one stays valid. */
    allowList: z
      .object({ validMinutes: z.number().int().min(5).max(1440).default(240) })
      .strict()
      .default({ validMinutes: 240 }),
  })
  .strict()
  .superRefine((file, ctx) => {
    const profiles = new Set<string>();
    file.profiles.forEach((p, i) => {
      if (profiles.has(p.name)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'name'], message: `profile ${p.name} appears twice` });
      profiles.add(p.name);
      if (p.routes !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['profiles', i, 'routes'],
          message: `profile ${p.name}: routes were replaced by networks [{ "cidr": ... }] and pool`,
        });
    });
    for (const problem of poolProblems(file.profiles, file.gateways)) ctx.addIssue({ code: 'custom', ...problem });
    const gateways = new Set<string>();
    file.gateways.forEach((g, i) => {
      if (gateways.has(g.name)) ctx.addIssue({ code: 'custom', path: ['gateways', i, 'name'], message: `gateway ${g.name} appears twice` });
      gateways.add(g.name);
      if (!profiles.has(g.profile)) ctx.addIssue({ code: 'custom', path: ['gateways', i, 'profile'], message: `unknown profile ${g.profile}` });
    });
  });

export interface VpnProfile {
  name: string;
  description: string;
  /** IPv4 network in CIDR notation: the accounts' addresses; its first host address is the gateway's own. */
  pool: string;
  networks: NetworkAccess[];
  dns: { servers: string[]; domain: string | null };
}

/**
 * Pools must not overlap one another nor any network a profile or a gateway reaches (the firewall tells the profiles
 * apart by their pool, and a pool inside a routed network would be routed back into the tunnel). A full tunnel
 * (0.0.0.0/0) contains everything and is not compared.
 */
export function poolProblems(
  profiles: { name: string; pool: string; networks: NetworkAccess[] }[],
  gateways: { name: string; networks?: NetworkAccess[] | null }[] = [],
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  profiles.forEach((p, i) => {
    profiles.forEach((q, j) => {
      if (j < i && cidrsOverlap(p.pool, q.pool))
        problems.push({ path: ['profiles', i, 'pool'], message: `profile ${p.name}: pool ${p.pool} overlaps the pool ${q.pool} of profile ${q.name}` });
    });
    const reached = [
      ...profiles.flatMap((q) => q.networks.map((n) => ({ cidr: n.cidr, owner: `profile ${q.name}` }))),
      ...gateways.flatMap((g) => (g.networks ?? []).map((n) => ({ cidr: n.cidr, owner: `gateway ${g.name}` }))),
    ];
    for (const n of reached) {
      if (!n.cidr.endsWith('/0') && cidrsOverlap(p.pool, n.cidr))
        problems.push({ path: ['profiles', i, 'pool'], message: `profile ${p.name}: pool ${p.pool} overlaps the network ${n.cidr} of ${n.owner}` });
    }
  });
  return problems;
}

export interface SeedGateway {
  name: string;
  host: string;
  port: number;
  proto: 'udp' | 'tcp';
  profile: string;
  capacity: number;
  networks?: NetworkAccess[];
}

/**
 * VPN configuration: `config/vpn.json` (or VPN_CONFIG_FILE). Profiles live only here (they are what the network
 * team routes); gateways listed here are seeded into the database at start when absent and then edited through
 * the API. Read once at start; a malformed file stops start-up naming the file and the setting.
 */
export class VpnSettings {
  constructor(
    readonly file: string,
    readonly profiles: VpnProfile[],
    readonly seedGateways: SeedGateway[],
    readonly client: ClientTemplate,
    readonly warningThresholdPercent: number,
    readonly renewal: RenewalPolicy & { cron: string },
    readonly reconcileEveryMs: number,
    readonly allowList: { validMinutes: number } = { validMinutes: 240 },
  ) {}

  profile(name: string): VpnProfile | undefined {
    return this.profiles.find((p) => p.name === name);
  }

  static load(config: AppConfig): VpnSettings {
    const variable = 'VPN_CONFIG_FILE';
    const file = config.env.VPN_CONFIG_FILE ? path.resolve(config.env.VPN_CONFIG_FILE) : path.join(config.configDir, 'vpn.json');
    const f = loadJsonConfigFile(file, variable, fileSchema);
    return new VpnSettings(
      file,
      f.profiles.map((p) => ({
        name: p.name,
        description: p.description,
        pool: p.pool,
        networks: p.networks,
        dns: { servers: p.dns.servers, domain: p.dns.domain },
      })),
      f.gateways,
      f.client,
      f.load.warningThresholdPercent,
      f.renewal,
      f.reconcileEveryMinutes * 60_000,
      f.allowList,
    );
  }
}
