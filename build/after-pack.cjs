// electron-builder afterPack hook: flips the Electron fuses of the packaged binary before
// it is signed. Fuses are compiled-in switches that turn off ways of running the app's
// binary as something else (a Node runtime, a debug target, loose files instead of the
// signed app.asar). CommonJS because electron-builder require()s hooks.
'use strict';

const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuse settings, exported for the packaging test. */
const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS (--require of any script) and --inspect would let another process inject
  // code into the main process, which holds the decrypted client secret.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar must match the hash electron-builder embedded (Info.plist / exe resource),
  // and the app may only load from it: no swapped-in loose app/ folder.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Cookies and local storage encrypted at rest with the OS key.
  [FuseV1Options.EnableCookieEncryption]: true,
};

/** Where the fuse wire lives, as electron-builder's own addElectronFuses computes it. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName || packager.appInfo.productFilename);
}

async function afterPack(context) {
  const binary = electronBinaryPath(context);
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Editing the binary breaks the ad-hoc signature arm64 macOS insists on; re-sign ad hoc
  // (a real identity, if configured, signs afterwards anyway).
  const sentinels = await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: darwin });
  console.log(`  • fuses flipped  binary=${binary} sentinels=${sentinels}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinaryPath = electronBinaryPath;
