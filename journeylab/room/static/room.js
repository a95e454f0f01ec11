// The participant's page of the JourneyLab live room.
//
// Everything that comes from the workshop or from other people (stage names, insights,
// names, the question) is put on the page with textContent or setAttribute, never as HTML.
// Answers wait in an outbox until the room acknowledges them; a resend carries the same id,
// so the room never counts an answer twice however often the network drops.
'use strict';

(function () {
  const base = location.pathname.replace(/\/+$/, '');
  let words = JSON.parse(document.getElementById('room-words').textContent);
  const main = document.getElementById('room');
  const outbox = new Map();      // ballot id -> message not yet acknowledged
  let state = null;              // the room's last state message
  let mine = {};                 // item -> this phone's answer, as shown
  const itemNote = {};           // item -> {kind: 'saving'|'saved'|'error', text}
  const ackSeq = {};             // item -> seq of its last acknowledged ballot
  let channel = null;            // {send(message)} while connected
  let online = false;
  let version = 0;
  let clockOffset = 0;           // the room's clock minus this phone's, in ms
  let socketFailures = 0;
  let polling = false;
  let choosingName = false;
  let built = '';                // what the drawn structure was made for
  let parts = {};                // the elements to update in place
  let notice = '';               // a refusal that belongs to no answer
  let everOnline = false;
  const startedAt = Date.now();

  const storage = (() => { try { return window.localStorage; } catch (e) { return null; } })();
  const NAME_KEY = 'journeylab-room-name';
  const storedName = () => (storage ? storage.getItem(NAME_KEY) : null);

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined && text !== null) made.textContent = text;
    return made;
  }

  function newId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function number(value, digits) {
    const shown = new Intl.NumberFormat(words.language, {
      minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero',
    }).format(value);
    return shown.replace(/-/g, '\u2212');
  }

  // --- the channel: a websocket, or long-polling where the network cuts websockets ----------

  function connectSocket() {
    let socket;
    try {
      if (typeof WebSocket !== 'function') throw new Error('no websocket');
      socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + base + '/ws');
    } catch (e) {
      startPolling();
      return;
    }
    let opened = false;
    let openedAt = 0;
    const giveUp = setTimeout(() => { if (!opened) socket.close(); }, 6000);
    socket.onopen = () => {
      opened = true;
      openedAt = Date.now();
      clearTimeout(giveUp);
      channel = { send: (message) => socket.send(JSON.stringify(message)) };
      setOnline(true);
      sayHello();
      flush();
    };
    socket.onmessage = (event) => receive(JSON.parse(event.data));
    socket.onclose = () => {
      clearTimeout(giveUp);
      channel = null;
      setOnline(false);
      // a proxy that cuts websockets may let one open and close it at once
      if (!opened || Date.now() - openedAt < 5000) socketFailures += 1;
      else socketFailures = 0;
      const again = () => setTimeout(connectSocket, 1000 + Math.random() * 2000);
      if (socketFailures < 2) {
        again();
        return;
      }
      // the room answers plain requests but not websockets: a network that cuts them.
      // If it answers nothing, it is away (restarting): keep trying the websocket.
      fetchState(-1).then(startPolling, again);
    };
  }

  function startPolling() {
    if (polling) return;
    polling = true;
    let sending = Promise.resolve();
    channel = {
      send: (message) => {
        sending = sending.then(() => post(message));
      },
    };
    sayHello();
    flush();
    poll();
  }

  async function post(message) {
    try {
      const response = await fetch(base + '/ballot', {
        method: 'POST', credentials: 'same-origin', cache: 'no-store',
        headers: { 'Content-Type': 'application/json', 'X-JourneyLab': '1' },
        body: JSON.stringify(message),
      });
      if (!response.ok) throw new Error(String(response.status));
      const answer = await response.json();
      receive(answer);
      if (answer.type === 'refused') fetchState(-1);
    } catch (e) {
      setOnline(false);  // kept in the outbox: sent again once the room answers
    }
  }

  async function fetchState(since) {
    const response = await fetch(base + '/state?since=' + since, {
      credentials: 'same-origin', cache: 'no-store', headers: { 'X-JourneyLab': '1' },
    });
    if (!response.ok) throw new Error(String(response.status));
    receive(await response.json());
  }

  async function poll() {
    for (;;) {
      try {
        await fetchState(version);
        if (!online) { setOnline(true); sayHello(); flush(); }
      } catch (e) {
        setOnline(false);
        await new Promise((done) => setTimeout(done, 2000));
      }
    }
  }

  function sayHello() {
    if (channel) channel.send({ type: 'hello', name: storedName() });
  }

  function flush() {
    if (!channel) return;
    for (const message of outbox.values()) channel.send(message);
  }

  function setOnline(now) {
    online = now;
    if (now) everOnline = true;
    draw();
  }

  // --- what the room says ------------------------------------------------------------------

  function receive(message) {
    if (message.type === 'state') {
      const before = state && state.round ? state.round.id : null;
      state = message;
      words = message.words;
      version = message.version;
      clockOffset = message.now * 1000 - Date.now();
      const round = message.round;
      if (!round || round.id !== before) {
        for (const key of Object.keys(itemNote)) delete itemNote[key];
        for (const key of Object.keys(ackSeq)) delete ackSeq[key];
        for (const [id, ballot] of outbox) if (!round || ballot.round !== round.id) outbox.delete(id);
        mine = {};
      }
      const kept = mine;
      mine = Object.assign({}, message.mine);
      for (const item of Object.keys(ackSeq)) {  // this answer is newer than the state
        if (ackSeq[item] > message.seq) setAnswer(item, kept[item]);
      }
      for (const ballot of outbox.values()) setAnswer(ballot.item, ballot.value);
      if (message.name) choosingName = false;
      draw();
    } else if (message.type === 'ack') {
      const ballot = outbox.get(message.id);
      if (ballot) {
        outbox.delete(message.id);
        ackSeq[ballot.item] = Math.max(ackSeq[ballot.item] || 0, message.seq);
        const waiting = [...outbox.values()].some((other) => other.item === ballot.item);
        if (!waiting) itemNote[ballot.item] = { kind: 'saved', text: words.saved };
        draw();
      }
    } else if (message.type === 'refused') {
      const ballot = message.id ? outbox.get(message.id) : null;
      if (ballot) {
        outbox.delete(message.id);
        itemNote[ballot.item] = { kind: 'error', text: fill(words.not_saved, { message: message.message }) };
      } else {
        notice = message.message;
      }
      draw();
    }
  }

  function setAnswer(item, value) {
    if (value === null || value === undefined) delete mine[item];
    else mine[item] = value;
  }

  function answer(item, value) {
    const round = state.round;
    const ballot = { type: 'ballot', id: newId(), round: round.id, item, value };
    outbox.set(ballot.id, ballot);
    setAnswer(item, value);
    itemNote[item] = { kind: 'saving', text: words.saving };
    notice = '';
    draw();
    if (channel) channel.send(ballot);
  }

  // --- drawing -----------------------------------------------------------------------------

  function secondsLeft(round) {
    if (!round || round.ends_at === null || round.ends_at === undefined) return null;
    return Math.max(0, Math.round((round.ends_at * 1000 - (Date.now() + clockOffset)) / 1000));
  }

  function takesAnswers(round) {
    const left = secondsLeft(round);
    return round.state === 'open' && (left === null || left > 0);
  }

  function needsName(round) {
    return !round.anonymous && (choosingName || !state.name);
  }

  function draw() {
    const round = state && state.round;
    document.documentElement.lang = words.language;
    document.title = words.title;
    const shape = round ? JSON.stringify([round.id, round.kind, round.items, round.participants,
      needsName(round), words.language]) : 'none:' + words.language;
    if (shape !== built) build(round);
    built = shape;
    update(round);
  }

  function build(round) {
    main.replaceChildren();
    parts = { items: {} };
    parts.title = main.appendChild(element('h1', 'room-title'));
    parts.status = main.appendChild(element('p', 'room-status'));
    parts.status.setAttribute('role', 'status');
    parts.notice = main.appendChild(element('p', 'room-problem'));
    parts.notice.setAttribute('role', 'alert');
    parts.timer = main.appendChild(element('p', 'room-timer'));
    if (!round) return;
    if (needsName(round)) {
      buildNames(round);
      return;
    }
    if (!round.anonymous) {
      parts.who = main.appendChild(element('p', 'room-who'));
      parts.whoText = parts.who.appendChild(element('span'));
      parts.whoButton = parts.who.appendChild(element('button', 'room-button room-small'));
      parts.whoButton.type = 'button';
      parts.whoButton.addEventListener('click', () => { choosingName = true; draw(); });
    }
    if (round.kind === 'votes') {
      parts.dots = main.appendChild(element('p', 'room-dots'));
      parts.dots.setAttribute('aria-live', 'polite');
    } else {
      main.appendChild(element('p', 'room-hint', words.clear_hint));
    }
    parts.tooFew = main.appendChild(element('p', 'room-hint room-too-few'));
    const list = main.appendChild(element('div', 'room-items'));
    round.items.forEach((item, index) => {
      const section = list.appendChild(element('section', 'room-item room-' + round.kind));
      const heading = section.appendChild(element('h2', 'room-item-label', item.label));
      heading.id = 'item-' + index;
      section.setAttribute('aria-labelledby', heading.id);
      if (item.detail) section.appendChild(element('p', 'room-item-detail', item.detail));
      const made = round.kind === 'emotions' ? buildFaces(section, item, heading.id)
        : buildCounter(section, item);
      made.note = section.appendChild(element('p', 'room-note'));
      made.note.setAttribute('aria-live', 'polite');
      made.result = section.appendChild(element('p', 'room-result'));
      parts.items[item.id] = made;
    });
  }

  function buildNames(round) {
    const section = main.appendChild(element('section', 'room-names'));
    const heading = section.appendChild(element('h2', 'room-item-label', words.who));
    heading.id = 'who';
    const list = section.appendChild(element('div', 'room-name-list'));
    list.setAttribute('role', 'group');
    list.setAttribute('aria-labelledby', 'who');
    for (const person of round.participants) {
      const button = list.appendChild(element('button', 'room-button room-name', person.label));
      button.type = 'button';
      button.addEventListener('click', () => {
        if (storage) storage.setItem(NAME_KEY, person.id);
        choosingName = false;
        state.name = person.id;
        if (channel) channel.send({ type: 'hello', name: person.id });
        draw();
      });
    }
  }

  function buildFaces(section, item, labelId) {
    const group = section.appendChild(element('div', 'room-faces'));
    group.setAttribute('role', 'group');
    group.setAttribute('aria-labelledby', labelId);
    const buttons = {};
    for (const face of words.faces) {
      const button = group.appendChild(element('button', 'room-face'));
      button.type = 'button';
      button.appendChild(element('span', 'room-face-emoji', face.face)).setAttribute('aria-hidden', 'true');
      button.appendChild(element('span', 'room-face-number', face.number));
      button.appendChild(element('span', 'room-face-word', face.word));
      button.addEventListener('click', () => {
        if (!takesAnswers(state.round)) return;
        answer(item.id, mine[item.id] === face.score ? null : face.score);
      });
      buttons[face.score] = button;
    }
    return { buttons };
  }

  function buildCounter(section, item) {
    const row = section.appendChild(element('div', 'room-counter'));
    const less = row.appendChild(element('button', 'room-button room-step', '\u2212'));
    less.type = 'button';
    less.setAttribute('aria-label', fill(words.remove_dot, { item: item.label }));
    const count = row.appendChild(element('span', 'room-count'));
    count.setAttribute('aria-live', 'polite');
    const more = row.appendChild(element('button', 'room-button room-step', '+'));
    more.type = 'button';
    more.setAttribute('aria-label', fill(words.add_dot, { item: item.label }));
    less.addEventListener('click', () => {
      const now = mine[item.id] || 0;
      if (takesAnswers(state.round) && now > 0) answer(item.id, now - 1);
    });
    more.addEventListener('click', () => {
      const now = mine[item.id] || 0;
      if (takesAnswers(state.round) && dotsLeft(state.round) > 0) answer(item.id, now + 1);
    });
    return { less, more, count };
  }

  function dotsLeft(round) {
    const used = round.items.reduce((sum, item) => sum + (mine[item.id] || 0), 0);
    return Math.max(0, round.dots - used);
  }

  function update(round) {
    parts.title.textContent = round ? round.question : words.title;
    let status = '';
    if (!online && (everOnline || Date.now() - startedAt > 3000)) status = words.reconnecting;
    else if (!round) status = words.waiting;
    else if (round.state === 'closed') status = words.closed;
    else if (secondsLeft(round) === 0) status = words.time_up;
    parts.status.textContent = status;
    parts.status.hidden = !status;
    parts.notice.textContent = notice;
    parts.notice.hidden = !notice;
    drawTimer(round);
    if (!round || needsName(round)) return;
    const open = takesAnswers(round);
    if (parts.who) {
      const person = round.participants.find((p) => p.id === state.name);
      const label = person ? person.label : '';
      parts.whoText.textContent = fill(words.you_are, { name: label }) + ' ';
      parts.whoButton.textContent = fill(words.not_you, { name: label });
    }
    if (parts.dots) {
      parts.dots.textContent = fill(words.dots_left, { left: dotsLeft(round), dots: round.dots });
    }
    const results = state.results;
    const hidden = results && results.items === null;
    parts.tooFew.textContent = hidden ? words.too_few : '';
    parts.tooFew.hidden = !hidden;
    for (const item of round.items) {
      const made = parts.items[item.id];
      const given = mine[item.id];
      if (made.buttons) {
        for (const [score, button] of Object.entries(made.buttons)) {
          const chosen = given === Number(score);
          button.setAttribute('aria-pressed', chosen ? 'true' : 'false');
          button.classList.toggle('room-chosen', chosen);
          button.disabled = !open;
        }
      } else {
        made.count.textContent = fill(words.dots_placed, { count: given || 0 });
        made.less.disabled = !open || !given;
        made.more.disabled = !open || dotsLeft(round) === 0;
      }
      const note = itemNote[item.id];
      made.note.textContent = note ? note.text : '';
      made.note.className = 'room-note' + (note ? ' room-note-' + note.kind : '');
      made.note.hidden = !note;
      let shown = '';
      if (results && results.items) {
        const result = results.items[item.id];
        if (round.kind === 'emotions' && result && result.count) {
          shown = fill(words.mean, { mean: number(result.mean, 1), count: result.count });
        } else if (round.kind === 'votes') {
          shown = fill(words.dots_total, { count: result || 0 });
        }
      }
      made.result.textContent = shown;
      made.result.hidden = !shown;
    }
  }

  function drawTimer(round) {
    const left = secondsLeft(round);
    const running = round && round.state === 'open' && left !== null && left > 0;
    parts.timer.hidden = !running;
    if (running) {
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, '0');
      parts.timer.textContent = fill(words.time_left, { time: minutes + ':' + seconds });
    }
  }

  setInterval(() => {
    const round = state && state.round;
    if (!online || (round && round.ends_at !== null && round.ends_at !== undefined)) draw();
  }, 1000);

  state = null;
  setOnline(false);
  connectSocket();
}());
