/*
 * The operator console: plain JavaScript against the starter's REST API (the same API the CLI uses), no build step.
 * Views: #/ (postings list with filters and counts by state), #/postings/<id> (timeline, actions, its reversal),
 * #/reversals (reversals, by default the ones to do by hand, each markable as done), #/batches (the batches),
 * #/batches/<id> (one batch: counts by state, starts, invalid rows by line, its results file), #/reconciliations
 * (reports of a connection's ledger against the registry, open operator tasks first) and #/reconciliations/<id> (one
 * report).
 * The API key is asked once and kept in sessionStorage, so it leaves with the tab; every text from the API is put in
 * the page as text (never as HTML), so a reference or an error message cannot inject markup.
 */
(function () {
  'use strict';

  const KEY_STORAGE = 'postings.apiKey';
  const STATES = ['RECEIVED', 'SUBMITTING', 'AWAITING_JOB', 'AWAITING_APPROVAL', 'DISCOVERING_RECORD', 'CONFIRMED',
    'REJECTED', 'PARKED', 'NEEDS_ATTENTION', 'CANCELLED', 'COMPENSATED', 'REVERSED'];
  const PROVIDERS = ['PROPERTYWARE', 'RESMAN', 'ACQUAINT', 'STOREDGE'];
  const AGES = [['', 'any age'], ['PT5M', 'older than 5 minutes'], ['PT1H', 'older than 1 hour'],
    ['PT24H', 'older than 1 day'], ['P7D', 'older than 7 days']];
  const ENDED = ['CONFIRMED', 'REJECTED', 'CANCELLED', 'COMPENSATED', 'REVERSED'];
  const REVERSAL_STATES = ['REVERSING', 'SETTLING', 'NEEDS_ATTENTION', 'ESCALATED', 'REVERSED'];
  /** A reversal in these states is an operator task: reverse by hand, then mark it done. */
  const BY_HAND = ['NEEDS_ATTENTION', 'ESCALATED'];

  // Which actions make sense in which state (approvalOnly: only while the posting is at its approval step). The posting
  // itself still decides (a refusal comes back as 409 and is shown); this only keeps the page from offering what cannot
  // apply.
  const ACTIONS = {
    resolve: {
      title: 'Resolve with a record', verb: 'Resolve', style: 'primary',
      help: 'The payment is on the ledger as this record: it is read back and confirmed if it matches.',
      fields: [{name: 'recordId', label: 'Record id', required: true}, {name: 'note', label: 'Note'}],
      states: ['NEEDS_ATTENTION', 'AWAITING_APPROVAL']
    },
    approve: {
      title: 'Approve', verb: 'Approve', style: 'primary',
      help: 'The PMC approved the payment and this is its record: it is read back and confirmed if it matches.',
      fields: [{name: 'recordId', label: 'Record id', required: true}, {name: 'note', label: 'Note'}],
      states: ['AWAITING_APPROVAL', 'NEEDS_ATTENTION'],
      approvalOnly: true
    },
    reject: {
      title: 'Reject', verb: 'Reject', style: 'danger',
      help: 'The approver rejected the payment: the posting ends REJECTED, nothing posted.',
      fields: [{name: 'reason', label: 'Reason', required: true}],
      states: ['AWAITING_APPROVAL', 'NEEDS_ATTENTION'],
      approvalOnly: true
    },
    retry: {
      title: 'Retry now', verb: 'Retry', style: 'primary',
      help: 'Try the parked step again now instead of after its back-off.',
      fields: [],
      states: ['PARKED']
    },
    cancel: {
      title: 'Cancel', verb: 'Cancel posting', style: 'danger',
      help: 'Stop waiting for approval: the posting ends CANCELLED (reject it in the PMC\'s queue too).',
      fields: [{name: 'reason', label: 'Reason', required: true}],
      states: ['AWAITING_APPROVAL', 'NEEDS_ATTENTION'],
      approvalOnly: true
    },
    reverse: {
      title: 'Reverse', verb: 'Reverse', style: 'danger',
      help: 'Undo a confirmed payment on the ledger (an offsetting entry, or a manual task).',
      fields: [{name: 'reason', label: 'Reason', required: true}],
      states: ['CONFIRMED']
    }
  };

  const view = document.getElementById('view');

  // ---------------------------------------------------------------- small helpers

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function badge(state) {
    return el('span', {class: 'badge state-' + (state || 'UNKNOWN'), 'data-state': state || ''}, state || 'unknown');
  }

  function parseInstant(iso) {
    if (!iso) return null;
    const at = new Date(iso);
    return isNaN(at.getTime()) ? null : at;
  }

  function span(ms) {
    let seconds = Math.max(0, Math.floor(ms / 1000));
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor(seconds % 86400 / 3600);
    const minutes = Math.floor(seconds % 3600 / 60);
    seconds = seconds % 60;
    if (days > 0) return days + 'd ' + hours + 'h';
    if (hours > 0) return hours + 'h ' + minutes + 'm';
    if (minutes > 0) return minutes + 'm ' + seconds + 's';
    return seconds + 's';
  }

  function relative(at) {
    const ms = Date.now() - at.getTime();
    return ms < 0 ? 'in ' + span(-ms) : span(ms) + ' ago';
  }

  function absolute(at) {
    return at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  /** "12m 3s ago" with the absolute UTC time below it (and in the tooltip). */
  function when(iso) {
    const at = parseInstant(iso);
    if (!at) return el('span', {class: 'when muted'}, iso || '—');
    return el('span', {class: 'when', title: absolute(at)}, relative(at), el('small', {}, absolute(at)));
  }

  function money(amount) {
    if (!amount || amount.minor === undefined || amount.minor === null) return '';
    let digits = 2;
    try {
      digits = new Intl.NumberFormat('en', {style: 'currency', currency: amount.currency})
        .resolvedOptions().maximumFractionDigits;
    } catch (unknownCurrency) { /* two decimals */ }
    const major = (Number(amount.minor) / Math.pow(10, digits)).toFixed(digits);
    return major + ' ' + (amount.currency || '');
  }

  // ---------------------------------------------------------------- the API

  function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  class ApiError extends Error {
    constructor(status, body) {
      super(reasonOf(status, body));
      this.status = status;
      this.body = body;
    }
  }

  function reasonOf(status, body) {
    if (body && body.message) return body.message;
    if (body && Array.isArray(body.errors) && body.errors.length) {
      return body.errors.map((e) => (e.field ? e.field + ': ' : '') + e.message).join('; ');
    }
    if (body && body.error) return body.error;
    return 'HTTP ' + status;
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method: method,
      headers: Object.assign({'X-Api-Key': apiKey() || '', 'Accept': 'application/json'},
        body === undefined ? {} : {'Content-Type': 'application/json'}),
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let json = null;
    try { json = await response.json(); } catch (empty) { /* no body */ }
    if (response.status === 401) {
      sessionStorage.removeItem(KEY_STORAGE);
      showLogin('Your API key was not accepted (' + reasonOf(401, json) + '). Sign in again.');
      throw new ApiError(401, json);
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  // ---------------------------------------------------------------- sign in

  function showLogin(message) {
    document.getElementById('sign-out').hidden = true;
    document.getElementById('who').textContent = '';
    view.replaceChildren(document.getElementById('login-template').content.cloneNode(true));
    const error = document.getElementById('login-error');
    if (message) {
      error.textContent = message;
      error.hidden = false;
    }
    const input = document.getElementById('api-key');
    input.focus();
    document.getElementById('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY_STORAGE, input.value.trim());
      try {
        await api('GET', '/api/postings?limit=1');
        route();
      } catch (refused) {
        if (refused.status !== 401) {
          error.textContent = 'Cannot check the key: ' + refused.message;
          error.hidden = false;
        }
      }
    });
  }

  document.getElementById('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    location.hash = '#/';
    showLogin();
  });

  // ---------------------------------------------------------------- the list

  function filtersFromHash() {
    const query = new URLSearchParams((location.hash.split('?')[1]) || '');
    return {
      states: query.getAll('state'),
      provider: query.get('provider') || '',
      olderThan: query.get('olderThan') || '',
      reference: query.get('reference') || ''
    };
  }

  function hashFor(filters) {
    const query = new URLSearchParams();
    filters.states.forEach((s) => query.append('state', s));
    if (filters.provider) query.set('provider', filters.provider);
    if (filters.olderThan) query.set('olderThan', filters.olderThan);
    if (filters.reference) query.set('reference', filters.reference);
    const text = query.toString();
    return '#/' + (text ? '?' + text : '');
  }

  function select(id, options, selected, attrs) {
    return el('select', Object.assign({id: id}, attrs || {}),
      options.map(([value, label]) => el('option', {value: value, selected: selected.includes(value)}, label)));
  }

  async function showList() {
    const filters = filtersFromHash();
    const stateSelect = select('filter-state', [['', 'any state']].concat(STATES.map((s) => [s, s])),
      filters.states.length ? filters.states : ['']);
    const providerSelect = select('filter-provider', [['', 'any provider']].concat(PROVIDERS.map((p) => [p, p])),
      [filters.provider]);
    const ageSelect = select('filter-age', AGES, [filters.olderThan]);
    const referenceInput = el('input', {id: 'filter-reference', type: 'search', placeholder: 'exact reference',
      value: filters.reference});
    const form = el('form', {class: 'filters', id: 'filters'},
      el('div', {}, el('label', {for: 'filter-state'}, 'State'), stateSelect),
      el('div', {}, el('label', {for: 'filter-provider'}, 'Provider'), providerSelect),
      el('div', {}, el('label', {for: 'filter-age'}, 'Age'), ageSelect),
      el('div', {}, el('label', {for: 'filter-reference'}, 'Reference'), referenceInput),
      el('div', {}, el('button', {type: 'submit', id: 'apply-filters', class: 'primary'}, 'Filter')),
      el('div', {}, el('button', {type: 'button', id: 'clear-filters', onclick: () => { location.hash = '#/'; }},
        'Clear')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const next = {
        states: stateSelect.value ? [stateSelect.value] : [],
        provider: providerSelect.value,
        olderThan: ageSelect.value,
        reference: referenceInput.value.trim()
      };
      const hash = hashFor(next);
      if (location.hash === hash) route(); else location.hash = hash;
    });

    const counts = el('div', {class: 'counts', id: 'counts'});
    const body = el('tbody', {id: 'postings-body'});
    const more = el('button', {type: 'button', id: 'load-more', hidden: true}, 'Load more');
    const status = el('p', {class: 'muted', id: 'list-status'}, 'Loading…');
    view.replaceChildren(
      el('section', {class: 'card'}, el('div', {class: 'toolbar'}, el('h1', {}, 'Postings'),
        el('button', {type: 'button', id: 'refresh', onclick: () => route()}, 'Refresh')), form),
      el('section', {}, counts, el('div', {class: 'card', style: 'padding:0;overflow-x:auto'},
        el('table', {id: 'postings'}, el('thead', {}, el('tr', {},
          ['Posting', 'Provider', 'State', 'Step', 'Amount', 'Reference', 'Started', 'In state since', 'Last error']
            .map((h) => el('th', {}, h)))), body)), status, more));

    let cursor = null;
    async function page() {
      const query = new URLSearchParams();
      filters.states.forEach((s) => query.append('state', s));
      if (filters.provider) query.set('provider', filters.provider);
      if (filters.olderThan) query.set('olderThan', filters.olderThan);
      if (filters.reference) query.set('reference', filters.reference);
      query.set('limit', '50');
      if (cursor) query.set('cursor', cursor);
      let answer;
      try {
        answer = await api('GET', '/api/postings?' + query.toString());
      } catch (failure) {
        if (failure.status !== 401) {
          status.textContent = 'Could not load postings: ' + failure.message;
          status.className = 'error';
        }
        return;
      }
      renderCounts(counts, answer.counts || {}, filters);
      (answer.postings || []).forEach((posting) => body.appendChild(row(posting)));
      cursor = answer.nextCursor || null;
      more.hidden = !cursor;
      const shown = body.children.length;
      status.className = 'muted';
      status.textContent = shown === 0 ? 'No postings match these filters.' : shown + ' shown' + (cursor ? '' : '.');
    }
    more.addEventListener('click', page);
    await page();
  }

  function renderCounts(container, counts, filters) {
    container.replaceChildren();
    const total = Object.values(counts).reduce((a, b) => a + Number(b), 0);
    container.appendChild(el('span', {class: 'muted', style: 'align-self:center'}, total + ' postings by state:'));
    STATES.filter((s) => counts[s]).forEach((state) => {
      const next = Object.assign({}, filters, {states: [state]});
      container.appendChild(el('a', {
        class: 'count' + (filters.states.length === 1 && filters.states[0] === state ? ' active' : ''),
        href: hashFor(next), 'data-count-state': state
      }, badge(state), el('b', {}, String(counts[state]))));
    });
  }

  function row(posting) {
    return el('tr', {'data-posting-id': posting.postingId},
      el('td', {}, el('a', {href: '#/postings/' + encodeURIComponent(posting.postingId), class: 'mono'},
        posting.postingId)),
      el('td', {}, posting.provider || ''),
      el('td', {}, badge(posting.state)),
      el('td', {class: 'mono'}, posting.step || ''),
      el('td', {class: 'num'}, money(posting.amount)),
      el('td', {class: 'mono'}, posting.referenceNumber || ''),
      el('td', {}, when(posting.startedAt)),
      el('td', {}, when(posting.stateSince)),
      el('td', {class: 'error-cell'}, posting.lastError || ''));
  }

  // ---------------------------------------------------------------- one posting

  async function showPosting(postingId, notice) {
    view.replaceChildren(el('p', {class: 'muted'}, 'Loading ' + postingId + '…'));
    const path = '/api/postings/' + encodeURIComponent(postingId);
    let status;
    let timeline;
    try {
      [status, timeline] = await Promise.all([api('GET', path), api('GET', path + '/timeline')]);
    } catch (failure) {
      if (failure.status !== 401) {
        view.replaceChildren(el('p', {class: 'error', id: 'posting-error'},
          failure.status === 404 ? 'No posting ' + postingId + '.' : 'Could not load ' + postingId + ': '
            + failure.message), el('p', {}, el('a', {href: '#/'}, '← all postings')));
      }
      return;
    }
    const state = timeline.state || status.state;
    const header = el('section', {class: 'card'},
      el('div', {class: 'toolbar'},
        el('div', {}, el('a', {href: '#/'}, '← all postings'),
          el('h1', {}, el('span', {class: 'mono', id: 'posting-id'}, postingId), ' ',
            el('span', {id: 'posting-state'}, badge(state)))),
        el('button', {type: 'button', id: 'refresh', onclick: () => showPosting(postingId)}, 'Refresh')),
      notice ? el('p', {class: notice.ok ? 'notice' : 'error', id: 'action-result'}, notice.text) : null,
      el('div', {class: 'summary-grid'},
        field('Provider', status.provider),
        field('Step', status.step),
        status.amount ? field('Amount', money(status.amount)) : null,
        status.referenceNumber ? field('Reference', status.referenceNumber) : null,
        status.providerJobId ? field('Provider job', status.providerJobId) : null,
        field('Record', status.providerRecordId || status.recordId, 'record-id')),
      status.lastError ? el('p', {class: 'error', id: 'last-error'}, status.lastError) : null,
      attentionBox(status.attention),
      waitingBox(timeline.waiting, state));
    view.replaceChildren(header, timelineCard(timeline), actionsCard(postingId, state, status.step),
      status.reversal ? reversalCard(postingId, status.reversal) : null);
  }

  /** Why the posting waits for a person, as its stable code, and the runbook page that says what to do. */
  function attentionBox(attention) {
    if (!attention || !attention.code) return null;
    return el('p', {class: 'notice', id: 'attention', 'data-code': attention.code},
      'Needs: ', el('strong', {class: 'mono'}, attention.code), ' — what to do: ',
      el('span', {class: 'mono'}, attention.runbook));
  }

  // ---------------------------------------------------------------- reversals

  /** A posting's reversal: where it stands, what to reverse by hand, and the form that says it was done. */
  function reversalCard(postingId, reversal) {
    const escalateAt = parseInstant(reversal.escalateAt);
    return el('section', {class: 'card', id: 'reversal'},
      el('h2', {}, 'Reversal ', el('span', {id: 'reversal-state'}, badge(reversal.state))),
      el('div', {class: 'summary-grid'},
        field('Offsetting entry', reversal.offsetRecordId),
        field('Asked by', reversal.requestedBy),
        field('Reason', reversal.reason),
        BY_HAND.includes(reversal.state) && escalateAt
          ? field(reversal.state === 'ESCALATED' ? 'Escalated at' : 'Escalated at (if not done)', absolute(escalateAt))
          : null,
        reversal.reversedBy ? field('Reversed by hand by', reversal.reversedBy, 'reversed-by') : null),
      reversal.task && !reversal.reversedBy ? el('p', {class: 'task', id: 'reversal-task'}, reversal.task) : null,
      BY_HAND.includes(reversal.state) ? doneForm(postingId, (notice) => showPosting(postingId, notice)) : null,
      (reversal.timeline || []).length ? el('details', {},
        el('summary', {}, reversal.timeline.length + ' reversal timeline entries'),
        el('ul', {class: 'history'}, reversal.timeline.map((line) => el('li', {}, line)))) : null);
  }

  /** "Reversed by hand": a note (how: the entry's id), confirmed in the dialog, recorded with the operator's key. */
  function doneForm(postingId, after) {
    const note = el('input', {id: 'done-note-' + postingId, name: 'note', required: true,
      placeholder: 'how (the entry\'s id in the provider\'s system)', 'aria-label': 'How it was reversed'});
    const form = el('form', {class: 'inline', id: 'done-' + postingId, 'data-done': postingId}, note,
      el('button', {type: 'submit', class: 'primary', id: 'do-done-' + postingId}, 'Reversed by hand…'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!note.value.trim()) return;
      const help = 'The payment was reversed by hand in the provider\'s system: the reversal ends REVERSED,'
        + ' recorded with your key.';
      if (!await confirmAction('Reversed by hand?', help, [['Posting', postingId], ['How', note.value.trim()]],
        'Mark done')) return;
      try {
        const reversal = await api('POST', '/api/reversals/' + encodeURIComponent(postingId) + '/done',
          {note: note.value.trim()});
        await after({ok: true, text: 'The reversal of ' + postingId + ' is now ' + reversal.state + '.'});
      } catch (failure) {
        if (failure.status === 401) return;
        await after({ok: false, text: (failure.status === 409 ? 'Refused by the reversal: ' : 'Failed: ')
          + failure.message});
      }
    });
    return form;
  }

  async function showReversals(notice) {
    const query = new URLSearchParams((location.hash.split('?')[1]) || '');
    const states = query.getAll('state').length ? query.getAll('state') : BY_HAND;
    const provider = query.get('provider') || '';
    const stateSelect = select('reversal-filter-state', [['', 'to do by hand']].concat(
      REVERSAL_STATES.map((s) => [s, s])), states.length === 1 ? states : ['']);
    const providerSelect = select('reversal-filter-provider', [['', 'any provider']].concat(
      PROVIDERS.map((p) => [p, p])), [provider]);
    const form = el('form', {class: 'filters', id: 'reversal-filters'},
      el('div', {}, el('label', {for: 'reversal-filter-state'}, 'State'), stateSelect),
      el('div', {}, el('label', {for: 'reversal-filter-provider'}, 'Provider'), providerSelect),
      el('div', {}, el('button', {type: 'submit', id: 'apply-reversal-filters', class: 'primary'}, 'Filter')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const next = new URLSearchParams();
      if (stateSelect.value) next.append('state', stateSelect.value);
      if (providerSelect.value) next.set('provider', providerSelect.value);
      const hash = '#/reversals' + (next.toString() ? '?' + next.toString() : '');
      if (location.hash === hash) route(); else location.hash = hash;
    });
    const body = el('tbody', {id: 'reversals-body'});
    const status = el('p', {class: 'muted', id: 'reversals-status'}, 'Loading…');
    view.replaceChildren(
      el('section', {class: 'card'}, el('div', {class: 'toolbar'}, el('h1', {}, 'Reversals'),
        el('button', {type: 'button', id: 'refresh', onclick: () => route()}, 'Refresh')),
        el('p', {class: 'muted'}, 'A reversal the provider cannot make (no reversal API, or its offsetting entry did'
          + ' not complete) waits here until someone reverses the payment by hand and marks it done.'), form,
        notice ? el('p', {class: notice.ok ? 'notice' : 'error', id: 'action-result'}, notice.text) : null),
      el('section', {}, el('div', {class: 'card', style: 'padding:0;overflow-x:auto'},
        el('table', {id: 'reversals'}, el('thead', {}, el('tr', {},
          ['Posting', 'Provider', 'State', 'Record', 'Amount', 'Open since', 'Escalated at', 'What to do']
            .map((h) => el('th', {}, h)))), body)), status));
    const ask = new URLSearchParams();
    states.forEach((s) => ask.append('state', s));
    if (provider) ask.set('provider', provider);
    ask.set('limit', '200');
    let answer;
    try {
      answer = await api('GET', '/api/reversals?' + ask.toString());
    } catch (failure) {
      if (failure.status !== 401) {
        status.textContent = 'Could not load reversals: ' + failure.message;
        status.className = 'error';
      }
      return;
    }
    (answer.reversals || []).forEach((reversal) => body.appendChild(reversalRow(reversal)));
    const counts = answer.counts || {};
    status.textContent = (body.children.length === 0 ? 'No reversals match. ' : body.children.length + ' shown. ')
      + REVERSAL_STATES.filter((s) => counts[s]).map((s) => s + ' ' + counts[s]).join(', ');
  }

  function reversalRow(reversal) {
    const escalateAt = parseInstant(reversal.escalateAt);
    return el('tr', {'data-reversal-of': reversal.postingId},
      el('td', {}, el('a', {href: '#/postings/' + encodeURIComponent(reversal.postingId), class: 'mono'},
        reversal.postingId)),
      el('td', {}, reversal.provider || ''),
      el('td', {}, badge(reversal.state)),
      el('td', {class: 'mono'}, reversal.recordId || ''),
      el('td', {class: 'num'}, money(reversal.amount)),
      el('td', {}, when(reversal.taskOpenedAt)),
      el('td', {}, escalateAt && BY_HAND.includes(reversal.state) ? absolute(escalateAt) : ''),
      el('td', {}, el('p', {class: 'task'}, reversal.reversedBy ? 'reversed by hand by ' + reversal.reversedBy
        : (reversal.task || '')),
      BY_HAND.includes(reversal.state) ? doneForm(reversal.postingId, showReversals) : null));
  }

  function field(label, value, id) {
    return el('div', {}, el('span', {}, label), el('div', {class: 'mono', id: id}, value || '—'));
  }

  function waitingBox(waiting, state) {
    if (!waiting) return null;
    const since = parseInstant(waiting.since);
    return el('div', {class: 'waiting' + (state === 'NEEDS_ATTENTION' ? ' attention' : ''), id: 'waiting'},
      'Waiting in ', el('b', {}, waiting.step || state), ' since ',
      since ? absolute(since) + ' (' + relative(since) + ')' : (waiting.since || 'unknown'),
      state === 'NEEDS_ATTENTION' ? ' — an operator must decide.' : '');
  }

  function timelineCard(timeline) {
    const steps = timeline.steps || [];
    const list = el('ol', {class: 'timeline', id: 'timeline'});
    steps.forEach((step, index) => {
      const current = !step.leftAt && index === steps.length - 1 && !ENDED.includes(timeline.state);
      const entered = parseInstant(step.enteredAt);
      const left = parseInstant(step.leftAt);
      const history = step.history || [];
      list.appendChild(el('li', {class: 's-' + step.state + (current ? ' current' : ''), 'data-step': step.step},
        el('div', {class: 'step-head'}, el('strong', {}, step.step || ''), badge(step.state),
          el('span', {class: 'muted small'}, entered ? 'entered ' + absolute(entered) + ' (' + relative(entered) + ')'
            : ''),
          el('span', {class: 'muted small'}, left ? 'left ' + absolute(left) + ' after '
            + span(left.getTime() - (entered ? entered.getTime() : left.getTime()))
            : (current ? 'still here' : ''))),
        step.summary ? el('p', {class: 'step-summary'}, step.summary) : null,
        history.length ? el('details', {},
          el('summary', {}, history.length + ' history event' + (history.length === 1 ? '' : 's')),
          el('ul', {class: 'history'}, history.map((event) => {
            const at = parseInstant(event.time);
            return el('li', {}, el('span', {class: 'mono muted'}, at ? absolute(at) : (event.time || '')), '  ',
              el('span', {class: 'kind'}, event.kind || ''), ' ', event.text || '');
          }))) : null));
    });
    return el('section', {class: 'card'}, el('h2', {}, 'Timeline'),
      steps.length ? list : el('p', {class: 'muted'}, 'No steps yet.'));
  }

  function actionsCard(postingId, state, step) {
    const offered = Object.entries(ACTIONS).filter(([, action]) => action.states.includes(state)
      && (!action.approvalOnly || step === 'AWAIT_APPROVAL'));
    const card = el('section', {class: 'card', id: 'actions'}, el('h2', {}, 'Actions'));
    if (!offered.length) {
      card.appendChild(el('p', {class: 'muted'}, 'Nothing to do: the posting is ' + state + '.'));
      return card;
    }
    const grid = el('div', {class: 'actions'});
    offered.forEach(([name, action]) => {
      const inputs = action.fields.map((f) => el('input', {id: name + '-' + f.name, name: f.name,
        placeholder: f.label, 'aria-label': f.label, required: f.required}));
      const form = el('form', {class: 'action', id: 'action-' + name},
        el('h3', {}, action.title), el('p', {}, action.help), inputs,
        el('button', {type: 'submit', class: action.style, id: 'do-' + name}, action.verb + '…'));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const body = {};
        inputs.forEach((input) => { if (input.value.trim()) body[input.name] = input.value.trim(); });
        const details = [['Posting', postingId], ['Now', state]].concat(
          action.fields.filter((f) => body[f.name]).map((f) => [f.label, body[f.name]]));
        if (!await confirmAction(action.title + '?', action.help, details, action.verb)) return;
        await act(postingId, name, body);
      });
      grid.appendChild(form);
    });
    card.appendChild(grid);
    return card;
  }

  /** The shared dialog; resolves true only when the operator presses Confirm. */
  function confirmAction(title, text, details, verb) {
    const dialog = document.getElementById('confirm-dialog');
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text;
    document.getElementById('confirm-yes').textContent = verb;
    document.getElementById('confirm-details').replaceChildren(
      ...details.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {class: 'mono'}, v)]));
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), {once: true});
      dialog.showModal();
    });
  }

  async function act(postingId, name, body) {
    try {
      const status = await api('POST', '/api/postings/' + encodeURIComponent(postingId) + '/' + name, body);
      await showPosting(postingId, {ok: true, text: name + ' accepted: the posting is now ' + status.state + '.'});
    } catch (failure) {
      if (failure.status === 401) return;
      const why = failure.status === 409 ? 'Refused by the posting: ' : failure.status === 403 ? 'Not allowed: '
        : name + ' failed: ';
      await showPosting(postingId, {ok: false, text: why + failure.message});
    }
  }

  // ---------------------------------------------------------------- reconciliations

  /*
   * A connection's PMS ledger for a day against the registry (docs/reconciliation.md). A report with a MISSING, CHANGED
   * or UNEXPECTED item is an operator task until resolved: the open ones come first, and the menu counts them.
   */
  const OUTCOMES = ['MATCHED', 'MISSING', 'CHANGED', 'UNEXPECTED', 'PENDING'];

  /** The number of open reconciliation tasks next to the menu entry (hidden at zero). */
  async function refreshOpenReconciliations() {
    const count = document.getElementById('open-reconciliations');
    try {
      const answer = await api('GET', '/api/reconciliations?open=true&limit=1');
      count.textContent = String(answer.openTasks || 0);
      count.hidden = !answer.openTasks;
    } catch (failure) {
      count.hidden = true;
    }
  }

  function reconciliationTask(report) {
    if (report.open) return badge('OPEN');
    if (report.resolvedBy) return el('span', {class: 'muted'}, 'resolved by ' + report.resolvedBy);
    return el('span', {class: 'muted'}, report.needsOperator ? 'closed' : 'none');
  }

  function reconciliationRow(report) {
    return el('tr', {'data-reconciliation': String(report.reconciliationId), class: report.open ? 'open-task' : null},
      el('td', {}, el('a', {href: '#/reconciliations/' + report.reconciliationId, class: 'mono'},
        String(report.reconciliationId))),
      el('td', {class: 'mono'}, report.connectionId || ''),
      el('td', {class: 'mono'}, report.day || ''),
      el('td', {}, when(report.runAt)),
      OUTCOMES.map((outcome) => el('td', {class: 'num', 'data-outcome': outcome},
        String((report.counts || {})[outcome] || 0))),
      el('td', {class: 'num'}, String(report.providerCalls || 0)),
      el('td', {}, reconciliationTask(report)));
  }

  async function showReconciliations(notice) {
    const connection = el('input', {id: 'reconcile-connection', name: 'connectionId', required: true,
      placeholder: 'connection id', 'aria-label': 'Connection'});
    const day = el('input', {id: 'reconcile-day', name: 'day', type: 'date', required: true, 'aria-label': 'Day'});
    const start = el('form', {class: 'inline', id: 'reconcile-form'}, connection, day,
      el('button', {type: 'submit', class: 'primary', id: 'reconcile-start'}, 'Reconcile'));
    start.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const run = await api('POST', '/api/reconciliations', {connectionId: connection.value.trim(), day: day.value});
        await showReconciliations({ok: true, text: (run.status === 'JOINED' ? 'Joined ' : 'Started ')
          + run.reconciliationWorkflowId + ': its report appears here when the ledger has been read.'});
      } catch (failure) {
        if (failure.status !== 401) await showReconciliations({ok: false, text: 'Not started: ' + failure.message});
      }
    });
    const body = el('tbody', {id: 'reconciliations-body'});
    const status = el('p', {class: 'muted', id: 'reconciliations-status'}, 'Loading…');
    view.replaceChildren(
      el('section', {class: 'card'}, el('div', {class: 'toolbar'}, el('h1', {}, 'Reconciliations'),
        el('button', {type: 'button', id: 'refresh', onclick: () => route()}, 'Refresh')),
        el('p', {class: 'muted'}, 'What each connection\'s ledger holds for a day, compared with our postings. A report'
          + ' with a missing, changed or unexpected payment waits here for an operator: open ones first.'), start,
        notice ? el('p', {class: notice.ok ? 'notice' : 'error', id: 'reconciliation-result'}, notice.text) : null),
      el('section', {}, el('div', {class: 'card', style: 'padding:0;overflow-x:auto'},
        el('table', {id: 'reconciliations'}, el('thead', {}, el('tr', {},
          ['Report', 'Connection', 'Day', 'Run'].concat(OUTCOMES.map((o) => o.toLowerCase()), ['Calls', 'Task'])
            .map((h) => el('th', {}, h)))), body)), status));
    let open;
    let recent;
    try {
      [open, recent] = await Promise.all([api('GET', '/api/reconciliations?open=true&limit=200'),
        api('GET', '/api/reconciliations?limit=50')]);
    } catch (failure) {
      if (failure.status !== 401) {
        status.textContent = 'Could not load reconciliations: ' + failure.message;
        status.className = 'error';
      }
      return;
    }
    const shown = new Set();
    (open.reconciliations || []).concat(recent.reconciliations || []).forEach((report) => {
      if (shown.has(report.reconciliationId)) return;
      shown.add(report.reconciliationId);
      body.appendChild(reconciliationRow(report));
    });
    status.textContent = (shown.size === 0 ? 'No reconciliations yet.' : shown.size + ' shown. ')
      + (open.openTasks ? open.openTasks + ' waiting for an operator.' : '');
  }

  async function showReconciliation(id, notice) {
    view.replaceChildren(el('p', {class: 'muted'}, 'Loading reconciliation ' + id + '…'));
    const path = '/api/reconciliations/' + encodeURIComponent(id);
    let report;
    try {
      report = await api('GET', path);
    } catch (failure) {
      if (failure.status !== 401) {
        view.replaceChildren(el('p', {class: 'error', id: 'reconciliation-error'}, failure.status === 404
          ? 'No reconciliation ' + id + '.' : 'Could not load reconciliation ' + id + ': ' + failure.message),
        el('p', {}, el('a', {href: '#/reconciliations'}, '← all reconciliations')));
      }
      return;
    }
    const counts = el('div', {class: 'counts', id: 'reconciliation-counts'}, OUTCOMES.map((outcome) =>
      el('span', {class: 'count', 'data-count-outcome': outcome}, badge(outcome),
        el('b', {}, String((report.counts || {})[outcome] || 0)))));
    const items = el('tbody', {id: 'reconciliation-items'}, (report.items || []).map((item) =>
      el('tr', {'data-outcome': item.outcome},
        el('td', {}, badge(item.outcome)),
        el('td', {}, item.postingId ? el('a', {href: '#/postings/' + encodeURIComponent(item.postingId),
          class: 'mono'}, item.postingId) : ''),
        el('td', {class: 'mono'}, item.recordId || ''),
        el('td', {class: 'num'}, item.expectedAmountMinor === undefined || item.expectedAmountMinor === null ? ''
          : String(item.expectedAmountMinor)),
        el('td', {class: 'num'}, item.ledgerAmountMinor === undefined || item.ledgerAmountMinor === null ? ''
          : String(item.ledgerAmountMinor)),
        el('td', {}, item.detail || ''))));
    view.replaceChildren(
      el('section', {class: 'card'},
        el('div', {class: 'toolbar'},
          el('div', {}, el('a', {href: '#/reconciliations'}, '← all reconciliations'),
            el('h1', {}, 'Reconciliation ', el('span', {class: 'mono', id: 'reconciliation-id'},
              String(report.reconciliationId)), ' ', el('span', {id: 'reconciliation-task'},
              reconciliationTask(report)))),
          el('button', {type: 'button', id: 'refresh', onclick: () => showReconciliation(id)}, 'Refresh')),
        notice ? el('p', {class: notice.ok ? 'notice' : 'error', id: 'reconciliation-result'}, notice.text) : null,
        el('div', {class: 'summary-grid'},
          field('Connection', report.connectionId),
          field('Day', report.day),
          field('Run', parseInstant(report.runAt) ? absolute(parseInstant(report.runAt)) : report.runAt),
          field('Provider calls', String(report.providerCalls)),
          report.resolvedBy ? field('Resolved by', report.resolvedBy, 'resolved-by') : null,
          report.resolutionNote ? field('Note', report.resolutionNote, 'resolution-note') : null),
        counts,
        csvLink(report),
        report.open ? resolveReconciliationForm(report) : null),
      el('section', {}, el('div', {class: 'card', style: 'padding:0;overflow-x:auto'},
        el('table', {id: 'reconciliation-table'}, el('thead', {}, el('tr', {},
          ['Outcome', 'Posting', 'Record', 'Expected (minor)', 'Ledger (minor)', 'Detail']
            .map((h) => el('th', {}, h)))), items))));
  }

  /**
   * The items as CSV: the API wants the key in a header, which a plain link cannot send, so the first click fetches
   * the CSV and the link then points at it (a blob of this page) and downloads it.
   */
  function csvLink(report) {
    const link = el('a', {href: '#', id: 'reconciliation-csv', class: 'button secondary',
      download: 'reconciliation-' + report.reconciliationId + '.csv'}, 'Download CSV');
    link.addEventListener('click', async (event) => {
      if (link.dataset.ready) return;
      event.preventDefault();
      const response = await fetch('/api/reconciliations/' + report.reconciliationId,
        {headers: {'X-Api-Key': apiKey() || '', 'Accept': 'text/csv'}});
      if (!response.ok) {
        link.textContent = 'CSV unavailable (HTTP ' + response.status + ')';
        return;
      }
      link.href = URL.createObjectURL(new Blob([await response.text()], {type: 'text/csv'}));
      link.dataset.ready = 'yes';
      link.click();
    });
    return el('p', {}, link);
  }

  /** Closes the report's operator task: a note (what was done), confirmed in the dialog, recorded with the key. */
  function resolveReconciliationForm(report) {
    const note = el('input', {id: 'reconciliation-note', name: 'note', required: true,
      placeholder: 'what was done (corrected in the PMS, posted again, ...)', 'aria-label': 'What was done'});
    const form = el('form', {class: 'inline', id: 'resolve-reconciliation'}, note,
      el('button', {type: 'submit', class: 'primary', id: 'do-resolve-reconciliation'}, 'Resolve…'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!note.value.trim()) return;
      if (!await confirmAction('Resolve reconciliation ' + report.reconciliationId + '?', 'The disagreement was'
        + ' looked at and dealt with: the operator task closes, recorded with your key. The report stays as it was.',
      [['Connection', report.connectionId], ['Day', report.day], ['What was done', note.value.trim()]],
      'Resolve')) return;
      try {
        await api('POST', '/api/reconciliations/' + report.reconciliationId + '/resolve', {note: note.value.trim()});
        refreshOpenReconciliations();
        await showReconciliation(String(report.reconciliationId), {ok: true, text: 'Resolved.'});
      } catch (failure) {
        if (failure.status !== 401) await showReconciliation(String(report.reconciliationId), {ok: false,
          text: (failure.status === 409 ? 'Refused: ' : 'Failed: ') + failure.message});
      }
    });
    return form;
  }

  // ---------------------------------------------------------------- connections

  /**
   * The provider connections (one customer account at one provider API). Operators read and check them; admins also
   * rotate and disable them (the API refuses what the key may not do). A credential typed here is sent once and never
   * shown again: the API answers its last 4 characters only.
   */
  async function showConnections(notice) {
    const body = el('tbody', {id: 'connections-body'});
    const status = el('p', {class: 'muted', id: 'connections-status'}, 'Loading…');
    view.replaceChildren(
      el('section', {class: 'card'}, el('div', {class: 'toolbar'}, el('h1', {}, 'Connections'),
        el('button', {type: 'button', id: 'refresh', onclick: () => route()}, 'Refresh')),
        el('p', {class: 'muted'}, 'Each posting names the customer account it is made with. Check makes one cheap'
          + ' authenticated call to the provider with the connection\'s credentials.'),
        notice ? el('p', {class: notice.ok ? 'notice' : 'error', id: 'connection-result'}, notice.text) : null),
      el('section', {}, el('div', {class: 'card', style: 'padding:0;overflow-x:auto'},
        el('table', {id: 'connections'}, el('thead', {}, el('tr', {},
          ['Connection', 'API', 'Status', 'Secret', 'Limit/min', 'Base URL', 'Name', 'Actions']
            .map((h) => el('th', {}, h)))), body)), status));
    let answer;
    try {
      answer = await api('GET', '/api/connections');
    } catch (failure) {
      if (failure.status !== 401) {
        status.textContent = 'Could not load connections: ' + failure.message;
        status.className = 'error';
      }
      return;
    }
    (answer.connections || []).forEach((connection) => body.appendChild(connectionRow(connection)));
    status.textContent = body.children.length === 0 ? 'No connections.' : body.children.length + ' connections.';
  }

  function connectionRow(connection) {
    const id = connection.connectionId;
    const limit = connection.rateLimit ? String(connection.rateLimit.requestsPerMinute) : 'default';
    const check = el('button', {type: 'button', class: 'secondary', 'data-check': id, onclick: async () => {
      try {
        const result = await api('POST', '/api/connections/' + encodeURIComponent(id) + '/check', {});
        await showConnections({ok: result.outcome === 'ok', text: id + ': ' + result.outcome + ' (' + result.detail
          + ')'});
      } catch (failure) {
        if (failure.status !== 401) await showConnections({ok: false, text: 'check ' + id + ' failed: ' + failure.message});
      }
    }}, 'Check');
    const rotate = el('button', {type: 'button', class: 'secondary', 'data-rotate': id, onclick: () => rotateForm(connection)},
      'Rotate');
    const disable = el('button', {type: 'button', class: 'secondary', 'data-disable': id, onclick: async () => {
      if (!await confirmAction('Disable ' + id, 'New postings naming this connection are refused, and running ones'
        + ' park at their next call.', [['connection', id], ['api', connection.api]], 'Disable')) return;
      try {
        await api('POST', '/api/connections/' + encodeURIComponent(id) + '/disable', {});
        await showConnections({ok: true, text: id + ' is disabled.'});
      } catch (failure) {
        if (failure.status !== 401) await showConnections({ok: false, text: (failure.status === 403 ? 'Not allowed: '
          : 'disable failed: ') + failure.message});
      }
    }}, 'Disable');
    return el('tr', {'data-connection': id},
      el('td', {class: 'mono'}, id),
      el('td', {}, connection.api || ''),
      el('td', {}, badge(connection.status)),
      el('td', {class: 'mono'}, '…' + (connection.last4 || '')),
      el('td', {class: 'num'}, limit),
      el('td', {class: 'mono'}, connection.baseUrl || ''),
      el('td', {}, connection.name || ''),
      el('td', {}, check, ' ', rotate, ' ', connection.status === 'ACTIVE' ? disable : null));
  }

  /** The new credentials' fields of the connection's API, typed as passwords and sent once. */
  function rotateForm(connection) {
    const fields = {PROPEXO: ['token'], ACQUAINT: ['sitePrefix', 'apiKey'], STOREDGE: ['consumerKey', 'consumerSecret']};
    const inputs = (fields[connection.api] || []).map((name) =>
      el('input', {id: 'rotate-' + name, name: name, type: name === 'sitePrefix' || name === 'consumerKey' ? 'text'
        : 'password', autocomplete: 'off', required: 'required'}));
    const form = el('form', {class: 'card narrow', id: 'rotate-form'},
      el('h2', {}, 'Rotate the credentials of ' + connection.connectionId),
      ...inputs.flatMap((input) => [el('label', {for: input.id}, input.name), input]),
      el('button', {type: 'submit', class: 'primary', id: 'rotate-submit'}, 'Rotate'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const credentials = {};
      inputs.forEach((input) => { credentials[input.name] = input.value; });
      try {
        const rotated = await api('POST', '/api/connections/' + encodeURIComponent(connection.connectionId)
          + '/rotate', {credentials: credentials});
        await showConnections({ok: true, text: rotated.connectionId + ' rotated: secret …' + rotated.last4
          + ', used from the next call.'});
      } catch (failure) {
        if (failure.status !== 401) await showConnections({ok: false, text: (failure.status === 403 ? 'Not allowed: '
          : 'rotate failed: ') + failure.message});
      }
    });
    view.prepend(form);
  }

  // ---------------------------------------------------------------- batches

  /**
   * The batches (docs/batches.md), newest first, a page at a time: what each file held and whether its rows have all
   * started. Its counts are on its own page (#/batches/<id>).
   */
  async function showBatches() {
    const query = new URLSearchParams((location.hash.split('?')[1]) || '');
    const body = el('tbody', {id: 'batches-body'});
    const status = el('p', {class: 'muted', id: 'batches-status'}, 'Loading…');
    view.replaceChildren(
      el('section', {class: 'card'}, el('div', {class: 'toolbar'}, el('h1', {}, 'Batches'),
        el('button', {type: 'button', id: 'refresh', onclick: () => route()}, 'Refresh')),
        el('p', {class: 'muted'}, 'A day\'s postings sent as one file: every row checked before any starts, the'
          + ' valid ones then started at a pace, the invalid ones listed by line and never started.')),
      el('section', {}, el('div', {class: 'card', style: 'padding:0;overflow-x:auto'},
        el('table', {id: 'batches'}, el('thead', {}, el('tr', {},
          ['Batch', 'Service', 'Status', 'Format', 'Rows', 'Valid', 'Invalid', 'Received']
            .map((h) => el('th', {}, h)))), body)), status));
    const ask = new URLSearchParams({limit: '50'});
    if (query.get('cursor')) ask.set('cursor', query.get('cursor'));
    let answer;
    try {
      answer = await api('GET', '/api/batches?' + ask.toString());
    } catch (failure) {
      if (failure.status !== 401) {
        status.textContent = 'Could not load batches: ' + failure.message;
        status.className = 'error';
      }
      return;
    }
    (answer.batches || []).forEach((batch) => body.appendChild(batchRow(batch)));
    status.replaceChildren(body.children.length === 0 ? 'No batches.' : body.children.length + ' shown. ',
      answer.nextCursor ? el('a', {id: 'batches-next', href: '#/batches?cursor='
        + encodeURIComponent(answer.nextCursor)}, 'Older batches') : '');
  }

  function batchRow(batch) {
    return el('tr', {'data-batch': batch.batchId},
      el('td', {}, el('a', {href: '#/batches/' + encodeURIComponent(batch.batchId), class: 'mono'}, batch.batchId)),
      el('td', {}, batch.owner || ''),
      el('td', {}, badge(batch.status)),
      el('td', {}, batch.format || ''),
      el('td', {class: 'num'}, String(batch.rowsRead)),
      el('td', {class: 'num'}, String(batch.rowsValid)),
      el('td', {class: 'num'}, String(batch.rowsInvalid)),
      el('td', {}, when(batch.receivedAt)));
  }

  /** A table of name → count, each row marked with data-<attribute> for the tests and for styling. */
  function countsTable(id, title, counts, attribute) {
    const names = Object.keys(counts || {});
    return el('table', {id: id}, el('thead', {}, el('tr', {}, el('th', {}, title), el('th', {}, 'Rows'))),
      el('tbody', {}, ...(names.length ? names.map((name) => el('tr', {['data-' + attribute]: name},
        el('td', {}, attribute === 'batch-state' ? badge(name) : name),
        el('td', {class: 'num'}, String(counts[name])))) : [el('tr', {}, el('td', {colspan: '2', class: 'muted'},
        'none yet'))])));
  }

  /**
   * One batch: its rows, their starts and their postings by state, the rows left out as invalid with their lines, and
   * the results file (every row's outcome) fetched with the operator's key.
   */
  async function showBatch(batchId) {
    view.replaceChildren(el('p', {class: 'muted'}, 'Loading…'));
    let batch;
    try {
      batch = await api('GET', '/api/batches/' + encodeURIComponent(batchId));
    } catch (failure) {
      if (failure.status !== 401) {
        view.replaceChildren(el('p', {class: 'error', id: 'batch-error'}, 'Could not load batch ' + batchId + ': '
          + failure.message));
      }
      return;
    }
    const resultsStatus = el('span', {class: 'muted', id: 'batch-results-status'});
    const results = el('button', {type: 'button', id: 'batch-results', class: 'secondary', onclick: async () => {
      resultsStatus.textContent = 'Downloading…';
      try {
        const csv = await batchResults(batch.resultsUrl);
        const link = el('a', {href: URL.createObjectURL(new Blob([csv], {type: 'text/csv'})),
          download: batch.batchId + '-results.csv'});
        link.click();
        resultsStatus.textContent = batch.batchId + '-results.csv: ' + (csv.split('\r\n').length - 2)
          + ' rows';
      } catch (failure) {
        resultsStatus.textContent = 'Could not download the results: ' + failure.message;
      }
    }}, 'Results (CSV)');
    const leftOut = batch.leftOut || [];
    view.replaceChildren(
      el('section', {class: 'card'},
        el('div', {class: 'toolbar'}, el('h1', {class: 'mono', id: 'batch-id'}, batch.batchId),
          el('span', {id: 'batch-status'}, badge(batch.status)),
          el('button', {type: 'button', id: 'refresh', onclick: () => route()}, 'Refresh')),
        el('dl', {class: 'details'},
          field('Rows read', String(batch.rowsRead), 'batch-rows-read'),
          field('Valid', String(batch.rowsValid), 'batch-rows-valid'),
          field('Invalid, never started', String(batch.rowsInvalid), 'batch-rows-invalid'),
          field('Waiting to start', String(batch.waitingToStart), 'batch-waiting'),
          field('Format', batch.format + ', invalid rows: ' + batch.invalidRows),
          field('Received', when(batch.receivedAt))),
        el('p', {}, results, ' ', resultsStatus),
        el('p', {}, el('a', {href: '#/batches'}, 'All batches'))),
      el('section', {class: 'card'}, el('h2', {}, 'Postings by state'),
        countsTable('batch-postings', 'State', batch.postings, 'batch-state')),
      el('section', {class: 'card'}, el('h2', {}, 'Starts'),
        countsTable('batch-starts', 'Start', batch.starts, 'batch-start')),
      el('section', {class: 'card'}, el('h2', {}, 'Invalid rows'),
        leftOut.length === 0 ? el('p', {class: 'muted'}, 'None.') : el('table', {id: 'batch-invalid'},
          el('thead', {}, el('tr', {}, ['Line', 'Posting', 'Fields at fault'].map((h) => el('th', {}, h)))),
          el('tbody', {}, ...leftOut.map((row) => el('tr', {'data-line': String(row.line)},
            el('td', {class: 'num'}, String(row.line)),
            el('td', {class: 'mono'}, row.postingId || ''),
            el('td', {class: 'mono'}, (row.fields || []).join(', ')))))),
        batch.rowsInvalid > leftOut.length ? el('p', {class: 'muted'}, 'The first ' + leftOut.length + ' of '
          + batch.rowsInvalid + ' shown; the results file has them all.') : null));
  }

  /** The results file: CSV, so fetched by hand (api() reads JSON) with the same key. */
  async function batchResults(path) {
    const response = await fetch(path, {headers: {'X-Api-Key': apiKey() || '', 'Accept': 'text/csv'}});
    if (!response.ok) {
      let json = null;
      try { json = await response.json(); } catch (empty) { /* no body */ }
      throw new ApiError(response.status, json);
    }
    return response.text();
  }

  // ---------------------------------------------------------------- routing

  function route() {
    if (!apiKey()) {
      showLogin();
      return;
    }
    document.getElementById('sign-out').hidden = false;
    document.getElementById('who').textContent = 'signed in';
    const hash = location.hash || '#/';
    refreshOpenReconciliations();
    const posting = hash.match(/^#\/postings\/([^?]+)/);
    const reconciliation = hash.match(/^#\/reconciliations\/([^?]+)/);
    if (posting) showPosting(decodeURIComponent(posting[1]));
    else if (reconciliation) showReconciliation(decodeURIComponent(reconciliation[1]));
    else if (/^#\/reconciliations(\?|$)/.test(hash)) showReconciliations();
    else if (/^#\/reversals(\?|$)/.test(hash)) showReversals();
    else if (/^#\/connections$/.test(hash)) showConnections();
    else if (/^#\/batches\/[^?]+/.test(hash)) showBatch(decodeURIComponent(hash.slice('#/batches/'.length)));
    else if (/^#\/batches(\?|$)/.test(hash)) showBatches();
    else showList();
  }

  window.addEventListener('hashchange', route);
  route();
}());
