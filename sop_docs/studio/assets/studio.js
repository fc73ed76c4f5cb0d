// The SOP studio page: forms over the YAML sources, live check and official sheet preview.
// Every text from a source or the server goes into the page through textContent or a text
// node (never parsed as markup), and the sheet pages are shown as images, so no text can run.
"use strict";

(() => {
  const LANG = document.documentElement.lang === "en" ? "en" : "id";
  const T = (id, en) => (LANG === "en" ? en : id);
  const TOKEN = document.querySelector('meta[name="studio-token"]').content;
  const PREVIEW_DELAY_MS = 60;

  // Key order of each kind of mapping, as the model declares it: a key the form adds to a
  // file goes where an author would write it.
  const ORDER = {
    sop: ["id", "profil", "status", "nomor", "nama", "unit", "tanggal", "disahkan_oleh",
      "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
      "peringatan", "pencatatan_pendataan", "riwayat_revisi", "pelaksana", "langkah",
      "tata_letak"],
    tanggal: ["pembuatan", "revisi", "efektif", "label_efektif"],
    langkah: ["id", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan",
      "simbol", "ke", "cabang"],
    cabang: ["label", "ke"],
    pelaksana: ["id", "nama"],
    riwayat: ["nomor", "tanggal", "perubahan"],
    keterkaitan: ["teks", "sop"],
    profil: ["id", "pemerintah", "instansi", "unit", "alamat", "tempat", "logo", "pejabat"],
    pejabat: ["id", "jabatan", "nama", "pangkat", "nip"],
    tata_letak: ["kertas", "orientasi", "margin", "maks_langkah_per_halaman"],
  };
  const LISTS = [
    ["dasar_hukum", T("Dasar Hukum", "Legal basis")],
    ["kualifikasi_pelaksana", T("Kualifikasi Pelaksana", "Qualifications")],
    ["keterkaitan", T("Keterkaitan", "Related SOPs")],
    ["peralatan_perlengkapan", T("Peralatan/Perlengkapan", "Equipment")],
    ["peringatan", T("Peringatan", "Warnings")],
    ["pencatatan_pendataan", T("Pencatatan dan Pendataan", "Records")],
  ];
  const EXIT_LABELS = ["Ya", "Tidak", "Lengkap", "Tidak Lengkap", "Benar", "Salah", "Sesuai",
    "Tidak Sesuai", "Setuju", "Tidak Setuju"];

  const state = {
    listing: null, path: null, kind: null, data: null, version: null, readonly: null,
    text: null, dirty: false, seq: 0, findings: [], pages: [], swimlane: null,
    fields: new Map(), notes: [], urls: [], pendingOpen: null, banner: null, waiting: false,
  };

  // --- small helpers -----------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "class") node.className = value;
      else if (key === "value") node.value = String(value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  async function api(action, body) {
    const response = await fetch("/api/" + action, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-Studio-Token": TOKEN},
      body: JSON.stringify(body || {}),
    });
    const answer = await response.json();
    if (!response.ok) {
      const error = new Error(answer.error ? answer.error.message : String(response.status));
      error.info = answer.error || null;
      error.status = response.status;
      throw error;
    }
    return answer;
  }

  const text = (value) => (value === null || value === undefined ? "" : String(value));
  const asList = (value) => (Array.isArray(value) ? value : value ? [value] : []);

  function getAt(path) {
    let node = state.data;
    for (const part of path) {
      if (node === null || typeof node !== "object") return undefined;
      node = node[part];
    }
    return node;
  }

  // Set ``key`` of ``object`` keeping the declared key order (unknown keys stay in place).
  function setKey(object, key, value, order) {
    if (key in object || !order) {
      object[key] = value;
      return;
    }
    const entries = Object.entries(object);
    const rank = (name) => (order.includes(name) ? order.indexOf(name) : -1);
    let at = entries.length;
    for (let i = 0; i < entries.length; i++) {
      if (rank(entries[i][0]) > rank(key)) { at = i; break; }
    }
    entries.splice(at, 0, [key, value]);
    for (const name of Object.keys(object)) delete object[name];
    for (const [name, item] of entries) object[name] = item;
  }

  function setAt(path, value, order) {
    if (path.length === 2 && (getAt(path.slice(0, 1)) === undefined)) {
      setKey(state.data, path[0], {}, ORDER[state.kind === "profil" ? "profil" : "sop"]);
    }
    const parent = getAt(path.slice(0, -1));
    const key = path[path.length - 1];
    if (Array.isArray(parent)) parent[key] = value;
    else setKey(parent, key, value, order);
  }

  function dropAt(path) {
    const parent = getAt(path.slice(0, -1));
    if (parent && typeof parent === "object") delete parent[path[path.length - 1]];
  }

  function uniqueId(prefix, taken) {
    let n = taken.length + 1;
    while (taken.includes(prefix + "-" + n)) n++;
    return prefix + "-" + n;
  }

  function changed(structural) {
    state.dirty = true;
    setStatus(T("Belum disimpan", "Not saved"), "dirty");
    if (structural) renderEditor();
    schedulePreview();
  }

  // --- widgets -----------------------------------------------------------------------------

  function register(path, node) {
    node.dataset.field = path.join(".");
    state.fields.set(path.join("."), node);
    return node;
  }

  // A text input (or textarea) bound to the value at ``path``.
  function input(path, order, options) {
    const opts = options || {};
    const current = getAt(path);
    const node = el(opts.multiline ? "textarea" : "input", {
      value: text(current), class: opts.class || null, "aria-label": opts.label || null,
      rows: opts.multiline ? 2 : null, list: opts.list || null, type: opts.multiline ? null : "text",
      readonly: state.readonly ? true : null,
    });
    node.addEventListener(opts.onChange ? "change" : "input", () => {
      if (opts.onChange) opts.onChange(node.value);
      else setAt(path, node.value, order);
      if (opts.echo) opts.echo(node.value);
      changed(Boolean(opts.onChange));
    });
    return register(path, node);
  }

  function select(path, choices, current, onPick, label) {
    const node = el("select", {"aria-label": label || null},
      choices.map(([value, caption]) => el("option", {value, text: caption})));
    node.value = current;
    node.addEventListener("change", () => onPick(node.value));
    return register(path, node);
  }

  function field(caption, widget) {
    return el("label", {class: "field"}, el("span", {class: "caption", text: caption}), widget);
  }

  function rowButtons(list, index, onChange) {
    const move = (to) => () => {
      const [item] = list.splice(index, 1);
      list.splice(to, 0, item);
      onChange();
    };
    return el("span", {class: "row-buttons"},
      el("button", {type: "button", title: T("Naik", "Up"), text: "↑", disabled: index === 0,
        onclick: move(index - 1)}),
      el("button", {type: "button", title: T("Turun", "Down"), text: "↓",
        disabled: index === list.length - 1, onclick: move(index + 1)}),
      el("button", {type: "button", class: "remove", title: T("Hapus", "Remove"), text: "✕",
        onclick: () => { list.splice(index, 1); onChange(); }}));
  }

  function section(title, ...children) {
    return el("section", {class: "block"}, el("h3", {text: title}), ...children);
  }

  // --- the SOP form ------------------------------------------------------------------------

  function profileById(id) {
    return (state.listing ? state.listing.profiles : []).find((p) => p.id === id) || null;
  }

  function identitySection() {
    const data = state.data;
    const profiles = state.listing ? state.listing.profiles : [];
    const profileChoices = profiles.map((p) => [p.id, p.id + " — " + p.instansi]);
    if (!profiles.some((p) => p.id === data.profil)) profileChoices.unshift([text(data.profil), text(data.profil)]);
    const officials = (profileById(data.profil) || {pejabat: []}).pejabat;
    const officialChoices = officials.map((o) => [o.id, o.jabatan + " — " + o.nama]);
    if (!officials.some((o) => o.id === data.disahkan_oleh)) {
      officialChoices.unshift([text(data.disahkan_oleh), text(data.disahkan_oleh) || "—"]);
    }
    const tanggal = (key, caption) => field(caption, input(["tanggal", key], ORDER.tanggal));
    return section(T("Identitas", "Identity"),
      el("div", {class: "grid"},
        field("Id", input(["id"], ORDER.sop)),
        field(T("Profil kantor", "Office profile"), select(["profil"], profileChoices, text(data.profil),
          (value) => { setKey(data, "profil", value, ORDER.sop); changed(true); })),
        field("Status", select(["status"], [["draf", T("draf", "draft")], ["berlaku", T("berlaku", "in force")]],
          text(data.status || "berlaku"), (value) => { setKey(data, "status", value, ORDER.sop); changed(false); })),
        field(T("Nomor SOP", "SOP number"), input(["nomor"], ORDER.sop)),
        field(T("Nama SOP", "SOP name"), input(["nama"], ORDER.sop, {class: "wide"})),
        field(T("Unit (kosong: unit profil)", "Unit (empty: the profile's)"), input(["unit"], ORDER.sop)),
        tanggal("pembuatan", T("Tanggal pembuatan", "Date made")),
        tanggal("revisi", T("Tanggal revisi", "Revision date")),
        tanggal("efektif", T("Tanggal efektif", "Effective date")),
        field(T("Label tanggal efektif", "Effective date label"),
          input(["tanggal", "label_efektif"], ORDER.tanggal, {list: "label-efektif"})),
        field(T("Disahkan oleh", "Signed by"), select(["disahkan_oleh"], officialChoices,
          text(data.disahkan_oleh), (value) => { setKey(data, "disahkan_oleh", value, ORDER.sop); changed(false); }))),
      el("datalist", {id: "label-efektif"},
        el("option", {value: "Tanggal Efektif"}), el("option", {value: "Tanggal Pengesahan"})));
  }

  function listSection(key, title) {
    const data = state.data;
    if (typeof data[key] === "string") data[key] = [data[key]];
    const items = Array.isArray(data[key]) ? data[key] : [];
    const rows = items.map((item, index) => {
      const isLink = item !== null && typeof item === "object";
      const path = isLink ? [key, index, "teks"] : [key, index];
      const widgets = [el("span", {class: "num", text: (index + 1) + "."}),
        input(path, ORDER.keterkaitan, {multiline: true, label: title + " " + (index + 1)})];
      if (key === "keterkaitan") widgets.push(linkSelect(items, index));
      widgets.push(rowButtons(items, index, () => changed(true)));
      return el("li", {class: "list-row"}, widgets);
    });
    const add = el("button", {type: "button", class: "add", text: T("+ Tambah butir", "+ Add item"),
      onclick: () => {
        if (!Array.isArray(data[key])) setKey(data, key, items, ORDER.sop);
        items.push("");
        changed(true);
      }});
    return register([key], section(title, el("ol", {class: "items"}, rows), add));
  }

  function linkSelect(items, index) {
    const item = items[index];
    const current = item !== null && typeof item === "object" ? text(item.sop) : "";
    const sops = [];
    for (const group of (state.listing ? state.listing.groups : [])) {
      for (const sop of group.sops) sops.push([sop.id, sop.id]);
    }
    if (current && !sops.some(([id]) => id === current)) sops.unshift([current, current]);
    return select(["keterkaitan", index, "sop"], [["", T("(SOP di luar proyek)", "(SOP outside the project)")], ...sops],
      current, (value) => {
        const teks = typeof item === "object" && item !== null ? text(item.teks) : text(item);
        items[index] = value ? {teks, sop: value} : teks;
        changed(true);
      }, T("SOP terkait", "Related SOP"));
  }

  function actorsSection() {
    const data = state.data;
    const actors = Array.isArray(data.pelaksana) ? data.pelaksana : [];
    const rows = actors.map((actor, index) => el("tr", {},
      el("td", {}, input(["pelaksana", index, "id"], ORDER.pelaksana, {label: "Id",
        onChange: (value) => renameActor(actor, value)})),
      el("td", {}, input(["pelaksana", index, "nama"], ORDER.pelaksana, {label: T("Nama", "Name"),
        echo: (value) => {  // the step grid's checkbox labels follow the new name
          for (const span of document.querySelectorAll(".actor-name")) {
            if (span.dataset.actor === String(index)) span.textContent = value || actor.id;
          }
        }})),
      el("td", {}, rowButtons(actors, index, () => changed(true)))));
    const add = el("button", {type: "button", class: "add", text: T("+ Tambah pelaksana", "+ Add actor"),
      onclick: () => {
        if (!Array.isArray(data.pelaksana)) setKey(data, "pelaksana", actors, ORDER.sop);
        const id = uniqueId("pelaksana", actors.map((a) => a.id));
        actors.push({id, nama: T("Pelaksana ", "Actor ") + (actors.length + 1)});
        changed(true);
      }});
    return register(["pelaksana"], section(T("Pelaksana (kolom)", "Actors (columns)"),
      el("table", {class: "actors"}, el("thead", {}, el("tr", {},
        el("th", {text: "Id"}), el("th", {text: T("Nama jabatan", "Name")}), el("th", {}))),
      el("tbody", {}, rows)), add));
  }

  function renameActor(actor, value) {
    const old = actor.id;
    actor.id = value;
    for (const step of asList(state.data.langkah)) {
      if (step.pelaksana === old) step.pelaksana = value;
      else if (Array.isArray(step.pelaksana)) step.pelaksana = step.pelaksana.map((a) => (a === old ? value : a));
    }
  }

  function renameStep(step, value) {
    const old = step.id;
    step.id = value;
    for (const other of asList(state.data.langkah)) {
      if (other.ke === old) other.ke = value;
      for (const exit of asList(other.cabang)) if (exit.ke === old) exit.ke = value;
    }
  }

  // --- the steps grid ----------------------------------------------------------------------

  const STEP_COLUMNS = [
    ["kegiatan", T("Kegiatan", "Activity")],
    ["kelengkapan", T("Kelengkapan", "Requirements")],
    ["waktu", T("Waktu", "Time")],
    ["output", "Output"],
    ["keterangan", T("Keterangan", "Notes")],
  ];

  function stepsSection() {
    const data = state.data;
    const steps = Array.isArray(data.langkah) ? data.langkah : [];
    const head = el("tr", {}, el("th", {text: "No"}), el("th", {text: "Id"}),
      el("th", {text: T("Kegiatan", "Activity")}), el("th", {text: T("Pelaksana", "Actors")}),
      el("th", {text: T("Simbol", "Symbol")}), ...STEP_COLUMNS.slice(1).map(([, c]) => el("th", {text: c})),
      el("th", {text: T("Alur", "Flow")}), el("th", {}));
    const table = el("table", {class: "steps"}, el("thead", {}, head),
      el("tbody", {}, steps.map((step, index) => stepRow(steps, step, index))));
    table.addEventListener("paste", pasteIntoSteps);
    const add = el("button", {type: "button", class: "add", text: T("+ Tambah langkah", "+ Add step"),
      onclick: () => {
        if (!Array.isArray(data.langkah)) setKey(data, "langkah", steps, ORDER.sop);
        steps.push(newStep(steps));
        changed(true);
      }});
    return register(["langkah"], section(T("Langkah (prosedur)", "Steps (procedure)"),
      el("p", {class: "help", text: T(
        "Tempel tabel dari Word atau Excel (kolom: kegiatan, kelengkapan, waktu, output) ke kolom Kegiatan untuk mengisi beberapa langkah sekaligus.",
        "Paste a table from Word or Excel (columns: activity, requirements, time, output) into the Activity column to fill several steps at once.")}),
      el("div", {class: "scroll"}, table), add));
  }

  function newStep(steps) {
    const first = asList(state.data.pelaksana)[0];
    return {id: uniqueId("langkah", steps.map((s) => s.id)), kegiatan: "",
      pelaksana: first ? first.id : ""};
  }

  function stepRow(steps, step, index) {
    const base = ["langkah", index];
    const cell = (key, multiline) => el("td", {}, input([...base, key], ORDER.langkah,
      {multiline, label: key + " " + (index + 1), class: key}));
    return el("tr", {"data-index": index},
      el("td", {class: "num", text: String(index + 1)}),
      el("td", {}, input([...base, "id"], ORDER.langkah, {label: "id " + (index + 1), class: "step-id",
        onChange: (value) => renameStep(step, value)})),
      cell("kegiatan", true), el("td", {}, actorChecks(step, index)),
      el("td", {}, symbolSelect(steps, step, index)),
      cell("kelengkapan", true), cell("waktu", false), cell("output", true), cell("keterangan", true),
      el("td", {}, flowCell(steps, step, index)),
      el("td", {}, rowButtons(steps, index, () => changed(true)),
        el("button", {type: "button", title: T("Sisipkan langkah di bawah", "Insert a step below"),
          text: "+", onclick: () => { steps.splice(index + 1, 0, newStep(steps)); changed(true); }})));
  }

  function actorChecks(step, index) {
    const chosen = asList(step.pelaksana);
    const boxes = asList(state.data.pelaksana).map((actor, column) => {
      const box = el("input", {type: "checkbox", checked: chosen.includes(actor.id)});
      box.addEventListener("change", () => {
        const picked = asList(state.data.pelaksana).map((a) => a.id)
          .filter((id) => (id === actor.id ? box.checked : asList(step.pelaksana).includes(id)));
        step.pelaksana = typeof step.pelaksana === "string" && picked.length === 1 ? picked[0] : picked;
        changed(false);
      });
      return el("label", {class: "check"}, box,
        el("span", {class: "actor-name", "data-actor": column, text: actor.nama || actor.id}));
    });
    return register(["langkah", index, "pelaksana"], el("div", {class: "actors-pick"}, boxes));
  }

  function symbolSelect(steps, step, index) {
    const shown = step.cabang && asList(step.cabang).length ? "keputusan" : text(step.simbol);
    const choices = [["", T("otomatis", "automatic")], ["terminator", "terminator"],
      ["proses", T("proses", "process")], ["keputusan", T("keputusan", "decision")]];
    return select(["langkah", index, "simbol"], choices, shown, (value) => {
      if (value === "keputusan") {
        if (!asList(step.cabang).length) {
          const next = steps[index + 1] || steps[index];
          const back = steps[Math.max(index - 1, 0)];
          setKey(step, "cabang", [{label: "Ya", ke: next.id}, {label: "Tidak", ke: back.id}], ORDER.langkah);
        }
        if (step.simbol && step.simbol !== "keputusan") delete step.simbol;
        delete step.ke;
      } else {
        delete step.cabang;
        if (value) setKey(step, "simbol", value, ORDER.langkah);
        else delete step.simbol;
      }
      changed(true);
    }, T("Simbol", "Symbol") + " " + (index + 1));
  }

  function stepChoices(steps) {
    return steps.map((s, i) => [text(s.id), (i + 1) + ". " + text(s.kegiatan).slice(0, 40)]);
  }

  function flowCell(steps, step, index) {
    const exits = asList(step.cabang);
    if (exits.length) {
      return el("div", {class: "exits"}, exits.map((exit, k) => el("div", {class: "exit"},
        input(["langkah", index, "cabang", k, "label"], ORDER.cabang,
          {list: "exit-labels", class: "exit-label", label: T("Label keluar ", "Exit label ") + (k + 1)}),
        el("span", {text: "→"}),
        select(["langkah", index, "cabang", k, "ke"], stepChoices(steps), text(exit.ke), (value) => {
          setKey(exit, "ke", value, ORDER.cabang);
          changed(false);
        }, T("Tujuan keluar ", "Exit target ") + (k + 1)))));
    }
    const choices = [["", T("(langkah berikutnya)", "(next step)")], ...stepChoices(steps)];
    return select(["langkah", index, "ke"], choices, text(step.ke), (value) => {
      if (value) setKey(step, "ke", value, ORDER.langkah);
      else delete step.ke;
      changed(false);
    }, T("Lanjut ke", "Continue to") + " " + (index + 1));
  }

  // --- paste a table from Word or Excel ------------------------------------------------------

  function parseTable(raw) {
    const rows = [];
    let row = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i];
      if (quoted) {
        if (ch === '"' && raw[i + 1] === '"') { cell += '"'; i++; }
        else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"' && cell === "") quoted = true;
      else if (ch === "\t") { row.push(cell); cell = ""; }
      else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && raw[i + 1] === "\n") i++;
        row.push(cell); rows.push(row); row = []; cell = "";
      } else cell += ch;
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return rows.filter((r) => r.some((c) => c.trim() !== ""))
      .map((r) => (r.length > 4 && /^\s*\d+\.?\s*$/.test(r[0]) ? r.slice(1) : r));
  }

  function pasteIntoSteps(event) {
    const target = event.target;
    const raw = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
    const table = raw.includes("\t") || (/[\r\n]/.test(raw.trim()) && target.classList.contains("kegiatan"));
    const row = target.closest ? target.closest("tr[data-index]") : null;
    if (!table || !row || state.readonly) return;
    event.preventDefault();
    const steps = state.data.langkah;
    let at = Number(row.dataset.index);
    for (const cells of parseTable(raw)) {
      if (at >= steps.length) steps.push(newStep(steps));
      const step = steps[at];
      ["kegiatan", "kelengkapan", "waktu", "output"].forEach((key, k) => {
        if (k < cells.length) setKey(step, key, cells[k].trim(), ORDER.langkah);
      });
      at++;
    }
    changed(true);
  }

  // --- page layout (the options the form knows; other tata_letak keys stay as written) --------

  function layoutSection() {
    const data = state.data;
    const own = data.tata_letak !== null && typeof data.tata_letak === "object";
    const layout = own ? data.tata_letak : {};
    const pick = (key, value) => {
      if (value !== "" && value !== null) {
        if (!own) setKey(data, "tata_letak", layout, ORDER.sop);
        setKey(layout, key, value, ORDER.tata_letak);
      } else {
        delete layout[key];
        if (own && !Object.keys(layout).length) delete data.tata_letak;
      }
      changed(true);
    };
    const choice = (key, caption, options) => field(caption, select(["tata_letak", key],
      [["", T("(bawaan proyek)", "(project default)")], ...options], text(layout[key]),
      (value) => pick(key, value), caption));
    const steps = el("input", {type: "number", min: 1, max: 100, value: text(layout.maks_langkah_per_halaman),
      "aria-label": T("Langkah per halaman", "Steps per page")});
    steps.addEventListener("change", () => {
      const number = Number.parseInt(steps.value, 10);
      pick("maks_langkah_per_halaman", Number.isNaN(number) ? "" : number);
    });
    return section(T("Tata letak", "Page layout"), el("div", {class: "grid"},
      choice("kertas", T("Kertas", "Paper"), [["F4", "F4"], ["A4", "A4"]]),
      choice("orientasi", T("Orientasi", "Orientation"), [["lanskap", T("lanskap", "landscape")],
        ["potret", T("potret", "portrait")]]),
      field(T("Langkah per halaman (kosong: otomatis)", "Steps per page (empty: automatic)"),
        register(["tata_letak", "maks_langkah_per_halaman"], steps))));
  }

  // --- revision history and profiles ----------------------------------------------------------

  function historySection() {
    const data = state.data;
    const entries = Array.isArray(data.riwayat_revisi) ? data.riwayat_revisi : [];
    const rows = entries.map((entry, index) => el("tr", {},
      el("td", {}, input(["riwayat_revisi", index, "nomor"], ORDER.riwayat, {label: T("Nomor", "Number")})),
      el("td", {}, input(["riwayat_revisi", index, "tanggal"], ORDER.riwayat, {label: T("Tanggal", "Date")})),
      el("td", {}, input(["riwayat_revisi", index, "perubahan"], ORDER.riwayat,
        {multiline: true, label: T("Perubahan", "Change")})),
      el("td", {}, rowButtons(entries, index, () => {
        if (!entries.length) delete data.riwayat_revisi;
        changed(true);
      }))));
    const add = el("button", {type: "button", class: "add", text: T("+ Tambah revisi", "+ Add revision"),
      onclick: () => {
        if (!Array.isArray(data.riwayat_revisi)) setKey(data, "riwayat_revisi", entries, ORDER.sop);
        entries.push({nomor: String(entries.length + 1), tanggal: "", perubahan: ""});
        changed(true);
      }});
    return register(["riwayat_revisi"], section(T("Riwayat revisi", "Revision history"),
      el("table", {class: "history"}, el("thead", {}, el("tr", {}, el("th", {text: T("Nomor", "Number")}),
        el("th", {text: T("Tanggal", "Date")}), el("th", {text: T("Perubahan", "Change")}), el("th", {}))),
      el("tbody", {}, rows)), add));
  }

  function profileForm() {
    const data = state.data;
    const line = (key, caption) => field(caption, input([key], ORDER.profil));
    const officials = Array.isArray(data.pejabat) ? data.pejabat : [];
    const rows = officials.map((official, index) => el("tr", {},
      ...ORDER.pejabat.map((key) => el("td", {}, input(["pejabat", index, key], ORDER.pejabat, {label: key}))),
      el("td", {}, rowButtons(officials, index, () => changed(true)))));
    return [
      section(T("Profil kantor", "Office profile"), el("div", {class: "grid"},
        line("id", "Id"), line("pemerintah", T("Pemerintah", "Government")),
        line("instansi", T("Instansi", "Office")), line("unit", "Unit"),
        line("alamat", T("Alamat", "Address")), line("tempat", T("Tempat (tanda tangan)", "Place (signatures)")),
        line("logo", T("Logo (berkas)", "Logo (file)")))),
      register(["pejabat"], section(T("Pejabat", "Officials"),
        el("div", {class: "scroll"}, el("table", {class: "officials"}, el("thead", {}, el("tr", {},
          ...[T("Id", "Id"), T("Jabatan", "Position"), T("Nama", "Name"), T("Pangkat", "Rank"), "NIP"]
            .map((c) => el("th", {text: c})), el("th", {}))), el("tbody", {}, rows))),
        el("button", {type: "button", class: "add", text: T("+ Tambah pejabat", "+ Add official"),
          onclick: () => {
            if (!Array.isArray(data.pejabat)) setKey(data, "pejabat", officials, ORDER.profil);
            officials.push({id: uniqueId("pejabat", officials.map((o) => o.id)), jabatan: "", nama: ""});
            changed(true);
          }}))),
    ];
  }

  // --- the editor frame ---------------------------------------------------------------------------

  function toolbar() {
    const saveButton = el("button", {type: "button", id: "save", class: "primary", text: T("Simpan", "Save"),
      disabled: Boolean(state.readonly), onclick: save});
    const parts = [el("strong", {class: "file", text: state.path}),
      el("span", {id: "status", class: "status"}), saveButton,
      el("button", {type: "button", id: "reload", text: T("Muat ulang", "Reload"), onclick: () => openFile(state.path, true)})];
    if (state.kind === "sop" && !state.readonly) {
      parts.push(el("button", {type: "button", id: "swimlane", text: T("Swimlane", "Swimlane"), onclick: showSwimlane}));
      parts.push(el("button", {type: "button", id: "pdf", text: "PDF", title: T("Unduh lembar resmi sebagai PDF", "Download the official sheet as PDF"), onclick: downloadPdf}));
      const id = el("input", {type: "text", id: "duplicate-id", placeholder: T("id salinan", "id of the copy"),
        "aria-label": T("Id salinan", "Id of the copy")});
      parts.push(el("span", {class: "duplicate"}, id, el("button", {type: "button", id: "duplicate",
        text: T("Duplikat", "Duplicate"), onclick: () => duplicate(id.value.trim())})));
    }
    return el("div", {class: "toolbar"}, parts);
  }

  function renderEditor() {
    const main = document.getElementById("editor");
    const scroll = main.scrollTop;
    state.fields = new Map();
    state.notes = [];
    main.replaceChildren();
    if (!state.path) {
      main.append(el("p", {class: "empty", text: T("Pilih SOP atau profil di kiri, atau buat SOP baru.",
        "Choose an SOP or a profile on the left, or create a new SOP.")}));
      return;
    }
    main.append(toolbar());
    if (state.banner) main.append(state.banner);
    main.append(el("div", {id: "summary", class: "summary"}));
    if (state.readonly) {
      main.append(el("div", {class: "banner warning", role: "alert"},
        el("strong", {text: state.readonly.message}), el("p", {text: state.readonly.hint})),
      el("pre", {class: "source", text: state.text || ""}));
    } else if (state.kind === "profil") {
      main.append(...profileForm());
    } else {
      main.append(identitySection(), ...LISTS.map(([key, title]) => listSection(key, title)),
        actorsSection(), stepsSection(), historySection(), layoutSection(),
        el("datalist", {id: "exit-labels"}, EXIT_LABELS.map((v) => el("option", {value: v}))));
    }
    main.scrollTop = scroll;
    renderFindings();
    setStatus(state.dirty ? T("Belum disimpan", "Not saved") : T("Tersimpan", "Saved"), state.dirty ? "dirty" : "ok");
  }

  function setStatus(message, kind) {
    const node = document.getElementById("status");
    if (!node) return;
    node.textContent = message;
    node.className = "status " + (kind || "");
  }

  // --- findings beside their fields -------------------------------------------------------------

  function findingNode(item, short) {
    return el("div", {class: "finding " + item.severity, role: "note"},
      el("span", {class: "code", text: item.code}), " ",
      el("span", {class: "message", text: item.message}),
      item.hint ? el("span", {class: "hint", text: (short ? " — " : " ") + item.hint}) : null);
  }

  function renderFindings() {
    for (const note of state.notes) note.remove();
    state.notes = [];
    for (const item of state.findings) {
      const path = item.field.map(String);
      while (path.length && !state.fields.has(path.join("."))) path.pop();
      const widget = path.length ? state.fields.get(path.join(".")) : null;
      if (!widget) continue;
      const note = findingNode(item, true);
      if (widget.tagName === "SECTION") widget.querySelector("h3").after(note);
      else widget.after(note);
      state.notes.push(note);
    }
    const summary = document.getElementById("summary");
    if (!summary) return;
    const errors = state.findings.filter((f) => f.severity === "error").length;
    const warnings = state.findings.length - errors;
    summary.replaceChildren(el("p", {class: errors ? "count bad" : "count good",
      text: T(`${errors} galat, ${warnings} peringatan`, `${errors} errors, ${warnings} warnings`)}),
    el("ul", {}, state.findings.map((item) => el("li", {},
      el("span", {class: "where", text: item.where + ": "}), findingNode(item, false)))));
  }

  // --- preview -------------------------------------------------------------------------------------

  function svgImage(svg, alt) {
    const url = URL.createObjectURL(new Blob([svg], {type: "image/svg+xml"}));
    state.urls.push(url);
    return el("img", {src: url, alt, class: "page"});
  }

  function renderPreview() {
    const aside = document.getElementById("preview");
    for (const url of state.urls) URL.revokeObjectURL(url);
    state.urls = [];
    const parts = [el("h2", {text: T("Lembar resmi", "Official sheet")})];
    if (!state.pages || !state.pages.length) {
      parts.push(el("p", {class: "help", text: T("Belum ada pratinjau: perbaiki galat di kiri.",
        "No preview yet: fix the errors on the left.")}));
    } else {
      state.pages.forEach((svg, i) => parts.push(svgImage(svg, T("Halaman ", "Page ") + (i + 1))));
    }
    if (state.swimlane) parts.push(el("h2", {text: "Swimlane"}), svgImage(state.swimlane, "Swimlane"));
    aside.replaceChildren(...parts);
  }

  let timer = null;
  // ``busy`` is set from the edit until the answer to the last edit is shown.
  function schedulePreview() {
    clearTimeout(timer);
    state.waiting = true;
    document.body.classList.add("busy");
    timer = setTimeout(runPreview, PREVIEW_DELAY_MS);
  }

  async function runPreview() {
    state.waiting = false;
    if (!state.path || state.readonly) {
      document.body.classList.remove("busy");
      return;
    }
    const seq = ++state.seq;
    try {
      const answer = await api("preview", {path: state.path, data: state.data});
      if (seq !== state.seq) return;
      state.findings = answer.findings;
      if (answer.pages) state.pages = answer.pages;
      if (state.swimlane) state.swimlane = null;
      renderFindings();
      renderPreview();
    } catch (error) {
      if (seq === state.seq) showProblem(error);
    } finally {
      if (seq === state.seq && !state.waiting) document.body.classList.remove("busy");
    }
  }

  // --- actions --------------------------------------------------------------------------------------

  function showProblem(error, extra) {
    const info = error.info || {message: String(error.message), hint: ""};
    state.banner = el("div", {class: "banner error", role: "alert", id: "problem"},
      el("strong", {text: info.message}), el("p", {text: info.hint || ""}), extra || null);
    renderEditor();
  }

  function loadOpened(answer) {
    state.path = answer.path;
    state.kind = answer.kind;
    state.data = answer.data;
    state.version = answer.version;
    state.readonly = answer.readonly || null;
    state.text = answer.text || null;
    state.findings = answer.findings || [];
    state.pages = answer.pages || [];
    state.swimlane = null;
    state.dirty = false;
    state.banner = null;
    state.seq++;  // an answer still under way belongs to the file as it was
    clearTimeout(timer);
    state.waiting = false;
    document.body.classList.remove("busy");
    renderEditor();
    renderPreview();
    markCurrent();
  }

  async function openFile(path, force) {
    if (state.dirty && !force && state.pendingOpen !== path) {
      state.pendingOpen = path;
      state.banner = el("div", {class: "banner warning", role: "alert", id: "unsaved"},
        el("strong", {text: T("Ada suntingan yang belum disimpan.", "There are unsaved edits.")}),
        el("p", {text: T("Simpan dulu, atau klik lagi untuk membuangnya.", "Save first, or click again to drop them.")}));
      renderEditor();
      return;
    }
    state.pendingOpen = null;
    try {
      loadOpened(await api("open", {path}));
    } catch (error) {
      showProblem(error);
    }
  }

  async function save() {
    try {
      loadOpened(await api("save", {path: state.path, data: state.data, version: state.version}));
      setStatus(T("Tersimpan", "Saved"), "ok");
      await refreshList();
    } catch (error) {
      if (error.status === 409) {
        const reload = el("span", {class: "conflict-buttons"},
          el("button", {type: "button", id: "rebase-conflict", class: "primary",
            text: T("Muat ulang dan terapkan lagi suntingan saya", "Reload and re-apply my edits"), onclick: rebaseEdits}),
          el("button", {type: "button", id: "reload-conflict", text: T("Muat ulang dari disk (buang suntingan)", "Reload from disk (drop my edits)"),
            onclick: () => openFile(state.path, true)}));
        showProblem(error, reload);
        setStatus(T("Tidak tersimpan", "Not saved"), "bad");
      } else {
        showProblem(error);
      }
    }
  }

  async function rebaseEdits() {
    try {
      const answer = await api("rebase", {path: state.path, data: state.data});
      loadOpened(answer);
      if (answer.readonly) return;
      state.dirty = true;
      if (answer.conflicts && answer.conflicts.length) {
        state.banner = el("div", {class: "banner warning", role: "alert", id: "rebased"},
          el("strong", {text: T("Suntingan Anda menimpa perubahan di disk pada:", "Your edits override the change on disk at:")}),
          el("p", {text: answer.conflicts.map((path) => path.join(".") || T("(seluruh berkas)", "(the whole file)")).join(", ")}));
      }
      renderEditor();
    } catch (error) {
      showProblem(error);
    }
  }

  async function duplicate(id) {
    try {
      const answer = await api("duplicate", {path: state.path, id});
      await refreshList();
      await openFile(answer.path, true);
    } catch (error) {
      showProblem(error);
    }
  }

  async function createSop(id, profil) {
    try {
      const answer = await api("new", {id, profil});
      await refreshList();
      await openFile(answer.path, false);
    } catch (error) {
      showProblem(error);
    }
  }

  async function showSwimlane() {
    try {
      const answer = await api("swimlane", {path: state.path, data: state.data});
      state.swimlane = answer.svg;
      if (!answer.svg) throw Object.assign(new Error(answer.problem || T("Swimlane belum dapat digambar.", "The swimlane cannot be drawn yet.")), {info: null});
      renderPreview();
    } catch (error) {
      showProblem(error);
    }
  }

  async function downloadPdf() {
    try {
      const answer = await api("pdf", {path: state.path, data: state.data});
      if (!answer.pdf) throw Object.assign(new Error(T("PDF belum dapat dibuat: perbaiki galat dulu.", "No PDF yet: fix the errors first.")), {info: null});
      const bytes = Uint8Array.from(atob(answer.pdf), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], {type: "application/pdf"}));
      const link = el("a", {href: url, download: answer.name});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      showProblem(error);
    }
  }

  // --- the list of sources -----------------------------------------------------------------------

  function newSopForm() {
    const profiles = state.listing ? state.listing.profiles : [];
    const id = el("input", {type: "text", id: "new-id", placeholder: "sop-rapat", "aria-label": T("Id SOP baru", "Id of the new SOP")});
    const profil = el("select", {id: "new-profil", "aria-label": T("Profil", "Profile")},
      profiles.map((p) => el("option", {value: p.id, text: p.id})));
    return el("div", {class: "new-sop"}, el("h3", {text: T("SOP baru", "New SOP")}), id, profil,
      el("button", {type: "button", id: "new-create", class: "primary", text: T("Buat", "Create"),
        onclick: () => createSop(id.value.trim(), profil.value)}));
  }

  function fileButton(path, caption, detail) {
    return el("li", {}, el("button", {type: "button", class: "file-link", "data-path": path,
      onclick: () => openFile(path, false)}, el("span", {text: caption}),
    detail ? el("small", {text: detail}) : null));
  }

  function renderList() {
    const nav = document.getElementById("list");
    const listing = state.listing;
    const groups = listing.groups.map((group) => el("div", {class: "group"},
      el("h3", {text: group.instansi || T("(tanpa profil)", "(no profile)")}),
      group.unit ? el("p", {class: "unit", text: group.unit}) : null,
      el("ul", {}, group.sops.map((sop) => fileButton(sop.path, sop.nama || sop.id, sop.status)))));
    nav.replaceChildren(el("h1", {text: T("Studio SOP", "SOP studio")}),
      el("p", {class: "project", text: listing.project}), newSopForm(),
      el("h2", {text: T("Daftar SOP", "SOPs")}), ...groups,
      el("h2", {text: T("Profil kantor", "Office profiles")}),
      el("ul", {}, listing.profiles.map((p) => fileButton(p.path, p.id, p.instansi))));
    markCurrent();
  }

  function markCurrent() {
    for (const button of document.querySelectorAll(".file-link")) {
      button.classList.toggle("current", button.dataset.path === state.path);
    }
  }

  async function refreshList() {
    state.listing = await api("list", {});
    renderList();
  }

  window.addEventListener("beforeunload", (event) => {
    if (state.dirty) event.preventDefault();
  });

  refreshList().then(() => { renderEditor(); renderPreview(); }).catch(showProblem);
})();
