// The worker UI: sign in with a worker token, claim a task, fix the AI draft, submit.
// Every piece of task data is put on the page with textContent (or as a URL attribute of an
// <img>/<audio>/<a> after a scheme check), never as HTML; the page's CSP forbids inline script.
'use strict';

(function () {
  const TOKEN_KEY = 'microjobs.workerToken';
  const $ = (id) => document.getElementById(id);

  // The task in hand: its claim, how its draft was shown, and whether the worker cleared it.
  let current = null;
  let countdownTimer = null;

  // ------------------------------------------------------------------ API

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && problem.detail ? problem.detail : 'The request failed (' + status + ')');
      this.status = status;
    }
  }

  async function api(method, path, body) {
    const headers = { authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      if (response.status === 401) {
        signOut('Your token was not accepted. Sign in again.');
      }
      throw new ApiError(response.status, json);
    }
    return json;
  }

  // ------------------------------------------------------------------ helpers

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function show(message, isError) {
    const box = $('message');
    box.textContent = message;
    box.classList.toggle('error', Boolean(isError));
    box.hidden = !message;
  }

  function money(m) {
    if (!m) {
      return '';
    }
    // Minor units to a decimal amount; currencies without minor units (JPY) have none.
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency })
      .resolvedOptions().maximumFractionDigits;
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency })
      .format(m.amount / Math.pow(10, digits));
  }

  function safeUrl(value) {
    try {
      const url = new URL(String(value), location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function showView(name) {
    $('signin-view').hidden = name !== 'signin';
    $('work-view').hidden = name !== 'work';
    $('earnings-view').hidden = name !== 'earnings';
    $('nav').hidden = name === 'signin';
  }

  // ------------------------------------------------------------------ sign in

  async function signIn(event) {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) {
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    try {
      await start();
    } catch (e) {
      if (e.status !== 401) {
        show(e.message, true);
      }
    }
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    clearTask();
    showView('signin');
    show(message || '', Boolean(message));
  }

  async function start() {
    const me = await api('GET', '/v1/worker/me');
    show('');
    fillSkills(me.skills);
    showView('work');
    if (me.claims.length > 0) {
      showTask(me.claims[0]);
    }
    await loadQueue();
  }

  // ------------------------------------------------------------------ queue

  function fillSkills(skills) {
    const select = $('skill');
    while (select.options.length > 1) {
      select.remove(1);
    }
    skills.forEach((skill) => {
      const option = el('option', null, skill);
      option.value = skill;
      select.append(option);
    });
  }

  async function loadQueue() {
    const queue = await api('GET', '/v1/worker/queue');
    $('queue-total').textContent = queue.total === 1 ? '1 task you can claim' : queue.total + ' tasks you can claim';
    const list = $('queue-skills');
    list.replaceChildren();
    Object.keys(queue.skills).forEach((skill) => {
      list.append(el('li', null, skill + ': ' + queue.skills[skill]));
    });
  }

  async function claimNext() {
    $('claim').disabled = true;
    try {
      const skill = $('skill').value;
      const claim = await api('POST', '/v1/worker/claims', skill ? { skill } : {});
      if (claim === null) {
        show('Nothing to claim right now. Try again in a moment.');
        clearTask();
      } else {
        show('');
        showTask(claim);
      }
      await loadQueue();
    } catch (e) {
      show(e.message, true);
    } finally {
      $('claim').disabled = false;
    }
  }

  // ------------------------------------------------------------------ the task

  // Drafts are shown as editable text: a string as is, an array of strings one item per line,
  // any other JSON pretty-printed. On submit the text is turned back into the same shape.
  function draftShape(draft) {
    if (draft === null || draft === undefined) {
      return 'none';
    }
    if (typeof draft === 'string') {
      return 'text';
    }
    if (Array.isArray(draft) && draft.every((item) => typeof item === 'string')) {
      return 'lines';
    }
    return 'json';
  }

  function draftText(draft, shape) {
    switch (shape) {
      case 'none': return '';
      case 'text': return draft;
      case 'lines': return draft.join('\n');
      default: return JSON.stringify(draft, null, 2);
    }
  }

  function outputOf(text, shape) {
    if (shape === 'lines') {
      return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    }
    if (shape === 'json') {
      try {
        return JSON.parse(text);
      } catch (e) {
        return text;
      }
    }
    return text;
  }

  function showTask(claim) {
    const task = claim.task;
    const shape = draftShape(task.draft);
    const initial = draftText(task.draft, shape);
    current = { claim, shape, initial, cleared: shape === 'none' };

    $('task-title').textContent = task.title;
    $('task-type').textContent = task.type;
    $('task-reward').textContent = money(task.reward);
    $('task-instructions').textContent = task.instructions;
    renderInput($('task-input'), task.input);

    $('output').value = initial;
    $('output-label').textContent = shape === 'none' ? 'Your answer' : 'AI draft';
    $('draft-hint').textContent = {
      none: 'There is no AI draft for this task: write the answer.',
      text: 'Fix the draft, or clear it and write your own.',
      lines: 'One item per line. Fix, add or remove lines.',
      json: 'Structured draft as JSON. Keep it valid JSON.',
    }[shape];
    $('submit').disabled = false;
    $('task').hidden = false;
    startCountdown();
    $('output').focus();
  }

  function renderInput(container, input) {
    container.replaceChildren();
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      container.append(el('pre', null, JSON.stringify(input, null, 2)));
      return;
    }
    Object.keys(input).forEach((name) => {
      const value = input[name];
      const field = el('div', 'field');
      field.append(el('div', 'name', name));
      const url = typeof value === 'string' && /Url$/.test(name) ? safeUrl(value) : null;
      if (url && name === 'imageUrl') {
        const img = el('img');
        img.alt = 'Image to work on';
        img.src = url;
        field.append(img);
      } else if (url && name === 'audioUrl') {
        const audio = el('audio');
        audio.controls = true;
        audio.preload = 'metadata';
        audio.src = url;
        field.append(audio);
      } else if (url) {
        const link = el('a', null, url);
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        field.append(link);
      } else if (typeof value === 'string') {
        field.append(el('p', 'text', value));
      } else if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) {
        const list = el('ul', 'counts');
        value.forEach((item) => list.append(el('li', null, item)));
        field.append(list);
      } else {
        field.append(el('pre', null, typeof value === 'object' ? JSON.stringify(value, null, 2) : value));
      }
      container.append(field);
    });
  }

  function clearTask() {
    current = null;
    clearInterval(countdownTimer);
    countdownTimer = null;
    $('task').hidden = true;
  }

  function startCountdown() {
    clearInterval(countdownTimer);
    const tick = () => {
      if (!current) {
        return;
      }
      const left = Math.max(0, Math.floor((Date.parse(current.claim.leaseExpiresAt) - Date.now()) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, '0');
      $('countdown').textContent = left > 0 ? minutes + ':' + seconds : 'expired';
      document.querySelector('.lease').classList.toggle('expiring', left < 60);
      $('submit').disabled = left === 0;
      $('extend').disabled = left === 0
        || Date.parse(current.claim.leaseExpiresAt) >= Date.parse(current.claim.maxLeaseExpiresAt);
    };
    tick();
    countdownTimer = setInterval(tick, 1000);
  }

  async function extend() {
    if (!current) {
      return;
    }
    try {
      const claim = await api('POST', '/v1/worker/claims/' + encodeURIComponent(current.claim.id) + '/extend');
      current.claim.leaseExpiresAt = claim.leaseExpiresAt;
      startCountdown();
      show('Lease extended.');
    } catch (e) {
      show(e.message, true);
    }
  }

  async function release() {
    if (!current) {
      return;
    }
    try {
      await api('POST', '/v1/worker/claims/' + encodeURIComponent(current.claim.id) + '/release');
      clearTask();
      show('Task released.');
      await loadQueue();
    } catch (e) {
      show(e.message, true);
    }
  }

  // accepted: handed in as drafted; discarded: no draft, or the worker emptied the box and
  // wrote anew; edited: anything else.
  function draftUsed(text) {
    if (current.shape === 'none' || current.cleared) {
      return 'discarded';
    }
    return text === current.initial ? 'accepted' : 'edited';
  }

  async function submit(event) {
    if (event) {
      event.preventDefault();
    }
    if (!current || $('submit').disabled) {
      return;
    }
    const text = $('output').value;
    if (text.trim() === '') {
      show('Write the answer before submitting.', true);
      return;
    }
    $('submit').disabled = true;
    try {
      await api('POST', '/v1/worker/claims/' + encodeURIComponent(current.claim.id) + '/submit', {
        output: outputOf(text, current.shape),
        draftUsed: draftUsed(text),
      });
      clearTask();
      show('Submitted. Claiming the next task...');
      await claimNext();
    } catch (e) {
      show(e.message, true);
      $('submit').disabled = false;
    }
  }

  // ------------------------------------------------------------------ earnings

  async function showEarnings() {
    try {
      const me = await api('GET', '/v1/worker/me');
      $('earnings-pending').textContent = money(me.earnings.pending);
      $('earnings-paid').textContent = money(me.earnings.paid);
      const counts = $('submission-counts');
      counts.replaceChildren();
      Object.keys(me.submissions.counts).forEach((state) => {
        counts.append(el('li', null, state.toLowerCase() + ': ' + me.submissions.counts[state]));
      });
      const recent = $('recent');
      recent.replaceChildren();
      me.submissions.recent.forEach((item) => {
        const row = el('li');
        row.append(el('strong', null, item.title || item.taskId));
        row.append(el('div', 'hint', item.state.toLowerCase() + ' · ' + money(item.reward) + ' · '
          + new Date(item.submittedAt).toLocaleString() + ' · draft ' + item.draftUsed));
        recent.append(row);
      });
      if (me.submissions.recent.length === 0) {
        recent.append(el('li', 'hint', 'Nothing handed in yet.'));
      }
      const payouts = $('payouts');
      payouts.replaceChildren();
      me.payouts.forEach((payout) => {
        payouts.append(el('li', null, money(payout.amount) + ' · ' + payout.status + ' · '
          + new Date(payout.createdAt).toLocaleString()));
      });
      if (me.payouts.length === 0) {
        payouts.append(el('li', 'hint', 'No payouts yet.'));
      }
      showView('earnings');
      show('');
    } catch (e) {
      show(e.message, true);
    }
  }

  // ------------------------------------------------------------------ wiring

  document.addEventListener('DOMContentLoaded', () => {
    $('signin-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => signOut());
    $('nav-work').addEventListener('click', () => {
      showView('work');
      loadQueue().catch((e) => show(e.message, true));
    });
    $('nav-earnings').addEventListener('click', showEarnings);
    $('claim').addEventListener('click', claimNext);
    $('extend').addEventListener('click', extend);
    $('release').addEventListener('click', release);
    $('submit-form').addEventListener('submit', submit);
    $('output').addEventListener('input', () => {
      if (current && $('output').value.trim() === '') {
        current.cleared = true;
      }
    });
    $('output').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        submit(event);
      }
    });
    if (sessionStorage.getItem(TOKEN_KEY)) {
      start().catch((e) => {
        if (e.status !== 401) {
          show(e.message, true);
        }
      });
    } else {
      showView('signin');
    }
  });
}());
