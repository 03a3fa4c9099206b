/** A LIKE / ILIKE pattern matching `text` anywhere, its wildcards (and backslashes) escaped. */
export const likeAnywhere = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
