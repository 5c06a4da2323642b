/** Every aspect ratio the unified interface knows; a model's capability table says which it accepts. */
export const ASPECT_RATIOS = [
  "1:1",
  "4:3",
  "3:4",
  "3:2",
  "2:3",
  "4:5",
  "5:4",
  "9:16",
  "16:9",
  "21:9",
  "auto",
] as const;
export const RESOLUTIONS = ["1K", "2K", "4K"] as const;
export const OUTPUT_FORMATS = ["png", "jpeg"] as const;
export const GENERATION_MODES = ["text-to-image", "image-to-image"] as const;

export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type Resolution = (typeof RESOLUTIONS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type GenerationMode = (typeof GENERATION_MODES)[number];
