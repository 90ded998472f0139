// The workbench's client code for every page: sortable, paged tables; "add
// to fixtures" on rows a model scored; the Export button; sizing of the
// sandboxed output frames. Served as it is by the app (no bundler).

/** POSTs JSON to the workbench API; resolves to the JSON answer, rejects with its error message. */
export async function post(url, body) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
    credentials: "same-origin",
  });
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { error: text };
  }
  if (!res.ok) throw new Error(data.error ?? `${res.status} ${res.statusText}`);
  return data;
}

function sortValue(td, numeric) {
  if (!td) return numeric ? -Infinity : "";
  if (numeric) {
    const v = td.dataset.v;
    return v === undefined || v === "" ? -Infinity : Number(v);
  }
  return td.textContent;
}

/** Local tables: every row is in the page; sort and page them here. */
function localTable(box, table) {
  const tbody = table.tBodies[0];
  const size = Number(box.dataset.pageSize) || 15;
  const state = { page: 0 };
  const rows = () => [...tbody.rows].filter((r) => !r.classList.contains("curate"));
  const pager = makePager(box, () => rows().length, size, (p) => {
    state.page = p;
    show();
  });
  function show() {
    rows().forEach((r, i) => {
      const visible = Math.floor(i / size) === state.page;
      r.hidden = !visible;
      const form = r.nextElementSibling;
      if (form?.classList.contains("curate")) form.hidden = !visible;
    });
    pager.update(state.page);
  }
  sortable(table, (column, descending) => {
    const numeric = table.tHead.rows[0].cells[column].dataset.type === "number" ||
      rows().every((r) => !r.cells[column] || r.cells[column].dataset.v !== undefined);
    const sorted = rows().sort((a, b) => {
      const x = sortValue(a.cells[column], numeric), y = sortValue(b.cells[column], numeric);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -c : c;
    });
    for (const r of sorted) {
      const form = r.nextElementSibling?.classList.contains("curate") ? r.nextElementSibling : null;
      tbody.append(r);
      if (form) tbody.append(form);
    }
    state.page = 0;
    show();
  });
  show();
}

/** Remote tables: the kernel holds every row; fetch each page, sorted there. */
function remoteTable(box, table) {
  const size = Number(box.dataset.pageSize) || 15;
  const total = Number(box.dataset.total);
  const state = { page: 0, sort: undefined };
  const pager = makePager(box, () => total, size, (p) => {
    state.page = p;
    load();
  });
  async function load() {
    box.classList.add("loading");
    try {
      const page = await post("/api/notebook/table", {
        path: box.dataset.notebook,
        id: box.dataset.cell,
        output: Number(box.dataset.output),
        offset: state.page * size,
        limit: size,
        ...(state.sort ? { sort: state.sort } : {}),
      });
      table.tBodies[0].innerHTML = page.html;
      pager.update(state.page);
    } catch (e) {
      pager.error(e.message);
    } finally {
      box.classList.remove("loading");
    }
  }
  sortable(table, (column, descending) => {
    state.sort = { column: table.tHead.rows[0].cells[column].textContent, descending };
    state.page = 0;
    load();
  });
  pager.update(0);
}

function sortable(table, onSort) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, column) => {
    if (th.textContent === "") return;
    th.dataset.sort = "none";
    th.title = "Sort";
    th.addEventListener("click", () => {
      const descending = th.dataset.sort === "asc";
      for (const h of heads) if (h.dataset.sort) h.dataset.sort = "none";
      th.dataset.sort = descending ? "desc" : "asc";
      onSort(column, descending);
    });
  });
}

function makePager(box, count, size, go) {
  const nav = document.createElement("div");
  nav.className = "pager";
  const prev = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: "‹ previous",
  });
  const next = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: "next ›",
  });
  const label = document.createElement("span");
  nav.append(prev, label, next);
  box.append(nav);
  let current = 0;
  prev.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));
  return {
    update(page) {
      current = page;
      const n = Math.ceil(count() / size);
      nav.hidden = n <= 1;
      label.textContent = `page ${page + 1} of ${n} (${count()} rows)`;
      prev.disabled = page <= 0;
      next.disabled = page >= n - 1;
    },
    error(message) {
      label.textContent = message;
    },
  };
}

/** The inline form under a scored row: a note, optionally the output the model must give. */
function curateForm(row) {
  const box = row.closest(".data-table");
  const next = row.nextElementSibling;
  if (next?.classList.contains("curate")) {
    next.querySelector("input[name=note]").focus();
    return;
  }
  const tr = document.createElement("tr");
  tr.className = "curate";
  const td = document.createElement("td");
  td.colSpan = row.cells.length;
  td.innerHTML = `<label>note <input name="note" placeholder="why this row matters"></label>
    <label>must predict <input name="expect" size="8" placeholder="(as now)"></label>
    <label>tolerance <input name="tolerance" size="5" placeholder="regression"></label>
    <button type="button" class="primary" data-action="add">Add outlier</button>
    <button type="button" data-action="cancel">Cancel</button>
    <span class="status"></span>`;
  tr.append(td);
  row.after(tr);
  const status = td.querySelector(".status");
  td.querySelector("[data-action=cancel]").addEventListener("click", () => tr.remove());
  td.querySelector("[data-action=add]").addEventListener("click", async (event) => {
    const button = event.currentTarget;
    const expect = td.querySelector("input[name=expect]").value.trim();
    const tolerance = td.querySelector("input[name=tolerance]").value.trim();
    const provenance = JSON.parse(row.dataset.provenance || "{}");
    const notebook = box.dataset.notebookPath;
    button.disabled = true;
    status.className = "status muted";
    status.textContent = "adding…";
    try {
      const added = await post(`/api/models/${encodeURIComponent(box.dataset.model)}/fixtures`, {
        row: JSON.parse(row.dataset.row),
        note: td.querySelector("input[name=note]").value,
        ...(expect ? { expect } : {}),
        ...(tolerance ? { tolerance: Number(tolerance) } : {}),
        ...(box.dataset.version ? { version: Number(box.dataset.version) } : {}),
        source: { ...provenance, ...(notebook ? { notebook } : {}) },
      });
      status.className = "status pass";
      status.textContent =
        `added ${added.fixture.id} (${added.fixture.kind} ${added.fixture.mode})` +
        (added.failing ? `; the model does not meet it yet: ${added.failing}` : "");
      const b = row.querySelector(".add-fixture");
      b.textContent = "✓ in fixtures";
      b.disabled = true;
      td.querySelectorAll("input, button[data-action=add]").forEach((e) => e.disabled = true);
    } catch (e) {
      button.disabled = false;
      status.className = "status fail";
      status.textContent = e.message;
    }
  });
  td.querySelector("input[name=note]").focus();
}

/** Makes the tables under `root` sortable and paged (call again after inserting markup). */
export function enhance(root = document) {
  for (const box of root.querySelectorAll(".data-table:not([data-ready])")) {
    box.dataset.ready = "1";
    const table = box.querySelector("table");
    if (!table?.tHead || !table.tBodies[0]) continue;
    if (box.dataset.cell) remoteTable(box, table);
    else localTable(box, table);
  }
}

async function exportModel(button) {
  const status = button.parentElement.querySelector(".status");
  button.disabled = true;
  status.className = "status muted";
  status.textContent = "exporting…";
  try {
    const { url, file } = await post(
      `/api/models/${encodeURIComponent(button.dataset.model)}/export`,
      { version: Number(button.dataset.version) },
    );
    const a = Object.assign(document.createElement("a"), { href: url, download: file });
    document.body.append(a);
    a.click();
    a.remove();
    status.className = "status pass";
    status.textContent = `downloaded ${file}`;
  } catch (e) {
    status.className = "status fail";
    status.textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

async function backtest(button) {
  const box = button.parentElement;
  const status = box.querySelector(".status");
  button.disabled = true;
  status.className = "status muted";
  status.textContent = "running the back-test…";
  try {
    const done = await post(`/api/models/${encodeURIComponent(button.dataset.model)}/backtest`, {
      dataset: box.querySelector("select[name=dataset]").value,
      version: Number(button.dataset.version),
    });
    status.className = `status ${done.passed ? "pass" : "fail"}`;
    status.textContent = done.passed ? "passed: " : "FAILED: ";
    const a = Object.assign(document.createElement("a"), {
      href: done.url,
      target: "_blank",
      rel: "noopener",
      textContent: done.report,
    });
    status.append(a);
  } catch (e) {
    status.className = "status fail";
    status.textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

document.addEventListener("click", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.classList.contains("add-fixture")) curateForm(target.closest("tr"));
  else if (target.id === "export") exportModel(target);
  else if (target.id === "backtest") backtest(target);
});

// Sandboxed output frames report their height; only a frame of this page is believed.
addEventListener("message", (event) => {
  const height = event.data?.ratchetFrameHeight;
  if (typeof height !== "number") return;
  for (const frame of document.querySelectorAll("iframe.output-frame")) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.min(Math.max(height, 16), 4000)}px`;
    }
  }
});

enhance();
