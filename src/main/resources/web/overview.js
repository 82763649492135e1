// The overview: books, their equity curves and controls, positions, decisions, ingest and regime, by polling.
"use strict";

(() => {
  const { api, post, poll, el, rows, num, signed, when, stateBadge } = Lotus;
  const BOOK_COLOURS = ["#2f5fd0", "#107a3c", "#b45309", "#7c3aed", "#b42318", "#0e7490"];
  let equityChart = null;
  let equityShape = "";

  async function refresh() {
    const [status, risk, positions, trades, decisions, orders] = await Promise.all([
      api("/api/status"), api("/api/risk"), api("/api/positions"), api("/api/trades"),
      api("/api/decisions?limit=20"), api("/api/orders?limit=10")]);
    header(status);
    books(status, risk);
    positionTable(positions, trades);
    decisionTable(decisions);
    rows(document.getElementById("orders"), orders, [
      ["created", (o) => when(o.created_at)], ["venue", (o) => o.venue],
      ["position", (o) => o.position_id === null ? "–" : el("a", { href: "/positions/" + o.position_id,
        text: "#" + o.position_id })],
      ["action", (o) => o.action], ["status", (o) => o.status], ["cloid", (o) => o.cloid],
      ["fills", (o) => Array.isArray(o.fills) ? o.fills.length : 0, "n"]]);
  }

  // Ingest, regime and equity change at bar closes; a slower poll keeps the regime feed's work small.
  async function refreshSlow() {
    const box = document.getElementById("equity-chart");
    // About one point a pixel: the server downsamples longer histories to this many a book.
    const points = Math.max(2, Math.min(5000, Math.round(box.clientWidth || 900)));
    const [ingest, regime, equity] = await Promise.all([api("/api/ingest"), api("/api/regime"),
      api("/api/equity?points=" + points)]);
    ingestTables(ingest);
    regimeTables(regime);
    equityCurves(equity);
  }

  // One line per book on one time axis; a book without a point at some tick is a gap bridged by its line.
  function equityCurves(equity) {
    const box = document.getElementById("equity-chart");
    const note = document.getElementById("equity-note");
    const books = equity.books.filter((b) => b.points.length > 0);
    if (books.length === 0) {
      if (equityChart) equityChart.destroy();
      equityChart = null;
      equityShape = "";
      box.replaceChildren(el("p", { class: "note",
        text: "no equity recorded yet: the trading process writes each book's at every tick" }));
      note.textContent = "";
      return;
    }
    const times = [...new Set(books.flatMap((b) => b.points.map((p) => p.time_ms)))].sort((a, b) => a - b);
    const column = new Map(times.map((t, i) => [t, i]));
    const data = [times.map((t) => t / 1000), ...books.map((b) => {
      const ys = times.map(() => null);
      for (const p of b.points) ys[column.get(p.time_ms)] = Number(p.equity_usd);
      return ys;
    })];
    const series = [{}, ...books.map((b, k) => ({ label: b.book, stroke: BOOK_COLOURS[k % BOOK_COLOURS.length],
      width: 1.5, spanGaps: true, points: { show: times.length < 60 }, value: (u, v) => num(v) }))];
    const shape = books.map((b) => b.book).join(",") + ":" + box.clientWidth;
    if (equityChart && shape === equityShape) {
      equityChart.setData(data);
    } else {
      if (equityChart) equityChart.destroy();
      box.replaceChildren();
      equityChart = new uPlot({ width: box.clientWidth || 900, height: 240, series, scales: { x: { time: true } },
        axes: [{}, { label: "equity USD", size: 70 }] }, data, box);
      equityShape = shape;
    }
    note.textContent = books.map((b) => b.book + " " + b.points.length + " points from "
      + when(b.points[0].time) + " to " + when(b.points[b.points.length - 1].time)).join("; ");
  }

  function header(s) {
    document.getElementById("mode").textContent = s.mode;
    document.getElementById("now").textContent = when(s.now);
    document.getElementById("global-state").replaceChildren(stateBadge(s.global));
    document.getElementById("global-state").dataset.state = s.global;
  }

  function books(status, risk) {
    const usage = Object.fromEntries(risk.books.map((b) => [b.book, b]));
    const tbody = document.getElementById("books");
    rows(tbody, status.books, [
      ["book", (b) => b.book],
      ["state", (b) => {
        const badge = stateBadge(b.state);
        badge.id = "book-state-" + b.book;
        return badge;
      }],
      ["equity", (b) => num(usage[b.book]?.equity_usd), "n"],
      ["pnl", (b) => signed(usage[b.book]?.pnl_today_usd), "n"],
      ["realised", (b) => signed(usage[b.book]?.realised_all_time_usd), "n"],
      ["exposure", (b) => num(usage[b.book]?.exposure_usd), "n"],
      ["open", (b) => num(usage[b.book]?.open_positions ?? 0, 0), "n"],
      ["drawdown", (b) => num(usage[b.book]?.drawdown_pct), "n"],
      ["controls", (b) => el("span", {},
        el("button", { id: "halt-" + b.book, "data-halt": b.book, text: "Halt" }), " ",
        el("button", { id: "resume-" + b.book, "data-resume": b.book, text: "Resume" }))],
    ]);
  }

  function positionTable(positions, trades) {
    document.getElementById("positions-count").textContent = positions.length;
    document.getElementById("positions-open").textContent = positions.filter((p) => p.status === "active").length;
    document.getElementById("trades-closed").textContent = trades.length;
    rows(document.getElementById("positions"), positions, [
      ["id", (p) => el("a", { href: "/positions/" + p.id, text: "#" + p.id })],
      ["token", (p) => p.token_ticker || p.token_contract],
      ["venue", (p) => p.token_chain],
      ["book", (p) => p.book_id],
      ["tf", (p) => p.timeframe],
      ["status", (p) => p.status],
      ["state", (p) => p.state],
      ["flags", (p) => p.flags.join(" ")],
      ["A", (p) => num(p.a, 3), "n"],
      ["E", (p) => num(p.e, 3), "n"],
      ["quantity", (p) => num(p.quantity, 6), "n"],
      ["avg entry", (p) => num(p.avg_entry_price, 6), "n"],
      ["pnl", (p) => signed(p.pnl_usd), "n"],
      ["trades", (p) => p.trades_closed, "n"],
    ]);
  }

  function decisionTable(decisions) {
    rows(document.getElementById("decisions"), decisions, [
      ["recorded", (d) => when(d.recorded_at)],
      ["position", (d) => el("a", { href: "/positions/" + d.position_id,
        text: "#" + d.position_id + " " + (d.token_ticker || "") })],
      ["book", (d) => d.book_id],
      ["decision", (d) => d.decision_type],
      ["event", (d) => d.entry_event],
      ["outcome", (d) => d.status],
      ["filled", (d) => num(d.filled, 6), "n"],
      ["price", (d) => num(d.avg_price, 6), "n"],
      ["reason", (d) => d.reason],
    ]);
  }

  function ingestTables(i) {
    document.getElementById("ingest-live").textContent = i.live || "this process does not ingest (lotus serve)";
    document.getElementById("ingest-rest").textContent = i.rest_weight
      ? "REST weight " + i.rest_weight.used_last_minute + " of " + i.rest_weight.limit_per_minute
        + " a minute; writer lag " + num(i.writer_lag_ms / 1000, 1) + " s"
      : "";
    rows(document.getElementById("ingest-streams"), i.streams || [], [
      ["stream", (s) => s.stream], ["up", (s) => (s.connected ? "yes" : "NO")],
      ["subs", (s) => s.subscriptions, "n"], ["trades", (s) => num(s.trades_received, 0), "n"],
      ["dropped", (s) => s.trades_dropped, "n"], ["rejected", (s) => s.trades_rejected, "n"],
      ["malformed", (s) => s.malformed_frames, "n"], ["reconnects", (s) => s.reconnects, "n"],
      ["holes", (s) => s.holes, "n"], ["repairs", (s) => s.repairs, "n"]]);
    rows(document.getElementById("ingest"), i.tables, [
      ["table", (t) => t.table], ["tf", (t) => t.timeframe], ["tokens", (t) => t.tokens, "n"],
      ["newest", (t) => when(t.newest_open)], ["lag", (t) => num(t.lag_s, 0), "n"]]);
    rows(document.getElementById("ingest-regime"), i.regime, [
      ["driver", (r) => r.driver], ["tf", (r) => r.timeframe], ["bars", (r) => r.bars, "n"],
      ["newest", (r) => when(r.newest_open)]]);
  }

  function regimeTables(r) {
    document.getElementById("regime-a").textContent = num(r.a, 3);
    document.getElementById("regime-e").textContent = num(r.e, 3);
    document.getElementById("regime-tf").textContent = r.timeframe;
    rows(document.getElementById("regime-drivers"), r.drivers, [
      ["driver", (d) => d.driver], ["horizon", (d) => d.horizon],
      ["state", (d) => d.dormant ? "dormant" : d.state], ["bars", (d) => d.bars, "n"],
      ["bar", (d) => when(d.bar_open_time)]]);
    // The shared parts, then each bucket's own part (what its members get on top of the shared drivers).
    const parts = r.breakdown.map((p) => Object.assign({ of: "all tokens" }, p));
    for (const b of r.buckets) {
      parts.push(...b.breakdown.map((p) => Object.assign({ of: b.bucket + " (A " + num(b.a, 3) + ", E "
        + num(b.e, 3) + ", " + b.members_today + " tokens)" }, p)));
    }
    rows(document.getElementById("regime-parts"), parts, [
      ["of", (p) => p.of], ["driver", (p) => p.driver], ["horizon", (p) => p.horizon], ["state", (p) => p.state],
      ["weight", (p) => num(p.weight, 3), "n"], ["wa", (p) => num(p.weighted_a, 4), "n"],
      ["we", (p) => num(p.weighted_e, 4), "n"], ["flags", (p) => (p.flags || []).join(" ")]]);
  }

  // Halt and resume buttons (global and per book) are found by their data attributes, also after a table redraw.
  async function write(kind, book) {
    const result = document.getElementById("write-result");
    if (!Lotus.token()) {
      result.textContent = "enter the server token first";
      document.getElementById("token").focus();
      return;
    }
    const reason = document.getElementById("reason").value.trim() || "from the operator page";
    try {
      const s = await post("/api/" + kind, book ? { book, reason } : { reason });
      result.textContent = kind + " " + s.scope + ": now " + s.effective;
      await refresh();
    } catch (e) {
      result.textContent = kind + " refused: " + e.message;
    }
  }

  document.addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    if (b.dataset.halt !== undefined) write("halt", b.dataset.halt);
    if (b.dataset.resume !== undefined) write("resume", b.dataset.resume);
  });

  document.addEventListener("DOMContentLoaded", () => {
    poll(refresh);
    poll(refreshSlow, 10000);
  });
})();
