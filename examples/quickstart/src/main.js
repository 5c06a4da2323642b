import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createImageClient, ImageGenError } from "@org/imagegen-core";
import { toyProvider } from "./toy-provider.js";

// Two providers configured side by side; which one runs is config, not code.
const client = createImageClient({
  providers: {
    sketch: toyProvider({
      id: "sketch",
      model: "pencil",
      latencyMs: 1_200,
      palette: ["#333", "#777", "#bbb"],
    }),
    ink: toyProvider({
      id: "ink",
      model: "brush",
      latencyMs: 1_800,
      palette: ["#0b3d91", "#e4572e", "#29335c"],
    }),
  },
  defaultModel: process.env.IMAGEGEN_MODEL ?? "sketch:pencil",
});

const prompt = process.argv.slice(2).join(" ") || "a fox in watercolor";
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(6);

console.log("Quickstart: the unified client with two toy in-process providers (no network, no API key).");
console.log(
  `Models: ${client
    .models()
    .map((model) => model.id)
    .join(", ")}  (switch with IMAGEGEN_MODEL)`,
);

try {
  const result = await client.generate({
    prompt,
    aspectRatio: "16:9",
    resolution: "2K",
    onEvent(event) {
      if (event.type === "submitted")
        console.log(
          `${elapsed()}  submitted ${event.handle.provider}:${event.handle.model} task ${event.handle.taskId}`,
        );
      if (event.type === "state") console.log(`${elapsed()}  ${event.previous} → ${event.state}`);
      if (event.type === "warning") console.log(`${elapsed()}  warning: ${event.warning.message}`);
    },
  });
  const [image] = result.images;
  const svg = Buffer.from(image.url.split(",")[1], "base64");
  // `pnpm demo` runs in this package's folder; INIT_CWD is where the user typed the command.
  const out = join(process.env.INIT_CWD ?? process.cwd(), "out");
  await mkdir(out, { recursive: true });
  const file = join(out, `${result.handle.taskId}.svg`);
  await writeFile(file, svg);
  console.log(`${elapsed()}  saved ${file} (${svg.length} bytes)`);
} catch (error) {
  console.error(ImageGenError.isInstance(error) ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
