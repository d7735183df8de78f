import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember, TodoDraft, TodoView } from '../../../shared/contract/types';
import { useActOps, useActState } from '../hooks/useAct';
import { actError } from '../model/actErrors';
import { customerName, type ActDialog as Dialog } from '../store/actStore';
import { useApp, useBridge } from '../store/context';

type When = '10m' | '1h' | 'tomorrow' | 'pick';
const KIND_CODE = { wechat: 0, official: 1, miniprogram: 2, wecom: 3 } as const;

/** The customers and accounts of my recent todos, for 新建待办's pickers. */
function recentChoices(todos: readonly TodoView[]) {
  const customers = new Map<string, TodoView>();
  const accounts = new Map<number, TodoView['account']>();
  for (const t of todos) {
    if (t.customer && !customers.has(t.customer)) customers.set(t.customer, t);
    if (t.account.id !== null && t.account.kind !== 'unknown' && !accounts.has(t.account.id)) accounts.set(t.account.id, t.account);
  }
  return { customers: [...customers.values()].slice(0, 30), accounts: [...accounts.values()] };
}

/** 再跟进 / 新建待办 / 转交给: one form, validated before anything is sent. */
export function ActDialog({ dialog }: { dialog: Exclude<Dialog, { kind: 'history' } | { kind: 'markOriginal' }> }) {
  const { t } = useTranslation();
  const ops = useActOps();
  const bridge = useBridge();
  const snapshot = useApp((s) => s.snapshot);
  const busy = useActState((s) => s.busy);
  const formError = useActState((s) => s.formError);
  const source = dialog.kind === 'new' ? undefined : snapshot?.todos.find((x) => x.id === dialog.todoId);
  const recent = useMemo(() => recentChoices(snapshot?.todos ?? []), [snapshot]);
  const firstAccount = source?.account ?? recent.accounts[0];

  const [customer, setCustomer] = useState(source?.customer ?? '');
  const [accountId, setAccountId] = useState<number | null>(firstAccount?.id ?? null);
  const [title, setTitle] = useState(dialog.kind === 'followup' && source ? t('act.dialogFollowUp') + '：' + source.title : (source?.title ?? ''));
  const [content, setContent] = useState(dialog.kind === 'handoff' ? '' : (source?.content ?? ''));
  const [when, setWhen] = useState<When>('1h');
  const [picked, setPicked] = useState('');
  const [always, setAlways] = useState(source?.isAlways ?? false);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [query, setQuery] = useState('');
  const [colleague, setColleague] = useState<StaffMember | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement>(null);

  const me = snapshot?.staff ?? null;
  useEffect(() => {
    firstField.current?.focus();
    if (dialog.kind !== 'handoff') return;
    void bridge.listColleagues().then((r) => {
      if (r.ok) setStaff(r.value.filter((s) => s.code !== me));
    });
  }, [dialog.kind, bridge, me]);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return staff.filter((s) => !q || `${s.name} ${s.code} ${s.depart ?? ''}`.toLowerCase().includes(q)).slice(0, 50);
  }, [staff, query]);

  const account = recent.accounts.find((a) => a.id === accountId) ?? (source && source.account.id === accountId ? source.account : undefined);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    let remindAt: string = when;
    if (when === 'pick') {
      const ms = Date.parse(picked);
      if (!Number.isFinite(ms) || ms <= Date.now()) return setProblem(t('act.pastTime'));
      remindAt = new Date(ms).toISOString();
    }
    if (dialog.kind === 'handoff') {
      if (!colleague) return setProblem(t('act.needColleague'));
    } else {
      if (!customer.trim()) return setProblem(t('act.needCustomer'));
      if (!account || account.kind === 'unknown' || account.id === null) return setProblem(t('act.needAccount'));
      if (!title.trim()) return setProblem(t('act.needTitle'));
    }
    setProblem(null);
    const draft: TodoDraft = {
      customer: customer.trim(),
      accountId: account?.id ?? 0,
      accountKind: account && account.kind !== 'unknown' ? KIND_CODE[account.kind] : 0,
      title: title.trim(),
      content,
      remindAt,
      isAlways: always,
      ...(source?.level.name ? { levelName: source.level.name } : {}),
      ...(source?.level.color ? { levelColor: source.level.color } : {}),
    };
    void ops.submit(draft, colleague ? { code: colleague.code, name: colleague.name || colleague.code, note: content } : undefined);
  };

  const heading = dialog.kind === 'followup' ? t('act.dialogFollowUp') : dialog.kind === 'new' ? t('act.dialogNew') : t('act.dialogHandOff');
  const shownError = problem ?? (formError ? actError(t, formError) : null);

  return (
    <div className="act-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), ops.close())}>
      <form className="act-dialog" role="dialog" aria-modal="true" aria-labelledby="act-heading" onSubmit={submit} data-dialog={dialog.kind}>
        <h2 id="act-heading" className="act-heading">
          {heading}
          {source && <span className="act-sub">{customerName(snapshot, source) ?? source.customer ?? ''}</span>}
        </h2>

        {dialog.kind === 'new' && (
          <>
            <label className="act-field">
              <span>{t('act.customer')}</span>
              <input ref={firstField} list="act-recent-customers" value={customer} onChange={(e) => setCustomer(e.target.value)} placeholder="wxid_…" name="customer" />
              <datalist id="act-recent-customers">
                {recent.customers.map((c) => (
                  <option key={c.customer} value={c.customer ?? ''}>
                    {customerName(snapshot, c) ?? ''}
                  </option>
                ))}
              </datalist>
            </label>
            <label className="act-field">
              <span>{t('act.account')}</span>
              <select value={accountId ?? ''} onChange={(e) => setAccountId(e.target.value ? Number(e.target.value) : null)} name="account">
                {recent.accounts.map((a) => (
                  <option key={a.id} value={a.id ?? ''}>
                    {a.nick ?? a.wechatNo ?? a.id}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}

        {dialog.kind === 'handoff' ? (
          <fieldset className="act-field act-colleagues">
            <legend>{t('act.colleague')}</legend>
            <input ref={firstField} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('act.colleagueSearch')} aria-label={t('act.colleagueSearch')} name="colleague-search" />
            <ul className="colleague-list" role="listbox" aria-label={t('act.colleague')}>
              {matches.length === 0 && <li className="colleague-none">{t('act.colleagueNone')}</li>}
              {matches.map((s) => (
                <li key={s.code} role="option" aria-selected={colleague?.code === s.code}>
                  <label>
                    <input type="radio" name="colleague" value={s.code} checked={colleague?.code === s.code} onChange={() => setColleague(s)} />
                    <span className="colleague-name">{s.name || s.code}</span>
                    <span className="colleague-meta">
                      {s.code}
                      {s.depart ? ` · ${s.depart}` : ''}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : (
          <label className="act-field">
            <span>{t('act.title')}</span>
            <input ref={dialog.kind === 'followup' ? firstField : undefined} value={title} onChange={(e) => setTitle(e.target.value)} name="title" maxLength={200} />
          </label>
        )}

        <label className="act-field">
          <span>{dialog.kind === 'handoff' ? t('act.note') : t('act.content')}</span>
          <textarea value={content} onChange={(e) => setContent(e.target.value)} name="content" rows={2} maxLength={dialog.kind === 'handoff' ? 500 : 2000} />
        </label>

        {dialog.kind !== 'handoff' && (
          <>
            <div className="act-field act-when" role="radiogroup" aria-label={t('act.when')}>
              <span>{t('act.when')}</span>
              <div className="act-when-options">
                {(['10m', '1h', 'tomorrow', 'pick'] as const).map((w) => (
                  <label key={w} className="act-chip">
                    <input type="radio" name="when" value={w} checked={when === w} onChange={() => setWhen(w)} />
                    {w === 'pick' ? t('act.whenPick') : t(`snooze.${w}`)}
                  </label>
                ))}
              </div>
              {when === 'pick' && <input type="datetime-local" value={picked} onChange={(e) => setPicked(e.target.value)} aria-label={t('act.whenPick')} name="picked" />}
            </div>
            <label className="act-check">
              <input type="checkbox" checked={always} onChange={(e) => setAlways(e.target.checked)} name="always" />
              {t('act.always')}
            </label>
          </>
        )}

        {shownError && (
          <p className="act-error" role="alert">
            {shownError}
          </p>
        )}
        <div className="act-buttons">
          <button type="button" className="btn" onClick={() => ops.close()}>
            {t('act.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('act.saving') : dialog.kind === 'handoff' ? t('act.submitHandOff') : t('act.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
