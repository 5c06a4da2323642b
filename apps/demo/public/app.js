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
  $("#gallery").prepend(...figures);
  $("#gallery-empty").hidden = $("#gallery").childElementCount > 0;
}

function showError(error) {
  $("#error").hidden = false;
  $("#error").textContent = `${error.name}: ${error.message}`;
}

function follow(id, prompt, model) {
  const progress = $("#progress");
  progress.hidden = false;
  $("#task-id").textContent = id;
  $("#timeline").replaceChildren();
  $("#warnings").replaceChildren();
  const events = new EventSource(`/api/tasks/${encodeURIComponent(id)}/events`);
  let last = "";
  const finish = () => {
    events.close();
    form.querySelector("button").disabled = false;
  };
  const item = (text) => Object.assign(document.createElement("li"), { textContent: text });
  // The server sends the progress and its line, worded as the CLI words it.
  events.addEventListener("progress", (message) => {
    const { state, line, warnings } = JSON.parse(message.data);
    $("#state").textContent = line;
    progress.dataset.state = state;
    if (state !== last) $("#timeline").append(item(line));
    last = state;
    $("#warnings").replaceChildren(...warnings.map((warning) => item(`warning: ${warning.message}`)));
  });
  events.addEventListener("done", (message) => {
    const { images } = JSON.parse(message.data);
    progress.dataset.state = "succeeded";
    showGallery(images.map((image) => figure({ prompt, model, ...image })));
    finish();
  });
  events.addEventListener("error", (message) => {
    // A server-sent "error" carries data; a dropped connection does not, and EventSource reconnects itself.
    if (!message.data) return;
    progress.dataset.state = "failed";
    $("#state").textContent = "failed";
    showError(JSON.parse(message.data));
    finish();
  });
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
    referenceImages: form.referenceImages.value
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
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
  follow(answer.id, body.prompt, body.model);
});

form.model.addEventListener("change", () => showModel(form.model.value));

const config = await (await fetch("/api/config")).json();
models = config.models;
form.model.replaceChildren(...models.map((m) => option(m.id)));
form.model.value = config.defaultModel;
showModel(config.defaultModel);
const gallery = await (await fetch("/api/gallery")).json();
showGallery(gallery.map(figure));
document.body.dataset.ready = "true";
