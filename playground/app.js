// The rule playground. Plain browser JavaScript, no build step. Every piece of text that came from a log,
// a person or a rule file is put on the page with textContent: nothing is ever parsed as HTML.

const $ = (id) => document.getElementById(id);

/** An element with a class and children (strings become text nodes). */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

const percent = (x) => `${Math.round(x * 100)} %`;

async function api(path, body) {
  const res = await fetch(`api/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
}

const state = { files: new Map(), original: new Map(), version: '' };

function incident() {
  const out = {};
  for (const key of ['log', 'context', 'service', 'namespace']) {
    const value = $(key).value;
    if (value.trim() !== '') out[key] = value;
  }
  return out;
}

function currentEdit() {
  const file = $('rule-file').value;
  return file ? { file, text: $('rule-text').value } : undefined;
}

// ---- the answer -------------------------------------------------------------------------------------

function renderAnswer(result) {
  const d = result.diagnosis;
  const box = $('answer');
  clear(box);
  const top = d.hypotheses[0];
  box.append(
    el(
      'p',
      'headline',
      top ? 'Most likely ' : 'No cause stands out: the input does not show a mechanism.',
      top ? el('strong', null, el('span', null, top.cause)) : null,
      top ? ` (${percent(top.confidence)})` : null,
    ),
  );
  if (top) box.querySelector('strong span').id = 'top-cause';
  if (result.edited) box.append(el('p', 'dim', 'diagnosed with your edit'));
  if (result.problems.some((p) => p.severity === 'error'))
    box.append(el('p', 'warning', 'your edit has errors: diagnosed with the serving rules'));
  for (const h of d.hypotheses) {
    const bar = el('span', 'bar');
    bar.style.width = `${Math.max(2, Math.round(h.confidence * 200))}px`;
    const card = el(
      'div',
      'hypothesis',
      el(
        'div',
        null,
        el('span', 'cause', h.cause),
        h.variant ? el('span', 'dim', ` (${h.variant})`) : null,
        ` ${percent(h.confidence)}`,
        bar,
      ),
      el('div', null, h.title),
    );
    for (const e of h.evidence) {
      card.append(
        el('div', `evidence ${e.for ? 'for' : 'against'}`, e.text, el('span', 'dim', ` [${e.source}]`)),
      );
      if (e.quote) card.append(el('pre', 'evidence dim', e.quote));
    }
    if (h.missing.length > 0) {
      card.append(el('div', 'dim', 'missing:'));
      for (const m of h.missing) card.append(el('div', 'evidence dim', `? ${m}`));
    }
    for (const s of h.nextSteps)
      card.append(el('div', 'evidence dim', `# ${s.why}`), el('pre', 'evidence', s.command));
    box.append(card);
  }
  if (d.ruledOut.length > 0)
    box.append(el('p', 'dim', `ruled out: ${d.ruledOut.map((r) => `${r.cause} (${r.why})`).join('; ')}`));
  for (const w of d.warnings) box.append(el('p', 'warning', `warning: ${w}`));
  box.append(
    el(
      'p',
      'dim',
      `rules ${d.rulesVersion}${d.overrides ? ` (overrides: ${d.overrides.join(', ')})` : ''} · ${percent(d.unexplained)} left for something else`,
    ),
  );
  renderWhyNot(result.whyNot);
}

const STATUS = {
  counted: 'fired, counted',
  'fired-not-counted': 'fired, not counted (a stronger rule of its group counted)',
  failed: 'did not fire',
  disabled: 'switched off',
};

function renderWhyNot(reports) {
  const box = $('why-not');
  clear(box);
  box.append(el('h2', null, 'Why not …?'));
  for (const w of reports) {
    const details = el(
      'details',
      'why-not',
      el('summary', null, el('strong', null, w.cause), ' ', el('span', 'dim', w.summary)),
    );
    details.dataset.cause = w.cause;
    const rules = [...w.rules].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    for (const r of rules) {
      const fired = r.status === 'counted' || r.status === 'fired-not-counted';
      const mark = r.status === 'disabled' ? '⊘' : fired ? '✓' : '✗';
      const rule = el(
        'div',
        'rule',
        el(
          'div',
          fired ? (r.weight > 0 ? 'ok' : 'fail') : null,
          `${mark} ${r.id} ${r.weight > 0 ? '+' : ''}${r.weight} — ${STATUS[r.status]}${r.disabledBy ? ` by ${r.disabledBy}` : ''}`,
        ),
        el('div', 'dim', `${r.file} ${r.path}`),
      );
      if (fired) rule.append(el('div', null, r.evidence));
      for (const c of r.conditions) {
        const ok = c.passed === true;
        rule.append(
          el(
            'div',
            `problem ${c.passed === undefined ? 'dim' : ok ? 'ok' : 'fail'}`,
            `${c.passed === undefined ? '·' : ok ? '✓' : '✗'} ${c.fact} ${c.operator} ${c.expectedText} — saw ${c.actualText}`,
          ),
        );
      }
      for (const a of r.absent) if (a.how) rule.append(el('div', 'dim', `? ${a.fact}: ${a.how}`));
      details.append(rule);
    }
    box.append(details);
  }
}

async function diagnose() {
  const status = $('diagnose-status');
  const body = { incident: incident() };
  const edit = currentEdit();
  if ($('use-edit').checked && edit) body.edit = edit;
  status.textContent = 'diagnosing…';
  $('diagnose').disabled = true;
  try {
    renderAnswer(await api('diagnose', body));
    status.textContent = '';
  } catch (e) {
    status.textContent = e.message;
  } finally {
    $('diagnose').disabled = false;
  }
}

// ---- the rule editor --------------------------------------------------------------------------------

function renderProblems(problems) {
  const box = $('problems');
  clear(box);
  if (problems.length === 0) {
    box.append(el('div', 'ok', '✓ no problems'));
    return;
  }
  for (const p of problems)
    box.append(
      el(
        'div',
        `problem ${p.severity === 'error' ? 'fail' : 'warning'}`,
        `${p.severity} ${p.file} ${p.path}: ${p.message}`,
      ),
    );
}

let lintTimer;
let lintSeq = 0;
function scheduleLint() {
  clearTimeout(lintTimer);
  lintTimer = setTimeout(async () => {
    const edit = currentEdit();
    if (!edit) return;
    state.files.set(edit.file, edit.text);
    const seq = ++lintSeq;
    try {
      const result = await api('lint', edit);
      if (seq === lintSeq) renderProblems(result.problems);
    } catch (e) {
      if (seq === lintSeq)
        renderProblems([{ severity: 'error', file: edit.file, path: '$', message: e.message }]);
    }
  }, 300);
}

async function runTests() {
  const edit = currentEdit();
  if (!edit) return;
  const box = $('test-results');
  clear(box);
  box.append(el('div', 'dim', 'running…'));
  try {
    const result = await api('test', edit);
    renderProblems(result.problems);
    clear(box);
    if (result.results.length === 0)
      box.append(
        el(
          'div',
          'dim',
          result.problems.some((p) => p.severity === 'error')
            ? 'fix the errors to run the tests'
            : 'this file has no tests',
        ),
      );
    for (const r of result.results) {
      box.append(el('div', `problem ${r.passed ? 'ok' : 'fail'}`, `${r.passed ? '✓' : '✗'} ${r.name}`));
      for (const f of r.failures) box.append(el('div', 'problem fail', `    ${f}`));
    }
    const failed = result.results.filter((r) => !r.passed).length;
    box.append(
      el('div', failed ? 'fail' : 'ok', `${result.results.length - failed} passed, ${failed} failed`),
    );
    box.dataset.done = 'true';
  } catch (e) {
    clear(box);
    box.append(el('div', 'fail', e.message));
  }
}

function showFile(name) {
  $('rule-text').value = state.files.get(name) ?? '';
  clear($('test-results'));
  scheduleLint();
}

async function loadRules() {
  const rules = await api('rules');
  state.version = rules.version;
  $('rules-version').textContent = `serving rules ${rules.version}`;
  const select = $('rule-file');
  clear(select);
  for (const f of rules.files) {
    state.files.set(f.file, f.text);
    state.original.set(f.file, f.text);
    select.append(el('option', null, f.file));
  }
  showFile(select.value);
}

document.addEventListener('DOMContentLoaded', () => {
  $('diagnose').addEventListener('click', diagnose);
  for (const id of ['log', 'context']) {
    $(id).addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void diagnose();
    });
  }
  $('rule-file').addEventListener('change', (e) => showFile(e.target.value));
  $('rule-text').addEventListener('input', () => {
    state.files.set($('rule-file').value, $('rule-text').value);
    scheduleLint();
  });
  $('reset-file').addEventListener('click', () => {
    const name = $('rule-file').value;
    state.files.set(name, state.original.get(name) ?? '');
    showFile(name);
  });
  $('run-tests').addEventListener('click', runTests);
  loadRules().catch((e) => {
    $('rules-version').textContent = `cannot load the rules: ${e.message}`;
  });
});
