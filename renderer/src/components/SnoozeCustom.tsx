import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { datetimeLocalToIso, toDatetimeLocal } from '../model/time';

/** Pick a time with datetime-local; sent as ISO 8601 with the local offset. */
export function SnoozeCustom(props: { onConfirm: (iso: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(() => toDatetimeLocal(Date.now() + 60 * 60 * 1000));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), []);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const iso = datetimeLocalToIso(value);
    if (!iso) setError(t('snooze.invalidError'));
    else if (Date.parse(iso) <= Date.now()) setError(t('snooze.pastError'));
    else props.onConfirm(iso);
  };

  return (
    <form role="dialog" aria-labelledby={`${id}-title`} className="snooze-custom" onSubmit={submit} noValidate>
      <p id={`${id}-title`} className="popover-title">
        {t('snooze.customTitle')}
      </p>
      <label htmlFor={`${id}-input`} className="field-label">
        {t('snooze.customLabel')}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="datetime-local"
        className="input"
        value={value}
        min={toDatetimeLocal(Date.now())}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="popover-actions">
        <button type="button" className="btn btn-small btn-ghost" onClick={props.onCancel}>
          {t('snooze.cancel')}
        </button>
        <button type="submit" className="btn btn-small btn-primary">
          {t('snooze.confirm')}
        </button>
      </div>
    </form>
  );
}
