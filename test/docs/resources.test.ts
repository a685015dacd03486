/**
 * The reference pages (docs/resources/) are what `npm run docs` writes from the field tables, so they
 * cannot drift from them; and what each page says a change costs is what the diff does with it,
 * argument by argument, list elements included.
 */
import * as assert from "assert";
import { existsSync, readdirSync } from "fs";
import * as path from "path";
import { KINDS, KIND_NAMES } from "../../provider/schema/kinds";
import { diff } from "../../provider/schema/engine";
import { FieldSpec, Inputs, ResourceSpec } from "../../provider/schema/types";
import { getPath, setPath } from "../../provider/schema/values";
import { COSTS, NO_CHANGE, PAGES_DIR, pagePath, referencePages } from "../../scripts/docs/pages";
import { ROOT, read } from "./snippets";

type Cost = string;

/** Two different values a field can hold (`which` 0 or 1). */
function sample(f: FieldSpec, which: 0 | 1): unknown {
    if (f.enum) return f.type === "stringList" ? [f.enum[which]] : f.enum[which];
    const word = ["a", "b"][which];
    switch (f.type) {
        case "integer":
            return (f.min ?? 1) + which;
        case "boolean":
            return which === 1;
        case "date":
            return `${2031 + which}-01-01T00:00:00Z`;
        case "region":
            return ["westus", "eastus"][which];
        case "armId":
            return `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/images/${word}`;
        case "idMap":
            return { [`/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${word}`]: {} };
        case "stringMap":
            return { k: word };
        case "stringList":
            return [word];
        case "list":
            return [fullElement(f, which)];
        default:
            return f.updatablePart === "query" ? `https://account.blob.core.windows.net/c/${word}?sig=1` : word;
    }
}

const keyField = (list: FieldSpec) => list.items!.fields.find((g) => g.path === list.items!.key)!;

/** An element of a keyed list holding only its key. */
function keyedElement(list: FieldSpec, which: 0 | 1): Inputs {
    const el: Inputs = {};
    setPath(el, list.items!.key!, sample(keyField(list), which));
    return el;
}

/** An element with every member set. */
function fullElement(list: FieldSpec, which: 0 | 1): Inputs {
    const el: Inputs = {};
    for (const g of list.items!.fields) if (g.type !== "list") setPath(el, g.path, sample(g, which));
    return el;
}

/** Inputs holding `value` at `path` inside the elements of `chain` (the lists around it, outermost first), every key set. */
function place(chain: FieldSpec[], at: string, value: unknown): Inputs {
    let inner: Inputs = {};
    setPath(inner, at, value);
    for (let i = chain.length - 1; i >= 0; i--) {
        const list = chain[i];
        if (list.items?.key && getPath(inner, list.items.key) === undefined) setPath(inner, list.items.key, sample(keyField(list), 0));
        const outer: Inputs = {};
        setPath(outer, list.path, [inner]);
        inner = outer;
    }
    return inner;
}

/** What the diff makes of a change from `olds` to `news`, in the pages' words. */
function costOf(spec: ResourceSpec, olds: Inputs, news: Inputs): Cost {
    const changes = diff(spec, olds, news);
    if (changes.some((c) => c.onChange === "replace")) return COSTS.replace;
    return changes.length > 0 ? COSTS.update : NO_CHANGE;
}

/** The rows of a page's Arguments table: the cells after the argument, by argument. */
function argumentRows(markdown: string): Map<string, string[]> {
    const rows = new Map<string, string[]>();
    const start = markdown.indexOf("\n## Arguments\n");
    const section = markdown.slice(start, markdown.indexOf("\n## ", start + 1));
    for (const line of section.split("\n")) {
        const m = /^\| `([^`]+)` \|(.*)\|$/.exec(line);
        if (m) rows.set(m[1], m[2].split(/(?<!\\)\|/).map((c) => c.trim()));
    }
    return rows;
}

const ON_CHANGE = 3; // type, required, default, on change, rules

interface Finding {
    argument: string;
    problem: string;
}

/** Each argument of `fields` whose page row does not say what the diff does. */
function disagreements(spec: ResourceSpec, fields: FieldSpec[], rows: Map<string, string[]>, chain: FieldSpec[] = []): Finding[] {
    const label = (f: FieldSpec) => [...chain.map((l) => l.path), f.path].join("[].");
    return fields.flatMap((f): Finding[] => {
        const argument = label(f);
        const row = rows.get(argument);
        if (!row) return [{ argument, problem: "has no row" }];
        const said = row[ON_CHANGE];
        const found: Finding[] = [];
        const expect = (what: string, cost: Cost, pattern: RegExp) => {
            const m = pattern.exec(said);
            if (!m || m[1].trim() !== cost) found.push({ argument, problem: `says "${said}", but ${what} is ${cost} for the diff` });
        };
        if (f.type === "list" && f.items?.key) {
            const one = place(chain, f.path, [keyedElement(f, 0)]);
            const two = place(chain, f.path, [keyedElement(f, 0), keyedElement(f, 1)]);
            const [add, remove] = [costOf(spec, one, two), costOf(spec, two, one)];
            const both = /^adding or removing an element: ([a-z ]+?)(?:[;,]|$)/;
            if (both.test(said) && add === remove) expect("adding or removing an element", add, both);
            else {
                expect("adding an element", add, /^adding an element: ([a-z ]+?);/);
                expect("removing one", remove, /; removing one: ([a-z ]+?)(?: \(|[;,]|$)/);
            }
            found.push(...disagreements(spec, f.items.fields, rows, [...chain, f]));
            return found;
        }
        const [before, after] = [sample(f, 0), sample(f, 1)];
        expect("a change", costOf(spec, place(chain, f.path, before), place(chain, f.path, after)), /^([a-z ]+?)(?:[;,(:]|$)/);
        if (f.updatablePart === "query") {
            const token = String(before).replace("sig=1", "sig=2");
            expect("a change of the query alone", costOf(spec, place(chain, f.path, before), place(chain, f.path, token)), /a change of its query \(the SAS token\) alone: ([a-z ]+?)(?:;|$)/);
        }
        if (f.type === "list" && f.items) found.push(...disagreements(spec, f.items.fields, rows, [...chain, f]));
        return found;
    });
}

describe("the reference pages (docs/resources/)", function () {
    this.timeout(60_000);

    it("are what `npm run docs` writes from the field tables", () => {
        const pages = referencePages();
        const stale = [...pages].filter(([page, text]) => !existsSync(path.join(ROOT, page)) || read(page) !== text).map(([page]) => page);
        assert.deepStrictEqual(stale, [], `${stale.join(", ")} differ from the field tables: run \`npm run docs\` and commit what it writes`);
        const extra = readdirSync(path.join(ROOT, PAGES_DIR)).map((f) => `${PAGES_DIR}/${f}`).filter((f) => !pages.has(f));
        assert.deepStrictEqual(extra, [], `${extra.join(", ")} belong to no kind: run \`npm run docs\`, which removes them`);
    });

    it("have a page for every kind in the list of kinds, whose class the package exports", async () => {
        const exported = await import("../../provider");
        for (const kind of KIND_NAMES) {
            assert.ok(existsSync(path.join(ROOT, pagePath(kind))), `no page for ${kind}`);
            assert.match(read(pagePath(kind)), new RegExp(`^# ${KINDS[kind].kind}$`, "m"));
            assert.ok(KINDS[kind].kind in exported, `the package exports no ${KINDS[kind].kind}`);
        }
    });

    it("say of every argument what the diff does with a change: in place, replaces, or no change; for lists, adding and removing an element", () => {
        const findings = KIND_NAMES.flatMap((kind) =>
            disagreements(KINDS[kind], KINDS[kind].fields, argumentRows(read(pagePath(kind)))).map((f) => `${pagePath(kind)}: ${f.argument} ${f.problem}`),
        );
        assert.deepStrictEqual(findings, []);
    });

    it("the check of a page finds a row that says the opposite of the diff", () => {
        const spec = KINDS.galleryImage;
        const page = read(pagePath("galleryImage"));
        const wrong = page.replace(/^(\| `osType` \|(?:[^|]*\|){3}) replaces \|/m, "$1 in place |");
        assert.notStrictEqual(wrong, page);
        assert.deepStrictEqual(disagreements(spec, spec.fields, argumentRows(wrong)), [{ argument: "osType", problem: 'says "in place", but a change is replaces for the diff' }]);
    });
});
