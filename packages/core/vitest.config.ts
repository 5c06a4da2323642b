import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

const COMPLETE = { statements: 100, branches: 100, functions: 100, lines: 100 };

export default packageTestConfig({
  // Type-only modules hold no code to cover.
  exclude: ["src/lifecycle/events.ts", "src/provider/image-provider.ts"],
  // The lifecycle core must be covered completely: every transition, every retry branch.
  thresholds: {
    statements: 97,
    branches: 95,
    functions: 95,
    lines: 97,
    "src/lifecycle/task-state.ts": COMPLETE,
    "src/lifecycle/poll-schedule.ts": COMPLETE,
    "src/calls/call-with-retry.ts": COMPLETE,
    "src/calls/retry-policy.ts": COMPLETE,
  },
});
