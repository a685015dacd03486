/** Reading nested inputs and putting values in the canonical form that comparisons use. */

/** The engine's marker for a value not known until apply (preview of a dependent resource). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN || (typeof v === "string" && v.includes(UNKNOWN));
}

export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function getPath(o: unknown, path: string): unknown {
    let cur: unknown = o;
    for (const part of path.split(".")) {
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

/** An RFC 3339 date in one spelling, so "2030-01-01T00:00:00Z" equals "2030-01-01T00:00:00.000+00:00". */
export function canonicalDate(v: string): string {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : new Date(t).toISOString();
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
