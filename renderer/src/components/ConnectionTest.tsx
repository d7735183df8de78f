import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorReport, DoctorStep, DoctorStepName } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import { translateError } from '../model/errors';
import { accountPatch, hasAccountErrors, validateDraft } from '../model/settingsDraft';
import { useBridge } from '../store/context';
import type { SectionProps } from './SettingsPanel';

const STEPS: readonly DoctorStepName[] = ['config', 'token', 'count', 'staff'];

/** A passed step's details in the user's language (the report's `detail` is English, for logs). */
function StepFacts({ step }: { step: DoctorStep }) {
  const { t } = useTranslation();
  const f = step.facts ?? {};
  const text =
    step.step === 'config'
      ? t('settings.test.details.config')
      : step.step === 'token'
        ? t('settings.test.details.token', { sec: f.validForSec })
        : step.step === 'count'
          ? t('settings.test.details.count', { count: Number(f.open ?? 0) })
          : t('settings.test.details.staff', { who: [f.code, f.name, f.depart].filter(Boolean).join(' · '), count: Number(f.mine ?? 0) });
  return (
    <>
      <span className="step-detail muted">{text}</span>
      {f.disabled === true && <span className="step-detail warning-text">{t('settings.test.details.staffDisabled', { code: f.code })}</span>}
    </>
  );
}

type Run = { state: 'idle' } | { state: 'invalid' } | { state: 'running' } | { state: 'done'; report: DoctorReport } | { state: 'failed'; error: AppError };

/** "测试连接": the doctor's steps against the saved settings overlaid with the draft, each ok or failed. */
export function ConnectionTest({ draft, settings }: SectionProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [run, setRun] = useState<Run>({ state: 'idle' });

  const start = async (): Promise<void> => {
    if (hasAccountErrors(validateDraft(draft))) {
      setRun({ state: 'invalid' });
      return;
    }
    setRun({ state: 'running' });
    const result = await bridge.testConnection(accountPatch(draft, settings));
    setRun(result.ok ? { state: 'done', report: result.value } : { state: 'failed', error: result.error });
  };

  return (
    <div className="connection-test">
      <button type="button" className="btn" disabled={run.state === 'running'} onClick={() => void start()}>
        {t('settings.test.button')}
      </button>
      <div className="test-result" aria-live="polite">
        {run.state === 'invalid' && <p className="field-error">{t('settings.errors.url')}</p>}
        {run.state === 'running' && <p className="field-hint">{t('settings.test.running')}</p>}
        {run.state === 'failed' && <p className="field-error">{translateError(t, run.error)}</p>}
        {run.state === 'done' && (
          <>
            <p className={run.report.ok ? 'test-summary ok' : 'test-summary failed'}>
              {run.report.ok ? t('settings.test.ok') : t('settings.test.failed')}
            </p>
            <ol className="test-steps">
              {STEPS.map((name) => {
                const step = run.report.steps.find((s) => s.step === name);
                const state = !step ? 'skipped' : step.ok ? 'ok' : 'failed';
                return (
                  <li key={name} className={`test-step step-${state}`} data-step={name} data-state={state}>
                    <span className="step-mark" aria-hidden="true">
                      {state === 'ok' ? '✓' : state === 'failed' ? '✗' : '–'}
                    </span>
                    <span className="step-name">{t(`settings.test.steps.${name}`)}</span>
                    <span className="step-state">
                      {state === 'ok' ? t('settings.test.stepOk') : state === 'failed' ? t('settings.test.stepFailed') : t('settings.test.stepSkipped')}
                    </span>
                    {step && !step.ok && <span className="step-detail">{step.error ? translateError(t, step.error) : step.detail}</span>}
                    {step?.ok && <StepFacts step={step} />}
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}
