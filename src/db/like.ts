/** Makes user text literal inside a LIKE pattern (`%` and `_` are characters, not wildcards). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
