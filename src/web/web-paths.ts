import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | null = null;

/** The repository root (where package.json is), whether running from src/ (tests) or dist/src/ (production). */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  root = dir;
  return root;
}

/** The folder with the HTML pages and their scripts and styles (no build step: plain ES modules). */
export function webDir(): string {
  return path.join(projectRoot(), 'web');
}

export function webFile(name: string): string {
  const file = path.resolve(webDir(), name);
  if (!file.startsWith(webDir() + path.sep)) throw new Error(`page ${name} is outside the web folder`);
  return file;
}
