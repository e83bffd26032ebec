// The analysts' console. Everything a client wrote is put on the page with textContent only.
"use strict";

(() => {
  const API = "/api/console";
  const $ = (id) => document.getElementById(id);
  const state = { me: null, open: null, lastSeq: 0, view: null, stream: null, queueTimer: null };

  const FACT_LABELS = {
    description: "Problem", kind: "Kind", affected_systems: "Systems", error_text: "Error text", scope: "Scope",
    users: "Users affected", sites: "Sites", patient_care: "Patient care affected", workaround: "Workaround",
    core_function_down: "Core function down", confined: "Confined to one device", critical_component_failed: "Critical component failed",
    total_loss: "Total loss", minor_function: "Minor function only", essential_task_blocked: "Essential task blocked",
    test_system: "Test system", cosmetic: "Cosmetic", pacs_admin_contacted: "PACS admin contacted", is_pacs_admin: "Is the PACS admin",
    tried: "Tried", recent_change: "Recent change", contact_phone: "Phone", department_line: "Department line", contact_email: "Email",
  };
  const WHICH = { first_response: "first response", update: "update", resolution: "resolution" };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function api(method, path, body) {
    const options = { method, headers: {}, credentials: "same-origin" };
    if (method !== "GET") {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body || {});
    }
    const response = await fetch(API + path, options);
    if (response.status === 401) {
      showSignin();
      throw new Error("Please sign in.");
    }
    if (response.status === 204) return null;
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((data.error && data.error.message) || `Request failed (${response.status}).`);
    return data;
  }

  function showError(id, err) { $(id).textContent = err ? String(err.message || err) : ""; }

  // -- sign-in --------------------------------------------------------------------------------

  function showSignin() {
    if (state.stream) { state.stream.close(); state.stream = null; }
    clearInterval(state.queueTimer);
    $("app").hidden = true;
    $("signin").hidden = false;
  }

  function showApp(me) {
    state.me = me;
    $("signin").hidden = true;
    $("app").hidden = false;
    $("whoami").textContent = `${me.display_name} (${me.role})`;
    $("show-audit").hidden = me.role !== "admin";
    loadQueue();
    connect();
    clearInterval(state.queueTimer);
    state.queueTimer = setInterval(loadQueue, 30000);
  }

  $("signin-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("signin-error", null);
    try {
      const data = await api("POST", "/login", { name: $("signin-name").value, password: $("signin-password").value });
      $("signin-password").value = "";
      showApp(data.analyst);
    } catch (err) { showError("signin-error", err); }
  });

  $("signout").addEventListener("click", async () => {
    await api("POST", "/logout", {}).catch(() => null);
    showSignin();
  });

  // -- live updates ---------------------------------------------------------------------------

  function connect() {
    if (state.stream) state.stream.close();
    const stream = new EventSource(`${API}/stream`);
    state.stream = stream;
    stream.onopen = () => $("live").classList.add("on");
    stream.onerror = () => $("live").classList.remove("on");
    stream.addEventListener("message", (event) => {
      const data = JSON.parse(event.data);
      if (data.conversation_id === state.open) appendMessages([data.message]);
      scheduleQueue();
    });
    stream.addEventListener("changed", (event) => {
      const data = JSON.parse(event.data);
      scheduleQueue();
      if (data.conversation_id && data.conversation_id === state.open) openConversation(state.open);
    });
    stream.addEventListener("tick", () => { loadQueue(); catchUp(); });
    stream.addEventListener("signed_out", () => showSignin());
  }

  let queueSoon = null;
  function scheduleQueue() {
    clearTimeout(queueSoon);
    queueSoon = setTimeout(loadQueue, 150);
  }

  // -- queue ----------------------------------------------------------------------------------

  function countdown(deadline) {
    if (!deadline) return "";
    const m = Math.abs(deadline.minutes_left);
    const span = m >= 60 ? `${Math.floor(m / 60)}h ${m % 60}m` : `${m}m`;
    const what = WHICH[deadline.which] || deadline.which;
    const clock = deadline.clock === "business" ? " (business time)" : "";
    return deadline.breached ? `${what} BREACHED ${span} ago` : `${what} due in ${span}${clock}`;
  }

  async function loadQueue() {
    const params = new URLSearchParams();
    for (const [key, id] of [["status", "filter-status"], ["priority", "filter-priority"], ["analyst", "filter-analyst"]]) {
      if ($(id).value) params.set(key, $(id).value);
    }
    let data;
    try { data = await api("GET", `/queue?${params}`); } catch { return; }
    const list = $("queue");
    list.replaceChildren(...data.rows.map(queueRow));
    $("queue-empty").hidden = data.rows.length > 0;
  }

  function queueRow(row) {
    const item = el("li", "queue-row");
    if (row.conversation_id) item.dataset.conversation = row.conversation_id;
    if (row.conversation_id === state.open) item.classList.add("selected");
    if (row.breaches.length) item.classList.add("breached");
    const top = el("div", "row-top");
    const priority = row.priority ? row.priority + (row.provisional_priority ? "?" : "") : "—";
    top.append(el("span", `badge p-${(row.priority || "none").toLowerCase()}`, priority));
    top.append(el("span", "row-title", row.title));
    item.append(top);
    const bits = [];
    if (row.ticket) bits.push(row.ticket.number);
    bits.push(row.status.replaceAll("_", " "), row.channel);
    bits.push(row.waiting_on === "us" ? "waiting for us" : "waiting for client");
    if (row.wants_person) bits.push("asked for a person");
    bits.push(row.held_by ? `held by ${row.held_by.name}` : row.handled_by === "bot" ? "with the bot" : "not held");
    item.append(el("div", "row-meta", bits.join(" · ")));
    if (row.deadline) item.append(el("div", row.deadline.breached ? "row-deadline breached" : "row-deadline", countdown(row.deadline)));
    if (row.conversation_id) {
      item.tabIndex = 0;
      item.addEventListener("click", () => openConversation(row.conversation_id));
      item.addEventListener("keydown", (e) => { if (e.key === "Enter") openConversation(row.conversation_id); });
    }
    return item;
  }

  ["filter-status", "filter-priority", "filter-analyst"].forEach((id) => $(id).addEventListener("change", loadQueue));

  // -- a conversation -------------------------------------------------------------------------

  async function openConversation(id) {
    showError("detail-error", null);
    let view;
    try { view = await api("GET", `/conversations/${encodeURIComponent(id)}`); } catch (err) { showError("detail-error", err); return; }
    const switching = state.open !== id;
    state.open = id;
    state.view = view;
    $("audit").hidden = true;
    $("detail").hidden = false;
    renderHeader(view);
    renderFacts(view);
    renderTicket(view.ticket);
    // Refreshing the open conversation only adds what is new: a view fetched before a streamed
    // message arrived must not wipe that message from the transcript.
    if (switching) {
      $("transcript").replaceChildren();
      state.lastSeq = 0;
      $("composer-text").value = "";
    }
    appendMessages(view.messages);
    document.querySelectorAll(".queue-row").forEach((r) => r.classList.toggle("selected", r.dataset.conversation === id));
  }

  function renderHeader(view) {
    const ticket = view.ticket;
    $("detail-title").textContent = ticket ? `${ticket.number}: ${ticket.title}` : (view.facts.description || "New conversation");
    const holder = view.held_by ? `held by ${view.held_by.name}` : "the bot is handling it";
    const meta = [view.channel, view.stage ? `stage: ${view.stage}` : "", holder, view.wants_person ? "asked for a person" : ""];
    $("detail-meta").textContent = meta.filter(Boolean).join(" · ");
    const mine = view.held_by && state.me && view.held_by.id === state.me.id;
    $("takeover").hidden = Boolean(mine);
    $("takeover").textContent = view.held_by && !mine ? `Take over from ${view.held_by.name}` : "Take over";
    $("handback").hidden = !mine;
    $("send").disabled = !mine;
  }

  function renderFacts(view) {
    const list = $("facts");
    list.replaceChildren();
    if (view.provisional_priority) addFact(list, "Priority so far", `${view.provisional_priority} (not filed yet)`);
    for (const [key, value] of Object.entries(view.facts)) {
      const shown = Array.isArray(value) ? value.join(", ") : value === true ? "yes" : value === false ? "no" : value;
      addFact(list, FACT_LABELS[key] || key, shown);
    }
    if (!list.children.length) list.append(el("dd", "muted", "Nothing collected yet."));
  }

  function addFact(list, label, value) {
    list.append(el("dt", "", label), el("dd", "", value));
  }

  function renderTicket(ticket) {
    $("ticket-box").hidden = !ticket;
    if (!ticket) return;
    $("ticket-number").textContent = ticket.number;
    const list = $("ticket-facts");
    list.replaceChildren();
    addFact(list, "Status", ticket.status.replaceAll("_", " "));
    addFact(list, "Priority", ticket.priority === ticket.assessed_priority ? ticket.priority : `${ticket.priority} (assessed ${ticket.assessed_priority})`);
    if (ticket.reasons.length) addFact(list, "Why", ticket.reasons.join("; "));
    if (ticket.deadline) addFact(list, "Next deadline", countdown(ticket.deadline));
    for (const [key, label] of [["first_response_due", "First response due"], ["next_update_due", "Next update due"], ["resolution_due", "Resolution due"]]) {
      if (ticket[key]) addFact(list, label, new Date(ticket[key]).toLocaleString());
    }
    if (ticket.resolution) addFact(list, "Resolution", ticket.resolution);
    if (ticket.satisfaction) addFact(list, "Satisfaction", `${ticket.satisfaction} / 5`);
    $("priority-select").value = ticket.priority;
    $("ticket-events").replaceChildren(...(ticket.events || []).map((e) => {
      const change = e.from && e.to ? `${e.from} → ${e.to}` : e.to || "";
      return el("li", "", [new Date(e.at).toLocaleString(), e.actor, e.kind.replaceAll("_", " "), change, e.reason || ""].filter(Boolean).join(" · "));
    }));
  }

  // The bot's **bold** as <strong>, built node by node: no string of the message is ever parsed as HTML.
  function richText(text) {
    const box = el("div", "msg-text");
    String(text).split("**").forEach((part, i) => box.append(i % 2 ? el("strong", "", part) : document.createTextNode(part)));
    return box;
  }

  function appendMessages(messages) {
    const list = $("transcript");
    for (const m of messages) {
      if (m.seq <= state.lastSeq) continue;
      state.lastSeq = m.seq;
      const item = el("li", `msg from-${m.author}${m.internal ? " internal" : ""}`);
      item.dataset.seq = m.seq;
      const who = m.internal ? `Internal note · ${m.author_name || ""}` : m.author_name || { client: "Client", bot: "Bot", system: "System", analyst: "Analyst" }[m.author] || m.author;
      item.append(el("div", "msg-who", `${who} · ${new Date(m.created_at).toLocaleTimeString()}`));
      item.append(richText(m.text));
      if (m.actions && m.actions.length) item.append(el("div", "msg-actions muted", `Buttons: ${m.actions.map((a) => a.label).join(" | ")}`));
      list.append(item);
    }
    list.scrollTop = list.scrollHeight;
  }

  async function catchUp() {
    if (!state.open) return;
    try {
      const data = await api("GET", `/conversations/${encodeURIComponent(state.open)}/messages?after=${state.lastSeq}`);
      appendMessages(data.messages);
    } catch { /* the next tick tries again */ }
  }

  async function act(fn) {
    showError("detail-error", null);
    try { await fn(); } catch (err) { showError("detail-error", err); }
  }

  const path = (suffix) => `/conversations/${encodeURIComponent(state.open)}${suffix}`;
  const ticketPath = (suffix) => `/tickets/${encodeURIComponent(state.view.ticket.number)}${suffix}`;

  $("takeover").addEventListener("click", () => act(async () => {
    const holder = state.view.held_by;
    const force = Boolean(holder && holder.id !== state.me.id);
    if (force && !window.confirm(`${holder.name} holds this conversation. Take it over? The client will be told.`)) return;
    await api("POST", path("/takeover"), { force });
    await openConversation(state.open);
  }));

  $("handback").addEventListener("click", () => act(async () => {
    await api("POST", path("/handback"), {});
    await openConversation(state.open);
  }));

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => {
      const text = $("composer-text").value.trim();
      if (!text) return;
      const data = await api("POST", path("/messages"), { text });
      $("composer-text").value = "";
      appendMessages([{ ...data.message, internal: false }]);
    });
  });

  $("note").addEventListener("click", () => act(async () => {
    const text = $("composer-text").value.trim();
    if (!text) return;
    const data = await api("POST", path("/notes"), { text });
    $("composer-text").value = "";
    appendMessages([data.message]);
  }));

  $("priority-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => {
      await api("POST", ticketPath("/priority"), { priority: $("priority-select").value, reason: $("priority-reason").value });
      $("priority-reason").value = "";
      await openConversation(state.open);
    });
  });

  $("status-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => {
      await api("POST", ticketPath("/status"), { status: $("status-select").value, reason: $("status-reason").value || null });
      $("status-reason").value = "";
      await openConversation(state.open);
    });
  });

  $("resolve-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => {
      await api("POST", ticketPath("/resolve"), { resolution: $("resolution-text").value });
      $("resolution-text").value = "";
      await openConversation(state.open);
    });
  });

  // -- admins ---------------------------------------------------------------------------------

  $("show-audit").addEventListener("click", () => act(async () => {
    const [trail, users] = await Promise.all([api("GET", "/audit?limit=300"), api("GET", "/users")]);
    $("detail").hidden = true;
    $("audit").hidden = false;
    $("audit-rows").replaceChildren(...trail.entries.map((e) => {
      const row = el("tr");
      for (const value of [new Date(e.when).toLocaleString(), e.actor, e.action, e.conversation_id, e.ticket_number, e.detail]) row.append(el("td", "", value || ""));
      return row;
    }));
    $("users").replaceChildren(...users.users.map((u) => {
      const item = el("li", "", `${u.name} (${u.display_name}) · ${u.role}${u.disabled ? " · disabled" : ""} `);
      if (!u.disabled && u.name !== state.me.name) {
        const button = el("button", "secondary", "Disable");
        button.type = "button";
        button.addEventListener("click", () => act(async () => {
          if (!window.confirm(`Disable ${u.name}? Their sessions end at once.`)) return;
          await api("POST", `/users/${encodeURIComponent(u.name)}/disable`, {});
          $("show-audit").click();
        }));
        item.append(button);
      }
      return item;
    }));
  }));

  $("audit-close").addEventListener("click", () => { $("audit").hidden = true; if (state.open) $("detail").hidden = false; });

  // -- start ----------------------------------------------------------------------------------

  api("GET", "/me").then((data) => showApp(data.analyst)).catch(() => showSignin());
})();
