// `npm run dist` (this OS), `npm run dist:win|mac|linux`: builds the app, then the installers
// with electron-builder (electron-builder.json). What the environment must provide:
//
//   macOS    CSC_LINK (+ CSC_KEY_PASSWORD) or CSC_NAME: a "Developer ID Application" certificate;
//            and for notarization APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or
//            APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_KEYCHAIN + APPLE_KEYCHAIN_PROFILE.
//            Without them the build stops: an unsigned app cannot show notifications on
//            macOS (Electron 42+, UNUserNotificationCenter) nor start at login. `--unsigned`
//            builds one anyway for local tests, and says what will not work.
//   Windows  WIN_CSC_LINK or CSC_LINK (+ password) to sign; optional, with a warning (SmartScreen).
//   Updates  YOUMI_UPDATE_URL=https://…/youmi-todo/ (generic feed: latest.yml and the installers
//            uploaded there) or YOUMI_UPDATE_GITHUB=owner/repo (GitHub releases). Neither: the
//            installers do not update themselves, and the build says so.
//
// Everything after `--` goes to electron-builder (`npm run dist -- --help`).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { localBin, run } from './run-bin.mjs';

const TARGETS = { win: '--win', mac: '--mac', linux: '--linux' };
const hostTarget = (platform) => (platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : 'linux');

const has = (env, ...names) => names.every((n) => typeof env[n] === 'string' && env[n].trim() !== '');

/**
 * What to run and what to say, from the environment and the arguments. Pure, for the tests.
 * @returns {{ ok: boolean, errors: string[], warnings: string[], builderArgs: string[], build: boolean }}
 */
export function planDist(env, argv, platform = process.platform) {
  const errors = [];
  const warnings = [];
  const passthrough = [];
  let target = null;
  let unsigned = false;
  for (const a of argv) {
    if (a.startsWith('--target=')) target = a.slice('--target='.length);
    else if (a === '--unsigned') unsigned = true;
    else passthrough.push(a);
  }
  if (passthrough.includes('--help') || passthrough.includes('-h')) {
    return { ok: true, errors, warnings, builderArgs: ['--help'], build: false };
  }
  target ??= hostTarget(platform);
  if (!TARGETS[target]) return { ok: false, errors: [`unknown target ${target} (win, mac or linux)`], warnings, builderArgs: [], build: false };

  const config = [];
  if (target === 'mac') {
    const identity = has(env, 'CSC_LINK') || has(env, 'CSC_NAME');
    const notarize =
      has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
      has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
      has(env, 'APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE');
    const missing = [];
    if (!identity) missing.push('a Developer ID certificate (CSC_LINK + CSC_KEY_PASSWORD, or CSC_NAME)');
    if (!notarize) missing.push('notarization credentials (APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER or APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID)');
    if (missing.length && !unsigned) {
      errors.push(
        `macOS release needs ${missing.join(' and ')}. An unsigned build cannot show notifications (they fail) ` +
          'or start at login. Set them, or pass --unsigned for a local test build.',
      );
    } else if (missing.length) {
      warnings.push('UNSIGNED macOS build (--unsigned): notifications will fail and launch at login will not work. Never ship it.');
      config.push('-c.mac.identity=null', '-c.mac.notarize=false');
    }
  }
  if (target === 'win' && !has(env, 'WIN_CSC_LINK') && !has(env, 'CSC_LINK')) {
    warnings.push('Windows installer NOT code-signed (no WIN_CSC_LINK/CSC_LINK): SmartScreen will warn users, and auto-update cannot verify the publisher.');
  }
  if (has(env, 'YOUMI_UPDATE_URL')) {
    config.push('-c.publish.provider=generic', `-c.publish.url=${env.YOUMI_UPDATE_URL}`);
  } else if (has(env, 'YOUMI_UPDATE_GITHUB')) {
    const [owner, repo] = env.YOUMI_UPDATE_GITHUB.split('/');
    if (!owner || !repo) errors.push(`YOUMI_UPDATE_GITHUB must be owner/repo, not ${env.YOUMI_UPDATE_GITHUB}`);
    else config.push('-c.publish.provider=github', `-c.publish.owner=${owner}`, `-c.publish.repo=${repo}`);
  } else {
    warnings.push('No update feed (YOUMI_UPDATE_URL or YOUMI_UPDATE_GITHUB): these installers will not update themselves.');
  }
  return {
    ok: errors.length === 0,
    errors,
    warnings,
    builderArgs: ['--config', 'electron-builder.json', TARGETS[target], ...config, ...passthrough],
    build: true,
  };
}

function main() {
  const root = resolve(import.meta.dirname, '..');
  const plan = planDist(process.env, process.argv.slice(2));
  for (const w of plan.warnings) console.warn(`dist: WARNING: ${w}`);
  if (!plan.ok) {
    for (const e of plan.errors) console.error(`dist: ERROR: ${e}`);
    process.exit(1);
  }
  if (plan.build) {
    const built = run([...localBin('electron-vite'), 'build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
    if (!existsSync(resolve(root, 'out/main/index.js'))) {
      console.error('dist: ERROR: the build left no out/main/index.js');
      process.exit(1);
    }
  }
  const r = run([...localBin('electron-builder', 'electron-builder'), ...plan.builderArgs], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
