import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import { translateError } from '../model/errors';
import { accountPatch, hasAccountErrors, validateDraft } from '../model/settingsDraft';
import { useBridge } from '../store/context';
import { Field } from './Field';
import type { SectionProps } from './SettingsPanel';

type Load = { state: 'idle' } | { state: 'invalid' } | { state: 'need-account' } | { state: 'loading' } | { state: 'done'; staff: StaffMember[] } | { state: 'failed'; error: AppError };

/** The staff code, typed or picked from listStaff(draft). */
export function StaffPicker({ draft, errors, update, settings }: SectionProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const id = useId();
  const [load, setLoad] = useState<Load>({ state: 'idle' });

  const fetchStaff = async (): Promise<void> => {
    if (hasAccountErrors(validateDraft(draft))) {
      setLoad({ state: 'invalid' });
      return;
    }
    // A real account's staff come from that account: ask for it first, never show demo staff.
    const secret = draft.clientSecret !== '' || (settings.clientSecretSet && !draft.clearSecret);
    if (draft.mode === 'account' && (!draft.baseUrl.trim() || !draft.clientId.trim() || !secret)) {
      setLoad({ state: 'need-account' });
      return;
    }
    setLoad({ state: 'loading' });
    const result = await bridge.listStaff({ ...accountPatch(draft, settings), mode: draft.mode });
    setLoad(result.ok ? { state: 'done', staff: result.value } : { state: 'failed', error: result.error });
  };

  return (
    <div className="staff-picker">
      <Field
        label={t('settings.staffCode')}
        hint={t('settings.staffCodeHint')}
        value={draft.staffCode}
        autoComplete="off"
        spellCheck={false}
        error={errors.staffCode ? t(`settings.errors.${errors.staffCode}`) : undefined}
        onValue={(staffCode) => update({ staffCode })}
      />
      <button type="button" className="btn btn-small" disabled={load.state === 'loading'} onClick={() => void fetchStaff()}>
        {load.state === 'loading' ? t('settings.staffLoading') : t('settings.staffPick')}
      </button>
      <div aria-live="polite">
        {load.state === 'invalid' && <p className="field-error">{t('settings.errors.url')}</p>}
        {load.state === 'need-account' && <p className="field-error">{t('settings.staffNeedAccount')}</p>}
        {load.state === 'failed' && <p className="field-error">{translateError(t, load.error)}</p>}
        {load.state === 'done' && load.staff.length === 0 && <p className="field-hint">{t('settings.staffEmpty')}</p>}
      </div>
      {load.state === 'done' && load.staff.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-staff`} className="field-label">
            {t('settings.staffList')}
          </label>
          <select id={`${id}-staff`} className="input" value={load.staff.some((m) => m.code === draft.staffCode) ? draft.staffCode : ''} onChange={(e) => update({ staffCode: e.target.value })}>
            <option value="" disabled>
              {t('settings.staffChoose')}
            </option>
            {load.staff.map((member) => (
              <option key={member.code} value={member.code}>
                {[member.code, member.name, member.depart].filter(Boolean).join(' · ')}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
