/// The explorer page, whole: HTML with its CSS and JavaScript inline and its charts drawn as SVG by the script, so it
/// needs no build step and loads nothing but itself and the node's JSON-RPC (`POST /`, same origin). Served by
/// `ExplorerPage`; what it shows and which methods it calls are in docs/ARCHITECTURE.md, "The explorer".
enum ExplorerHTML {
    static let page = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proofmint explorer</title>
<style>
:root { --bg:#f6f7f9; --card:#fff; --ink:#1d2330; --dim:#6b7280; --line:#e3e6eb; --accent:#2f6fde; --ok:#198754; --bad:#c0392b; }
* { box-sizing:border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif; background:var(--bg); color:var(--ink); }
header { display:flex; gap:16px; align-items:center; padding:10px 18px; background:#16203a; color:#fff; flex-wrap:wrap; }
header h1 { font-size:17px; margin:0; font-weight:600; }
header h1 a { color:#fff; text-decoration:none; }
#status { color:#b8c4e0; font-size:13px; }
#status.down { color:#ffb3a7; }
form { margin-left:auto; display:flex; gap:6px; }
#search { width:420px; max-width:60vw; padding:6px 9px; border-radius:5px; border:1px solid #3a4770; background:#0f1730; color:#fff; }
button { padding:6px 12px; border-radius:5px; border:0; background:var(--accent); color:#fff; cursor:pointer; }
main { display:grid; grid-template-columns:repeat(auto-fit,minmax(460px,1fr)); gap:14px; padding:14px 18px; }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; }
section.wide { grid-column:1/-1; }
section h2 { font-size:14px; margin:0 0 8px; text-transform:uppercase; letter-spacing:.04em; color:var(--dim); }
table { width:100%; border-collapse:collapse; }
th, td { text-align:left; padding:4px 6px; border-bottom:1px solid var(--line); white-space:nowrap; overflow:hidden; text-overflow:ellipsis; max-width:260px; }
th { color:var(--dim); font-weight:500; font-size:12px; }
tr.click { cursor:pointer; }
tr.click:hover { background:#eef3fd; }
tr.fresh { animation:fresh 1.5s ease-out; }
@keyframes fresh { from { background:#fff4c2; } to { background:transparent; } }
a { color:var(--accent); text-decoration:none; cursor:pointer; }
.mono { font-family:ui-monospace,SFMono-Regular,Menlo,monospace; font-size:12.5px; }
.dim { color:var(--dim); }
.ok { color:var(--ok); } .bad { color:var(--bad); }
dl { display:grid; grid-template-columns:max-content 1fr; gap:3px 14px; margin:0; }
dt { color:var(--dim); } dd { margin:0; overflow-wrap:anywhere; }
.big { font-size:22px; font-weight:600; }
.charts { display:grid; grid-template-columns:repeat(3,1fr); gap:10px; }
svg { width:100%; height:auto; display:block; }
.empty { color:var(--dim); font-style:italic; }
.bar { background:var(--line); border-radius:3px; height:8px; overflow:hidden; }
.bar > div { background:var(--accent); height:100%; }
</style>
</head>
<body>
<header>
  <h1><a href="#/">Proofmint explorer</a></h1>
  <span id="status">connecting…</span>
  <form id="search-form"><input id="search" placeholder="address (pm1…), transaction id, block hash or height" autocomplete="off"><button id="go">Search</button></form>
</header>
<main>
  <section id="detail" class="wide" hidden></section>
  <section><h2>Latest blocks</h2><table id="blocks"><thead><tr><th>height</th><th>hash</th><th>txs</th><th>time</th></tr></thead><tbody></tbody></table></section>
  <section><h2>Latest transactions</h2><table id="txs"><thead><tr><th>id</th><th>kind</th><th>from → to</th><th>amount</th><th>block</th></tr></thead><tbody></tbody></table><p class="empty" id="txs-empty">No transactions in the latest blocks.</p></section>
  <section id="epoch"><h2>Current epoch</h2><div class="empty">loading…</div></section>
  <section id="proposals"><h2>Proposals</h2><div class="empty">loading…</div></section>
  <section class="wide"><h2>Supply over height</h2><div class="charts" id="supply-chart"></div></section>
  <section><h2>Rewards per epoch</h2><div id="rewards-chart"></div></section>
  <section><h2>Validations and challenges</h2><div id="validations"></div><div id="challenges"></div></section>
</main>
<script>
"use strict";
const POLL_MS = 1000, BLOCKS_SHOWN = 10, TXS_SHOWN = 15, EPOCHS_SHOWN = 12;
const AI = 10n ** 18n;
let rpcId = 0, head = -1, headHash = "", epochNumber = -1, polling = false;
const blocks = new Map();

async function rpcBatch(calls) {
  const body = calls.map(([method, params]) => ({ jsonrpc: "2.0", id: ++rpcId, method, params: params || {} }));
  const response = await fetch("/", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answers = await response.json();
  if (!Array.isArray(answers)) throw new Error(answers.error ? answers.error.message : "unexpected answer");
  const byId = new Map(answers.map(a => [a.id, a]));
  return body.map(b => byId.get(b.id) || { error: { message: "no answer" } });
}
async function rpc(method, params) {
  const [answer] = await rpcBatch([[method, params]]);
  if (answer.error) throw new Error(answer.error.message);
  return answer.result;
}

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") el.addEventListener("click", v); else if (v !== undefined && v !== null) el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}
function ai(value) {
  if (value === null || value === undefined) return "–";
  const v = BigInt(value), whole = v / AI, frac = (v % AI).toString().padStart(18, "0").slice(0, 4).replace(/0+$/, "");
  return whole.toLocaleString("en-US") + (frac ? "." + frac : "") + " AI";
}
const short = s => s ? (s.length > 16 ? s.slice(0, 10) + "…" + s.slice(-4) : s) : "–";
const time = ms => new Date(ms).toISOString().replace("T", " ").slice(0, 19);
const link = (text, route) => h("a", { href: "#/" + route, class: "mono" }, text);
const accountLink = a => a ? link(short(a), "account/" + a) : "–";
const row = (cells, attrs) => h("tr", attrs, cells.map(c => h("td", {}, c)));
const table = (heads, rows) => h("table", {}, h("thead", {}, h("tr", {}, heads.map(x => h("th", {}, x)))), h("tbody", {}, rows));
const empty = text => h("p", { class: "empty" }, text);
function fill(id, ...nodes) { const el = document.getElementById(id); el.replaceChildren(...nodes); return el; }

function counterparty(tx) { return tx.recipient || (tx.compute_receipt && tx.compute_receipt.consumer) || null; }
function txAmount(tx) { return tx.amount ? ai(tx.amount) : tx.compute_receipt ? ai(tx.compute_receipt.price) : "–"; }

async function refreshBlocks() {
  const wanted = [], initial = blocks.size === 0;
  for (let height = Math.max(0, head - BLOCKS_SHOWN + 1); height <= head; height++) if (!blocks.has(height)) wanted.push(height);
  const answers = wanted.length ? await rpcBatch(wanted.map(height => ["pm_getBlock", { height, full: true }])) : [];
  answers.forEach((a, i) => { if (a.result) blocks.set(wanted[i], a.result); });
  for (const height of [...blocks.keys()]) if (height < head - 50) blocks.delete(height);
  const shown = [...blocks.values()].sort((a, b) => b.header.height - a.header.height).slice(0, BLOCKS_SHOWN);
  document.querySelector("#blocks tbody").replaceChildren(...shown.map(b => row(
    [link(String(b.header.height), "block/" + b.header.height), h("span", { class: "mono" }, short(b.hash)),
     String(b.header.transaction_count), time(b.header.timestamp)],
    { class: "click" + (wanted.includes(b.header.height) && !initial ? " fresh" : ""), "data-height": b.header.height,
      onclick: () => { location.hash = "#/block/" + b.header.height; } })));
  const txs = shown.flatMap(b => b.transactions.map(tx => ({ tx, height: b.header.height }))).slice(0, TXS_SHOWN);
  document.getElementById("txs-empty").hidden = txs.length > 0;
  document.querySelector("#txs tbody").replaceChildren(...txs.map(({ tx, height }) => row(
    [link(short(tx.id), "tx/" + tx.id), tx.kind, h("span", {}, accountLink(tx.sender), " → ", accountLink(counterparty(tx))), txAmount(tx),
     link(String(height), "block/" + height)], { "data-tx": tx.id })));
}

async function refreshOverview() {
  const [epoch, proposals, validations, challenges, supply] = await rpcBatch([
    ["pm_getEpoch"], ["pm_getProposals"], ["pm_getPendingValidations"], ["pm_getChallenges"], ["pm_getSupplyHistory", { points: 120 }]]);
  if (epoch.result) renderEpoch(epoch.result);
  if (proposals.result) renderProposals(proposals.result.proposals);
  if (validations.result) fill("validations", h("h3", {}, "Pending validations"), validations.result.validations.length
    ? table(["job", "provider", "validator", "deadline"], validations.result.validations.map(v =>
        row([h("span", { class: "mono" }, short(v.job_id)), accountLink(v.provider), accountLink(v.validator), String(v.deadline)])))
    : empty("No receipts are waiting for a verdict."));
  if (challenges.result) fill("challenges", h("h3", {}, "Open challenges"), challenges.result.challenges.length
    ? table(["job", "challenger", "uphold / reject stake", "deadline"], challenges.result.challenges.map(c =>
        row([h("span", { class: "mono" }, short(c.job_id)), accountLink(c.challenge.challenger),
             ai(c.challenge.uphold_stake) + " / " + ai(c.challenge.reject_stake), String(c.challenge.deadline)])))
    : empty("No open challenges."));
  if (supply.result) renderSupply(supply.result.samples);
  else if (supply.error) fill("supply-chart", empty(supply.error.message));
  if (epoch.result) { epochNumber = epoch.result.epoch; await refreshRewards(); }
}

function renderEpoch(e) {
  const length = e.end_height - e.start_height + 1, done = length - e.blocks_left;
  fill("epoch", h("h2", {}, "Current epoch"),
    h("div", { class: "big", id: "epoch-number" }, "Epoch " + e.epoch),
    h("div", { class: "bar", title: done + " of " + length + " blocks" }, h("div", { style: "width:" + Math.min(100, 100 * done / length) + "%" })),
    h("dl", {},
      h("dt", {}, "blocks"), h("dd", {}, e.start_height + " – " + e.end_height + " (" + e.blocks_left + " left)"),
      h("dt", {}, "accepted proofs"), h("dd", { id: "epoch-proofs" }, String(e.work.proofs)),
      h("dt", {}, "compute units"), h("dd", {}, e.work.units),
      h("dt", {}, "providers"), h("dd", {}, String(e.work.provider_count)),
      h("dt", {}, "paid by consumers"), h("dd", {}, ai(e.work.payments)),
      h("dt", {}, "emission at settlement"), h("dd", { id: "epoch-emission" }, ai(e.emission) + (e.work.proofs ? "" : " (minted only if work stands)")),
      h("dt", {}, "reward pool"), h("dd", {}, ai(e.reward_pool))));
}

function renderProposals(list) {
  fill("proposals", h("h2", {}, "Proposals"), list.length ? table(["id", "kind", "status", "yes / no (power)", "quorum", "ends"],
    list.slice().reverse().map(p => row([String(p.id), p.kind, p.status,
      p.tally ? short(p.tally.yes) + " / " + short(p.tally.no) + (p.tally.passes ? " ✔" : "") : "–",
      p.tally ? (p.tally.quorum_reached ? "reached" : "not yet") : "–", String(p.voting_end_height)],
      { "data-proposal": p.id, "data-status": p.status, "data-voters": p.voters })))
    : empty("No proposals yet."));
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}
function lineChart(title, samples, key, color) {
  const W = 300, H = 150, L = 8, R = 8, T = 34, B = 22;
  const xs = samples.map(p => p.height), ys = samples.map(p => BigInt(p[key]));
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);
  // From zero, so that a small change looks small: the axis is never cut.
  const y0 = 0n, y1 = ys.reduce((a, b) => a > b ? a : b, 1n);
  const span = Number(y1 - y0);
  const px = x => L + (W - L - R) * (x - x0) / (x1 - x0), py = y => H - B - (H - T - B) * Number(y - y0) / span;
  const path = samples.map((p, i) => (i ? "L" : "M") + px(p.height).toFixed(1) + " " + py(ys[i]).toFixed(1)).join(" ");
  return s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title, "data-series": key, "data-last": String(ys[ys.length - 1]) },
    s("text", { x: L, y: 14, "font-size": 12, "font-weight": 600, fill: "#1d2330" }, title),
    s("text", { x: L, y: 28, "font-size": 11, fill: color }, ai(ys[ys.length - 1])),
    s("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#e3e6eb" }),
    s("path", { d: path, fill: "none", stroke: color, "stroke-width": 2 }),
    s("text", { x: L, y: H - 6, "font-size": 10, fill: "#6b7280" }, "height " + x0),
    s("text", { x: W - R, y: H - 6, "font-size": 10, fill: "#6b7280", "text-anchor": "end" }, String(x1)),
    s("text", { x: W - R, y: T - 4, "font-size": 10, fill: "#6b7280", "text-anchor": "end" }, "max " + ai(y1)));
}
function renderSupply(samples) {
  if (!samples.length) return;
  fill("supply-chart", lineChart("Circulating", samples, "circulating", "#2f6fde"),
    lineChart("Minted by Proof of Compute", samples, "minted", "#198754"), lineChart("Burned", samples, "burned", "#c0392b"));
}

async function refreshRewards() {
  const first = Math.max(0, epochNumber - EPOCHS_SHOWN + 1), numbers = [];
  for (let n = first; n <= epochNumber; n++) numbers.push(n);
  const answers = await rpcBatch(numbers.map(epoch => ["pm_getEpoch", { epoch }]));
  // Paid at settlement, split into what was minted and what came from the reward pool; nothing until it settles.
  const bars = answers.map((a, i) => {
    const settlement = a.result && a.result.settlement;
    return { epoch: numbers[i], settled: !!settlement, minted: BigInt(settlement ? settlement.minted : "0"),
             pool: BigInt(settlement ? settlement.from_pool : "0"), running: !!(a.result && a.result.running) };
  });
  const W = 460, H = 170, L = 8, B = 22, T = 12, max = bars.reduce((m, b) => b.minted + b.pool > m ? b.minted + b.pool : m, 1n);
  const slot = Math.min(60, (W - 2 * L) / bars.length), scale = v => (H - T - B) * Number(v * 1000n / max) / 1000;
  fill("rewards-chart", s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "rewards per epoch" },
    s("line", { x1: L, x2: W - L, y1: H - B, y2: H - B, stroke: "#e3e6eb" }),
    ...bars.map((b, i) => {
      const x = L + i * slot + 3, width = slot - 6, minted = scale(b.minted), pool = scale(b.pool);
      const label = "epoch " + b.epoch + ": " + (b.settled ? ai(b.minted + b.pool) + " paid (" + ai(b.minted) + " minted, " + ai(b.pool) + " from the pool)"
        : b.running ? "running" : "not settled yet");
      return s("g", { "data-epoch": b.epoch, "data-settled": String(b.settled), "data-paid": String(b.minted + b.pool) },
        s("title", {}, label),
        b.settled ? s("rect", { x, y: H - B - minted, width, height: minted, fill: "#198754" }) : s("rect", { x, y: H - B - 3, width, height: 3, fill: "#d5dae3" }),
        b.settled ? s("rect", { x, y: H - B - minted - pool, width, height: pool, fill: "#2f6fde" }) : "",
        s("text", { x: x + width / 2, y: H - 7, "font-size": 10, fill: "#6b7280", "text-anchor": "middle" }, String(b.epoch)),
        b.settled ? s("text", { x: x + width / 2, y: H - B - minted - pool - 3, "font-size": 9, fill: "#1d2330", "text-anchor": "middle" }, ai(b.minted + b.pool).replace(" AI", "")) : "");
    })), h("p", { class: "dim" }, "Rewards paid to providers when each epoch settled (AI): green minted, blue from the reward pool. Grey: running or not settled yet."));
}

async function showBlock(id) {
  const params = /^[0-9]+$/.test(id) ? { height: Number(id), full: true } : { hash: id, full: true };
  const block = await rpc("pm_getBlock", params);
  const answers = block.transactions.length ? await rpcBatch(block.transactions.slice(0, 100).map(tx => ["pm_getTransaction", { id: tx.id }])) : [];
  const hd = block.header;
  return [h("h2", {}, "Block " + hd.height),
    h("dl", { id: "block-detail", "data-height": hd.height },
      h("dt", {}, "hash"), h("dd", { class: "mono" }, block.hash),
      h("dt", {}, "parent"), h("dd", {}, hd.height > 0 ? link(hd.parent_hash, "block/" + (hd.height - 1)) : "–"),
      h("dt", {}, "time"), h("dd", {}, time(hd.timestamp)),
      h("dt", {}, "state root"), h("dd", { class: "mono" }, hd.state_root),
      h("dt", {}, "producer"), h("dd", { class: "mono" }, hd.producer),
      h("dt", {}, "transactions"), h("dd", {}, String(hd.transaction_count))),
    block.transactions.length ? table(["id", "kind", "from → to", "amount", "fee charged", "status", "events"],
      block.transactions.map((tx, i) => {
        const receipt = answers[i] && answers[i].result ? answers[i].result.receipt : null;
        return row([link(short(tx.id), "tx/" + tx.id), tx.kind, h("span", {}, accountLink(tx.sender), " → ", accountLink(counterparty(tx))),
          txAmount(tx), receipt ? ai(receipt.fee_charged) : "–", statusOf(receipt), receipt ? receipt.events.map(e => e.type).join(", ") : "–"],
          { "data-tx": tx.id });
      })) : empty("No transactions in this block.")];
}
function statusOf(receipt) {
  if (!receipt) return "pending";
  return h("span", { class: receipt.code === 0 ? "ok" : "bad" }, receipt.status);
}

async function showAccount(address) {
  const [account, stake, history] = await rpcBatch([["pm_getAccount", { address }], ["pm_getStake", { address }],
    ["pm_getAccountHistory", { address, limit: 20 }]]);
  if (account.error) throw new Error(account.error.message);
  const entries = history.result ? history.result.entries : [];
  const txs = entries.length ? await rpcBatch(entries.map(e => ["pm_getTransaction", { id: e.id }])) : [];
  const st = stake.result && stake.result.stake;
  return [h("h2", {}, "Account"),
    h("div", { class: "mono" }, address),
    h("div", { class: "big", id: "account-balance", "data-balance": account.result.balance }, ai(account.result.balance)),
    h("dl", {},
      h("dt", {}, "nonce"), h("dd", {}, String(account.result.nonce) + (account.result.pending_nonce !== account.result.nonce ? " (pending " + account.result.pending_nonce + ")" : "")),
      h("dt", {}, "stake"), h("dd", { id: "account-stake" }, st ? ai(st.amount) + " · power " + short(st.power) + " · tier " + st.tier_name + (st.jailed ? " · jailed" : "") : "none"),
      h("dt", {}, "unbonding"), h("dd", {}, stake.result ? ai(stake.result.unbonding_total) : "–"),
      h("dt", {}, "as of block"), h("dd", {}, String(account.result.height))),
    h("h3", {}, "History"),
    entries.length ? table(["id", "kind", "from → to", "amount", "block", "status"], entries.map((e, i) => {
      const found = txs[i] && txs[i].result, tx = found ? found.transaction : {};
      return row([link(short(e.id), "tx/" + e.id), tx.kind || "–", h("span", {}, accountLink(tx.sender), " → ", accountLink(counterparty(tx))),
        found ? txAmount(tx) : "–", link(String(e.height), "block/" + e.height), statusOf(found && found.receipt)], { "data-tx": e.id });
    })) : empty(history.error ? history.error.message : "No transactions yet.")];
}

async function showTransaction(id) {
  const found = await rpc("pm_getTransaction", { id });
  const tx = found.transaction, receipt = found.receipt;
  return [h("h2", {}, "Transaction"),
    h("dl", { id: "tx-detail", "data-tx": id },
      h("dt", {}, "id"), h("dd", { class: "mono" }, id),
      h("dt", {}, "status"), h("dd", {}, found.status === "included" ? h("span", {}, "included in ", link(String(found.height), "block/" + found.height), " at index " + found.index) : "pending"),
      h("dt", {}, "kind"), h("dd", {}, tx.kind),
      h("dt", {}, "from"), h("dd", {}, accountLink(tx.sender)),
      h("dt", {}, "to"), h("dd", {}, accountLink(counterparty(tx))),
      h("dt", {}, "amount"), h("dd", {}, txAmount(tx)),
      h("dt", {}, "fee offered"), h("dd", {}, ai(tx.fee)),
      h("dt", {}, "nonce"), h("dd", {}, String(tx.nonce)),
      h("dt", {}, "receipt"), h("dd", {}, receipt ? statusOf(receipt) : "not yet"),
      h("dt", {}, "fee charged"), h("dd", {}, receipt ? ai(receipt.fee_charged) : "–")),
    receipt ? table(["event", "details"], receipt.events.map(e => row([e.type,
      Object.entries(e).filter(([k]) => k !== "type").map(([k, v]) => k + "=" + (/^[0-9]{16,}$/.test(v) ? ai(v) : v)).join("  ")]))) : ""];
}

async function route() {
  const detail = document.getElementById("detail");
  const [kind, id] = location.hash.replace(/^#\/?/, "").split("/");
  if (!kind || !id) { detail.hidden = true; return; }
  try {
    const nodes = kind === "block" ? await showBlock(id) : kind === "account" ? await showAccount(id) : kind === "tx" ? await showTransaction(id) : [empty("Unknown page.")];
    if (location.hash.replace(/^#\/?/, "") !== kind + "/" + id) return;
    detail.replaceChildren(...nodes);
  } catch (error) {
    detail.replaceChildren(h("h2", {}, "Not found"), h("p", { class: "bad", id: "detail-error" }, error.message));
  }
  detail.hidden = false;
}

async function search(text) {
  const q = text.trim();
  if (/^pm1[0-9a-z]+$/.test(q)) location.hash = "#/account/" + q;
  else if (/^[0-9]+$/.test(q)) location.hash = "#/block/" + q;
  else if (/^(0x)?[0-9a-fA-F]{64}$/.test(q)) {
    const id = q.replace(/^0x/, "").toLowerCase();
    const [tx] = await rpcBatch([["pm_getTransaction", { id }]]);
    location.hash = tx.result ? "#/tx/" + id : "#/block/" + id;
  } else {
    document.getElementById("detail").hidden = false;
    fill("detail", h("h2", {}, "Search"), h("p", { class: "bad", id: "detail-error" }, "Enter an address (pm1…), a transaction id or block hash (64 hex digits), or a height."));
  }
}

async function poll() {
  if (polling) return;
  polling = true;
  const status = document.getElementById("status");
  try {
    const st = await rpc("pm_status");
    status.className = "";
    status.textContent = st.chain_id + " · height " + st.height + " · " + st.mining_mode + " · mempool " + st.mempool_size + (st.storage_error ? " · storage: " + st.storage_error : "");
    if (st.head_hash !== headHash) {
      // A chain reverted to a snapshot goes back or sideways: forget the blocks cached above or beside it.
      if (st.height < head || (blocks.has(st.height) && blocks.get(st.height).hash !== st.head_hash)) blocks.clear();
      head = st.height;
      headHash = st.head_hash;
      await refreshBlocks();
      await refreshOverview();
      if (/^#\/account\//.test(location.hash)) await route();
    }
  } catch (error) {
    status.className = "down";
    status.textContent = "node unreachable: " + error.message;
  } finally {
    polling = false;
  }
}

document.getElementById("search-form").addEventListener("submit", event => { event.preventDefault(); search(document.getElementById("search").value); });
window.addEventListener("hashchange", route);
route();
poll();
setInterval(poll, POLL_MS);
</script>
</body>
</html>
"""#
}
