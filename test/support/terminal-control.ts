/**
 * Where the first character a terminal acts on sits in `text` (-1 when none): C0 controls but newline and
 * tab (ESC, BEL, CR …), DEL and C1 (the 8-bit CSI …). Written apart from src/util/terminal-text.ts, so a
 * test does not check the guard with the guard's own pattern.
 */
export function controlCharacterAt(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) return index;
  }
  return -1;
}
