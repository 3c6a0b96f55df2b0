/**
 * Opening the authorization URL: the program in `$BROWSER` when set (as `xdg-open` and Python's
 * `webbrowser` read it: a `:`-separated list whose first entry is used, `%s` standing for the URL), else
 * the platform's opener (`xdg-open`, `open`, `start`). `false` means nothing could be started: the caller
 * prints the URL instead.
 */
import { spawn } from "node:child_process";

export interface BrowserOpener {
  open(url: string): Promise<boolean>;
}

/** The command line that opens `url`, or undefined when this platform has no opener we know. */
export function browserCommand(
  url: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } | undefined {
  const browser = env.BROWSER?.split(":")[0]?.trim();
  if (browser !== undefined && browser !== "") {
    const words = browser.split(/\s+/);
    const command = words[0] ?? browser;
    const rest = words.slice(1);
    const hasPlaceholder = rest.some((word) => word.includes("%s"));
    return {
      command,
      args: hasPlaceholder ? rest.map((word) => word.replaceAll("%s", url)) : [...rest, url],
    };
  }
  if (platform === "darwin") return { command: "open", args: [url] };
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", '""', url.replace(/&/g, "^&")] };
  if (platform === "linux" || platform === "freebsd" || platform === "openbsd")
    return { command: "xdg-open", args: [url] };
  return undefined;
}

/** The real opener: starts the program detached and does not wait for it (a browser may run for hours). */
export class SystemBrowserOpener implements BrowserOpener {
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  open(url: string): Promise<boolean> {
    const line = browserCommand(url, this.env, this.platform);
    if (line === undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      // stdout stays ours (MCP stdio servers' hosts use it for the protocol): the browser writes nowhere.
      const child = spawn(line.command, line.args, { stdio: "ignore", detached: true, env: process.env });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    });
  }
}
