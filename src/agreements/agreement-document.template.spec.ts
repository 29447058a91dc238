import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { AgreementDocumentTemplate } from './agreement-document.template';

/** Built by Nest while the application starts (a provider of AgreementsModule): what it throws stops the start. */
describe('AgreementDocumentTemplate at start', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-agreement-template-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const load = () => new AgreementDocumentTemplate({ configDir: dir } as AppConfig);

  it('reads the shipped template', () => {
    fs.copyFileSync(path.join(__dirname, '..', '..', 'config', 'agreement-template.md'), path.join(dir, 'agreement-template.md'));
    expect(load().blocks[0]).toMatchObject({ kind: 'title' });
  });

  it('stops on an unknown placeholder, naming the file and the line', () => {
    fs.writeFileSync(path.join(dir, 'agreement-template.md'), '# Accordo\n\nTra {{ente.nome}} e {{dipendente.nome_completo}}.\n');
    expect(load).toThrow(`${path.join(dir, 'agreement-template.md')}:3: unknown placeholder {{dipendente.nome_completo}}`);
  });

  it('stops when the file is missing', () => {
    expect(load).toThrow(/agreement-template\.md:0: file not found/);
  });
});
