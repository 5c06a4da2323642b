import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { printable } from "./bitmap-font.js";
import { renderImage, wrap } from "./image-render.js";

/** Which pixels of the rows [from, to) are pure white: where the caption's text is. */
function whiteMask(prompt: string, rows: (height: number) => [number, number]) {
  const png = PNG.sync.read(Buffer.from(renderImage({ prompt, width: 512, height: 512, format: "png" })));
  const [from, to] = rows(png.height);
  const mask: boolean[] = [];
  for (let at = from * png.width * 4; at < to * png.width * 4; at += 4) {
    mask.push(png.data[at] === 255 && png.data[at + 1] === 255 && png.data[at + 2] === 255);
  }
  return mask;
}
const TOP: (height: number) => [number, number] = () => [0, 40];
const BOTTOM: (height: number) => [number, number] = (height) => [height - 40, height];
const MIDDLE: (height: number) => [number, number] = (height) => [60, height - 60];
const inked = (mask: boolean[]) => mask.filter(Boolean).length;

describe("the emulator's image says it is a placeholder, and which prompt it answers", () => {
  it("writes the same label at the top of every image, whatever the prompt", () => {
    const fox = whiteMask("a fox", TOP);
    expect(inked(fox)).toBeGreaterThan(100);
    expect(whiteMask("a heron in the rain", TOP)).toEqual(fox);
  });

  it("writes the prompt at the bottom: prompts differing in one letter differ there, and only there", () => {
    const [one, other] = [whiteMask("a fox AAAA", BOTTOM), whiteMask("a fox AAAB", BOTTOM)];
    expect(inked(one)).toBeGreaterThan(100);
    expect(one).not.toEqual(other);
    expect(inked(whiteMask("a fox AAAA", MIDDLE))).toBe(0);
  });

  it("renders the same bytes for the same spec, so results stay cacheable", () => {
    const spec = { prompt: "a fox", width: 256, height: 128, format: "jpeg" } as const;
    expect(Buffer.from(renderImage(spec)).equals(Buffer.from(renderImage(spec)))).toBe(true);
  });
});

describe("the caption's text", () => {
  it("wraps at word boundaries and cuts a long prompt to its lines with an ellipsis", () => {
    expect(wrap("a red fox in the snow", 10, 3)).toEqual(["a red fox", "in the", "snow"]);
    expect(wrap("a red fox in the snow at dusk", 10, 2)).toEqual(["a red fox", "in the..."]);
    expect(wrap("supercalifragilistic", 8, 3)).toEqual(["supercal", "ifragili", "stic"]);
    expect(wrap("   ", 10, 3)).toEqual([]);
  });

  it("is ASCII: accents fold to their letter, other characters become ?", () => {
    expect(printable("über café — 狐")).toBe("uber cafe ? ?");
  });
});
