/** Minimal typed access to request/response JSON, so the emulator never needs `any`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
    [key: string]: JsonValue | undefined;
}

export function isObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The object at `v`, or an empty one (treats absent and non-object alike, as the service's binder does). */
export function obj(v: unknown): JsonObject {
    return isObject(v) ? v : {};
}

export function arr(v: unknown): JsonValue[] {
    return Array.isArray(v) ? (v as JsonValue[]) : [];
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

export function clone<T extends JsonValue>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}

/** RFC 7386 merge patch: objects merge, arrays and scalars replace, null removes. */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
    if (!isObject(patch)) {
        return clone(patch);
    }
    const out: JsonObject = isObject(target) ? clone(target) : {};
    for (const [k, v] of Object.entries(patch)) {
        if (v === null) {
            delete out[k];
        } else if (v !== undefined) {
            out[k] = mergePatch(out[k], v);
        }
    }
    return out;
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
    }
    if (isObject(a) && isObject(b)) {
        const ka = Object.keys(a).filter((k) => a[k] !== undefined);
        const kb = Object.keys(b).filter((k) => b[k] !== undefined);
        return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
    }
    return false;
}
