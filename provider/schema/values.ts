/** Reading nested inputs and putting values in the canonical form that comparisons use. */

/** The engine's marker for a value not known until apply (preview of a dependent resource). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN || (typeof v === "string" && v.includes(UNKNOWN));
}

export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The field tables' paths are few and read for every resource: each is split once. */
const split = new Map<string, string[]>();

function partsOf(path: string): string[] {
    let parts = split.get(path);
    if (!parts) {
        parts = path.split(".");
        if (split.size < 10_000) split.set(path, parts);
    }
    return parts;
}

/**
 * The value at a dotted path. A member of a value known only at apply is itself known only at apply:
 * under an unknown object the answer is the unknown marker, never "left out" (which would read as a
 * field the program does not set).
 */
export function getPath(o: unknown, path: string): unknown {
    let cur: unknown = o;
    for (const part of partsOf(path)) {
        if (isUnknown(cur)) return UNKNOWN;
        if (!isRecord(cur)) return undefined;
        cur = cur[part];
    }
    return cur;
}

export function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
    const parts = path.split(".");
    let cur = o;
    for (const part of parts.slice(0, -1)) {
        if (!isRecord(cur[part])) cur[part] = {};
        cur = cur[part] as Record<string, unknown>;
    }
    cur[parts[parts.length - 1]] = value;
}

/**
 * The resource type an ARM id names ("Microsoft.Compute/galleries/images/versions"), from ARM's form
 * /subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{type}/{name}…]; undefined
 * when the text is not such an id.
 */
export function resourceTypeOf(id: string): string | undefined {
    const m = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/([^/]+)((?:\/[^/]+\/[^/]+)+)$/i.exec(id);
    if (!m) return undefined;
    const pairs = m[2].slice(1).split("/");
    return [m[1], ...pairs.filter((_, i) => i % 2 === 0)].join("/");
}

/** A URL without its query (and fragment): what stays fixed of a blob's SAS URL. */
export function withoutQuery(url: string): string {
    return url.replace(/[?#].*$/, "");
}

/** A URL's query, without the `?` (and without a fragment); "" when it has none. */
export function queryOf(url: string): string {
    const m = /\?([^#]*)/.exec(url);
    return m ? m[1] : "";
}

/** ARM's comparison key for a region: "West US" and "westus" are the same region. */
export function regionKey(name: string): string {
    return name.replace(/\s+/g, "").toLowerCase();
}

/**
 * RFC 3339 §5.6 date-time, the spec's `format: date-time` for every date the service takes: full-date
 * "T" full-time, a fraction of a second if any, and an offset ("Z" or ±hh:mm); T and Z in either case
 * (RFC 3339 §5.6 NOTE). The offset is optional here only so that a value without one can be named.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})?)?$/;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, month: number) => [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;

/**
 * A date-time read as the service reads it, whatever the machine's time zone: the instant in epoch
 * milliseconds (a fraction below one goes, as the SDK sends a JavaScript Date), whether it carries an
 * offset, or why it is no date. A value without an offset is read as UTC, as the service reads one
 * (ERRORS.md: "date or date-time without an offset … accepted"). The service reads a DateTimeOffset,
 * which has no 30 February, no hour 24, no second 60 and no offset beyond ±14:00 (ERRORS.md: "not a
 * calendar date or time"); JavaScript's Date.parse would roll the first three over.
 */
export function readDateTime(v: string): { ms: number; offset: boolean } | { problem: string } {
    const m = DATE_TIME.exec(v);
    if (!m) return { problem: "is not written year-month-dayThour:minute:second with an offset" };
    const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
    const [fraction, zone] = [m[7], m[8]];
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return { problem: "is not a calendar date" };
    if (h > 23 || mi > 59 || sec > 59) return { problem: "is not a time of day" };
    let offsetMinutes = 0;
    if (zone !== undefined && zone.toUpperCase() !== "Z") {
        const [oh, om] = zone.slice(1).split(":").map(Number);
        if (om > 59 || oh * 60 + om > 14 * 60) return { problem: `has an offset beyond ±14:00 (${zone})` };
        offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
    }
    const at = new Date(0);
    at.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years 0-99 as 1900-1999
    at.setUTCHours(h, mi, sec, Math.floor(Number(`0.${fraction ?? "0"}`) * 1000));
    const ms = at.getTime() - offsetMinutes * 60_000;
    // The service reads a .NET DateTimeOffset, whose UTC instant must lie in years 1 to 9999.
    const utcYear = new Date(ms).getUTCFullYear();
    if (utcYear < 1 || utcYear > 9999) return { problem: "falls outside years 1 to 9999 in UTC" };
    return { ms, offset: zone !== undefined };
}

/**
 * A date-time in one spelling, the instant in UTC to the millisecond (what the SDK sends and Azure
 * answers): "2030-01-01T13:45:00+13:45" equals "2030-01-01T00:00:00.000Z". A value that is no date
 * stays as written.
 */
export function canonicalDate(v: string): string {
    const read = readDateTime(v);
    return "ms" in read ? new Date(read.ms).toISOString() : v;
}

/** The allowed value `v` spells, in the allowed casing; undefined when it is none of them. */
export function knownValue(allowed: readonly string[], v: string): string | undefined {
    const same = (x: string) => allowed.find((a) => a.toLowerCase() === x.toLowerCase());
    // Azure may note a value in parentheses: "StandardSSD_LRS(default)" for an edge zone's storage
    // type it chose (GalleryImageVersion_Create_WithTargetExtendedLocations.json, 200 answer).
    const noted = /^(.*\S)\s*\([^()]*\)$/.exec(v);
    return same(v) ?? (noted ? same(noted[1]) : undefined);
}

export function canonicalEnum(allowed: readonly string[], v: string): string {
    return knownValue(allowed, v) ?? v;
}

export function isEmpty(v: unknown): boolean {
    return v === undefined || v === null || (isRecord(v) && Object.values(v).every(isEmpty)) || (Array.isArray(v) && v.length === 0);
}

export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
    if (isRecord(a) && isRecord(b)) {
        const ka = Object.keys(a).filter((k) => a[k] !== undefined);
        const kb = Object.keys(b).filter((k) => b[k] !== undefined);
        return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
    }
    return false;
}

/** Edit distance between two strings. */
function distance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}

function ranked(word: string, candidates: readonly string[]): { c: string; d: number } | undefined {
    return candidates.map((c) => ({ c, d: distance(word.toLowerCase(), c.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
}

/** The candidate closest to `word` (without regard to case), if it is close enough to be a "did you mean". */
export function nearest(word: string, candidates: string[]): string | undefined {
    const best = ranked(word, candidates);
    return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.c : undefined;
}

/** The candidate closest to `word` (without regard to case), however far. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    return ranked(word, candidates)?.c;
}
