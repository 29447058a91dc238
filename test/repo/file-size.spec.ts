import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * STYLE: files stay small (a service past ~400 lines is two services), in src/ and in scripts/ alike. A file that
 * grows past the limit is split into cohesive files (one class or one step each), not trimmed of its comments.
 */
const MAX_LINES = 400;
const root = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** As `wc -l` counts: a last line without its newline still counts. */
function lineCount(file: string): number {
  const text = readFileSync(file, 'utf8');
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe(`every .ts file under src/ and scripts/ has at most ${MAX_LINES} lines`, () => {
  const files = ['src', 'scripts'].flatMap((dir) => tsFiles(join(root, dir)));

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('none is longer', () => {
    const tooLong = files
      .map((file) => ({ file: relative(root, file), lines: lineCount(file) }))
      .filter((f) => f.lines > MAX_LINES)
      .sort((a, b) => b.lines - a.lines);
    expect(tooLong).toEqual([]);
  });
});
