// Shared by the three pages: the token, calls to the JSON API, polling and small formatters.
"use strict";

const Lotus = (() => {
  const TOKEN_KEY = "lotus.token";
  // The API allows reads at any rate; the page asks no more often than this (issue 15: at most every 2 s).
  const POLL_MS = 2000;

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

  // Same origin, so the browser sends this server's own Origin and the write check passes.
  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    if (token()) headers["Authorization"] = "Bearer " + token();
    const res = await fetch(path, Object.assign({}, options, { headers, cache: "no-store" }));
    const body = await res.json().catch(() => ({ error: res.statusText }));
    if (!res.ok) throw new Error(body.error || res.status + " " + res.statusText);
    return body;
  }

  function post(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  // Calls step() now and again POLL_MS after each answer, so requests never pile up on a slow database.
  function poll(step, everyMs = POLL_MS) {
    const run = async () => {
      try {
        await step();
        status("");
      } catch (e) {
        status("update failed: " + e.message);
      }
      setTimeout(run, Math.max(everyMs, POLL_MS));
    };
    run();
  }

  function status(text) {
    const el = document.getElementById("page-status");
    if (el) el.textContent = text;
  }

  // The token field in the header: kept in sessionStorage, so it lasts as long as the tab and is never sent elsewhere.
  function tokenField() {
    const input = document.getElementById("token");
    const save = document.getElementById("token-save");
    const state = document.getElementById("token-state");
    if (!input) return;
    const show = () => { state.textContent = token() ? "token set" : "no token: halt and resume need it"; };
    save.addEventListener("click", () => {
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      input.value = "";
      show();
    });
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") save.click(); });
    show();
  }

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined) continue;
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
    return e;
  }

  // Fills tbody with one row per item; each column is [header, item => text or Node, optional class].
  function rows(tbody, items, columns) {
    tbody.replaceChildren(...items.map((it) => el("tr", {}, ...columns.map(([, f, cls]) => {
      const v = f(it);
      return el("td", { class: cls }, v instanceof Node ? v : text(v));
    }))));
  }

  function text(v) { return v === null || v === undefined ? "–" : String(v); }

  function num(v, digits = 2) {
    if (v === null || v === undefined || v === "") return "–";
    const n = Number(v);
    return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits }) : String(v);
  }

  function signed(v) {
    if (v === null || v === undefined) return el("span", { text: "–" });
    const n = Number(v);
    return el("span", { class: n > 0 ? "up" : n < 0 ? "down" : "" , text: num(v) });
  }

  function when(iso) { return iso ? iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "") : "–"; }

  function stateBadge(state) { return el("span", { class: "badge " + (state || "none"), text: text(state) }); }

  document.addEventListener("DOMContentLoaded", tokenField);
  return { api, post, poll, el, rows, text, num, signed, when, stateBadge, token };
})();
