/**
 * The line that matters in what npm (run by `npx`) prints when it cannot start a server: npm writes a
 * dozen `npm error` lines, mostly boilerplate (the log file, "Note that you can also install from a
 * tarball …"), and the reason (`404 '@x/y@*' is not in this registry.`) sits in the middle.
 */

const NPM_PREFIX = /^npm (?:error|ERR!)\s*/;

/** Boilerplate npm adds to every failure. */
const BOILERPLATE = [
  /^A complete log of this run can be found in/i,
  /^Log files were not written/i,
  /^You can rerun the command with/i,
  /^Note that you can also install from a/i,
  /^tarball, folder, http url, or git url\.?$/i,
  /^code \w+$/,
  /^errno /,
  /^syscall /,
  /^(\d{3}|E\w+)$/,
];

/**
 * The meaningful line of npm's error output, without the `npm error` prefix, or undefined when `lines`
 * hold no npm error. A 404's "is not in this registry" line wins, then the first line that is not
 * boilerplate.
 */
export function meaningfulNpmLine(lines: readonly string[]): string | undefined {
  const npmLines = lines
    .filter((line) => NPM_PREFIX.test(line))
    .map((line) => line.replace(NPM_PREFIX, "").trim())
    .filter((line) => line !== "" && !BOILERPLATE.some((pattern) => pattern.test(line)));
  if (npmLines.length === 0) return undefined;
  return npmLines.find((line) => /is not in this registry/i.test(line)) ?? npmLines[0];
}
