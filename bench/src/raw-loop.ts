// The vendor quickstart's sample code (APIXO "Generate an image with Nano Banana", Node tab), with the base
// URL, key and 3 s wait as parameters. No retry and no 429 handling, as in the sample.

export interface RawLoopOptions {
  baseUrl: string;
  apiKey: string;
  intervalMs: number;
  fetch: typeof fetch;
}

export async function quickstartSample(prompt: string, options: RawLoopOptions): Promise<string[]> {
  const { baseUrl, apiKey, intervalMs, fetch } = options;
  const MODEL = "nano-banana";
  const response = await fetch(`${baseUrl}/generateTask/${MODEL}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      request_type: "async",
      input: { mode: "text-to-image", prompt, aspect_ratio: "16:9" },
    }),
  });
  const { data } = await response.json();
  const taskId: string = data.taskId;
  while (true) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs)); // Wait 3s
    const statusResponse = await fetch(`${baseUrl}/statusTask/${MODEL}?taskId=${taskId}`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    const result = await statusResponse.json();
    if (result.data.state === "success") return JSON.parse(result.data.resultJson).resultUrls;
    if (result.data.state === "failed") throw new Error(result.data.failMsg);
  }
}
