import { Foundation1764200000000 } from './1764200000000-foundation';

/** Every migration, oldest first. Run at start and in test setup, on SQLite and PostgreSQL alike. */
export const migrations = [Foundation1764200000000];
