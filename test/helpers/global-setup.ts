// Global test setup: nothing shared yet. Redis-backed suites start their own redis-server (test/helpers/redis-server.ts).
export default function setup(): void {}
