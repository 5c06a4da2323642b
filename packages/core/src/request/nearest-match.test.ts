import { describe, expect, it } from "vitest";
import { editDistance, nearestMatch } from "./nearest-match.js";

describe("edit distance", () => {
  it.each([
    ["nano-banana", "nano-banana", 0],
    ["nano-bananna", "nano-banana", 1], // an extra letter
    ["nano-banan", "nano-banana", 1], // a missing letter
    ["nano-bonana", "nano-banana", 1], // a wrong letter
    ["nnao-banana", "nano-banana", 1], // two neighbours swapped
    ["", "abc", 3],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("the nearest candidate", () => {
  const ids = ["apixo:nano-banana", "apixo:nano-banana-pro", "xingchaoyiqing:nano-banana"];

  it("is the closest one, case ignored", () => {
    expect(nearestMatch("apixo:nano-bananna", ids)).toBe("apixo:nano-banana");
    expect(nearestMatch("apixo:nano-bananna-pro", ids)).toBe("apixo:nano-banana-pro");
    expect(nearestMatch("APIXO:Nano-Banana", ids)).toBe("apixo:nano-banana");
    expect(nearestMatch("xingchaoyiqng:nano-banana", ids)).toBe("xingchaoyiqing:nano-banana");
  });

  it("goes to the earlier candidate on a tie", () => {
    expect(nearestMatch("fost", ["fast", "fist"])).toBe("fast");
  });

  it("is nothing when no candidate is close enough to be a typo", () => {
    expect(nearestMatch("openai:dall-e", ids)).toBeUndefined();
    expect(nearestMatch("apixo:flux-2", ids)).toBeUndefined();
    expect(nearestMatch("abc", [])).toBeUndefined();
  });

  it("allows two edits on short ids and a quarter of the length on long ones", () => {
    expect(nearestMatch("fsat", ["fast"])).toBe("fast");
    expect(nearestMatch("fxxt", ["fast"])).toBe("fast");
    expect(nearestMatch("xxxt", ["fast"])).toBeUndefined();
    expect(nearestMatch("apixo:nxnx-bxnxna", ids)).toBe("apixo:nano-banana"); // 4 edits in 17 characters
    expect(nearestMatch("apixo:nxnx-bxnxnx", ids)).toBeUndefined(); // 5 edits
  });
});
