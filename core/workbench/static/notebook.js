// The notebook page's client: runs cells through the workbench API, shows
// what the kernel streams (server-sent events, rendered to HTML by the
// server), and sends input changes. Served as it is by the app.
import { enhance, post } from "./workbench.js";

const root = document.querySelector(".notebook");
const path = root.dataset.path;
const kernelStatus = root.querySelector(".kernel-status");

function section(id) {
  return root.querySelector(`section.cell[data-id="${CSS.escape(id)}"]`);
}

function statusText(cell) {
  if (cell.status === "done" && cell.ms !== undefined) {
    return `done in ${cell.ms < 10 ? cell.ms.toFixed(1) : Math.round(cell.ms)} ms`;
  }
  return cell.status === "idle" ? "" : cell.status;
}

/** Shows a cell's state: status, time, outputs. */
function apply(cell) {
  const s = section(cell.id);
  if (!s) return;
  s.classList.remove("idle", "queued", "running", "done", "error", "stale");
  s.classList.add(cell.status);
  s.querySelector(".cell-status").textContent = statusText(cell);
  const outputs = s.querySelector(".outputs");
  // A cell that starts again keeps its old outputs (greyed) until new ones come, so the page
  // does not jump, and a slider being dragged stays under the pointer.
  const busy = cell.status === "running" || cell.status === "queued";
  outputs.classList.toggle("pending", busy);
  if (busy && cell.html === "") return;
  // The control being used stays as it is (a slider being dragged must not be replaced).
  const active = document.activeElement?.closest?.(".output.input");
  const keep = active && outputs.contains(active) ? active : undefined;
  outputs.innerHTML = cell.html;
  if (keep) {
    outputs.querySelector(`.output.input[data-key="${CSS.escape(keep.dataset.key)}"]`)?.replaceWith(
      keep,
    );
  }
  enhance(outputs);
}

// How many requests are in flight (tests wait for 0).
let pending = 0;
root.dataset.pending = "0";

async function send(command, body = {}) {
  kernelStatus.textContent = "running…";
  kernelStatus.className = "kernel-status muted";
  root.dataset.pending = String(++pending);
  try {
    const answer = await post(`/api/notebook/${command}`, { path, ...body });
    for (const cell of answer.cells ?? []) apply(cell);
    kernelStatus.textContent = "";
    return answer;
  } catch (e) {
    kernelStatus.textContent = e.message;
    kernelStatus.className = "kernel-status fail";
    throw e;
  } finally {
    root.dataset.pending = String(--pending);
  }
}

async function runCell(s) {
  const editor = s.querySelector("textarea.source");
  s.classList.add("queued");
  s.querySelector(".cell-status").textContent = "queued";
  if (editor.value !== editor.defaultValue) {
    // Saved to the file first (the notebook on disk is the notebook); the cell gets a new id,
    // which the page must know before the kernel reports on it.
    const answer = await send("edit", { id: s.dataset.id, source: editor.value, run: false });
    editor.defaultValue = editor.value;
    s.dataset.id = answer.id;
    s.id = `cell-${answer.id}`;
  }
  await send("run", { ids: [s.dataset.id] });
}

root.addEventListener("click", (event) => {
  const button = event.target.closest?.("button");
  if (!button) return;
  const s = button.closest("section.cell");
  if (button.classList.contains("run")) runCell(s).catch(() => {});
  else if (button.classList.contains("run-all")) send("run_all").catch(() => {});
  else if (button.classList.contains("interrupt")) send("interrupt").catch(() => {});
  else if (button.classList.contains("add-cell")) {
    send("insert", { source: "", ...(s ? { after: s.dataset.id } : {}) }).then(
      () => location.reload(),
      () => {},
    );
  } else if (button.classList.contains("delete-cell")) {
    if (confirm("Delete this cell from the notebook file?")) {
      send("delete", { id: s.dataset.id }).then(() => location.reload(), () => {});
    }
  }
});

root.addEventListener("keydown", (event) => {
  if (
    event.target.matches?.("textarea.source") && event.key === "Enter" &&
    (event.shiftKey || event.ctrlKey || event.metaKey)
  ) {
    event.preventDefault();
    runCell(event.target.closest("section.cell")).catch(() => {});
  }
  // Tab indents in the editor instead of leaving it.
  if (event.target.matches?.("textarea.source") && event.key === "Tab" && !event.shiftKey) {
    event.preventDefault();
    event.target.setRangeText("  ", event.target.selectionStart, event.target.selectionEnd, "end");
  }
});

// Inputs: a slider sends while it moves (at most every 150 ms), the others when they change.
const timers = new Map();
const sent = new Map();
function sendInput(control) {
  const box = control.closest(".output.input");
  const value = control.type === "range" ? Number(control.value) : control.value;
  const name = `${box.dataset.cell}/${box.dataset.key}`;
  if (sent.get(name) === value) return;
  sent.set(name, value);
  send("set_input", { id: box.dataset.cell, key: box.dataset.key, value }).catch(() => {});
}
root.addEventListener("input", (event) => {
  const control = event.target;
  if (control.type !== "range" || !control.closest(".output.input")) return;
  control.parentElement.querySelector("output").textContent = control.value;
  clearTimeout(timers.get(control.name));
  timers.set(control.name, setTimeout(() => sendInput(control), 150));
});
root.addEventListener("change", (event) => {
  const control = event.target;
  if (!control.closest?.(".output.input")) return;
  if (control.type === "range") {
    clearTimeout(timers.get(control.name));
  }
  sendInput(control);
});

const events = new EventSource(`/api/notebook/events?path=${encodeURIComponent(path)}`);
events.addEventListener("hello", (event) => {
  for (const cell of JSON.parse(event.data).cells) apply(cell);
});
events.addEventListener("cell", (event) => apply(JSON.parse(event.data).cell));
events.addEventListener("restart", (event) => {
  const { reason } = JSON.parse(event.data);
  kernelStatus.textContent = `kernel restarted (${reason}): cells shown grey are stale`;
  kernelStatus.className = "kernel-status fail";
});

// A notebook opened for the first time runs, as Observable and marimo do.
if ([...root.querySelectorAll("section.cell")].every((s) => s.classList.contains("idle"))) {
  send("run_all").catch(() => {});
}
enhance(root);
