/**
 * Check, diff, request building and outputs for any resource, driven by its description
 * (types.ts). Nothing here knows a particular resource; each rule lives in the field's entry.
 */
import { CheckFailure, FieldSpec, Inputs, OnChange, ResourceSpec } from "./types";
import { canonicalDate, canonicalEnum, deepEqual, getPath, isEmpty, isRecord, isUnknown, regionKey, setPath } from "./values";

/** Fields compared as a whole: every field but an object whose members have entries of their own. */
function leaves(fields: FieldSpec[]): FieldSpec[] {
    return fields.filter((f) => !(f.type === "object" && fields.some((g) => g.path.startsWith(`${f.path}.`))));
}

// ---------- validation ----------

function typeError(f: FieldSpec, v: unknown): string | undefined {
    switch (f.type) {
        case "string":
        case "region":
            return typeof v === "string" ? undefined : "must be a string";
        case "date":
            return typeof v === "string" && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}/.test(v)
                ? undefined
                : `must be an RFC 3339 date such as 2030-12-31T00:00:00Z, not ${JSON.stringify(v)}`;
        case "integer":
            return typeof v === "number" && Number.isInteger(v) ? undefined : "must be a whole number";
        case "boolean":
            return typeof v === "boolean" ? undefined : "must be true or false";
        case "stringMap":
            return isRecord(v) && Object.values(v).every((x) => typeof x === "string" || isUnknown(x)) ? undefined : "must be a map of strings";
        case "stringList":
            return Array.isArray(v) && v.every((x) => typeof x === "string") ? undefined : "must be a list of strings";
        case "object":
            return isRecord(v) ? undefined : "must be an object";
        case "list":
            return Array.isArray(v) ? undefined : "must be a list";
    }
}

function checkField(f: FieldSpec, v: unknown, inputs: Inputs, at: string): CheckFailure[] {
    if (v === undefined || v === null) {
        return f.required ? [{ property: at, reason: `${at} is required` }] : [];
    }
    if (isUnknown(v)) return []; // known only at apply; the service checks it then
    const bad = typeError(f, v);
    if (bad) return [{ property: at, reason: `${at} ${bad}` }];
    const out: CheckFailure[] = [];
    const fail = (reason: string) => out.push({ property: at, reason: `${at} ${reason}` });
    if (f.enum && typeof v === "string" && !f.enum.some((e) => e.toLowerCase() === v.toLowerCase())) {
        fail(`must be one of ${f.enum.join(", ")}, not "${v}"`);
    }
    if (f.enum && Array.isArray(v)) {
        const bad = v.filter((x) => typeof x === "string" && !f.enum!.some((e) => e.toLowerCase() === x.toLowerCase()));
        if (bad.length > 0) fail(`may only hold ${f.enum.join(", ")}, not ${bad.map((b) => `"${String(b)}"`).join(", ")}`);
    }
    if (typeof v === "number") {
        if (f.min !== undefined && v < f.min) fail(`must be at least ${f.min}, not ${v}`);
        if (f.max !== undefined && v > f.max) fail(`must be at most ${f.max}, not ${v}`);
    }
    if (typeof v === "string") {
        if (f.maxLength !== undefined && v.length > f.maxLength) fail(`must be at most ${f.maxLength} characters, not ${v.length}`);
        if (f.pattern && !f.pattern.re.test(v)) fail(`${f.pattern.rule}; "${v}" is not`);
    }
    if (f.validate && out.length === 0) {
        const reason = f.validate(v, inputs);
        if (reason) fail(reason);
    }
    if (f.type === "list" && f.items && Array.isArray(v)) {
        const seen = new Map<string, number>();
        v.forEach((item, i) => {
            const itemAt = `${at}[${i}]`;
            if (!isRecord(item)) {
                out.push({ property: itemAt, reason: `${itemAt} must be an object` });
                return;
            }
            for (const g of f.items!.fields) out.push(...checkField(g, getPath(item, g.path), inputs, `${itemAt}.${g.path}`));
            if (f.items!.key) {
                const k = keyOf(f, item);
                if (k !== undefined && seen.has(k)) {
                    out.push({ property: itemAt, reason: `${itemAt} repeats ${at}[${seen.get(k)}] (${f.items!.key} "${String(getPath(item, f.items!.key))}"); each may appear once` });
                }
                if (k !== undefined) seen.set(k, i);
            }
        });
    }
    return out;
}

/** Every failure in the inputs, each naming the field and the rule. */
export function validate(spec: ResourceSpec, inputs: Inputs): CheckFailure[] {
    const failures = spec.fields.flatMap((f) => checkField(f, getPath(inputs, f.path), inputs, f.path));
    return failures.length > 0 ? failures : spec.rules.flatMap((rule) => rule(inputs));
}

// ---------- canonical forms ----------

function keyOf(list: FieldSpec, item: Record<string, unknown>): string | undefined {
    const keyField = list.items?.fields.find((g) => g.path === list.items?.key);
    const v = keyField ? getPath(item, keyField.path) : undefined;
    if (typeof v !== "string" || isUnknown(v)) return undefined;
    return String(canonical(keyField!, v));
}

function canonicalString(f: FieldSpec, v: string): string {
    if (f.enum) return canonicalEnum(f.enum, v);
    return f.ignoreCase ? v.toLowerCase() : v;
}

/** The form two values of a field are compared in. */
export function canonical(f: FieldSpec, v: unknown): unknown {
    if (v === undefined || v === null || isUnknown(v)) return v ?? undefined;
    switch (f.type) {
        case "region":
            return typeof v === "string" ? regionKey(v) : v;
        case "date":
            return typeof v === "string" ? canonicalDate(v) : v;
        case "string":
            return typeof v === "string" ? canonicalString(f, v) : v;
        case "stringList":
            return Array.isArray(v) ? [...v].map((x) => (typeof x === "string" ? canonicalString(f, x) : x)).sort() : v;
        case "list": {
            if (!Array.isArray(v) || !f.items) return v;
            const items = v.filter(isRecord).map((item) => {
                const out: Record<string, unknown> = {};
                for (const g of leaves(f.items!.fields)) {
                    const c = canonical(g, getPath(item, g.path));
                    if (c !== undefined) setPath(out, g.path, c);
                }
                return out;
            });
            return f.items.key ? Object.fromEntries(items.map((item, i) => [keyOf(f, v[i] as Record<string, unknown>) ?? `#${i}`, item])) : items;
        }
        default:
            return v;
    }
}

// ---------- diff ----------

export interface FieldChange {
    path: string;
    onChange: OnChange;
}

function compare(f: FieldSpec, before: unknown, after: unknown, at: string, out: FieldChange[]): void {
    if (after === undefined && f.computed) return; // Azure's value stands
    if (isUnknown(after)) {
        out.push({ path: at, onChange: f.onChange });
        return;
    }
    if (f.type === "list" && f.items?.key) {
        const b = (canonical(f, before ?? []) ?? {}) as Record<string, Record<string, unknown>>;
        const a = (canonical(f, after ?? []) ?? {}) as Record<string, Record<string, unknown>>;
        for (const k of Object.keys(a)) {
            if (!(k in b)) out.push({ path: `${at}[${k}]`, onChange: f.items.onAdd });
        }
        for (const k of Object.keys(b)) {
            if (!(k in a)) {
                out.push({ path: `${at}[${k}]`, onChange: f.items.onRemove });
                continue;
            }
            for (const g of leaves(f.items.fields)) {
                compare(g, getPath(b[k], g.path), getPath(a[k], g.path), `${at}[${k}].${g.path}`, out);
            }
        }
        return;
    }
    const cb = canonical(f, before);
    const ca = canonical(f, after);
    if (isEmpty(cb) && isEmpty(ca)) return;
    if (!deepEqual(cb, ca)) out.push({ path: at, onChange: f.onChange });
}

/** What differs between the recorded state and the new inputs, field by field. */
export function diff(spec: ResourceSpec, olds: Inputs, news: Inputs): FieldChange[] {
    const out: FieldChange[] = [];
    for (const f of leaves(spec.fields)) compare(f, getPath(olds, f.path), getPath(news, f.path), f.path, out);
    return out;
}

// ---------- requests and outputs ----------

/** How a typed feature field travels in `features[]`: "True"/"False", comma-joined lists, strings. */
function encodeFeature(f: FieldSpec, v: unknown): string {
    if (typeof v === "boolean") return v ? "True" : "False";
    if (Array.isArray(v)) return v.map((x) => (f.enum ? canonicalEnum(f.enum, String(x)) : String(x))).join(", ");
    return f.enum ? canonicalEnum(f.enum, String(v)) : String(v);
}

function decodeFeature(f: FieldSpec, raw: string): unknown {
    if (f.type === "boolean") return raw.toLowerCase() === "true";
    if (f.type === "stringList") return raw.split(",").map((x) => x.trim()).filter(Boolean);
    return raw;
}

function put(model: Record<string, unknown>, f: FieldSpec, v: unknown): void {
    if (f.feature) {
        const features = (model.features ??= []) as { name: string; value: string }[];
        features.push({ name: f.feature, value: encodeFeature(f, v) });
    } else if (f.type === "date" && typeof v === "string") {
        setPath(model, f.path, new Date(v)); // the SDK serializes Date objects
    } else {
        setPath(model, f.path, f.enum && typeof v === "string" ? canonicalEnum(f.enum, v) : v);
    }
}

/** Fields the service reports; those it takes in the request body are `modelled`. */
const reported = (spec: ResourceSpec) => leaves(spec.fields).filter((f) => f.inModel !== false);
const modelled = (spec: ResourceSpec) => reported(spec).filter((f) => f.action === undefined);

/** The SDK model for a create: every described field the user gave, enums in the service's casing. */
export function toModel(spec: ResourceSpec, inputs: Inputs): Record<string, unknown> {
    const model: Record<string, unknown> = {};
    for (const f of modelled(spec)) {
        const v = getPath(inputs, f.path);
        if (v !== undefined && v !== null) put(model, f, v);
    }
    return model;
}

/**
 * The SDK model for a PATCH: only the fields that changed (a list is sent whole, as ARM replaces
 * arrays, and so are features, with the `allowUpdateImage` flag the service asks for). A field the
 * user removed is cleared where the service allows clearing.
 */
export function toPatch(spec: ResourceSpec, news: Inputs, changes: FieldChange[]): Record<string, unknown> {
    const patch: Record<string, unknown> = {};
    const changed = (f: FieldSpec) => changes.some((c) => c.path === f.path || c.path.startsWith(`${f.path}[`));
    const featuresChanged = modelled(spec).some((f) => f.feature && changed(f));
    for (const f of modelled(spec)) {
        if (!(changed(f) || (f.feature && featuresChanged))) continue;
        const v = getPath(news, f.path);
        if (v !== undefined && v !== null) {
            put(patch, f, v);
        } else if (f.feature) {
            continue;
        } else if (f.type === "string") {
            setPath(patch, f.path, "");
        } else if (f.type === "stringMap") {
            setPath(patch, f.path, {});
        } else if (f.type === "list" || f.type === "stringList") {
            setPath(patch, f.path, []);
        }
    }
    if (featuresChanged) {
        patch.features ??= [];
        patch.allowUpdateImage = true;
    }
    return patch;
}

/** The read-only outputs, dates as RFC 3339 strings. */
export function outputsFromModel(spec: ResourceSpec, model: unknown): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const o of spec.outputs) {
        const v = getPath(model, o.from);
        if (v !== undefined && v !== null) out[o.name] = v instanceof Date ? v.toISOString() : v;
    }
    return out;
}

/**
 * The properties a resource declares so that Pulumi gives them outputs even when the user left them
 * out: its generated name, what Azure fills in, and the read-only outputs (`id` is Pulumi's own).
 */
export function reportedProperties(spec: ResourceSpec): string[] {
    const computed = spec.fields.filter((f) => f.computed).map((f) => f.path.split(".")[0]);
    return [...new Set([spec.name.field, ...computed, ...spec.outputs.map((o) => o.name)])].filter((p) => p !== "id");
}

/** The described fields as the service reports them. */
export function fromModel(spec: ResourceSpec, model: unknown): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const features = (getPath(model, "features") ?? []) as { name?: string; value?: string }[];
    for (const f of reported(spec)) {
        const v = f.feature
            ? features.find((x) => x.name?.toLowerCase() === f.feature!.toLowerCase())?.value
            : getPath(model, f.path);
        if (v === undefined || v === null) continue;
        setPath(out, f.path, f.feature ? decodeFeature(f, String(v)) : v instanceof Date ? v.toISOString() : v);
    }
    return out;
}
