/**
 * The one way the browser tests (the docs' pages, the runtime matrix's browser cell) start Chromium:
 * Debian's binary (`scripts/install-test-tools.sh` installs it; `CHROMIUM_PATH` names another), headless,
 * without the sandbox a container lacks, and without the background traffic (updates, sync, first-run
 * pages) that a test without network must not wait for.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** What this needs of playwright-core's `chromium` (the caller's own dependency; none here). */
interface Launcher<B> {
  launch(options: { executablePath: string; args: string[] }): Promise<B>;
}

/** Starts Chromium with playwright-core's `chromium`. */
export function launchChromium<B>(chromium: Launcher<B>): Promise<B> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
