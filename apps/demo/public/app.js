// The demo page: no framework, no build step. It talks only to the demo server's JSON API.
const $ = (selector) => document.querySelector(selector);
const form = $("#generate");
let models = [];

function option(value, label = value) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = label;
  return element;
}

const seconds = (ms) => `${Number((ms / 1000).toPrecision(2))} s`;
const range = ({ min, max }) =>
  min === max ? seconds(min) : `${seconds(min)}–${seconds(max)}`.replace(" s–", "–");

function showModel(id) {
  const model = models.find((m) => m.id === id);
  form.aspectRatio.replaceChildren(
    option("", "model default"),
    ...(model?.aspectRatios ?? []).map((r) => option(r)),
  );
  form.resolution.replaceChildren(
    option("", "model default"),
    ...(model?.resolutions ?? []).map((r) => option(r)),
  );
  // A model without a choice of format gets none offered (its vendor decides), rather than a dead control.
  const formats = model?.outputFormats ?? [];
  form.outputFormat.replaceChildren(option("", "model default"), ...formats.map((f) => option(f)));
  form.outputFormat.disabled = formats.length === 0;
  $("#format-field").hidden = formats.length === 0;
  $("#notice").hidden = !model?.notice;
  $("#notice").textContent = model?.notice ?? "";
  showTypical();
}

/** The model's typical time here, for the chosen resolution when it depends on it. */
function showTypical() {
  const model = models.find((m) => m.id === form.model.value);
  const latency = model?.latencyMs;
  const chosen = latency?.byResolution?.[form.resolution.value];
  $("#typical").textContent = latency ? `usually takes ${range(chosen ?? latency)}` : "";
}

function figure({ src, prompt, model }) {
  const element = document.createElement("figure");
  const image = document.createElement("img");
  image.src = src;
  image.alt = prompt;
  const caption = document.createElement("figcaption");
  caption.textContent = prompt;
  const small = document.createElement("small");
  small.textContent = model;
  const download = Object.assign(document.createElement("a"), {
    href: src,
    download: src.split("/").pop(),
    textContent: `Download .${src.split(".").pop()}`,
  });
  caption.append(small, download);
  element.append(image, caption);
  return element;
}

function showGallery(figures) {
  // A task followed again after a reload may bring images the gallery already lists.
  const shown = new Set([...$("#gallery").querySelectorAll("img")].map((img) => img.getAttribute("src")));
  $("#gallery").prepend(...figures.filter((f) => !shown.has(f.querySelector("img").getAttribute("src"))));
  $("#gallery-empty").hidden = $("#gallery").childElementCount > 0;
}

function showError(error) {
  $("#error").hidden = false;
  $("#error").textContent = `${error.name}: ${error.message}`;
}

// The task being followed survives a reload: the page keeps its handle and follows it again on load.
const SAVED = "imagegen.task";
const FINAL = ["succeeded", "failed", "timed_out", "aborted"];
let ticker;

/** The bar runs on the model's expected time, and waits near the end until the task is done. */
function showBar(progress) {
  const { state, startedAt, expectedMs } = progress;
  const bar = $("#bar");
  if (!expectedMs) {
    bar.removeAttribute("value"); // no estimate: an indeterminate bar
    $("#expected").textContent = "";
    return;
  }
  const elapsed = FINAL.includes(state) ? expectedMs.max : Date.now() - startedAt;
  bar.value = state === "succeeded" ? 1 : Math.min(0.95, elapsed / expectedMs.max);
  const words = {
    succeeded: progress.saved ? "done" : "done at the vendor; saving the image…",
    failed: "failed",
    timed_out: "gave up waiting",
    aborted: "stopped",
  };
  $("#expected").textContent =
    words[state] ?? `expected ${range(expectedMs)} · ${seconds(Math.max(0, Date.now() - startedAt))} so far`;
}

function follow(task) {
  const { id, prompt, model } = task;
  localStorage.setItem(SAVED, JSON.stringify(task));
  const progress = $("#progress");
  progress.hidden = false;
  delete progress.dataset.state;
  $("#task-id").textContent = id;
  $("#timeline").replaceChildren();
  $("#warnings").replaceChildren();
  form.querySelector("button").disabled = true;
  const events = new EventSource(`/api/tasks/${encodeURIComponent(id)}/events`);
  let last = "";
  let latest;
  clearInterval(ticker);
  ticker = setInterval(() => latest && showBar(latest), 250);
  const finish = () => {
    events.close();
    clearInterval(ticker);
    localStorage.removeItem(SAVED);
    form.querySelector("button").disabled = false;
  };
  const item = (text) => Object.assign(document.createElement("li"), { textContent: text });
  // The server sends the progress and its line, worded as the CLI words it.
  events.addEventListener("progress", (message) => {
    latest = JSON.parse(message.data);
    const { state, line, warnings } = latest;
    $("#state").textContent = line;
    progress.dataset.state = state;
    if (state !== last) $("#timeline").append(item(line));
    last = state;
    $("#warnings").replaceChildren(...warnings.map((warning) => item(`warning: ${warning.message}`)));
    showBar(latest);
  });
  events.addEventListener("done", (message) => {
    const { images } = JSON.parse(message.data);
    progress.dataset.state = "succeeded";
    if (latest) showBar({ ...latest, state: "succeeded", saved: true });
    showGallery(images.map((image) => figure({ prompt, model, ...image })));
    finish();
  });
  events.addEventListener("error", async (message) => {
    // A server-sent "error" carries data; a dropped connection does not, and EventSource reconnects itself.
    if (!message.data) return;
    const error = JSON.parse(message.data);
    if (error.message === "No such task." && task.handle && !task.resumed) {
      // This server did not start the task (it restarted): wait on the saved handle again, never resubmit.
      events.close();
      const resumed = await fetch("/api/tasks/resume", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ handle: task.handle, prompt }),
      });
      if (resumed.ok) return follow({ ...task, resumed: true });
    }
    progress.dataset.state = "failed";
    $("#state").textContent = "failed";
    showError(error);
    finish();
  });
}

/** The chosen files as data: URLs, which the server's client uploads where the vendor can fetch them. */
function readFiles(files) {
  return Promise.all(
    [...files].map(
      (file) =>
        new Promise((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result);
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(file);
        }),
    ),
  );
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#error").hidden = true;
  const body = {
    prompt: form.prompt.value,
    model: form.model.value,
    aspectRatio: form.aspectRatio.value,
    resolution: form.resolution.value,
    outputFormat: form.outputFormat.value,
    referenceImages: [
      ...form.referenceImages.value
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      ...(await readFiles(form.referenceFiles.files)),
    ],
  };
  form.querySelector("button").disabled = true;
  const response = await fetch("/api/tasks", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    showError(answer.error);
    form.querySelector("button").disabled = false;
    return;
  }
  follow({ id: answer.id, prompt: body.prompt, model: body.model, handle: answer.handle });
});

form.model.addEventListener("change", () => showModel(form.model.value));
form.resolution.addEventListener("change", showTypical);

const config = await (await fetch("/api/config")).json();
models = config.models;
form.model.replaceChildren(...models.map((m) => option(m.id)));
form.model.value = config.defaultModel;
// Files need somewhere the vendor can fetch them from: the emulator's storage, when every vendor is emulated.
$("#files-field").hidden = !config.uploads;
form.referenceFiles.disabled = !config.uploads;
showModel(config.defaultModel);
const gallery = await (await fetch("/api/gallery")).json();
showGallery(gallery.map(figure));
const saved = JSON.parse(localStorage.getItem(SAVED) ?? "null");
if (saved?.id) follow(saved);
document.body.dataset.ready = "true";
