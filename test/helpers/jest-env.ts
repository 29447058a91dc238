// Integration and e2e tests run with UTC process time and quiet logs; business "today" comes from TIMEZONE.
process.env.TZ = 'UTC';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
