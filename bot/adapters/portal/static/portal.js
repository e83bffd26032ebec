// The portal chat page: plain ES2020, no build step, nothing loaded from elsewhere.
// Client text is only ever inserted with textContent; bot text is escaped first and then
// given a few markdown-light conversions (bold, links, bullets, line breaks).
"use strict";

(() => {
  const STORAGE_KEY = "deskbot.conversation";
  const MAX_LENGTH = 4000;
  const DESK_ZONE = "America/Chicago";
  const AUTHOR_LABEL = { client: "You", bot: "Support assistant", analyst: "Service desk analyst", system: "Service desk" };

  const els = {
    list: document.getElementById("messages"),
    form: document.getElementById("composer"),
    input: document.getElementById("input"),
    send: document.getElementById("send"),
    counter: document.getElementById("counter"),
    error: document.getElementById("error"),
    status: document.getElementById("status"),
    newChat: document.getElementById("new-chat"),
  };

  const state = { id: null, token: null, messages: new Map(), sending: false, stream: null };

  const dueFormat = new Intl.DateTimeFormat("en-US", {
    timeZone: DESK_ZONE, weekday: "short", month: "short", day: "numeric",
    hour: "numeric", minute: "2-digit", timeZoneName: "short",
  });
  const clockFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
  const numberFormat = new Intl.NumberFormat("en-US");

  // -- markdown-light -------------------------------------------------------------------

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function safeHref(escapedUrl) {
    // The URL is already escaped, so it cannot leave the attribute; only allow harmless schemes.
    return /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i.test(escapedUrl) ? escapedUrl : null;
  }

  function inline(escaped) {
    return escaped
      .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, label, url) => {
        const href = safeHref(url);
        return href ? `<a href="${href}" target="_blank" rel="noopener noreferrer">${label}</a>` : label;
      })
      .replace(/\*\*([^*\n]+?)\*\*/g, "<strong>$1</strong>");
  }

  function markdownLight(text) {
    const blocks = [];
    let paragraph = [];
    let bullets = [];
    const flushParagraph = () => {
      if (paragraph.length) blocks.push(`<p>${paragraph.map(inline).join("<br>")}</p>`);
      paragraph = [];
    };
    const flushBullets = () => {
      if (bullets.length) blocks.push(`<ul>${bullets.map((b) => `<li>${inline(b)}</li>`).join("")}</ul>`);
      bullets = [];
    };
    for (const line of escapeHtml(text).split("\n")) {
      const bullet = /^\s*[-*] (.*)$/.exec(line);
      if (bullet) {
        flushParagraph();
        bullets.push(bullet[1]);
      } else if (!line.trim()) {
        flushParagraph();
        flushBullets();
      } else {
        flushBullets();
        paragraph.push(line);
      }
    }
    flushParagraph();
    flushBullets();
    return blocks.join("");
  }

  // -- building messages ----------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function formatDue(iso) {
    if (!iso) return null;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : dueFormat.format(date);
  }

  function articleCard(article) {
    const item = el("li", "article-card");
    item.dataset.slug = article.slug;
    const link = el("a", "article-title", article.title || article.slug);
    link.href = `/kb/${encodeURIComponent(article.slug)}`;
    link.target = "_blank";
    link.rel = "noopener";
    item.append(link);
    if (article.summary) item.append(el("p", "article-summary", article.summary));
    return item;
  }

  function ticketCard(ticket) {
    const card = el("section", "ticket-card");
    card.setAttribute("aria-label", `Ticket ${ticket.number}`);
    const head = el("div", "ticket-head");
    head.append(el("span", "ticket-label", "Ticket"), el("strong", "ticket-number", ticket.number));
    const priority = el("span", `priority priority-${String(ticket.priority).toLowerCase()}`, ticket.priority);
    head.append(priority);
    card.append(head);
    const rows = el("dl", "ticket-rows");
    const add = (label, value) => {
      if (!value) return;
      rows.append(el("dt", null, label), el("dd", null, value));
    };
    if (ticket.assessed_priority && ticket.assessed_priority !== ticket.priority) {
      const note = ticket.after_hours
        ? `${ticket.assessed_priority} from what you told us; handled as ${ticket.priority} because it came in after hours`
        : ticket.assessed_priority;
      add("Assessed priority", note);
    } else if (ticket.after_hours) {
      add("Received", "After hours: handled the next business day");
    }
    add("First response by", formatDue(ticket.first_response_due));
    add("Next update by", formatDue(ticket.next_update_due));
    add("Resolution target", formatDue(ticket.resolution_due) || "No guaranteed resolution time");
    card.append(rows);
    return card;
  }

  function messageNode(message) {
    const item = el("li", `msg msg-${message.author}`);
    item.dataset.seq = String(message.seq);
    if (message.expects) item.dataset.expects = message.expects;
    const meta = el("div", "msg-meta");
    let who = AUTHOR_LABEL[message.author] || "Service desk";
    if (message.author === "analyst" && message.author_name) who = `${message.author_name} · ${who}`;
    meta.append(el("span", "msg-author", who));
    const when = new Date(message.created_at);
    if (!Number.isNaN(when.getTime())) {
      const time = el("time", "msg-time", clockFormat.format(when));
      time.dateTime = message.created_at;
      meta.append(time);
    }
    const body = el("div", "msg-body");
    if (message.author === "client") {
      body.classList.add("plain");
      body.textContent = message.text;
    } else {
      body.innerHTML = markdownLight(message.text || "");
    }
    item.append(meta, body);
    if (message.articles && message.articles.length) {
      const cards = el("ul", "article-cards");
      cards.setAttribute("aria-label", "Suggested articles");
      message.articles.forEach((a) => cards.append(articleCard(a)));
      item.append(cards);
    }
    if (message.ticket) item.append(ticketCard(message.ticket));
    return item;
  }

  // -- the list -------------------------------------------------------------------------

  function lastSeq() {
    let max = 0;
    for (const seq of state.messages.keys()) max = Math.max(max, seq);
    return max;
  }

  function addMessages(messages) {
    let added = false;
    for (const message of messages) {
      if (typeof message.seq !== "number" || state.messages.has(message.seq)) continue;
      state.messages.set(message.seq, message);
      const node = messageNode(message);
      const later = [...els.list.children].find((child) => Number(child.dataset.seq) > message.seq);
      els.list.insertBefore(node, later || null);
      added = true;
    }
    if (added) {
      renderActions();
      window.scrollTo({ top: document.body.scrollHeight });
    }
  }

  function button(label, id, onPress, className = "action") {
    const b = el("button", className, label);
    b.type = "button";
    b.dataset.action = id;
    b.addEventListener("click", onPress);
    return b;
  }

  function renderActions() {
    els.list.querySelectorAll(".actions, .solved").forEach((node) => node.remove());
    const ordered = [...state.messages.values()].sort((a, b) => a.seq - b.seq);
    const last = ordered[ordered.length - 1];
    if (!last || last.author !== "bot" || !last.actions || !last.actions.length) return;
    const node = els.list.querySelector(`[data-seq="${last.seq}"]`);
    const group = el("div", "actions");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Choices");
    const source = last.articles && last.articles.length ? last : ordered.filter((m) => m.articles && m.articles.length).pop();
    const articles = source ? source.articles : [];
    for (const action of last.actions) {
      if (action.id === "kb_solved" && articles.length > 1) {
        addSolvedButtons(source);
        continue;
      }
      const article = action.id === "kb_solved" && articles.length === 1 ? articles[0].slug : null;
      group.append(button(action.label, action.id, () => send(article ? { action: action.id, article } : { action: action.id })));
    }
    if (group.children.length) node.append(group);
  }

  function addSolvedButtons(source) {
    const node = els.list.querySelector(`[data-seq="${source.seq}"]`);
    for (const card of node.querySelectorAll(".article-card")) {
      const slug = card.dataset.slug;
      const title = card.querySelector(".article-title").textContent;
      const b = button("This solved it", "kb_solved", () => send({ action: "kb_solved", article: slug }), "action solved");
      b.setAttribute("aria-label", `This solved it: ${title}`);
      card.append(b);
    }
  }

  // -- talking to the server -------------------------------------------------------------

  async function api(path, { method = "GET", body } = {}) {
    const headers = { Accept: "application/json" };
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw Object.assign(new Error("We couldn't reach the service desk. Check your connection and try again."), { status: 0 });
    }
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    if (!response.ok) {
      const message = data && data.error && data.error.message
        ? data.error.message
        : `Something went wrong (HTTP ${response.status}). Please try again.`;
      throw Object.assign(new Error(message), { status: response.status });
    }
    return data;
  }

  function remember() {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ id: state.id, token: state.token }));
  }

  function saved() {
    try {
      const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
      return value && typeof value.id === "string" && typeof value.token === "string" ? value : null;
    } catch (err) {
      return null;
    }
  }

  async function startConversation() {
    state.token = null;
    const data = await api("/api/conversations", { method: "POST" });
    state.id = data.id;
    state.token = data.token;
    remember();
    addMessages(data.messages);
  }

  async function resume(previous) {
    state.id = previous.id;
    state.token = previous.token;
    try {
      const data = await api(`/api/conversations/${encodeURIComponent(state.id)}/messages?after=0`);
      addMessages(data.messages);
      return true;
    } catch (err) {
      if ([401, 403, 404].includes(err.status)) {
        sessionStorage.removeItem(STORAGE_KEY);
        return false;
      }
      throw err;
    }
  }

  async function catchUp() {
    const data = await api(`/api/conversations/${encodeURIComponent(state.id)}/messages?after=${lastSeq()}`);
    addMessages(data.messages);
  }

  function listen() {
    if (state.stream) state.stream.close();
    const query = `after=${lastSeq()}&token=${encodeURIComponent(state.token)}`;
    const stream = new EventSource(`/api/conversations/${encodeURIComponent(state.id)}/stream?${query}`);
    stream.addEventListener("message", (event) => {
      try {
        addMessages([JSON.parse(event.data)]);
      } catch (err) {
        // A malformed event is skipped; the next catch-up fetch fills any gap.
      }
    });
    stream.addEventListener("error", () => {
      // The browser retries dropped streams itself; a refused one (CLOSED) we reopen later.
      if (stream.readyState === EventSource.CLOSED && state.stream === stream) {
        setTimeout(() => { if (state.stream === stream) listen(); }, 5000);
      }
    });
    state.stream = stream;
  }

  // -- the composer ----------------------------------------------------------------------

  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = !message;
  }

  function textLength() {
    return [...els.input.value].length;
  }

  function updateCounter() {
    const length = textLength();
    els.counter.textContent = `${numberFormat.format(length)} / ${numberFormat.format(MAX_LENGTH)}`;
    els.counter.classList.toggle("over", length > MAX_LENGTH);
  }

  function setSending(sending) {
    state.sending = sending;
    els.input.disabled = sending;
    els.send.disabled = sending;
    els.send.textContent = sending ? "Sending…" : "Send";
    els.list.querySelectorAll(".actions button, button.solved").forEach((b) => { b.disabled = sending; });
  }

  async function send(body) {
    if (state.sending || !state.id) return false;
    showError("");
    setSending(true);
    let ok = false;
    try {
      const data = await api(`/api/conversations/${encodeURIComponent(state.id)}/messages`, { method: "POST", body });
      const before = lastSeq();
      addMessages(data.messages);
      // Our own message reaches us over the stream; fetch it if the stream has not delivered yet.
      if (!data.messages.length || data.messages[0].seq > before + 1) await catchUp();
      ok = true;
    } catch (err) {
      showError(err.message);
    } finally {
      setSending(false);
      els.input.focus();
    }
    return ok;
  }

  async function sendTyped() {
    const text = els.input.value;
    if (!text.trim()) {
      showError("Type a message first.");
      els.input.focus();
      return;
    }
    if (textLength() > MAX_LENGTH) {
      showError(`The message is over ${numberFormat.format(MAX_LENGTH)} characters. Please split it into shorter messages.`);
      els.input.focus();
      return;
    }
    if (await send({ text })) {
      els.input.value = "";
      updateCounter();
    }
  }

  els.form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendTyped();
  });
  els.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendTyped();
    }
  });
  els.input.addEventListener("input", updateCounter);
  els.newChat.addEventListener("click", () => {
    sessionStorage.removeItem(STORAGE_KEY);
    window.location.reload();
  });

  async function boot() {
    updateCounter();
    els.status.textContent = "Connecting…";
    try {
      const previous = saved();
      if (!previous || !(await resume(previous))) await startConversation();
      els.status.textContent = "";
      listen();
    } catch (err) {
      els.status.textContent = "";
      showError(`${err.message} Reload the page to try again.`);
    } finally {
      els.input.focus();
    }
  }

  boot();
})();
