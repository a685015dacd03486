/**
 * Comparing the emulator's answers with the official examples' (azure-spec/examples): what to
 * send, and which members an answer must carry. Used by examples.test.ts (image kinds) and
 * familyExamples.test.ts (applications, inVMAccessControlProfiles, scripts).
 */
import type { JsonObject, JsonValue } from "../../emulator/json";

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Example {
    parameters: Record<string, JsonValue>;
    responses: Record<string, { body?: JsonValue; headers?: Record<string, string> }>;
}

/** The examples were written years ago; the service refuses end-of-life dates in the past today. */
export function futureDates(v: JsonValue): JsonValue {
    if (Array.isArray(v)) return v.map(futureDates);
    if (isObject(v)) {
        const out: JsonObject = {};
        for (const [k, x] of Object.entries(v)) out[k] = k === "endOfLifeDate" ? "2099-01-01T00:00:00Z" : futureDates(x ?? null);
        return out;
    }
    return v;
}

const READ_ONLY = ["provisioningState", "replicationStatus", "publishedDate", "sizeInGB", "reportedForPolicyViolation", "policyViolations", "validationsProfile", "identifier", "sharingStatus", "groups", "communityGalleryEnabled", "publicNames"];

/** A request body made from an example's response: read-only members removed. */
export function writable(v: JsonValue, depth = 0): JsonValue {
    if (Array.isArray(v)) return v.map((x) => writable(x, depth + 1));
    if (isObject(v)) {
        const out: JsonObject = {};
        for (const [k, x] of Object.entries(v)) {
            if (x === undefined || (READ_ONLY.includes(k) && !(k === "identifier" && depth > 0))) continue;
            if (depth === 0 && ["id", "name", "type"].includes(k)) continue;
            out[k] = writable(x, depth + 1);
        }
        return out;
    }
    return v;
}

/**
 * The members every one of an example's success answers carries. The answers of one create (200,
 * 201, 202) describe the same resource, so a member only some of them show is an inconsistency of
 * the example (Gallery_Create_WithManagedIdentity.json shows a softDeletePolicy its request never
 * set in 201/202 only), not something the service promises.
 */
export function common(bodies: JsonValue[]): JsonValue | undefined {
    const [first, ...rest] = bodies;
    if (first === undefined) return undefined;
    if (isObject(first)) {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(first)) {
            const others = rest.map((b) => (isObject(b) ? b[k] : undefined));
            if (v !== undefined && others.every((o) => o !== undefined)) out[k] = common([v, ...(others as JsonValue[])]) ?? v;
        }
        return out;
    }
    if (Array.isArray(first) && rest.every(Array.isArray) && first.length > 0 && rest.every((b) => (b as JsonValue[]).length > 0)) {
        return [common([first[0], ...rest.map((b) => (b as JsonValue[])[0])]) ?? first[0]];
    }
    return first;
}

/** Paths of every member of `expected` missing from `actual` (arrays compared by their first item). */
export function missing(expected: JsonValue | undefined, actual: JsonValue | undefined, at = "$"): string[] {
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual)) return [at];
        return expected.length && actual.length ? missing(expected[0], actual[0], `${at}[0]`) : [];
    }
    if (isObject(expected)) {
        if (!isObject(actual)) return [at];
        return Object.keys(expected)
            .filter((k) => k !== "nextLink")
            .flatMap((k) => (k in actual ? missing(expected[k], actual[k], `${at}.${k}`) : [`${at}.${k}`]));
    }
    return [];
}

/** Deep merge of a request over a body (objects merge, anything else replaces; null keeps the base). */
export function mergeDeep(a: JsonValue, b: JsonValue): JsonValue {
    if (!isObject(a) || !isObject(b)) return b === null ? a : b;
    const out: JsonObject = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeDeep(out[k] ?? null, v ?? null) : v;
    return out;
}

/** SOURCES.tsv rows: file (relative to examples/galleryExamples/, or `folder/file`), source path, commit, byte length. */
export function sourceRows(text: string): Map<string, { source: string; commit: string; bytes: number }> {
    const lines = text.split("\n").slice(1).filter(Boolean);
    return new Map(lines.map((l) => l.split("\t")).map(([file, source, commit, bytes]) => [file, { source, commit, bytes: Number(bytes) }]));
}
