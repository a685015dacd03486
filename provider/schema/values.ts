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

/** ARM's comparison key for a region: "West US" and "westus" are the same region. */
export function regionKey(name: string): string {
    return name.replace(/\s+/g, "").toLowerCase();
}

/** An RFC 3339 date in one spelling, so "2030-01-01T00:00:00Z" equals "2030-01-01T00:00:00.000+00:00". */
export function canonicalDate(v: string): string {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : new Date(t).toISOString();
}

export function canonicalEnum(allowed: readonly string[], v: string): string {
    return allowed.find((a) => a.toLowerCase() === v.toLowerCase()) ?? v;
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
