/**
 * A 5×7 bitmap font for printable ASCII (0x20–0x7e), built in so the emulator can write on its images with no
 * font file and no native dependency. Each glyph is 5 columns, bit 0 the top row, the classic LCD font.
 */
const GLYPHS = [
  "0000000000",
  "00005f0000",
  "0007000700",
  "147f147f14",
  "242a7f2a12",
  "2313086462",
  "3649552250",
  "0005030000",
  "001c224100",
  "0041221c00",
  "082a1c2a08",
  "08083e0808",
  "0050300000",
  "0808080808",
  "0060600000",
  "2010080402",
  "3e5149453e",
  "00427f4000",
  "4261514946",
  "2141454b31",
  "1814127f10",
  "2745454539",
  "3c4a494930",
  "0171090503",
  "3649494936",
  "064949291e",
  "0036360000",
  "0056360000",
  "0008142241",
  "1414141414",
  "4122140800",
  "0201510906",
  "324979413e",
  "7e1111117e",
  "7f49494936",
  "3e41414122",
  "7f4141221c",
  "7f49494941",
  "7f09090101",
  "3e41415132",
  "7f0808087f",
  "00417f4100",
  "2040413f01",
  "7f08142241",
  "7f40404040",
  "7f0204027f",
  "7f0408107f",
  "3e4141413e",
  "7f09090906",
  "3e4151215e",
  "7f09192946",
  "4649494931",
  "01017f0101",
  "3f4040403f",
  "1f2040201f",
  "7f2018207f",
  "6314081463",
  "0304780403",
  "6151494543",
  "00007f4141",
  "0204081020",
  "41417f0000",
  "0402010204",
  "4040404040",
  "0001020400",
  "2054545478",
  "7f48444438",
  "3844444420",
  "384444487f",
  "3854545418",
  "087e090102",
  "081454543c",
  "7f08040478",
  "00447d4000",
  "2040443d00",
  "007f102844",
  "00417f4000",
  "7c04180478",
  "7c08040478",
  "3844444438",
  "7c14141408",
  "081414187c",
  "7c08040408",
  "4854545420",
  "043f444020",
  "3c4040207c",
  "1c2040201c",
  "3c4030403c",
  "4428102844",
  "0c5050503c",
  "4464544c44",
  "0008364100",
  "00007f0000",
  "0041360800",
  "1008081008",
].map((hex) => {
  const clean = hex.replace(/\s/g, "");
  return Array.from({ length: 5 }, (_, i) => Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16));
});

/** A glyph's cell: 5 columns of ink and 1 of space, 7 rows of ink and 1 of space. */
export const CELL_WIDTH = 6;
export const CELL_HEIGHT = 8;

/** The text as the font can write it: anything outside printable ASCII becomes `?`. */
export function printable(text: string): string {
  // Accented letters keep their base letter ("café" → "cafe"); anything else unknown is a `?`.
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "?");
}

/** Where a line of text is written, `scale` pixels per font pixel, in an RGBA buffer. */
export interface TextPlacement {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
  readonly colour: readonly [number, number, number];
}

/** Writes one line of printable ASCII into an RGBA buffer; whatever falls outside the image is clipped. */
export function drawText(data: Uint8Array, width: number, height: number, text: string, at: TextPlacement) {
  const { scale, colour } = at;
  for (let c = 0; c < text.length; c++) {
    const glyph = GLYPHS[text.charCodeAt(c) - 0x20] ?? GLYPHS[0x3f - 0x20];
    if (!glyph) continue;
    const left = at.x + c * CELL_WIDTH * scale;
    for (let column = 0; column < 5; column++) {
      const bits = glyph[column] ?? 0;
      for (let row = 0; row < 7; row++) {
        if ((bits & (1 << row)) === 0) continue;
        fill(data, width, height, left + column * scale, at.y + row * scale, scale, colour);
      }
    }
  }
}

function fill(
  data: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  size: number,
  [r, g, b]: readonly [number, number, number],
) {
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + size); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + size); x++) {
      const at = (y * width + x) * 4;
      data[at] = r;
      data[at + 1] = g;
      data[at + 2] = b;
    }
  }
}
