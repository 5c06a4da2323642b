/** One line of docs/scale-out.md, attached to the test that established it. */
export interface ScaleOutRow {
  group: string;
  check: string;
  outcome: string;
}

declare module "vitest" {
  interface TaskMeta {
    scaleOut?: ScaleOutRow;
  }
}
