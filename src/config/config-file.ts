import * as fs from 'node:fs';
import { ZodType } from 'zod';
import { ConfigError } from './app-config';

/**
 * Reads an editable JSON configuration file. Any problem stops start-up with a ConfigError naming the variable
 * (or folder) that points at the file, the file and, for bad JSON, the line.
 */
export function readJsonConfigFile(file: string, variable: string, options: { optional?: boolean } = {}): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (options.optional && code === 'ENOENT') return {};
    throw new ConfigError([{ variable, message: `cannot read ${file}: ${code ?? String(err)}` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new ConfigError([{ variable, message: `${file}${line ? ` line ${line}` : ''}: not valid JSON` }]);
  }
}

/** Reads and validates a JSON configuration file; every schema problem is listed with its path in the file. */
export function loadJsonConfigFile<T>(file: string, variable: string, schema: ZodType<T>, options: { optional?: boolean } = {}): T {
  const parsed = schema.safeParse(readJsonConfigFile(file, variable, options));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable, message: `${file}: ${i.path.join('.') || '(root)'}: ${i.message}` })));
  }
  return parsed.data;
}
