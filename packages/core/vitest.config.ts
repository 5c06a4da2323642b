import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

const COMPLETE = { statements: 100, branches: 100, functions: 100, lines: 100 };

export default packageTestConfig({
  // Type-only modules hold no code to cover.
  exclude: ["src/events.ts", "src/provider.ts"],
  // The lifecycle core must be covered completely: every transition, every retry branch.
  thresholds: {
    statements: 97,
    branches: 95,
    functions: 95,
    lines: 97,
    "src/task-state.ts": COMPLETE,
    "src/poll-schedule.ts": COMPLETE,
    "src/retry.ts": COMPLETE,
    "src/retry-policy.ts": COMPLETE,
  },
});
