// Closed trades, filtered by book and venue and sorted by any column, and the lessons learnt from them.
"use strict";

(() => {
  const { api, poll, el, rows, num, signed, when } = Lotus;
  // [header, value to sort by, cell, numeric]
  const COLUMNS = [
    ["exit", (t) => t.exit_time_ms, (t) => when(t.exit_time)],
    ["position", (t) => t.position_id, (t) => el("a", { href: "/positions/" + t.position_id,
      text: "#" + t.position_id + " " + (t.token_ticker || t.token_contract) })],
    ["venue", (t) => t.token_chain, (t) => t.token_chain],
    ["book", (t) => t.book_id, (t) => t.book_id],
    ["tf", (t) => t.timeframe, (t) => t.timeframe],
    ["entry", (t) => t.entry_time_ms, (t) => when(t.entry_time)],
    ["entry event", (t) => t.entry_event, (t) => t.entry_event],
    ["entry px", (t) => Number(t.entry_price), (t) => num(t.entry_price, 6), true],
    ["exit px", (t) => Number(t.exit_price), (t) => num(t.exit_price, 6), true],
    ["allocated", (t) => Number(t.allocated_usd), (t) => num(t.allocated_usd), true],
    ["PnL USD", (t) => Number(t.pnl_usd), (t) => signed(t.pnl_usd), true],
    ["rr", (t) => t.rr, (t) => num(t.rr), true],
    ["outcome", (t) => t.outcome, (t) => t.outcome],
    ["closed by", (t) => t.closed_by, (t) => t.closed_by],
  ];
  let trades = [];
  let sortBy = 0;
  let ascending = false;

  function head() {
    document.getElementById("trades-head").replaceChildren(...COLUMNS.map(([name, , , numeric], i) =>
      el("th", { class: "sortable" + (numeric ? " n" : ""), "data-col": i,
        text: name + (i === sortBy ? (ascending ? " ▲" : " ▼") : "") })));
  }

  function options(select, values) {
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "", text: "all" }),
      ...[...new Set(values)].sort().map((v) => el("option", { value: v, text: v })));
    select.value = chosen;
  }

  function show() {
    const book = document.getElementById("filter-book").value;
    const venue = document.getElementById("filter-venue").value;
    const key = COLUMNS[sortBy][1];
    const shown = trades.filter((t) => (!book || t.book_id === book) && (!venue || t.token_chain === venue))
      .sort((a, b) => {
        const x = key(a), y = key(b);
        const c = x === y ? 0 : x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
        return ascending ? c : -c;
      });
    document.getElementById("trades-shown").textContent = shown.length;
    document.getElementById("trades-pnl").textContent = num(shown.reduce((s, t) => s + Number(t.pnl_usd || 0), 0));
    head();
    rows(document.getElementById("trades"), shown, COLUMNS.map(([name, , cell, numeric]) =>
      [name, cell, numeric ? "n" : null]));
  }

  async function refresh() {
    const [t, lessons] = await Promise.all([api("/api/trades"), api("/api/lessons")]);
    trades = t;
    options(document.getElementById("filter-book"), trades.map((x) => x.book_id));
    options(document.getElementById("filter-venue"), trades.map((x) => x.token_chain));
    show();
    rows(document.getElementById("lessons"), lessons, [
      ["book", (l) => l.book_id], ["venue", (l) => l.token_chain], ["pattern", (l) => l.pattern],
      ["subset", (l) => Object.entries(l.subset).map(([k, v]) => k + "=" + v).join(" ") || "whole book"],
      ["n", (l) => l.n, "n"], ["wins", (l) => l.wins, "n"], ["win rate", (l) => num(l.win_rate, 3), "n"],
      ["mean rr", (l) => num(l.mean_rr, 3), "n"], ["mean return", (l) => num(l.mean_return, 4), "n"],
      ["multiplier", (l) => num(l.multiplier, 3), "n"]]);
  }

  document.addEventListener("change", (e) => { if (e.target.id.startsWith("filter-")) show(); });
  document.addEventListener("click", (e) => {
    const th = e.target.closest("th[data-col]");
    if (!th) return;
    const col = Number(th.dataset.col);
    ascending = col === sortBy ? !ascending : true;
    sortBy = col;
    show();
  });
  document.addEventListener("DOMContentLoaded", () => poll(refresh, 5000));
})();
