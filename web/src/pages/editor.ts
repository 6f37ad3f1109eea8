// Recording a status change: for editors, with an API key or JWT pasted once and kept for the tab
// (sessionStorage). The version the editor read is sent as expectedVersion: if someone else came first, the
// change is refused and the page says so, with what the commitment is now.
import { credential, explain, graphql } from '../api';
import { h, replaceChildren } from '../dom';
import { STATUSES, STATUS_LABELS, statusLabel, todayUtc } from '../format';

export interface EditableCommitment {
  id: string;
  title: string;
  status: string;
  version: number;
}

const MUTATION = `mutation ChangeStatus($input: UpdateCommitmentStatusInput!) {
  updateCommitmentStatus(input: $input) {
    commitment { id status version }
    userErrors { field message code currentVersion currentStatus }
  }
}`;

const VIEWER = 'query Viewer { viewer { role } }';

interface UserError {
  field: string[] | null;
  message: string;
  code: string;
  currentVersion: number | null;
  currentStatus: string | null;
}

interface Result {
  updateCommitmentStatus: { commitment: { status: string; version: number } | null; userErrors: UserError[] };
}

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('label', {}, h('span', { class: 'label' }, label), control, hint ? h('small', {}, hint) : null);
}

export function editorPanel(region: HTMLElement, reload: () => void) {
  let current: EditableCommitment | undefined;
  /** The version the editor was looking at when they began this change; set at their first keystroke. */
  let readVersion: number | undefined;
  const message = h('div', { class: 'message', id: 'editor-message' });

  const say = (kind: 'ok' | 'error' | 'note', ...text: string[]) => {
    replaceChildren(message, h('p', { class: `msg-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text));
  };

  const signIn = () => {
    const input = h('input', { type: 'password', name: 'credential', autocomplete: 'off', required: true, spellcheck: 'false' });
    const form = h(
      'form',
      { class: 'sign-in', name: 'sign-in' },
      field('API key or JWT', input, 'Kept in this tab only, until it is closed.'),
      h('button', { type: 'submit' }, 'Use for this tab'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      credential.set(input.value);
      draw();
      region.querySelector<HTMLElement>('select[name=status]')?.focus();
    });
    return h('details', { class: 'sign-in' }, h('summary', {}, 'Editors: sign in to record a change'), form);
  };

  const statusForm = (commitment: EditableCommitment) => {
    const status = h('select', { name: 'status', required: true }, STATUSES.filter((value) => value !== commitment.status).map((value) => h('option', { value }, STATUS_LABELS[value])));
    const effectiveOn = h('input', { type: 'date', name: 'effectiveOn', required: true, value: todayUtc(), max: todayUtc() });
    const rationale = h('textarea', { name: 'rationale', required: true, rows: 3, maxlength: 5000 });
    const evidenceUrl = h('input', { type: 'url', name: 'evidenceUrl', placeholder: 'https://' });
    const evidenceTitle = h('input', { type: 'text', name: 'evidenceTitle', maxlength: 500 });
    const evidenceDate = h('input', { type: 'date', name: 'evidencePublishedOn', max: todayUtc() });
    const submit = h('button', { type: 'submit' }, 'Record the change');
    const form = h(
      'form',
      { class: 'status-change', name: 'status-change' },
      field('New status', status),
      field('Effective on', effectiveOn),
      field('Rationale', rationale),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Evidence (needed for Stalled, Abandoned and a move away from Completed)'),
        field('Web address', evidenceUrl),
        field('Title', evidenceTitle),
        field('Published on', evidenceDate),
      ),
      submit,
    );
    form.addEventListener('input', () => {
      readVersion ??= current?.version;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!current) return;
      const evidence = evidenceUrl.value || evidenceTitle.value || evidenceDate.value ? { url: evidenceUrl.value || null, title: evidenceTitle.value, publishedOn: evidenceDate.value } : null;
      const input = {
        commitmentId: current.id,
        status: status.value,
        effectiveOn: effectiveOn.value,
        rationale: rationale.value,
        evidence,
        expectedVersion: readVersion ?? current.version,
        idempotencyKey: crypto.randomUUID(),
      };
      submit.disabled = true;
      say('note', 'Recording…');
      graphql<Result>(MUTATION, { input })
        .then(({ updateCommitmentStatus: result }) => {
          const [conflict] = result.userErrors.filter((error) => error.code === 'CONFLICT');
          if (conflict) {
            readVersion = undefined;
            say('error', `Someone else changed this commitment first: it is now ${statusLabel(conflict.currentStatus ?? '')} (version ${conflict.currentVersion}). Your change was not recorded; the page shows their change — check it, then record yours again if it still holds.`);
            reload();
          } else if (result.userErrors.length) {
            say('error', 'Not recorded: ', result.userErrors.map((error) => `${error.message}${error.field ? ` (${error.field.slice(1).join('.')})` : ''}`).join('; '));
          } else {
            readVersion = undefined;
            form.reset();
            effectiveOn.value = todayUtc();
            say('ok', `Recorded: the commitment is now ${statusLabel(result.commitment?.status ?? '')}.`);
            reload();
          }
        })
        .catch((error: unknown) => say('error', `Not recorded. ${explain(error)}`))
        .finally(() => {
          submit.disabled = false;
        });
    });
    return form;
  };

  /** The role of the credential in use, asked of the API once per credential (Query.viewer). */
  let known: { key: string; role: string | null } | undefined;

  const draw = () => {
    const key = credential.get();
    const heading = h('h2', { id: 'h-editor' }, 'Record a status change');
    if (!key || !current) return replaceChildren(region, heading, signIn());
    const forget = h('button', { type: 'button', class: 'link', onclick: () => (credential.clear(), replaceChildren(message), draw()) }, 'Forget the key');
    const signedIn = h('p', { class: 'signed-in' }, `Using the key or token ending “${key.slice(-4)}” in this tab. `, forget);
    if (known?.key !== key) {
      replaceChildren(region, heading, signedIn, message);
      say('note', 'Checking what this key or token may do…');
      graphql<{ viewer: { role: string | null } }>(VIEWER)
        .then(({ viewer }) => {
          known = { key, role: viewer.role };
          replaceChildren(message);
          draw();
        })
        .catch((error: unknown) => say('error', `This key or token was not accepted. ${explain(error)}`));
      return;
    }
    if (known.role !== 'EDITOR' && known.role !== 'ADMIN') {
      replaceChildren(region, heading, signedIn, message);
      return say('note', `This key or token has the ${known.role ?? 'no'} role: it may read, not record changes. Editors and admins may.`);
    }
    replaceChildren(region, heading, signedIn, statusForm(current), message);
  };

  return {
    show(commitment: EditableCommitment) {
      const first = !current;
      const changedUnderneath = readVersion !== undefined && commitment.version !== readVersion;
      const statusChanged = current && current.status !== commitment.status;
      current = commitment;
      if (first) return draw();
      // Keep what the editor typed; only the list of statuses to move to depends on the current one.
      if (statusChanged && readVersion === undefined) draw();
      if (changedUnderneath) say('note', `This commitment changed while you were editing: it is now ${statusLabel(commitment.status)}. Recording your change will be refused unless you start again.`);
    },
  };
}
