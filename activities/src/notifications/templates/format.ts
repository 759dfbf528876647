/** Small, pure formatting helpers shared by the notice templates. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five HTML-significant characters; safe in element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Makes a value safe for a single-line header (subject, inbox title): every run of line breaks
 * (CR, LF, NEL, LS, PS) and other control characters becomes one space, so no value can start a new
 * mail header.
 */
export function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}

/** Normalises the line breaks of a multi-line free-text value to LF. */
export function normaliseLines(value: string): string {
  return value.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n');
}

/**
 * Cuts a string to at most `max` UTF-16 code units, ending with '…' when cut; never splits a
 * surrogate pair.
 */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let out = '';
  for (const ch of value) {
    if (out.length + ch.length + 1 > max) break;
    out += ch;
  }
  return `${out}…`;
}

function assertWholeDays(days: number, what: string): void {
  if (!Number.isInteger(days)) throw new RangeError(`${what} must be a whole number of days, got ${days}`);
}

/**
 * Wording of the time to a deadline: "还剩 N 天" when N > 0, "今天到期" when 0, "已逾期 N 天" when
 * the deadline passed N days ago (N < 0).
 */
export function formatDaysLeft(daysLeft: number): string {
  assertWholeDays(daysLeft, 'daysLeft');
  if (daysLeft > 0) return `还剩 ${daysLeft} 天`;
  if (daysLeft === 0) return '今天到期';
  return `已逾期 ${-daysLeft} 天`;
}

/** Wording of a count of days past a deadline: "已逾期 N 天" (0 means the deadline is today). */
export function formatDaysOverdue(daysOverdue: number): string {
  assertWholeDays(daysOverdue, 'daysOverdue');
  if (daysOverdue < 0) throw new RangeError(`daysOverdue must not be negative, got ${daysOverdue}`);
  return formatDaysLeft(-daysOverdue);
}
