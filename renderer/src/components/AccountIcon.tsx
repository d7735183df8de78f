import type { AccountKind } from '../../../shared/todo';

const PATHS: Record<AccountKind, string> = {
  // speech bubbles: personal WeChat
  wechat: 'M6 3C3.2 3 1 4.9 1 7.2c0 1.3.7 2.5 1.8 3.3L2.4 12l1.9-1c.5.1 1.1.2 1.7.2h.3A3.9 3.9 0 0 1 6 10c0-2.2 2.1-4 4.8-4h.4C10.7 4.3 8.6 3 6 3Zm4.8 4C8.7 7 7 8.4 7 10.1s1.7 3.1 3.8 3.1c.4 0 .8 0 1.2-.1l1.5.8-.3-1.2c.9-.6 1.5-1.5 1.5-2.6C14.7 8.4 12.9 7 10.8 7Z',
  // megaphone: official account
  official: 'M12 2 5 5H2v5h2l1 4h2l-1-4 6 3V2Zm1.5 4v3a1.5 1.5 0 0 0 0-3Z',
  // hexagon: mini program
  miniprogram: 'M8 1 14 4.5v7L8 15 2 11.5v-7L8 1Zm0 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z',
  // building: WeCom
  wecom: 'M2 14V3l6-2v13H2Zm7 0V6l5 1.5V14H9ZM4 5h2v1.5H4V5Zm0 3h2v1.5H4V8Zm0 3h2v1.5H4V11Zm7-1h1.5v1.5H11V10Z',
  // circle with a question mark
  unknown: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm-.7 10h1.4v1.4H7.3V11ZM8 4c1.5 0 2.6 1 2.6 2.2 0 1-.6 1.5-1.2 1.9-.5.3-.7.5-.7 1V9.6H7.3V9c0-1 .5-1.5 1.1-1.9.5-.3.8-.5.8-1 0-.5-.5-.9-1.2-.9s-1.2.4-1.3 1.1L5.3 6C5.5 4.8 6.6 4 8 4Z',
};

export function AccountIcon({ kind, label }: { kind: AccountKind; label: string }) {
  return (
    <svg className={`account-icon account-${kind}`} viewBox="0 0 16 16" width="14" height="14" role="img" aria-label={label}>
      <title>{label}</title>
      <path d={PATHS[kind]} fill="currentColor" />
    </svg>
  );
}
