import * as path from 'node:path';
import { CronTime } from 'cron';
import { z } from 'zod';
import { AppConfig, ConfigError } from '../config/app-config';
import { loadJsonConfigFile } from '../config/config-file';
import { SubjectName } from './x509/names';

const text = (max: number) => z.string().min(1).max(max);

const fileSchema = z
  .object({
    _doc: z.string().optional(),
    ca: z
      .object({
        subject: z
          .object({
            CN: text(64),
            O: text(64).optional(),
            OU: text(64).optional(),
            L: text(128).optional(),
            ST: text(128).optional(),
            C: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .optional(),
          })
          .strict()
          .default({ CN: 'Remote-work VPN CA' }),
        validityDays: z.number().int().min(365).max(10_950).default(3650),
        keySize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(3072),
      })
      .strict()
      .default({ subject: { CN: 'Remote-work VPN CA' }, validityDays: 3650, keySize: 3072 }),
    certificates: z
      .object({
        subject: z
          .object({
            O: text(64).optional(),
            OU: text(64).optional(),
            C: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .optional(),
          })
          .strict()
          .default({}),
        serverValidityDays: z.number().int().min(1).max(825).default(825),
      })
      .strict()
      .default({ subject: {}, serverValidityDays: 825 }),
    crl: z
      .object({
        refreshCron: z
          .string()
          .refine((v) => {
            try {
              new CronTime(v);
              return true;
            } catch {
              return false;
            }
          }, 'must be a cron pattern')
          .default('0 */6 * * *'),
        alertMarginDays: z.number().positive().max(30).default(2),
      })
      .strict()
      .default({ refreshCron: '0 */6 * * *', alertMarginDays: 2 }),
  })
  .strict();

const DAY_MS = 86_400_000;

/** PKI configuration: `config/pki.json` (CA subject, key size, CRL schedule) plus the environment. */
export class PkiSettings {
  readonly pkiDir: string;
  readonly caSubject: SubjectName;
  readonly caValidityDays: number;
  readonly caKeySize: number;
  /** O / OU / C added to every leaf subject after the CN. */
  readonly leafSubject: Omit<SubjectName, 'CN'>;
  readonly stationValidityDays: number;
  readonly serverValidityDays: number;
  readonly crlNextUpdateMs: number;
  readonly crlRefreshCron: string;
  readonly alertMarginMs: number;
  readonly publicBaseUrl: string;

  constructor(config: AppConfig, file: z.infer<typeof fileSchema>) {
    this.pkiDir = path.join(config.dataDir, 'pki');
    this.caSubject = file.ca.subject;
    this.caValidityDays = file.ca.validityDays;
    this.caKeySize = config.env.CA_KEY_SIZE ?? file.ca.keySize;
    this.leafSubject = file.certificates.subject;
    this.stationValidityDays = config.env.CERT_VALIDITY_DAYS;
    this.serverValidityDays = file.certificates.serverValidityDays;
    this.crlNextUpdateMs = config.env.CRL_NEXT_UPDATE_DAYS * DAY_MS;
    this.crlRefreshCron = file.crl.refreshCron;
    this.alertMarginMs = file.crl.alertMarginDays * DAY_MS;
    this.publicBaseUrl = (config.env.PUBLIC_BASE_URL ?? `http://localhost:${config.env.PORT}`).replace(/\/+$/, '');
    if (this.alertMarginMs >= this.crlNextUpdateMs) {
      throw new ConfigError([
        { variable: 'CRL_NEXT_UPDATE_DAYS', message: `must be more than crl.alertMarginDays (${file.crl.alertMarginDays}) of config/pki.json` },
      ]);
    }
  }

  get crlUrl(): string {
    return `${this.publicBaseUrl}/pki/crl.der`;
  }

  get ocspUrl(): string {
    return `${this.publicBaseUrl}/pki/ocsp`;
  }

  /** Reads `<CONFIG_DIR>/pki.json` (defaults when absent); a malformed file stops start-up naming file and line. */
  static load(config: AppConfig): PkiSettings {
    const file = path.join(config.configDir, 'pki.json');
    return new PkiSettings(config, loadJsonConfigFile(file, 'CONFIG_DIR', fileSchema, { optional: true }));
  }
}
