import { Injectable } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { AgreementTemplateError, parseAgreementTemplate, TemplateBlock } from './domain/agreement-template';

export const AGREEMENT_TEMPLATE_FILE = 'agreement-template.md';

/** Reads `<configDir>/agreement-template.md` once, at start: a missing or malformed template stops the service naming the line. */
export function loadAgreementTemplate(configDir: string): TemplateBlock[] {
  const file = path.join(configDir, AGREEMENT_TEMPLATE_FILE);
  if (!fs.existsSync(file)) throw new AgreementTemplateError(file, 0, 'file not found: the agreement document is generated from it');
  return parseAgreementTemplate(fs.readFileSync(file, 'utf8'), file);
}

/** The municipality's template of the agreement document, parsed at start. */
@Injectable()
export class AgreementDocumentTemplate {
  readonly blocks: TemplateBlock[];

  constructor(config: AppConfig) {
    this.blocks = loadAgreementTemplate(config.configDir);
  }
}
