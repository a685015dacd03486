/**
 * Check, diff, request building and outputs for any resource, driven by its description
 * (types.ts). Nothing here knows a particular resource; each rule lives in the field's entry.
 */
import { unknownRegion } from "./regions";
import { CheckContext, CheckFailure, FieldChange, FieldSpec, Inputs, NameRule, OnChange, ResourceSpec, Validation } from "./types";

export type { FieldChange };
import { UNKNOWN, canonicalDate, canonicalEnum, closest, deepEqual, getPath, isEmpty, isRecord, isUnknown, knownValue, nearest, queryOf, readDateTime, regionKey, resourceTypeOf, setPath, withoutQuery } from "./values";

const leavesOf = new WeakMap<FieldSpec[], FieldSpec[]>();

/**
 * Fields compared as a whole: every field but an object whose members have entries of their own.
 * Worked out once per list of fields (every check and diff of every resource walks them).
 */
function leaves(fields: FieldSpec[]): FieldSpec[] {
    let found = leavesOf.get(fields);
    if (!found) {
        found = fields.filter((f) => !(f.type === "object" && fields.some((g) => g.path.startsWith(`${f.path}.`))));
        leavesOf.set(fields, found);
    }
    return found;
}

// ---------- validation ----------

function typeError(f: FieldSpec, v: unknown): string | undefined {
    switch (f.type) {
        case "string":
        case "region":
        case "armId":
            return typeof v === "string" ? undefined : "must be a string";
        case "date": {
            // Spec: format date-time, that is RFC 3339, which requires the offset; without one, when the
            // date falls would be left to whoever reads it.
            const rule = "must be an RFC 3339 date-time with an offset (the spec's format date-time), such as 2030-12-31T00:00:00Z";
            if (typeof v !== "string") return `${rule}, not ${JSON.stringify(v)}`;
            const read = readDateTime(v);
            if ("problem" in read) return `${rule}; "${v}" ${read.problem}`;
            return read.offset ? undefined : `${rule}; "${v}" has no offset (add Z for UTC)`;
        }
        case "integer":
            return typeof v === "number" && Number.isInteger(v) ? undefined : "must be a whole number";
        case "boolean":
            return typeof v === "boolean" ? undefined : "must be true or false";
        case "stringMap":
            return isRecord(v) && Object.values(v).every((x) => typeof x === "string" || isUnknown(x)) ? undefined : "must be a map of strings";
        case "stringList":
            return Array.isArray(v) && v.every((x) => typeof x === "string") ? undefined : "must be a list of strings";
        case "object":
        case "idMap":
            return isRecord(v) ? undefined : "must be an object";
        case "list":
            return Array.isArray(v) ? undefined : "must be a list";
    }
}

/**
 * Why `id` cannot be a reference of this kind: not a full ARM id (the service requires one for every
 * reference to another resource), or the id of a resource of another type.
 */
function badReference(f: FieldSpec, id: string): string | undefined {
    const what = f.refersTo?.what ?? "resource";
    const type = resourceTypeOf(id);
    if (type === undefined) return `must be the full ARM id of a ${what} (/subscriptions/…/resourceGroups/…/providers/…), not "${id}"`;
    const types = f.refersTo?.types;
    if (types && !types.some((t) => t.toLowerCase() === type.toLowerCase())) return `must be the id of a ${what} (${types.join(", ")}); "${id}" names a ${type}`;
    return undefined;
}

/**
 * What a name breaks of its naming rule: its length, the characters it may not hold, its first and last
 * character. A character outside the Basic Multilingual Plane is two UTF-16 units, neither of them a
 * letter to .NET, so it never passes a per-character test (it is shown whole).
 */
function nameProblems(rule: NameRule, v: string): string[] {
    const out: string[] = [];
    const [min, max] = rule.length;
    if (v.length < min || v.length > max) out.push(`must be ${min}-${max} characters long, not ${v.length}`);
    const allowed = (c: string, re: RegExp) => c.length === 1 && re.test(c);
    const chars = Array.from(v);
    const bad = [...new Set(chars.filter((c) => !allowed(c, rule.chars.re)))];
    if (bad.length > 0) out.push(`may hold only ${rule.chars.rule}; ${bad.map((c) => JSON.stringify(c)).join(", ")} ${bad.length === 1 ? "is" : "are"} not allowed`);
    const [first, last] = [chars[0], chars[chars.length - 1]];
    if (rule.start && first !== undefined && !allowed(first, rule.start.re)) out.push(`must ${rule.start.rule}; "${v}" starts with ${JSON.stringify(first)}`);
    if (rule.end && last !== undefined && !allowed(last, rule.end.re)) out.push(`must ${rule.end.rule}; "${v}" ends with ${JSON.stringify(last)}`);
    return out;
}

/** What check knows, and where the fields' warnings go. */
type Checking = CheckContext & { warnings: string[] };

/** A value an open enum does not list yet (spec: `modelAsString: true`): said, and sent as written. */
function newerValue(f: FieldSpec, v: string, at: string): string {
    return `${at}: "${v}" is not one of the values this package knows (${f.enum!.join(", ")}); the nearest is "${closest(v, f.enum!) ?? ""}". Azure may have added it since, so it is sent as written; Azure refuses it if it does not know it either`;
}

function checkField(f: FieldSpec, v: unknown, inputs: Inputs, at: string, ctx: Checking): CheckFailure[] {
    if (v === undefined || v === null) {
        return f.required ? [{ property: at, reason: `${at} is required` }] : [];
    }
    if (isUnknown(v)) return []; // known only at apply; the service checks it then
    const bad = typeError(f, v);
    if (bad) return [{ property: at, reason: `${at} ${bad}` }];
    // Azure reads an empty string as no value: a required one is "missing (null)" to it (the
    // service's own refusal of an empty mediaLink), so it is refused here, at preview.
    // (A field with a rule or name rule of its own says so in its own words, below.)
    if (f.required && v === "" && !f.validate && !f.name) return [{ property: at, reason: `${at} is required and must not be empty` }];
    const out: CheckFailure[] = [];
    const fail = (reason: string) => out.push({ property: at, reason: `${at} ${reason}` });
    if (f.enum) {
        const values = typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && !isUnknown(x)) : [];
        const bad = values.filter((x) => knownValue(f.enum!, x) === undefined);
        if (bad.length > 0 && f.extensible) ctx.warnings.push(...bad.map((x) => newerValue(f, x, at)));
        else if (bad.length > 0 && typeof v === "string") fail(`must be one of ${f.enum.join(", ")}, not "${v}"`);
        else if (bad.length > 0) fail(`may only hold ${f.enum.join(", ")}, not ${bad.map((b) => `"${b}"`).join(", ")}`);
    }
    if (typeof v === "number") {
        if (f.min !== undefined && v < f.min) fail(`must be at least ${f.min}, not ${v}`);
        if (f.max !== undefined && v > f.max) fail(`must be at most ${f.max}, not ${v}`);
    }
    if (typeof v === "string") {
        if (f.name) for (const problem of nameProblems(f.name, v)) fail(problem);
        if (f.maxLength !== undefined && v.length > f.maxLength) fail(`must be at most ${f.maxLength} characters, not ${v.length}`);
        if (f.pattern && !f.pattern.re.test(v)) fail(`${f.pattern.rule}; "${v}" is not`);
        const reference = f.type === "armId" ? badReference(f, v) : undefined;
        if (reference) fail(reference);
        if (f.type === "region") {
            const unknown = unknownRegion(v, ctx.admittedRegions);
            if (unknown) fail(unknown);
        }
    }
    if (f.type === "idMap" && isRecord(v)) {
        const bad = Object.keys(v).filter((k) => !isUnknown(k) && badReference(f, k) !== undefined);
        if (bad.length > 0) fail(`must be keyed by full ARM ids (/subscriptions/…/resourceGroups/…/providers/…) of each ${f.refersTo?.what ?? "resource"}, not ${bad.map((b) => `"${b}"`).join(", ")}`);
    }
    if (f.unique && Array.isArray(v)) {
        const seen = v.filter((x): x is string => typeof x === "string" && !isUnknown(x)).map((x) => canonicalString(f, x));
        const repeated = seen.filter((x, i) => seen.indexOf(x) !== i);
        if (repeated.length > 0) fail(`may hold each value once; ${[...new Set(repeated)].join(", ")} is repeated`);
    }
    if (f.reservedKeys && isRecord(v)) {
        const taken = Object.keys(v).filter((k) => f.reservedKeys!.some((r) => r.toLowerCase() === k.toLowerCase()));
        if (taken.length > 0) fail(`may not use ${taken.map((k) => `"${k}"`).join(", ")}: the provider keeps it in Azure to mark the stack resource that created it`);
    }
    const judgedAgainstAzure = f.validatesNewValuesOnly && ctx.existing === true;
    if (f.validate && out.length === 0 && !judgedAgainstAzure) {
        const reason = f.validate(v, inputs, ctx);
        if (reason) fail(reason);
    }
    if (f.type === "list" && f.items && Array.isArray(v)) {
        const seen = new Map<string, number>();
        v.forEach((item, i) => {
            const itemAt = `${at}[${i}]`;
            if (isUnknown(item)) return; // an element known only at apply
            if (!isRecord(item)) {
                out.push({ property: itemAt, reason: `${itemAt} must be an object` });
                return;
            }
            for (const g of f.items!.fields) out.push(...checkField(g, getPath(item, g.path), inputs, `${itemAt}.${g.path}`, ctx));
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

/** Inputs that address the Pulumi resource rather than the Azure one (set by the package, not the program). */
export const PULUMI_INPUTS = ["__urn", "__autonamed", "__provider"];

/** The members a list of fields describes: their names, the field each names whole, and the fields inside each other. */
interface Members {
    names: string[];
    exact: Map<string, FieldSpec>;
    /** For a member described by the fields inside it, those fields with paths from the member. */
    inner: Map<string, FieldSpec[]>;
}

const membersByFields = new WeakMap<FieldSpec[], Members>();

/** Worked out once per list of fields, the lists inside included (each is kept, so it is found again). */
function membersOf(fields: FieldSpec[]): Members {
    let m = membersByFields.get(fields);
    if (!m) {
        const names = [...new Set(fields.map((f) => f.path.split(".")[0]))];
        const exact = new Map(fields.map((f) => [f.path, f]));
        const inner = new Map(names.map((k) => [k, fields.filter((f) => f.path.startsWith(`${k}.`)).map((f) => ({ ...f, path: f.path.slice(k.length + 1) }))]));
        m = { names, exact, inner };
        membersByFields.set(fields, m);
    }
    return m;
}

/**
 * Members no field describes: a misspelt or misplaced property would otherwise be dropped silently
 * (the service refuses unknown members too: 400 InvalidRequestContent). Inside an `object`, `idMap`
 * or `stringMap` field the members are not described and not judged.
 */
function unknownMembers(kind: string, fields: FieldSpec[], v: Record<string, unknown>, at: string): CheckFailure[] {
    const { names, exact: exactly, inner: within } = membersOf(fields);
    const out: CheckFailure[] = [];
    for (const [k, x] of Object.entries(v)) {
        if (x === undefined || x === null || (!at && PULUMI_INPUTS.includes(k))) continue;
        const where = at ? `${at}.${k}` : k;
        if (!names.includes(k)) {
            const near = nearest(k, names);
            out.push({ property: where, reason: `${where} is not a property of ${kind}${near ? ` (did you mean "${at ? `${at}.` : ""}${near}"?)` : ""}` });
            continue;
        }
        const exact = exactly.get(k);
        if (exact?.type === "list" && exact.items && Array.isArray(x)) {
            x.forEach((item, i) => isRecord(item) && out.push(...unknownMembers(kind, exact.items!.fields, item, `${where}[${i}]`)));
        } else if (!exact && isRecord(x)) {
            out.push(...unknownMembers(kind, within.get(k) ?? [], x, where));
        }
    }
    return out;
}

/**
 * Runs `read` on a view of `inputs` that notes whether it read a value known only at apply (an
 * unknown object, list, element or scalar). What a rule, caution, completion or refusal concludes from
 * such a value is about a value the program does not have yet: it does not act at preview. The engine
 * calls check and diff again with the values known before it applies anything, and the service judges
 * the request then.
 */
function readingUnknowns<T>(inputs: Inputs, read: (view: Inputs) => T): { result: T; readUnknown: boolean } {
    let readUnknown = false;
    const views = new WeakMap<object, object>();
    const view = <O extends object>(o: O): O => {
        let v = views.get(o);
        if (!v) {
            v = new Proxy(o, {
                get(target, key, receiver) {
                    const x: unknown = Reflect.get(target, key, receiver);
                    if (isUnknown(x)) readUnknown = true;
                    return typeof x === "object" && x !== null ? view(x) : x;
                },
            });
            views.set(o, v);
        }
        return v as O;
    };
    const result = read(view(inputs));
    return { result, readUnknown };
}

/** A copy through JSON, as the engine passes inputs: no view of `readingUnknowns` survives in it. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every failure in the inputs, each naming the field and the rule, and the warnings beside them. */
export function validate(spec: ResourceSpec, inputs: Inputs, ctx: CheckContext = { admittedRegions: [] }): Validation {
    const checking: Checking = { ...ctx, warnings: [] };

    const failures = [
        ...unknownMembers(spec.kind, spec.fields, inputs, ""),
        ...spec.fields.flatMap((f) => checkField(f, getPath(inputs, f.path), inputs, f.path, checking)),
    ];
    if (failures.length > 0) return { failures, warnings: checking.warnings };
    // A rule that reads a value known only at apply never refuses it: "required" inside an unknown object is not missing.
    const ruled = spec.rules.flatMap((rule) => {
        const { result, readUnknown } = readingUnknowns(inputs, (view) => rule(view, ctx));
        return readUnknown ? [] : result;
    });
    return { failures: ruled, warnings: checking.warnings };
}

/**
 * Completes the inputs in place (the kind's `complete`) and returns its notices; a completion that
 * would read a value known only at apply leaves the inputs as they are and says nothing (the version's
 * own region cannot be added to a list whose elements, or whose location, are not known yet).
 */
export function complete(spec: ResourceSpec, inputs: Inputs): string[] {
    if (!spec.complete) return [];
    const draft = copy(inputs);
    const { result, readUnknown } = readingUnknowns(draft, (view) => spec.complete!(view));
    if (readUnknown) return [];
    const done = copy(draft);
    for (const k of Object.keys(inputs)) delete inputs[k];
    Object.assign(inputs, done);
    return result;
}

/** The kind's cautions (warnings, not refusals); one that reads a value known only at apply says nothing. */
export function cautions(spec: ResourceSpec, inputs: Inputs, olds: Inputs): string[] {
    return (spec.cautions ?? []).flatMap((caution) => {
        const { result, readUnknown } = readingUnknowns(inputs, (view) => caution(view, olds));
        return readUnknown ? [] : result;
    });
}

/**
 * Why preview refuses these changes (the kind's `refuse`), judged on what is known: a change that only
 * stands for an unknown value is not one yet, and a refusal that reads an unknown input waits for it.
 */
export function refusal(spec: ResourceSpec, olds: Inputs, news: Inputs, changes: FieldChange[]): string | undefined {
    if (!spec.refuse) return undefined;
    const known = changes.filter((c) => !c.unknown);
    const { result, readUnknown } = readingUnknowns(news, (view) => spec.refuse!(olds, view, known));
    return readUnknown ? undefined : result;
}

// ---------- canonical forms ----------

function keyOf(list: FieldSpec, item: Record<string, unknown>): string | undefined {
    const keyField = list.items?.fields.find((g) => g.path === list.items?.key);
    const v = keyField ? getPath(item, keyField.path) : undefined;
    if ((typeof v !== "string" && typeof v !== "number") || isUnknown(v)) return undefined;
    return String(canonical(keyField!, v));
}

function canonicalString(f: FieldSpec, v: string): string {
    // A value newer than the enum's list compares without case too, as the known ones do.
    if (f.enum) return knownValue(f.enum, v) ?? v.toLowerCase();
    // ARM ids and names are case-insensitive (Microsoft's naming rules); ARM re-cases them in answers.
    return f.ignoreCase || f.type === "armId" ? v.toLowerCase() : v;
}

/** What Azure applies when the field is absent, for these inputs. */
function defaultOf(f: FieldSpec, inputs: Inputs): unknown {
    return typeof f.default === "function" ? f.default(inputs) : f.default;
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
        case "armId":
            // An empty string is no value to Azure: a description cleared by "" is answered "" and means
            // the same as one the program leaves out, so neither plans a change against the other.
            if (v === "") return undefined;
            return typeof v === "string" ? canonicalString(f, v) : v;
        case "idMap":
            // Only the keys are the user's; Azure fills in the values (principal and client ids).
            return isRecord(v) ? Object.keys(v).map((k) => k.toLowerCase()).sort() : v;
        case "stringList":
            return Array.isArray(v) ? [...v].map((x) => (typeof x === "string" ? canonicalString(f, x) : x)).sort() : v;
        case "list": {
            if (!Array.isArray(v) || !f.items) return v;
            // An element known only at apply keeps its place, under a key no known element has.
            const elements = v.filter((item) => isRecord(item) || isUnknown(item));
            const items = elements.map((item) => {
                if (!isRecord(item)) return UNKNOWN;
                const out: Record<string, unknown> = {};
                for (const g of leaves(f.items!.fields)) {
                    const c = canonical(g, getPath(item, g.path));
                    if (c !== undefined) setPath(out, g.path, c);
                }
                return out;
            });
            const keyAt = (i: number) => {
                const item = elements[i];
                return (isRecord(item) ? keyOf(f, item) : undefined) ?? `${UNKNOWN_KEY}${i}`;
            };
            return f.items.key ? Object.fromEntries(items.map((item, i) => [keyAt(i), item])) : items;
        }
        default:
            return v;
    }
}

// ---------- diff ----------

/** Keys of a keyed list's elements that are not known until apply. */
const UNKNOWN_KEY = "#";

/**
 * Left out of the program, Azure's value stands: Azure fills it in, or it is fixed at create and cannot
 * be cleared. Such a member is also what a list sent whole must carry as Azure holds it.
 */
const keptWhenOmitted = (f: FieldSpec) => f.computed === true || f.onChange === "replace";

/** The elements of a list, as the program or Azure writes it (an array) or in canonical form (keyed). */
function elementsOf(v: unknown): unknown[] {
    return Array.isArray(v) ? v : isRecord(v) ? Object.values(v) : [];
}

/**
 * What a value known only at apply may cost where it stands for field `f`, Azure holding `before`:
 * a replacement if it can hold a create-only value, as Pulumi's own providers plan it. A list can: when
 * adding an element replaces, or when it may be an element Azure already holds with a create-only member
 * changed (a region's storage type or encryption).
 */
function costOfUnknown(f: FieldSpec, before: unknown): OnChange {
    if (f.onChange === "replace") return "replace";
    const items = f.items;
    if (f.type !== "list" || !items) return f.onChange;
    if (items.onAdd === "replace") return "replace";
    const held = elementsOf(before).filter(isRecord);
    if (held.length === 0) return "update";
    if (items.onRemove === "replace" && !items.azureAdds) return "replace";
    return held.some((old) => leaves(items.fields).some((g) => costOfUnknown(g, getPath(old, g.path)) === "replace")) ? "replace" : "update";
}

/**
 * What an element whose key is known only at apply may cost (`item`: its canonical members, or the
 * unknown marker for a whole element): it is a new element, or any of `unmatched` (held by Azure, and
 * listed under no known key) with its members as the program gives them.
 */
function costOfPendingElement(f: FieldSpec, item: unknown, unmatched: Record<string, unknown>[], inputs: Inputs): OnChange {
    const items = f.items!;
    if (items.onAdd === "replace") return "replace";
    if (unmatched.length > 0 && items.onRemove === "replace" && !items.azureAdds) return "replace";
    for (const old of unmatched) {
        const scratch: FieldChange[] = [];
        for (const g of leaves(items.fields)) compare(g, getPath(old, g.path), getPath(item, g.path), g.path, scratch, inputs);
        if (scratch.some((c) => c.onChange === "replace")) return "replace";
    }
    return "update";
}

function compare(f: FieldSpec, before: unknown, after: unknown, at: string, out: FieldChange[], inputs: Inputs): void {
    // Known only at apply: a change, costing the most any value could.
    if (isUnknown(after)) {
        out.push({ path: at, onChange: costOfUnknown(f, before), unknown: true });
        return;
    }
    if (after === undefined && keptWhenOmitted(f)) return;
    if (f.type === "list" && f.items?.key) {
        const b = (canonical(f, before ?? []) ?? {}) as Record<string, Record<string, unknown>>;
        const a = (canonical(f, after ?? []) ?? {}) as Record<string, Record<string, unknown>>;
        // An element whose key is unknown at preview may be any of the old ones, or a new one: nothing
        // counts as added or removed until the key is known.
        const pendingKeys = Object.keys(a).filter((k) => k.startsWith(UNKNOWN_KEY));
        const pending = pendingKeys.length > 0;
        const unmatched = Object.keys(b).filter((k) => !(k in a)).map((k) => b[k]);
        for (const k of pendingKeys) out.push({ path: `${at}[?]`, onChange: costOfPendingElement(f, a[k], unmatched, inputs), unknown: true });
        for (const k of Object.keys(a)) {
            if (!(k in b) && !pending) out.push({ path: `${at}[${k}]`, onChange: f.items.onAdd });
        }
        for (const k of Object.keys(b)) {
            if (!(k in a)) {
                if (!pending && !f.items.azureAdds) out.push({ path: `${at}[${k}]`, onChange: f.items.onRemove });
                continue;
            }
            for (const g of leaves(f.items.fields)) {
                compare(g, getPath(b[k], g.path), getPath(a[k], g.path), `${at}[${k}].${g.path}`, out, inputs);
            }
        }
        return;
    }
    // An answer that leaves the field out means Azure's default.
    const cb = canonical(f, before ?? defaultOf(f, inputs));
    const ca = canonical(f, after);
    if (isEmpty(cb) && isEmpty(ca)) return;
    if (!deepEqual(cb, ca)) out.push({ path: at, onChange: costOf(f, cb, ca) });
}

/** What a difference between two canonical values costs: a change of the field's updatable part alone is an update. */
function costOf(f: FieldSpec, before: unknown, after: unknown): FieldChange["onChange"] {
    if (f.updatablePart === "query" && typeof before === "string" && typeof after === "string" && withoutQuery(before) === withoutQuery(after)) return "update";
    return f.onChange;
}

/** What differs between the recorded state and the new inputs, field by field. */
export function diff(spec: ResourceSpec, olds: Inputs, news: Inputs): FieldChange[] {
    const out: FieldChange[] = [];
    for (const f of leaves(spec.fields)) if (f.compared !== false) compare(f, getPath(olds, f.path), getPath(news, f.path), f.path, out, news);
    return out;
}

// ---------- removal from the program ----------

/** Whether the value at `path` in `o`, or one on the way to it, is known only at apply. */
const unknownOnPath = (o: unknown, path: string): boolean => isUnknown(getPath(o, path));

/**
 * Fields the program set before (`olds`, the previous inputs) and no longer sets. Where Azure can go
 * back to its default in place, the default goes into `news` (once: a default already sent is not
 * sent again), so the next up sends it and shows an update; where it cannot, Azure's value stays
 * and the returned notices say so. Fields Azure fills in that the program never set are left
 * alone. Plain fields need nothing here: a removed description or tag is a change the PATCH clears.
 */
export function applyRemovals(spec: ResourceSpec, olds: Inputs, news: Inputs): string[] {
    const notices: string[] = [];
    const stays = (where: string, was: unknown, why: string) => notices.push(`${where} was removed from the program; it stays ${JSON.stringify(was)} in Azure (${why})`);
    const visit = (fields: FieldSpec[], before: unknown, after: unknown, at: string) => {
        if (!isRecord(before) || !isRecord(after)) return;
        for (const f of leaves(fields)) {
            if (f.inModel === false || f.action || unknownOnPath(after, f.path)) continue;
            const was = getPath(before, f.path);
            const now = getPath(after, f.path);
            const where = at ? `${at}.${f.path}` : f.path;
            if (f.type === "list" && f.items?.key && Array.isArray(was) && Array.isArray(now)) {
                const kept = now.filter(isRecord);
                for (const old of was.filter(isRecord)) {
                    const k = keyOf(f, old);
                    const item = kept.find((x) => k !== undefined && keyOf(f, x) === k);
                    const label = `${where}[${String(getPath(old, f.items.key))}]`;
                    if (item) visit(f.items.fields, old, item, label);
                    // An element whose key is known only at apply may be this one.
                    else if (f.items.azureAdds && !now.some((x) => !isRecord(x) || keyOf(f, x) === undefined)) stays(label, old, "an element Azure keeps");
                }
                continue;
            }
            if (was === undefined || now !== undefined) continue;
            if (f.onChange === "replace") {
                stays(where, was, "it is fixed at create");
                continue;
            }
            if (!f.computed) continue;
            const fallback = defaultOf(f, news);
            if (fallback === undefined) stays(where, was, "no default to return to is known");
            // Sent once: the next run's previous inputs already hold the default.
            else if (!deepEqual(canonical(f, was), canonical(f, fallback))) setPath(after, f.path, fallback);
        }
    };
    visit(spec.fields, olds, news, "");
    return notices;
}

/**
 * The values of fields judged only when new to Azure (`validatesNewValuesOnly`) that differ from what
 * Azure holds (`held`: the last outputs, or the resource a create adopts) and break their rule.
 */
export function newValueProblems(spec: ResourceSpec, held: Inputs, news: Inputs): CheckFailure[] {
    return leaves(spec.fields).flatMap((f): CheckFailure[] => {
        const v = getPath(news, f.path);
        if (!f.validatesNewValuesOnly || !f.validate || v === undefined || isUnknown(v)) return [];
        if (deepEqual(canonical(f, getPath(held, f.path)), canonical(f, v))) return [];
        const reason = f.validate(v, news, { admittedRegions: [] });
        return reason ? [{ property: f.path, reason: `${f.path} ${reason}` }] : [];
    });
}

// ---------- credentials ----------

/**
 * The credentials in the inputs, however deep: the secret part of every `secret` field's value (a
 * SAS token's whole query, and its signature alone, as written and URL-decoded), for messages to
 * leave out. Values known only at apply hold none yet.
 */
export function secretsIn(spec: ResourceSpec, inputs: Inputs): string[] {
    if (!holdsSecrets(spec.fields)) return [];
    const out: string[] = [];
    const visit = (fields: FieldSpec[], o: unknown) => {
        for (const f of leaves(fields)) {
            const v = getPath(o, f.path);
            if (f.type === "list" && f.items && Array.isArray(v)) for (const item of v) visit(f.items.fields, item);
            if (!f.secret || typeof v !== "string" || isUnknown(v)) continue;
            if (f.secret === "value") {
                out.push(v);
                continue;
            }
            const query = queryOf(v);
            if (!query) continue;
            out.push(query);
            const signature = new URLSearchParams(query).get("sig");
            if (signature) out.push(signature, encodeURIComponent(signature));
        }
    };
    visit(spec.fields, inputs);
    return [...new Set(out.filter((x) => x.length > 0))];
}

const secretHolders = new WeakMap<FieldSpec[], boolean>();

/** Whether any of the fields, or of their lists' elements, holds a credential (`secret`). */
function holdsSecrets(fields: FieldSpec[]): boolean {
    let holds = secretHolders.get(fields);
    if (holds === undefined) {
        holds = fields.some((f) => f.secret !== undefined || (f.items !== undefined && holdsSecrets(f.items.fields)));
        secretHolders.set(fields, holds);
    }
    return holds;
}

/** Every value of a region field in the inputs (regions Azure already accepted, when these are the previous inputs). */
export function regionsIn(spec: ResourceSpec, inputs: Inputs): string[] {
    const out: string[] = [];
    const visit = (fields: FieldSpec[], o: unknown) => {
        for (const f of leaves(fields)) {
            const v = getPath(o, f.path);
            if (f.type === "region" && typeof v === "string" && !isUnknown(v)) out.push(v);
            if (f.type === "list" && f.items && Array.isArray(v)) for (const item of v) visit(f.items.fields, item);
        }
    };
    visit(spec.fields, inputs);
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

/** A value with its enums in the service's casing, the members of a list's elements too. */
function inServiceCasing(f: FieldSpec, v: unknown): unknown {
    if (typeof v === "string") return f.enum ? canonicalEnum(f.enum, v) : v;
    if (!Array.isArray(v)) return v;
    if (f.type === "stringList") return v.map((x) => (f.enum && typeof x === "string" ? canonicalEnum(f.enum, x) : x));
    const fields = f.items?.fields;
    if (f.type !== "list" || !fields) return v;
    return v.map((element) => {
        if (!isRecord(element)) return element;
        const out = copy(element);
        for (const g of leaves(fields)) {
            const x = getPath(element, g.path);
            if (x !== undefined && x !== null) setPath(out, g.path, inServiceCasing(g, x));
        }
        return out;
    });
}

function put(model: Record<string, unknown>, f: FieldSpec, v: unknown): void {
    if (f.feature) {
        const features = (model.features ??= []) as { name: string; value: string }[];
        features.push({ name: f.feature, value: encodeFeature(f, v) });
    } else if (f.type === "date" && typeof v === "string") {
        // The SDK serializes Date objects; the instant is read here, never by the machine's time zone.
        const read = readDateTime(v);
        setPath(model, f.path, "ms" in read ? new Date(read.ms) : v);
    } else {
        setPath(model, f.path, inServiceCasing(f, v));
    }
}

/** Fields the service reports; those it takes in the request body are `modelled`. */
const reported = (spec: ResourceSpec) => leaves(spec.fields).filter((f) => f.inModel !== false);
const modelled = (spec: ResourceSpec) => reported(spec).filter((f) => f.action === undefined);

/**
 * A keyed list as a request sends it: whole, since ARM replaces an array (azure-spec/ERRORS.md,
 * "Target regions are sent whole"; the official GalleryImageVersion_Update.json sends every target
 * region). Each element the program lists carries,
 * for the members it leaves to Azure (`keptWhenOmitted`), what Azure holds (`held`) under the same key:
 * Azure fills a member a request leaves out from the resource's global value, not from the element
 * (a region's storage type left out takes the version's global one, and a mismatch with the type the
 * region holds is refused: ERRORS.md §3, "Global storage account type does not match …"), so without
 * them the request would change what the program did not. A member whose default follows other inputs
 * (a region's replica count, the version's replicaCount: spec TargetRegion.regionalReplicaCount) is
 * left to Azure where what it holds is that default, so it goes on following them. Elements only Azure
 * has, in a list Azure adds to (`azureAdds`), are sent as Azure has them.
 */
function sentWhole(f: FieldSpec, listed: unknown, held: unknown, current: Inputs): unknown {
    const items = f.items;
    if (!items?.key || !Array.isArray(listed)) return listed;
    const heldElements = elementsOf(held).filter(isRecord);
    const heldFor = (item: Record<string, unknown>) => heldElements.find((h) => keyOf(f, h) !== undefined && keyOf(f, h) === keyOf(f, item));
    const sent = listed.map((item) => {
        const was = isRecord(item) ? heldFor(item) : undefined;
        return was ? carried(items.fields, item as Record<string, unknown>, was, current) : item;
    });
    if (items.azureAdds) sent.push(...heldElements.filter((h) => !listed.some((item) => isRecord(item) && keyOf(f, item) === keyOf(f, h))));
    return sent;
}

function carried(fields: FieldSpec[], item: Record<string, unknown>, held: Record<string, unknown>, current: Inputs): Record<string, unknown> {
    const out = copy(item);
    for (const g of leaves(fields)) {
        const mine = getPath(item, g.path);
        const theirs = getPath(held, g.path);
        if (Array.isArray(mine)) {
            setPath(out, g.path, sentWhole(g, mine, theirs, current));
            continue;
        }
        if (mine !== undefined || theirs === undefined || theirs === null || !keptWhenOmitted(g)) continue;
        if (typeof g.default === "function" && deepEqual(canonical(g, theirs), canonical(g, g.default(current)))) continue;
        setPath(out, g.path, theirs);
    }
    return out;
}

/**
 * The SDK model for a PUT: every described field the user gave, enums in the service's casing. A
 * PUT replaces the resource, so on one that exists (`current`, what Azure holds) the fields the
 * program leaves to Azure are sent as Azure has them, and so are the members of the elements of a
 * list that the program leaves to Azure (`sentWhole`).
 */
export function toModel(spec: ResourceSpec, inputs: Inputs, current: Inputs = {}): Record<string, unknown> {
    const model: Record<string, unknown> = {};
    for (const f of modelled(spec)) {
        const given = getPath(inputs, f.path);
        const v = given !== undefined ? sentWhole(f, given, getPath(current, f.path), current) : f.computed ? getPath(current, f.path) : undefined;
        if (v !== undefined && v !== null) put(model, f, v);
    }
    return model;
}

/** Whether `changes` touch field `f`: the field itself, or an element of its list. */
const touches = (changes: FieldChange[], f: FieldSpec) => changes.some((c) => c.path === f.path || c.path.startsWith(`${f.path}[`));

/**
 * The SDK model for a PATCH: only the fields that changed (a list is sent whole, as ARM replaces
 * arrays, and so are features, with the `allowUpdateImage` flag the service asks for). A field the
 * user removed is cleared where the service allows clearing. `current` is what Azure holds: a
 * feature the program leaves to Azure is sent as Azure has it, since the list is replaced whole, and
 * so are the members of a list's elements the program leaves to Azure (`sentWhole`). `recorded` is
 * what the last run recorded, where it differs: what the program itself removed.
 */
export function toPatch(spec: ResourceSpec, news: Inputs, changes: FieldChange[], current: Inputs = {}, recorded: Inputs = current): Record<string, unknown> {
    const patch: Record<string, unknown> = {};
    const changed = (f: FieldSpec) => touches(changes, f);
    const featuresChanged = modelled(spec).some((f) => f.feature && changed(f));
    for (const f of modelled(spec)) {
        if (!(changed(f) || (f.feature && featuresChanged))) continue;
        const given = getPath(news, f.path);
        const v = given !== undefined ? sentWhole(f, given, getPath(current, f.path), current) : f.feature && f.computed ? getPath(current, f.path) : undefined;
        if (f.sentWith) {
            const companion = modelled(spec).find((g) => g.path === f.sentWith);
            const w = getPath(news, f.sentWith) ?? getPath(current, f.sentWith);
            if (companion && w !== undefined) put(patch, companion, w);
        }
        if (f.type === "idMap") {
            // ARM merges a PATCHed map: an identity leaves only when sent as null. Only one the program
            // had (`recorded`) and dropped: one added elsewhere since is left to Azure's merge.
            const keep = isRecord(v) ? v : {};
            const gone = Object.keys(isRecord(getPath(recorded, f.path)) ? (getPath(recorded, f.path) as Record<string, unknown>) : {}).filter(
                (k) => !Object.keys(keep).some((x) => x.toLowerCase() === k.toLowerCase()),
            );
            setPath(patch, f.path, { ...keep, ...Object.fromEntries(gone.map((k) => [k, null])) });
        } else if (v !== undefined && v !== null) {
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

/**
 * Whether a request body replaces a list whole (a keyed list, or an image definition's features):
 * the members and elements the program leaves out must then come from what Azure holds.
 */
export function replacesListsWhole(spec: ResourceSpec, body: Record<string, unknown>): boolean {
    return Array.isArray(body.features) || modelled(spec).some((f) => f.type === "list" && f.items?.key !== undefined && Array.isArray(getPath(body, f.path)));
}

/**
 * `body` with the features Azure holds that a request carrying `features` would otherwise drop: the
 * list is replaced whole (MUTABILITY.md §2, PUT and PATCH alike), and it is open (spec:
 * GalleryImageFeature, any name). A feature is sent back as Azure has it unless the program changed
 * its field (`changes`): one set elsewhere that no field describes, or whose field the program never
 * set. A feature sent with the value Azure holds keeps its `startsAtVersion` (sent and echoed in
 * GalleryImage_UpdateFeatures.json), which no input sets. A request that changes the list carries
 * `allowUpdateImage`, "Must be set to true if the gallery image features are being updated" (spec),
 * a PUT that sends an existing definition again as much as a PATCH.
 */
export function withFeaturesHeld(spec: ResourceSpec, body: Record<string, unknown>, held: Record<string, unknown>, changes: FieldChange[]): Record<string, unknown> {
    const sent = body.features;
    const had = Array.isArray(held.features) ? held.features.filter(isRecord) : [];
    if (!Array.isArray(sent)) return body;
    const name = (v: unknown) => String(v).trim().toLowerCase();
    // As Azure reads a value: case aside, and a list's items (DiskControllerTypes) in any order.
    const value = (v: unknown) => String(v).split(",").map((x) => x.trim().toLowerCase()).sort().join(",");
    const changed = modelled(spec).flatMap((f) => (f.feature && touches(changes, f) ? [name(f.feature)] : []));
    const heldAs = (f: Record<string, unknown>) => had.find((h) => name(h.name) === name(f.name));
    const features = (sent as Record<string, unknown>[]).map((f) => {
        const h = heldAs(f);
        return h?.startsAtVersion !== undefined && value(h.value) === value(f.value) ? { ...f, startsAtVersion: h.startsAtVersion } : f;
    });
    for (const h of had) if (!changed.includes(name(h.name)) && !features.some((f) => name(f.name) === name(h.name))) features.push(h);
    const updating = features.length !== had.length || features.some((f) => { const h = heldAs(f); return h === undefined || value(h.value) !== value(f.value); });
    return { ...body, features, ...(updating ? { allowUpdateImage: true } : {}) };
}

/**
 * The read-only values Azure reports, dates as RFC 3339 strings, set at their output paths in `into`
 * (nested ones beside the inputs of the same object, e.g. `publishingProfile.publishedDate`).
 */
export function addOutputsFromModel(spec: ResourceSpec, model: unknown, into: Record<string, unknown>, clean: (text: string) => string = (t) => t): Record<string, unknown> {
    for (const o of spec.outputs) {
        const v = getPath(model, o.from);
        if (v !== undefined && v !== null) setPath(into, o.name, cleaned(v instanceof Date ? v.toISOString() : v, clean));
    }
    return into;
}

/**
 * A read-only value with every text in it passed through `clean`: Azure's own words (a region's
 * replication details) may quote an input, and these outputs are no input's echo, so the engine
 * does not keep them secret as it keeps the echo of a secret input.
 */
function cleaned(v: unknown, clean: (text: string) => string): unknown {
    if (typeof v === "string") return clean(v);
    if (Array.isArray(v)) return v.map((x) => cleaned(x, clean));
    if (v instanceof Date) return v;
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cleaned(x, clean)]));
    return v;
}

/**
 * The properties a resource registers so that Pulumi gives each an output even when the program
 * leaves it out: every input (its top-level name) and every value Azure reports.
 */
export function reportedProperties(spec: ResourceSpec): string[] {
    const top = (path: string) => path.split(".")[0];
    return [...new Set([...spec.fields.map((f) => top(f.path)), ...spec.outputs.map((o) => top(o.name))])];
}

function withoutKeys(v: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(v).filter(([k]) => !keys.some((r) => r.toLowerCase() === k.toLowerCase())));
}

/**
 * The inputs that would describe the resource as Azure reports it: what the program says of things
 * Azure does not hold (names, steering inputs such as timeouts), and Azure's own report of every
 * field it does; a field the program sets but Azure lacks stays absent, so it shows as a change.
 */
export function asAzureHas(spec: ResourceSpec, inputs: Inputs, model: unknown): Inputs {
    const steering = new Set(spec.fields.filter((f) => f.inModel === false).map((f) => f.path.split(".")[0]));
    const kept = Object.fromEntries(Object.entries(inputs).filter(([k]) => steering.has(k) || PULUMI_INPUTS.includes(k)));
    return { ...kept, ...fromModel(spec, model) };
}

/**
 * What to record of a value whose part Azure never reports (`reportedWithout`): where Azure's answer
 * is the program's value without that part, the program's value, so that the next diff compares the
 * part against what was sent. Only for the recorded outputs: whether Azure holds a write, or what an
 * adopted resource has, is judged on Azure's answer alone.
 */
export function withUnreportedParts(spec: ResourceSpec, inputs: Inputs, held: Inputs): Inputs {
    for (const f of leaves(spec.fields).filter((x) => x.reportedWithout === "query")) {
        const given = getPath(inputs, f.path);
        const reported = getPath(held, f.path);
        if (typeof given === "string" && !isUnknown(given) && typeof reported === "string" && queryOf(reported) === "" && withoutQuery(given) === reported) setPath(held, f.path, given);
    }
    return held;
}

/**
 * The member of a PUT or PATCH body that carries a change at this path (`features` for a feature
 * field); undefined for a field changed through an action (a gallery's `/share`), never in a body.
 */
export function requestMember(spec: ResourceSpec, path: string): string | undefined {
    const field = leaves(spec.fields).find((f) => path === f.path || path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`));
    if (field?.action) return undefined;
    return field?.feature ? "features" : path.split(/[.[]/)[0];
}

/**
 * The provisioning state Azure reports, where the kind's model holds it: at the top for the
 * client-flattened kinds, under `properties` for those that keep it (`propertiesAsWritten`).
 */
export function provisioningStateOf(spec: ResourceSpec, model: unknown): unknown {
    return getPath(model, spec.propertiesAsWritten ? "properties.provisioningState" : "provisioningState");
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
        const kept = f.reservedKeys && isRecord(v) ? withoutKeys(v, f.reservedKeys) : v;
        if (kept !== v && isEmpty(kept)) continue; // only the provider's own keys: the program set none
        setPath(out, f.path, f.feature ? decodeFeature(f, String(v)) : kept instanceof Date ? kept.toISOString() : kept);
    }
    return out;
}
