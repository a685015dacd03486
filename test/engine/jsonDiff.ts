/**
 * The nested differences between two sets of inputs, listed the way `pulumi preview --diff` lists
 * an update's changes: `~ path: old => new` for a changed value, `+ path: value` for one only the new
 * inputs have, `- path: value` for one only the old inputs had. Objects are compared member by member
 * and arrays element by element, by position, as the CLI compares lists. Values are plain JSON; this
 * knows nothing of the provider's own rules (case, region spellings), so it says what the program
 * changed, while whether that is an update or a replacement is the provider's Diff.
 */
export interface Change {
    kind: "+" | "-" | "~";
    /** `publishingProfile.targetRegions[0].regionalReplicaCount` */
    path: string;
    old?: unknown;
    new?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function jsonChanges(olds: unknown, news: unknown, path = ""): Change[] {
    if (same(olds, news)) return [];
    const at = (key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (olds === undefined) return [{ kind: "+", path, new: news }];
    if (news === undefined) return [{ kind: "-", path, old: olds }];
    if (isObject(olds) && isObject(news)) {
        const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].sort();
        return keys.flatMap((k) => jsonChanges(olds[k], news[k], at(k)));
    }
    if (Array.isArray(olds) && Array.isArray(news)) {
        return Array.from({ length: Math.max(olds.length, news.length) }, (_, i) => jsonChanges(olds[i], news[i], at(i))).flat();
    }
    return [{ kind: "~", path, old: olds, new: news }];
}

export function changeLine(c: Change): string {
    const show = (v: unknown) => JSON.stringify(v);
    return c.kind === "~" ? `~ ${c.path}: ${show(c.old)} => ${show(c.new)}` : `${c.kind} ${c.path}: ${show(c.kind === "+" ? c.new : c.old)}`;
}
