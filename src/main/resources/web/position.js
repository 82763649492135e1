// One position: its bars with EMAs, S/R levels and decisions on a uPlot chart, its timeline, decisions and trades.
"use strict";

(() => {
  const { api, poll, el, rows, num, signed, when } = Lotus;
  const BARS = 500;
  const EMAS = [[20, "#e8a317"], [60, "#2f7ed8"], [144, "#7a3cb4"], [333, "#b42318"]];
  const LEVELS = 6;
  let chart = null;
  let shape = "";

  // The engine's EMA (Indicators.ema): α = 2/(n+1), seeded with the first value rather than an SMA.
  function ema(xs, n) {
    const alpha = 2 / (n + 1);
    const out = [];
    for (let i = 0; i < xs.length; i++) out.push(i === 0 ? xs[0] : out[i - 1] + alpha * (xs[i] - out[i - 1]));
    return out;
  }

  function id() { return decodeURIComponent(location.pathname.split("/").pop()); }

  async function refresh() {
    const p = await api("/api/positions/" + encodeURIComponent(id()) + "?bars=" + BARS);
    summary(p);
    draw(p);
    tables(p);
  }

  function summary(p) {
    const name = (p.token_ticker || p.token_contract) + " " + p.timeframe;
    document.title = "Lotus · #" + p.id + " " + name;
    document.getElementById("title").textContent = "#" + p.id + " " + name;
    document.getElementById("heading").textContent = "#" + p.id + " " + name + " · " + p.token_chain + " / "
      + p.book_id;
    const fig = (label, v) => el("div", { class: "figure" }, el("b", {}, v), el("span", { text: label }));
    document.getElementById("figures").replaceChildren(
      fig("status", p.status), fig("engine state", p.state || "none"), fig("flags", p.flags.join(" ") || "–"),
      fig("A / E", num(p.a, 3) + " / " + num(p.e, 3)), fig("quantity", num(p.quantity, 6)),
      fig("avg entry", num(p.avg_entry_price, 6)), fig("PnL USD", signed(p.pnl_usd)),
      fig("trades closed", String(p.trades_closed)));
  }

  function draw(p) {
    const bars = p.bars || [];
    const box = document.getElementById("chart");
    const note = document.getElementById("chart-note");
    if (bars.length === 0) {
      box.replaceChildren(el("p", { class: "note", text: "no bars stored for this position yet" }));
      chart = null;
      return;
    }
    const xs = bars.map((b) => b.open_time_ms / 1000);
    const close = bars.map((b) => Number(b.close));
    const index = new Map(bars.map((b, i) => [b.open_time_ms, i]));
    const engine = (p.features && p.features.uptrend_engine_v4) || {};
    const levels = (engine.levels || []).slice().sort((a, b) => b.strength - a.strength).slice(0, LEVELS);
    const buys = xs.map(() => null);
    const sells = xs.map(() => null);
    let outside = 0;
    for (const d of p.decisions || []) {
      const i = index.get(d.t);
      if (i === undefined) { outside++; continue; }
      const px = d.avg_price !== undefined ? Number(d.avg_price) : close[i];
      (d.decision_type === "entry" || d.decision_type === "add" ? buys : sells)[i] = px;
    }
    const data = [xs, close, ...EMAS.map(([n]) => ema(close, n)), ...levels.map((l) => xs.map(() => l.price)),
      buys, sells];
    const line = { points: { show: false } };
    const series = [{}, Object.assign({ label: "close", stroke: "#1d2330", width: 1.5 }, line),
      ...EMAS.map(([n, c]) => Object.assign({ label: "EMA" + n, stroke: c, width: 1 }, line)),
      ...levels.map((l, k) => Object.assign({ label: "S/R " + k, stroke: "#9aa1b1", dash: [4, 4], width: 1,
        value: () => num(l.price, 6) }, line)),
      marker("buys", "#107a3c"), marker("sells", "#b42318")];
    const key = series.length + ":" + box.clientWidth;
    if (chart && key === shape) {
      chart.setData(data);
    } else {
      if (chart) chart.destroy();
      box.replaceChildren();
      chart = new uPlot({ width: box.clientWidth || 900, height: 420, series, scales: { x: { time: true } } },
        data, box);
      shape = key;
    }
    strip(p.timeline || [], bars);
    note.textContent = bars.length + " bars" + (outside ? "; " + outside + " decisions before the first bar shown" : "")
      + (engine.ema ? "; the engine's EMA at its last bar: " + EMAS.map(([n]) => n + " " + num(engine.ema[n], 6))
        .join(", ") : "");
  }

  function marker(label, color) {
    return { label, stroke: color, fill: color, paths: () => null, points: { show: true, size: 10, fill: color } };
  }

  // The engine state over the bars shown, one coloured band per stretch between transitions.
  function strip(timeline, bars) {
    const first = bars[0].open_time_ms;
    const last = bars[bars.length - 1].open_time_ms;
    const span = Math.max(1, last - first);
    const parts = [];
    // Before the first transition in view the engine was in that transition's "from" state.
    const firstInView = timeline.find((t) => t.t > first);
    let state = timeline.filter((t) => t.t <= first).map((t) => t.to).pop() ?? firstInView?.from ?? null;
    let from = first;
    for (const t of timeline) {
      if (t.t > first) parts.push([state, from, Math.min(t.t, last)]);
      if (t.t >= first) from = Math.min(t.t, last);
      state = t.to;
    }
    parts.push([state, from, last]);
    document.getElementById("timeline").replaceChildren(...parts.filter(([, a, b]) => b > a).map(([s, a, b]) =>
      el("div", { class: s || "none", style: "width:" + (100 * (b - a) / span) + "%", title: s || "no state",
        text: s || "" })));
  }

  function tables(p) {
    rows(document.getElementById("transitions"), (p.timeline || []).slice().reverse(), [
      ["bar", (t) => when(new Date(t.t).toISOString())], ["from", (t) => t.from], ["to", (t) => t.to],
      ["price", (t) => num(t.price, 6), "n"], ["reason", (t) => t.reason]]);
    rows(document.getElementById("decisions"), (p.decisions || []).slice().reverse(), [
      ["bar", (d) => d.t ? when(new Date(d.t).toISOString()) : "–"], ["decision", (d) => d.decision_type],
      ["event", (d) => d.entry_event], ["outcome", (d) => d.status], ["filled", (d) => num(d.filled, 6), "n"],
      ["price", (d) => num(d.avg_price, 6), "n"], ["reason", (d) => d.reason]]);
    rows(document.getElementById("trades"), p.completed_trades, [
      ["trade", (t) => t.trade_id], ["entry", (t) => when(t.entry_time)], ["exit", (t) => when(t.exit_time)],
      ["entry px", (t) => num(t.entry_price, 6), "n"], ["exit px", (t) => num(t.exit_price, 6), "n"],
      ["pnl", (t) => signed(t.pnl_usd), "n"], ["rr", (t) => num(t.rr), "n"], ["outcome", (t) => t.outcome],
      ["closed by", (t) => t.closed_by]]);
  }

  // Bars change at bar closes: a few seconds between polls is plenty.
  document.addEventListener("DOMContentLoaded", () => poll(refresh, 5000));
})();
