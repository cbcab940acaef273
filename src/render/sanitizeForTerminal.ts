/**
 * C0 and C1 control characters, DEL, and the Unicode bidirectional controls that can reorder
 * text on screen. Input fields such as user agents are attacker-controlled, so printing them
 * raw could clear the analyst's screen, retitle the terminal or hide text.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Replaces unsafe characters, newlines and tabs with a visible escape such as `\x1B`, `\x0A`
 * or `\u202E`, so that a value stays on its line of a table or message.
 */
export function sanitizeCell(text: string): string {
  return text.replace(UNSAFE, escapeCharacter).replace(/[\n\t]/g, escapeCharacter);
}

function escapeCharacter(character: string): string {
  const code = character.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}
